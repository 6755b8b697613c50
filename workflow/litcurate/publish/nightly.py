"""The nightly job: rerun the workflow with a fresh search, then publish the run.

A failed workflow publishes nothing, so ``current`` keeps pointing at the last good version;
a run that fails the publication checks is refused the same way.
"""

from __future__ import annotations

import logging
import re
import shlex
import subprocess
import sys
from pathlib import Path

from litcurate.errors import PublishError
from litcurate.publish.install import current_version
from litcurate.publish.step import publish_run

log = logging.getLogger(__name__)
workflow_log = logging.getLogger(f"{__name__}.snakemake")

SNAKEFILE_NAMES = ("Snakefile", "snakefile", "workflow/Snakefile", "workflow/snakefile")
# The line where Snakemake names what went wrong ("SheetError in file ...", "Error in rule x:").
ERROR_LINE = re.compile(r"^\s*\w*(Error|Exception)\b")


def run_nightly(
    configfile: str | Path,
    published: str | Path,
    *,
    cores: int = 1,
    snakefile: str | Path | None = None,
    directory: str | Path = ".",
) -> int:
    """Run the workflow in ``directory`` and publish its results; 0 on success, 1 otherwise."""
    directory, published = Path(directory).resolve(), Path(published).resolve()
    try:
        before = current_version(published)
    except PublishError as exc:
        log.error("cannot publish to %s: %s", published, exc)
        return 1
    log.info("current version: %s", before or "none yet")
    command = workflow_command(
        Path(configfile).resolve(), cores=cores, snakefile=_snakefile(snakefile, directory), directory=directory
    )
    log.info("running: %s", shlex.join(command))
    code, reason = run_workflow(command, directory)
    if code != 0:
        log.error("workflow failed: %s; nothing published, current is still %s", reason, before or "none")
        return 1
    try:
        publication = publish_run(directory / "results", published)
    except PublishError as exc:
        log.error("run not published: %s; current is still %s", exc, before or "none")
        return 1
    log.info("%s", publication.summary())
    return 0


def workflow_command(configfile: Path, *, cores: int, snakefile: Path | None, directory: Path) -> list[str]:
    """The Snakemake command of a nightly run (search forced, incomplete outputs rerun)."""
    # --rerun-incomplete: a night killed mid-run leaves outputs marked incomplete, which
    # would otherwise make every later night refuse to start.
    command = [
        sys.executable,
        "-m",
        "snakemake",
        "--cores",
        str(cores),
        "--configfile",
        str(configfile),
        "--forcerun",
        "search",
        "--rerun-incomplete",
        "--directory",
        str(directory),
    ]
    if snakefile is not None:
        command += ["--snakefile", str(snakefile)]
    return command


def run_workflow(command: list[str], directory: Path) -> tuple[int, str]:
    """Run Snakemake, logging its output line by line; return its exit code and why it failed."""
    lines: list[str] = []
    with subprocess.Popen(
        command, cwd=directory, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace"
    ) as process:
        for line in process.stdout:
            line = line.rstrip("\n")
            lines.append(line)
            workflow_log.info("%s", line)
    code = process.returncode
    return code, "" if code == 0 else failure_reason(lines, code)


def failure_reason(lines: list[str], code: int) -> str:
    """Snakemake's first error line, followed while it ends in ':' ("RuleException:",
    "ValueError in file ..., line 3:") up to the message itself."""
    for i, line in enumerate(lines):
        if ERROR_LINE.match(line):
            parts = []
            for part in lines[i : i + 4]:
                parts.append(part.strip())
                if not part.rstrip().endswith(":"):
                    break
            return " ".join(part for part in parts if part)
    return f"snakemake exited with code {code}"


def _snakefile(given: str | Path | None, directory: Path) -> Path | None:
    """The Snakefile to run: the one given, else the project's own (found by Snakemake),
    else the one of the litcurate source checkout."""
    if given is not None:
        return Path(given).resolve()
    if any((directory / name).is_file() for name in SNAKEFILE_NAMES):
        return None
    bundled = Path(__file__).resolve().parents[3] / "Snakefile"  # <checkout>/workflow/litcurate/publish/
    return bundled if bundled.is_file() else None
