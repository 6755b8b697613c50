"""Schema of results/extract/{review}/studies.csv: one row per review-table row, the codebook's fields.

Generated from the project's codebook (:mod:`litcurate.harmonise.codebook`): every field is
followed by ``<field>_raw`` (the printed text it was parsed from, or for derived values the
computation) and, where the codebook keeps it, ``<field>_unit`` (the unit as printed). A
field's checks come from its declaration: allowed values, plausible range, a flag's rule, and
the codebook's checks between two fields.
"""

from __future__ import annotations

import operator
from typing import TYPE_CHECKING

import pandas as pd
import pandera.pandas as pa

if TYPE_CHECKING:
    from litcurate.harmonise.codebook import Codebook, Field

SOURCE_COLUMNS = ["review_id", "table_id", "row", "page", "ref_no", "ref_no_resolved", "label"]
OPERATORS = {"<=": operator.le, "<": operator.lt, ">=": operator.ge, ">": operator.gt, "==": operator.eq}


def output_columns(codebook: Codebook) -> list[str]:
    """Columns of a review's studies.csv: provenance, each field with its raw (and unit), unmapped cells."""
    cols = list(SOURCE_COLUMNS)
    for field in codebook.columns:
        cols += [field.name, f"{field.name}_raw"]
        if field.unit_column:
            cols.append(f"{field.name}_unit")
    return cols + ["unmapped_raw"]


_BOOL_TEXT = {"true": True, "false": False, "1": True, "0": False}


def _bool_from_text(series: pd.Series) -> pd.Series:
    """CSV read back as text spells the flag 'True'/'False'; pandas will not coerce that (the column
    then coerces what this gives to booleans)."""
    return series.map(lambda v: _BOOL_TEXT.get(str(v).strip().lower()) if isinstance(v, str) else v)


def field_checks(field: Field) -> list[pa.Check]:
    """The column checks a field's declaration implies."""
    checks = []
    if field.values:
        checks.append(pa.Check.isin(list(field.values)))
    if field.range is not None:
        low, high = field.range
        if low is not None and high is not None:
            checks.append(pa.Check.in_range(low, high))
        elif low is not None:
            checks.append(pa.Check.ge(low))
        elif high is not None:
            checks.append(pa.Check.le(high))
    return checks


def field_column(field: Field) -> pa.Column:
    """The pandera column of a field (nullable: a table may not print it)."""
    if field.dtype == "boolean":
        return pa.Column("boolean", nullable=True, coerce=True, parsers=pa.Parser(_bool_from_text))
    return pa.Column(field.dtype, field_checks(field), nullable=True, coerce=True)


def _flag_check(field: Field) -> pa.Check:
    source, op, threshold = field.rule_parts

    def consistent(frame: pd.DataFrame) -> pd.Series:
        value = pd.to_numeric(frame[source], errors="coerce")
        flag = frame[field.name]  # a boolean column: the schema coerced it
        expected = OPERATORS[op](value, threshold)
        both_missing = value.isna() & flag.isna()
        # no NA left: where the flag is NA, 'flag.notna()' is False and False & NA is False
        return (both_missing | (value.notna() & flag.notna() & (flag == expected))).astype(bool)

    return pa.Check(
        consistent,
        name=f"{field.name}_follows_its_rule",
        error=f"{field.name} must equal {field.rule}, both empty otherwise",
    )


def _pair_check(left: str, op: str, right: str) -> pa.Check:
    def holds(frame: pd.DataFrame) -> pd.Series:
        a, b = pd.to_numeric(frame[left], errors="coerce"), pd.to_numeric(frame[right], errors="coerce")
        return (a.isna() | b.isna() | OPERATORS[op](a, b)).astype(bool)

    return pa.Check(holds, name=f"{left}_{op}_{right}", error=f"{left} {op} {right} broken")


def frame_checks(codebook: Codebook) -> list[pa.Check]:
    """Checks across fields written to studies.csv: each flag follows its rule, the codebook's
    pairwise checks hold."""
    names = set(codebook.column_names)
    checks = [_flag_check(f) for f in codebook.columns if f.rule and f.rule_parts[0] in names]
    checks += [_pair_check(a, op, b) for a, op, b in codebook.checks if a in names and b in names]
    return checks


def studies_schema(codebook: Codebook) -> pa.DataFrameSchema:
    """The schema of a review's studies.csv under ``codebook``."""
    text = {"nullable": True, "coerce": True}
    cols: dict[str, pa.Column] = {
        "review_id": pa.Column(str, coerce=True),  # pandera's columns are not nullable unless told
        "table_id": pa.Column(str, coerce=True),
        "row": pa.Column("Int64", pa.Check.ge(1), coerce=True),
        "page": pa.Column("Int64", pa.Check.ge(1), nullable=True, coerce=True),
        "ref_no": pa.Column(str, **text),
        "ref_no_resolved": pa.Column(str, **text),
        "label": pa.Column(str, **text),
    }
    for field in codebook.columns:
        cols[field.name] = field_column(field)
        cols[f"{field.name}_raw"] = pa.Column(str, **text)
        if field.unit_column:
            cols[f"{field.name}_unit"] = pa.Column(str, **text)
    cols["unmapped_raw"] = pa.Column(str, **text)
    return pa.DataFrameSchema(cols, checks=frame_checks(codebook), name="studies", strict=True, ordered=True)
