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

import contextlib
import errno
import fcntl
import hashlib
import io
import json
import os
import re
import secrets
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import pandas as pd

from litcurate.io import read_csv, write_json, write_text
from litcurate.prisma import arithmetic_errors
from litcurate.schemas.all_records import all_records
from litcurate.schemas.dataset import conflicts, dataset_studies, dictionary_schema
from litcurate.schemas.link import publications
from litcurate.validate import TableInvalid, validate

FLOW = "prisma/flow.json"
STUDIES = "dataset/studies.csv"
RECORDS = "records/all.csv"
SEARCH_LOG = "search/search_log.json"
REQUIRED = (
    FLOW,
    "prisma/flow.svg",
    STUDIES,
    "dataset/conflicts.csv",
    "dataset/dictionary.csv",
    RECORDS,
    "link/publications.csv",
    SEARCH_LOG,
)
# Published when the run has them (workflows of other versions or configs may not).
OPTIONAL = ("dataset/outcomes.csv", "prisma/flow.csv", "prisma/flow.png", "qc/summary.json", "qc/warnings.csv")
# Tables re-validated before publication: what the workflow validated may have been edited since.
SCHEMAS = {
    STUDIES: dataset_studies,
    "dataset/conflicts.csv": conflicts,
    "dataset/dictionary.csv": dictionary_schema,
    RECORDS: all_records,
    "link/publications.csv": publications,
}

VERSIONS = "versions"
CURRENT = "current"
CHANGELOG = "CHANGELOG.md"
MANIFEST = "manifest.json"
CHANGES_JSON = "changes.json"
CHANGES_MD = "changes.md"
META_FILES = {MANIFEST, CHANGES_JSON, CHANGES_MD}
LABEL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
MAX_LISTED = 50

class PublishError(RuntimeError):
    """The run cannot be published; the published folder was left as it was."""


@dataclass(frozen=True)
class Publication:
    path: Path                 # the version that is current after the call
    status: str                # "published" or "unchanged"
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


def publish(results_dir: str | os.PathLike, published_dir: str | os.PathLike, *, label: str | None = None) -> Path:
    """Publish ``results_dir`` as a new version; return the path of the current version."""
    return publish_run(results_dir, published_dir, label=label).path


def publish_run(results_dir: str | os.PathLike, published_dir: str | os.PathLike, *,
                label: str | None = None) -> Publication:
    """Like :func:`publish`, also saying whether a version was made and what changed."""
    results, published = Path(results_dir), Path(published_dir)
    if label is not None:
        check_label(label)
    files = load_run(results)
    run_date = run_date_of(files[SEARCH_LOG], results / SEARCH_LOG)
    with _created_dirs() as created:
        _make_dir(published, created)
        with _exclusive(published):
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
            _make_dir(published / VERSIONS, created)
            version = _install(published, label, files, changes)
            created.clear()  # committed: the folders now hold a published version
            _append_changelog(published, version, previous)
    return Publication(version, "published", changes)


# --- reading and checking a run -------------------------------------------------------------


def load_run(results: Path) -> dict[str, bytes]:
    """The deliverables of a finished run, read once and checked; raise PublishError if not fit."""
    if not results.is_dir():
        raise PublishError(f"{results}: results folder not found")
    missing = [str(results / rel) for rel in REQUIRED if not (results / rel).is_file()]
    if missing:
        raise PublishError("run incomplete, missing: " + ", ".join(missing))
    names = list(REQUIRED) + [rel for rel in OPTIONAL if (results / rel).is_file()]
    files = {rel: (results / rel).read_bytes() for rel in sorted(names)}
    check_flow(files[FLOW], results / FLOW)
    for rel, schema in SCHEMAS.items():
        check_table(files[rel], schema, results / rel)
    return files


def check_flow(data: bytes, path: Path) -> None:
    try:
        errors = arithmetic_errors(json.loads(data))
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise PublishError(f"{path}: not a PRISMA flow ({exc!r})") from None
    if errors:
        raise PublishError(f"{path}: PRISMA counts do not add up: " + "; ".join(errors))


def check_table(data: bytes, schema, path: Path) -> None:
    try:
        validate(_frame(data), schema, path)
    except TableInvalid as exc:
        raise PublishError(str(exc)) from None
    except ValueError as exc:  # pandas' parser errors included
        raise PublishError(f"{path}: unreadable table ({exc})") from None


def run_date_of(data: bytes, path: Path) -> str:
    """YYYY-MM-DD of the search's run timestamp (a date or an ISO 8601 UTC time)."""
    try:
        stamp = json.loads(data)["run_timestamp"]
    except (ValueError, KeyError, TypeError) as exc:
        raise PublishError(f"{path}: no run_timestamp ({exc!r})") from None
    found = re.match(r"^(\d{4}-\d{2}-\d{2})", str(stamp))
    if not found:
        raise PublishError(f"{path}: run_timestamp {stamp!r} does not start with a YYYY-MM-DD date")
    return found.group(1)


