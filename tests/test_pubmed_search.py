"""The search stage against a real loopback E-utilities server (tests/eutils_server.py)."""

from __future__ import annotations

import json
import logging
import threading
import time
from datetime import date

import pytest
import yaml

from eutils_server import EutilsServer, Fault, SyntheticRecord, synthetic_records
from litcurate.cli import main
from litcurate.errors import ConfigError, CountMismatch, EutilsHTTPError, SearchError
from litcurate.search.pubmed import parse_pubmed_xml, run_search, write_snapshot
from litcurate.search.pubmed.articleset import split_article_set

KEY_ENV = "LITCURATE_TEST_EUTILS_KEY"
KEY = "synthetic-test-key-123"


@pytest.fixture
def server():
    srv = EutilsServer(synthetic_records(45)).start()
    yield srv
    srv.stop()


@pytest.fixture
def with_key(monkeypatch):
    monkeypatch.setenv(KEY_ENV, KEY)


def config(srv: EutilsServer, **pubmed) -> dict:
    section = {
        "query": "ketamine[tiab] AND synthetic[filter]",
        "eutils_url": srv.url,
        "email": "reviewer@example.org",
        "api_key_env": KEY_ENV,
        "batch_size": 10,
        "backoff_base": 0.01,
    }
    section.update(pubmed)
    return {"pubmed": section}


def outputs(tmp_path):
    return tmp_path / "search" / "pubmed.xml", tmp_path / "search" / "search_log.json"


def test_every_record_arrives_once_and_log_is_right(server, with_key, tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="litcurate")
    xml, log_path = outputs(tmp_path)
    log = run_search(config(server), xml, log_path)
    pmids = parse_pubmed_xml(xml)["pmid"].tolist()
    assert sorted(pmids, key=int) == pmids and sorted(pmids) == sorted(r.pmid for r in server.records)
    on_disk = json.loads(log_path.read_text())
    assert on_disk == log
    assert log["database"] == "PubMed" and log["endpoint"] == server.url
    assert log["query"] == "ketamine[tiab] AND synthetic[filter]"
    assert (log["count_reported"], log["count_retrieved"], log["batches"], log["requests"], log["retries"]) == (
        45,
        45,
        5,
        6,
        0,
    )
    assert log["date_split_parts"] == [] and log["mindate"] is None
    assert log["run_timestamp"].endswith("Z")
    assert "fetched 10/45 records" in caplog.text and "fetched 45/45 records" in caplog.text


def test_tool_email_and_key_on_every_request_and_history_paging(server, with_key, tmp_path):
    run_search(config(server), *outputs(tmp_path))
    for req in server.requests:
        assert (req.params["tool"], req.params["email"], req.params["api_key"]) == (
            "litcurate",
            "reviewer@example.org",
            KEY,
        )
    esearch, *efetches = server.requests
    assert esearch.endpoint == "esearch" and esearch.params["usehistory"] == "y"
    assert esearch.params["retmax"] == "0" and esearch.params["db"] == "pubmed"
    assert [(r.params["retstart"], r.params["retmax"]) for r in efetches] == [(str(s), "10") for s in range(0, 45, 10)]
    assert {r.params["WebEnv"] for r in efetches} == {"MCID_synthetic_1"}
    assert {r.params["retmode"] for r in efetches} == {"xml"}


def test_output_holds_returned_articles_byte_for_byte_in_retrieval_order(server, with_key, tmp_path):
    xml, log_path = outputs(tmp_path)
    run_search(config(server), xml, log_path)
    merged = split_article_set(xml.read_bytes())
    served = sorted(server.records, key=lambda r: int(r.pmid), reverse=True)
    assert [a.pmid for a in merged.articles] == [r.pmid for r in served]
    assert [a.xml for a in merged.articles] == [r.xml().encode() for r in served]
    assert xml.read_bytes().count(b"<PubmedArticleSet>") == 1


def test_single_batch_is_written_exactly_as_returned(server, with_key, tmp_path):
    xml, log_path = outputs(tmp_path)
    run_search(config(server, batch_size=100), xml, log_path)
    served = [r.xml() for r in sorted(server.records, key=lambda r: int(r.pmid), reverse=True)]
    assert xml.read_text(encoding="utf-8").count("<PubmedArticle>") == 45
    assert all(article in xml.read_text(encoding="utf-8") for article in served)


