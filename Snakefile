# litcurate: PubMed search -> review-table extraction -> linking -> screening -> PRISMA + dataset.
# Rules are thin: each calls the step module of its stage's package (workflow/litcurate/<stage>/step.py).
from snakemake.exceptions import WorkflowError
from snakemake.utils import min_version, validate

from litcurate.config import check_config, config_problem
from litcurate.report.summary import run_summary

min_version("9.0")


configfile: "config/config.yaml"


try:
    validate(config, "schemas/config.schema.yaml")
except WorkflowError as error:
    raise WorkflowError(config_problem(error)) from None
check_config(config)


report: "report/workflow.rst"


include: "rules/common.smk"
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
        rules.link.output.relations,
        rules.search_log.output,


onsuccess:
    print(run_summary("results"))
