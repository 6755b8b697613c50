"""RefWorks tagged exports (also offered by ProQuest and EBSCO): 'RT Journal Article', then
two-letter tags and a space ('A1 Smith, John', 'T1 Title', 'JF Journal', 'YR 2019'); records start
at 'RT' and are separated by blank lines."""

from __future__ import annotations

import re

from litcurate.search.imports import fields as f
from litcurate.search.imports.model import new_row
from litcurate.search.imports.tagged import Segmented, TaggedFormat, TaggedRecord, segment

_TAG = re.compile(r"^([A-Z][A-Z0-9])(?: (.*?))?[ \t]*$")

TYPES = {
    "journal article": "article",
    "journal, electronic": "article",
    "magazine article": "article",
    "conference proceedings": "inproceedings",
    "book, whole": "book",
    "book, section": "incollection",
    "dissertation/thesis": "thesis",
    "report": "report",
}

REFWORKS = TaggedFormat(
    name="RefWorks tagged",
    tag=lambda line: (m.group(1), m.group(2) or "") if (m := _TAG.match(line)) else None,
    continues=lambda line: True,
    restart="RT",
)


def parse(file: str, lines: list[str]) -> tuple[list[dict], Segmented]:
    """The records of a RefWorks tagged file's ``lines``, as rows, and what segmenting found."""
    found = segment(file, lines, REFWORKS, lambda record, header: _row(file, record))
    return found.records, found


def _row(file: str, record: TaggedRecord) -> dict:
    fields = record.fields
    row = new_row(file, record.line)
    row.update(
        ID=f.first(fields, "ID"),
        title=f.first(fields, "T1", "T2"),
        year=f.year(f.first(fields, "YR"), f.first(fields, "FD")),
        author=f.join(fields.get("A1", [])),
        journal=f.first(fields, "JF", "JO", "T2"),
        volume=f.first(fields, "VO"),
        number=f.first(fields, "IS"),
        pages=f.pages(f.first(fields, "SP"), f.first(fields, "OP")),
        doi=f.doi(*fields.get("DO", [])),
        abstract=f.first(fields, "AB"),
        ENTRYTYPE=TYPES.get(f.first(fields, "RT").lower(), "misc"),
        url=f.first(fields, "UL", "LK"),
        isbn=f.isbn(*fields.get("SN", [])),
        accession=f.first(fields, "AN"),
        source_database=f.first(fields, "DS"),
    )
    return row