def test_three_per_second_without_key(monkeypatch, tmp_path):
    monkeypatch.delenv(KEY_ENV, raising=False)
    with EutilsServer(synthetic_records(12)) as srv:
        srv.faults.append(Fault("500", "efetch"))
        started = time.monotonic()
        log = run_search(config(srv, batch_size=3), *outputs(tmp_path))
        elapsed = time.monotonic() - started
    assert log["requests"] == 6 and log["retries"] == 1
    assert srv.max_in_window(1.0) <= 3
    assert elapsed >= 0.95  # six requests at 3/s need at least one full second
    assert all("api_key" not in r.params for r in srv.requests)


def test_ten_per_second_with_key(with_key, tmp_path):
    with EutilsServer(synthetic_records(120)) as srv:
        log = run_search(config(srv, batch_size=5), *outputs(tmp_path))
    assert log["requests"] == 25
    assert srv.max_in_window(1.0) <= 10
    # That the limiter uses the whole allowance is checked on a fake clock (test_pubmed_ratelimit):
    # a busy machine may send fewer than 10 a second, and that must not fail a test.


def test_transient_faults_are_retried(server, with_key, tmp_path):
    for kind in ("500", "503", "drop", "short_read", "truncate", "short_batch"):
        server.faults.append(Fault(kind, "efetch"))
    server.faults.append(Fault("429", "esearch", retry_after="1"))
    xml, log_path = outputs(tmp_path)
    log = run_search(config(server, max_retries=6), xml, log_path)
    assert log["retries"] == 7 and log["requests"] == 6 + 7
    assert log["count_retrieved"] == 45
    pmids = parse_pubmed_xml(xml)["pmid"]
    assert pmids.is_unique and len(pmids) == 45


def test_retry_after_is_honoured(server, with_key, tmp_path):
    server.faults.append(Fault("429", "efetch", retry_after="1"))
    run_search(config(server, backoff_base=0.001), *outputs(tmp_path))
    first_fetch, second_fetch = [r.time for r in server.requests if r.endpoint == "efetch"][:2]
    assert second_fetch - first_fetch >= 1.0


def test_gives_up_loudly_after_bounded_retries(server, with_key, tmp_path):
    for _ in range(3):
        server.faults.append(Fault("500", "efetch"))
    xml, log_path = outputs(tmp_path)
    with pytest.raises(EutilsHTTPError) as err:
        run_search(config(server, max_retries=2), xml, log_path)
    message = str(err.value)
    assert "HTTP 500" in message and "3 attempts" in message and "efetch.fcgi?" in message
    assert KEY not in message and "\n" not in message
    assert not xml.exists() and not log_path.exists()
    assert len(server.requests) == 4


def test_client_error_is_not_retried(server, with_key, tmp_path):
    server.faults.append(Fault("400", "esearch"))
    with pytest.raises(EutilsHTTPError) as err:
        run_search(config(server), *outputs(tmp_path))
    assert err.value.status == 400 and len(server.requests) == 1


def test_over_reported_count_is_a_mismatch(server, with_key, tmp_path):
    server.over_report = 3
    xml, log_path = outputs(tmp_path)
    with pytest.raises(CountMismatch) as err:
        run_search(config(server), xml, log_path)
    assert (err.value.reported, err.value.retrieved, err.value.missing, err.value.duplicated) == (48, 45, 3, 0)
    assert "reported 48, retrieved 45 unique, missing 3, duplicated 0" in str(err.value)
    assert not xml.exists() and not log_path.exists()


def test_pmid_served_twice_is_a_mismatch(server, with_key, tmp_path):
    server.serve_duplicate = True
    xml, log_path = outputs(tmp_path)
    with pytest.raises(CountMismatch) as err:
        run_search(config(server), xml, log_path)
    assert (err.value.reported, err.value.retrieved, err.value.missing, err.value.duplicated) == (45, 44, 1, 1)
    assert not xml.exists()


