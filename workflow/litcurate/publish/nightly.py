"""The nightly job: rerun the workflow with a fresh search, then publish the run.

A failed workflow publishes nothing, so ``current`` keeps pointing at the last good version;
a run that fails the publication checks (or the drop guard) is refused the same way.

The night works on its own copy of ``results/``: before the run the last good results are
copied to ``.nightly/results``. Snakemake deletes the outputs of a failed step (and
``--forcerun search`` deletes the search's outputs before it starts), so after a failed or
refused night the working ``results/`` is moved to ``.nightly/failed-results`` for inspection
and the copy put back. A night killed before it could do that is repaired by the next one.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from litcurate.errors import PublishError
from litcurate.publish.guard import DEFAULT_MAX_DROP
from litcurate.publish.install import current_version
from litcurate.publish.quiet import check_unlocked
from litcurate.publish.step import publish_run

log = logging.getLogger(__name__)
workflow_log = logging.getLogger(f"{__name__}.snakemake")

SNAKEFILE_NAMES = ("Snakefile", "snakefile", "workflow/Snakefile", "workflow/snakefile")
# The line where Snakemake names what went wrong ("SheetError in file ...", "Error in rule x:").
ERROR_LINE = re.compile(r"^\s*\w*(Error|Exception)\b")
RESULTS = "results"
NIGHTLY = ".nightly"


def run_nightly(
    configfile: str | Path,
    published: str | Path,
    *,
    cores: int = 1,
    snakefile: str | Path | None = None,
    directory: str | Path = ".",
    max_drop: float = DEFAULT_MAX_DROP,
    allow_drop: bool = False,
) -> int:
    """Run the workflow in ``directory`` and publish its results; 0 on success, 1 otherwise."""
    directory, published = Path(directory).resolve(), Path(published).resolve()
    try:
        before = current_version(published)
    except PublishError as exc:
        log.error("cannot publish to %s: %s", published, exc)
        return 1
    log.info("current version: %s", before or "none yet")
    results, kept = directory / RESULTS, directory / NIGHTLY / RESULTS
    try:
        check_unlocked(results)  # another run's results/ is not ours to copy or put back
    except PublishError as exc:
        log.error("nightly not started: %s", exc)
        return 1
    restore_interrupted(results, kept)
    keep_copy(results, kept)
    command = workflow_command(
        Path(configfile).resolve(), cores=cores, snakefile=_snakefile(snakefile, directory), directory=directory
    )
    log.info("running: %s", shlex.join(command))
    code, reason = run_workflow(command, directory)
    if code != 0:
        log.error("workflow failed: %s; nothing published, current is still %s", reason, before or "none")
        put_back(results, kept)
        return 1
    try:
        publication = publish_run(results, published, max_drop=max_drop, allow_drop=allow_drop)
    except PublishError as exc:
        log.error("run not published: %s; current is still %s", exc, before or "none")
        put_back(results, kept)
        return 1
    shutil.rmtree(kept, ignore_errors=True)
    with contextlib.suppress(OSError):
        kept.parent.rmdir()  # unless a failed night's results are kept there
    log.info("%s", publication.summary())
    return 0


def keep_copy(results: Path, kept: Path) -> None:
    """Copy the last good ``results`` (times kept, so Snakemake sees them as they were) to ``kept``."""
    if not results.is_dir():
        return
    partial = kept.with_name(kept.name + ".part")
    shutil.rmtree(partial, ignore_errors=True)
    shutil.copytree(results, partial, symlinks=True)
    os.replace(partial, kept)


def put_back(results: Path, kept: Path) -> None:
    """Set the failed night's ``results`` aside and restore the last good copy."""
    if not kept.is_dir():
        return
    failed = kept.with_name("failed-results")
    shutil.rmtree(failed, ignore_errors=True)
    if results.exists():
        os.rename(results, failed)
        log.error("the failed night's results are in %s", failed)
    os.rename(kept, results)
    log.info("restored the last good run's results to %s", results)


def restore_interrupted(results: Path, kept: Path) -> None:
    """A night killed mid-run left its copy behind: the last good results are put back first."""
    if kept.is_dir():
        log.warning("an earlier night did not finish; restoring its copy of the last good results")
        put_back(results, kept)


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
