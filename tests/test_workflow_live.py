"""The real workflow searching live E-utilities (a loopback server), refreshing incrementally."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
import yaml

from conftest import jobs_run, run_snakemake
from eutils_server import EutilsServer, SyntheticRecord, synthetic_records
from litcurate.io import read_csv

KEY_ENV = "LITCURATE_TEST_EUTILS_KEY"


@pytest.fixture
def server():
    with EutilsServer(synthetic_records(25, first_day=date(2023, 1, 1), days=300)) as srv:
        yield srv


def _live_project(workdir, server):
    config = yaml.safe_load((workdir / "config/config.yaml").read_text())
    config["pubmed"].update(
        source="live",
        eutils_url=server.url,
        api_key_env=KEY_ENV,
        batch_size=10,
        backoff_base=0.01,
        refresh_state="state/pubmed",
    )
    (workdir / "config/config.yaml").write_text(yaml.safe_dump(config))
    # Synthetic records carry none of the demo's PMIDs: start with no decisions or overrides.
    (workdir / "config/screening.tsv").write_text("id\tstage\tdecision\treason\treviewer\tdate\n")
    (workdir / "config/link_overrides.tsv").unlink()
    return workdir


def _state(workdir):
    folder = workdir / "state/pubmed"
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_live_search_then_incremental_refresh(demo_copy, server, monkeypatch):
    monkeypatch.setenv(KEY_ENV, "synthetic-test-key")
    workdir = _live_project(demo_copy, server)
    first = run_snakemake(workdir, "--cores", "2")
    assert first.returncode == 0, first.stderr[-3000:]
    assert "extract" not in jobs_run(first)  # a new search leaves the extracted review tables alone
    assert len(read_csv(workdir / "results/records/pubmed.csv")) == 25
    flow = json.loads((workdir / "results/prisma/flow.json").read_text())
    assert flow["databases"]["records_identified"] == {"PubMed": 25}
    assert flow["databases"]["records_awaiting_screening"] == 25

    server.records.append(SyntheticRecord("900000601", date(2023, 6, 10), date.today()))
    second = run_snakemake(workdir, "--cores", "2", "--forcerun", "search")
    assert second.returncode == 0, second.stderr[-3000:]
    log = json.loads((workdir / "results/search/search_log.json").read_text())
    assert log["refresh"]["new"] == 1 and log["refresh"]["records_after"] == 26
    assert len(read_csv(workdir / "results/records/pubmed.csv")) == 26
    esearch = [r.params for r in server.requests if "esearch" in r.endpoint][-1]
    assert esearch["datetype"] == "edat"  # only what was entered since the last run

    before = _state(workdir)
    server.records.append(SyntheticRecord("900000602", date(2023, 6, 11), date.today()))
    server.over_report = 3
    failed = run_snakemake(workdir, "--cores", "2", "--forcerun", "search")
    assert failed.returncode != 0
    # the server claims 3 more records than it serves: the step must say so, with both numbers
    said = failed.stdout + failed.stderr + (workdir / "logs/search.log").read_text()
    mismatch = re.search(r"count mismatch[^\n]*: reported (\d+), retrieved (\d+) unique, missing 3, duplicated 0", said)
    assert mismatch, said[-3000:]
    assert int(mismatch.group(1)) - int(mismatch.group(2)) == 3
    assert _state(workdir) == before  # the accumulated records survive a failed night
