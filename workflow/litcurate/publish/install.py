"""The published folder: versions never modified, ``current`` switched atomically.

A version is built in a hidden staging folder, renamed into ``versions/`` and only then
is ``current`` switched: that switch is the commit point. A failure before it removes
everything the publication created.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import secrets
import shutil
import tempfile
from pathlib import Path
from typing import Iterator

from litcurate.errors import PublishError
from litcurate.io import write_json, write_text
from litcurate.publish.changes import CHANGES_JSON, changes_markdown, heading

VERSIONS = "versions"
CURRENT = "current"
CHANGELOG = "CHANGELOG.md"
MANIFEST = "manifest.json"
CHANGES_MD = "changes.md"
META_FILES = {MANIFEST, CHANGES_JSON, CHANGES_MD}


def current_version(published: Path) -> Path | None:
    """The version ``current`` points to, or None before the first publication."""
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
    """The label given (refused if taken), or the run date with -2, -3, ... if taken."""
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


def install(published: Path, label: str, files: dict[str, bytes], changes: dict) -> Path:
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
    write_json(
        staging / MANIFEST,
        {
            "label": label,
            "run_date": changes["run_date"],
            "files": {
                rel: {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)} for rel, data in files.items()
            },
        },
    )
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


def append_changelog(published: Path, version: Path, previous: Path | None) -> None:
    """Append the version's entry; first re-add the previous one if a crash had lost it."""
    path = published / CHANGELOG
    text = path.read_text(encoding="utf-8") if path.is_file() else "# Changelog of the published dataset\n"
    for folder in (previous, version):
        entry = folder / CHANGES_MD if folder else None
        if entry and entry.is_file() and heading(folder.name) not in text:
            text = text.rstrip("\n") + "\n\n" + entry.read_text(encoding="utf-8")
    try:
        write_text(path, text)
    except OSError as exc:
        raise PublishError(
            f"published {version} but could not update {path} ({exc}); the entry is in {version / CHANGES_MD} "
            "and is added by the next publication"
        ) from exc


def make_dir(path: Path, created: list[Path]) -> None:
    """Create ``path`` if missing and remember it in ``created``."""
    if not path.is_dir():
        path.mkdir(parents=True)
        created.append(path)


@contextlib.contextmanager
def created_dirs() -> Iterator[list[Path]]:
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
def exclusive(published: Path) -> Iterator[None]:
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
