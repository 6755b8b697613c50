"""The citation scorer's rules and the pieces of evidence it weighs, one at a time, and the union-find's
bookkeeping, on citations built from raw fields (expected values read off the rules in
link/citations/scoring.py and clusters.py and worked out by hand)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from litcurate.link.citations import link, score_pair
from litcurate.link.citations import normalise as nz
from litcurate.link.citations.citation import make_record
from litcurate.link.citations.clusters import ConstrainedClusters
from litcurate.link.citations.scoring import (
    _TITLE_POINTS,
    DEFAULT_POLICY,
    Policy,
    _author_points,
    _Evidence,
    _identifier_veto,
    _interpolate,
    _issue_set,
    _later_one_pager,
    _locator_confirms,
    _number_relation,
    _same_source,
    _same_volume_and_pages,
    _version_evidence,
    issues_clash,
    notice_relation,
    titles_contrast,
    titles_number_clash,
)
from scoring_records import PAPER


def rec(**changes):
    return make_record({**PAPER, **changes})


# -- one article whatever its title says: journal, volume, page range, year and first author ----------


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ({}, {}, True),
        ({}, {"volume": "10"}, False),
        ({"volume": ""}, {"volume": ""}, False),  # no volume confirms nothing
        ({}, {"year": 2009}, False),
        ({"pages": "1173"}, {"pages": "1173"}, False),  # a first page alone is no page range
        ({"pages": ""}, {}, False),
        ({}, {"pages": "1173-1180"}, False),
        ({}, {"journal": "Pain"}, False),
        ({}, {"authors": "Rohr P, Kiefer RT"}, False),
        ({"authors": ""}, {}, False),
        ({}, {"authors": ""}, False),
    ],
)
def test_the_locator_confirms_only_when_every_part_agrees(a, b, expected):
    assert _locator_confirms(rec(**a), rec(**b)) is expected


# -- same journal, year and first author, under a title long enough to be specific ---------------------

FORTY = "Ketamine infusion for complex pain cases"  # 40 characters once normalised


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ({}, {}, True),
        ({"title": FORTY}, {"title": FORTY}, True),
        ({"title": FORTY[:-1]}, {"title": FORTY}, False),  # 39 characters
        ({}, {"year": 2009}, False),
        ({"year": ""}, {"year": ""}, False),
        ({}, {"journal": "Anesthesiology"}, False),
        ({}, {"authors": "Rohr P, Kiefer RT"}, False),
        ({"authors": ""}, {}, False),
        ({}, {"authors": ""}, False),
        # other pages, volume and issue do not matter here
        ({}, {"volume": "10", "number": "2", "pages": "44-54"}, True),
    ],
)
def test_same_source_needs_journal_year_first_author_and_a_specific_title(a, b, expected):
    assert len(nz.normalise_title(FORTY)) == 40
    assert _same_source(rec(**a), rec(**b)) is expected


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ({}, {}, True),
        ({}, {"pages": "1173-1180"}, True),  # same first page
        ({}, {"pages": "44-54"}, False),
        ({}, {"volume": "10"}, False),
        ({"volume": ""}, {"volume": ""}, False),
        ({"pages": ""}, {"pages": ""}, False),
    ],
)
def test_same_volume_and_pages(a, b, expected):
    assert _same_volume_and_pages(rec(**a), rec(**b)) is expected


# -- an unmarked correction: one page in a later issue of the same volume ------------------------------


def test_a_later_one_page_item_is_the_notice_and_an_earlier_or_longer_one_is_not():
    paper = rec(number="2", pages="100-110")
    later = rec(id="later", number="5", pages="111")
    earlier = rec(id="earlier", number="1", pages="99")
    other_paper = rec(id="other", number="5", pages="200-210")
    meeting = rec(id="meeting", number="5", pages="111", journal="Pain Med. Conference: annual meeting")
    assert _later_one_pager(paper, later) is later and _later_one_pager(later, paper) is later
    assert _later_one_pager(paper, earlier) is None
    assert _later_one_pager(paper, other_paper) is None and _later_one_pager(other_paper, paper) is None
    assert meeting.meeting and _later_one_pager(paper, meeting) is None
    assert _later_one_pager(paper, rec(id="same issue", number="2", pages="111")) is None


# -- an abstract or preprint and the paper: title, first author and a close year -----------------------


@pytest.mark.parametrize(
    "a, b, parts",
    [
        ({}, {}, ["year = (+1.0)", "version abstract/preprint of the paper (+1.5)"]),
        ({"year": 2007}, {}, ["year 2007/2008 (+0.0)", "version abstract/preprint of the paper (+1.5)"]),
        ({"year": 2006}, {}, ["year 2006/2008 (-5.0)"]),  # two years apart: nothing else counts
        ({"year": ""}, {}, ["version abstract/preprint of the paper (+1.5)"]),
        ({}, {"year": ""}, ["version abstract/preprint of the paper (+1.5)"]),
        ({}, {"authors": "Rohr P, Kiefer RT"}, ["year = (+1.0)"]),
        ({"authors": ""}, {}, ["year = (+1.0)"]),
        ({}, {"title": "A pilot open-label study of s(+)-ketamine in refractory CRPS patients"}, ["year = (+1.0)"]),
        ({}, {"title": ""}, ["year = (+1.0)"]),
    ],
)
def test_version_evidence(a, b, parts):
    ev = _Evidence()
    _version_evidence(ev, rec(**a), rec(**b))
    assert ev.parts == parts
    points = {"year = (+1.0)": 1.0, "version abstract/preprint of the paper (+1.5)": 1.5, "year 2006/2008 (-5.0)": -5.0}
    assert ev.total == sum(points.get(p, 0.0) for p in parts)


def test_score_pair_applies_the_policy_it_is_given():
    preprint = {**PAPER, "id": "pre", "journal": "medRxiv", "volume": "", "number": "", "pages": ""}
    _, default_reason = score_pair(preprint, PAPER)
    _, merging_reason = score_pair(preprint, PAPER, Policy(merge_preprints=True))
    assert "version abstract/preprint of the paper (+1.5)" in merging_reason
    assert "version" not in default_reason


# -- notices: erratum / reply / comment / retraction of a paper ------------------------------------------

ERRATUM = {**PAPER, "id": "erratum", "title": "Erratum: " + PAPER["title"], "year": 2009, "pages": "1500"}


@pytest.mark.parametrize(
    "notice, paper, expected",
    [
        ({}, {}, ("erratum", "erratum", "paper")),
        ({"year": 2010}, {}, ("erratum", "erratum", "paper")),  # two years later still counts
        ({"year": 2011}, {}, None),
        ({"year": 2007}, {}, None),  # a notice before its paper
        ({"year": ""}, {}, ("erratum", "erratum", "paper")),
        ({}, {"year": ""}, ("erratum", "erratum", "paper")),
        ({"journal": "Pain"}, {"journal": "Pain Med"}, ("erratum", "erratum", "paper")),  # journal "part"
        ({"journal": "Anesthesiology"}, {}, None),
        ({"title": "Erratum: Ketamine produces effective and long-term pain relief"}, {}, None),
    ],
)
def test_notice_relation(notice, paper, expected):
    a, b = make_record({**ERRATUM, **notice}), make_record({**PAPER, **paper})
    assert nz.journal_relation(a.journal, b.journal) in {"same", "part", "different"}
    assert notice_relation(a, b) == expected
    assert notice_relation(b, a) == expected


# -- the union-find's bookkeeping ---------------------------------------------------------------------


def test_merging_again_is_no_conflict():
    clusters = ConstrainedClusters(["a", "b"])
    assert clusters.union("a", "b") == "" and clusters.union("a", "b") == "" and clusters.union("b", "a", True) == ""
    assert clusters.conflict("a", "b") == ""


def test_a_merged_cluster_keeps_every_pmid():
    clusters = ConstrainedClusters(["a", "b", "c"], pmids={"a": "111", "c": "222"})
    assert clusters.union("a", "b") == ""
    assert clusters.union("b", "c") == "clusters hold different PMIDs"


@pytest.mark.parametrize(
    "years, merges, probe, reason",
    [
        # (2001, 2003) merged with 2002 spans 2001-2003; a 2004 record would make it 2001-2004
        ({"a": 2001, "b": 2003, "c": 2002, "x": 2004}, [("a", "b"), ("a", "c")], "x", "years would span 2001-2004"),
        # three 2003 records merged with (2001, 2002): 2001-2003
        (
            {"p": 2003, "q": 2003, "r": 2003, "s": 2001, "t": 2002, "x": 2004},
            [("p", "q"), ("p", "r"), ("s", "t"), ("p", "s")],
            "x",
            "years would span 2001-2004",
        ),
        ({"a": 2001, "b": 2002, "x": 2000}, [("a", "b")], "x", "years would span 2000-2002"),
        ({"a": 2001, "n": None, "x": 2004}, [("a", "n")], "x", "years would span 2001-2004"),  # no year: keeps 2001
        ({"n": None, "a": 2001, "x": 2004}, [("n", "a")], "x", "years would span 2001-2004"),
    ],
)
def test_a_merged_cluster_spans_the_years_of_all_its_records(years, merges, probe, reason):
    clusters = ConstrainedClusters(list(years), years=years, max_year_span=2 if len(years) > 3 else 1)
    for a, b in merges:
        assert clusters.union(a, b) == ""
    first = merges[0][0]
    assert clusters.conflict(first, probe) == reason


# -- the pairs table ------------------------------------------------------------------------------------


def test_pairs_table_is_numbered_in_its_sorted_order_and_scores_are_floats():
    from test_link_scoring import CORRELL_COHEN, CORRELL_LII, KIEFER_PHASE2_COHEN, SIGTERMANS_PAIN

    frame = pd.DataFrame([CORRELL_COHEN, CORRELL_LII, SIGTERMANS_PAIN, KIEFER_PHASE2_COHEN])
    # the override pair is added after the scored Correll pair but sorts before it
    pairs = link(frame, 0.9, 0.5, overrides=[("cohen-225", "maher-3", "same")]).pairs
    assert list(zip(pairs.id_a, pairs.id_b)) == [("cohen-225", "maher-3"), ("cohen-245", "lii-75")]
    assert list(pairs.index) == [0, 1]
    empty = link(pd.DataFrame([SIGTERMANS_PAIN]), 0.9, 0.5).pairs
    assert len(empty) == 0 and empty["score"].dtype == float


# -- every contribution to a pair's score, named in its reason ------------------------------------------

IDS = {"doi": "10.1111/j.1526-4637.2007.00402.x", "pmid": "18503630"}


@pytest.mark.parametrize(
    "a, b, parts, total",
    [
        (  # one paper with its identifiers: 8 + 8 + 6 + 3 + 1 + 1.5 + 1.5 + 0.5 + 3
            IDS,
            IDS,
            [
                "DOI = (+8.0)",
                "PMID = (+8.0)",
                "title 1.00 (+6.0)",
                "authors first = kiefer/kiefer, overlap 1.00 (+3.0)",
                "year = (+1.0)",
                "journal same (+1.5)",
                "volume = (+1.5)",
                "issue = (+0.5)",
                "pages same (+3.0)",
            ],
            32.5,
        ),
        (  # a year, journal part, other volume and issue, same first page: 6 + 2 - 1 + 0.5 - 3 - 0.5 + 1.5 + 0 + 1
            {"n": "20", "condition": "CRPS"},
            {
                "authors": "Kiefer RT, Nohe B",
                "year": 2009,
                "journal": "Pain",
                "volume": "10",
                "number": "3",
                "pages": "1173-1180",
                "n": "22",
                "condition": "CRPS",
            },
            [
                "title 1.00 (+6.0)",
                "authors first = kiefer/kiefer, overlap 0.50 (+2.0)",
                "year 2008/2009 (-1.0)",
                "journal part (+0.5)",
                "volume 9/10 (-3.0)",
                "issue differs (-0.5)",
                "pages first (+1.5)",
                "n 20/22 (+0.0)",
                "condition = (+1.0)",
            ],
            6.5,
        ),
        (  # two years apart, other journal, no pages on one side: 6 - 4 - 5 - 1.5 - 1 - 3 - 1
            {"authors": "Rohr P", "pages": "", "number": "", "n": "40", "condition": "CRPS"},
            {"year": 2010, "journal": "Anesthesiology", "volume": "12", "n": "20", "condition": "phantom limb pain"},
            [
                "title 1.00 (+6.0)",
                "authors first != rohr/kiefer, overlap 1.00 (-4.0)",  # rohr is among b's authors
                "year 2008/2010 (-5.0)",
                "journal different (-1.5)",
                "volume 9/12 (-1.0)",
                "n 40/20 (-3.0)",
                "condition differs (-1.0)",
            ],
            -9.5,
        ),
        (  # a Cochrane review's locator says nothing past its journal
            {"journal": "Cochrane Database Syst Rev", "volume": "2015", "pages": "CD001"},
            {"journal": "Cochrane Database Syst Rev", "volume": "3", "pages": "CD002"},
            [
                "title 1.00 (+6.0)",
                "authors first = kiefer/kiefer, overlap 1.00 (+3.0)",
                "year = (+1.0)",
                "journal same (+1.5)",
            ],
            11.5,
        ),
    ],
)
def test_the_reason_names_every_contribution(a, b, parts, total):
    score, reason = score_pair({**PAPER, "id": "a", **a}, {**PAPER, "id": "b", **b})
    assert reason == "; ".join(parts) + f"; total {total:+.1f}"
    assert score == round(1 / (1 + math.exp(-(total - 6.0) / 2.0)), 6)


def test_the_score_is_a_logistic_of_the_total():
    # centre 6 points, 2 points per e-fold: +16.5 gives 1 / (1 + e^-5.25), +6.5 gives 1 / (1 + e^-0.25)
    score, reason = score_pair({**PAPER, "id": "a"}, {**PAPER, "id": "b"})
    assert reason.endswith("; total +16.5")  # 6 + 3 + 1 + 1.5 + 1.5 + 0.5 + 3
    assert score == pytest.approx(0.994780, abs=1e-6)
    a = {**PAPER, "id": "a", "number": "3", "n": "20"}
    b = {**PAPER, "id": "b", "authors": "Kiefer RT, Nohe B", "year": 2009, "volume": "10", "n": "22"}
    score, reason = score_pair(a, b)
    # 6 + 2 - 1 + 1.5 - 3 - 0.5 + 3 + 0 = 8.0 -> 1 / (1 + e^-1) = 0.731059
    assert reason.endswith("; total +8.0") and score == pytest.approx(0.731059, abs=1e-6)


def test_one_doi_is_no_conflict_and_a_doi_already_in_the_cluster_is_none_either():
    dois = {"a": "10.1/x", "b": "10.1/x", "c": "10.1/y", "d": "10.1/x"}
    clusters = ConstrainedClusters(list(dois), dois=dois)
    assert clusters.union("a", "b") == ""  # the same DOI twice
    assert clusters.union("a", "c", force=True) == ""  # a reviewer joined two DOIs
    assert clusters.union("d", "a") == ""  # d's DOI is one of the cluster's
    assert ConstrainedClusters(["e", "f"], dois={"e": "10.1/x", "f": "10.1/y"}).conflict("e", "f") == (
        "clusters hold different DOIs"
    )


# Normalised titles of 20 characters: one letter replaced is an indel distance of 2 in 40
# characters (similarity 0.95), two letters replaced a distance of 4 (0.90): the thresholds themselves.
TITLE_20 = "Ketamine and pain xy"


def test_similarity_at_the_thresholds_counts():
    paper = make_record({**PAPER, "title": TITLE_20})
    one_off = make_record({**PAPER, "id": "b", "title": TITLE_20[:-1] + "z"})
    ev = _Evidence()
    _version_evidence(ev, paper, one_off)
    assert ev.parts == ["year = (+1.0)", "version abstract/preprint of the paper (+1.5)"]
    erratum = make_record({**ERRATUM, "title": "Erratum: " + TITLE_20[:-2] + "zw"})
    assert notice_relation(erratum, paper) == ("erratum", "erratum", "paper")


# -- link(): overrides, the review threshold and what it says while working ----------------------------


def test_a_reviewer_same_joins_records_with_different_dois():
    a = {**PAPER, "id": "a", "doi": "10.1/x"}
    b = {**PAPER, "id": "b", "doi": "10.1/y"}
    result = link(pd.DataFrame([a, b]), 0.9, 0.5, overrides=[("a", "b", "same")])
    assert result.clusters == {"a": "a", "b": "a"}
    assert result.stats["vetoed_pairs"] == 1


def test_a_pair_scoring_exactly_the_review_threshold_is_listed():
    a = {**PAPER, "id": "a", "number": "3", "n": "20"}
    b = {**PAPER, "id": "b", "authors": "Kiefer RT, Nohe B", "year": 2009, "volume": "10", "n": "22"}
    score, _ = score_pair(a, b)  # total +8.0: 0.731059 (see above)
    pairs = link(pd.DataFrame([a, b]), 0.9, score).pairs
    assert list(zip(pairs.id_a, pairs.id_b, pairs.decision)) == [("a", "b", "review")]


def test_a_small_run_reports_its_start_and_end_only():
    a = {**PAPER, "id": "a"}
    b = {**PAPER, "id": "b"}
    c = {**PAPER, "id": "c", "title": "Ketamine produces effective and long-term pain relief", "year": 2009}
    messages: list[str] = []
    result = link(pd.DataFrame([a, b, c]), 0.9, 0.5, progress=messages.append)
    assert len(messages) == 2
    assert messages[0].startswith("3 records, ") and " candidate pairs from " in messages[0]
    assert messages[1] == "2 clusters; 0 merges refused by safeguards"
    assert result.clusters == {"a": "a", "b": "a", "c": "c"}


# -- the scorer's small rules --------------------------------------------------------------------------


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


def test_thresholds_may_meet_each_other_and_the_ends_of_the_range():
    frame = pd.DataFrame([{**PAPER, "id": "a"}, {**PAPER, "id": "b"}])
    assert link(frame, 1.0, 0.0).clusters == {"a": "a", "b": "b"}  # 0.994780 < 1.0: listed for review only
    assert link(frame, 0.7, 0.7).clusters == {"a": "a", "b": "a"}
    with pytest.raises(ValueError, match=r"^expected 0 <= review_threshold <= auto_threshold <= 1$"):
        link(frame, 0.5, 0.7)


def test_a_pair_scoring_exactly_the_auto_threshold_merges():
    frame = pd.DataFrame([{**PAPER, "id": "a"}, {**PAPER, "id": "b"}])
    score, _ = score_pair(frame.iloc[0].to_dict(), frame.iloc[1].to_dict())
    assert link(frame, score, 0.5).clusters == {"a": "a", "b": "a"}


def test_a_vetoed_pair_is_never_joined_through_a_third_record():
    # a and c have different ISBNs (a veto); b, without one, matches both
    rows = [
        {**PAPER, "id": "a", "isbn": "9780306406157"},
        {**PAPER, "id": "b"},
        {**PAPER, "id": "c", "isbn": "9781861972712"},
    ]
    result = link(pd.DataFrame(rows), 0.9, 0.5)
    assert result.clusters["a"] != result.clusters["c"] and result.clusters["b"] in {"a", "c"}
    refused = result.pairs[result.pairs.decision == "review"]
    assert len(refused) == 1 and refused.iloc[0].reason.endswith("; merge refused: clusters hold records that differ")


def test_a_chain_of_yearly_records_stops_at_the_year_span():
    # same title, authors and journal, no locator: 6 + 3 + 1.5 = 10.5, -1 a year apart (0.852), -5 two apart
    base = {k: v for k, v in PAPER.items() if k not in {"volume", "number", "pages"}}
    rows = [{**base, "id": "a", "year": 2001}, {**base, "id": "b", "year": 2002}, {**base, "id": "c", "year": 2003}]
    result = link(pd.DataFrame(rows), 0.8, 0.5)
    assert result.clusters == {"a": "a", "b": "a", "c": "c"}
    assert list(zip(result.pairs.id_a, result.pairs.id_b, result.pairs.decision)) == [
        ("a", "b", "merge"),
        ("b", "c", "review"),
    ]
    assert result.pairs.reason.iloc[1].endswith("; merge refused: years would span 2001-2003")
    stats = result.stats
    assert (stats["scored_at_review_threshold"], stats["vetoed_pairs"], stats["refused_merges"]) == (2, 0, 1)
    assert (stats["relations"], stats["clusters"]) == (0, 2)
    assert (
        isinstance(stats["seconds"], float)
        and 0.0 <= stats["seconds"] < 600
        and round(stats["seconds"], 3) == stats["seconds"]
    )


AUTHORS_8 = "Kiefer RT, Rohr P, Ploppa A, Dieterich HJ, Grothusen J, Koffler S, Nohe B, Unertl K"


@pytest.mark.parametrize(
    "a, b, points, label",
    [
        # 3 of 5 each way is exactly the 0.6 that a shared author list needs
        (
            "Rohr P, Kiefer RT, Nohe B, Dahan A, Moore R",
            "Kiefer RT, Rohr P, Nohe B, Smith J, Jones K",
            1.0,
            "first != rohr/kiefer, overlap 0.60",
        ),
        # only the first eight authors of each list count: a ninth that differs changes nothing
        (AUTHORS_8 + ", Xu A", AUTHORS_8 + ", Yates B", 3.0, "first = kiefer/kiefer, overlap 1.00"),
    ],
)
def test_author_points_at_the_limits(a, b, points, label):
    assert _author_points(rec(authors=a), rec(authors=b)) == (points, label)


def test_a_translated_title_counts_when_the_locator_confirms_the_article():
    translated = {**PAPER, "id": "t", "title": "[Ketamine infusion in complex regional pain syndrome]. [German]"}
    original = {**PAPER, "id": "o", "title": "Ketamin-Infusion beim komplexen regionalen Schmerzsyndrom"}
    assert make_record(translated).translated and not make_record(original).translated
    _, reason = score_pair(translated, original)
    title_part = reason.split("; ")[0]
    assert title_part.startswith("title 0.") and title_part.endswith(", translated, locator = (+2.0)")
    # the same translated title twice is simply the same title
    _, reason = score_pair(translated, {**translated, "id": "t2"})
    assert reason.startswith("title 1.00 (+6.0); ")
    # without the locator's confirmation a translation is scored as any other title
    _, reason = score_pair(translated, {**original, "pages": "44-54"})
    assert ", translated" not in reason


def test_a_main_title_cited_without_its_subtitle_counts_as_0_96_when_volume_and_pages_agree():
    main = {**PAPER, "id": "m", "title": "Ketamine as an analgesic"}
    full = {
        **PAPER,
        "id": "f",
        "title": "Ketamine as an analgesic: parenteral, oral, rectal, subcutaneous, transdermal and intranasal administration",
    }
    _, reason = score_pair(main, full)
    assert reason.startswith("title 0.96 (+5.0); ")  # 4.5 + 1.5 * (0.96 - 0.95) / 0.03
    _, reason = score_pair(main, {**full, "volume": "10", "pages": "44-54"})
    assert not reason.startswith("title 0.96")
