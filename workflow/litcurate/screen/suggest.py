"""Mechanical screening suggestions: what metadata alone says about a record.

Suggestions never count in PRISMA; the recorded decisions do. They help a reviewer
start, and where a recorded decision disagrees with one the table says so, which
catches a mis-keyed decision.
"""

from __future__ import annotations

import re

import pandas as pd

# (metadata column, pattern, reason), first match wins.
RULES: list[tuple[str, re.Pattern, str]] = [
    (
        "publication_types",
        re.compile(
            r"\b(Review|Systematic Review|Meta-Analysis|Practice Guideline|Guideline|"
            r"Editorial|Comment|Letter)\b"
        ),
        "review, guideline or comment",
    ),
    ("publication_types", re.compile(r"\bCase Reports\b"), "case report"),
    ("mesh_terms", re.compile(r"^(?!.*\bHumans\b).*\bAnimals\b"), "animal study"),
    ("language", re.compile(r"^(?!eng$).+"), "not in English"),
    (
        "title",
        re.compile(r"\b(review|meta-?analysis|guidelines?|consensus|survey)\b", re.I),
        "review, guideline or survey",
    ),
    ("title", re.compile(r"\b(rats?|mice|mouse|rodents?|in vitro)\b", re.I), "animal or laboratory study"),
    (
        "title",
        re.compile(
            r"\b(intranasal|oral|subcutaneous|topical)\b.{0,20}\bketamine\b|\bketamine\b.{0,20}\b(intranasal|oral)\b",
            re.I,
        ),
        "not intravenous ketamine",
    ),
    ("title", re.compile(r"\bin a patient\b|\bcase report\b", re.I), "case report"),
]
COLUMNS = ["record_id", "suggestion", "reason", "rule", "recorded_decision", "agrees"]


def _first_rule(record: dict) -> tuple[str, str] | None:
    for column, pattern, reason in RULES:
        value = record.get(column)
        if isinstance(value, str) and pattern.search(value):
            return reason, f"{column} ~ /{pattern.pattern}/"
    return None


def suggest(records: pd.DataFrame, recorded: dict[str, str]) -> pd.DataFrame:
    """``records``: record_id and any of title, publication_types, mesh_terms, language.
    ``recorded``: record_id -> the recorded title/abstract decision."""
    rows = []
    for record in records.sort_values("record_id").to_dict("records"):
        hit = _first_rule(record)
        if hit is None:
            continue
        decision = recorded.get(record["record_id"], "undecided")
        rows.append(
            {
                "record_id": record["record_id"],
                "suggestion": "exclude",
                "reason": hit[0],
                "rule": hit[1],
                "recorded_decision": decision,
                "agrees": {"exclude": "yes", "include": "no"}.get(decision, ""),
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)
