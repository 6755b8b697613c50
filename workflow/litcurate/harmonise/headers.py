"""Printed table headers -> the codebook's fields, by meaning (synonyms + fuzzy match).

The synonyms and the composite phrases are the codebook's (:mod:`litcurate.harmonise.codebook`).
A header may name two things ("Study Design and Setting", "First Author, Year",
"Ketamine Infusion Duration and Maximum Dose"): :func:`header_fields` returns every
field it names, :func:`map_headers` the first (primary) one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from litcurate.harmonise.numbers import clean

if TYPE_CHECKING:
    from litcurate.harmonise.codebook import Codebook

FUZZY_CUTOFF = 88
_UNIT_HINT = re.compile(r"(?:\(\s*(day|days|d|h|hr|hours?|min|wk|weeks?)\s*\)|,\s*(d|h|hr|min|wk)\s*$)", re.I)
_TIME_UNIT = re.compile(r"[(\[,]\s*(months?|mo|weeks?|wk|days?|d|years?|yrs?|hours?|hrs?|h|min)\s*[)\]]?\s*$", re.I)


def normalise_header(header: str) -> str:
    """Lower-case words only: footnote marks, units in brackets and punctuation dropped."""
    s = clean(header).lower()
    s = re.sub(r"[\u00b9\u00b2\u00b3\u2070-\u209f]+", " ", s)  # superscript/subscript marks
    s = _UNIT_HINT.sub(" ", s)
    s = s.replace("%", " ")
    s = re.sub(r"[^a-z0-9,]+", " ", s)
    return re.sub(r"\s+", " ", s).strip(" ,")


def header_unit(header: str) -> str | None:
    """The time unit a header declares for its bare numbers: '(day)' or ', d' -> 'd'."""
    m = _UNIT_HINT.search(clean(header))
    if not m:
        return None
    unit = (m.group(1) or m.group(2)).lower()
    return {"day": "d", "days": "d", "hr": "h", "hour": "h", "hours": "h", "week": "wk", "weeks": "wk"}.get(unit, unit)


def header_time_unit(header: str) -> str | None:
    """The time unit a header ends with: 'Follow-up (range), months' or 'Follow-up [months]' -> 'months'."""
    m = _TIME_UNIT.search(clean(header))
    return m.group(1).lower() if m else None


def _lookup(phrase: str, lookup: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    phrase = phrase.strip(" ,")
    if not phrase:
        return ()
    if phrase in lookup:
        return lookup[phrase]
    without_brackets = re.sub(r"\s+", " ", phrase)
    hit = process.extractOne(without_brackets, list(lookup), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    return lookup[hit[0]] if hit else ()


def _strip_brackets(header: str) -> str:
    return re.sub(r"\([^)]*\)", " ", clean(header))


def header_fields(header: str, codebook: Codebook) -> list[str]:
    """Every field of ``codebook`` a printed header names, primary first; [] when none."""
    lookup = codebook.lookup
    candidates = [normalise_header(header), normalise_header(_strip_brackets(header))]
    for phrase in candidates:
        fields = _lookup(phrase.replace(",", " ").strip(), lookup)
        if fields:
            return list(fields)
    # Composite header: look each part up on its own ("Study Design and Setting").
    for phrase in candidates:
        parts = [p for p in re.split(r",|\band\b|&|/", phrase) if p.strip()]
        if len(parts) < 2:
            continue
        found: list[str] = []
        for part in parts:
            for field in _lookup(part, lookup):
                if field not in found:
                    found.append(field)
        if found:
            return found
    return []


def map_headers(headers: list[str], codebook: Codebook) -> dict[str, str | None]:
    """Printed header -> its primary field, or None when it names none."""
    mapping: dict[str, str | None] = {}
    for header in headers:
        fields = header_fields(header, codebook)
        mapping[header] = fields[0] if fields else None
    return mapping
