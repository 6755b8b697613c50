"""Settings of the PubMed search stage, read from the ``pubmed:`` section of the config.

Keys (all under ``pubmed:``; only ``query`` is required):

``query``               Full PubMed query in PubMed syntax, sent as the ESearch ``term``.
``mindate``             Start of the date limit, ``YYYY/MM/DD`` (``YYYY`` or ``YYYY/MM`` also
                        accepted). Must be given together with ``maxdate``.
``maxdate``             End of the date limit (inclusive), same format.
``datetype``            Date the limits apply to: ``pdat`` (publication, default), ``edat``
                        (Entrez entry) or ``mdat`` (modification).
``source``              ``live`` (default): query E-utilities. ``snapshot``: read a saved
                        search from ``snapshot_dir`` instead (offline, byte-reproducible).
``eutils_url``          Base URL of E-utilities, default
                        ``https://eutils.ncbi.nlm.nih.gov/entrez/eutils/``.
``email``               Contact address sent with every request (NCBI asks for one).
``tool``                Tool name sent with every request, default ``litcurate``.
``api_key_env``         Name of an environment variable holding an NCBI API key. The key
                        itself never appears in the config, a file or a log. With a key the
                        rate limit is 10 requests/s, without one 3 requests/s.
``batch_size``          Records per EFetch request, 1..10000, default 200.
``max_retries``         Retries per request after the first try, default 5.
``snapshot_dir``        Folder with ``esearch.xml``, ``efetch.xml`` and ``snapshot.json``
                        (recorded query and date); required when ``source`` is ``snapshot``.
``backoff_base``        Seconds before the first retry, doubled on each further retry;
                        default 1.0. A server ``Retry-After`` takes precedence.
``backoff_max``         Upper bound in seconds of any single retry wait, default 60.
``timeout``             Seconds to wait for a server response, default 60.
``requests_per_second`` Optional lower request rate (whole requests per second); it can
                        never exceed NCBI's limit.
``refresh_datetype``    Date used by incremental refresh to find new records, default
                        ``edat`` (entry date); ``mdat`` also catches changed old records.
``refresh_state``       Folder of the accumulated records. When set (live source only) the
                        workflow's search step runs an incremental refresh into it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from litcurate.errors import SearchConfigError
from litcurate.search.pubmed.dates import parse_limit

DEFAULT_EUTILS_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"
DATETYPES = ("pdat", "edat", "mdat")
RATE_WITHOUT_KEY = 3
RATE_WITH_KEY = 10
MAX_BATCH = 10000

KNOWN_KEYS = frozenset(
    {
        "query",
        "mindate",
        "maxdate",
        "datetype",
        "source",
        "eutils_url",
        "email",
        "tool",
        "api_key_env",
        "batch_size",
        "max_retries",
        "snapshot_dir",
        "backoff_base",
        "backoff_max",
        "timeout",
        "requests_per_second",
        "refresh_datetype",
        "refresh_state",
    }
)


@dataclass(frozen=True)
class PubmedSettings:
    query: str
    mindate: str | None = None
    maxdate: str | None = None
    datetype: str = "pdat"
    source: str = "live"
    eutils_url: str = DEFAULT_EUTILS_URL
    email: str | None = None
    tool: str = "litcurate"
    api_key_env: str | None = None
    batch_size: int = 200
    max_retries: int = 5
    snapshot_dir: str | None = None
    backoff_base: float = 1.0
    backoff_max: float = 60.0
    timeout: float = 60.0
    requests_per_second: int | None = None
    refresh_datetype: str = "edat"
    refresh_state: str | None = None

    def api_key(self) -> str | None:
        """The API key from the named environment variable, or None when unset or empty."""
        if not self.api_key_env:
            return None
        return os.environ.get(self.api_key_env) or None

    def rate(self) -> int:
        """Requests per second allowed: the configured rate, else NCBI's (10 with a key, 3 without)."""
        allowed = RATE_WITH_KEY if self.api_key() else RATE_WITHOUT_KEY
        if self.requests_per_second is None:
            return allowed
        if self.requests_per_second > allowed:
            raise SearchConfigError(
                f"pubmed.requests_per_second {self.requests_per_second} exceeds NCBI's limit "
                f"of {allowed}/s {'with' if allowed == RATE_WITH_KEY else 'without'} an API key"
            )
        return self.requests_per_second


