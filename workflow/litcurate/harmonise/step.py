"""The harmonise rule's call: every trial table of one review mapped onto the codebook's fields."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pandas as pd

from litcurate.harmonise.codebook import Codebook, codebook_input, load_codebook
from litcurate.harmonise.table import harmonise_table
from litcurate.io import read_csv
from litcurate.logs import step_log
from litcurate.schemas.extra import EXTRA_COLUMNS, review_extra
from litcurate.schemas.studies import output_columns, studies_schema
from litcurate.validate import write_validated_csv
from litcurate.warnings import StageWarning, write_warnings

logger = logging.getLogger(__name__)


def table_captions(report_path: str | Path | None) -> dict[str, str]:
    """``{table_id: caption}`` from an extraction report (empty without one)."""
    if not report_path or not Path(report_path).is_file():
        return {}
    report = json.loads(Path(report_path).read_text(encoding="utf-8"))
    return {t["table_id"]: t.get("caption") or "" for t in report.get("tables", [])}


def stage_warning(found: dict) -> StageWarning:
    """A warning of :func:`~litcurate.harmonise.table.harmonise_table` in the shape every stage uses:
    the field it concerns leads the message."""
    message = f"{found['field']}: {found['message']}" if found.get("field") else found["message"]
    return StageWarning(
        "harmonise", message, found["review_id"], found["table_id"], found["row"], found["column"], found["value"]
    )


def harmonise_review(
    review_id: str, tables_dir: str | Path, codebook: Codebook, report_path: str | Path | None = None
) -> tuple[pd.DataFrame, list[StageWarning], pd.DataFrame]:
    """Rows of every table in ``tables_dir`` on the codebook's fields, the warnings met on the way,
    and every printed cell no field claims (long form)."""
    captions = table_captions(report_path)
    frames, warnings, extra = [], [], []
    for path in sorted(Path(tables_dir).glob("*.csv")):
        table_id = path.stem
        studies, found, unclaimed = harmonise_table(
            read_csv(path), review_id, table_id, codebook, captions.get(table_id, "")
        )
        frames.append(studies)
        warnings.extend(stage_warning(w) for w in found)
        extra.extend({"review_id": review_id, "table_id": table_id, **cell} for cell in unclaimed)
    columns = output_columns(codebook)
    studies = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
    return studies, warnings, pd.DataFrame(extra, columns=EXTRA_COLUMNS)


def run(input, output, params, log) -> None:
    """Write ``output.studies``, ``output.extra`` and ``output.warnings`` for review ``params.review``
    from the extract rule's ``input.tables`` and ``input.report``, under the codebook ``input.codebook``."""
    with step_log(log):
        codebook = load_codebook(codebook_input(input.codebook))
        studies, warnings, extra = harmonise_review(params.review, input.tables, codebook, input.report)
        written = write_validated_csv(output.studies, studies, studies_schema(codebook))
        write_validated_csv(output.extra, extra, review_extra)
        write_warnings(output.warnings, warnings, file=output.warnings)
        logger.info(
            "%s: %d study rows, %d unclaimed cells, %d warnings", params.review, len(written), len(extra), len(warnings)
        )
