"""Apply the reviewer's recorded screening decisions to records and reports.

Two routes reach full-text assessment, as in PRISMA 2020:
- databases: a unique database record is screened on title/abstract; an included
  record's publication becomes a report sought for retrieval;
- other methods: a publication cited by a review's trial table that no database
  search found (citation searching) is sought directly.

Decisions are keyed by record id (``pmid:…``), publication id or study id. A
full-text decision on a study applies to each of its reports that has no decision
of its own. Only recorded decisions count; anything undecided is listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from litcurate.errors import DecisionError
from litcurate.schemas.screen import decisions as decisions_schema
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
    """The reviewer's decision file, validated."""
    frame = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, na_values=[""], comment="#")
    frame.columns = [c.strip() for c in frame.columns]
    return validate(frame, decisions_schema, path)


def check_known_ids(decisions: pd.DataFrame, known: set[str], path: str | Path) -> None:
    """Every decision must name something the workflow knows; a typo must not vanish."""
    unknown = [(i + 2, row.id) for i, row in enumerate(decisions.itertuples()) if row.id not in known]
    if unknown:
        listed = "; ".join(f"line {line}: {ident!r}" for line, ident in unknown[:10])
        raise DecisionError(f"{path}: {len(unknown)} decision(s) name no known record, publication or study ({listed})")


def _lookup(decisions: pd.DataFrame, stage: str) -> dict[str, dict]:
    chosen = decisions[decisions["stage"] == stage]
    return {row["id"]: {k: row[k] for k in DECISION_COLUMNS} for row in chosen.to_dict("records")}


def _first_decision(table: dict[str, dict], *keys: str) -> dict:
    for key in keys:
        if key in table:
            return table[key]
    return dict(UNDECIDED)


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
    known = set(publications["publication_id"]) | set(publications["study_id"])
    for ids in source_ids(publications).values():
        known.update(ids)
    return known


def screen(records: pd.DataFrame, publications: pd.DataFrame, decisions: pd.DataFrame) -> Screened:
    """``records``: unique database records (record_id, database, publication_id, title).
    ``publications``: publication_id, study_id, in_database, cited_by_tables, label."""
    title_abstract = _lookup(decisions, "title_abstract")
    full_text = _lookup(decisions, "full_text")
    study_of = dict(zip(publications["publication_id"], publications["study_id"]))

    screened_records = []
    for rec in records.sort_values("record_id").to_dict("records"):
        choice = _first_decision(title_abstract, rec["record_id"], rec["publication_id"])
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
        keys = [*sources_of[pub_id], pub_id, study_of[pub_id]]
        reports.append(
            {
                "publication_id": pub_id,
                "study_id": study_of[pub_id],
                "route": "databases" if pub_id in via_database else "other_methods",
                **_first_decision(full_text, *keys),
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
