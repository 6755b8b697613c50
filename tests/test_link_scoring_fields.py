"""The evidence each field of a citation pair contributes to the scorer, pinned part by part.

Every case feeds two hand-made raw records to ``compare`` (both ways round: the scorer is
symmetric) and checks the exact reason parts, ``name detail (points)``, and the total. The
expected points are read off the rules in link/citations/scoring.py (module docstring and
comments) and added up by hand; the base pair scores

    title 6.0 + authors 3.0 + year 1.0 + journal 1.5 + volume 1.5 + issue 0.5 + pages 3.0 = 16.5
"""

from __future__ import annotations

import math

import pytest

from litcurate.link.citations.citation import make_record
from litcurate.link.citations.scoring import DEFAULT_POLICY, Policy, compare, titles_contrast
from scoring_records import PAPER

TITLE = "title 1.00 (+6.0)"
AUTHORS = "authors first = kiefer/kiefer, overlap 1.00 (+3.0)"
YEAR = "year = (+1.0)"
JOURNAL = "journal same (+1.5)"
VOLUME = "volume = (+1.5)"
ISSUE = "issue = (+0.5)"
PAGES = "pages same (+3.0)"
LOCATOR = [YEAR, JOURNAL, VOLUME, ISSUE, PAGES]


def evidence(a: dict, b: dict, policy: Policy = DEFAULT_POLICY) -> tuple[list[str], float]:
    """Reason parts of ``compare(a, b)`` and its total; checks the pair scores the same both ways."""
    ra, rb = make_record({"id": "a", **a}), make_record({"id": "b", **b})
    ab, ba = compare(ra, rb, policy), compare(rb, ra, policy)
    assert ab.veto == ba.veto == ""
    assert ab.score == ba.score
    *parts, total = ab.reason.split("; ")
    assert total == ba.reason.split("; ")[-1]
    points = float(total.removeprefix("total "))
    # the score is the logistic of the total (printed to 0.1 point): 0.5 at 6 points, 2 points per e-fold
    assert ab.score == pytest.approx(1.0 / (1.0 + math.exp(-(points - 6.0) / 2.0)), abs=0.01)
    return parts, points


def paper(**changes: object) -> dict:
    return {**PAPER, **changes}


# -- the locator: year, journal, volume, issue, pages, entry type --------------------------------------

