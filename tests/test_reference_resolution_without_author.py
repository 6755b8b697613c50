"""Rows that print no first author are never tied to a reference; the year a row gives."""

from __future__ import annotations

import pandas as pd
import pytest

from litcurate.extract.resolve_refs import label_year, resolve_row

REFS = pd.DataFrame(
    [
        {"ref_no": 6, "first_author": "Correll", "year": "2004"},
        {"ref_no": 12, "first_author": "Sigtermans", "year": "2009"},
    ]
)


@pytest.mark.parametrize(
    "label, year_cell, printed, message",
    [
        ("", "2004", "", "no author printed in the row; not resolved"),
        ("et al", "", "", "no author printed in the row; not resolved"),
        (
            "",
            "",
            "6",
            "printed reference 6 is 6 (Correll 2004), and the row prints no author to check it against; not resolved",
        ),
    ],
)
def test_a_row_without_an_author_is_not_resolved(label, year_cell, printed, message):
    assert resolve_row(REFS, label, year_cell, printed) == ("", message)


def test_a_row_without_a_year_is_named_by_its_author_alone():
    assert resolve_row(REFS, "Webster et al", "", "") == ("", "no reference by Webster; not resolved")


@pytest.mark.parametrize(
    "label, year_cell, year",
    [
        ("Correll et al, 2004", "", "2004"),  # no year cell: the label's year
        ("Correll et al, 2004", "2005", "2005"),  # the year cell wins
        ("Correll et al", "n.d.", ""),
        ("Correll et al", "", ""),
        ("Sigtermans 2009", "in press", "2009"),  # a year cell without a year: the label's
    ],
)
def test_the_year_of_a_row(label, year_cell, year):
    assert label_year(label, year_cell) == year
