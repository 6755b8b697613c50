"""RIS (Research Information Systems) exports: every database's and reference manager's.

Accepted variations: vendor header lines before or between records ('Provider: ...', 'Database:
...', 'Content: ...'), comment lines, a record without its closing 'ER  -' (noted), continuation
lines, one to three spaces before the dash ('KW - x'), and the long tags some tools add
('PMID - ', 'ISSN - '). Maps TI/T1, AU/A1, PY/Y1/DA, JF/JO/T2, SP/EP, DO, UR/L1, SN (ISBN),
AN (accession), DB (database) and PMID onto :data:`~litcurate.search.imports.model.COLUMNS`.
"""

from __future__ import annotations

import re

from litcurate.search.imports import fields as f
from litcurate.search.imports.model import new_row
from litcurate.search.imports.tagged import Segmented, TaggedFormat, TaggedRecord, segment

_TAG = re.compile(r"^([A-Z][A-Z0-9])[ \t]{1,3}-(?:[ \t]+(.*?))?[ \t]*$")
# Tags longer than two letters are taken only from this list: "HIV - positive" in a wrapped
# abstract must stay text.
_LONG_TAG = re.compile(r"^(PMID|PMCID|ISSN|ISBN|DOI)[ \t]{0,3}-(?:[ \t]+(.*?))?[ \t]*$")

TYPES = {
    "JOUR": "article",
    "JFULL": "article",
    "EJOUR": "article",
    "MGZN": "article",
    "NEWS": "article",
    "CONF": "inproceedings",
    "CPAPER": "inproceedings",
    "ABST": "abstract",
    "BOOK": "book",
    "EBOOK": "book",
    "CHAP": "incollection",
    "ECHAP": "incollection",
    "THES": "thesis",
    "RPRT": "report",
}


def ris_tag(line: str) -> tuple[str, str] | None:
    """``(tag, value)`` of a RIS tag line, else None."""
    if line[2:5] == "  -" and line[:1].isalpha() and line[:2].isupper() and line[1:2].isalnum():
        if len(line) == 5 or line[5] in " \t":  # the common 'TY  - JOUR' layout, without a regex
            return line[:2], line[6:].strip(" \t")
    match = _TAG.match(line) or _LONG_TAG.match(line)
    return (match.group(1), match.group(2) or "") if match else None


RIS = TaggedFormat(
    name="RIS",
    tag=ris_tag,
    continues=lambda line: True,
    start="TY",
    end="ER",
    list_tags=frozenset({"KW"}),
)


def parse(file: str, lines: list[str]) -> tuple[list[dict], Segmented]:
    """The records of a RIS file's ``lines``, as rows, and what segmenting found."""
    found = segment(file, lines, RIS, lambda record, header: _row(file, record, header.get("database", "")))
    return found.records, found


def _row(file: str, record: TaggedRecord, database: str) -> dict:
    fields = record.fields
    row = new_row(file, record.line)
    row.update(
        ID=f.first(fields, "ID"),
        title=f.first(fields, "TI", "T1", "CT", "BT"),
        year=f.year(f.first(fields, "PY"), f.first(fields, "Y1"), f.first(fields, "DA")),
        author=f.join(fields.get("AU") or fields.get("A1") or []),
        journal=f.first(fields, "JF", "JO", "T2", "JA", "J2", "J1", "BT"),
        volume=f.first(fields, "VL", "VO"),
        number=f.first(fields, "IS", "CP"),
        pages=f.pages(f.first(fields, "SP"), f.first(fields, "EP")),
        doi=f.doi(*fields.get("DO", []), *fields.get("M3", []), *fields.get("UR", [])),
        abstract=f.first(fields, "AB", "N2"),
        pmid=_pmid(fields),
        ENTRYTYPE=TYPES.get(f.first(fields, "TY").upper(), "misc"),
        url=f.first(fields, "UR", "L1", "L2", "LK"),
        isbn=f.isbn(*fields.get("SN", []), *fields.get("ISBN", []), *fields.get("BN", [])),
        accession=f.first(fields, "AN"),
        source_database=f.first(fields, "DB") or database,
    )
    return row


def _pmid(fields: dict[str, list[str]]) -> str:
    value = f.first(fields, "PMID")
    return value if value.isdigit() else ""