LOCATOR_CASES = [
    # (changes to a, changes to b, locator parts after title and authors, total)
    ({}, {}, LOCATOR, 16.5),
    # a gap of exactly one year costs a point (online / print year); more than one, five
    ({}, {"year": 2009}, ["year 2008/2009 (-1.0)", JOURNAL, VOLUME, ISSUE, PAGES], 14.5),
    ({}, {"year": 2010}, ["year 2008/2010 (-5.0)", JOURNAL, VOLUME, ISSUE, PAGES], 10.5),
    ({"year": ""}, {}, [JOURNAL, VOLUME, ISSUE, PAGES], 15.5),
    # journals: same 1.5, a part of the other 0.5, different -1.5
    ({}, {"journal": "Anesth Analg"}, [YEAR, "journal different (-1.5)", VOLUME, ISSUE, PAGES], 13.5),
    ({}, {"journal": "Pain"}, [YEAR, "journal part (+0.5)", VOLUME, ISSUE, PAGES], 15.5),
    ({}, {"journal": ""}, [YEAR, VOLUME, ISSUE, PAGES], 15.0),
    # volumes: equal 1.5; different -3.0 when both have pages, -1.0 when one has none (ahead of print)
    ({}, {"volume": "10"}, [YEAR, JOURNAL, "volume 9/10 (-3.0)", ISSUE, PAGES], 12.0),
    ({}, {"volume": "10", "pages": ""}, [YEAR, JOURNAL, "volume 9/10 (-1.0)", ISSUE], 11.0),
    ({}, {"volume": ""}, [YEAR, JOURNAL, ISSUE, PAGES], 15.0),
    # issues of different volumes: -0.5 (of one volume that would be a veto)
    ({}, {"volume": "10", "number": "9"}, [YEAR, JOURNAL, "volume 9/10 (-3.0)", "issue differs (-0.5)", PAGES], 11.0),
    ({}, {"number": ""}, [YEAR, JOURNAL, VOLUME, PAGES], 16.0),
    # pages: same 3.0, first page same 1.5, last page same 1.0, one page within the range 0.5, conflict -5.0
    ({}, {"pages": "1173-1180"}, [YEAR, JOURNAL, VOLUME, ISSUE, "pages first (+1.5)"], 15.0),
    ({}, {"pages": "1170-1201"}, [YEAR, JOURNAL, VOLUME, ISSUE, "pages last (+1.0)"], 14.5),
    ({}, {"pages": "1180"}, [YEAR, JOURNAL, VOLUME, ISSUE, "pages within (+0.5)"], 14.0),
    ({}, {"pages": "200-210"}, [YEAR, JOURNAL, VOLUME, ISSUE, "pages conflict (-5.0)"], 8.5),
    # a one-page paper (no meeting on either side) conflicting with a range still costs the full 5
    ({"pages": "1173"}, {"pages": "200-210"}, [YEAR, JOURNAL, VOLUME, ISSUE, "pages conflict (-5.0)"], 8.5),
    ({}, {"pages": ""}, [YEAR, JOURNAL, VOLUME, ISSUE], 13.5),
    # entry types that differ: -4.0
    ({"entrytype": "article"}, {"entrytype": "incollection"}, LOCATOR + ["type article/incollection (-4.0)"], 12.5),
    ({"entrytype": "article"}, {"entrytype": "article"}, LOCATOR, 16.5),
    ({"entrytype": "article"}, {}, LOCATOR, 16.5),
    # Cochrane reviews: year and journal count, the rest of the locator says nothing
    (
        {"journal": "Cochrane Database Syst Rev", "volume": "2008", "number": "1", "pages": "CD004567"},
        {"journal": "Cochrane Database Syst Rev", "volume": "9", "number": "3", "pages": "1-80"},
        [YEAR, JOURNAL],
        11.5,
    ),
    ({"journal": "Cochrane Database Syst Rev"}, {"volume": "10"}, [YEAR, "journal different (-1.5)"], 8.5),
]


@pytest.mark.parametrize("a, b, locator, total", LOCATOR_CASES)
def test_each_locator_field_adds_its_points(a, b, locator, total):
    parts, points = evidence(paper(**a), paper(**b))
    assert parts == [TITLE, AUTHORS] + locator
    assert points == pytest.approx(total)


# -- meeting abstracts ----------------------------------------------------------------------------------

ABSTRACT = {"entrytype": "inproceedings", "volume": "12", "number": "3", "pages": "101"}
SAME_ABSTRACT = {"entrytype": "inproceedings", "volume": "", "number": "4", "pages": "2045"}

MEETING_CASES = [
    # meeting names vary between databases: a different venue costs 0.5 when both are meetings
    (
        {"journal": "Annual Meeting of the American Pain Society"},
        {"journal": "World Congress on Pain"},
        [YEAR, "journal different (-0.5)", VOLUME, ISSUE, PAGES],
        14.5,
    ),
    # ... and 1.5 when only one is (the meeting abstract against the paper then costs 4 more)
    (
        {"journal": "World Congress on Pain"},
        {"journal": "Anesth Analg"},
        [YEAR, "journal different (-1.5)", VOLUME, ISSUE, PAGES, "type meeting abstract vs paper (-4.0)"],
        9.5,
    ),
    # a meeting abstract printed on one page against the paper: still a different type of item
    (
        {"entrytype": "inproceedings", "pages": "1173"},
        {},
        [YEAR, JOURNAL, VOLUME, ISSUE, PAGES, "type meeting abstract vs paper (-4.0)"],
        12.5,
    ),
    # a meeting record with a full page range conflicting with the paper's pages: the full 5
    (
        {"entrytype": "inproceedings"},
        {"pages": "200-210"},
        [YEAR, JOURNAL, VOLUME, ISSUE, "pages conflict (-5.0)", "type meeting abstract vs paper (-4.0)"],
        4.5,
    ),
    # two abstracts of one meeting, one title, one year, one first author: issue and page numbers
    # are scattered abstract numbers, so the issue is not compared and the page conflict costs nothing
    (ABSTRACT, SAME_ABSTRACT, [YEAR, JOURNAL, "pages conflict (+0.0)"], 11.5),
    # ... a different year: not the same abstract; conflicting pages of two meeting abstracts cost 2
    (
        ABSTRACT,
        {**SAME_ABSTRACT, "year": 2009},
        ["year 2008/2009 (-1.0)", JOURNAL, "issue differs (-0.5)", "pages conflict (-2.0)"],
        7.0,
    ),
    # ... only one of them a meeting record (the other a one-page item): still -2.0, no type penalty
    (
        ABSTRACT,
        {**SAME_ABSTRACT, "entrytype": ""},
        [YEAR, JOURNAL, "issue differs (-0.5)", "pages conflict (-2.0)"],
        9.0,
    ),
]


