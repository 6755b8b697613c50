"""Structured warnings: what a stage could not read or decide, in one shape for every stage.

Every stage that warns writes its :class:`StageWarning` list with :func:`write_warnings`
(extract, harmonise, link, screen); the QC step only concatenates those files into
``results/qc/warnings.csv``. Nothing is parsed back out of message text.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from typing import Iterable

import pandas as pd

from litcurate.io import read_csv
from litcurate.schemas.qc import COLUMNS, warnings_schema
from litcurate.validate import write_validated_csv


@dataclass(frozen=True)
class StageWarning:
    """One non-fatal problem: which stage, where (review, table, row, column), the value, why.

    ``row`` is the table row (0 for the header, a column-level warning); ``file`` is the
    output that holds the details, filled in by the step that writes the warning.
    """

    stage: str
    message: str
    review_id: str | None = None
    table_id: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    file: str | None = None

    def located(self, **where: object) -> StageWarning:
        """The same warning with more of its location (or its file) filled in."""
        return dataclasses.replace(self, **where)


def _blank(value: object) -> str | None:
    return None if value is None or pd.isna(value) or str(value).strip() == "" else str(value)


def warnings_frame(warnings: Iterable[StageWarning]) -> pd.DataFrame:
    """The warnings as a table with the QC columns, sorted in pipeline order."""
    rows = [
        {
            "stage": w.stage,
            "file": w.file,
            "review_id": _blank(w.review_id),
            "table_id": _blank(w.table_id),
            "row": None if _blank(w.row) is None else int(w.row),
            "column": _blank(w.column),
            "value": _blank(w.value),
            "message": w.message,
        }
        for w in warnings
    ]
    return sort_warnings(pd.DataFrame(rows, columns=COLUMNS))


def sort_warnings(frame: pd.DataFrame) -> pd.DataFrame:
    """Stages in the order the workflow runs them, then every column as it reads."""
    from litcurate.schemas.qc import STAGES

    frame = frame.assign(row=frame["row"].astype("Int64"))

    def order(column: pd.Series) -> pd.Series:
        return column.map(STAGES.index) if column.name == "stage" else column

    return frame.sort_values(COLUMNS, key=order, na_position="first", kind="stable").reset_index(drop=True)


def write_warnings(path: str | os.PathLike, warnings: Iterable[StageWarning], file: str | None = None) -> pd.DataFrame:
    """Validate and write a stage's warnings; ``file`` fills in the details file where unset."""
    located = [w if w.file or file is None else w.located(file=str(file)) for w in warnings]
    return write_validated_csv(path, warnings_frame(located), warnings_schema)


def read_warnings(path: str | os.PathLike) -> pd.DataFrame:
    """A warnings file written by :func:`write_warnings`."""
    return read_csv(path)
