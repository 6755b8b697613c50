"""EndNote tagged ('refer') exports: '%T Title', '%A Author', records separated by blank lines.

A record may start with any tag ('%0 Journal Article' is optional); a line without '%' right after
a tag line continues that field.
"""

from __future__ import annotations

import re

from litcurate.search.imports import fields as f
from litcurate.search.imports.model import new_row
from litcurate.search.imports.tagged import Segmented, TaggedFormat, TaggedRecord, segment

_TAG = re.compile(r"^%([0-9A-Za-z@!#$&()*+,~^<>?\[\]|])(?:[ \t](.*?))?[ \t]*$")

TYPES = {
    "journal article": "article",
    "magazine article": "article",
    "conference paper": "inproceedings",
    "conference proceedings": "inproceedings",
    "book": "book",
    "edited book": "book",
    "book section": "incollection",
    "thesis": "thesis",
    "report": "report",
}

ENDNOTE = TaggedFormat(
    name="EndNote tagged",
    tag=lambda line: (m.group(1), m.group(2) or "") if (m := _TAG.match(line)) else None,
    continues=lambda line: not line.startswith("%"),
    comments=False,
    restart="0",
)


def parse(file: str, lines: list[str]) -> tuple[list[dict], Segmented]:
    """The records of an EndNote tagged file's ``lines``, as rows, and what segmenting found."""
    found = segment(file, lines, ENDNOTE, lambda record, header: _row(file, record))
    return found.records, found


def _row(file: str, record: TaggedRecord) -> dict:
    fields = record.fields
    kind = f.first(fields, "0").lower()
    row = new_row(file, record.line)
    row.update(
        title=f.first(fields, "T"),
        year=f.year(f.first(fields, "D"), f.first(fields, "8")),
        author=f.join(fields.get("A", [])),
        journal=f.first(fields, "J", "B"),
        volume=f.first(fields, "V"),
        number=f.first(fields, "N"),
        pages=f.first(fields, "P"),
        doi=f.doi(*fields.get("R", []), *fields.get("U", [])),
        abstract=f.first(fields, "X"),
        ENTRYTYPE=TYPES.get(kind, "misc" if kind else ""),
        url=f.first(fields, "U"),
        isbn=f.isbn(*fields.get("@", [])),
        accession=f.first(fields, "M"),
        source_database=f.first(fields, "~"),
    )
    return row
