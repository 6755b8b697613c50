"""Every non-fatal warning of a run in one table, for results/qc/warnings.csv and the report.

Each stage writes its own structured warnings (:mod:`litcurate.warnings`); QC only
concatenates them and counts them. Stages and what they contribute:

- ``import``: lines of a database export or register export that were not read, with the
  file and its physical line (``row``), the line's text (``value``) and the database (``table_id``);
- ``extract``: rows rejoined across a page break, halves of a table that disagree, tables
  skipped as non-trial tables, failed extractions;
- ``references``: table rows whose citation number could not be checked or resolved;
- ``harmonise``: unmapped columns, unparseable or implausible values (row 0 is the header);
- ``link``: candidate link pairs awaiting a human decision;
- ``screen``: records and reports still awaiting a screening decision.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from litcurate.schemas.qc import COLUMNS, STAGES
from litcurate.warnings import read_warnings, sort_warnings

NO_REVIEW = "(project)"


def collect_warnings(warning_files) -> pd.DataFrame:
    """Every stage's warnings files, concatenated in pipeline order."""
    frames = [read_warnings(path) for path in warning_files]
    return sort_warnings(pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS))


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