@pytest.mark.parametrize("a, b, locator, total", MEETING_CASES)
def test_meeting_abstracts_weigh_the_locator_less(a, b, locator, total):
    parts, points = evidence(paper(**a), paper(**b))
    assert parts == [TITLE, AUTHORS] + locator
    assert points == pytest.approx(total)


def test_a_meeting_abstract_and_the_paper_are_one_type_when_the_policy_merges_them():
    # same volume and page: the same printed item, so the policy's version rule does not apply either
    parts, points = evidence(
        paper(journal="World Congress on Pain"), paper(journal="Anesth Analg"), Policy(merge_abstracts=True)
    )
    assert parts == [TITLE, AUTHORS, YEAR, "journal different (-1.5)", VOLUME, ISSUE, PAGES]
    assert points == pytest.approx(13.5)


def test_two_meeting_abstracts_by_different_first_authors_are_not_one_abstract():
    parts, points = evidence(paper(**ABSTRACT), paper(**SAME_ABSTRACT, authors="Rohr P, Kiefer RT"))
    assert parts == [
        TITLE,
        "authors first != kiefer/rohr, overlap 1.00 (+1.0)",
        YEAR,
        JOURNAL,
        "issue differs (-0.5)",
        "pages conflict (-2.0)",
    ]
    assert points == pytest.approx(7.0)


def test_two_meeting_abstracts_in_different_venues_or_under_different_titles_are_not_one_abstract():
    parts, _ = evidence(paper(**ABSTRACT, journal="Anesth Analg"), paper(**SAME_ABSTRACT))
    assert parts[2:] == [YEAR, "journal different (-0.5)", "issue differs (-0.5)", "pages conflict (-2.0)"]
    title = "Ketamine infusions for refractory complex regional pain syndrome in a tertiary pain clinic"
    parts, _ = evidence(paper(**ABSTRACT), paper(**SAME_ABSTRACT, title=title))
    assert parts[-3:] == [JOURNAL, "issue differs (-0.5)", "pages conflict (-2.0)"]


# -- identifiers and addresses --------------------------------------------------------------------------

ID_CASES = [
    ({"doi": "10.1111/j.1526-4637.2008.00433.x"}, ["DOI = (+8.0)"], 24.5),
    ({"pmid": "18565008"}, ["PMID = (+8.0)"], 24.5),
    ({"isbn": "978-0-306-40615-7"}, ["ISBN = (+2.0)"], 18.5),
    # a page's address names it: 11 points, and the title then counts only for the match
    ({"url": "https://www.example.org/trials/42"}, ["URL = (+11.0)", "title 1.00, same page (+6.0)"], 27.5),
    # a bare host names a site: 3 points, and the title is weighed as usual
    ({"url": "https://www.gradeworkinggroup.org"}, ["URL = (+3.0)", TITLE], 19.5),
]


@pytest.mark.parametrize("both, first, total", ID_CASES)
def test_a_shared_identifier_or_address_adds_its_points(both, first, total):
    parts, points = evidence(paper(**both), paper(**both))
    assert parts == first + ([] if TITLE in first or "same page" in first[-1] else [TITLE]) + [AUTHORS] + LOCATOR
    assert points == pytest.approx(total)


