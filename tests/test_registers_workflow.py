"""The workflow with registers on: a synthetic ClinicalTrials.gov snapshot, a synthetic ICTRP export
and a RIS export beside the PubMed snapshot; every source counted in the search log and the flow."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

from conftest import copy_finished_demo, copy_project, run_snakemake
from ctgov_server import synthetic_study
from litcurate.io import read_csv

DATA = Path(__file__).parent / "data"


def _project(workdir: Path, total: int | None = None) -> Path:
    """Add the exports and registers to a project folder (a fresh one, or a copy of the finished demo)."""
    (workdir / "exports").mkdir(exist_ok=True)
    shutil.copy(DATA / "registers/ictrp_synthetic.csv", workdir / "exports/ictrp.csv")
    shutil.copy(DATA / "exports/ris_vendor_header.ris", workdir / "exports/other.ris")
    # SYNTHETIC-NCT-0001 lists the demo snapshot's PMID 19604642 (a seed-text PMID) as its result
    studies = [synthetic_study(1, references=["19604642"]), synthetic_study(2)]
    snapshot = {"synthetic": True, "query": "ketamine", "snapshot_date": "2024-01-31", "studies": studies}
    snapshot["totalCount"] = len(studies) if total is None else total
    (workdir / "resources/ctgov").mkdir()
    (workdir / "resources/ctgov/studies.json").write_text(json.dumps(snapshot), encoding="utf-8")
    config = yaml.safe_load((workdir / "config/config.yaml").read_text())
    config["other_sources"] = [{"database": "Synthetic Index", "path": "exports/other.ris"}]
    config["registers"] = {
        "clinicaltrials_gov": {"source": "snapshot", "query": "ketamine", "snapshot_dir": "resources/ctgov"},
        "ictrp": [{"path": "exports/ictrp.csv"}],
    }
    (workdir / "config/config.yaml").write_text(yaml.safe_dump(config))
    return workdir


def test_registers_join_the_records_the_log_and_the_flow(demo_run, tmp_path):
    # the finished demo, changed: only the steps the new sources reach run again
    workdir = _project(copy_finished_demo(demo_run, tmp_path / "project"))
    result = run_snakemake(workdir, "--cores", "2")
    assert result.returncode == 0, result.stderr[-3000:]
    records = read_csv(workdir / "results/records/all.csv")
    # 66 PubMed + 2 RIS + 2 ClinicalTrials.gov + 2 ICTRP (its row without a TrialID left out)
    assert records["database"].value_counts().to_dict() == {
        "PubMed": 66,
        "Synthetic Index": 2,
        "ClinicalTrials.gov": 2,
        "WHO ICTRP": 2,
    }
    log = json.loads((workdir / "results/search/search_log.json").read_text())
    sources = {s["database"]: s for s in log["sources"]}
    assert (sources["PubMed"]["count_reported"], sources["PubMed"]["count_retrieved"]) == (66, 66)
    assert (sources["ClinicalTrials.gov"]["count_reported"], sources["ClinicalTrials.gov"]["count_retrieved"]) == (2, 2)
    assert sources["WHO ICTRP"]["count_retrieved"] == 2
    (unread,) = sources["WHO ICTRP"]["problems"]  # the row without a TrialID, named by file and line
    assert (unread["file"], unread["line"], unread["message"]) == (
        "exports/ictrp.csv",
        5,
        "row has no TrialID; left out",
    )
    assert (sources["Synthetic Index"]["records"], sources["Synthetic Index"]["problems"]) == (2, [])
    assert [r["database"] for r in log["registers"]] == ["ClinicalTrials.gov", "WHO ICTRP"]
    links = read_csv(workdir / "results/records/register_links.csv")
    got = set(links[["register_record_id", "record_id", "how"]].itertuples(index=False, name=None))
    assert ("ClinicalTrials.gov:SYNTHETIC-NCT-0001", "pmid:19604642", "register lists the PMID") in got
    assert (
        "WHO_ICTRP:SYNTHETIC-NCT-0001",
        "ClinicalTrials.gov:SYNTHETIC-NCT-0001",
        "same trial id in two registers",
    ) in got
    flow = json.loads((workdir / "results/prisma/flow.json").read_text())
    assert flow["databases"]["registers_identified"] == {"ClinicalTrials.gov": 2, "WHO ICTRP": 2}
    assert flow["databases"]["records_identified"] == {"PubMed": 66, "Synthetic Index": 2}


def test_a_register_count_mismatch_stops_the_run_and_writes_nothing(tmp_path):
    workdir = _project(copy_project(tmp_path), total=3)
    result = run_snakemake(workdir, "--cores", "1", "results/records/all.csv")
    assert result.returncode != 0
    assert "count mismatch" in result.stderr and "reported 3, retrieved 2 unique" in result.stderr
    assert not (workdir / "results/search/registers.csv").exists()
    assert not (workdir / "results/records/all.csv").exists()
