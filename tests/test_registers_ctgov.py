"""The ClinicalTrials.gov client against a loopback API v2 server with faults (synthetic studies)."""

import json

import pytest

from ctgov_server import CtgovServer, synthetic_study
from litcurate.errors import CountMismatch, SearchError
from litcurate.search.pubmed.ratelimit import RateLimiter
from litcurate.search.registers.ctgov import CtgovClient, read_snapshot


def client(server, **kwargs):
    sleeps = []
    made = CtgovClient(
        server.url, limiter=RateLimiter(1000), max_retries=kwargs.pop("max_retries", 3), sleep=sleeps.append, **kwargs
    )
    return made, sleeps


def test_pages_through_every_study_with_tokens():
    with CtgovServer([synthetic_study(k) for k in range(1, 8)]) as server:
        ctgov, _ = client(server)
        result = ctgov.search("ketamine AND pain", page_size=3)
    ids = [s["protocolSection"]["identificationModule"]["nctId"] for s in result.studies]
    assert ids == [f"SYNTHETIC-NCT-{k:04d}" for k in range(1, 8)]
    # 7 studies at 3 a page: 3 requests, the 2nd and 3rd carrying the tokens the server gave
    assert [r.get("pageToken") for r in server.requests] == [None, "tok3", "tok6"]
    assert server.requests[0]["query.term"] == "ketamine AND pain"
    assert server.requests[0]["countTotal"] == "true"
    log = result.log
    assert (log["count_reported"], log["count_retrieved"], log["requests"], log["retries"]) == (7, 7, 3, 0)
    assert log["database"] == "ClinicalTrials.gov" and log["register"] is True


@pytest.mark.parametrize("fault", ["429", "503", "truncated", "drop"])
def test_transient_faults_are_retried_with_backoff(fault):
    with CtgovServer([synthetic_study(k) for k in range(1, 5)]) as server:
        server.faults.extend(["", fault, fault])  # the second page fails twice, then succeeds
        ctgov, sleeps = client(server, backoff_base=0.5)
        result = ctgov.search("x", page_size=2)
    assert len(result.studies) == 4
    assert result.log["retries"] == 2 and result.log["requests"] == 4
    assert sleeps == ([0.0, 0.0] if fault == "429" else [0.5, 1.0])  # Retry-After: 0 wins


def test_retries_exhausted_fail_naming_the_last_error():
    with CtgovServer([synthetic_study(1)]) as server:
        server.faults.extend(["503"] * 3)
        ctgov, _ = client(server, max_retries=2)
        with pytest.raises(SearchError, match=r"failed after 3 attempts, last error HTTP 503"):
            ctgov.search("x")


def test_a_page_token_that_repeats_is_refused():
    with CtgovServer([synthetic_study(k) for k in range(1, 10)], repeat_token=True) as server:
        ctgov, _ = client(server)
        with pytest.raises(SearchError, match=r"sent page token 'tok3' twice after 6 studies"):
            ctgov.search("x", page_size=3)


def test_count_mismatch_is_refused():
    with CtgovServer([synthetic_study(k) for k in range(1, 4)], over_report=1) as server:
        ctgov, _ = client(server)
        with pytest.raises(CountMismatch, match=r"reported 4, retrieved 3 unique, missing 1, duplicated 0"):
            ctgov.search("x")


def test_client_error_is_not_retried():
    with CtgovServer([]) as server:
        ctgov, sleeps = client(server)
        ctgov.base_url = server.url.replace("/api/v2/", "/nope/")
        with pytest.raises(SearchError, match="HTTP 404"):
            ctgov.search("x")
    assert sleeps == [] and len(server.requests) == 1


def test_snapshot_is_read_and_counted(tmp_path):
    studies = [synthetic_study(1), synthetic_study(2)]
    snapshot = {"synthetic": True, "query": "x", "snapshot_date": "2024-01-31", "totalCount": 2, "studies": studies}
    (tmp_path / "studies.json").write_text(json.dumps(snapshot), encoding="utf-8")
    result = read_snapshot(tmp_path)
    assert len(result.studies) == 2 and result.log["synthetic"] is True
    assert result.log["run_date"] == "2024-01-31"
    snapshot["totalCount"] = 3
    (tmp_path / "studies.json").write_text(json.dumps(snapshot), encoding="utf-8")
    with pytest.raises(CountMismatch, match="reported 3, retrieved 2"):
        read_snapshot(tmp_path)


def test_live_config_runs_the_client_and_ictrp_exports_join(tmp_path):
    from pathlib import Path

    from litcurate.search.registers.search import ctgov_snapshot, search_registers

    ictrp = Path(__file__).parent / "data" / "registers" / "ictrp_synthetic.csv"
    with CtgovServer([synthetic_study(k) for k in range(1, 6)]) as server:
        settings = {"source": "live", "query": "synthetic", "api_url": server.url, "page_size": 2, "backoff_base": 0.01}
        server.faults.extend(["", "429"])
        result = search_registers({"clinicaltrials_gov": settings, "ictrp": [{"path": str(ictrp)}]})
    assert [r.get("pageToken") for r in server.requests] == [None, "tok2", "tok2", "tok4"]
    assert [log["database"] for log in result.logs] == ["ClinicalTrials.gov", "WHO ICTRP"]
    assert (result.logs[0]["count_reported"], result.logs[0]["retries"]) == (5, 1)
    # 5 ClinicalTrials.gov studies + 2 ICTRP trials (the row without a TrialID reported, not read)
    assert result.records["database"].value_counts().to_dict() == {"ClinicalTrials.gov": 5, "WHO ICTRP": 2}
    assert [(p.line, p.message) for p in result.problems] == [(5, "row has no TrialID; left out")]
    # what the live run received, saved in the snapshot layout, replays offline to the same studies
    (tmp_path / "studies.json").write_text(json.dumps(ctgov_snapshot(result)), encoding="utf-8")
    replayed = read_snapshot(tmp_path)
    assert replayed.studies == result.studies and replayed.log["query"] == "synthetic"
