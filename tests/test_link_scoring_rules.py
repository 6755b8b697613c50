"""The citation scorer's small rules, each on inputs whose answer follows from the rule as written
in link/citations/scoring.py (issues, identifier vetoes, authors, numbers, title points)."""

from __future__ import annotations

import pytest

from litcurate.link.citations.citation import make_record
from litcurate.link.citations.scoring import (
    _TITLE_POINTS,
    DEFAULT_POLICY,
    Policy,
    _author_points,
    _identifier_veto,
    _interpolate,
    _issue_set,
    _number_relation,
    issues_clash,
    titles_contrast,
    titles_number_clash,
)

PAPER = {
    "id": "paper",
    "authors": "Kiefer RT, Rohr P",
    "title": "Efficacy of ketamine in anesthetic dosage for the treatment of refractory complex regional pain syndrome",
    "year": 2008,
    "journal": "Pain Med",
    "volume": "9",
    "number": "8",
    "pages": "1173-1201",
}


def rec(**changes):
    return make_record({**PAPER, **changes})


@pytest.mark.parametrize(
    "number, issues",
    [
        ("4", {4}),
        ("2-3", {2, 3}),  # a double issue
        ("2-6", {2, 3, 4, 5, 6}),  # at most five issues bound together
        ("2-7", {2, 7}),  # a wider span is two numbers, not a range
        ("5-3", {3, 5}),
        ("3-3", {3}),
        ("s1", None),  # a supplement
        ("", None),
    ],
)
def test_issue_numbers(number, issues):
    assert _issue_set(number) == issues


@pytest.mark.parametrize(
    "a, b, clash",
    [
        ({"number": "2"}, {"number": "3"}, True),
        ({"number": "2-3"}, {"number": "3"}, False),
        ({"number": "2"}, {"number": "2"}, False),
        ({"number": "2"}, {"number": "3", "volume": "10"}, False),
        ({"number": "2", "volume": ""}, {"number": "3", "volume": ""}, False),
        ({"number": "2"}, {"number": "S3"}, False),
        ({"number": "2"}, {"number": ""}, False),
    ],
)
def test_issues_clash_only_within_one_volume(a, b, clash):
    assert issues_clash(rec(**a), rec(**b)) is clash
    assert issues_clash(rec(**b), rec(**a)) is clash


@pytest.mark.parametrize(
    "a, b, policy, veto",
    [
        ({"doi": "10.1/b"}, {"doi": "10.1/a"}, DEFAULT_POLICY, "DOI differs (10.1/a vs 10.1/b)"),
        ({"pmid": "100"}, {"pmid": "99"}, DEFAULT_POLICY, "PMID differs (99 vs 100)"),  # in numeric order
        (
            {"isbn": "9780306406157"},
            {"isbn": "9781861972712"},
            DEFAULT_POLICY,
            "ISBN differs (9780306406157 vs 9781861972712)",
        ),
        ({"title": "Erratum: " + PAPER["title"]}, {}, DEFAULT_POLICY, "publication kind differs (erratum vs paper)"),
        ({"number": "3"}, {"number": "2"}, DEFAULT_POLICY, "issue differs in volume 9 (3 vs 2)"),
        ({"number": "3", "doi": "10.1/a"}, {"number": "2", "doi": "10.1/a"}, DEFAULT_POLICY, ""),  # a shared DOI wins
        ({"number": "3", "pmid": "12"}, {"number": "2", "pmid": "12"}, DEFAULT_POLICY, ""),
        ({"doi": "10.1/a"}, {"doi": "10.1/a"}, DEFAULT_POLICY, ""),
        ({"doi": "10.1/a"}, {}, DEFAULT_POLICY, ""),
        # a preprint keeps its own DOI: not a veto when the policy merges preprints
        (
            {"doi": "10.1101/2020.01.01.123456", "journal": "medRxiv"},
            {"doi": "10.1/a"},
            Policy(merge_preprints=True),
            "",
        ),
        (
            {"doi": "10.1101/2020.01.01.123456", "journal": "medRxiv"},
            {"doi": "10.1/a"},
            DEFAULT_POLICY,
            "DOI differs (10.1/a vs 10.1101/2020.01.01.123456)",
        ),
    ],
)
def test_identifier_vetoes(a, b, policy, veto):
    assert _identifier_veto(rec(**a), rec(**b), policy) == veto
    assert _identifier_veto(rec(**b), rec(**a), policy) == veto.replace("(3 vs 2)", "(2 vs 3)")


