"""The harmonise rule's call: every trial table of one review mapped onto the canonical fields."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pandas as pd

from litcurate.harmonise.table import harmonise_table
from litcurate.io import read_csv
from litcurate.logs import step_log
from litcurate.schemas.studies import OUTPUT_COLUMNS, studies_schema
from litcurate.validate import write_validated_csv
from litcurate.warnings import StageWarning, write_warnings

logger = logging.getLogger(__name__)


def table_captions(report_path: str | Path | None) -> dict[str, str]:
    """``{table_id: caption}`` from an extraction report (empty without one)."""
    if not report_path or not Path(report_path).is_file():
        return {}
    report = json.loads(Path(report_path).read_text(encoding="utf-8"))
    return {t["table_id"]: t.get("caption") or "" for t in report.get("tables", [])}


def route_from_caption(caption: str) -> str | None:
    """A table captioned as intravenous studies lets rows that print no route default to IV."""
    return "IV" if re.search(r"\bintravenous\b|\bIV\b|\binfusion", caption, re.IGNORECASE) else None


def stage_warning(found: dict) -> StageWarning:
    """A warning of :func:`~litcurate.harmonise.table.harmonise_table` in the shape every stage uses:
    the canonical field it concerns leads the message."""
    message = f"{found['field']}: {found['message']}" if found.get("field") else found["message"]
    return StageWarning(
        "harmonise", message, found["review_id"], found["table_id"], found["row"], found["column"], found["value"]
    )


def harmonise_review(
    review_id: str, tables_dir: str | Path, report_path: str | Path | None = None
) -> tuple[pd.DataFrame, list[StageWarning]]:
    """Canonical rows of every table in ``tables_dir`` and the warnings met on the way."""
    captions = table_captions(report_path)
    frames, warnings = [], []
    for path in sorted(Path(tables_dir).glob("*.csv")):
        table_id = path.stem
        route = route_from_caption(captions.get(table_id, ""))
        studies, found = harmonise_table(read_csv(path), review_id, table_id, default_route=route)
        frames.append(studies)
        warnings.extend(stage_warning(w) for w in found)
    studies = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=OUTPUT_COLUMNS)
    return studies, warnings


def run(input, output, params, log) -> None:
    """Write ``output.studies`` and ``output.warnings`` for review ``params.review`` from the
    extract rule's ``input.tables`` and ``input.report``."""
    with step_log(log):
        studies, warnings = harmonise_review(params.review, input.tables, input.report)
        written = write_validated_csv(output.studies, studies, studies_schema)
        write_warnings(output.warnings, warnings, file=output.warnings)
        logger.info("%s: %d study rows, %d warnings", params.review, len(written), len(warnings))
