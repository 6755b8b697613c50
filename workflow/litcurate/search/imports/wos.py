"""Web of Science plain-text exports ('FN Clarivate Analytics Web of Science', 'PT J' ... 'ER', 'EF').

Two-letter tags, a space, the value; continuation lines start with three spaces and, for the
people and reference tags, hold one more name each.
"""

from __future__ import annotations

import re

from litcurate.search.imports import fields as f
from litcurate.search.imports.model import new_row
from litcurate.search.imports.tagged import Segmented, TaggedFormat, TaggedRecord, segment

_TAG = re.compile(r"^([A-Z][A-Z0-9])(?: (.*?))?[ \t]*$")

TYPES = {"J": "article", "B": "book", "S": "incollection", "P": "misc", "C": "inproceedings"}

WOS = TaggedFormat(
    name="Web of Science",
    tag=lambda line: (m.group(1), m.group(2) or "") if (m := _TAG.match(line)) else None,
    continues=lambda line: line.startswith("  "),
    start="PT",
    end="ER",
    file_tags=frozenset({"FN", "VR", "EF"}),
    list_tags=frozenset({"AU", "AF", "BA", "BF", "CA", "GP", "ED", "CR", "C1", "C3", "RP", "EM", "RI", "OI"}),
)


def parse(file: str, lines: list[str]) -> tuple[list[dict], Segmented]:
    """The records of a Web of Science plain-text file's ``lines``, as rows, and what segmenting found."""
    found = segment(file, lines, WOS, lambda record, header: _row(file, record))
    return found.records, found


def _row(file: str, record: TaggedRecord) -> dict:
    return row_from_tags(file, record.line, record.fields)


def row_from_tags(file: str, line: int, fields: dict[str, list[str]]) -> dict:
    """A row from Web of Science field tags (shared with the tab-delimited export)."""
    accession = f.first(fields, "UT")
    row = new_row(file, line)
    row.update(
        title=f.first(fields, "TI"),
        year=f.year(f.first(fields, "PY"), f.first(fields, "PD"), f.first(fields, "EA")),
        author=f.join(fields.get("AU") or fields.get("AF") or []),
        journal=f.first(fields, "SO", "SE", "BS"),
        volume=f.first(fields, "VL"),
        number=f.first(fields, "IS"),
        pages=f.pages(f.first(fields, "BP"), f.first(fields, "EP")) or f.first(fields, "AR"),
        doi=f.doi(*fields.get("DI", [])),
        abstract=f.first(fields, "AB"),
        pmid=f.first(fields, "PM") if f.first(fields, "PM").isdigit() else "",
        ENTRYTYPE=_type(f.first(fields, "PT"), f.first(fields, "DT")),
        isbn=f.isbn(*fields.get("BN", [])),
        accession=accession,
        source_database="Web of Science",
    )
    return row


def _type(publication_type: str, document_type: str) -> str:
    if "proceedings" in document_type.lower():
        return "inproceedings"
    return TYPES.get(publication_type.strip().upper(), "misc" if publication_type else "")
