"""PRISMA 2020 counts when trial registers are searched beside the databases, worked out by hand.

Identified: PubMed 5, Embase 3 (2 of them duplicates of PubMed records), ClinicalTrials.gov 2
(1 a duplicate), WHO ICTRP 1 -> databases 5 + 3 = 8, registers 2 + 1 = 3, duplicates 2 + 1 = 3.
Screened 8 + 3 - 3 = 8: excluded 3 "not a trial" + 2 "animal study" = 5, 1 awaiting, 2 sought
(8 - 5 - 1), both included; one is a report of two studies (Part 1, Part 2) -> 3 studies.
"""

from __future__ import annotations

import copy

import pandas as pd

from litcurate.report.prisma import arithmetic_errors, build_flow

ALL_RECORDS = pd.DataFrame(
    {
        "database": ["PubMed"] * 5 + ["Embase"] * 3 + ["ClinicalTrials.gov"] * 2 + ["WHO ICTRP"],
        "duplicate_of": [None] * 5 + ["pmid:1", "pmid:2", None] + [None, "pmid:3"] + [None],
    }
)
SCREENED = pd.DataFrame(
    {
        "decision": ["exclude"] * 5 + ["undecided", "include", "include"],
        "reason": ["not a trial"] * 3 + ["animal study"] * 2 + [None, None, None],
    }
)
REPORTS = pd.DataFrame(
    {
        "route": ["databases", "databases"],
        "decision": ["include", "include"],
        "reason": [None, None],
        "study_id": ["webster2006", "graven2000-part1; graven2000-part2"],
    }
)


def flow() -> dict:
    return build_flow(ALL_RECORDS, SCREENED, REPORTS)


def test_registers_are_counted_apart_from_the_databases():
    db = flow()["databases"]
    assert db["records_identified"] == {"Embase": 3, "PubMed": 5}
    assert db["records_identified_total"] == 8
    assert db["registers_identified"] == {"ClinicalTrials.gov": 2, "WHO ICTRP": 1}
    assert db["registers_identified_total"] == 3
    assert db["duplicates_removed"] == 3
    assert (db["records_screened"], db["records_excluded"], db["records_awaiting_screening"]) == (8, 5, 1)
    assert db["records_excluded_reasons"] == {"animal study": 2, "not a trial": 3}
    assert (db["reports_sought"], db["reports_included"]) == (2, 2)
    assert flow()["included"] == {"studies": 3, "reports": 2}
    assert list(db)[:5] == [
        "records_identified",
        "records_identified_total",
        "registers_identified",
        "registers_identified_total",
        "duplicates_removed",
    ]


def test_a_flow_with_registers_adds_up():
    assert arithmetic_errors(flow()) == []


def test_without_registers_the_flow_keeps_its_shape():
    databases_only = ALL_RECORDS[~ALL_RECORDS["database"].isin(["ClinicalTrials.gov", "WHO ICTRP"])]
    db = build_flow(databases_only, SCREENED.iloc[:7], REPORTS.iloc[:1])["databases"]
    assert "registers_identified" not in db and "registers_identified_total" not in db
    assert (db["records_identified_total"], db["duplicates_removed"], db["records_screened"]) == (8, 2, 7)


def test_a_register_total_that_is_not_the_sum_is_reported():
    wrong = copy.deepcopy(flow())
    wrong["databases"]["registers_identified_total"] = 4
    # the register total also enters the screening identity: 8 + 4 - 3 = 9
    assert arithmetic_errors(wrong) == [
        "registers identified = sum per register: 4 != 3",
        "screened = identified - duplicates: 8 != 9",
    ]


def test_a_register_breakdown_that_disagrees_with_its_total_is_reported():
    wrong = copy.deepcopy(flow())
    wrong["databases"]["registers_identified"]["WHO ICTRP"] = 2
    assert arithmetic_errors(wrong) == ["registers identified = sum per register: 3 != 4"]


def test_register_records_enter_the_screened_count():
    wrong = copy.deepcopy(flow())
    wrong["databases"]["records_screened"] = 5  # as if the 3 register records were left out
    errors = arithmetic_errors(wrong)
    assert errors[0] == "screened = identified - duplicates: 5 != 8"
