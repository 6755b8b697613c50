"""Turn a frame of citation records into normalised records ready for blocking and scoring.

Recognised columns (all optional except ``id``): ``authors`` (or ``author``), ``title``,
``year``, ``journal`` (or ``booktitle``), ``volume``, ``number`` (or ``issue``), ``pages``,
``doi``, ``pmid``, ``isbn``, ``url``, ``body`` (the whole citation text), ``abstract``, ``entrytype``/``ENTRYTYPE``, and the
extra evidence columns ``n`` and ``condition``. A file without ``url`` or ``isbn`` columns
is read as if they were empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import pandas as pd

from litcurate.link.citations import normalise as nz

ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "ID"),
    "authors": ("authors", "author", "AU"),
    "title": ("title",),
    "year": ("year",),
    "journal": ("journal", "booktitle"),
    "volume": ("volume",),
    "number": ("number", "issue"),
    "pages": ("pages",),
    "doi": ("doi",),
    "pmid": ("pmid",),
    "isbn": ("isbn", "ISBN"),
    "url": ("url", "URL"),
    "body": ("body",),
    "abstract": ("abstract",),
    "entrytype": ("entrytype", "ENTRYTYPE"),
    "n": ("n",),
    "condition": ("condition",),
}


@dataclass(frozen=True, slots=True)
class Record:
    """One citation in comparable form; ``raw_*`` fields keep what was read."""

    id: str
    surnames: tuple[str, ...]
    first_key: str  # phonetic code of the last word of the first author's surname
    title: str
    kind: str  # "" for an ordinary paper, else erratum / reply / comment / retraction
    generic: bool  # the title names a recurring journal item ("Editor's comments", "In this issue")
    translated: bool  # the title is the database's translation (bracketed or with a language note)
    preprint: bool  # posted on a preprint server
    meeting: bool  # the venue names a conference or meeting
    brief: bool  # one page or a supplement issue: an abstract may be printed like this
    year: int | None
    journal: tuple[str, ...]
    volume: str
    number: str
    pages: tuple[str, str] | None
    doi: str
    pmid: str
    isbn: str
    url: str
    body: str  # the whole citation's words (reference entries), for items without parsed fields
    abstract: str
    entrytype: str
    n: int | None
    condition: str


def _pick(row: Mapping[str, object], field: str) -> object:
    for name in ALIASES[field]:
        value = row.get(name)
        if value is not None and not (not isinstance(value, (list, tuple)) and nz.is_missing(value)):
            return value
    return None


def make_record(row: Mapping[str, object]) -> Record:
    """Normalise one raw record (a dict or a frame row)."""
    surnames = nz.surname_keys(_pick(row, "authors"))
    title_raw = _pick(row, "title")
    journal_raw = _pick(row, "journal")
    entrytype = nz.fold(nz.as_text(_pick(row, "entrytype")))
    abstract = nz.alnum_words(nz.as_text(_pick(row, "abstract")))
    pages = nz.parse_pages(_pick(row, "pages"))
    number = nz.normalise_issue(_pick(row, "number"))
    volume_text = nz.fold(nz.as_text(_pick(row, "volume")))
    title = nz.normalise_title(title_raw)
    doi = nz.normalise_doi(_pick(row, "doi"))
    return Record(
        id=nz.as_text(_pick(row, "id")),
        surnames=surnames,
        first_key=nz.phonetic_key(surnames[0].split()[-1]) if surnames else "",
        title=title,
        kind=nz.title_kind(title_raw),
        generic=nz.generic_title(title),
        translated=nz.translated_title(title_raw),
        preprint=nz.looks_like_preprint(journal_raw, doi),
        meeting=entrytype in {"inproceedings", "conference"} or nz.looks_like_meeting_abstract(journal_raw),
        brief=(pages is not None and not pages[1]) or number.startswith("s") or "suppl" in volume_text,
        year=nz.parse_year(_pick(row, "year")),
        journal=nz.journal_tokens(journal_raw),
        volume=nz.normalise_volume(_pick(row, "volume")),
        number=number,
        pages=pages,
        doi=doi,
        pmid=nz.normalise_pmid(_pick(row, "pmid")),
        isbn=nz.normalise_isbn(_pick(row, "isbn")),
        url=nz.normalise_url(_pick(row, "url")),
        body=nz.normalise_body(_pick(row, "body")),
        abstract=abstract,
        entrytype=entrytype,
        n=nz.parse_count(_pick(row, "n")),
        condition=nz.normalise_condition(_pick(row, "condition")),
    )


def make_records(frame: pd.DataFrame) -> list[Record]:
    """One :class:`Record` per row, in row order; ``id`` must be present, non-empty and unique."""
    id_column = next((c for c in ALIASES["id"] if c in frame.columns), None)
    if id_column is None:
        raise ValueError("citation frame needs an 'id' (or 'ID') column")
    records = [make_record(row) for row in frame.to_dict("records")]
    seen: dict[str, int] = {}
    for position, record in enumerate(records):
        if not record.id:
            raise ValueError(f"row {position + 1}: empty id")
        if record.id in seen:
            raise ValueError(f"rows {seen[record.id] + 1} and {position + 1}: duplicate id {record.id!r}")
        seen[record.id] = position
    return records
