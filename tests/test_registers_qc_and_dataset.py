"""One workflow run with a RIS export holding junk lines, a synthetic ICTRP export and a synthetic
ClinicalTrials.gov snapshot: every export line that was not read is a QC warning (stage ``import``)
with its file and physical line, counted in results/qc/summary.json; and the dataset gives each
included study the registrations tied to its records by an id."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import copy_finished_demo, run_snakemake
from ctgov_server import synthetic_study
from litcurate.io import read_csv

DATA = Path(__file__).parent / "data"

# Hand-made synthetic export: line 6 is junk between two records, line 7 is a tag outside a record.
JUNK_RIS = """TY  - JOUR
TI  - Synthetic fixture: first record
AU  - Alpha, A
PY  - 2010
ER  -
this is not a RIS line
AU  - Stray, S
TY  - JOUR
TI  - Synthetic fixture: second record
PY  - 2011
ER  -
"""


@pytest.fixture(scope="module")
def workdir(demo_run, tmp_path_factory) -> Path:
    # the finished demo, changed: only the steps the new sources reach run again
    workdir = copy_finished_demo(demo_run, tmp_path_factory.mktemp("registers") / "project")
    (workdir / "exports").mkdir(exist_ok=True)
    (workdir / "exports/junk.ris").write_text(JUNK_RIS, encoding="utf-8")
    shutil.copy(DATA / "registers/ictrp_synthetic.csv", workdir / "exports/ictrp.csv")
    # SYNTHETIC-NCT-0001 lists the demo's PMID 19604642 (sigtermans2009-ketamine, an included study)
    studies = [synthetic_study(1, references=["19604642"]), synthetic_study(2)]
    snapshot = {"synthetic": True, "query": "ketamine", "snapshot_date": "2024-01-31", "studies": studies}
    (workdir / "resources/ctgov").mkdir()
    (workdir / "resources/ctgov/studies.json").write_text(json.dumps({**snapshot, "totalCount": 2}), encoding="utf-8")
    config = yaml.safe_load((workdir / "config/config.yaml").read_text())
    config["other_sources"] = [{"database": "Synthetic Index", "path": "exports/junk.ris"}]
    config["registers"] = {
        "clinicaltrials_gov": {"source": "snapshot", "query": "ketamine", "snapshot_dir": "resources/ctgov"},
        "ictrp": [{"path": "exports/ictrp.csv"}],
    }
    (workdir / "config/config.yaml").write_text(yaml.safe_dump(config))
    result = run_snakemake(workdir, "--cores", "2", "results/qc/summary.json", "results/dataset/studies.csv")
    assert result.returncode == 0, result.stderr[-3000:]
    return workdir


def test_unread_export_lines_are_qc_warnings_with_file_and_line(workdir):
    warnings = read_csv(workdir / "results/qc/warnings.csv")
    imported = warnings[warnings["stage"] == "import"]
    got = sorted(zip(imported["file"], imported["row"].astype(int), imported["table_id"], imported["value"]))
    # by hand: the two lines of JUNK_RIS above, and ictrp_synthetic.csv's row without a TrialID (line 5)
    assert got == [
        (
            "exports/ictrp.csv",
            5,
            "WHO ICTRP",
            ",1 January 2024,Synthetic row without a trial id (test fixture)" + "," * 11,
        ),
        ("exports/junk.ris", 6, "Synthetic Index", "this is not a RIS line"),
        ("exports/junk.ris", 7, "Synthetic Index", "AU  - Stray, S"),
    ]
    assert imported["message"].str.len().min() > 0
    summary = json.loads((workdir / "results/qc/summary.json").read_text())
    assert summary["by_stage"]["import"] == 3
    assert summary["by_review_stage"]["(project)"]["import"] == 3
    # the records themselves are still read: 2 from the RIS file
    records = read_csv(workdir / "results/records/all.csv")
    assert (records["database"] == "Synthetic Index").sum() == 2


def test_the_dataset_lists_each_included_studys_registrations(workdir):
    studies = read_csv(workdir / "results/dataset/studies.csv")
    columns = list(studies.columns)
    assert columns[columns.index("record_ids") + 1] == "registrations"
    registered = studies[studies["registrations"].fillna("") != ""]
    # by hand: only the study of PMID 19604642 is tied to a register (by the PMID the register lists)
    assert dict(zip(registered["study_id"], registered["registrations"])) == {
        "sigtermans2009-ketamine": "SYNTHETIC-NCT-0001"
    }
    dictionary = read_csv(workdir / "results/dataset/dictionary.csv")
    assert "registrations" in set(dictionary["column"])
