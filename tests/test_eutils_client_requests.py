"""The E-utilities client and its retrying GET, request by request, against the loopback server
(tests/eutils_server.py): what each request carries, which failures are retried, how long the
client waits before each retry (its sleep is recorded, never slept), and what it raises and says.

Expected values are worked out by hand from the server's synthetic records: 45 records with PMIDs
900000001..900000045, served newest PMID first, one WebEnv ``MCID_synthetic_<n>`` per ESearch.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta, timezone
from email.message import Message

import pytest

from eutils_server import EutilsServer, Fault, synthetic_records
from litcurate import __version__
from litcurate.errors import EutilsHTTPError, MalformedResponse, SearchError
from litcurate.search.pubmed import ratelimit
from litcurate.search.pubmed.eutils import EutilsClient, SearchResult, parse_esearch, reply_failures
from litcurate.search.pubmed.ratelimit import DEFAULT_MARGIN, RateLimiter, shared_limiter
from litcurate.search.retrying_get import GetFailed, RetryingGet, retry_after

KEY = "synthetic-key-0042"
EMAIL = "reviewer@example.org"
IDENTITY = {"tool": "litcurate", "email": EMAIL, "api_key": KEY}
ESEARCH = {"db": "pubmed", "term": "x"}


@pytest.fixture
def server():
    srv = EutilsServer(synthetic_records(45)).start()
    yield srv
    srv.stop()


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def make_client(srv: EutilsServer, waits: list[float], **kwargs) -> EutilsClient:
    """A client whose limiter never holds a request back and whose sleeps are only recorded."""
    kwargs.setdefault("limiter", RateLimiter(1000))
    kwargs.setdefault("email", EMAIL)
    kwargs.setdefault("api_key", KEY)
    return EutilsClient(srv.url, sleep=waits.append, **kwargs)


def public_url(srv: EutilsServer, endpoint: str, query: str) -> str:
    return f"{srv.url}{endpoint}?{query}&tool=litcurate&email=reviewer%40example.org"


# -- URLs and what each request carries ------------------------------------------------------


@pytest.mark.parametrize(
    "base, kwargs, with_key, expected",
    [
        (
            "http://host/eutils",
            {"tool": "t1", "email": "a@b.org", "api_key": "K"},
            True,
            "http://host/eutils/esearch.fcgi?db=pubmed&term=a+b&tool=t1&email=a%40b.org&api_key=K",
        ),
        (  # the URL for logs and messages: never the key
            "http://host/eutils/",
            {"tool": "t1", "email": "a@b.org", "api_key": "K"},
            False,
            "http://host/eutils/esearch.fcgi?db=pubmed&term=a+b&tool=t1&email=a%40b.org",
        ),
        # no e-mail, no key: only the tool (litcurate unless told otherwise)
        ("http://host/eutils/", {}, True, "http://host/eutils/esearch.fcgi?db=pubmed&term=a+b&tool=litcurate"),
        ("http://host/eutils/", {}, False, "http://host/eutils/esearch.fcgi?db=pubmed&term=a+b&tool=litcurate"),
    ],
)
def test_url_names_the_tool_email_and_key_only_when_asked(base, kwargs, with_key, expected):
    client = EutilsClient(base, limiter=RateLimiter(1000), **kwargs)
    assert client.url("esearch.fcgi", {"db": "pubmed", "term": "a b"}, with_key=with_key) == expected


def test_esearch_sends_the_history_query_and_reads_the_reply(server):
    client = make_client(server, [])
    plain = client.esearch("ketamine[tiab]", "pdat", None, None)
    dated = client.esearch("ketamine[tiab]", "edat", "2016/01/01", "2016/06/30")
    query = {"db": "pubmed", "term": "ketamine[tiab]", "usehistory": "y", "retmax": "0"}
    assert [(r.endpoint, r.params) for r in server.requests] == [
        ("esearch", {**query, **IDENTITY}),
        ("esearch", {**query, "datetype": "edat", "mindate": "2016/01/01", "maxdate": "2016/06/30", **IDENTITY}),
    ]
    assert plain == SearchResult(count=45, webenv="MCID_synthetic_1", query_key="1", translation="synthetic", ids=[])
    # record i is published 2015-01-01 + (7919 i mod 3650 = 619 i mod 3650) days and entered 3 days later;
    # entered 2016-01-01..2016-06-30 means an offset of 362..543 days: only i = 36 (384) and i = 42 (448)
    assert (dated.count, dated.webenv) == (2, "MCID_synthetic_2")
    assert (client.requests, client.retries) == (2, 0)


def test_efetch_asks_the_history_server_for_one_batch(server):
    client = make_client(server, [])
    search = client.esearch("x", "pdat", None, None)
    batch = client.efetch(search, 40, 10, final=True)
    assert server.requests[-1].endpoint == "efetch"
    assert server.requests[-1].params == {
        "db": "pubmed",
        "query_key": "1",
        "WebEnv": "MCID_synthetic_1",
        "retstart": "40",
        "retmax": "10",
        "retmode": "xml",
        **IDENTITY,
    }
    # newest PMID first: positions 40..44 hold the five oldest
    assert [a.pmid for a in batch.articles] == ["900000005", "900000004", "900000003", "900000002", "900000001"]


def test_requests_name_litcurate_as_user_agent_and_ask_for_a_type_only_when_told(server):
    client = make_client(server, [])
    client.esearch("x", "pdat", None, None)
    typed_get = RetryingGet(
        RateLimiter(1000), max_retries=0, backoff_base=1, backoff_max=1, timeout=5, accept="text/xml"
    )
    typed_get.get(server.url + "esearch.fcgi?db=pubmed&term=x", parse_esearch, label="esearch")
    plain, typed = ({k.lower(): v for k, v in r.headers.items()} for r in server.requests)
    assert plain["user-agent"] == typed["user-agent"] == f"litcurate/{__version__}"
    assert "accept" not in plain and typed["accept"] == "text/xml"


# -- short and long batches ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "retstart, final, short, requests, waits",
    [
        (0, False, True, 2, [1.0]),  # 9 where 10 were expected: asked again
        (0, True, True, 1, []),  # the last batch may come short (a record withdrawn meanwhile)
        (40, False, False, 1, []),  # only 45 - 40 = 5 remain: 5 is a whole batch
        (0, False, False, 1, []),  # exactly retmax records is a whole batch
    ],
)
def test_a_short_batch_is_asked_again_unless_it_is_the_last(server, retstart, final, short, requests, waits):
    slept: list[float] = []
    client = make_client(server, slept)
    search = client.esearch("x", "pdat", None, None)
    if short:
        server.faults.append(Fault("short_batch", "efetch"))
    batch = client.efetch(search, retstart, 10, final=final)
    fetches = [r for r in server.requests if r.endpoint == "efetch"]
    assert len(fetches) == requests and slept == waits
    assert len(batch.articles) == min(10, 45 - retstart) - (short and final)


def test_a_short_batch_that_stays_short_fails_naming_the_counts(server):
    client = make_client(server, [], max_retries=0)
    search = client.esearch("x", "pdat", None, None)
    server.faults.append(Fault("short_batch", "efetch"))
    with pytest.raises(EutilsHTTPError) as err:
        client.efetch(search, 0, 10, final=False)
    url = public_url(
        server, "efetch.fcgi", "db=pubmed&query_key=1&WebEnv=MCID_synthetic_1&retstart=0&retmax=10&retmode=xml"
    )
    assert str(err.value) == (
        f"efetch.fcgi failed after 1 attempts, last error EFetch returned 9 records where 10 were expected, URL {url}"
    )
    assert (err.value.status, err.value.url) == (None, url)


# -- ESearch replies ----------------------------------------------------------------------------

HEAD = b'<?xml version="1.0" encoding="UTF-8" ?>\n'


@pytest.mark.parametrize(
    "body, expected",
    [
        (
            b"<eSearchResult><Count> 7 </Count><QueryKey> 2 </QueryKey><WebEnv> MCID_9 </WebEnv>"
            b"<IdList><Id> 11 </Id><Id>12</Id><Id/></IdList><QueryTranslation>x[All Fields]</QueryTranslation>"
            b"</eSearchResult>",
            SearchResult(count=7, webenv="MCID_9", query_key="2", translation="x[All Fields]", ids=["11", "12", ""]),
        ),
        (  # no history and no translation: empty strings and None, not an error
            b"<eSearchResult><Count>0</Count><WarningList><OutputMessage>No items found.</OutputMessage>"
            b"</WarningList></eSearchResult>",
            SearchResult(count=0, webenv="", query_key="", translation=None, ids=[]),
        ),
    ],
)
def test_an_esearch_reply_is_read(body, expected):
    assert parse_esearch(HEAD + body) == expected


@pytest.mark.parametrize(
    "body, error, message",
    [
        (
            b"<eSearchResult><Count>4",
            MalformedResponse,
            r"ESearch response is not well-formed XML \(no element found: line 2, column \d+\)",
        ),
        (
            b"<eFetchResult><Count>4</Count></eFetchResult>",
            MalformedResponse,
            "ESearch response root is eFetchResult, not eSearchResult",
        ),
        (
            b"<eSearchResult><WebEnv>w</WebEnv></eSearchResult>",
            MalformedResponse,
            "ESearch response has no count: no Count element",
        ),
        (
            b"<eSearchResult><Count>many</Count></eSearchResult>",
            MalformedResponse,
            "ESearch response has no count: no Count element",
        ),
        (
            b"<eSearchResult><Count>-1</Count></eSearchResult>",
            MalformedResponse,
            "ESearch response has no count: no Count element",
        ),
        (
            b"<eSearchResult><Count>0</Count><ERROR> Backend failed </ERROR><ERROR/></eSearchResult>",
            MalformedResponse,
            "ESearch reply reports a failure (ERROR: Backend failed; ERROR: )",
        ),
        (
            b"<eSearchResult><Count>0</Count><ErrorList><PhraseNotFound> foo[filtr] </PhraseNotFound>"
            b"<FieldNotFound/></ErrorList></eSearchResult>",
            SearchError,
            "PubMed did not run the query as written (PhraseNotFound: foo[filtr]; FieldNotFound: ); correct pubmed.query",
        ),
        (  # a warning that changes the query is the query's problem; the harmless output message is not named
            b'<eSearchResult><Count>0</Count><WarningList><QuotedPhraseNotFound>"a b"</QuotedPhraseNotFound>'
            b"<OutputMessage>No items found.</OutputMessage></WarningList></eSearchResult>",
            SearchError,
            'PubMed did not run the query as written (QuotedPhraseNotFound: "a b"); correct pubmed.query',
        ),
        (  # both: the query's own problem is reported (retrying would not help)
            b"<eSearchResult><Count>0</Count><ERROR>down</ERROR><ErrorList><PhraseNotFound>p</PhraseNotFound>"
            b"</ErrorList><WarningList><PhraseIgnored>of</PhraseIgnored></WarningList></eSearchResult>",
            SearchError,
            "PubMed did not run the query as written (PhraseNotFound: p; PhraseIgnored: of); correct pubmed.query",
        ),
    ],
)
def test_an_esearch_reply_that_cannot_be_trusted_is_refused(body, error, message):
    with pytest.raises(SearchError) as err:
        parse_esearch(HEAD + body)
    # a MalformedResponse is retried, a plain SearchError (the query's fault) is not
    assert type(err.value) is error
    assert re.fullmatch(
        message if message.startswith("ESearch response is not") else re.escape(message), str(err.value)
    )


def test_reply_failures_sorts_server_failures_from_query_problems():
    import xml.etree.ElementTree as ET

    root = ET.fromstring(
        "<eSearchResult><ERROR>a</ERROR><x><ERROR> b </ERROR></x>"
        "<ErrorList><PhraseNotFound>c</PhraseNotFound></ErrorList>"
        "<WarningList><OutputMessage>d</OutputMessage><PhraseIgnored> e </PhraseIgnored><FieldNotFound/></WarningList>"
        "</eSearchResult>"
    )
    assert reply_failures(root) == (
        ["ERROR: a", "ERROR: b"],
        ["PhraseNotFound: c", "PhraseIgnored: e", "FieldNotFound: "],
    )
    assert reply_failures(ET.fromstring("<eSearchResult><Count>1</Count></eSearchResult>")) == ([], [])


# -- which failures are retried, and how long the client waits -----------------------------------

DROPPED = "RemoteDisconnected: Remote end closed connection without response"


@pytest.mark.parametrize(
    "faults, max_retries, waits, outcome",
    [
        ([Fault("503")], 2, [1.0], None),
        ([Fault("500"), Fault("503")], 2, [1.0, 2.0], None),
        ([Fault("429")], 2, [1.0], None),  # too many requests, no Retry-After: own backoff
        ([Fault("429", retry_after="0")], 2, [0.0], None),  # "now" is a wait of 0, not "no wait given"
        ([Fault("503", retry_after="3")], 2, [3.0], None),
        ([Fault("drop"), Fault("truncate")], 2, [1.0, 2.0], None),
        ([Fault("404")], 5, [], ("HTTP 404 from {url}", 404)),
        ([Fault("400")], 5, [], ("HTTP 400 from {url}", 400)),
        ([Fault("499")], 5, [], ("HTTP 499 from {url}", 499)),
        (
            [Fault("503"), Fault("500")],
            1,
            [1.0],
            ("esearch.fcgi failed after 2 attempts, last error HTTP 500, URL {url}", 500),
        ),
        (
            [Fault("503"), Fault("drop")],
            1,
            [1.0],
            (f"esearch.fcgi failed after 2 attempts, last error {DROPPED}, URL {{url}}", None),
        ),
        ([Fault("429")], 0, [], ("esearch.fcgi failed after 1 attempts, last error HTTP 429, URL {url}", 429)),
    ],
)
def test_transient_failures_are_retried_and_others_fail_at_once(server, faults, max_retries, waits, outcome):
    slept: list[float] = []
    client = make_client(server, slept, max_retries=max_retries)
    server.faults.extend(faults)
    if outcome is None:
        assert client.request("esearch.fcgi", ESEARCH, parse_esearch).count == 45
        sent = len(faults) + 1
    else:
        message, status = outcome
        url = public_url(server, "esearch.fcgi", "db=pubmed&term=x")
        with pytest.raises(EutilsHTTPError) as err:
            client.request("esearch.fcgi", ESEARCH, parse_esearch)
        assert str(err.value) == message.format(url=url)
        assert (err.value.status, err.value.url) == (status, url)
        sent = min(len(faults), max_retries + 1)
    assert slept == waits
    assert (client.requests, client.retries, len(server.requests)) == (sent, sent - 1, sent)
    assert all(r.params["api_key"] == KEY for r in server.requests)


def test_every_retry_is_logged_with_its_wait_reason_and_attempt(server, caplog):
    caplog.set_level(logging.INFO, logger="litcurate.search.retrying_get")
    client = make_client(server, [], max_retries=3, backoff_base=0.25)
    server.faults.extend([Fault("503"), Fault("drop"), Fault("429", retry_after="7")])
    client.request("esearch.fcgi", ESEARCH, parse_esearch)
    assert [r.getMessage() for r in caplog.records] == [
        "retrying esearch.fcgi in 0.25s after HTTP 503 (attempt 2/4)",
        f"retrying esearch.fcgi in 0.5s after {DROPPED} (attempt 3/4)",
        "retrying esearch.fcgi in 7s after HTTP 429 (attempt 4/4)",
    ]


def test_a_client_without_settings_uses_ncbi_defaults(server, fresh_registry):
    """5 retries, waits doubling from 1 s and capped at 60 s, 60 s timeout, tool litcurate, and the
    shared limit of 3 requests a second (10 with an API key)."""
    slept: list[float] = []
    client = EutilsClient(server.url, limiter=RateLimiter(1000), sleep=slept.append)
    server.faults.extend([Fault("503"), Fault("503"), Fault("503"), Fault("503"), Fault("429", retry_after="120")])
    server.faults.append(Fault("503"))
    with pytest.raises(EutilsHTTPError, match="failed after 6 attempts, last error HTTP 503"):
        client.request("esearch.fcgi", ESEARCH, parse_esearch)
    assert slept == [1.0, 2.0, 4.0, 8.0, 60.0]
    assert server.requests[0].params == {**ESEARCH, "tool": "litcurate"}
    assert client.http.timeout == 60.0
    assert EutilsClient(server.url).http.limiter is shared_limiter(3)
    assert EutilsClient(server.url, api_key=KEY).http.limiter is shared_limiter(10)
    assert shared_limiter(10).slots == 10 and shared_limiter(3).slots == 3


def test_every_attempt_waits_for_the_rate_limiter(server):
    clock = FakeClock()
    limiter = RateLimiter(1, margin=0.0, clock=clock, sleep=clock.sleep)
    client = make_client(server, [], limiter=limiter)
    server.faults.extend([Fault("503"), Fault("503")])
    client.request("esearch.fcgi", ESEARCH, parse_esearch)
    # one request a second: the 2nd and 3rd attempts each waited a whole second on the limiter
    assert clock.now == 2.0 and client.requests == 3


def test_a_server_that_never_answers_is_given_up_after_the_timeout(server):
    client = make_client(server, [], max_retries=0, timeout=0.3)
    server.faults.append(Fault("stall"))
    with pytest.raises(
        EutilsHTTPError, match=r"^esearch.fcgi failed after 1 attempts, last error TimeoutError: timed out, URL "
    ):
        client.request("esearch.fcgi", ESEARCH, parse_esearch)


@pytest.mark.parametrize(
    "raised, reason",
    [
        (ConnectionResetError(), "ConnectionResetError"),  # no message: the type alone
        (ConnectionResetError("peer went away"), "ConnectionResetError: peer went away"),
        (MalformedResponse("body cut short"), "body cut short"),
    ],
)
def test_the_last_error_is_named_by_type_and_message(server, raised, reason):
    def check(body: bytes):
        raise raised

    get = RetryingGet(RateLimiter(1000), max_retries=0, backoff_base=1, backoff_max=1, timeout=5)
    url = server.url + "esearch.fcgi?db=pubmed"
    with pytest.raises(GetFailed) as err:
        get.get(url, check, label="probe")
    assert str(err.value) == f"probe failed after 1 attempts, last error {reason}, URL {url}"
    assert err.value.status is None


def test_a_refusal_names_the_url_shown_not_the_one_requested(server):
    get = RetryingGet(RateLimiter(1000), max_retries=3, backoff_base=1, backoff_max=1, timeout=5)
    server.faults.append(Fault("403"))
    with pytest.raises(GetFailed) as err:
        get.get(server.url + "esearch.fcgi?api_key=SECRET", parse_esearch, label="esearch", shown_url="<hidden>")
    assert (str(err.value), err.value.status) == ("HTTP 403 from <hidden>", 403)
    assert server.requests[0].params == {"api_key": "SECRET"}


# -- Retry-After ----------------------------------------------------------------------------------

NOW = datetime(2015, 10, 21, 7, 28, 0, tzinfo=timezone.utc)


def headers(value: str | None) -> Message:
    message = Message()
    if value is not None:
        message["Retry-After"] = value
    return message


@pytest.mark.parametrize(
    "value, expected",
    [
        ("7", 7.0),
        (" 12 ", 12.0),
        ("0", 0.0),
        ("Wed, 21 Oct 2015 07:28:30 GMT", 30.0),
        ("Wed, 21 Oct 2015 07:28:30 -0000", 30.0),  # no time zone: read as UTC
        ("Wed, 21 Oct 2015 08:29:00 +0100", 60.0),  # 07:29 UTC
        ("Wed, 21 Oct 2015 07:27:00 GMT", 0.0),  # already past: at once
        ("1.5", None),  # neither whole seconds nor a date
        ("-5", None),
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_retry_after_reads_seconds_or_an_http_date(value, expected):
    assert retry_after(headers(value), now=NOW) == expected


def test_retry_after_without_headers_or_clock():
    assert retry_after(None) is None
    ahead = (datetime.now(timezone.utc) + timedelta(hours=2)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    assert 7000 < retry_after(headers(ahead)) <= 7200


# -- the limiter each client shares -----------------------------------------------------------------


@pytest.fixture
def fresh_registry(monkeypatch):
    """An empty process-wide registry of shared limiters, as at the start of a run."""
    monkeypatch.setattr(ratelimit, "_SHARED", {})


def test_one_shared_limiter_per_rate_and_window(fresh_registry):
    assert shared_limiter(7) is shared_limiter(7, window=1.0)
    assert shared_limiter(7) is not shared_limiter(8)
    per_minute = shared_limiter(7, window=60.0)
    assert per_minute is not shared_limiter(7) and per_minute is shared_limiter(7, 60.0)
    assert (per_minute.slots, per_minute.window) == (7, 60.0 + DEFAULT_MARGIN)
    assert (shared_limiter(7).slots, shared_limiter(7).window) == (7, 1.0 + DEFAULT_MARGIN)


def test_one_request_per_window_waits_for_the_whole_window():
    clock = FakeClock()
    limiter = RateLimiter(1, window=2.0, margin=0.5, clock=clock, sleep=clock.sleep)
    assert [limiter.acquire() for _ in range(3)] == [0.0, 2.5, 5.0]
