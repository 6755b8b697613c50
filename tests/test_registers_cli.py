"""``litcurate registers``: the configured registers searched from the command line, live against
a loopback ClinicalTrials.gov server (synthetic studies) with an ICTRP export beside it."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from ctgov_server import CtgovServer, synthetic_study
from litcurate.cli import main
from litcurate.io import read_csv

DATA = Path(__file__).parent / "data"


def _config(tmp_path: Path, url: str) -> Path:
    config = {
        "registers": {
            "clinicaltrials_gov": {"source": "live", "query": "ketamine", "api_url": url, "page_size": 2},
            "ictrp": [{"path": str(DATA / "registers/ictrp_synthetic.csv")}],
        }
    }
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def test_registers_command_searches_live_and_writes_records_log_and_studies(tmp_path):
    out = tmp_path / "out"
    with CtgovServer([synthetic_study(k) for k in (1, 2, 3)]) as server:
        config = _config(tmp_path, server.url)
        argv = ["registers", "--config", str(config), "--records", str(out / "registers.csv")]
        argv += ["--log", str(out / "log.json"), "--studies", str(out / "studies.json")]
        assert main(argv) == 0
        assert [r.get("pageToken") for r in server.requests] == [None, "tok2"]  # 3 studies, 2 a page
    records = read_csv(out / "registers.csv")
    # by hand: 3 loopback studies, 2 ICTRP rows with a TrialID (its third row has none)
    assert records["database"].value_counts().to_dict() == {"ClinicalTrials.gov": 3, "WHO ICTRP": 2}
    assert "ClinicalTrials.gov:SYNTHETIC-NCT-0003" in set(records["record_id"])
    log = json.loads((out / "log.json").read_text())
    ctgov = log["registers"][0]
    assert (ctgov["database"], ctgov["count_reported"], ctgov["count_retrieved"]) == ("ClinicalTrials.gov", 3, 3)
    assert [(p["line"], p["message"]) for p in log["problems"]] == [(5, "row has no TrialID; left out")]
    studies = json.loads((out / "studies.json").read_text())
    assert (studies["query"], studies["totalCount"], len(studies["studies"])) == ("ketamine", 3, 3)


def test_registers_command_refuses_a_count_mismatch_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "out"
    with CtgovServer([synthetic_study(k) for k in (1, 2)], over_report=1) as server:
        config = _config(tmp_path, server.url)
        argv = ["registers", "--config", str(config), "--records", str(out / "r.csv"), "--log", str(out / "l.json")]
        assert main(argv) == 1
    assert "litcurate registers: error:" in capsys.readouterr().err
    assert not out.exists()


def test_registers_command_without_a_register_names_the_key(tmp_path, capsys):
    config = tmp_path / "config.yaml"
    config.write_text("pubmed: {source: snapshot}\n", encoding="utf-8")
    argv = [
        "registers",
        "--config",
        str(config),
        "--records",
        str(tmp_path / "r.csv"),
        "--log",
        str(tmp_path / "l.json"),
    ]
    assert main(argv) == 1
    assert "key 'registers'" in capsys.readouterr().err


def test_registers_command_live_without_a_query_names_the_key(tmp_path, capsys):
    config = tmp_path / "config.yaml"
    config.write_text("registers:\n  clinicaltrials_gov: {source: live}\n", encoding="utf-8")
    argv = [
        "registers",
        "--config",
        str(config),
        "--records",
        str(tmp_path / "r.csv"),
        "--log",
        str(tmp_path / "l.json"),
    ]
    assert main(argv) == 1
    assert "registers.clinicaltrials_gov.query: expected a search expression" in capsys.readouterr().err
    assert not (tmp_path / "r.csv").exists()
