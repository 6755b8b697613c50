"""Every line of a database or register export that was not read is a QC warning (stage ``import``)
with its file and physical line, and is counted in results/qc/summary.json."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

from conftest import copy_project, run_snakemake
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


def _project(tmp_path: Path, registers: bool) -> Path:
    workdir = copy_project(tmp_path)
    (workdir / "exports").mkdir()
    (workdir / "exports/junk.ris").write_text(JUNK_RIS, encoding="utf-8")
    config = yaml.safe_load((workdir / "config/config.yaml").read_text())
    config["other_sources"] = [{"database": "Synthetic Index", "path": "exports/junk.ris"}]
    if registers:
        shutil.copy(DATA / "registers/ictrp_synthetic.csv", workdir / "exports/ictrp.csv")
        config["registers"] = {"ictrp": [{"path": "exports/ictrp.csv"}]}
    (workdir / "config/config.yaml").write_text(yaml.safe_dump(config))
    return workdir


def test_unread_export_lines_are_qc_warnings_with_file_and_line(tmp_path):
    workdir = _project(tmp_path, registers=True)
    result = run_snakemake(workdir, "--cores", "2", "results/qc/summary.json")
    assert result.returncode == 0, result.stderr[-3000:]
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
