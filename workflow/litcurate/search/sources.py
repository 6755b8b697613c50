"""Per-source counts for the PRISMA-S search log: each database, register and export file searched,
with what it reported, what was retrieved or read, and every line of an export that was not read."""

from __future__ import annotations

import dataclasses

from litcurate.search.imports import read_export


def export_source(database: str, path: str) -> dict:
    """The log entry of one database export: format, records read, problems (file, line, text)."""
    result = read_export(path)
    return {
        "database": database,
        "kind": "database",
        "file": path,
        "format": result.format,
        "records": len(result.records),
        "problems": [dataclasses.asdict(p) for p in result.problems],
    }


def source_counts(pubmed_log: dict, register_logs: list[dict], others: list[dict]) -> list[dict]:
    """PubMed, then each register, then each export, in the order configured."""
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
    sources += [export_source(o["database"], o["path"]) for o in others]
    return sources
