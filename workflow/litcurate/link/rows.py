"""Tie a table row that prints no usable citation number to the reference it means.

The extractor already resolves a row by first author and year when exactly one entry
of the review's reference list fits. When several fit (two Kiefer 2008 papers, the
Schwartzman 2009 trial and his natural-history paper) the reference list alone cannot
say which; the other reviews can. Each candidate's publication is tabulated by other
reviews with a sample size, a dose and a condition; the candidate whose rows agree
with this row wins, and the reason names the rows that agree.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from litcurate.link.citations.normalise import is_missing, parse_year
from litcurate.names import same_surname, surname

EVIDENCE = (("n_randomised", 1.0), ("n_analysed", 1.0), ("rate_max_mg_kg_h", 1.0), ("condition", 0.5))
MIN_EVIDENCE = 1.0


@dataclass(frozen=True)
class Resolution:
    reference_id: str | None
    score: float
    reason: str
    candidates: tuple[str, ...] = ()


def candidate_references(row: dict, references: pd.DataFrame, year_tolerance: int = 0) -> list[str]:
    """Reference ids of the row's own review whose first author and year fit the row."""
    author = surname(str(row.get("first_author") or ""))
    year = parse_year(row.get("year"))
    if not author or year is None:
        return []
    own = references[references["review_id"] == row["review_id"]]
    found = []
    for ref_id, first, ref_year in zip(own["reference_id"], own["first_author"], own["year"]):
        ref_year = parse_year(ref_year)
        if ref_year is None or abs(ref_year - year) > year_tolerance or is_missing(first):
            continue
        if same_surname(author, surname(str(first))):
            found.append(ref_id)
    return sorted(found)


def _agrees(field: str, mine: object, theirs: object) -> bool:
    if is_missing(mine) or is_missing(theirs):
        return False
    try:
        a, b = float(mine), float(theirs)
    except (TypeError, ValueError):
        return str(mine).strip().lower() == str(theirs).strip().lower()
    return abs(a - b) <= 0.05 * max(abs(a), abs(b)) if field.startswith("rate") else a == b


def evidence_for(row: dict, others: pd.DataFrame) -> tuple[float, list[str]]:
    """How strongly rows of other reviews about one publication agree with ``row``."""
    best, why = 0.0, []
    for other in others.to_dict("records"):
        weight = sum(w for field, w in EVIDENCE if _agrees(field, row.get(field), other.get(field)))
        if weight > best:
            agreeing = [f for f, _ in EVIDENCE if _agrees(f, row.get(f), other.get(f))]
            best = weight
            why = [f"{', '.join(agreeing)} agree with {other['review_id']} {other['table_id']} row {other['row']}"]
    return best, why


def choose_reference(row: dict, candidates: list[str], rows_of: dict[str, pd.DataFrame]) -> Resolution:
    """Pick among several candidate references by agreement with other reviews' rows.

    ``rows_of`` maps a reference id to the already-linked rows (of other reviews) of the
    publication that reference belongs to.
    """
    if len(candidates) == 1:
        return Resolution(candidates[0], 1.0, f"first author and year match {candidates[0]} only", tuple(candidates))
    scored = []
    for ref_id in candidates:
        others = rows_of.get(ref_id, pd.DataFrame())
        others = others[others["review_id"] != row["review_id"]] if len(others) else others
        weight, why = evidence_for(row, others) if len(others) else (0.0, [])
        scored.append((weight, ref_id, why))
    scored.sort(key=lambda item: (-item[0], item[1]))
    listed = ", ".join(candidates)
    if not scored or scored[0][0] < MIN_EVIDENCE or (len(scored) > 1 and scored[0][0] == scored[1][0]):
        return Resolution(
            None, 0.0, f"first author and year fit {listed}; other reviews do not say which", tuple(candidates)
        )
    weight, ref_id, why = scored[0]
    score = round(weight / sum(w for _, w in EVIDENCE), 3)
    return Resolution(
        ref_id, score, f"first author and year fit {listed}; chose {ref_id}: {'; '.join(why)}", tuple(candidates)
    )


def eliminate(row: dict, undecided: Resolution, table_rows: list[dict], cites: list[str | None]) -> Resolution:
    """When every other fitting entry is already cited by another row of the same table,
    the one left over is this row's (two Kiefer 2008 rows, one tied on evidence)."""
    taken = {
        cite
        for other, cite in zip(table_rows, cites)
        if cite and other["review_id"] == row["review_id"] and other["table_id"] == row["table_id"]
    }
    left = [ref for ref in undecided.candidates if ref not in taken]
    if len(left) != 1 or len(left) == len(undecided.candidates):
        return Resolution(None, 0.0, undecided.reason, undecided.candidates)
    others = ", ".join(sorted(set(undecided.candidates) - set(left)))
    return Resolution(
        left[0],
        0.5,
        f"first author and year fit {', '.join(undecided.candidates)}; "
        f"{others} is cited by another row of this table, leaving {left[0]}",
        undecided.candidates,
    )
