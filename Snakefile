# litcurate: PubMed search -> review-table extraction -> linking -> screening -> PRISMA + dataset.
# Rules are thin; every step calls one function of the litcurate package (workflow/litcurate).
from snakemake.exceptions import WorkflowError
from snakemake.utils import min_version, validate

from litcurate import __version__, stages
from litcurate.config_check import config_problem
from litcurate.run_summary import run_summary
from litcurate.rule_inputs import optional_file, search_inputs
from litcurate.sheet import load_reviews

min_version("9.0")


configfile: "config/config.yaml"


try:
    validate(config, "schemas/config.schema.yaml")
except WorkflowError as error:
    raise WorkflowError(config_problem(error)) from None

report: "report/workflow.rst"


# A rule's params are a rerun trigger: a new litcurate version recomputes every step.
SOFTWARE = f"litcurate {__version__}"
REVIEWS = load_reviews(config["reviews"])
REVIEW_IDS = sorted(REVIEWS)


include: "rules/search.smk"
include: "rules/extract.smk"
include: "rules/link.smk"
include: "rules/screen.smk"
include: "rules/report.smk"


rule all:
    default_target: True
    input:
        rules.prisma.output,
        rules.dataset.output,
        rules.qc.output,
        rules.screen.output.suggestions,


onsuccess:
    print(run_summary("results"))