def test_failed_search_keeps_previous_outputs(server, with_key, tmp_path):
    xml, log_path = outputs(tmp_path)
    run_search(config(server), xml, log_path)
    before = xml.read_bytes(), log_path.read_bytes()
    server.over_report = 1
    with pytest.raises(CountMismatch):
        run_search(config(server), xml, log_path)
    assert (xml.read_bytes(), log_path.read_bytes()) == before
    assert sorted(p.name for p in xml.parent.iterdir()) == ["pubmed.xml", "search_log.json"]


def test_empty_result(server, with_key, tmp_path):
    xml, log_path = outputs(tmp_path)
    log = run_search(config(server, mindate="1990/01/01", maxdate="1990/12/31"), xml, log_path)
    assert (log["count_reported"], log["count_retrieved"], log["batches"], log["requests"]) == (0, 0, 0, 1)
    assert len(parse_pubmed_xml(xml)) == 0
    assert server.requests[0].params["datetype"] == "pdat"
    assert server.requests[0].params["mindate"] == "1990/01/01"


def test_date_limits_are_sent_and_applied(server, with_key, tmp_path):
    xml, log_path = outputs(tmp_path)
    log = run_search(config(server, mindate="2016/01/01", maxdate="2017/12/31"), xml, log_path)
    expected = {r.pmid for r in server.records if date(2016, 1, 1) <= r.pdat <= date(2017, 12, 31)}
    assert 0 < len(expected) < 45
    assert set(parse_pubmed_xml(xml)["pmid"]) == expected
    assert (log["mindate"], log["maxdate"], log["datetype"]) == ("2016/01/01", "2017/12/31", "pdat")


def test_large_set_is_split_by_date_below_the_paging_limit(with_key, tmp_path):
    records = synthetic_records(12000, days=400)
    with EutilsServer(records) as srv:
        xml, log_path = outputs(tmp_path)
        log = run_search(config(srv, batch_size=5000), xml, log_path)
    assert log["count_reported"] == log["count_retrieved"] == 12000
    parts = log["date_split_parts"]
    assert len(parts) >= 2 and all(p["count"] <= 9999 for p in parts)
    assert sum(p["count"] for p in parts) == 12000
    pmids = [a.pmid for a in split_article_set(xml.read_bytes()).articles]
    assert len(pmids) == len(set(pmids)) == 12000
    assert all(int(r.params["retstart"]) < 9999 for r in srv.requests if r.endpoint == "efetch")


def test_recursive_split_with_records_in_two_parts(with_key, tmp_path):
    records = synthetic_records(200, first_day=date(2020, 1, 1), days=366)
    records[0].other_pdat = date(2020, 12, 30)  # matches two far-apart date parts
    with EutilsServer(records, history_limit=40) as srv:
        xml, log_path = outputs(tmp_path)
        log = run_search(
            config(srv, mindate="2020/01/01", maxdate="2020/12/31", batch_size=20), xml, log_path, history_limit=40
        )
        windows = [(r.params["mindate"], r.params["maxdate"]) for r in srv.requests if r.endpoint == "esearch"]
    parts = log["date_split_parts"]
    assert len(parts) >= 5 and all(p["count"] <= 40 for p in parts)
    assert sum(p["count"] for p in parts) == 201
    assert log["records_in_several_parts"] == 1
    pmids = parse_pubmed_xml(xml)["pmid"]
    assert pmids.is_unique and set(pmids) == {r.pmid for r in records}
    assert windows[0] == ("2020/01/01", "2020/12/31") and ("2020/01/01", "2020/07/01") in windows


def test_single_day_above_the_limit_cannot_be_split(with_key, tmp_path):
    records = [SyntheticRecord(str(900000001 + i), date(2020, 5, 5), date(2020, 5, 6)) for i in range(12)]
    with EutilsServer(records, history_limit=10) as srv:
        with pytest.raises(SearchError, match="12 records have pdat 2020/05/05"):
            run_search(config(srv, mindate="2020/05/01", maxdate="2020/05/08"), *outputs(tmp_path), history_limit=10)


def test_rate_above_ncbi_limit_is_refused(server, monkeypatch, tmp_path):
    monkeypatch.delenv(KEY_ENV, raising=False)
    with pytest.raises(ConfigError, match="exceeds NCBI's limit of 3/s"):
        run_search(config(server, requests_per_second=5), *outputs(tmp_path))
    assert server.requests == []