def test_addresses_that_differ_cost_a_point_and_one_address_says_nothing():
    parts, points = evidence(paper(url="https://example.org/trials/42"), paper(url="https://example.org/trials/43"))
    assert parts == ["URL differs (-1.0)", TITLE, AUTHORS] + LOCATOR
    assert points == pytest.approx(15.5)
    parts, points = evidence(paper(url="https://example.org/trials/42"), paper())
    assert parts == [TITLE, AUTHORS] + LOCATOR
    assert points == pytest.approx(16.5)


def test_on_the_same_page_a_dissimilar_title_counts_nothing_rather_than_against():
    parts, _ = evidence(
        paper(url="https://example.org/trials/42"),
        paper(url="https://example.org/trials/42", title="Zoledronic acid for osteoporosis in men"),
    )
    assert parts[0] == "URL = (+11.0)"
    assert parts[1].startswith("title ") and parts[1].endswith(", same page (+0.0)")


# -- generic titles ("Editorial"): the title counts at most 2 and the pages must confirm ------------------

GENERIC_CASES = [
    ({}, {}, ["title 1.00, generic (+2.0)", AUTHORS] + LOCATOR, 12.5),
    (
        {},
        {"pages": "1173-1180"},
        ["title 1.00, generic (+2.0)", AUTHORS, YEAR, JOURNAL, VOLUME, ISSUE, "pages first (+1.5)"],
        11.0,
    ),
    (
        {},
        {"pages": "200-210"},
        [
            "title 1.00, generic (+2.0)",
            "generic title pages do not confirm (-4.0)",
            AUTHORS,
            YEAR,
            JOURNAL,
            VOLUME,
            ISSUE,
            "pages conflict (-5.0)",
        ],
        0.5,
    ),
    # without pages nothing confirms the item
    (
        {"pages": ""},
        {"pages": ""},
        [
            "title 1.00, generic (+2.0)",
            "generic title pages do not confirm (-4.0)",
            AUTHORS,
            YEAR,
            JOURNAL,
            VOLUME,
            ISSUE,
        ],
        5.5,
    ),
    # a shared DOI or PMID identifies the item: the title counts in full
    ({"doi": "10.1000/ed.1"}, {"doi": "10.1000/ed.1"}, ["DOI = (+8.0)", TITLE, AUTHORS] + LOCATOR, 24.5),
    ({"pmid": "18565008"}, {"pmid": "18565008"}, ["PMID = (+8.0)", TITLE, AUTHORS] + LOCATOR, 24.5),
    # one DOI alone is no shared identifier
    ({"doi": "10.1000/ed.1"}, {}, ["title 1.00, generic (+2.0)", AUTHORS] + LOCATOR, 12.5),
]


@pytest.mark.parametrize("a, b, expected, total", GENERIC_CASES)
def test_a_generic_title_counts_little_and_needs_the_pages(a, b, expected, total):
    parts, points = evidence(paper(title="Editorial", **a), paper(title="Editorial", **b))
    assert parts == expected
    assert points == pytest.approx(total)


def test_one_generic_title_is_enough_to_cap_the_title():
    # "correspondence" (14 chars, generic) / "correspondences" (15, not generic): Indel 1 - 1/29 = 0.97,
    # 5.3 points on the curve, capped at 2 because one of them is generic
    parts, points = evidence(paper(title="Correspondence"), paper(title="Correspondences"))
    assert parts == ["title 0.97, generic (+2.0)", AUTHORS] + LOCATOR
    assert points == pytest.approx(12.5)


# -- title evidence -------------------------------------------------------------------------------------


def test_a_translated_title_with_a_confirming_locator_counts_two_points():
    a = paper(title="[Eficacia de la ketamina en dosis anestesica para el sindrome de dolor regional]. [Spanish]")
    parts, points = evidence(a, paper())
    assert parts[0].startswith("title ") and parts[0].endswith(", translated, locator = (+2.0)")
    assert parts[1:] == [AUTHORS] + LOCATOR
    assert points == pytest.approx(12.5)
    # without the whole locator the title is weighed as any other
    parts, _ = evidence(a, paper(pages="1173-1180"))
    assert parts[0].startswith("title ") and "translated" not in parts[0]