def check_label(label: str) -> None:
    if not LABEL.match(label):
        raise PublishError(f"label {label!r}: use letters, digits, '.', '_' and '-' (not first)")


def _frame(data: bytes | None) -> pd.DataFrame | None:
    return None if data is None else read_csv(io.BytesIO(data))


# --- the published folder -------------------------------------------------------------------


def current_version(published: Path) -> Path | None:
    link = published / CURRENT
    if not link.is_symlink():
        if link.exists():
            raise PublishError(f"{link} is not a symlink; refusing to publish over it")
        return None
    target = published / os.readlink(link)
    if not target.is_dir():
        raise PublishError(f"{link} points to {target}, which is not a version folder")
    return target


def read_version(version: Path) -> dict[str, bytes]:
    """A version's deliverables (its own manifest and changelog left out)."""
    return {
        path.relative_to(version).as_posix(): path.read_bytes()
        for path in sorted(version.rglob("*"))
        if path.is_file() and path.relative_to(version).as_posix() not in META_FILES
    }


def new_label(published: Path, label: str | None, run_date: str) -> str:
    versions = published / VERSIONS
    if label is not None:
        if (versions / label).exists():
            raise PublishError(f"version {label!r} already exists in {versions}")
        return label
    candidate, n = run_date, 1
    while (versions / candidate).exists():
        n += 1
        candidate = f"{run_date}-{n}"
    return candidate


def _install(published: Path, label: str, files: dict[str, bytes], changes: dict) -> Path:
    """Build the version, move it into versions/ and switch ``current`` to it."""
    target = published / VERSIONS / label
    staging = Path(tempfile.mkdtemp(prefix=f".staging-{label}-", dir=published))
    link_tmp = published / f".{CURRENT}-{secrets.token_hex(6)}"
    moved = switched = False
    try:
        _fill(staging, label, files, changes)
        os.rename(staging, target)
        moved = True
        os.symlink(Path(VERSIONS) / label, link_tmp)
        os.replace(link_tmp, published / CURRENT)
        switched = True
    except BaseException as exc:
        if not switched:
            _discard(link_tmp, target if moved else staging)
        if isinstance(exc, OSError):
            raise PublishError(f"could not publish {target} ({exc}); {published} left as it was") from exc
        raise
    _fsync(published)
    return target


def _fill(staging: Path, label: str, files: dict[str, bytes], changes: dict) -> None:
    for rel, data in files.items():
        path = staging / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    write_json(staging / MANIFEST, {
        "label": label,
        "run_date": changes["run_date"],
        "files": {rel: {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)} for rel, data in files.items()},
    })
    write_json(staging / CHANGES_JSON, changes)
    write_text(staging / CHANGES_MD, changes_markdown(changes))
    # mkdtemp makes a private folder; a version is as readable as any other output.
    os.chmod(staging, 0o777 & ~_umask())
    for folder in [staging, *(p for p in staging.rglob("*") if p.is_dir())]:
        _fsync(folder)


