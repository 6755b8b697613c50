"""PRISMA 2020 counts of the demo, worked out by hand, and one test per identity of the boxes.

The demo's counts from ``config/screening.tsv`` (66 records in resources/pubmed/esearch.xml,
``<Count>66</Count>``; the PubMed snapshot is the only database, so no duplicates):

Databases route
  identified              66 (PubMed 66), duplicates removed 0
  screened                66 - 0 = 66
  excluded on title/abstract, by reason (counted line by line in screening.tsv):
      not a ketamine treatment study 21, review/guideline/survey 16, not a chronic pain
      population 7, not intravenous ketamine 6, animal or laboratory study 4, case report 1
      = 21 + 16 + 7 + 6 + 4 + 1 = 55
  title/abstract includes 11 = 66 - 55, none awaiting screening -> 11 reports sought
  full_text decisions on pmid:... : 9 includes, 0 excludes; pmid:32243301 (Kirkpatrick 2020)
      and pmid:7784107 (Persson 1995) have none -> 2 awaiting, 0 not retrieved
  assessed 11 - 0 = 11; included 11 - 0 - 2 = 9

Other methods (citation searching: rows of the review tables with no database record)
  one report per ref:/row: decision: 30 ref includes + 3 ref excludes + 1 row include = 34
  sought = identified = 34, not retrieved 0, assessed 34
  excluded: not intravenous ketamine 2 (cohen2018:168, :169), case report 1 (cohen2018:166) = 3
  included 34 - 3 - 0 = 31

Included
  reports 9 + 31 = 40
  studies 40 - 2 + 1 = 39: config/link_overrides.tsv makes Dahan 2011 (zhao2018:15) and
  Schilder 2013 (zhao2018:17) reports of the Sigtermans 2009 trial (pmid:19604642); the one
  Graven-Nielsen 2000 report holds two studies (maher2017 table 2 rows 13 and 14, "Part 1" and
  "Part 2").
"""

from __future__ import annotations

import copy
import json

import pytest

from litcurate.report.prisma import arithmetic_errors

CITATIONS = "citation searching (review trial tables)"
DEMO_FLOW = {
    "prisma": "PRISMA 2020",
    "databases": {
        "records_identified": {"PubMed": 66},
        "records_identified_total": 66,
        "duplicates_removed": 0,
        "records_screened": 66,
        "records_excluded": 55,
        "records_excluded_reasons": {
            "animal or laboratory study": 4,
            "case report": 1,
            "not a chronic pain population": 7,
            "not a ketamine treatment study": 21,
            "not intravenous ketamine": 6,
            "review, guideline or survey (no primary patient data)": 16,
        },
        "records_awaiting_screening": 0,
        "reports_sought": 11,
        "reports_not_retrieved": 0,
        "reports_assessed": 11,
        "reports_excluded": {},
        "reports_excluded_total": 0,
        "reports_awaiting_decision": 2,
        "reports_included": 9,
    },
    "other_methods": {
        "records_identified": {CITATIONS: 34},
        "records_identified_total": 34,
        "reports_sought": 34,
        "reports_not_retrieved": 0,
        "reports_assessed": 34,
        "reports_excluded": {"case report": 1, "not intravenous ketamine": 2},
        "reports_excluded_total": 3,
        "reports_awaiting_decision": 0,
        "reports_included": 31,
    },
    "included": {"studies": 39, "reports": 40},
}


def test_demo_flow_has_the_hand_counted_numbers(demo_run):
    assert json.loads((demo_run / "results/prisma/flow.json").read_text()) == DEMO_FLOW


def test_the_hand_counted_flow_adds_up():
    assert arithmetic_errors(DEMO_FLOW) == []


def _changed(path: str, value) -> dict:
    flow = copy.deepcopy(DEMO_FLOW)
    *parents, key = path.split(".")
    box = flow
    for name in parents:
        box = box[name]
    box[key] = value
    return flow