def test_a_translated_title_exactly_0_9_similar_is_weighed_as_a_title():
    # "ketamine x" / "ketamine y": Indel 1 - 2/20 = 0.90, not below 0.9: 3.0 points on the curve
    parts, points = evidence(paper(title="[Ketamine x]"), paper(title="Ketamine y"))
    assert parts == ["title 0.90 (+3.0)", AUTHORS] + LOCATOR
    assert points == pytest.approx(13.5)


def test_a_main_title_of_three_words_confirmed_by_volume_and_pages_counts_as_0_96():
    # 0.96 on the curve: 4.5 + 1.5 * 0.01 / 0.03 = 5.0
    long_title = "Ketamine for pain: a randomised trial of infusions in adults"
    parts, points = evidence(paper(title="Ketamine for pain"), paper(title=long_title))
    assert parts == ["title 0.96 (+5.0)", AUTHORS] + LOCATOR
    assert points == pytest.approx(15.5)
    # two words are no main title
    parts, _ = evidence(
        paper(title="Ketamine infusions"), paper(title="Ketamine infusions: a randomised trial in adults")
    )
    assert not parts[0].startswith("title 0.96")


def test_different_numbers_and_a_swapped_word_in_titles_cost_points():
    base = "Ketamine infusion for complex regional pain syndrome"
    parts, _ = evidence(paper(title=f"{base} part 1"), paper(title=f"{base} part 2"))
    assert "title numbers differ (-4.0)" in parts
    parts, _ = evidence(
        paper(title="Ketamine infusion in adults with complex regional pain syndrome"),
        paper(title="Ketamine infusion in children with complex regional pain syndrome"),
    )
    assert parts[1] == "title words adults/children (-2.5)"


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ("ketamine in rats with pain", "ketamine in mice with pain", "rats/mice"),  # four letters are enough
        ("ketamine in mice with pain", "ketamine in rats with pain", "mice/rats"),
        ("ketamine in dogs with pain", "ketamine in pigs with pain", "dogs/pigs"),  # half the letters shared: unrelated
        ("ketamine in males with pain", "ketamine in mares with pain", ""),  # 0.8 alike: a typo, not a contrast
        ("ketamine intl trial", "ketamine international trial", ""),  # an abbreviation is the same word
        ("ketamine international trial", "ketamine intl trial", ""),
    ],
)
def test_titles_contrast_words(a, b, expected):
    assert titles_contrast(a, b) == expected


# -- grey citations: no journal locator, the whole citation's words stand in --------------------------------

NICE = "National Institute for Health and Care Excellence. Neuropathic pain in adults: pharmacological management"
LABEL = "Ketalar ketamine injection label. Pfizer"  # under 60 characters


GREY_CASES = [
    ({"body": NICE}, {"body": NICE}, ["citation text 1.00 (+12.0)"], 12.0),
    # its parsed title and authors are not weighed once the words match
    (
        {"body": NICE, "title": "Neuropathic pain", "authors": "NICE"},
        {"body": NICE, "title": "Neuropathic pain in adults", "authors": "National Institute"},
        ["citation text 1.00 (+12.0)"],
        12.0,
    ),
    (
        {"body": NICE, "url": "https://www.nice.org.uk/guidance/cg173"},
        {"body": NICE, "url": "www.nice.org.uk/guidance/cg173"},
        ["URL = (+11.0)", "citation text 1.00 (+12.0)"],
        23.0,
    ),
    # a page at two addresses (a site moved): the words must be specific, at least 60 characters
    (
        {"body": NICE, "url": "https://nice.org.uk/cg173"},
        {"body": NICE, "url": "https://nice.org.uk/ng173"},
        ["URL differs (-1.0)", "citation text 1.00 (+12.0)"],
        11.0,
    ),
    (
        {"body": LABEL, "url": "https://pfizer.com/ketalar"},
        {"body": LABEL, "url": "https://labeling.pfizer.com/ketalar"},
        ["URL differs (-1.0)", "citation text 1.00 (+0.0)"],
        -1.0,
    ),
]


