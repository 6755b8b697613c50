"""An E-utilities reply that says it failed fails the search, even when it also says Count 0.

Against the loopback server (tests/eutils_server.py, ``esearch_reply``): NCBI answers a failed
backend with ``<Count>0</Count>`` next to ``<ERROR>``; taking that as an empty search would
publish "records -N" and move a refresh's ``last_success`` past the window it never searched.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timezone

import pytest

from eutils_server import EutilsServer, synthetic_records
from litcurate.errors import SearchError
from litcurate.search.pubmed import run_refresh, run_search

KEY_ENV = "LITCURATE_TEST_EUTILS_KEY"
FIRST_RUN = datetime(2024, 3, 1, 9, 30, tzinfo=timezone.utc)
SECOND_RUN = datetime(2024, 4, 2, 8, 0, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def with_key(monkeypatch):
    monkeypatch.setenv(KEY_ENV, "synthetic-test-key")


@pytest.fixture
def server():
    with EutilsServer(synthetic_records(25, first_day=date(2023, 1, 1), days=300)) as srv:
        yield srv


def config(srv, **extra) -> dict:
    section = {
        "query": "synthetic guard query",
        "eutils_url": srv.url,
        "api_key_env": KEY_ENV,
        "batch_size": 10,
        "backoff_base": 0.01,
        "max_retries": 2,
    }
    return {"pubmed": {**section, **extra}}


def files_of(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# (server mode, text the message must quote, requests made: an <ERROR> may be a passing backend
# failure and is retried like a 5xx; an ErrorList or a dropped quoted phrase is the query's own
# problem and fails at once)
FAILURES = [
    ("error", r"ERROR: Search Backend failed: synthetic failure", 3),
    ("error_list", r"PhraseNotFound: synthetic\[filtr\]", 1),
    ("phrase_not_found", r'QuotedPhraseNotFound: "synthetic phrase"', 1),
]


@pytest.mark.parametrize("mode, message, requests", FAILURES, ids=[f[0] for f in FAILURES])
def test_count_zero_beside_a_failure_fails_the_search_and_writes_nothing(server, tmp_path, mode, message, requests):
    server.esearch_reply = mode
    xml, log = tmp_path / "search/pubmed.xml", tmp_path / "search/search_log.json"
    with pytest.raises(SearchError, match=message):
        run_search(config(server), xml, log)
    assert not xml.exists() and not log.exists()
    assert len(server.requests) == requests


def test_a_failed_refresh_keeps_its_state_and_last_success(server, tmp_path):
    state = tmp_path / "state"
    run_refresh(config(server), state, now=FIRST_RUN)
    assert json.loads((state / "state.json").read_text())["last_success"] == "2024/03/01"
    before = files_of(state)

    server.esearch_reply = "error"
    with pytest.raises(SearchError, match="Search Backend failed"):
        run_refresh(config(server), state, now=SECOND_RUN)
    assert files_of(state) == before  # last_success still 2024/03/01: the next night looks back to it
