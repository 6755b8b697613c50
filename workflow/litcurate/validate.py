"""Validate a table against its pandera schema before it is written.

All failures are collected (lazy validation) and reported together, naming the
file, the row, the column, the check broken and the offending value.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from litcurate.errors import TableInvalid
from litcurate.io import write_csv

__all__ = ["TableInvalid", "validate", "write_validated_csv"]


def _failures(exc: SchemaErrors) -> list[dict]:
    cases = exc.failure_cases
    out = []
    for rec in cases.to_dict("records"):
        index = rec.get("index")
        # Data rows are reported 1-based as a spreadsheet user counts them (header = row 0).
        row = "-" if index is None or pd.isna(index) else int(index) + 1
        out.append(
            {
                "row": row,
                "column": rec.get("column") if rec.get("column") is not None else "-",
                "check": rec.get("check"),
                "value": rec.get("failure_case"),
            }
        )
    return out


def validate(
    frame: pd.DataFrame, schema: pa.DataFrameSchema, path: str | os.PathLike, lines: Sequence[int] | None = None
) -> pd.DataFrame:
    """Return the validated (coerced) frame or raise :class:`TableInvalid`. ``lines``: the
    physical line of each row, for a file a person edits; failures then name lines."""
    try:
        return schema.validate(frame.reset_index(drop=True), lazy=True)
    except SchemaErrors as exc:
        failures = _failures(exc)
        if lines is None:
            raise TableInvalid(str(path), schema.name or "unnamed", failures) from None
        for failure in failures:
            if failure["row"] != "-":
                failure["row"] = lines[failure["row"] - 1]
        raise TableInvalid(str(path), schema.name or "unnamed", failures, unit="line") from None


def write_validated_csv(path: str | os.PathLike, frame: pd.DataFrame, schema: pa.DataFrameSchema) -> pd.DataFrame:
    """Validate ``frame`` and only then write it atomically; nothing is written on failure."""
    checked = validate(frame, schema, path)
    write_csv(path, checked)
    return checked
