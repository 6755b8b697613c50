"""End-to-end: the real Snakemake workflow on the embedded demo, in a temporary folder."""

from __future__ import annotations

import json
import re

import pandas as pd
import yaml

from conftest import REPO, copy_project, run_snakemake
from litcurate.report.prisma import arithmetic_errors


def _facts():
    return [yaml.safe_load(p.read_text()) for p in sorted((REPO / "resources" / "facts").glob("*.yaml"))]


def _row_year(table: dict, cells: list[str], refs: dict[int, dict]) -> int | None:
    """The year a row gives for its study: in its label, in a Year column, or its cited reference's."""
    label = cells[0]
    found = re.search(r"\b(19|20)\d{2}\b", re.sub(r"\^\{[^}]*\}", "", label))
    if found:
        return int(found.group(0))
    if "Year" in table["header"]:
        return int(cells[table["header"].index("Year")])
    cited = re.search(r"\^\{(\d+)", label)
    return refs.get(int(cited.group(1)), {}).get("year") if cited else None


def _reviews_tabulating(surname: str, year: int) -> set[str]:
    """From the transcribed facts (not from the code under test): which reviews tabulate a study."""
    found = set()
    for facts in _facts():
        refs = {r["ref_no"]: r for r in facts["references"]}
        for table in facts["tables"]:
            if table["kind"] != "trial":
                continue
            for row in table["rows"]:
                if row["cells"][0].lower().startswith(surname.lower()) and _row_year(table, row["cells"], refs) == year:
                    found.add(facts["review_id"])
    return found


def test_flow_adds_up_and_matches_the_tables(demo_run):
    flow = json.loads((demo_run / "results/prisma/flow.json").read_text())
    assert arithmetic_errors(flow) == []
    records = pd.read_csv(demo_run / "results/records/all.csv", dtype=str)
    assert flow["databases"]["records_identified_total"] == len(records)
    studies = pd.read_csv(demo_run / "results/dataset/studies.csv", dtype=str)
    assert flow["included"]["studies"] == len(studies)
    assert flow["included"]["reports"] >= flow["included"]["studies"] > 0


def test_landmark_crps_trials_appear_once_linked_to_every_review(demo_run):
    studies = pd.read_csv(demo_run / "results/dataset/studies.csv", dtype=str, keep_default_na=False)
    for surname, year, pmid in (("Sigtermans", 2009, "19604642"), ("Schwartzman", 2009, "19783371")):
        rows = studies[studies["pmid"] == pmid]
        assert len(rows) == 1, f"{surname} {year}: {len(rows)} rows"
        row = rows.iloc[0]
        assert row["first_author"].lower().startswith(surname.lower())
        assert int(row["year"]) == year
        expected = _reviews_tabulating(surname, year)
        assert len(expected) >= 3
        assert set(row["reviews"].split("; ")) == expected


def test_second_run_does_nothing(demo_copy):
    result = run_snakemake(demo_copy, "--cores", "1", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "Nothing to be done" in result.stdout + result.stderr


def test_lint_is_clean(tmp_path):
    workdir = copy_project(tmp_path)
    result = run_snakemake(workdir, "--lint")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Lints for" not in output, output


def test_config_key_typo_is_named(tmp_path):
    workdir = copy_project(tmp_path)
    config = yaml.safe_load((workdir / "config/config.yaml").read_text())
    config["pubmd"] = config.pop("pubmed")
    (workdir / "config/config.yaml").write_text(yaml.safe_dump(config))
    result = run_snakemake(workdir, "--cores", "1", "--dry-run")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "config error at the top level: Additional properties are not allowed ('pubmd' was unexpected)" in output
    assert not (workdir / "results").exists()


def test_nested_config_typo_and_missing_key_are_named(tmp_path):
    workdir = copy_project(tmp_path)
    config = yaml.safe_load((workdir / "config/config.yaml").read_text())
    config["pubmed"]["qurey"] = config["pubmed"].pop("query")
    (workdir / "config/config.yaml").write_text(yaml.safe_dump(config))
    result = run_snakemake(workdir, "--cores", "1", "--dry-run")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "config error at 'pubmed'" in output and "'qurey' was unexpected" in output


def test_missing_config_key_is_named(tmp_path):
    workdir = copy_project(tmp_path)
    config = yaml.safe_load((workdir / "config/config.yaml").read_text())
    del config["screening"]
    (workdir / "config/config.yaml").write_text(yaml.safe_dump(config))
    result = run_snakemake(workdir, "--cores", "1", "--dry-run")
    assert result.returncode != 0
    assert "'screening' is a required property" in result.stdout + result.stderr


def test_review_rows_link_as_hand_labelled(demo_run):
    from litcurate.io import read_csv
    from litcurate.link.accuracy import link_accuracy, read_truth

    report = link_accuracy(
        read_csv(demo_run / "results/link/review_rows.csv"), read_truth(REPO / "tests/data/link_truth.tsv")
    )
    for level in ("publication", "study"):
        assert report[level]["precision"] == 1.0, report
        assert report[level]["recall"] == 1.0, report


def test_html_report_shows_the_flow_diagram_and_qc(demo_copy):
    result = run_snakemake(demo_copy, "--report", "report.html")
    assert result.returncode == 0, result.stderr[-3000:]
    html = (demo_copy / "report.html").read_text(encoding="utf-8", errors="replace")
    for name in ("flow.svg", "warnings.csv", "studies.csv", "PRISMA 2020", "Quality control"):
        assert name in html, name
