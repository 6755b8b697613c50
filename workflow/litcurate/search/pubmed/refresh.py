"""Incremental refresh: fetch only records entered since the last successful run and merge
them into the accumulated records, keyed by PMID (newer metadata wins).

``state_dir`` holds ``records.csv`` (the accumulated, validated records), ``state.json``
(query, date limits, date of the last successful run) and ``runs/<timestamp>/`` with each
successful run's raw XML, search log and ``diff.json`` (new PMIDs; changed PMIDs with the
old and new value of every changed field). The first run searches the configured query in
full. Later runs search ``refresh_datetype`` (default ``edat``) from the last successful
run's date through today; that day is searched again so nothing entered later that day is
missed. Nothing in ``state_dir`` changes unless the new set is complete and valid;
``records.csv`` is replaced before ``state.json``, so a crash between the two only makes
the next run look back further.
"""

from __future__ import annotations

import io
import json
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pandas as pd

from litcurate.errors import SearchConfigError
from litcurate.io import read_csv, write_json
from litcurate.schemas.records import COLUMNS, RECORDS_SCHEMA, write_records_csv
from litcurate.search.pubmed.dates import format_limit
from litcurate.search.pubmed.eutils import EutilsClient
from litcurate.search.pubmed.medline_xml import parse_pubmed_xml
from litcurate.search.pubmed.search import (
    HISTORY_LIMIT,
    SearchRequest,
    make_client,
    search_live,
    utc_stamp,
    write_outcome,
)
from litcurate.search.pubmed.settings import PubmedSettings, load_settings
from litcurate.validate import validate

STATE_FILE = "state.json"
RECORDS_FILE = "records.csv"
RUNS_DIR = "runs"
COMPARED = [c for c in COLUMNS if c not in ("record_id", "source")]
# PubMed search tags of the date types a refresh can carry over into the query term.
_DATE_TAGS = {"pdat": "dp", "edat": "edat"}


def read_state(state_dir: Path) -> dict[str, Any] | None:
    """The refresh state of ``state_dir``, or None before the first refresh."""
    path = state_dir / STATE_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def _same_search(settings: PubmedSettings, state: dict[str, Any]) -> bool:
    return " ".join(state["query"].split()) == " ".join(settings.query.split()) and (
        state.get("datetype"),
        state.get("mindate"),
        state.get("maxdate"),
    ) == (settings.datetype, settings.mindate, settings.maxdate)


def limited_term(settings: PubmedSettings) -> str:
    """The query with its configured date limit written into the term, so a refresh on
    another date type still honours it."""
    if settings.mindate is None:
        return settings.query
    tag = _DATE_TAGS.get(settings.datetype)
    if tag is None:
        raise SearchConfigError(f"refresh cannot carry a pubmed.datetype {settings.datetype!r} limit into the query")
    return f'({settings.query}) AND ("{settings.mindate}"[{tag}] : "{settings.maxdate}"[{tag}])'


def _cell(value: Any) -> str | None:
    return None if pd.isna(value) else str(value)


def merge_records(accumulated: pd.DataFrame, fresh: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Accumulated records updated with ``fresh`` (which wins), and what changed."""
    old = {row["pmid"]: row for row in accumulated.to_dict("records")}
    new_pmids, changed, unchanged = [], [], 0
    for row in fresh.to_dict("records"):
        before = old.get(row["pmid"])
        if before is None:
            new_pmids.append(row["pmid"])
            continue
        changes = {
            col: {"old": _cell(before[col]), "new": _cell(row[col])}
            for col in COMPARED
            if _cell(before[col]) != _cell(row[col])
        }
        if changes:
            changed.append({"pmid": row["pmid"], "changes": changes})
        else:
            unchanged += 1
    kept = accumulated[~accumulated["pmid"].isin(set(fresh["pmid"]))]
    merged = pd.concat([kept, fresh], ignore_index=True) if len(kept) else fresh.copy()
    merged = merged.iloc[sorted(range(len(merged)), key=lambda i: int(merged["pmid"].iat[i]))]
    diff = {
        "new": sorted(new_pmids, key=int),
        "changed": sorted(changed, key=lambda c: int(c["pmid"])),
        "unchanged": unchanged,
        "records_before": len(accumulated),
        "records_after": len(merged),
    }
    return merged.reset_index(drop=True), diff


def run_refresh(
    config: dict[str, Any],
    state_dir: str | os.PathLike,
    *,
    client: EutilsClient | None = None,
    now: datetime | None = None,
    history_limit: int = HISTORY_LIMIT,
) -> dict[str, Any]:
    """Refresh the accumulated records in ``state_dir``; return the diff of this run."""
    settings = load_settings(config)
    if settings.source != "live":
        raise SearchConfigError("incremental refresh needs pubmed.source 'live'")
    state_dir = Path(state_dir)
    now = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    today = format_limit(now.date())
    state = read_state(state_dir)
    if state is None:
        request = SearchRequest(settings.query, settings.datetype, settings.mindate, settings.maxdate)
    else:
        if not _same_search(settings, state):
            raise SearchConfigError(
                f"the query or date limits differ from those of {state_dir / STATE_FILE}; "
                "use a new state folder for a new search"
            )
        request = SearchRequest(limited_term(settings), settings.refresh_datetype, state["last_success"], today)

    client = client or make_client(settings)
    outcome = search_live(settings, request, client, history_limit=history_limit, started=now)
    records_path = state_dir / RECORDS_FILE
    fresh = validate(parse_pubmed_xml(io.BytesIO(outcome.xml)), RECORDS_SCHEMA, "refreshed records")
    if records_path.is_file():
        accumulated = validate(read_csv(records_path), RECORDS_SCHEMA, records_path)
    else:
        accumulated = fresh.iloc[0:0]
    merged, diff = merge_records(accumulated, fresh)
    merged = validate(merged, RECORDS_SCHEMA, records_path)
    diff.update(
        since=request.mindate if state else None,
        until=today,
        datetype=request.datetype,
        query=request.term,
        count_retrieved=len(fresh),
    )

    run_dir = state_dir / RUNS_DIR / now.strftime("%Y%m%dT%H%M%SZ")
    write_outcome(outcome, run_dir / "pubmed.xml", run_dir / "search_log.json")
    write_json(run_dir / "diff.json", diff)
    write_records_csv(records_path, merged)
    write_json(
        state_dir / STATE_FILE,
        {
            "query": settings.query,
            "datetype": settings.datetype,
            "mindate": settings.mindate,
            "maxdate": settings.maxdate,
            "last_success": today,
            "last_run_timestamp": utc_stamp(now),
            "records": len(merged),
            "runs": (state or {}).get("runs", 0) + 1,
        },
    )
    return diff