def pubmed_section(config: dict[str, Any]) -> dict[str, Any]:
    """The ``pubmed`` section of a workflow config."""
    section = config.get("pubmed")
    if not isinstance(section, dict):
        raise SearchConfigError("config has no 'pubmed' section")
    return section


def load_settings(config: dict[str, Any]) -> PubmedSettings:
    """Build settings from the whole config (its ``pubmed`` section), checking every value."""
    section = pubmed_section(config)
    unknown = sorted(set(section) - KNOWN_KEYS)
    if unknown:
        raise SearchConfigError(f"unknown pubmed config key(s): {', '.join(unknown)}")
    values = {k: v for k, v in section.items() if v is not None}
    if "query" not in values:
        raise SearchConfigError("pubmed.query is required")
    for key in ("mindate", "maxdate"):
        if key in values:
            values[key] = str(values[key])  # YAML reads a bare 2020 as an integer
    try:
        settings = PubmedSettings(**values)
    except TypeError as exc:
        raise SearchConfigError(f"pubmed config: {exc}") from None
    _check(settings)
    return settings


def _limit(key: str, value: str, *, end: bool):
    try:
        return parse_limit(str(value), end=end)
    except ValueError as exc:
        raise SearchConfigError(
            f"pubmed.{key} {value!r} is not a valid date ({exc}); expected YYYY, YYYY/MM or YYYY/MM/DD"
        ) from None


def _check(s: PubmedSettings) -> None:
    if not isinstance(s.query, str) or not s.query.strip():
        raise SearchConfigError("pubmed.query must be a non-empty PubMed query")
    if (s.mindate is None) != (s.maxdate is None):
        raise SearchConfigError("pubmed.mindate and pubmed.maxdate must be given together")
    if s.mindate is not None:
        start, stop = _limit("mindate", s.mindate, end=False), _limit("maxdate", s.maxdate, end=True)
        if stop < start:
            raise SearchConfigError(f"pubmed.maxdate {s.maxdate} is before pubmed.mindate {s.mindate}")
    for key in ("datetype", "refresh_datetype"):
        if getattr(s, key) not in DATETYPES:
            raise SearchConfigError(f"pubmed.{key} must be one of {', '.join(DATETYPES)}, not {getattr(s, key)!r}")
    if s.source not in ("live", "snapshot"):
        raise SearchConfigError(f"pubmed.source must be 'live' or 'snapshot', not {s.source!r}")
    if s.source == "snapshot" and not s.snapshot_dir:
        raise SearchConfigError("pubmed.snapshot_dir is required when pubmed.source is 'snapshot'")
    if not (isinstance(s.batch_size, int) and 1 <= s.batch_size <= MAX_BATCH):
        raise SearchConfigError(f"pubmed.batch_size must be an integer in 1..{MAX_BATCH}, not {s.batch_size!r}")
    if not (isinstance(s.max_retries, int) and s.max_retries >= 0):
        raise SearchConfigError(f"pubmed.max_retries must be a non-negative integer, not {s.max_retries!r}")
    for key in ("backoff_base", "backoff_max", "timeout"):
        value = getattr(s, key)
        if not isinstance(value, (int, float)) or value < 0:
            raise SearchConfigError(f"pubmed.{key} must be a non-negative number, not {value!r}")
    if s.requests_per_second is not None and not (isinstance(s.requests_per_second, int) and s.requests_per_second > 0):
        raise SearchConfigError("pubmed.requests_per_second must be a positive whole number")
    if not s.eutils_url.startswith(("http://", "https://")):
        raise SearchConfigError(f"pubmed.eutils_url must be an http(s) URL, not {s.eutils_url!r}")
