"""A loopback E-utilities server (esearch.fcgi, efetch.fcgi) for tests and benchmarks.

It serves SYNTHETIC records only (PMIDs from 900000001 up, titles saying so) with
publication and entry dates, supports usehistory/WebEnv/query_key paging with
retstart/retmax, date limits (datetype pdat/edat with mindate/maxdate, and
``("A"[dp] : "B"[dp])`` ranges in the term), the 10,000-record paging limit of the history
server, and fault injection: HTTP 429 (with Retry-After), 5xx, dropped connections,
truncated bodies, short batches, over-reported counts, a PMID served twice, and ESearch
replies that carry an error next to a count (``esearch_reply``).
Every request is logged with its arrival time on the monotonic clock.
"""

from __future__ import annotations

import re
import threading
import time
import urllib.parse
from collections import deque
from dataclasses import dataclass, field
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import count

from litcurate.search.pubmed.articleset import PUBMED_PROLOG
from litcurate.search.pubmed.snapshot import ESEARCH_PROLOG, build_pubmed_article

SYNTHETIC_PMID_START = 900000001
STALL_SECONDS = 10.0
_TERM_RANGE = re.compile(r'"([\d/]+)"\[(dp|edat)\]\s*:\s*"([\d/]+)"\[(?:dp|edat)\]')


@dataclass
class SyntheticRecord:
    pmid: str
    pdat: date
    edat: date
    volume: str = "1"
    # A second publication date (e.g. electronic before print): PubMed's [dp] matches both.
    other_pdat: date | None = None

    def dates(self, datetype: str) -> tuple[date, ...]:
        if datetype in ("edat", "mdat"):
            return (self.edat,)
        return (self.pdat,) if self.other_pdat is None else (self.pdat, self.other_pdat)

    def fields(self) -> dict:
        return {
            "pmid": self.pmid,
            "title": f"Synthetic record {self.pmid} (test fixture, not a real article)",
            "authors": ["Synthetic A", "Fixture BC"],
            "journal": "Synthetic Journal of Test Fixtures",
            "iso_abbreviation": "Synth J Test Fixtures",
            "year": self.pdat.year,
            "month": self.pdat.month,
            "day": self.pdat.day,
            "volume": self.volume,
            "issue": "1",
            "pages": "1-2",
            "entrez_date": self.edat.isoformat(),
        }

    def xml(self) -> str:
        return build_pubmed_article(self.fields())


def synthetic_records(
    n: int,
    *,
    first_pmid: int = SYNTHETIC_PMID_START,
    first_day: date = date(2015, 1, 1),
    days: int = 3650,
    entry_lag: int = 3,
) -> list[SyntheticRecord]:
    """``n`` synthetic records with publication dates spread over ``days`` days."""
    out = []
    for i in range(n):
        pdat = first_day + timedelta(days=(i * 7919) % days)
        out.append(SyntheticRecord(str(first_pmid + i), pdat, pdat + timedelta(days=entry_lag)))
    return out


@dataclass
class Fault:
    """One injected failure, used by the next request to ``endpoint`` ("esearch"/"efetch"/None=any).

    kind: an HTTP status ("429", "500", "503", "400", any other three digits), "drop" (close
    without answering), "truncate" (half the body, honest Content-Length), "short_read"
    (Content-Length larger than the bytes sent), "short_batch" (one article fewer than asked),
    "stall" (no answer for STALL_SECONDS, then the connection is closed: a client's timeout
    shorter than that ends the wait with a timeout, a client without one sees a dropped connection).
    """

    kind: str
    endpoint: str | None = None
    retry_after: str | None = None
    retstart: int | None = None  # only for the request with this retstart


# The failures an ESearch reply can carry beside <Count>0</Count> (NCBI's element names).
ESEARCH_FAILURES = {
    "error": "<ERROR>Search Backend failed: synthetic failure injected by the test server</ERROR>",
    "error_list": "<ErrorList><PhraseNotFound>synthetic[filtr]</PhraseNotFound></ErrorList>",
    "phrase_not_found": (
        '<WarningList><QuotedPhraseNotFound>"synthetic phrase"</QuotedPhraseNotFound>'
        "<OutputMessage>No items found.</OutputMessage></WarningList>"
    ),
}


@dataclass
class LoggedRequest:
    time: float
    endpoint: str
    params: dict[str, str]
    headers: dict[str, str] = field(default_factory=dict)