# One case per identity: the box changed, its new value, and the one error it must produce.
IDENTITIES = [
    ("databases.records_identified", {"PubMed": 60}, "databases identified = sum per database: 66 != 60"),
    ("databases.duplicates_removed", 1, "screened = identified - duplicates: 66 != 65"),
    ("databases.records_awaiting_screening", 1, "sought = screened - excluded - awaiting: 11 != 10"),
    ("databases.records_excluded_reasons", {"case report": 55, "x": 1}, "excluded = sum of reasons: 55 != 56"),
    ("databases.reports_not_retrieved", 1, "databases: assessed = sought - not retrieved: 11 != 10"),
    ("databases.reports_excluded", {"case report": 1}, "databases: excluded = sum of reasons: 0 != 1"),
    ("databases.reports_awaiting_decision", 1, "databases: included = assessed - excluded - awaiting: 9 != 10"),
    ("other_methods.reports_not_retrieved", 2, "other methods: assessed = sought - not retrieved: 34 != 32"),
    ("other_methods.reports_excluded", {"case report": 1}, "other methods: excluded = sum of reasons: 3 != 1"),
    (
        "other_methods.reports_awaiting_decision",
        1,
        "other methods: included = assessed - excluded - awaiting: 31 != 30",
    ),
    ("other_methods.records_identified_total", 35, "other methods: sought = identified: 34 != 35"),
    ("included.reports", 41, "reports included = both routes: 41 != 40"),
]


@pytest.mark.parametrize("path, value, error", IDENTITIES, ids=[case[2].split(":")[0] for case in IDENTITIES])
def test_each_identity_names_the_box_that_does_not_add_up(path, value, error):
    assert arithmetic_errors(_changed(path, value)) == [error]


def test_studies_and_reports_are_included_together():
    # one article may hold two studies, so studies may outnumber reports; but never one without the other
    assert arithmetic_errors(_changed("included.studies", 41)) == []
    flow = _changed("included.studies", 0)
    assert arithmetic_errors(flow) == ["0 studies but 40 reports included: a study is included through a report"]
    flow = copy.deepcopy(DEMO_FLOW)
    flow["included"] = {"studies": 3, "reports": 0}
    assert "3 studies but 0 reports included: a study is included through a report" in arithmetic_errors(flow)


def test_flow_counts_every_kind_of_decision():
    """A hand-made run touching every box: a duplicate, a reason left empty, a report not
    retrieved, one awaiting a decision, and one study reported by both routes."""
    import pandas as pd

    from litcurate.report.prisma import build_flow

    none = None  # an empty cell
    all_records = pd.DataFrame(
        {
            "database": ["PubMed"] * 5 + ["Embase"],
            "duplicate_of": ["", "", "", "", "", "pmid:1"],
        }
    )
    screened = pd.DataFrame({"decision": ["include", "include", "include", "include", "exclude"], "reason": [none] * 5})
    reports = pd.DataFrame(
        {
            "route": ["databases"] * 4 + ["other_methods"] * 2,
            "decision": ["include", "not_retrieved", "undecided", "exclude", "include", "exclude"],
            "reason": [none, none, none, "wrong dose", none, none],
            "study_id": ["s1", "s2", "s3", "s4", "s1", "s5"],
        }
    )
    assert build_flow(all_records, screened, reports) == {
        "prisma": "PRISMA 2020",
        "databases": {
            "records_identified": {"Embase": 1, "PubMed": 5},
            "records_identified_total": 6,
            "duplicates_removed": 1,
            "records_screened": 5,
            "records_excluded": 1,
            "records_excluded_reasons": {"no reason given": 1},
            "records_awaiting_screening": 0,
            "reports_sought": 4,
            "reports_not_retrieved": 1,
            "reports_assessed": 3,
            "reports_excluded": {"wrong dose": 1},
            "reports_excluded_total": 1,
            "reports_awaiting_decision": 1,
            "reports_included": 1,
        },
        "other_methods": {
            "records_identified": {CITATIONS: 2},
            "records_identified_total": 2,
            "reports_sought": 2,
            "reports_not_retrieved": 0,
            "reports_assessed": 2,
            "reports_excluded": {"no reason given": 1},
            "reports_excluded_total": 1,
            "reports_awaiting_decision": 0,
            "reports_included": 1,
        },
        "included": {"studies": 1, "reports": 2},
    }
