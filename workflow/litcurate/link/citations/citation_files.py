"""Read RIS, MEDLINE (.nbib) and CSV citation exports into one frame.

Every reader returns the columns of :data:`COLUMNS` as text (missing -> ``""``), one row
per record in file order. Problems raise :class:`CitationFileError` naming the file,
the record or row, and what was expected.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd

from litcurate.errors import CitationFileError

COLUMNS = [
    "ID",
    "title",
    "year",
    "author",
    "journal",
    "volume",
    "number",
    "pages",
    "doi",
    "abstract",
    "pmid",
    "ENTRYTYPE",
]
CSV_REQUIRED = ["ID", "title", "year", "author", "journal", "volume", "number", "pages"]
CSV_OPTIONAL = ["doi", "abstract", "pmid", "ENTRYTYPE", "booktitle"]
FORMATS = ("ris", "medline", "csv")


# --- format detection ---------------------------------------------------------

_RIS_LINE = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")
_MEDLINE_LINE = re.compile(r"^([A-Z][A-Z0-9 ]{1,3})- (.*)$")


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CitationFileError(f"{path}: file not found") from None
    except UnicodeDecodeError as exc:
        raise CitationFileError(f"{path}: byte {exc.start}: expected UTF-8 text") from None


def detect_format(path: str | os.PathLike, text: str | None = None) -> str:
    """``ris``, ``medline`` or ``csv`` from the first non-blank line, else the extension."""
    path = Path(path)
    text = _read_text(path) if text is None else text
    first = next((line for line in text.splitlines() if line.strip()), "")
    if _RIS_LINE.match(first):
        return "ris"
    if re.match(r"^PMID- ", first):
        return "medline"
    extension = path.suffix.lower()
    if extension in {".ris"}:
        return "ris"
    if extension in {".nbib", ".medline"}:
        return "medline"
    if extension in {".csv", ".tsv", ".txt"} or "," in first:
        return "csv"
    raise CitationFileError(f"{path}: cannot tell the format; expected RIS (TY  - ...), MEDLINE (PMID- ...) or CSV")


def read_citations(path: str | os.PathLike, fmt: str = "auto") -> pd.DataFrame:
    """Read a citation export; ``fmt`` is ``auto`` or one of :data:`FORMATS`."""
    path = Path(path)
    text = _read_text(path)
    fmt = detect_format(path, text) if fmt == "auto" else fmt
    if fmt == "ris":
        rows = _parse_ris(path, text)
    elif fmt == "medline":
        rows = _parse_medline(path, text)
    elif fmt == "csv":
        return _read_csv(path)
    else:
        raise CitationFileError(f"{path}: unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if not rows:
        raise CitationFileError(f"{path}: no records found")
    frame = pd.DataFrame(rows, columns=COLUMNS).fillna("")
    if frame["ID"].duplicated().any():
        # The same PMID exported twice is exactly what dedup looks for: number records instead.
        frame["ID"] = [f"rec{k:06d}" for k in range(1, len(frame) + 1)]
    return _check_ids(path, frame, "record")


# --- RIS ----------------------------------------------------------------------

_RIS_TYPES = {
    "JOUR": "article",
    "JFULL": "article",
    "EJOUR": "article",
    "CONF": "inproceedings",
    "CPAPER": "inproceedings",
    "ABST": "abstract",
    "BOOK": "book",
    "CHAP": "incollection",
    "THES": "thesis",
    "RPRT": "report",
}


def _parse_ris(path: Path, text: str) -> list[dict]:
    rows: list[dict] = []
    fields: dict[str, list[str]] | None = None
    last_tag = ""
    start_line = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _RIS_LINE.match(line)
        if match is None:
            if fields is None:
                raise CitationFileError(
                    f"{path}: line {number}: expected a tag line like 'TY  - JOUR', got {line[:40]!r}"
                )
            fields[last_tag][-1] += " " + line.strip()  # continuation of a wrapped field
            continue
        tag, value = match.group(1), (match.group(2) or "").strip()
        if tag == "TY":
            if fields is not None:
                raise CitationFileError(
                    f"{path}: record {len(rows) + 1} (line {start_line}): expected 'ER  -' before the next 'TY  -' at line {number}"
                )
            fields, start_line = {"TY": [value]}, number
        elif fields is None:
            raise CitationFileError(f"{path}: line {number}: expected 'TY  -' to start a record, got tag {tag}")
        elif tag == "ER":
            rows.append(_ris_row(fields, len(rows) + 1))
            fields = None
        else:
            fields.setdefault(tag, []).append(value)
        last_tag = tag
    if fields is not None:
        raise CitationFileError(
            f"{path}: record {len(rows) + 1} (line {start_line}): expected 'ER  -' at the end of the record"
        )
    return rows


def _first(fields: dict[str, list[str]], *tags: str) -> str:
    for tag in tags:
        for value in fields.get(tag, []):
            if value.strip():
                return value.strip()
    return ""


def _ris_row(fields: dict[str, list[str]], ordinal: int) -> dict:
    start, end = _first(fields, "SP"), _first(fields, "EP")
    pages = f"{start}-{end}" if start and end and end != start else start
    year = re.search(r"\d{4}", _first(fields, "PY", "Y1", "DA"))
    authors = fields.get("AU") or fields.get("A1") or []
    return {
        "ID": _first(fields, "ID") or f"rec{ordinal:06d}",
        "title": _first(fields, "TI", "T1", "CT"),
        "year": year.group() if year else "",
        "author": "; ".join(a.strip() for a in authors if a.strip()),
        "journal": _first(fields, "JF", "JO", "T2", "JA", "J2", "J1", "BT"),
        "volume": _first(fields, "VL"),
        "number": _first(fields, "IS", "CP"),
        "pages": pages,
        "doi": _first(fields, "DO"),
        "abstract": _first(fields, "AB", "N2"),
        "pmid": "",
        "ENTRYTYPE": _RIS_TYPES.get(_first(fields, "TY").upper(), "misc"),
    }


# --- MEDLINE / nbib -------------------------------------------------------------


def _parse_medline(path: Path, text: str) -> list[dict]:
    rows: list[dict] = []
    fields: dict[str, list[str]] = {}
    last_tag = ""
    start_line = 0
    for number, line in enumerate(text.splitlines() + [""], start=1):
        if not line.strip():
            if fields:
                rows.append(_medline_row(path, fields, len(rows) + 1, start_line))
                fields = {}
            continue
        if line.startswith("      ") and fields:
            fields[last_tag][-1] += " " + line.strip()
            continue
        match = _MEDLINE_LINE.match(line)
        if match is None:
            raise CitationFileError(
                f"{path}: line {number}: expected a MEDLINE tag line like 'TI  - ...', got {line[:40]!r}"
            )
        if not fields:
            start_line = number
        last_tag = match.group(1).strip()
        fields.setdefault(last_tag, []).append(match.group(2).strip())
    return rows


def _medline_row(path: Path, fields: dict[str, list[str]], ordinal: int, line: int) -> dict:
    if "PMID" not in fields and "TI" not in fields:
        raise CitationFileError(f"{path}: record {ordinal} (line {line}): expected a PMID or TI field")
    doi = next((v.split()[0] for v in fields.get("LID", []) + fields.get("AID", []) if v.endswith("[doi]")), "")
    year = re.search(r"\d{4}", _first(fields, "DP"))
    kinds = {v.lower() for v in fields.get("PT", [])}
    return {
        "ID": _first(fields, "PMID") or f"rec{ordinal:06d}",
        "title": _first(fields, "TI", "BTI"),
        "year": year.group() if year else "",
        "author": "; ".join(fields.get("AU") or fields.get("FAU") or []),
        "journal": _first(fields, "JT", "TA"),
        "volume": _first(fields, "VI"),
        "number": _first(fields, "IP"),
        "pages": _first(fields, "PG"),
        "doi": doi,
        "abstract": _first(fields, "AB"),
        "pmid": _first(fields, "PMID"),
        "ENTRYTYPE": "inproceedings" if "congress" in kinds else "article",
    }


# --- CSV ------------------------------------------------------------------------


def _read_csv(path: Path) -> pd.DataFrame:
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except pd.errors.ParserError as exc:
        raise CitationFileError(
            f"{path}: not a readable CSV ({exc}); expected columns {','.join(CSV_REQUIRED)}"
        ) from None
    except UnicodeDecodeError as exc:
        raise CitationFileError(f"{path}: byte {exc.start}: expected UTF-8 text") from None
    lower = {c.lower(): c for c in frame.columns}
    rename = {lower[c.lower()]: c for c in CSV_REQUIRED + CSV_OPTIONAL if c.lower() in lower}
    frame = frame.rename(columns=rename)
    if "number" not in frame.columns and "issue" in lower:
        frame = frame.rename(columns={lower["issue"]: "number"})
    missing = [c for c in CSV_REQUIRED if c not in frame.columns]
    if missing:
        raise CitationFileError(
            f"{path}: missing column(s) {', '.join(missing)}; expected columns "
            f"{','.join(CSV_REQUIRED)} (number may be called issue) and optionally {','.join(CSV_OPTIONAL)}"
        )
    if "journal" in frame.columns and "booktitle" in frame.columns:
        frame["journal"] = frame["journal"].where(frame["journal"].str.strip() != "", frame["booktitle"])
    for column in COLUMNS:
        if column not in frame.columns:
            frame[column] = ""
    frame = frame[COLUMNS].apply(lambda col: col.str.strip())
    _check_years(path, frame)
    return _check_ids(path, frame, "row")


def _check_years(path: Path, frame: pd.DataFrame) -> None:
    bad = frame.index[(frame["year"] != "") & ~frame["year"].str.contains(r"\b(?:1[5-9]|20)\d\d\b", regex=True)]
    if len(bad):
        row = int(bad[0]) + 1
        raise CitationFileError(
            f"{path}: row {row} (ID {frame.at[bad[0], 'ID']!r}), column year: expected a 4-digit year, got {frame.at[bad[0], 'year']!r}"
        )


def _check_ids(path: Path, frame: pd.DataFrame, unit: str) -> pd.DataFrame:
    empty = frame.index[frame["ID"].str.strip() == ""]
    if len(empty):
        raise CitationFileError(f"{path}: {unit} {int(empty[0]) + 1}, column ID: expected a non-empty identifier")
    duplicated = frame["ID"].duplicated(keep=False)
    if duplicated.any():
        first = frame.loc[duplicated, "ID"].iloc[0]
        rows = [str(int(i) + 1) for i in frame.index[frame["ID"] == first]]
        raise CitationFileError(
            f"{path}: {unit}s {', '.join(rows)}, column ID: expected unique identifiers, {first!r} repeats"
        )
    return frame.reset_index(drop=True)
