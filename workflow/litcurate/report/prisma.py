"""PRISMA 2020 flow counts from the screened records and reports.

The counts are derived, never entered: identification per database and per other
method, duplicates removed, screening, retrieval, eligibility with reasons, and the
studies and reports included. :func:`arithmetic_errors` states every identity the
boxes must satisfy; the workflow refuses to write a flow that breaks one.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from litcurate.link.parts import split_study_ids

CITATION_SEARCHING = "citation searching (review trial tables)"
# Sources PRISMA counts as registers ("Records identified from: Registers"), not databases.
REGISTERS = frozenset({"ClinicalTrials.gov", "WHO ICTRP"})


def _reason_counts(frame: pd.DataFrame) -> dict[str, int]:
    excluded = frame[frame["decision"] == "exclude"]
    return dict(sorted(Counter(excluded["reason"].fillna("no reason given")).items()))


def _assessment(reports: pd.DataFrame) -> dict:
    sought = len(reports)
    not_retrieved = int((reports["decision"] == "not_retrieved").sum())
    excluded = _reason_counts(reports)
    return {
        "reports_sought": sought,
        "reports_not_retrieved": not_retrieved,
        "reports_assessed": sought - not_retrieved,
        "reports_excluded": excluded,
        "reports_excluded_total": sum(excluded.values()),
        "reports_awaiting_decision": int((reports["decision"] == "undecided").sum()),
        "reports_included": int((reports["decision"] == "include").sum()),
    }


def build_flow(all_records: pd.DataFrame, screened_records: pd.DataFrame, reports: pd.DataFrame) -> dict:
    """``all_records``: every database and register record incl. duplicates (database, duplicate_of).

    Register records (:data:`REGISTERS`) are counted in ``registers_identified``, present only
    when there are any, so a flow without registers keeps its shape."""
    per_source = Counter(all_records["database"])
    per_database = dict(sorted((k, n) for k, n in per_source.items() if k not in REGISTERS))
    per_register = dict(sorted((k, n) for k, n in per_source.items() if k in REGISTERS))
    duplicates = int(all_records["duplicate_of"].fillna("").ne("").sum())
    ta_excluded = _reason_counts(screened_records)
    registers = (
        {"registers_identified": per_register, "registers_identified_total": sum(per_register.values())}
        if per_register
        else {}
    )
    databases = {
        "records_identified": per_database,
        "records_identified_total": sum(per_database.values()),
        **registers,
        "duplicates_removed": duplicates,
        "records_screened": len(screened_records),
        "records_excluded": sum(ta_excluded.values()),
        "records_excluded_reasons": ta_excluded,
        "records_awaiting_screening": int((screened_records["decision"] == "undecided").sum()),
        **_assessment(reports[reports["route"] == "databases"]),
    }
    other_reports = reports[reports["route"] == "other_methods"]
    other = {
        "records_identified": {CITATION_SEARCHING: len(other_reports)},
        "records_identified_total": len(other_reports),
        **_assessment(other_reports),
    }
    included = reports[reports["decision"] == "include"]
    return {
        "prisma": "PRISMA 2020",
        "databases": databases,
        "other_methods": other,
        "included": {
            "studies": len({s for ids in included["study_id"] for s in split_study_ids(ids)}),
            "reports": len(included),
        },
    }


def arithmetic_errors(flow: dict) -> list[str]:
    """Every identity of the PRISMA boxes; an empty list means the flow adds up."""
    errors = []

    def expect(name: str, left: int, right: int) -> None:
        if left != right:
            errors.append(f"{name}: {left} != {right}")

    db, other, inc = flow["databases"], flow["other_methods"], flow["included"]
    expect(
        "databases identified = sum per database",
        db["records_identified_total"],
        sum(db["records_identified"].values()),
    )
    if "registers_identified" in db:
        expect(
            "registers identified = sum per register",
            db["registers_identified_total"],
            sum(db["registers_identified"].values()),
        )
    expect(
        "screened = identified - duplicates",
        db["records_screened"],
        db["records_identified_total"] + db.get("registers_identified_total", 0) - db["duplicates_removed"],
    )
    expect(
        "sought = screened - excluded - awaiting",
        db["reports_sought"],
        db["records_screened"] - db["records_excluded"] - db["records_awaiting_screening"],
    )
    expect("excluded = sum of reasons", db["records_excluded"], sum(db["records_excluded_reasons"].values()))
    for name, box in (("databases", db), ("other methods", other)):
        expect(
            f"{name}: assessed = sought - not retrieved",
            box["reports_assessed"],
            box["reports_sought"] - box["reports_not_retrieved"],
        )
        expect(
            f"{name}: excluded = sum of reasons", box["reports_excluded_total"], sum(box["reports_excluded"].values())
        )
        expect(
            f"{name}: included = assessed - excluded - awaiting",
            box["reports_included"],
            box["reports_assessed"] - box["reports_excluded_total"] - box["reports_awaiting_decision"],
        )
    expect("other methods: sought = identified", other["reports_sought"], other["records_identified_total"])
    expect("reports included = both routes", inc["reports"], db["reports_included"] + other["reports_included"])
    # One article may report two studies ("Part 1", "Part 2"): studies may outnumber reports,
    # but neither is ever included without the other.
    if bool(inc["studies"]) != bool(inc["reports"]):
        errors.append(
            f"{inc['studies']} studies but {inc['reports']} reports included: a study is included through a report"
        )
    return errors