# -- snapshot mode -----------------------------------------------------------------------

SNAPSHOT = [
    {
        "pmid": "900000301",
        "title": "Synthetic snapshot one.",
        "authors": ["Fixture A"],
        "journal": "Synthetic Snapshot Journal",
        "year": 2011,
    },
    {
        "pmid": "900000302",
        "title": "Synthetic snapshot two.",
        "authors": ["Fixture B"],
        "journal": "Synthetic Snapshot Journal",
        "year": 2013,
        "doi": "10.99999/synthetic.302",
    },
]


def snapshot_config(folder, **extra):
    return {"pubmed": {"query": "synthetic snapshot query", "source": "snapshot", "snapshot_dir": str(folder), **extra}}


def test_snapshot_reruns_are_byte_identical(tmp_path):
    snap = tmp_path / "snap"
    write_snapshot(SNAPSHOT, "synthetic snapshot query", snap, "2024-05-01")
    first, second = tmp_path / "a", tmp_path / "b"
    log = run_search(snapshot_config(snap), first / "p.xml", first / "l.json")
    run_search(snapshot_config(snap), second / "p.xml", second / "l.json")
    assert (first / "p.xml").read_bytes() == (second / "p.xml").read_bytes() == (snap / "efetch.xml").read_bytes()
    assert (first / "l.json").read_bytes() == (second / "l.json").read_bytes()
    assert log["endpoint"] == f"snapshot:{snap}" and log["run_timestamp"] == "2024-05-01"
    assert (log["count_reported"], log["count_retrieved"], log["source"]) == (2, 2, "snapshot")


def test_snapshot_with_other_query_is_refused(tmp_path):
    write_snapshot(SNAPSHOT, "another query", tmp_path / "snap", "2024-05-01")
    with pytest.raises(ConfigError, match="different query"):
        run_search(snapshot_config(tmp_path / "snap"), tmp_path / "p.xml", tmp_path / "l.json")


def test_snapshot_missing_a_listed_pmid_is_a_mismatch(tmp_path):
    snap = tmp_path / "snap"
    write_snapshot(SNAPSHOT, "synthetic snapshot query", snap, "2024-05-01")
    esearch = (snap / "esearch.xml").read_text()
    (snap / "esearch.xml").write_text(esearch.replace("<Id>900000302</Id>", "<Id>900000399</Id>"))
    with pytest.raises(CountMismatch, match="missing 1"):
        run_search(snapshot_config(snap), tmp_path / "p.xml", tmp_path / "l.json")


# -- CLI -----------------------------------------------------------------------------------


def cli(argv: list[str]) -> int:
    return main(["search", *argv])


def test_cli_writes_xml_log_and_records(tmp_path):
    write_snapshot(SNAPSHOT, "synthetic snapshot query", tmp_path / "snap", "2024-05-01")
    cfg = tmp_path / "config.yaml"
    cfg.write_text(yaml.safe_dump(snapshot_config(tmp_path / "snap")))
    out = tmp_path / "out"
    code = cli(
        [
            "--config",
            str(cfg),
            "--xml",
            str(out / "p.xml"),
            "--log",
            str(out / "l.json"),
            "--records",
            str(out / "records.csv"),
        ]
    )
    assert code == 0
    lines = (out / "records.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("record_id,source,pmid,doi,title") and len(lines) == 3
    assert lines[2].startswith("pmid:900000302,PubMed,900000302,10.99999/synthetic.302,")


def test_cli_error_is_one_line_without_the_key(server, with_key, tmp_path, capsys):
    server.faults.extend([Fault("503", "esearch"), Fault("503", "esearch")])
    cfg = tmp_path / "config.yaml"
    cfg.write_text(yaml.safe_dump(config(server, max_retries=1)))
    code = cli(["--config", str(cfg), "--xml", str(tmp_path / "p.xml"), "--log", str(tmp_path / "l.json")])
    err_lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith("litcurate search")]
    assert code == 1 and len(err_lines) == 1
    assert "HTTP 503" in err_lines[0] and "esearch.fcgi" in err_lines[0] and KEY not in err_lines[0]


