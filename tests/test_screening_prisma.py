"""Screening decisions, PRISMA counts and the flow diagram, on small hand-made cases."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pandas as pd
import pytest

from litcurate.report.prisma import arithmetic_errors, build_flow
from litcurate.report.prisma_svg import render_flow_svg
from litcurate.screen.decisions import DecisionError, check_known_ids, known_ids, read_decisions, screen
from litcurate.validate import TableInvalid

HEADER = "id\tstage\tdecision\treason\treviewer\tdate\n"


def _decisions(tmp_path, *lines: str) -> pd.DataFrame:
    path = tmp_path / "screening.tsv"
    path.write_text(HEADER + "".join(line + "\n" for line in lines))
    return read_decisions(path)


def _publications() -> pd.DataFrame:
    return pd.DataFrame(
        [
            # in PubMed and cited by a review table
            {
                "publication_id": "sigtermans2009",
                "study_id": "sigtermans2009",
                "record_ids": "pmid:19604642",
                "reference_ids": "ref:lii2023:19",
                "in_database": "1",
                "cited_by_tables": "1",
                "label": "Sigtermans 2009",
            },
            # a secondary analysis of the same study, found only through a review table
            {
                "publication_id": "schilder2013",
                "study_id": "sigtermans2009",
                "record_ids": None,
                "reference_ids": "ref:zhao2018:17",
                "in_database": "0",
                "cited_by_tables": "1",
                "label": "Schilder 2013",
            },
            # in PubMed only, off topic
            {
                "publication_id": "kemler2000",
                "study_id": "kemler2000",
                "record_ids": "pmid:10965008",
                "reference_ids": None,
                "in_database": "1",
                "cited_by_tables": "0",
                "label": "Kemler 2000",
            },
            # in PubMed only, not yet screened
            {
                "publication_id": "persson1995",
                "study_id": "persson1995",
                "record_ids": "pmid:7784107",
                "reference_ids": None,
                "in_database": "1",
                "cited_by_tables": "0",
                "label": "Persson 1995",
            },
            # found through a review table only, intranasal
            {
                "publication_id": "afridi2013",
                "study_id": "afridi2013",
                "record_ids": None,
                "reference_ids": "ref:cohen2018:169",
                "in_database": "0",
                "cited_by_tables": "1",
                "label": "Afridi 2013",
            },
        ]
    )


def _records() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "record_id": "pmid:19604642",
                "database": "PubMed",
                "publication_id": "sigtermans2009",
                "duplicate_of": None,
            },
            {
                "record_id": "embase:77",
                "database": "Embase",
                "publication_id": "sigtermans2009",
                "duplicate_of": "pmid:19604642",
            },
            {"record_id": "pmid:10965008", "database": "PubMed", "publication_id": "kemler2000", "duplicate_of": None},
            {"record_id": "pmid:7784107", "database": "PubMed", "publication_id": "persson1995", "duplicate_of": None},
        ]
    )


def _screened(tmp_path):
    decisions = _decisions(
        tmp_path,
        "pmid:19604642\ttitle_abstract\tinclude\t\tamy\t2026-01-02",
        "pmid:10965008\ttitle_abstract\texclude\tnot a ketamine treatment study\tamy\t2026-01-02",
        "sigtermans2009\tfull_text\tinclude\t\tamy\t2026-01-03",
        "ref:cohen2018:169\tfull_text\texclude\tnot intravenous ketamine\tamy\t2026-01-03",
    )
    records = _records()
    unique = records[records["duplicate_of"].isna()]
    return records, screen(unique, _publications(), decisions)


def test_an_exclusion_without_reason_is_refused_naming_the_row(tmp_path):
    with pytest.raises(TableInvalid) as err:
        _decisions(tmp_path, "pmid:1\ttitle_abstract\texclude\t\tamy\t2026-01-02")
    assert "an exclusion needs a reason" in str(err.value)
    assert "screening.tsv" in str(err.value)


def test_a_decision_on_an_unknown_id_is_refused_naming_its_line(tmp_path):
    decisions = _decisions(
        tmp_path,
        "pmid:10965008\ttitle_abstract\tinclude\t\tamy\t2026-01-02",
        "pmid:999\ttitle_abstract\tinclude\t\tamy\t2026-01-02",
    )
    with pytest.raises(DecisionError, match=r"line 3: 'pmid:999'"):
        check_known_ids(decisions, known_ids(_publications()), "screening.tsv")


def test_routes_decisions_and_study_level_inclusion(tmp_path):
    _, result = _screened(tmp_path)
    reports = result.reports.set_index("publication_id")
    assert reports.loc["sigtermans2009", "route"] == "databases"
    assert reports.loc["schilder2013", "route"] == "other_methods"
    # the study-level decision reaches the secondary analysis too
    assert reports.loc["schilder2013", "decision"] == "include"
    assert reports.loc["afridi2013", "decision"] == "exclude"
    assert "kemler2000" not in reports.index  # excluded on title/abstract: never sought
    assert set(result.undecided["id"]) == {"pmid:7784107"}


def test_flow_counts_for_the_hand_made_case(tmp_path):
    records, result = _screened(tmp_path)
    flow = build_flow(records, result.records, result.reports)
    db, other = flow["databases"], flow["other_methods"]
    assert db["records_identified"] == {"Embase": 1, "PubMed": 3}
    assert db["duplicates_removed"] == 1
    assert db["records_screened"] == 3
    assert db["records_excluded_reasons"] == {"not a ketamine treatment study": 1}
    assert db["records_awaiting_screening"] == 1
    assert db["reports_sought"] == db["reports_included"] == 1
    assert other["records_identified_total"] == 2
    assert other["reports_excluded"] == {"not intravenous ketamine": 1}
    assert flow["included"] == {"studies": 1, "reports": 2}
    assert arithmetic_errors(flow) == []


def test_arithmetic_errors_catch_a_box_that_does_not_add_up(tmp_path):
    records, result = _screened(tmp_path)
    flow = build_flow(records, result.records, result.reports)
    flow["databases"]["records_screened"] += 1
    errors = arithmetic_errors(flow)
    assert any(e.startswith("screened = identified - duplicates") for e in errors)


def test_flow_svg_is_well_formed_and_shows_the_counts(tmp_path):
    records, result = _screened(tmp_path)
    svg = render_flow_svg(build_flow(records, result.records, result.reports))
    root = ET.fromstring(svg)
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "Studies included in review (n = 1)" in texts
    assert "Reports of included studies (n = 2)" in texts
    assert "Duplicate records removed (n = 1)" in texts


def test_suggestions_come_from_metadata_and_are_checked_against_decisions():
    from litcurate.screen.suggest import suggest

    records = pd.DataFrame(
        [
            {
                "record_id": "pmid:1",
                "title": "Ketamine: a systematic review",
                "publication_types": "Journal Article",
                "mesh_terms": None,
                "language": "eng",
            },
            {
                "record_id": "pmid:2",
                "title": "Ketamine infusions in CRPS",
                "publication_types": "Case Reports",
                "mesh_terms": "Humans",
                "language": "eng",
            },
            {
                "record_id": "pmid:3",
                "title": "Spinal ketamine effects",
                "publication_types": "Journal Article",
                "mesh_terms": "Animals; Rats",
                "language": "eng",
            },
            {
                "record_id": "pmid:4",
                "title": "Intravenous ketamine for CRPS: a randomised trial",
                "publication_types": "Randomized Controlled Trial",
                "mesh_terms": "Animals; Humans",
                "language": "eng",
            },
        ]
    )
    found = suggest(records, {"pmid:1": "exclude", "pmid:2": "include"}).set_index("record_id")
    assert found.loc["pmid:1", "reason"] == "review, guideline or survey" and found.loc["pmid:1", "agrees"] == "yes"
    assert found.loc["pmid:2", "reason"] == "case report" and found.loc["pmid:2", "agrees"] == "no"
    assert found.loc["pmid:3", "reason"] == "animal study" and found.loc["pmid:3", "recorded_decision"] == "undecided"
    assert "pmid:4" not in found.index  # a human trial that also indexes animals is not flagged


def test_run_summary_reports_counts_and_what_awaits_a_human(tmp_path):
    import json

    from litcurate.report.summary import run_summary

    records, result = _screened(tmp_path)
    flow = build_flow(records, result.records, result.reports)
    (tmp_path / "results/prisma").mkdir(parents=True)
    (tmp_path / "results/prisma/flow.json").write_text(json.dumps(flow))
    (tmp_path / "results/qc").mkdir()
    (tmp_path / "results/qc/summary.json").write_text(json.dumps({"total": 7}))
    text = run_summary(tmp_path / "results")
    assert "4 database records, 2 by citation searching; 1 studies (2 reports) included" in text
    assert "1 screening decision(s) awaited" in text
    assert "7 warning(s) to look at" in text
