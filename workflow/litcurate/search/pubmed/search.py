"""The PubMed search stage: ESearch + batched EFetch (or a snapshot), verified, then written.

Outputs are written only after every record is retrieved and the set of PMIDs is checked
against the count PubMed reported; a failed search leaves no output behind.
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from litcurate import __version__
from litcurate.errors import CountMismatch, SearchConfigError, SearchError
from litcurate.io import write_bytes, write_json
from litcurate.search.pubmed.articleset import RawArticle, join_article_sets
from litcurate.search.pubmed.dates import SPLIT_CEILING, SPLIT_FLOOR, format_limit, halve, parse_limit
from litcurate.search.pubmed.eutils import EutilsClient, SearchResult
from litcurate.search.pubmed.ratelimit import shared_limiter
from litcurate.search.pubmed.settings import PubmedSettings, load_settings
from litcurate.search.pubmed.snapshot import read_snapshot

logger = logging.getLogger(__name__)

# ESearch/EFetch through the history server cannot page past the 10,000th record.
HISTORY_LIMIT = 9999


@dataclass(frozen=True)
class SearchRequest:
    term: str
    datetype: str
    mindate: str | None
    maxdate: str | None


@dataclass
class SearchOutcome:
    xml: bytes
    pmids: list[str]
    log: dict[str, Any]


@dataclass
class _Part:
    mindate: str | None
    maxdate: str | None
    search: SearchResult
    label: str = ""  # names the part in errors when the search was split


@dataclass
class _Collector:
    total: int
    head: bytes | None = None
    bodies: list[bytes] = field(default_factory=list)
    articles: dict[str, RawArticle] = field(default_factory=dict)
    overlap: int = 0  # records met again in a later date part (several publication dates)


def _check_part(part: _Part, batches: list[list[RawArticle]]) -> None:
    """Within one search every PMID must arrive once and their number equal the count."""
    counts = Counter(a.pmid for batch in batches for a in batch)
    duplicated = sum(n - 1 for n in counts.values())
    if duplicated or len(counts) != part.search.count:
        missing = max(0, part.search.count - len(counts))
        raise CountMismatch(part.search.count, len(counts), missing, duplicated, part.label)


def make_client(settings: PubmedSettings) -> EutilsClient:
    """An E-utilities client with the settings' URL, identity, key, rate limit and retries."""
    return EutilsClient(
        settings.eutils_url,
        tool=settings.tool,
        email=settings.email,
        api_key=settings.api_key(),
        limiter=shared_limiter(settings.rate()),
        max_retries=settings.max_retries,
        backoff_base=settings.backoff_base,
        backoff_max=settings.backoff_max,
        timeout=settings.timeout,
    )


def _plan(client: EutilsClient, request: SearchRequest, whole: SearchResult, limit: int) -> list[_Part]:
    """Date-range parts, each within the history limit, whose union is the whole search."""
    if whole.count <= limit:
        return [_Part(request.mindate, request.maxdate, whole)]
    if request.mindate is None:
        start, stop = SPLIT_FLOOR, SPLIT_CEILING
    else:
        start, stop = parse_limit(request.mindate), parse_limit(request.maxdate, end=True)
    return _split(client, request, start, stop, whole, limit)


def _split(client, request, start, stop, search, limit) -> list[_Part]:
    if search.count <= limit:
        if not search.count:
            return []
        low, high = format_limit(start), format_limit(stop)
        return [_Part(low, high, search, f"date part {low}-{high}")]
    if start == stop:
        raise SearchError(
            f"{search.count} records have {request.datetype} {format_limit(start)}, more than the "
            f"{limit} E-utilities can page through; narrow the query"
        )
    parts: list[_Part] = []
    for a, b in halve(start, stop):
        sub = client.esearch(request.term, request.datetype, format_limit(a), format_limit(b))
        parts.extend(_split(client, request, a, b, sub, limit))
    return parts


def _fetch_part(client: EutilsClient, part: _Part, batch_size: int, collected: _Collector) -> int:
    batches: list[list[RawArticle]] = []
    count = part.search.count
    for retstart in range(0, count, batch_size):
        batch = client.efetch(part.search, retstart, batch_size, final=retstart + batch_size >= count)
        if collected.head is None:
            collected.head = batch.head
        batches.append(batch.articles)
        collected.bodies.append(batch.data)
        for article in batch.articles:
            if article.pmid in collected.articles:
                collected.overlap += 1
            else:
                collected.articles[article.pmid] = article
        logger.info("fetched %d/%d records", len(collected.articles), collected.total)
    _check_part(part, batches)
    return len(batches)


