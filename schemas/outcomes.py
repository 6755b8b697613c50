"""Schema of results/dataset/outcomes.csv: long-form outcomes for meta-analysis.

One row per study, outcome, time point and source table row. The outcomes, their time
points, units and plausible ranges are the codebook's outcome fields (``outcome:`` in a
field's declaration): a mean-sd field gives a ``mean`` with its SD, a percent field a
``percent`` of ``n`` patients, a number a ``value``, an integer a ``count``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pandas as pd
import pandera.pandas as pa

if TYPE_CHECKING:
    from litcurate.harmonise.codebook import Codebook, Field

MEASURES = {"mean-sd": "mean", "percent": "percent", "number": "value", "integer": "count"}

COLUMNS = [
    "study_id",
    "outcome",
    "time_point",
    "followup_weeks",
    "measure",
    "value",
    "sd",
    "n",
    "unit",
    "responder_definition",
    "review_id",
    "table_id",
    "row",
    "page",
    "raw",
]
# Data dictionary of outcomes.csv: (type, unit, meaning), as in results/dataset/dictionary.csv.
COLUMN_DOCS: dict[str, tuple[str, str, str]] = {
    "study_id": ("string", "", "Study, as in studies.csv"),
    "outcome": ("string", "", "Outcome, as the codebook names it"),
    "time_point": ("string", "", "Time point, as the codebook names it"),
    "followup_weeks": ("number", "weeks", "Follow-up length where the table gives it (follow-up rows only)"),
    "measure": ("string", "", "mean (with sd), percent (of n), value or count"),
    "value": ("number", "the outcome's unit", "The mean, percentage, value or count"),
    "sd": ("number", "the outcome's unit", "Standard deviation of a mean"),
    "n": ("integer", "patients", "Patients analysed, or randomised where the number analysed is not given"),
    "unit": ("string", "", "Unit of the value, as the codebook declares it"),
    "responder_definition": ("string", "", "Responder definition as printed (percent rows, when the codebook has one)"),
    "review_id": ("string", "", "Review whose trial table gave the value"),
    "table_id": ("string", "", "Table of that review"),
    "row": ("integer", "", "Row of that table"),
    "page": ("integer", "", "Page of the review PDF"),
    "raw": ("string", "", "Cell text the value was parsed from (before any unit conversion or rescaling)"),
}
KEY = ["study_id", "outcome", "time_point", "review_id", "table_id", "row"]
FOLLOWUP = "followup"


def measure(field: Field) -> str:
    """The measure an outcome field gives."""
    return MEASURES[field.type]


def _per_outcome(frame: pd.DataFrame, fields: list[Field], test) -> pd.Series:
    ok = pd.Series(False, index=frame.index)
    for field in fields:
        rows = (frame["outcome"] == field.outcome["name"]) & (frame["time_point"] == field.outcome["time_point"])
        ok |= rows & test(frame, field)
    return ok


def _in_range(frame: pd.DataFrame, field: Field) -> pd.Series:
    low, high = field.range or (None, None)
    value = frame["value"]
    return value.ge(low if low is not None else -math.inf) & value.le(high if high is not None else math.inf)


def _span(field: Field) -> str:
    low, high = field.range or (None, None)
    return f"{'' if low is None else f'{low:g}'}-{'' if high is None else f'{high:g}'}"


def outcomes_schema(codebook: Codebook) -> pa.DataFrameSchema:
    """The schema of outcomes.csv under ``codebook``."""
    fields = codebook.outcomes
    names = sorted({f.outcome["name"] for f in fields})
    time_points = sorted({f.outcome["time_point"] for f in fields})

    def value_in_range(frame: pd.DataFrame) -> pd.Series:
        return _per_outcome(frame, fields, _in_range)

    def unit_fits(frame: pd.DataFrame) -> pd.Series:
        return _per_outcome(
            frame, fields, lambda f, field: (f["unit"] == field.unit) & (f["measure"] == measure(field))
        )

    def sd_only_for_means(frame: pd.DataFrame) -> pd.Series:
        return (frame["measure"] == "mean") | frame["sd"].isna()

    def weeks_only_at_followup(frame: pd.DataFrame) -> pd.Series:
        return (frame["time_point"] == FOLLOWUP) | frame["followup_weeks"].isna()

    ranges = "; ".join(f"{f.outcome['name']} {f.outcome['time_point']}: {_span(f)}" for f in fields)
    return pa.DataFrameSchema(
        {
            "study_id": pa.Column(str),
            "outcome": pa.Column(str, pa.Check.isin(names)),
            "time_point": pa.Column(str, pa.Check.isin(time_points)),
            "followup_weeks": pa.Column(float, pa.Check.ge(0), nullable=True),
            "measure": pa.Column(str, pa.Check.isin(sorted(set(MEASURES.values())))),
            "value": pa.Column(float),
            "sd": pa.Column(float, pa.Check.ge(0), nullable=True),
            "n": pa.Column("Int64", pa.Check.ge(1), nullable=True),
            "unit": pa.Column(str, nullable=True),
            "responder_definition": pa.Column(str, nullable=True),
            "review_id": pa.Column(str),
            "table_id": pa.Column(str),
            "row": pa.Column("Int64", pa.Check.ge(1)),
            "page": pa.Column("Int64", pa.Check.ge(1), nullable=True),
            "raw": pa.Column(str, nullable=True),
        },
        # a check is named after its function unless told otherwise
        checks=[
            pa.Check(value_in_range, error=f"each value lies in its outcome's range ({ranges})"),
            pa.Check(unit_fits, name="unit_fits_measure", error="unit and measure are the outcome field's"),
            pa.Check(sd_only_for_means, error="only a mean has an SD"),
            pa.Check(weeks_only_at_followup, error="followup_weeks is set on follow-up rows only"),
        ],
        unique=KEY,
        name="outcomes",
        strict=True,
        ordered=True,
        coerce=True,
    )