@pytest.mark.parametrize("a, b, expected, total", GREY_CASES)
def test_grey_citations_are_matched_on_their_words(a, b, expected, total):
    parts, points = evidence(a, b)
    assert parts == expected
    assert points == pytest.approx(total)


CITED = {"authors": "Kiefer RT, Rohr P", "title": PAPER["title"], "year": 2008, "body": NICE}


@pytest.mark.parametrize(
    "fields, locator, total",
    [
        # any one part of a journal locator or an identifier makes a citation no grey one
        ({k: v for k, v in PAPER.items() if k != "id"}, LOCATOR, 16.5),
        ({"journal": "Pain Med"}, [YEAR, JOURNAL], 11.5),
        ({"volume": "9"}, [YEAR, VOLUME], 11.5),
        ({"pages": "1173-1201"}, [YEAR, PAGES], 13.0),
        ({"doi": "10.1000/x.1"}, [YEAR], 18.0),
        ({"pmid": "18565008"}, [YEAR], 18.0),
    ],
)
def test_a_citation_with_any_locator_is_not_grey(fields, locator, total):
    parts, points = evidence({**CITED, **fields}, {**CITED, **fields})
    ids = [f"{k.upper()} = (+8.0)" for k in ("doi", "pmid") if k in fields]
    assert parts == ids + [TITLE, AUTHORS] + locator
    assert points == pytest.approx(total)


# -- abstracts, sample sizes and conditions ---------------------------------------------------------------

SIXTY_X = "x" * 60


@pytest.mark.parametrize(
    "a, b, extra, total",
    [
        # abstracts of at least 50 characters: Indel similarity >= 0.9 adds 2, below 0.6 costs 2, between 0
        ({"abstract": SIXTY_X}, {"abstract": SIXTY_X}, ["abstract 1.00 (+2.0)"], 18.5),
        # 54 of 60 characters shared: 108 / 120 = 0.90 exactly
        ({"abstract": SIXTY_X}, {"abstract": "x" * 54 + "y" * 6}, ["abstract 0.90 (+2.0)"], 18.5),
        ({"abstract": SIXTY_X}, {"abstract": "x" * 45 + "y" * 15}, ["abstract 0.75 (+0.0)"], 16.5),
        # 72 / 120 = 0.60 exactly: not below 0.6
        ({"abstract": SIXTY_X}, {"abstract": "x" * 36 + "y" * 24}, ["abstract 0.60 (+0.0)"], 16.5),
        ({"abstract": SIXTY_X}, {"abstract": "x" * 30 + "y" * 30}, ["abstract 0.50 (-2.0)"], 14.5),
        # exactly 50 characters on both sides count; 49 on either side do not
        ({"abstract": "x" * 50}, {"abstract": "x" * 50}, ["abstract 1.00 (+2.0)"], 18.5),
        ({"abstract": "x" * 49}, {"abstract": "x" * 50}, [], 16.5),
        ({"abstract": "x" * 50}, {"abstract": "x" * 49}, [], 16.5),
        ({"abstract": SIXTY_X}, {}, [], 16.5),
        # sample sizes: equal 1.5; within 10 % of the larger 0; further apart -3
        ({"n": "120"}, {"n": "120"}, ["n 120/120 (+1.5)"], 18.0),
        ({"n": "120"}, {"n": "130"}, ["n 120/130 (+0.0)"], 16.5),
        ({"n": "90"}, {"n": "100"}, ["n 90/100 (+0.0)"], 16.5),  # 10 apart, 10 % of 100: close
        ({"n": "89"}, {"n": "100"}, ["n 89/100 (-3.0)"], 13.5),
        ({"n": "120"}, {"n": "200"}, ["n 120/200 (-3.0)"], 13.5),
        ({"n": "120"}, {}, [], 16.5),
        ({}, {"n": "120"}, [], 16.5),
        # conditions: the same 1, different -1, one side says nothing
        ({"condition": "CRPS"}, {"condition": "CRPS"}, ["condition = (+1.0)"], 17.5),
        ({"condition": "CRPS"}, {"condition": "Fibromyalgia"}, ["condition differs (-1.0)"], 15.5),
        ({"condition": "CRPS"}, {}, [], 16.5),
    ],
)
def test_abstract_sample_size_and_condition_evidence(a, b, extra, total):
    parts, points = evidence(paper(**a), paper(**b))
    assert parts == [TITLE, AUTHORS] + LOCATOR + extra
    assert points == pytest.approx(total)