def _discard(link_tmp: Path, folder: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        link_tmp.unlink()
    shutil.rmtree(folder, ignore_errors=True)


def _append_changelog(published: Path, version: Path, previous: Path | None) -> None:
    """Append the version's entry; first re-add the previous one if a crash had lost it."""
    path = published / CHANGELOG
    text = path.read_text(encoding="utf-8") if path.is_file() else "# Changelog of the published dataset\n"
    for folder in (previous, version):
        entry = folder / CHANGES_MD if folder else None
        if entry and entry.is_file() and _heading(folder.name) not in text:
            text = text.rstrip("\n") + "\n\n" + entry.read_text(encoding="utf-8")
    try:
        write_text(path, text)
    except OSError as exc:
        raise PublishError(
            f"published {version} but could not update {path} ({exc}); the entry is in {version / CHANGES_MD} "
            "and is added by the next publication"
        ) from exc


def _make_dir(path: Path, created: list[Path]) -> None:
    if not path.is_dir():
        path.mkdir(parents=True)
        created.append(path)


@contextlib.contextmanager
def _created_dirs() -> Iterator[list[Path]]:
    """Folders made by this call; removed again (if still empty) when the call fails."""
    created: list[Path] = []
    try:
        yield created
    except BaseException:
        for path in reversed(created):
            with contextlib.suppress(OSError):
                path.rmdir()
        raise


@contextlib.contextmanager
def _exclusive(published: Path) -> Iterator[None]:
    """Hold a lock on the published folder itself (no lock file to leave behind)."""
    fd = os.open(published, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
                raise PublishError(f"{published} is being published by another process") from None
            raise
        yield
    finally:
        os.close(fd)


def _fsync(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# --- what changed ---------------------------------------------------------------------------


def compare(old: dict[str, bytes] | None, new: dict[str, bytes]) -> dict[str, Any]:
    """Records, studies, study values, PRISMA counts and files of ``new`` against ``old``
    (None for the first publication, when everything is new)."""
    old = old or {}
    old_records, new_records = _ids(old.get(RECORDS), "record_id"), _ids(new.get(RECORDS), "record_id")
    old_studies, new_studies = _frame(old.get(STUDIES)), _frame(new.get(STUDIES))
    old_ids, new_ids = _ids(old.get(STUDIES), "study_id"), _ids(new.get(STUDIES), "study_id")
    return {
        "records": {"new": sorted(new_records - old_records), "removed": sorted(old_records - new_records)},
        "studies": {
            "new": sorted(new_ids - old_ids),
            "removed": sorted(old_ids - new_ids),
            "changed": changed_values(old_studies, new_studies),
        },
        "prisma": prisma_changes(_json(old.get(FLOW)), _json(new.get(FLOW))),
        "files": {
            "added": sorted(set(new) - set(old)),
            "removed": sorted(set(old) - set(new)),
            "changed": sorted(rel for rel in set(old) & set(new) if old[rel] != new[rel]),
        },
    }


def changed_values(old: pd.DataFrame | None, new: pd.DataFrame | None) -> list[dict[str, Any]]:
    """(study, field, old, new) for every study in both tables whose value differs."""
    if old is None or new is None:
        return []
    before, after = old.set_index("study_id"), new.set_index("study_id")
    fields = list(after.columns) + [c for c in before.columns if c not in after.columns]
    out = []
    for study_id in sorted(set(before.index) & set(after.index)):
        for field in fields:
            was = _cell(before, study_id, field)
            now = _cell(after, study_id, field)
            if was != now:
                out.append({"study_id": study_id, "field": field, "old": was, "new": now})
    return out


def prisma_changes(old: dict | None, new: dict | None) -> list[dict[str, Any]]:
    before, after = _counts(old or {}), _counts(new or {})
    return [
        {"count": key, "old": before.get(key), "new": after.get(key)}
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    ]


def _counts(flow: dict, prefix: str = "") -> dict[str, int]:
    """Every number of the flow under a dotted key, e.g. ``databases.records_screened``."""
    out: dict[str, int] = {}
    for key, value in flow.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_counts(value, name + "."))
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            out[name] = value
    return out


def _ids(data: bytes | None, column: str) -> set[str]:
    frame = _frame(data)
    return set() if frame is None else set(frame[column].dropna())


def _cell(frame: pd.DataFrame, row: str, column: str) -> str | None:
    if column not in frame.columns:
        return None
    value = frame.at[row, column]
    return None if pd.isna(value) else str(value)


def _json(data: bytes | None) -> dict | None:
    return None if data is None else json.loads(data)


# --- the human-readable entry ---------------------------------------------------------------


def _heading(label: str) -> str:
    return f"\n## {label}\n"


def changes_markdown(changes: dict[str, Any]) -> str:
    records, studies, prisma, files = (changes[k] for k in ("records", "studies", "prisma", "files"))
    against = f"compared with version {changes['previous']}" if changes["previous"] else "first publication"
    lines = [
        f"## {changes['label']}",
        "",
        f"Search run {changes['run_date']}; {against}.",
        "",
        f"- records: {len(records['new'])} new, {len(records['removed'])} removed",
        f"- studies: {len(studies['new'])} new, {len(studies['removed'])} removed, "
        f"{len(studies['changed'])} changed value(s)",
        f"- PRISMA counts changed: {len(prisma)}",
        f"- files: {len(files['added'])} added, {len(files['removed'])} removed, "
        f"changed: {', '.join(files['changed']) or 'none'}",
    ]
    more = f"versions/{changes['label']}/{CHANGES_JSON}"
    lines += _section("New records", records["new"], more)
    lines += _section("Removed records", records["removed"], more)
    lines += _section("New studies", studies["new"], more)
    lines += _section("Removed studies", studies["removed"], more)
    lines += _section("Changed values", [
        f"{c['study_id']} {c['field']}: {_shown(c['old'])} -> {_shown(c['new'])}" for c in studies["changed"]
    ], more)
    lines += _section("PRISMA counts", [f"{c['count']}: {_shown(c['old'])} -> {_shown(c['new'])}" for c in prisma], more)
    return "\n".join(lines) + "\n"


def _section(title: str, items: list[str], more: str) -> list[str]:
    if not items:
        return []
    lines = ["", f"### {title}", ""] + [f"- {item}" for item in items[:MAX_LISTED]]
    if len(items) > MAX_LISTED:
        lines.append(f"- ... and {len(items) - MAX_LISTED} more (see {more})")
    return lines


def _shown(value: Any) -> str:
    return "(empty)" if value is None else str(value)
