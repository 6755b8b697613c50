"""BibTeX exports, read by bibtexparser (v2), which keeps each block's line.

A block bibtexparser cannot parse is reported with its first line; an entry whose key repeats
is kept (deduplication is the point) and noted.
"""

from __future__ import annotations

import logging

import bibtexparser
from bibtexparser.model import DuplicateBlockKeyBlock, Entry, ParsingFailedBlock

from litcurate.search.imports import fields as f
from litcurate.search.imports.model import ImportProblem, new_row
from litcurate.search.imports.tagged import Segmented

TYPES = {"article": "article", "inproceedings": "inproceedings", "conference": "inproceedings", "book": "book"}
TYPES |= {"incollection": "incollection", "inbook": "incollection", "phdthesis": "thesis", "mastersthesis": "thesis"}
TYPES |= {"techreport": "report"}


def parse(file: str, text: str) -> tuple[list[dict], Segmented]:
    """The entries of a BibTeX file's ``text``, as rows, and the blocks that failed."""
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)  # failures are reported below instead
    library = bibtexparser.parse_string(text)
    lines = text.splitlines()
    found = Segmented()
    rows = []
    for block in library.blocks:
        line = block.start_line + 1
        first_line = lines[block.start_line] if block.start_line < len(lines) else ""
        if isinstance(block, DuplicateBlockKeyBlock) and isinstance(block.ignore_error_block, Entry):
            found.problems.append(ImportProblem(file, line, first_line, f"entry key {block.key!r} repeats; kept"))
            rows.append(_row(file, block.ignore_error_block))
        elif isinstance(block, ParsingFailedBlock):
            reason = getattr(block.error, "abort_reason", "") or str(block.error or "") or "cannot be parsed"
            found.problems.append(ImportProblem(file, line, first_line, f"unreadable BibTeX block: {reason}"))
        elif isinstance(block, Entry):
            rows.append(_row(file, block))
    return rows, found


def _row(file: str, entry: Entry) -> dict:
    fields = {name.lower(): [str(field.value)] for name, field in entry.fields_dict.items()}
    authors = f.first(fields, "author")
    row = new_row(file, entry.start_line + 1)
    row.update(
        ID=entry.key,
        title=_plain(f.first(fields, "title")),
        year=f.year(f.first(fields, "year"), f.first(fields, "date")),
        author="; ".join(a.strip() for a in authors.replace("\n", " ").split(" and ") if a.strip()),
        journal=_plain(f.first(fields, "journal", "journaltitle", "booktitle")),
        volume=f.first(fields, "volume"),
        number=f.first(fields, "number", "issue"),
        pages=f.first(fields, "pages").replace("--", "-"),
        doi=f.doi(f.first(fields, "doi")),
        abstract=f.first(fields, "abstract"),
        pmid=f.first(fields, "pmid") if f.first(fields, "pmid").isdigit() else "",
        ENTRYTYPE=TYPES.get(entry.entry_type.lower(), "misc"),
        url=f.first(fields, "url"),
        isbn=f.isbn(f.first(fields, "isbn")),
        accession=f.first(fields, "eprint", "accession"),
        source_database=f.first(fields, "source", "database"),
    )
    return row


def _plain(value: str) -> str:
    """Protective braces of BibTeX titles dropped ('{COVID}-19' -> 'COVID-19')."""
    return " ".join(value.replace("{", "").replace("}", "").split())