def test_a_search_one_past_the_history_limit_is_split(with_key, tmp_path):
    # A history set pages through its first 9,999 records only; 10,000 must be fetched in date parts.
    records = synthetic_records(10000, days=400)
    with EutilsServer(records, history_limit=9999) as srv:
        xml, log_path = outputs(tmp_path)
        log = run_search(config(srv, batch_size=10000), xml, log_path)
    assert log["count_reported"] == log["count_retrieved"] == 10000
    assert len(log["date_split_parts"]) == 2 and all(p["count"] <= 9999 for p in log["date_split_parts"])
    assert len(split_article_set(xml.read_bytes()).articles) == 10000


def test_a_search_at_the_history_limit_is_not_split(with_key, tmp_path):
    records = synthetic_records(9999, days=400)
    with EutilsServer(records, history_limit=9999) as srv:
        xml, log_path = outputs(tmp_path)
        log = run_search(config(srv, batch_size=10000), xml, log_path)
    assert log["count_retrieved"] == 9999 and log["date_split_parts"] == []
    assert log["requests"] == 2  # one ESearch, one EFetch


def test_searches_in_one_process_share_one_rate_limit(monkeypatch, tmp_path):
    """Two searches at once (two clients) must still keep to NCBI's 3 requests/s without a key together."""
    monkeypatch.delenv(KEY_ENV, raising=False)
    with EutilsServer(synthetic_records(12)) as srv:
        errors = []

        def search(folder):
            try:
                run_search(config(srv, batch_size=3), *outputs(tmp_path / folder))
            except Exception as exc:  # noqa: BLE001 (reported below)
                errors.append(exc)

        threads = [threading.Thread(target=search, args=(name,)) for name in ("a", "b")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
    assert errors == []
    assert len(srv.requests) == 10  # 2 x (1 ESearch + 4 EFetch)
    # The limiter spaces each 4th request 1.03 s after the 1st; 0.9 s leaves room for arrival jitter.
    assert srv.max_in_window(0.9) <= 3


def test_backoff_doubles_from_its_base_and_stops_at_backoff_max(server):
    from litcurate.search.pubmed.eutils import EutilsClient, parse_esearch

    waits: list[float] = []
    client = EutilsClient(server.url, backoff_base=1.0, backoff_max=2.5, max_retries=5, sleep=waits.append)
    for _ in range(4):
        server.faults.append(Fault("503", "esearch"))
    server.faults.append(Fault("429", "esearch", retry_after="30"))  # the server's wait is capped too
    assert client.request("esearch.fcgi", {"db": "pubmed", "term": "x"}, parse_esearch).count == 45
    assert waits == [1.0, 2.0, 2.5, 2.5, 2.5]


def test_backoff_settings_reach_the_client(server, with_key):
    from litcurate.search.pubmed.search import make_client
    from litcurate.search.pubmed.settings import load_settings

    client = make_client(load_settings(config(server, backoff_base=0.5, backoff_max=4)))
    assert (client.http.backoff_base, client.http.backoff_max) == (0.5, 4)
    with pytest.raises(ConfigError, match="pubmed.backoff_max must be a non-negative number, not -1"):
        load_settings(config(server, backoff_max=-1))


@pytest.mark.parametrize(
    "retry_after, expected",
    [
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),  # a date already past: retry at once
        ("Wed, 21 Oct 2099 07:28:00 GMT", 2.5),  # far ahead: capped by backoff_max
        ("Wed, 21 Oct 2099 07:28:00 -0000", 2.5),  # a date without a time zone is read as UTC
        ("soon", 1.0),  # unreadable: the client's own backoff
    ],
)
def test_retry_after_as_an_http_date(server, retry_after, expected):
    from litcurate.search.pubmed.eutils import EutilsClient, parse_esearch

    waits: list[float] = []
    client = EutilsClient(server.url, backoff_base=1.0, backoff_max=2.5, sleep=waits.append)
    server.faults.append(Fault("429", "esearch", retry_after=retry_after))
    client.request("esearch.fcgi", {"db": "pubmed", "term": "x"}, parse_esearch)
    assert waits == [expected]
