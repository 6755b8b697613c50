"""HTTP client for NCBI E-utilities (ESearch with history, EFetch in batches).

Every request carries ``tool``, ``email`` and (when set) ``api_key``, passes the shared
rate limiter, and is retried with exponential backoff on HTTP 429/5xx, dropped or reset
connections, timeouts and bodies that fail the caller's check (truncated or malformed
XML, short batches). URLs in messages never contain the API key.
"""

from __future__ import annotations

import time
import urllib.parse
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Callable, TypeVar

from litcurate.errors import EutilsHTTPError, MalformedResponse, SearchError
from litcurate.search.pubmed.articleset import ArticleSet, split_article_set
from litcurate.search.pubmed.ratelimit import RateLimiter, shared_limiter
from litcurate.search.retrying_get import GetFailed, RetryingGet

T = TypeVar("T")


@dataclass(frozen=True)
class SearchResult:
    count: int
    webenv: str
    query_key: str
    translation: str | None
    ids: list[str]


# WarningList children that only describe the result ("No items found."); every other one
# (QuotedPhraseNotFound, PhraseIgnored, FieldNotFound...) means PubMed ran another query.
HARMLESS_WARNINGS = {"OutputMessage"}


def reply_failures(root: ET.Element) -> tuple[list[str], list[str]]:
    """What an E-utilities reply says went wrong: its ``ERROR`` elements (a failure on the
    server's side, worth retrying) and its ``ErrorList``/``WarningList`` entries that change
    the query (the query's own problem, not retried). Each as ``"Tag: text"``."""
    server = [f"ERROR: {(e.text or '').strip()}" for e in root.iter("ERROR")]
    query = [f"{e.tag}: {(e.text or '').strip()}" for lst in root.iter("ErrorList") for e in lst]
    query += [
        f"{e.tag}: {(e.text or '').strip()}"
        for lst in root.iter("WarningList")
        for e in lst
        if e.tag not in HARMLESS_WARNINGS
    ]
    return server, query


def parse_esearch(body: bytes) -> SearchResult:
    """Read an eSearchResult; raise :class:`MalformedResponse` unless it holds a Count and
    says nothing failed (NCBI can answer ``<Count>0</Count>`` beside an ``<ERROR>``)."""
    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        raise MalformedResponse(f"ESearch response is not well-formed XML ({exc})") from None
    if root.tag != "eSearchResult":
        raise MalformedResponse(f"ESearch response root is {root.tag}, not eSearchResult")
    server, query = reply_failures(root)
    if query:
        raise SearchError(f"PubMed did not run the query as written ({'; '.join(query)}); correct pubmed.query")
    if server:
        raise MalformedResponse(f"ESearch reply reports a failure ({'; '.join(server)})")
    count = root.findtext("Count")
    if count is None or not count.strip().isdigit():
        raise MalformedResponse("ESearch response has no count: no Count element")
    return SearchResult(
        count=int(count),
        webenv=(root.findtext("WebEnv") or "").strip(),
        query_key=(root.findtext("QueryKey") or "").strip(),
        translation=root.findtext("QueryTranslation"),
        ids=[(i.text or "").strip() for i in root.findall("IdList/Id")],
    )


class EutilsClient:
    def __init__(
        self,
        base_url: str,
        *,
        tool: str = "litcurate",
        email: str | None = None,
        api_key: str | None = None,
        limiter: RateLimiter | None = None,
        max_retries: int = 5,
        backoff_base: float = 1.0,
        backoff_max: float = 60.0,
        timeout: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.tool = tool
        self.email = email
        self.api_key = api_key
        self.http = RetryingGet(
            limiter or shared_limiter(10 if api_key else 3),
            max_retries=max_retries,
            backoff_base=backoff_base,
            backoff_max=backoff_max,
            timeout=timeout,
            sleep=sleep,
        )

    @property
    def requests(self) -> int:
        """Requests sent so far (retries included)."""
        return self.http.requests

    @property
    def retries(self) -> int:
        """Requests that were retries."""
        return self.http.retries

    def url(self, endpoint: str, params: dict[str, object], *, with_key: bool) -> str:
        """The request URL (``with_key=False`` for the one logged and reported)."""
        full = dict(params)
        full["tool"] = self.tool
        if self.email:
            full["email"] = self.email
        if with_key and self.api_key:
            full["api_key"] = self.api_key
        return self.base_url + endpoint + "?" + urllib.parse.urlencode(full)

    def request(self, endpoint: str, params: dict[str, object], check: Callable[[bytes], T]) -> T:
        """GET ``endpoint`` and return ``check(body)``, retrying transient failures."""
        public = self.url(endpoint, params, with_key=False)
        try:
            return self.http.get(self.url(endpoint, params, with_key=True), check, label=endpoint, shown_url=public)
        except GetFailed as exc:
            raise EutilsHTTPError(str(exc), exc.status, public) from None

    def esearch(self, term: str, datetype: str, mindate: str | None, maxdate: str | None) -> SearchResult:
        """Run the query on the history server; return its count and WebEnv."""
        params: dict[str, object] = {"db": "pubmed", "term": term, "usehistory": "y", "retmax": 0}
        if mindate is not None:
            params.update(datetype=datetype, mindate=mindate, maxdate=maxdate)
        return self.request("esearch.fcgi", params, parse_esearch)

    def efetch(self, search: SearchResult, retstart: int, retmax: int, *, final: bool) -> ArticleSet:
        """One batch from the history server; a short non-final batch is retried."""
        expected = min(retmax, search.count - retstart)

        def check(body: bytes) -> ArticleSet:
            batch = split_article_set(body)
            got = len(batch.articles)
            if got > retmax or (got < expected and not final):
                raise MalformedResponse(f"EFetch returned {got} records where {expected} were expected")
            return batch

        params = {
            "db": "pubmed",
            "query_key": search.query_key,
            "WebEnv": search.webenv,
            "retstart": retstart,
            "retmax": retmax,
            "retmode": "xml",
        }
        return self.request("efetch.fcgi", params, check)