@pytest.mark.parametrize(
    "a, b, points, label",
    [
        ("Kiefer RT, Rohr P", "Kiefer RT, Rohr P", 3.0, "first = kiefer/kiefer, overlap 1.00"),
        ("Kiefer RT", "Kiefer RT", 2.0, "first = kiefer/kiefer, overlap 1.00"),  # one author each: no list to compare
        ("Kiefer RT, Rohr P", "Kiefer RT, Nohe B", 2.0, "first = kiefer/kiefer, overlap 0.50"),
        ("Rohr P, Kiefer RT", "Kiefer RT, Rohr P", 1.0, "first != rohr/kiefer, overlap 1.00"),
        ("Rohr P, Kiefer RT, Nohe B", "Kiefer RT, Rohr P, Ploppa A", 1.0, "first != rohr/kiefer, overlap 0.67"),
        ("Rohr P, Kiefer RT, Nohe B", "Kiefer RT, Dahan A, Ploppa A", -4.0, "first != rohr/kiefer, overlap 0.33"),
        ("Rohr P", "Kiefer RT, Rohr P", -4.0, "first != rohr/kiefer, overlap 1.00"),
    ],
)
def test_author_points(a, b, points, label):
    assert _author_points(rec(authors=a), rec(authors=b)) == (points, label)


@pytest.mark.parametrize(
    "a, b, relation",
    [
        (20, 20, "same"),
        (20, 22, "close"),
        (20, 23, "differs"),
        (9, 10, "close"),
        (8, 10, "differs"),
        (110, 100, "close"),
    ],
)
def test_sample_sizes_within_a_tenth_of_the_larger_are_close(a, b, relation):
    assert _number_relation(a, b) == relation


@pytest.mark.parametrize(
    "similarity, points",
    [
        (0.0, -6.0),
        (0.5, -6.0),
        (0.6, -5.0),
        (0.7, -4.0),
        (0.75, -2.5),
        (0.85, 1.0),
        (0.9, 3.0),
        (0.95, 4.5),
        (0.99, 6.0),
        (1.0, 6.0),
    ],
)
def test_title_points_between_breakpoints_are_linear(similarity, points):
    assert _interpolate(similarity, _TITLE_POINTS) == pytest.approx(points)


def test_interpolation_past_the_last_breakpoint_keeps_its_value():
    assert _interpolate(2.0, ((0.0, 1.0), (1.0, 3.0))) == 3.0
    step = ((0.0, 1.0), (0.0, 5.0), (1.0, 3.0))
    assert _interpolate(0.0, step) == 1.0  # at a vertical step: the value before it (no division by zero)
    assert _interpolate(0.5, step) == 4.0


@pytest.mark.parametrize(
    "a, b, clash",
    [
        ("phase 2 trial of ketamine", "phase 3 trial of ketamine", True),
        ("part ii of ketamine", "part iii of ketamine", True),
        ("ketamine in 2009", "ketamine in 2009", False),
        ("ketamine for pain", "ketamine for pain relief", False),
        ("ketamine 12 and 3", "ketamine 3 and 12", False),  # the same numbers in another order
    ],
)
def test_titles_number_clash(a, b, clash):
    assert titles_number_clash(a, b) is clash


def test_numbers_near_the_end_of_a_title_cut_by_an_export_are_not_compared():
    stem = "ketamine " * 20  # 180 characters
    assert titles_number_clash(stem + "phase 2", stem + "phase 3") is False
    assert titles_number_clash("phase 2 " + stem, "phase 3 " + stem) is True


@pytest.mark.parametrize(
    "a, b, contrast",
    [
        ("ketamine in adults with pain", "ketamine in children with pain", "adults/children"),
        ("ketamine in adults with pain", "ketamine in adultz with pain", ""),  # a typo
        ("ketamine in men with pain", "ketamine in boys with pain", ""),  # "men": under four letters
        ("ketamine for pain", "ketamine for pain in adults", ""),  # words added, none replaced
        ("ketamine in adults 2009", "ketamine in children 2010", "adults/children"),
    ],
)
def test_titles_contrast(a, b, contrast):
    assert titles_contrast(a, b) == contrast