@pytest.mark.parametrize(
    "a, b, score",
    [
        # 1 / (1 + exp(-(16.5 - 6) / 2)) = 1 / (1 + exp(-5.25)) = 1 / 1.0052475 = 0.994780 (6 decimals)
        ({}, {}, 0.99478),
        # 0.5 total: 1 / (1 + exp(2.75)) = 1 / 16.642 = 0.060087
        ({"title": "Editorial"}, {"title": "Editorial", "pages": "200-210"}, 0.060087),
    ],
)
def test_the_score_is_the_logistic_of_the_total_to_six_decimals(a, b, score):
    assert compare(make_record(paper(**a)), make_record(paper(**b))).score == score


@pytest.mark.parametrize("body_a, body_b", [("", ""), (NICE, ""), ("", NICE)])
def test_grey_citations_without_words_on_both_sides_are_weighed_on_title_and_authors(body_a, body_b):
    cited = {"authors": "Kiefer RT, Rohr P", "title": PAPER["title"], "year": 2008}
    parts, points = evidence({**cited, "body": body_a}, {**cited, "body": body_b})
    assert parts == [TITLE, AUTHORS, YEAR]
    assert points == pytest.approx(10.0)


# -- a meeting abstract or preprint and the paper, when the policy merges them ------------------------------

ABSTRACT_2007 = {"entrytype": "inproceedings", "volume": "8", "number": "", "pages": "S45", "year": 2007}
PREPRINT = {"journal": "medRxiv", "doi": "10.1101/2008.01.02.123456", "volume": "", "number": "", "pages": ""}


@pytest.mark.parametrize(
    "a, policy, version, total",
    [
        # the locator of one says nothing about the other: a year apart is no evidence, the same
        # title and first author add 1.5
        (
            ABSTRACT_2007,
            Policy(merge_abstracts=True),
            ["year 2007/2008 (+0.0)", "version abstract/preprint of the paper (+1.5)"],
            10.5,
        ),
        (
            {**ABSTRACT_2007, "year": 2008},
            Policy(merge_abstracts=True),
            [YEAR, "version abstract/preprint of the paper (+1.5)"],
            11.5,
        ),
        # two years apart: not the abstract of this paper
        ({**ABSTRACT_2007, "year": 2006}, Policy(merge_abstracts=True), ["year 2006/2008 (-5.0)"], 4.0),
        (PREPRINT, Policy(merge_preprints=True), [YEAR, "version abstract/preprint of the paper (+1.5)"], 11.5),
    ],
)
def test_a_related_version_is_weighed_on_year_title_and_first_author(a, policy, version, total):
    parts, points = evidence(paper(**a), paper(), policy)
    assert parts == [TITLE, AUTHORS] + version
    assert points == pytest.approx(total)


# -- vetoes: decisive evidence that the records differ -----------------------------------------------------

MERGE_BOTH = Policy(merge_abstracts=True, merge_preprints=True)


