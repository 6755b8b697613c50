"""Every non-fatal warning of a run in one table, for results/qc/warnings.csv and the report.

Stages and what they contribute:

- ``extract``: extraction report warnings (rows rejoined across a page break, halves of a
  table that disagree ...), tables skipped as non-trial tables, failed extractions;
- ``references``: table rows whose citation number could not be checked or resolved;
- ``harmonise``: unmapped columns, unparseable or implausible values (row 0 is the header);
- ``link``: candidate link pairs awaiting a human decision;
- ``screen``: records and reports still awaiting a screening decision.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pandas as pd

from litcurate.io import read_csv
from litcurate.schemas.qc import COLUMNS, STAGES

NO_REVIEW = "(project)"
_TABLE_PREFIX = re.compile(r"^(table\w+): (.*)$", re.DOTALL)
_ROW_PREFIX = re.compile(r"^row (\d+)\b")


def _blank(value) -> str | None:
    return None if value is None or pd.isna(value) or str(value).strip() == "" else str(value)


def _warning(stage: str, file, message: str, review_id=None, table_id=None, row=None,
             column=None, value=None) -> dict:
    return {"stage": stage, "file": str(file), "review_id": _blank(review_id), "table_id": _blank(table_id),
            "row": None if _blank(row) is None else int(row), "column": _blank(column),
            "value": _blank(value), "message": message}


def harmonise_warnings(path) -> list[dict]:
    found = []
    for w in read_csv(path).to_dict("records"):
        field = _blank(w.get("field"))
        message = f"{field}: {w['message']}" if field else w["message"]
        found.append(_warning("harmonise", path, message, w["review_id"], w["table_id"], w["row"],
                              w["column"], w["value"]))
    return found


def _report_warning(path, review_id: str, text: str) -> dict:
    """'table1: row 3 was cut by the page break ...' -> table, row and the message."""
    table_id, message = None, text
    if match := _TABLE_PREFIX.match(text):
        table_id, message = match.groups()
    row = match.group(1) if (match := _ROW_PREFIX.match(message)) else None
    return _warning("extract", path, message, review_id, table_id, row)


def extraction_warnings(path) -> list[dict]:
    report = json.loads(Path(path).read_text(encoding="utf-8"))
    review_id = report.get("review_id")
    found = []
    if report.get("status", "ok") != "ok":
        found.append(_warning("extract", path, f"extraction {report['status']}: {report.get('error', '')}".strip(),
                              review_id))
    found += [_report_warning(path, review_id, text) for text in report.get("warnings", [])]
    for table in report.get("skipped", []):
        found.append(_warning("extract", path, f"table skipped: {table.get('reason', 'no reason given')}",
                              review_id, table.get("table_id"), value=table.get("caption")))
    for check in report.get("ref_checks", []):
        found.append(_warning("references", path, check["problem"], review_id, check.get("table_id"),
                              check.get("row"), "_ref_no", check.get("label")))
    return found


def _id_location(item_id: str) -> tuple[str | None, str | None, str | None]:
    """'row:zhao2018:table1:4' -> (zhao2018, table1, 4); 'ref:cohen2018:4' -> (cohen2018, None, None)."""
    parts = str(item_id).split(":")
    if parts[0] == "row" and len(parts) == 4:
        return parts[1], parts[2], parts[3]
    if parts[0] == "ref" and len(parts) == 3:
        return parts[1], None, None
    return None, None, None


def _first_location(*ids: str) -> tuple[str | None, str | None, str | None]:
    """The location of the first id that names a review (a table row beats a reference)."""
    located = [_id_location(i) for i in ids]
    for wanted in (lambda loc: loc[1] is not None, lambda loc: loc[0] is not None):
        for loc in located:
            if wanted(loc):
                return loc
    return None, None, None


def link_pair_warnings(path) -> list[dict]:
    found = []
    for pair in read_csv(path).to_dict("records"):
        review_id, table_id, row = _first_location(pair["id_a"], pair["id_b"])
        message = f"link pair awaiting a decision (score {float(pair['score']):.2f}): {pair['reason']}"
        found.append(_warning("link", path, message, review_id, table_id, row,
                              value=f"{pair['id_a']} ~ {pair['id_b']}"))
    return found


def undecided_warnings(path) -> list[dict]:
    found = []
    for item in read_csv(path).to_dict("records"):
        review_id, table_id, row = _id_location(item["id"])
        description = _blank(item.get("description"))
        message = f"awaiting a {item['stage']} screening decision" + (f": {description}" if description else "")
        found.append(_warning("screen", path, message, review_id, table_id, row, column=item["stage"],
                              value=item["id"]))
    return found


def collect_warnings(harmonise_warning_files, extraction_reports, to_review_csv, undecided_csv) -> pd.DataFrame:
    found = []
    for path in harmonise_warning_files:
        found += harmonise_warnings(path)
    for path in extraction_reports:
        found += extraction_warnings(path)
    found += link_pair_warnings(to_review_csv)
    found += undecided_warnings(undecided_csv)
    frame = pd.DataFrame(found, columns=COLUMNS)
    frame["row"] = frame["row"].astype("Int64")
    return frame.sort_values(COLUMNS, key=_pipeline_order, na_position="first", kind="stable").reset_index(drop=True)


def _pipeline_order(column: pd.Series) -> pd.Series:
    """Stages sort in the order the workflow runs them; every other column as it reads."""
    return column.map(STAGES.index) if column.name == "stage" else column


def _counts(values) -> dict[str, int]:
    return {key: int(n) for key, n in sorted(Counter(values).items())}


def qc_summary(warnings: pd.DataFrame) -> dict:
    """Counts per stage (every stage, zeros included), per review, and per review and stage;
    warnings naming no review are counted under ``(project)``."""
    reviews = warnings["review_id"].fillna(NO_REVIEW).astype(str)
    stages = warnings["stage"].astype(str)
    per_stage = _counts(stages)
    return {
        "total": int(len(warnings)),
        "by_stage": {stage: per_stage.get(stage, 0) for stage in STAGES},
        "by_review": _counts(reviews),
        "by_review_stage": {review: _counts(stages[reviews == review]) for review in sorted(set(reviews))},
    }
