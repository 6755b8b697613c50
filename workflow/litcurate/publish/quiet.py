"""Is the workflow that wrote a results folder finished and quiet?

While Snakemake runs it holds lock files in ``<project>/.snakemake/locks/`` and marks each
output it is writing in ``<project>/.snakemake/incomplete/`` (file persistence, Snakemake's
default). A run read in that state mixes files of two runs (flow.json of the last run beside a
studies.csv of the new one), so it is not published. The project is the folder holding
``results/``: the workflow writes ``results/`` relative to its working directory.
"""

from __future__ import annotations

import base64
import binascii
from pathlib import Path

from litcurate.errors import PublishError

# Written by Snakemake itself while it migrates an old .snakemake folder; names no output.
MIGRATION_MARKER = "migration_underway"
MAX_LISTED = 5


def check_quiet(results: Path) -> None:
    """Raise PublishError while the workflow of ``results`` is running or left outputs unfinished."""
    check_unlocked(results)
    state = results.resolve().parent / ".snakemake"
    unfinished = incomplete_outputs(state / "incomplete")
    if unfinished:
        listed = ", ".join(unfinished[:MAX_LISTED]) + (" ..." if len(unfinished) > MAX_LISTED else "")
        raise PublishError(
            f"{len(unfinished)} output(s) of an unfinished run are marked incomplete in {state}: {listed}; "
            "finish the run with 'snakemake --rerun-incomplete', then publish"
        )


def check_unlocked(results: Path) -> None:
    """Raise PublishError while a workflow holds its lock in the project of ``results``."""
    project = results.resolve().parent
    locks = sorted(p for p in (project / ".snakemake/locks").glob("*.lock") if p.is_file())
    if locks:
        raise PublishError(
            f"the workflow is running in {project} (it holds {locks[0]}); publish once it has finished. "
            f"If no workflow is running (a run was killed), run 'snakemake --unlock' in {project}, then "
            "'snakemake --rerun-incomplete'"
        )


def incomplete_outputs(folder: Path) -> list[str]:
    """The outputs Snakemake marked incomplete in ``folder``, as the paths it wrote them under."""
    if not folder.is_dir():
        return []
    out = []
    for marker in sorted(p for p in folder.rglob("*") if p.is_file() and p.name != MIGRATION_MARKER):
        # A long name is split into folders, every part but the last starting with '@'.
        encoded = "".join(part.lstrip("@") for part in marker.relative_to(folder).parts)
        try:
            out.append(base64.urlsafe_b64decode(encoded).decode())
        except (binascii.Error, UnicodeDecodeError):
            out.append(str(marker))
    return out