@pytest.mark.parametrize(
    "a, b, policy, veto",
    [
        ({"doi": "10.1000/b"}, {"doi": "10.1000/a"}, DEFAULT_POLICY, "DOI differs (10.1000/a vs 10.1000/b)"),
        ({"doi": "10.1000/b"}, {"doi": "10.1000/a"}, MERGE_BOTH, "DOI differs (10.1000/a vs 10.1000/b)"),
        ({"doi": "10.1000/b"}, {}, DEFAULT_POLICY, ""),
        # a preprint's DOI differs from the paper's by nature: no veto when preprints merge
        (PREPRINT, {"doi": "10.1000/a"}, Policy(merge_preprints=True), ""),
        (PREPRINT, {"doi": "10.1000/a"}, DEFAULT_POLICY, "DOI differs (10.1000/a vs 10.1101/2008.01.02.123456)"),
        # PMIDs ordered as numbers
        ({"pmid": "9"}, {"pmid": "10"}, DEFAULT_POLICY, "PMID differs (9 vs 10)"),
        ({"pmid": "9"}, {}, DEFAULT_POLICY, ""),
        (
            {"isbn": "978-1-86197-271-2"},
            {"isbn": "978-0-306-40615-7"},
            DEFAULT_POLICY,
            "ISBN differs (9780306406157 vs 9781861972712)",
        ),
        ({"isbn": "978-0-306-40615-7"}, {}, DEFAULT_POLICY, ""),
        ({"title": "Erratum: " + PAPER["title"]}, {}, DEFAULT_POLICY, "publication kind differs (erratum vs paper)"),
        # different issues of one volume
        ({}, {"number": "9"}, DEFAULT_POLICY, "issue differs in volume 9 (8 vs 9)"),
        ({"number": "7-8"}, {"number": "8"}, DEFAULT_POLICY, ""),  # a double issue contains the other
        ({}, {"number": "9", "volume": "10"}, DEFAULT_POLICY, ""),
        ({}, {"number": "s9"}, DEFAULT_POLICY, ""),  # a supplement is no issue number
        # ... unless a shared DOI or PMID says they are one paper
        ({"doi": "10.1000/a"}, {"doi": "10.1000/a", "number": "9"}, DEFAULT_POLICY, ""),
        ({"pmid": "18565008"}, {"pmid": "18565008", "number": "9"}, DEFAULT_POLICY, ""),
        # ... or the policy merges a meeting abstract (in another issue) with its paper
        ({"entrytype": "inproceedings", "pages": "S45", "number": "7"}, {}, Policy(merge_abstracts=True), ""),
        (
            {"entrytype": "inproceedings", "pages": "S45", "number": "7"},
            {},
            DEFAULT_POLICY,
            "issue differs in volume 9 (7 vs 8)",
        ),
    ],
)
def test_decisive_evidence_vetoes_the_pair(a, b, policy, veto):
    ra, rb = make_record(paper(**a)), make_record(paper(**b))
    reverse = veto  # the issue veto names the issues in the order given, the others sort their ids
    if veto.startswith("issue"):
        head, numbers = veto[:-1].rsplit("(", 1)
        first_issue, second_issue = numbers.split(" vs ")
        reverse = f"{head}({second_issue} vs {first_issue})"
    for first, second, expected in ((ra, rb, veto), (rb, ra, reverse)):
        result = compare(first, second, policy)
        assert result.veto == expected
        if veto:
            assert (result.score, result.reason) == (0.0, f"veto: {expected}")
        else:
            assert result.score > 0.0 and not result.reason.startswith("veto")


@pytest.mark.parametrize(
    "a, b, expected, total",
    [
        # one address alone is no move: short words still match
        ({"body": LABEL, "url": "https://pfizer.com/ketalar"}, {"body": LABEL}, ["citation text 1.00 (+12.0)"], 12.0),
        # words exactly 0.9 similar match (54 of 60 characters shared: 108 / 120)
        ({"body": "x" * 60}, {"body": "x" * 54 + "y" * 6}, ["citation text 0.90 (+12.0)"], 12.0),
        # a moved page: exactly 60 characters of words are specific enough, 59 are not
        (
            {"body": "x" * 60, "url": "https://a.org/p"},
            {"body": "x" * 60, "url": "https://b.org/p"},
            ["URL differs (-1.0)", "citation text 1.00 (+12.0)"],
            11.0,
        ),
        (
            {"body": "x" * 59, "url": "https://a.org/p"},
            {"body": "x" * 59, "url": "https://b.org/p"},
            ["URL differs (-1.0)", "citation text 1.00 (+0.0)"],
            -1.0,
        ),
    ],
)
def test_grey_citation_boundaries(a, b, expected, total):
    parts, points = evidence(a, b)
    assert parts == expected
    assert points == pytest.approx(total)


def test_a_title_missing_on_one_side_costs_one_and_a_half():
    parts, points = evidence(paper(), paper(title=""))
    assert parts == ["title missing on one side (-1.5)", AUTHORS] + LOCATOR
    assert points == pytest.approx(9.0)
