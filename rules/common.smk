# Shared by the files in rules/ -- the step modules of the package, the names the rules use,
# wildcard constraints and input functions. Rules stay thin: inputs, outputs, one call.
import re
from pathlib import Path

from litcurate import __version__
from litcurate.config import load_reviews
from litcurate.harmonise.codebook import load_codebook
import litcurate.extract.step as extract_step
import litcurate.harmonise.step as harmonise_step
import litcurate.link.step as link_step
import litcurate.report.step as report_step
import litcurate.screen.step as screen_step
import litcurate.search.step as search_step
from litcurate.search.registers.search import enabled as registers_enabled

# A rule's params are a rerun trigger: a new litcurate version recomputes every step.
SOFTWARE = f"litcurate {__version__}"
REVIEWS = load_reviews(config["reviews"])
REVIEW_IDS = sorted(REVIEWS)
# The codebook is checked here, at start-up: a bad field stops the run before any step.
CODEBOOK_PATH = config.get("codebook")
CODEBOOK = load_codebook(CODEBOOK_PATH)
CODEBOOK_FILES = [CODEBOOK_PATH] if CODEBOOK_PATH else []
SNAPSHOT_FILES = ("esearch.xml", "efetch.xml", "snapshot.json")
REGISTERS_ON = registers_enabled(config.get("registers"))


wildcard_constraints:
    review="|".join(re.escape(r) for r in REVIEW_IDS) or "(?!)",


def search_inputs(wildcards):
    """A snapshot search depends on its files; a live search has no file inputs."""
    pubmed = config["pubmed"]
    if pubmed["source"] != "snapshot":
        return []
    return [str(Path(pubmed["snapshot_dir"]) / name) for name in SNAPSHOT_FILES]


def register_inputs(wildcards):
    """A ClinicalTrials.gov snapshot and the ICTRP exports are the registers' file inputs."""
    registers = config["registers"]
    ctgov = registers.get("clinicaltrials_gov") or {}
    files = [export["path"] for export in registers.get("ictrp") or []]
    if ctgov and ctgov.get("source", "snapshot") == "snapshot":
        files.append(str(Path(ctgov.get("snapshot_dir", "resources/ctgov")) / "studies.json"))
    return files


def optional_file(path):
    """A reviewer file that may not exist yet (no overrides recorded) is no input at all."""
    return [path] if Path(path).exists() else []


def review_pdf(wildcards):
    """The PDF the reviews sheet gives for a review."""
    return REVIEWS[wildcards.review]["pdf"]


def review_hints(wildcards):
    """The extraction hints the reviews sheet gives for a review (pages, caption, columns)."""
    return REVIEWS[wildcards.review]["hints"]
