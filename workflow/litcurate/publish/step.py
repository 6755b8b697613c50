"""Publish a finished workflow run as a new, never-modified version of the dataset.

Layout of the published folder::

    versions/<label>/      the run's deliverables (same relative paths as under results/),
                           manifest.json (sha256 of each), changes.json and changes.md
    current -> versions/<label>   relative symlink, switched atomically
    CHANGELOG.md           one entry per version, newest last

The run is read and checked in full before anything is written. The version is then
built in a hidden staging folder, renamed into ``versions/`` and only then is ``current``
switched: that switch is the commit point. A failure before it removes everything this
call created, so a reader of ``current/`` only ever sees a complete version and a failed
publication leaves the published folder as it was.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from litcurate.publish.changes import compare, record_and_study_counts
from litcurate.publish.checks import SEARCH_LOG, check_label, load_run, run_date_of
from litcurate.publish.guard import DEFAULT_MAX_DROP, check_drop, check_max_drop
from litcurate.publish.install import (
    VERSIONS,
    append_changelog,
    created_dirs,
    current_version,
    exclusive,
    install,
    make_dir,
    new_label,
    read_version,
)


@dataclass(frozen=True)
class Publication:
    path: Path  # the version that is current after the call
    status: str  # "published" or "unchanged"
    changes: dict[str, Any] | None

    def summary(self) -> str:
        """One line saying what the publication did."""
        if self.status == "unchanged":
            return f"unchanged: {self.path} is current"
        records, studies = self.changes["records"], self.changes["studies"]
        return (
            f"published {self.path}: records +{len(records['new'])} -{len(records['removed'])}, "
            f"studies +{len(studies['new'])} -{len(studies['removed'])}, "
            f"{len(studies['changed'])} changed value(s), {len(self.changes['prisma'])} PRISMA count(s) changed"
        )


def publish(
    results_dir: str | os.PathLike,
    published_dir: str | os.PathLike,
    *,
    label: str | None = None,
    max_drop: float = DEFAULT_MAX_DROP,
    allow_drop: bool = False,
) -> Path:
    """Publish ``results_dir`` as a new version; return the path of the current version."""
    return publish_run(results_dir, published_dir, label=label, max_drop=max_drop, allow_drop=allow_drop).path


def publish_run(
    results_dir: str | os.PathLike,
    published_dir: str | os.PathLike,
    *,
    label: str | None = None,
    max_drop: float = DEFAULT_MAX_DROP,
    allow_drop: bool = False,
) -> Publication:
    """Like :func:`publish`, also saying whether a version was made and what changed.

    More than ``max_drop`` (a share) of the current version's records or studies removed is
    refused unless ``allow_drop``."""
    results, published = Path(results_dir), Path(published_dir)
    if label is not None:
        check_label(label)
    check_max_drop(max_drop)
    files = load_run(results)
    run_date = run_date_of(files[SEARCH_LOG], results / SEARCH_LOG)
    with created_dirs() as created:
        make_dir(published, created)
        with exclusive(published):
            previous = current_version(published)
            old = read_version(previous) if previous else None
            if old == files:
                return Publication(previous, "unchanged", None)
            label = new_label(published, label, run_date)
            changes = {
                "label": label,
                "previous": previous.name if previous else None,
                "run_date": run_date,
                **compare(old, files),
            }
            if old is not None and not allow_drop:
                check_drop(changes, record_and_study_counts(old), max_drop)
            make_dir(published / VERSIONS, created)
            version = install(published, label, files, changes)
            created.clear()  # committed: the folders now hold a published version
            append_changelog(published, version, previous)
    return Publication(version, "published", changes)
