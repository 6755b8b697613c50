"""Apply the reviewer's recorded screening decisions to records and reports.

Two routes reach full-text assessment, as in PRISMA 2020:
- databases: a unique database record is screened on title/abstract; an included
  record's publication becomes a report sought for retrieval;
- other methods: a publication cited by a review's trial table that no database
  search found (citation searching) is sought directly.

Decisions are keyed by record id (``pmid:…``), reference entry or table row id,
publication id or study id. Decisions reaching the same record or report through two of
its ids must agree, or the run stops naming both lines. A full-text decision on a study
applies to each of its reports that has no decision of its own. Only recorded decisions
count; anything undecided is listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from litcurate.errors import DecisionError
from litcurate.link.parts import split_study_ids
from litcurate.schemas.screen import decisions as decisions_schema
from litcurate.suggest import did_you_mean
from litcurate.tsv import empty_as_missing, read_tsv
from litcurate.validate import validate
from litcurate.warnings import StageWarning

DECISION_COLUMNS = ["decision", "reason", "reviewer", "date"]
UNDECIDED = {"decision": "undecided", "reason": None, "reviewer": None, "date": None}


@dataclass(frozen=True)
class Screened:
    records: pd.DataFrame
    reports: pd.DataFrame
    undecided: pd.DataFrame
    warnings: list[StageWarning] = ()


def read_decisions(path: str | Path) -> pd.DataFrame:
    """The reviewer's decision file, validated; ``line`` is each decision's physical line."""
    frame, lines = read_tsv(path)
    checked = validate(empty_as_missing(frame), decisions_schema, path, lines)
    return checked.assign(line=lines)


def check_known_ids(decisions: pd.DataFrame, known: set[str], path: str | Path) -> None:
    """Every decision must name something the workflow knows; a typo must not vanish."""
    unknown = [(line, ident) for ident, line in zip(decisions["id"], decisions["line"]) if ident not in known]
    if unknown:
        listed = "; ".join(f"line {line}: {ident!r}{did_you_mean(ident, known)}" for line, ident in unknown[:10])
        raise DecisionError(f"{path}: {len(unknown)} decision(s) name no known record, publication or study ({listed})")


def _lookup(decisions: pd.DataFrame, stage: str) -> dict[str, dict]:
    chosen = decisions[decisions["stage"] == stage]
    return {row["id"]: row for row in chosen.to_dict("records")}


def _verdict(row: dict) -> tuple[str, str | None]:
    reason = row["reason"]
    return row["decision"], None if pd.isna(reason) else " ".join(str(reason).split())


def _shown(row: dict) -> str:
    decision, reason = _verdict(row)
    return f"line {row['line']} ({row['id']}: {decision}{', ' + reason if reason else ''})"


def _one_decision(table: dict[str, dict], keys: list[str], what: str, stage: str, source: object) -> dict:
    """The decision recorded for ``what`` under any of its ``keys``; decisions under two of
    its ids that disagree stop the run, naming both lines."""
    found = [table[key] for key in dict.fromkeys(keys) if key in table]
    for other in found[1:]:
        if _verdict(other) != _verdict(found[0]):
            first, second = sorted((found[0], other), key=lambda row: row["line"])
            raise DecisionError(
                f"{source}: {_shown(first)} and {_shown(second)} decide {what} differently at {stage}; "
                "both ids name it, keep one decision"
            )
    return {k: found[0][k] for k in DECISION_COLUMNS} if found else dict(UNDECIDED)


def source_ids(publications: pd.DataFrame) -> dict[str, list[str]]:
    """Every record, reference-entry and table-row id behind each publication."""
    out = {}
    for row in publications.to_dict("records"):
        ids = []
        for column in ("record_ids", "reference_ids"):
            value = row.get(column)
            if isinstance(value, str) and value:
                ids += value.split("; ")
        out[row["publication_id"]] = ids
    return out


def known_ids(publications: pd.DataFrame) -> set[str]:
    """What a decision may name: a publication, a study, or any source id behind one."""
    known = set(publications["publication_id"]) | {s for ids in publications["study_id"] for s in split_study_ids(ids)}
    for ids in source_ids(publications).values():
        known.update(ids)
    return known


def screen(
    records: pd.DataFrame, publications: pd.DataFrame, decisions: pd.DataFrame, source: object = "decisions"
) -> Screened:
    """``records``: unique database records (record_id, database, publication_id, title).
    ``publications``: publication_id, study_id, in_database, cited_by_tables, label.
    ``decisions``: as :func:`read_decisions` returns them, from the file ``source``."""
    title_abstract = _lookup(decisions, "title_abstract")
    full_text = _lookup(decisions, "full_text")
    study_of = dict(zip(publications["publication_id"], publications["study_id"]))

    screened_records = []
    for rec in records.sort_values("record_id").to_dict("records"):
        keys = [rec["record_id"], rec["publication_id"]]
        choice = _one_decision(title_abstract, keys, f"record {rec['record_id']}", "title_abstract", source)
        screened_records.append(
            {
                "record_id": rec["record_id"],
                "database": rec["database"],
                "publication_id": rec["publication_id"],
                **choice,
            }
        )
    record_frame = pd.DataFrame(
        screened_records, columns=["record_id", "database", "publication_id", *DECISION_COLUMNS]
    )

    via_database = set(record_frame.loc[record_frame["decision"] == "include", "publication_id"])
    found_by_database = set(records["publication_id"])
    via_citation = (
        set(publications.loc[pd.to_numeric(publications["cited_by_tables"]) > 0, "publication_id"]) - found_by_database
    )

    sources_of = source_ids(publications)
    reports = []
    for pub_id in sorted(via_database | via_citation):
        choice = _one_decision(full_text, [*sources_of[pub_id], pub_id], f"report {pub_id}", "full_text", source)
        if choice["decision"] == "undecided":  # a study's decision reaches reports without their own
            studies = split_study_ids(study_of[pub_id])
            choice = _one_decision(full_text, studies, f"study {study_of[pub_id]}", "full_text", source)
        reports.append(
            {
                "publication_id": pub_id,
                "study_id": study_of[pub_id],
                "route": "databases" if pub_id in via_database else "other_methods",
                **choice,
            }
        )
    report_frame = pd.DataFrame(reports, columns=["publication_id", "study_id", "route", *DECISION_COLUMNS])

    labels = dict(zip(publications["publication_id"], publications["label"]))
    undecided = [
        {"stage": "title_abstract", "id": r["record_id"], "description": labels.get(r["publication_id"])}
        for r in screened_records
        if r["decision"] == "undecided"
    ] + [
        {"stage": "full_text", "id": r["publication_id"], "description": labels.get(r["publication_id"])}
        for r in reports
        if r["decision"] == "undecided"
    ]
    warnings = [
        StageWarning(
            "screen",
            f"awaiting a {u['stage']} screening decision" + (f": {u['description']}" if u["description"] else ""),
            column=u["stage"],
            value=u["id"],
        )
        for u in undecided
    ]
    return Screened(
        record_frame, report_frame, pd.DataFrame(undecided, columns=["stage", "id", "description"]), warnings
    )
