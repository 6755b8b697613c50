"""Several studies reported in one article: "Part 1" and "Part 2" rows stay two studies.

A review may tabulate one cited article as several rows whose labels carry a part
marker ("Graven-Nielsen et al (Part 1)", "Study 2", "Experiment A", "Trial II"). Each
marked part is its own study (``<study>-part1``), all linked to the same publication.
"Part 1", "Study 1", "Experiment I" of one article name the same part: the ordinal
decides, the word does not. A row citing such an article without a marker reports
the article as a whole: it joins none of the parts (its values would mix two study
populations) and a warning names it.

A publication's ``study_id`` then lists every study it reports, joined by
:data:`SEPARATOR`; :func:`split_study_ids` reads it back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from litcurate.link.citations.normalise import is_missing
from litcurate.warnings import StageWarning

SEPARATOR = "; "
# Marker word, then a 1-2 digit number, a Roman numeral or one capital letter; a year is no ordinal.
MARKER = re.compile(r"\b(?i:part|study|experiment|exp|trial|cohort)\.?\s*([0-9]{1,2}|[IVX]{1,4}|[A-Z])\b(?![.,/-]?\d)")
ROMAN = {"I": 1, "V": 5, "X": 10}


def _roman(text: str) -> int | None:
    values = [ROMAN[c] for c in text]
    total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    return total if total > 0 and _to_roman(total) == text else None


def _to_roman(number: int) -> str:
    out = ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while number >= value:
            out, number = out + letters, number - value
    return out


def part_of(label: object) -> str | None:
    """The part a row label names: ``"Graven-Nielsen et al (Part 1)"`` -> ``"1"``,
    ``"Trial II"`` -> ``"2"``, ``"Experiment A"`` -> ``"a"``; None without a marker."""
    if is_missing(label):
        return None
    found = MARKER.search(str(label))
    if not found:
        return None
    ordinal = found.group(1)
    if ordinal.isdigit():
        return str(int(ordinal))
    if set(ordinal) <= set(ROMAN) and _roman(ordinal):
        return str(_roman(ordinal))
    return ordinal.lower() if len(ordinal) == 1 else None


def _part_order(study_id: str) -> tuple:
    part = study_id.rsplit("-part", 1)[-1]
    return (0, int(part), "") if part.isdigit() else (1, 0, part)


def split_study_ids(value: object) -> list[str]:
    """The studies a publication's (or a screened report's) ``study_id`` cell lists."""
    return [] if is_missing(value) else [s for s in str(value).split(SEPARATOR) if s]


@dataclass(frozen=True)
class Parts:
    row_studies: list[str | None]
    publication_studies: dict[str, str]
    publication_reasons: dict[str, str]
    unassigned: list[int]


def split_parts(rows: pd.DataFrame, row_study: list[str], pub_study: dict[str, str]) -> Parts:
    """Studies split into their marked parts.

    ``rows``: table rows with ``label``; ``row_study``: each row's study before the split;
    ``pub_study``: each publication's study. A study any of whose rows is marked is split:
    marked rows join ``<study>-part<ordinal>``, unmarked rows join none (listed in
    ``unassigned`` by position), and every publication of that study reports all its parts."""
    marks = [part_of(label) for label in rows["label"]]
    parts: dict[str, set[str]] = {}
    for study, mark in zip(row_study, marks):
        if mark:
            parts.setdefault(study, set()).add(f"{study}-part{mark}")
    row_studies = [
        f"{study}-part{mark}" if mark else (None if study in parts else study) for study, mark in zip(row_study, marks)
    ]
    unassigned = [i for i, (study, mark) in enumerate(zip(row_study, marks)) if study in parts and not mark]
    publication_studies, reasons = {}, {}
    for pub, study in pub_study.items():
        if study in parts:
            listed = sorted(parts[study], key=_part_order)
            publication_studies[pub] = SEPARATOR.join(listed)
            told = ", ".join(part.rsplit("-", 1)[-1] for part in listed)
            reasons[pub] = (
                f"reports {len(listed)} stud{'y' if len(listed) == 1 else 'ies'} marked in table rows ({told})"
            )
        else:
            publication_studies[pub] = study
    return Parts(row_studies, publication_studies, reasons, unassigned)


def part_warnings(review_rows: pd.DataFrame, parts: Parts) -> list[StageWarning]:
    """A warning per unmarked row of a split study: its values join no study."""
    found = []
    for row in review_rows.iloc[parts.unassigned].to_dict("records"):
        studies = parts.publication_studies[row["publication_id"]]
        message = (
            f"the row cites {row['publication_id']}, which reports several studies ({studies}); its label names "
            "no part, so its values join none of them"
        )
        found.append(
            StageWarning("link", message, row["review_id"], row["table_id"], int(row["row"]), "label", row["label"])
        )
    return found
