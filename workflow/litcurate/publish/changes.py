"""What changed between two published versions: records, studies, values, PRISMA counts, files."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from litcurate.publish.checks import FLOW, RECORDS, STUDIES, read_table

CHANGES_JSON = "changes.json"
MAX_LISTED = 50


def compare(old: dict[str, bytes] | None, new: dict[str, bytes]) -> dict[str, Any]:
    """Records, studies, study values, PRISMA counts and files of ``new`` against ``old``
    (None for the first publication, when everything is new)."""
    old = old or {}
    old_records, new_records = _ids(old.get(RECORDS), "record_id"), _ids(new.get(RECORDS), "record_id")
    old_studies, new_studies = read_table(old.get(STUDIES)), read_table(new.get(STUDIES))
    old_ids, new_ids = _ids(old.get(STUDIES), "study_id"), _ids(new.get(STUDIES), "study_id")
    return {
        "records": {"new": sorted(new_records - old_records), "removed": sorted(old_records - new_records)},
        "studies": {
            "new": sorted(new_ids - old_ids),
            "removed": sorted(old_ids - new_ids),
            "changed": changed_values(old_studies, new_studies),
        },
        "prisma": prisma_changes(_json(old.get(FLOW)), _json(new.get(FLOW))),
        "files": {
            "added": sorted(set(new) - set(old)),
            "removed": sorted(set(old) - set(new)),
            "changed": sorted(rel for rel in set(old) & set(new) if old[rel] != new[rel]),
        },
    }


def record_and_study_counts(files: dict[str, bytes]) -> dict[str, int]:
    """How many records and studies a version holds."""
    return {"records": len(_ids(files.get(RECORDS), "record_id")), "studies": len(_ids(files.get(STUDIES), "study_id"))}


def changed_values(old: pd.DataFrame | None, new: pd.DataFrame | None) -> list[dict[str, Any]]:
    """(study, field, old, new) for every study in both tables whose value differs."""
    if old is None or new is None:
        return []
    before, after = old.set_index("study_id"), new.set_index("study_id")
    fields = list(after.columns) + [c for c in before.columns if c not in after.columns]
    out = []
    for study_id in sorted(set(before.index) & set(after.index)):
        for field in fields:
            was = _cell(before, study_id, field)
            now = _cell(after, study_id, field)
            if was != now:
                out.append({"study_id": study_id, "field": field, "old": was, "new": now})
    return out


def prisma_changes(old: dict | None, new: dict | None) -> list[dict[str, Any]]:
    """Every PRISMA count that differs between two flows."""
    before, after = _counts(old or {}), _counts(new or {})
    return [
        {"count": key, "old": before.get(key), "new": after.get(key)}
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    ]


def _counts(flow: dict, prefix: str = "") -> dict[str, int]:
    """Every number of the flow under a dotted key, e.g. ``databases.records_screened``."""
    out: dict[str, int] = {}
    for key, value in flow.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_counts(value, name + "."))
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            out[name] = value
    return out


def _ids(data: bytes | None, column: str) -> set[str]:
    frame = read_table(data)
    return set() if frame is None else set(frame[column].dropna())


def _cell(frame: pd.DataFrame, row: str, column: str) -> str | None:
    if column not in frame.columns:
        return None
    value = frame.at[row, column]
    return None if pd.isna(value) else str(value)


def _json(data: bytes | None) -> dict | None:
    return None if data is None else json.loads(data)


# --- the human-readable entry ---------------------------------------------------------------


def heading(label: str) -> str:
    """How a version's entry starts in the changelog."""
    return f"\n## {label}\n"


def changes_markdown(changes: dict[str, Any]) -> str:
    """The changelog entry of a version."""
    records, studies, prisma, files = (changes[k] for k in ("records", "studies", "prisma", "files"))
    against = f"compared with version {changes['previous']}" if changes["previous"] else "first publication"
    lines = [
        f"## {changes['label']}",
        "",
        f"Search run {changes['run_date']}; {against}.",
        "",
        f"- records: {len(records['new'])} new, {len(records['removed'])} removed",
        f"- studies: {len(studies['new'])} new, {len(studies['removed'])} removed, "
        f"{len(studies['changed'])} changed value(s)",
        f"- PRISMA counts changed: {len(prisma)}",
        f"- files: {len(files['added'])} added, {len(files['removed'])} removed, "
        f"changed: {', '.join(files['changed']) or 'none'}",
    ]
    more = f"versions/{changes['label']}/{CHANGES_JSON}"
    lines += _section("New records", records["new"], more)
    lines += _section("Removed records", records["removed"], more)
    lines += _section("New studies", studies["new"], more)
    lines += _section("Removed studies", studies["removed"], more)
    lines += _section(
        "Changed values",
        [f"{c['study_id']} {c['field']}: {_shown(c['old'])} -> {_shown(c['new'])}" for c in studies["changed"]],
        more,
    )
    lines += _section(
        "PRISMA counts", [f"{c['count']}: {_shown(c['old'])} -> {_shown(c['new'])}" for c in prisma], more
    )
    return "\n".join(lines) + "\n"


def _section(title: str, items: list[str], more: str) -> list[str]:
    if not items:
        return []
    lines = ["", f"### {title}", ""] + [f"- {item}" for item in items[:MAX_LISTED]]
    if len(items) > MAX_LISTED:
        lines.append(f"- ... and {len(items) - MAX_LISTED} more (see {more})")
    return lines


def _shown(value: Any) -> str:
    return "(empty)" if value is None else str(value)
