"""Per-source counts for the PRISMA-S search log: each database, register and export file searched,
with what it reported, what was retrieved or read, and every line of an export that was not read."""

from __future__ import annotations

import dataclasses

from litcurate.search.imports import ImportResult


def export_source(database: str, path: str, result: ImportResult) -> dict:
    """The log entry of one database export read into ``result``: format, records read, problems
    (file, line, text)."""
    return {
        "database": database,
        "kind": "database",
        "file": path,
        "format": result.format,
        "records": len(result.records),
        "problems": [dataclasses.asdict(p) for p in result.problems],
    }


def source_counts(pubmed_log: dict, register_logs: list[dict], exports: list[dict]) -> list[dict]:
    """PubMed, then each register, then each export's entry (:func:`export_source`), in the order configured."""
    sources = [
        {
            "database": pubmed_log.get("database", "PubMed"),
            "kind": "database",
            "count_reported": pubmed_log.get("count_reported"),
            "count_retrieved": pubmed_log.get("count_retrieved"),
        }
    ]
    for log in register_logs:
        entry = {"database": log["database"], "kind": "register", "count_retrieved": log["count_retrieved"]}
        for key in ("count_reported", "problems"):
            if key in log:
                entry[key] = log[key]
        sources.append(entry)
    return sources + exports
