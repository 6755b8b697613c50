"""Tie table rows to reference-list entries and check the printed numbers.

A printed number is accepted when the reference it points to has the row's
first-author surname and (when both are known) year.  Otherwise, and for tables
printed without numbers, the row is resolved by author and year within the list;
an ambiguous or failed match (including the same author in another year) leaves the
resolved number empty and is reported.
"""

from __future__ import annotations

import re

import pandas as pd

from litcurate.extract.superscripts import expand
from litcurate.names import label_name_words, label_surname, same_surname
from litcurate.names import label_year as printed_year


def label_author(label: str) -> str:
    """The first-author surname printed in a label ("Correl, G et al" -> "Correl")."""
    return label_surname(label)


def label_year(label: str, year_cell: str) -> str:
    """The year a table row gives: its year cell ('' without one), else a year printed in its label."""
    return printed_year(year_cell) or printed_year(label)


_YEAR_LETTERS = re.compile(r"\b(?:19|20)\d{2}([a-z](?:\s*(?:,|and|&)\s*[a-z]\b)*)")


def year_letters(label: str, year_cell: str) -> set[str]:
    """The letters after a row's year: "Chen et al. 2012a, b" -> {"a", "b"} (the year cell's first)."""
    for text in (year_cell, label):
        m = _YEAR_LETTERS.search(text)
        if m:
            return set(re.findall(r"(?<![a-z])[a-z](?![a-z])", m.group(1)))
    return set()


def same_author(a: str, b: str) -> bool:
    """Two surnames name the same first author."""
    return same_surname(a, b)


def fits(ref: pd.Series, author: str, year: str) -> bool:
    """A reference entry fits a row's first author and year."""
    if not same_author(author, ref["first_author"]):
        return False
    return not (year and ref["year"] and str(ref["year"]) != year)


def candidates(refs: pd.DataFrame, author: str, year: str = "") -> list[int]:
    """Numbers of the reference entries that fit a row's first author and year (any year by default)."""
    return [int(r["ref_no"]) for _, r in refs.iterrows() if fits(r, author, year)]


def resolve_row(refs: pd.DataFrame, label: str, year_cell: str, printed: str) -> tuple[str, str | None]:
    """(resolved ref_no text, problem or None) for one table row."""
    author, year = label_author(label), label_year(label, year_cell)
    # A label may print the given name first ("Chiranjeev Dash"): its other words are tried
    # next, the last first (where such a label prints the surname).
    others = [w for w in reversed(label_name_words(label)) if not same_author(w, author)]
    names = [author, *others]  # none fits without an author: no surname matches ""
    by_no = refs.set_index("ref_no")
    if printed:
        numbers = expand(printed)
        for name in names:
            good = [n for n in numbers if n in by_no.index and fits(by_no.loc[n], name, year)]
            if good:
                return ",".join(str(n) for n in good), None
    for name in names:
        found = candidates(refs, name, year)
        if found:
            break
    if printed:
        shown = ", ".join(
            f"{n} ({by_no.loc[n, 'first_author']} {by_no.loc[n, 'year']})"
            if n in by_no.index
            else f"{n} (not in the list)"
            for n in expand(printed)
        )
        problem = f"printed reference {printed} is {shown}, " + (
            f"not {_who(author, year)}" if author else "and the row prints no author to check it against"
        )
    else:
        problem = None
    if not found and year and author:
        # Same author, other year: often another paper of the same group (a 2022 survey
        # is not the 2021 chart review), so it is reported but never taken as the match.
        near = candidates(refs, author)
        if near:
            shown = ", ".join(f"{n} ({by_no.loc[n, 'year']})" for n in near)
            note = f"not resolved: {author} is the first author of reference(s) {shown}, but not in {year}"
            return "", f"{problem}; {note}" if problem else note
    letters = year_letters(label, year_cell)
    if letters:
        # "2012a, b": the letters pick the author's papers of that year, as the list prints them
        lettered = [n for n in found if by_no.loc[n].get("year_letter") in letters]
        if len(lettered) == len(letters):
            return ",".join(map(str, lettered)), problem
    if len(found) == 1:
        return str(found[0]), problem
    if not found:
        missing = f"no reference by {_who(author, year)}" if author else "no author printed in the row"
        return "", (problem or missing) + "; not resolved"
    return "", (problem or _who(author, year)) + f"; ambiguous: references {', '.join(map(str, found))}"


def _who(author: str, year: str) -> str:
    """How a message names a row: "Mangnus 2021", or "Mangnus" without a year."""
    return " ".join(part for part in (author, year) if part)
