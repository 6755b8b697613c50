"""HTTP GET under a shared rate limit, retrying what a busy server does to a client.

Both online sources (E-utilities, ClinicalTrials.gov) use it: 429, 5xx, dropped connections and
bodies their check refuses (:class:`MalformedResponse`) are retried with capped exponential
backoff, or after the server's ``Retry-After``; any other 4xx fails at once.
"""

from __future__ import annotations

import email.utils
import http.client
import logging
import time
import urllib.error
import urllib.request
from datetime import datetime, timezone
from typing import Callable, TypeVar

from litcurate import __version__
from litcurate.errors import MalformedResponse
from litcurate.search.pubmed.ratelimit import RateLimiter

logger = logging.getLogger(__name__)
T = TypeVar("T")


class GetFailed(Exception):
    """A GET that failed for good: ``status`` is the last HTTP status (None without one)."""

    def __init__(self, message: str, status: int | None):
        super().__init__(message)
        self.status = status


def retry_after(headers, now: datetime | None = None) -> float | None:
    """Seconds the server asked to wait (``Retry-After`` as seconds or an HTTP date), if it did.
    An HTTP date is counted from ``now`` (an aware datetime; the clock's UTC time when None)."""
    value = (headers.get("Retry-After") or "").strip() if headers is not None else ""
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)  # ValueError for "" and for what is not a date
    except ValueError:
        return None
    when = when if when.tzinfo else when.replace(tzinfo=timezone.utc)
    current = now if now is not None else datetime.now(timezone.utc)
    return max(0.0, (when - current).total_seconds())


class RetryingGet:
    """GETs through one limiter, counting requests and retries for the search log."""

    def __init__(
        self,
        limiter: RateLimiter,
        *,
        max_retries: int,
        backoff_base: float,
        backoff_max: float,
        timeout: float,
        sleep: Callable[[float], None] = time.sleep,
        accept: str | None = None,
    ):
        # Retries, backoff and timeout have no defaults here: each source's client has its own.
        self.limiter = limiter
        self.max_retries = max_retries
        self.backoff_base = backoff_base
        self.backoff_max = backoff_max
        self.timeout = timeout
        self._sleep = sleep
        self.headers = {"User-Agent": f"litcurate/{__version__}", **({"Accept": accept} if accept else {})}
        self.requests = 0
        self.retries = 0

    def _body(self, url: str) -> bytes:
        request = urllib.request.Request(url, headers=self.headers)
        with urllib.request.urlopen(request, timeout=self.timeout) as response:
            return response.read()

    def get(self, url: str, check: Callable[[bytes], T], *, label: str, shown_url: str | None = None) -> T:
        """``check(body)`` of ``url``; raise :class:`GetFailed` naming ``label`` and ``shown_url``
        (the URL without secrets) when the server refuses or every attempt failed."""
        shown = shown_url or url
        attempts = self.max_retries + 1
        for attempt in range(attempts):
            self.limiter.acquire()
            self.requests += 1
            wait: float | None = None
            status: int | None = None
            try:
                return check(self._body(url))
            except urllib.error.HTTPError as exc:
                status = exc.code
                exc.close()
                if status != 429 and status < 500:
                    raise GetFailed(f"HTTP {status} from {shown}", status) from None
                reason, wait = f"HTTP {status}", retry_after(exc.headers)
            except MalformedResponse as exc:
                reason = str(exc)
            except (OSError, http.client.HTTPException) as exc:
                reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            if attempt + 1 == attempts:
                raise GetFailed(f"{label} failed after {attempts} attempts, last error {reason}, URL {shown}", status)
            delay = min(self.backoff_max, wait if wait is not None else self.backoff_base * 2**attempt)
            self.retries += 1
            logger.info("retrying %s in %gs after %s (attempt %d/%d)", label, delay, reason, attempt + 2, attempts)
            self._sleep(delay)
        raise AssertionError("unreachable")