def search_live(
    settings: PubmedSettings,
    request: SearchRequest,
    client: EutilsClient,
    *,
    history_limit: int = HISTORY_LIMIT,
    started: datetime | None = None,
) -> SearchOutcome:
    """Run ``request`` against E-utilities and return the verified, merged result."""
    started = started or datetime.now(timezone.utc)
    requests_before, retries_before = client.requests, client.retries
    whole = client.esearch(request.term, request.datetype, request.mindate, request.maxdate)
    parts = _plan(client, request, whole, history_limit)
    collected = _Collector(whole.count)
    batches = sum(_fetch_part(client, part, settings.batch_size, collected) for part in parts)
    retrieved = len(collected.articles)
    if retrieved != whole.count:
        raise CountMismatch(whole.count, retrieved, max(0, whole.count - retrieved), 0)
    articles = list(collected.articles.values())
    if len(collected.bodies) == 1 and not collected.overlap:
        xml = collected.bodies[0]  # a single response is kept exactly as returned
    else:
        xml = join_article_sets(collected.head, articles)
    log = _log_fields(settings, request, client.base_url, whole.translation, whole.count, retrieved)
    log.update(
        run_timestamp=utc_stamp(started),
        batches=batches,
        requests=client.requests - requests_before,
        retries=client.retries - retries_before,
        date_split_parts=[{"mindate": p.mindate, "maxdate": p.maxdate, "count": p.search.count} for p in parts]
        if whole.count > history_limit
        else [],
        records_in_several_parts=collected.overlap,
    )
    return SearchOutcome(xml, [a.pmid for a in articles], log)


def search_snapshot(settings: PubmedSettings) -> SearchOutcome:
    """The saved search in ``snapshot_dir``, checked like a live one."""
    snap = read_snapshot(settings.snapshot_dir)
    if " ".join(snap.meta["query"].split()) != " ".join(settings.query.split()):
        raise SearchConfigError(f"snapshot {settings.snapshot_dir} was run with a different query than pubmed.query")
    for key in ("datetype", "mindate", "maxdate"):
        recorded = snap.meta.get(key)
        if recorded is not None and recorded != getattr(settings, key):
            raise SearchConfigError(
                f"snapshot {settings.snapshot_dir} was run with {key} {recorded}, "
                f"but pubmed.{key} is {getattr(settings, key)}"
            )
    pmids = [a.pmid for a in snap.articles.articles]
    unique = set(pmids)
    duplicated = len(pmids) - len(unique)
    listed = set(snap.search.ids)
    missing = len(listed - unique) if listed else max(0, snap.search.count - len(unique))
    if duplicated or len(unique) != snap.search.count or (listed and listed != unique):
        raise CountMismatch(snap.search.count, len(unique), missing, duplicated, f"snapshot {settings.snapshot_dir}")
    request = SearchRequest(settings.query, settings.datetype, settings.mindate, settings.maxdate)
    log = _log_fields(
        settings, request, f"snapshot:{settings.snapshot_dir}", snap.search.translation, snap.search.count, len(unique)
    )
    log.update(
        batches=1,
        requests=0,
        retries=0,
        date_split_parts=[],
        records_in_several_parts=0,
        run_timestamp=str(snap.meta["date"]),
    )
    return SearchOutcome(snap.efetch, pmids, log)


def _log_fields(settings, request, endpoint, translation, reported, retrieved) -> dict[str, Any]:
    return {
        "database": "PubMed",
        "source": settings.source,
        "endpoint": endpoint,
        "query": request.term,
        "query_translation": translation,
        "datetype": request.datetype,
        "mindate": request.mindate,
        "maxdate": request.maxdate,
        "count_reported": reported,
        "count_retrieved": retrieved,
        "software": f"litcurate {__version__}",
    }


def utc_stamp(moment: datetime) -> str:
    """ISO 8601 in UTC to the second, e.g. ``2024-03-01T09:30:00Z``."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.replace(microsecond=0, tzinfo=None).isoformat() + "Z"


def write_outcome(outcome: SearchOutcome, xml_out: str | os.PathLike, log_out: str | os.PathLike) -> None:
    """Write the raw XML and the search log of a verified search."""
    write_bytes(xml_out, outcome.xml)
    write_json(log_out, outcome.log)


def run_search(
    config: dict[str, Any],
    xml_out: str | os.PathLike,
    log_out: str | os.PathLike,
    *,
    client: EutilsClient | None = None,
    history_limit: int = HISTORY_LIMIT,
) -> dict[str, Any]:
    """Run the configured search and write the raw XML and the PRISMA-S search log.

    ``config`` is the whole workflow config; its ``pubmed`` section is documented in
    :mod:`litcurate.search.pubmed.settings`. Returns the search log.
    """
    settings = load_settings(config)
    if settings.source == "snapshot":
        outcome = search_snapshot(settings)
    else:
        request = SearchRequest(settings.query, settings.datetype, settings.mindate, settings.maxdate)
        outcome = search_live(settings, request, client or make_client(settings), history_limit=history_limit)
    write_outcome(outcome, xml_out, log_out)
    return outcome.log
