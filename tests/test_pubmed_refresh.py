"""Incremental refresh against the loopback E-utilities server."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone

import pytest
import yaml

from eutils_server import EutilsServer, SyntheticRecord, synthetic_records
from litcurate.cli import main
from litcurate.errors import ConfigError, CountMismatch
from litcurate.io import read_csv
from litcurate.search.pubmed import run_refresh

KEY_ENV = "LITCURATE_TEST_EUTILS_KEY"
FIRST_RUN = datetime(2024, 3, 1, 9, 30, tzinfo=timezone.utc)
SECOND_RUN = datetime(2024, 4, 2, 8, 0, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def with_key(monkeypatch):
    monkeypatch.setenv(KEY_ENV, "synthetic-test-key")


@pytest.fixture
def server():
    records = synthetic_records(30, first_day=date(2023, 1, 1), days=420)
    # Entered on the day of the first run: the refresh looks at that day again.
    records.append(SyntheticRecord("900000500", date(2024, 2, 28), date(2024, 3, 1)))
    with EutilsServer(records) as srv:
        yield srv


def config(srv, **extra):
    return {
        "pubmed": {
            "query": "synthetic refresh query",
            "eutils_url": srv.url,
            "api_key_env": KEY_ENV,
            "batch_size": 10,
            "backoff_base": 0.01,
            **extra,
        }
    }


def snapshot_of(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_first_run_takes_everything(server, tmp_path):
    diff = run_refresh(config(server), tmp_path, now=FIRST_RUN)
    assert len(diff["new"]) == 31 and diff["changed"] == [] and diff["since"] is None
    state = json.loads((tmp_path / "state.json").read_text())
    assert state["last_success"] == "2024/03/01" and state["records"] == 31 and state["runs"] == 1
    assert len(read_csv(tmp_path / "records.csv")) == 31
    run = tmp_path / "runs" / "20240301T093000Z"
    assert sorted(p.name for p in run.iterdir()) == ["diff.json", "pubmed.xml", "search_log.json"]
    assert json.loads((run / "search_log.json").read_text())["run_timestamp"] == "2024-03-01T09:30:00Z"


def test_cli_refresh_mode(server, tmp_path, capsys):
    cfg = tmp_path / "config.yaml"
    cfg.write_text(yaml.safe_dump(config(server)))
    state = tmp_path / "state"
    assert main(["search", "--config", str(cfg), "--refresh", str(state)]) == 0
    assert "refresh: 31 new, 0 changed, 31 records" in capsys.readouterr().err
    assert (state / "records.csv").is_file() and (state / "state.json").is_file()


def test_second_run_fetches_new_entries_and_reports_changes(server, tmp_path):
    run_refresh(config(server), tmp_path, now=FIRST_RUN)
    server.records.append(SyntheticRecord("900000601", date(2024, 3, 10), date(2024, 3, 12)))
    server.records.append(SyntheticRecord("900000602", date(2024, 3, 20), date(2024, 3, 25)))
    server.records[-3].volume = "2"  # 900000500 got its volume after the first run
    server.requests.clear()
    diff = run_refresh(config(server), tmp_path, now=SECOND_RUN)

    esearch = server.requests[0].params
    assert (esearch["datetype"], esearch["mindate"], esearch["maxdate"]) == ("edat", "2024/03/01", "2024/04/02")
    assert diff["new"] == ["900000601", "900000602"]
    assert diff["changed"] == [{"pmid": "900000500", "changes": {"volume": {"old": "1", "new": "2"}}}]
    assert (diff["unchanged"], diff["records_before"], diff["records_after"]) == (0, 31, 33)
    records = read_csv(tmp_path / "records.csv").set_index("pmid")
    assert len(records) == 33 and records.loc["900000500", "volume"] == "2"
    assert list(records.index) == sorted(records.index, key=int)
    state = json.loads((tmp_path / "state.json").read_text())
    assert state["last_success"] == "2024/04/02" and state["runs"] == 2
    saved = json.loads((tmp_path / "runs" / "20240402T080000Z" / "diff.json").read_text())
    assert saved == diff


def test_failed_refresh_leaves_state_untouched(server, tmp_path):
    run_refresh(config(server), tmp_path, now=FIRST_RUN)
    before = snapshot_of(tmp_path)
    server.records.append(SyntheticRecord("900000601", date(2024, 3, 10), date(2024, 3, 12)))
    server.over_report = 2
    with pytest.raises(CountMismatch):
        run_refresh(config(server), tmp_path, now=SECOND_RUN)
    assert snapshot_of(tmp_path) == before


def test_changed_query_needs_a_new_state_folder(server, tmp_path):
    run_refresh(config(server), tmp_path, now=FIRST_RUN)
    cfg = config(server)
    cfg["pubmed"]["query"] = "another synthetic query"
    with pytest.raises(ConfigError, match="new state folder"):
        run_refresh(cfg, tmp_path, now=SECOND_RUN)


def test_configured_publication_dates_still_apply_on_refresh(server, tmp_path):
    cfg = config(server, mindate="2023/01/01", maxdate="2024/03/15")
    first = run_refresh(cfg, tmp_path, now=FIRST_RUN)
    server.records.append(SyntheticRecord("900000601", date(2024, 3, 10), date(2024, 3, 12)))
    server.records.append(SyntheticRecord("900000602", date(2024, 3, 20), date(2024, 3, 25)))
    server.requests.clear()
    diff = run_refresh(cfg, tmp_path, now=SECOND_RUN)
    assert '"2023/01/01"[dp] : "2024/03/15"[dp]' in server.requests[0].params["term"]
    assert diff["new"] == ["900000601"]  # 900000602 was published after maxdate
    assert len(first["new"]) == 31


def test_refresh_by_modification_date_catches_changed_old_records(server, tmp_path):
    """refresh_datetype: mdat asks for records modified since the last run, old ones included."""
    run_refresh(config(server, refresh_datetype="mdat"), tmp_path, now=FIRST_RUN)
    old = server.records[0]
    entered = old.edat.isoformat()
    old.volume = "9"  # corrected after the first run ...
    old.edat = date(2024, 3, 20)  # ... which moves its modification date (the server serves mdat as this date)
    server.requests.clear()
    diff = run_refresh(config(server, refresh_datetype="mdat"), tmp_path, now=SECOND_RUN)
    esearch = server.requests[0].params
    assert (esearch["datetype"], esearch["mindate"], esearch["maxdate"]) == ("mdat", "2024/03/01", "2024/04/02")
    assert diff["new"] == []
    changes = {"volume": {"old": "1", "new": "9"}, "entrez_date": {"old": entered, "new": "2024-03-20"}}
    assert diff["changed"] == [{"pmid": old.pmid, "changes": changes}]


def test_an_unknown_refresh_datetype_is_named(server, tmp_path):
    with pytest.raises(ConfigError, match="pubmed.refresh_datetype must be one of pdat, edat, mdat, not 'udat'"):
        run_refresh(config(server, refresh_datetype="udat"), tmp_path, now=FIRST_RUN)
    assert not (tmp_path / "state.json").exists()
