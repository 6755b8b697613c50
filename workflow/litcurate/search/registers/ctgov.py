"""ClinicalTrials.gov API v2 client: ``GET {base}/studies`` paged by ``nextPageToken``.

Every request passes one rate limiter for the whole run (ClinicalTrials.gov asks for about 50
requests a minute) and is retried with exponential backoff on HTTP 429 and 5xx (a Retry-After
header wins), dropped connections, timeouts and bodies that are not the JSON expected
(truncated, no ``studies`` list). The search fails, writing nothing, when a page token comes
back twice (the server would page forever) or when the studies retrieved differ from the
``totalCount`` the first page reported. A snapshot (the same JSON saved to a file) is read and
checked the same way, offline.
"""

from __future__ import annotations

import json
import logging
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from litcurate.errors import CountMismatch, MalformedResponse, SearchConfigError, SearchError
from litcurate.search.pubmed.ratelimit import RateLimiter, shared_limiter
from litcurate.search.retrying_get import GetFailed, RetryingGet

logger = logging.getLogger(__name__)

DATABASE = "ClinicalTrials.gov"
DEFAULT_URL = "https://clinicaltrials.gov/api/v2/"
PAGE_SIZE_MAX = 1000


@dataclass
class CtgovSearch:
    """The studies a search returned, as the server sent them, and its PRISMA-S log entry."""

    studies: list[dict]
    log: dict = field(default_factory=dict)


def parse_page(body: bytes, first: bool) -> dict:
    """A page of ``/studies``: JSON with a ``studies`` list (and ``totalCount`` on the first page)."""
    try:
        page = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MalformedResponse(f"ClinicalTrials.gov page is not complete JSON ({exc})") from None
    if not isinstance(page, dict) or not isinstance(page.get("studies"), list):
        raise MalformedResponse("ClinicalTrials.gov page has no 'studies' list")
    if first and not isinstance(page.get("totalCount"), int):
        raise MalformedResponse("ClinicalTrials.gov first page has no 'totalCount' (countTotal=true was sent)")
    return page


def nct_id(study: dict) -> str:
    """The study's NCT number ('' when the record has none)."""
    return str(study.get("protocolSection", {}).get("identificationModule", {}).get("nctId", "")).strip()


class CtgovClient:
    """Pages through ``/studies`` of one API v2 base URL."""

    def __init__(
        self,
        base_url: str = DEFAULT_URL,
        *,
        limiter: RateLimiter | None = None,
        requests_per_minute: int = 50,
        max_retries: int = 5,
        backoff_base: float = 1.0,
        backoff_max: float = 60.0,
        timeout: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.http = RetryingGet(
            limiter or shared_limiter(requests_per_minute, window=60.0),
            max_retries=max_retries,
            backoff_base=backoff_base,
            backoff_max=backoff_max,
            timeout=timeout,
            sleep=sleep,
            accept="application/json",
        )

    def url(self, params: dict[str, object]) -> str:
        """The URL of one ``/studies`` request."""
        return self.base_url + "studies?" + urllib.parse.urlencode(params)

    def page(self, params: dict[str, object], first: bool) -> dict:
        """One page, retried on transient failures; a 4xx other than 429 fails at once."""
        try:
            return self.http.get(self.url(params), lambda body: parse_page(body, first), label=DATABASE)
        except GetFailed as exc:
            raise SearchError(str(exc)) from None

    def search(self, query: str, page_size: int = PAGE_SIZE_MAX) -> CtgovSearch:
        """Every study matching ``query`` (``query.term``), checked against ``totalCount``."""
        params: dict[str, object] = {"query.term": query, "pageSize": page_size, "countTotal": "true", "format": "json"}
        studies: list[dict] = []
        seen_tokens: set[str] = set()
        reported = None
        token = None
        while True:
            page = self.page({**params, "pageToken": token} if token else params, first=reported is None)
            if reported is None:
                reported = page["totalCount"]
            studies.extend(page["studies"])
            token = page.get("nextPageToken")
            logger.info("ClinicalTrials.gov: %d of %d studies", len(studies), reported)
            if not token:
                break
            if token in seen_tokens:
                raise SearchError(
                    f"ClinicalTrials.gov sent page token {token!r} twice after {len(studies)} studies: "
                    "the server is paging in a loop; nothing was written"
                )
            seen_tokens.add(token)
        check_count(studies, reported, "ClinicalTrials.gov search")
        log = {
            "database": DATABASE,
            "register": True,
            "endpoint": self.base_url + "studies",
            "query": query,
            "run_date": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
            "count_reported": reported,
            "count_retrieved": len(studies),
            "requests": self.http.requests,
            "retries": self.http.retries,
        }
        return CtgovSearch(studies, log)


def check_count(studies: list[dict], reported: int, where: str) -> None:
    """Refuse a result whose unique NCT numbers differ from the count the register reported."""
    ids = Counter(nct_id(s) for s in studies)
    duplicated = sum(n - 1 for n in ids.values() if n > 1)
    missing_ids = ids.pop("", 0)
    if len(ids) != reported or duplicated or missing_ids:
        raise CountMismatch(reported, len(ids), max(0, reported - len(ids)), duplicated, where)


def read_snapshot(folder: str | Path) -> CtgovSearch:
    """A saved search: ``studies.json`` ({query, snapshot_date, totalCount, studies}) in ``folder``."""
    path = Path(folder) / "studies.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SearchConfigError(f"registers.clinicaltrials_gov.snapshot_dir: {path} not found") from None
    except json.JSONDecodeError as exc:
        raise SearchError(f"{path}: line {exc.lineno}: not valid JSON ({exc.msg})") from None
    for key, kind in (("query", str), ("snapshot_date", str), ("totalCount", int), ("studies", list)):
        if not isinstance(data.get(key), kind):
            raise SearchError(f"{path}: key {key!r}: expected {kind.__name__}")
    check_count(data["studies"], data["totalCount"], str(path))
    log = {
        "database": DATABASE,
        "register": True,
        "endpoint": f"snapshot {path}",
        "query": data["query"],
        "run_date": data["snapshot_date"],
        "count_reported": data["totalCount"],
        "count_retrieved": len(data["studies"]),
    }
    if data.get("synthetic"):
        log["synthetic"] = True
    return CtgovSearch(data["studies"], log)
