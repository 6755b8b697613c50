"""A table row's printed reference number against the reference list: author AND year must fit.

Hand-made list in the style of the demo reviews (Mangnus 2022 and Mangnus 2021 are two papers
of one group; the second Kiefer 2008 paper is a different study by the same author and year).
"""

from __future__ import annotations

import pandas as pd
import pytest

from litcurate.extract.resolve_refs import resolve_row

REFS = pd.DataFrame(
    [
        {"ref_no": 4, "first_author": "Mangnus", "year": "2022"},
        {"ref_no": 5, "first_author": "Mangnus", "year": "2021"},
        {"ref_no": 6, "first_author": "Correll", "year": "2004"},
        {"ref_no": 9, "first_author": "Kiefer", "year": "2008"},
        {"ref_no": 10, "first_author": "Kiefer", "year": "2008"},
        {"ref_no": 12, "first_author": "Sigtermans", "year": "2009"},
    ]
)


@pytest.mark.parametrize(
    "label, year_cell, printed, resolved",
    [
        ("Correll et al, 2004", "", "6", "6"),  # number, author and year agree
        ("Correll et al", "", "6", "6"),  # no year printed: the author decides
        ("Mangnus et al", "2021", "5", "5"),
        ("Mangnus et al", "2021", "4", "5"),  # printed 4 is the 2022 paper: the 2021 one is meant
        ("Sigtermans et al", "2009", "6", "12"),  # wrong number, resolved by author and year
        ("Kiefer et al", "2008", "9", "9"),  # the printed number picks one of two same-year papers
        ("Mangnus 2021a", "", "", "5"),  # a year with a letter is still the year
        ("Mangnus et al", "2022b", "", "4"),
    ],
)
def test_resolved_reference_fits_author_and_year(label, year_cell, printed, resolved):
    assert resolve_row(REFS, label, year_cell, printed)[0] == resolved


def test_printed_number_of_the_same_author_in_another_year_is_not_accepted():
    refs = REFS[REFS["ref_no"] != 5]  # only Mangnus 2022 is listed
    resolved, problem = resolve_row(refs, "Mangnus et al", "2021", "4")
    assert resolved == ""
    assert "printed reference 4 is 4 (Mangnus 2022), not Mangnus 2021" in problem
    assert "not in 2021" in problem


def test_printed_number_of_another_author_is_not_accepted():
    resolved, problem = resolve_row(REFS[REFS["ref_no"] != 12], "Sigtermans et al", "2009", "6")
    assert resolved == ""
    assert "6 (Correll 2004)" in problem and "not resolved" in problem


def test_two_candidates_without_a_number_are_ambiguous():
    resolved, problem = resolve_row(REFS, "Kiefer et al", "2008", "")
    assert (resolved, problem) == ("", "Kiefer 2008; ambiguous: references 9, 10")


def test_two_printed_numbers_that_both_fit_are_both_kept():
    assert resolve_row(REFS, "Kiefer et al", "2008", "9,10") == ("9,10", None)


def test_the_problem_names_every_printed_number_and_what_it_is():
    refs = REFS[REFS["ref_no"] != 12]
    resolved, problem = resolve_row(refs, "Sigtermans et al", "2009", "6,99")
    assert resolved == ""
    assert (
        problem == "printed reference 6,99 is 6 (Correll 2004), 99 (not in the list), not Sigtermans 2009; not resolved"
    )


def test_same_author_in_other_years_without_a_printed_number_names_them_all():
    refs = pd.concat([REFS, pd.DataFrame([{"ref_no": 7, "first_author": "Mangnus", "year": "2023"}])])
    resolved, problem = resolve_row(refs[refs["ref_no"] != 5], "Mangnus et al", "2021", "")
    assert resolved == ""
    assert problem == "not resolved: Mangnus is the first author of reference(s) 4 (2022), 7 (2023), but not in 2021"


def test_no_reference_by_the_author_at_all():
    assert resolve_row(REFS, "Webster et al", "2006", "") == ("", "no reference by Webster 2006; not resolved")


CHEN = pd.DataFrame(
    [  # hif2016's list: Chen C 2011, then Chen Y 2012a and 2012b
        {"ref_no": 2, "first_author": "Chen", "year": "2011", "year_letter": ""},
        {"ref_no": 3, "first_author": "Chen", "year": "2012", "year_letter": "a"},
        {"ref_no": 4, "first_author": "Chen", "year": "2012", "year_letter": "b"},
    ]
)


@pytest.mark.parametrize(
    "label, year_cell, resolved, problem",
    [
        ("Chen et al. 2012a, b", "", "3,4", None),  # the row cites both papers of 2012
        ("Chen et al", "2012a and b", "3,4", None),
        ("Chen 2012b", "", "4", None),
        ("Chen et al. 2012", "", "", "Chen 2012; ambiguous: references 3, 4"),  # no letter: either paper
        ("Chen 2012c", "", "", "Chen 2012; ambiguous: references 3, 4"),  # a letter the list does not print
        ("Chen 2011a", "", "2", None),  # one paper of that year: the letter is not needed
    ],
)
def test_the_letters_after_a_year_pick_the_authors_papers_of_that_year(label, year_cell, resolved, problem):
    assert resolve_row(CHEN, label, year_cell, "") == (resolved, problem)


GIVEN_FIRST = pd.DataFrame(
    [  # adenoma2016 prints its labels given name first; its list is surname first
        {"ref_no": 13, "first_author": "Dash", "year": "2014"},
        {"ref_no": 19, "first_author": "Kanadiya", "year": "2013"},
        {"ref_no": 20, "first_author": "Carl", "year": "2013"},
    ]
)


@pytest.mark.parametrize(
    "label, year_cell, printed, resolved",
    [
        ("Chiranjeev Dash", "2014", "13", "13"),  # the printed number, checked against the surname
        ("Mehulkumar K. Kanadiya", "2013", "19", "19"),
        ("Chiranjeev Dash", "2014", "", "13"),  # no number: resolved by the surname and year
        ("Joseph Carl Kanadiya", "2013", "", "19"),  # the last word first: there such labels print the surname
        ("Chiranjeev Dash", "2013", "13", ""),  # the year must still agree
    ],
)
def test_a_label_with_the_given_name_first_is_checked_against_its_surname(label, year_cell, printed, resolved):
    assert resolve_row(GIVEN_FIRST, label, year_cell, printed)[0] == resolved