def _limit(text: str, end: bool) -> date:
    parts = [int(p) for p in text.split("/")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        year, month = parts
        if not end:
            return date(year, month, 1)
        nxt = date(year + (month == 12), month % 12 + 1, 1)
        return nxt - timedelta(days=1)
    return date(parts[0], 12, 31) if end else date(parts[0], 1, 1)


@dataclass
class EutilsServer:
    records: list[SyntheticRecord]
    history_limit: int = 10000
    over_report: int = 0  # esearch Count claims this many more records than exist
    serve_duplicate: bool = False  # the last record of a set is replaced by the first
    # Every ESearch reply says Count 0 and carries this failure, as NCBI's do when a backend
    # fails or the query cannot be read: one of ESEARCH_FAILURES' keys, or None.
    esearch_reply: str | None = None
    faults: deque = field(default_factory=deque)
    requests: list[LoggedRequest] = field(default_factory=list)

    def __post_init__(self):
        self._history: dict[tuple[str, str], list[SyntheticRecord]] = {}
        self._webenv_ids = count(1)
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._stopping = threading.Event()

    # -- lifecycle -------------------------------------------------------------------
    def start(self) -> "EutilsServer":
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server API)
                server._handle(self)

            def log_message(self, *args):
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/entrez/eutils/"

    # -- inspection --------------------------------------------------------------------
    def times(self) -> list[float]:
        return [r.time for r in self.requests]

    def max_in_window(self, window: float = 1.0) -> int:
        """Most requests that arrived within any span shorter than ``window`` seconds."""
        times = sorted(self.times())
        best, lo = 0, 0
        for hi, t in enumerate(times):
            while t - times[lo] >= window:
                lo += 1
            best = max(best, hi - lo + 1)
        return best

    # -- request handling ----------------------------------------------------------------
    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        arrived = time.monotonic()
        parsed = urllib.parse.urlsplit(handler.path)
        params = dict(urllib.parse.parse_qsl(parsed.query, keep_blank_values=True))
        endpoint = parsed.path.rsplit("/", 1)[-1].removesuffix(".fcgi")
        with self._lock:
            self.requests.append(LoggedRequest(arrived, endpoint, params, dict(handler.headers.items())))
            fault = self._take_fault(endpoint, params)
        if fault is not None and fault.kind == "drop":
            handler.close_connection = True
            return
        if fault is not None and fault.kind == "stall":
            self._stopping.wait(STALL_SECONDS)
            handler.close_connection = True
            return
        if fault is not None and fault.kind.isdigit():
            headers = {"Retry-After": fault.retry_after} if fault.retry_after else {}
            self._send(handler, int(fault.kind), b"error injected by test server", headers)
            return
        if endpoint == "esearch":
            status, body = 200, self._esearch(params)
        elif endpoint == "efetch":
            status, body = self._efetch(params, short=fault is not None and fault.kind == "short_batch")
        else:
            status, body = 404, b"unknown endpoint"
        if fault is not None and fault.kind == "truncate":
            body = body[: len(body) // 2]
        if fault is not None and fault.kind == "short_read":
            self._send(handler, status, body[: len(body) // 2], {}, length=len(body))
            return
        self._send(handler, status, body, {})

    def _take_fault(self, endpoint: str, params: dict[str, str]) -> Fault | None:
        for fault in list(self.faults):
            wanted_start = fault.retstart is None or params.get("retstart") == str(fault.retstart)
            if fault.endpoint in (None, endpoint) and wanted_start:
                self.faults.remove(fault)
                return fault
        return None

    @staticmethod
    def _send(handler, status: int, body: bytes, headers: dict, length: int | None = None) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", "text/xml; charset=UTF-8")
        handler.send_header("Content-Length", str(len(body) if length is None else length))
        for key, value in headers.items():
            handler.send_header(key, value)
        handler.end_headers()
        handler.wfile.write(body)
        handler.close_connection = True

    def _matching(self, params: dict[str, str]) -> list[SyntheticRecord]:
        chosen = list(self.records)
        if params.get("mindate") and params.get("maxdate"):
            lo, hi = _limit(params["mindate"], False), _limit(params["maxdate"], True)
            datetype = params.get("datetype", "pdat")
            chosen = [r for r in chosen if any(lo <= d <= hi for d in r.dates(datetype))]
        for lo_text, tag, hi_text in _TERM_RANGE.findall(params.get("term", "")):
            lo, hi = _limit(lo_text, False), _limit(hi_text, True)
            datetype = "pdat" if tag == "dp" else "edat"
            chosen = [r for r in chosen if any(lo <= d <= hi for d in r.dates(datetype))]
        return sorted(chosen, key=lambda r: int(r.pmid), reverse=True)

    def _esearch(self, params: dict[str, str]) -> bytes:
        if self.esearch_reply is not None:
            return (
                ESEARCH_PROLOG
                + "<eSearchResult><Count>0</Count><RetMax>0</RetMax><RetStart>0</RetStart><IdList></IdList>"
                + ESEARCH_FAILURES[self.esearch_reply]
                + "</eSearchResult>\n"
            ).encode("utf-8")
        found = self._matching(params)
        with self._lock:
            webenv = f"MCID_synthetic_{next(self._webenv_ids)}"
            self._history[(webenv, "1")] = found
        reported = len(found) + self.over_report
        return (
            ESEARCH_PROLOG
            + f"<eSearchResult><Count>{reported}</Count><RetMax>0</RetMax><RetStart>0</RetStart>"
            + f"<QueryKey>1</QueryKey><WebEnv>{webenv}</WebEnv><IdList></IdList>"
            + "<QueryTranslation>synthetic</QueryTranslation></eSearchResult>\n"
        ).encode("utf-8")

    def _efetch(self, params: dict[str, str], short: bool) -> tuple[int, bytes]:
        found = self._history.get((params.get("WebEnv", ""), params.get("query_key", "")))
        if found is None:
            return 400, b"<eFetchResult><ERROR>Unknown WebEnv or query_key</ERROR></eFetchResult>"
        retstart, retmax = int(params.get("retstart", 0)), int(params.get("retmax", 20))
        if retstart >= self.history_limit:
            return 400, b"<eFetchResult><ERROR>retstart beyond the history limit</ERROR></eFetchResult>"
        chosen = found[retstart : min(retstart + retmax, self.history_limit)]
        if self.serve_duplicate and found and retstart + retmax >= len(found) and chosen:
            chosen = chosen[:-1] + [found[0]]
        if short and chosen:
            chosen = chosen[:-1]
        articles = "\n".join(r.xml() for r in chosen)
        body = PUBMED_PROLOG.decode() + "<PubmedArticleSet>\n" + articles + "\n</PubmedArticleSet>\n"
        return 200, body.encode("utf-8")
