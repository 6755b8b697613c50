"""MEDLINE / PubMed .nbib exports (also ERIC's and Ovid's MEDLINE layout).

Lines are checked and renumbered here ('ISSN - ' and other tag spacings accepted, junk lines
reported), then each record's lines are rewritten in the fixed-column layout and read by
Biopython's :func:`Bio.Medline.parse`.
"""

from __future__ import annotations

import re

from Bio import Medline

from litcurate.search.imports import fields as f
from litcurate.search.imports.model import new_row
from litcurate.search.imports.tagged import Segmented, TaggedFormat, TaggedRecord, segment

_TAG = re.compile(r"^([A-Z][A-Z0-9]{0,3})[ \t]{0,3}-(?:[ \t](.*?))?[ \t]*$")

MEDLINE = TaggedFormat(
    name="MEDLINE",
    tag=lambda line: (m.group(1), m.group(2) or "") if (m := _TAG.match(line)) else None,
    continues=lambda line: line[:1].isspace(),
    normalise=lambda tag, value: f"{tag:<4}- {value}",
)


def parse(file: str, lines: list[str]) -> tuple[list[dict], Segmented]:
    """The records of a MEDLINE file's ``lines``, as rows, and what segmenting found."""
    found = segment(file, lines, MEDLINE, lambda record, header: _row(file, record))
    return found.records, found


def _values(record: dict, tag: str) -> list[str]:
    value = record.get(tag, [])
    return [value] if isinstance(value, str) else list(value)


def _row(file: str, segmented: TaggedRecord) -> dict:
    record = next(Medline.parse(segmented.lines + ["\n"]))
    fields = {tag: [v.strip() for v in _values(record, tag)] for tag in record}
    kinds = {v.lower() for v in fields.get("PT", [])}
    ids = fields.get("LID", []) + fields.get("AID", [])
    pmid = f.first(fields, "PMID")
    row = new_row(file, segmented.line)
    row.update(
        ID=pmid,
        title=f.first(fields, "TI", "BTI"),
        year=f.year(f.first(fields, "DP")),
        author=f.join(fields.get("AU") or fields.get("FAU") or []),
        journal=f.first(fields, "JT", "TA"),
        volume=f.first(fields, "VI"),
        number=f.first(fields, "IP"),
        pages=f.first(fields, "PG"),
        doi=_doi(ids),
        abstract=f.first(fields, "AB"),
        pmid=pmid if pmid.isdigit() else "",
        ENTRYTYPE="inproceedings" if "congress" in kinds else "article",
        url=next((v for v in ids if v.startswith("http") and not f.doi(v)), ""),
        isbn=f.isbn(*fields.get("ISBN", [])),
        accession=f.first(fields, "OID", "AN"),
        trial_ids=f.join([_databank_id(v) for v in fields.get("SI", [])]),
        source_database=f.first(fields, "OWN"),
    )
    return row


def _databank_id(value: str) -> str:
    """The id of a secondary source ("ClinicalTrials.gov/NCT..." -> "NCT..."), MEDLINE's trial registers."""
    return value.rpartition("/")[2].strip()


def _doi(ids: list[str]) -> str:
    """The DOI of 'x [doi]' entries, else of a doi.org link ('http://dx.doi.org/10...')."""
    for value in ids:
        for part in re.findall(r"(\S+) \[doi\]", value):
            return f.doi(part) or part
    return f.doi(*[v for v in ids if "doi.org/" in v])
