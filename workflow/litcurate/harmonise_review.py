"""The harmonise step: every trial table of one review mapped onto the canonical fields."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from litcurate.harmonise.table import harmonise_table
from litcurate.io import read_csv, write_csv
from litcurate.schemas.studies import OUTPUT_COLUMNS, studies_schema
from litcurate.validate import write_validated_csv

WARNING_COLUMNS = ["review_id", "table_id", "row", "column", "field", "value", "message"]


def table_captions(report_path: str | Path | None) -> dict[str, str]:
    if not report_path or not Path(report_path).is_file():
        return {}
    report = json.loads(Path(report_path).read_text(encoding="utf-8"))
    return {t["table_id"]: t.get("caption") or "" for t in report.get("tables", [])}


def route_from_caption(caption: str) -> str | None:
    """A table captioned as intravenous studies lets rows that print no route default to IV."""
    return "IV" if re.search(r"\bintravenous\b|\bIV\b|\binfusion", caption, re.IGNORECASE) else None


def harmonise_review(review_id: str, tables_dir: str, studies_out: str, warnings_out: str,
                     report_path: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    captions = table_captions(report_path)
    frames, warnings = [], []
    for path in sorted(Path(tables_dir).glob("*.csv")):
        table_id = path.stem
        studies, found = harmonise_table(read_csv(path), review_id, table_id,
                                         default_route=route_from_caption(captions.get(table_id, "")))
        frames.append(studies)
        warnings.extend(found)
    studies = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=OUTPUT_COLUMNS)
    written = write_validated_csv(studies_out, studies, studies_schema)
    warning_frame = pd.DataFrame(warnings, columns=WARNING_COLUMNS)
    write_csv(warnings_out, warning_frame.sort_values(["table_id", "row", "column"], kind="stable"))
    return written, warning_frame
