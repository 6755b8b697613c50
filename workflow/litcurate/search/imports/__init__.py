"""Reading the exports of bibliographic databases and reference managers.

:func:`read_export` reads one file in any of :data:`FORMATS` (told from its content) into
:class:`ImportResult`: one row per record with the columns of :data:`COLUMNS` as text, each
row keeping its file, first line and source database, and the :class:`ImportProblem` list of
lines that were not taken as data (file, line, text, why). Only a file that cannot be read at
all (not UTF-8/UTF-16, no record in it, a table without a title column, identifiers that
repeat in a CSV's ID column) raises :class:`~litcurate.errors.CitationFileError`.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pandas as pd

from litcurate.errors import CitationFileError
from litcurate.search.imports import bibtex, endnote, medline, refworks, ris, tables, wos
from litcurate.search.imports.detect import FORMATS, detect
from litcurate.search.imports.model import COLUMNS, ImportProblem, ImportResult
from litcurate.search.imports.textfile import physical_lines, read_text

__all__ = ["COLUMNS", "FORMATS", "ImportProblem", "ImportResult", "detect_format", "read_citations", "read_export"]

logger = logging.getLogger(__name__)
_TAGGED = {
    "ris": ris.parse,
    "medline": medline.parse,
    "endnote": endnote.parse,
    "wos": wos.parse,
    "refworks": refworks.parse,
}


def detect_format(path: str | os.PathLike, text: str | None = None) -> str:
    """One of :data:`FORMATS`, told from the content of the file (or ``text``)."""
    text = read_text(path) if text is None else text
    return detect(path, physical_lines(text))


def read_export(path: str | os.PathLike, fmt: str = "auto") -> ImportResult:
    """Read a database export; ``fmt`` is ``auto`` or one of :data:`FORMATS`."""
    path = Path(path)
    text = read_text(path)
    lines = physical_lines(text)
    fmt = detect(path, lines) if fmt == "auto" else fmt
    file = str(path)
    if fmt in _TAGGED:
        rows, found = _TAGGED[fmt](file, lines)
    elif fmt == "bibtex":
        rows, found = bibtex.parse(file, text)
    elif fmt in ("csv", "wos_tab"):
        rows, found = tables.parse(file, text)
    else:
        raise CitationFileError(f"{path}: unknown format {fmt!r}; expected one of auto, {', '.join(FORMATS)}")
    if not rows:
        first = f"; line {found.problems[0].line}: {found.problems[0].message}" if found.problems else ""
        raise CitationFileError(f"{path}: no records found reading it as {fmt}{first}")
    frame = pd.DataFrame(rows, columns=COLUMNS).fillna("")
    frame = _identify(path, frame, explicit_ids=fmt == "csv" and any(r["ID"] for r in rows))
    return ImportResult(frame, sorted(found.problems, key=lambda p: p.line), fmt)


def read_citations(path: str | os.PathLike, fmt: str = "auto") -> pd.DataFrame:
    """The records of :func:`read_export`; its problems are logged as warnings."""
    result = read_export(path, fmt)
    for problem in result.problems:
        logger.warning("%s", problem)
    return result.records


def _identify(path: Path, frame: pd.DataFrame, explicit_ids: bool) -> pd.DataFrame:
    """Record ids: a CSV's own ID column must be complete and unique; other formats keep the
    ids they carry (RIS ID, PMID, BibTeX key) while unique, else number records in file order."""
    if explicit_ids:
        return _check_ids(path, frame)
    ids = frame["ID"].str.strip()
    if (ids == "").any() or ids.duplicated().any():
        # The same PMID exported twice is exactly what dedup looks for: number records instead.
        frame["ID"] = [f"rec{k:06d}" for k in range(1, len(frame) + 1)]
    return frame


def _check_ids(path: Path, frame: pd.DataFrame) -> pd.DataFrame:
    empty = frame.index[frame["ID"].str.strip() == ""]
    if len(empty):
        raise CitationFileError(
            f"{path}: line {frame.at[empty[0], 'source_line']} (row {int(empty[0]) + 1}), column ID: "
            "expected a non-empty identifier"
        )
    duplicated = frame["ID"].duplicated(keep=False)
    if duplicated.any():
        first = frame.loc[duplicated, "ID"].iloc[0]
        lines = ", ".join(frame.loc[frame["ID"] == first, "source_line"])
        raise CitationFileError(f"{path}: lines {lines}, column ID: expected unique identifiers, {first!r} repeats")
    return frame
