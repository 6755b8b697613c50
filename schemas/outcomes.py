"""Schema of results/dataset/outcomes.csv: long-form outcomes for meta-analysis.

One row per study, outcome, time point and source table row. Pain intensity is a mean
(with SD) on a 0-10 scale; responders are a percentage of ``n`` patients.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

OUTCOMES = ["pain_intensity", "responders"]
TIME_POINTS = ["baseline", "end_of_treatment", "followup"]
MEASURES = {"mean": "0-10", "percent": "%"}
MEASURE_RANGES = {"mean": (0.0, 10.0), "percent": (0.0, 100.0)}

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
    "outcome": ("string", "", "Outcome: " + ", ".join(OUTCOMES)),
    "time_point": (
        "string",
        "",
        "Time point: " + ", ".join(TIME_POINTS) + " (responders 'right after treatment' are end_of_treatment)",
    ),
    "followup_weeks": ("number", "weeks", "Follow-up length where the table gives it (follow-up rows only)"),
    "measure": ("string", "", "mean (pain on a 0-10 scale, with sd) or percent (responders, of n)"),
    "value": ("number", "0-10 or %", "The mean or the percentage"),
    "sd": ("number", "0-10", "Standard deviation of a mean"),
    "n": ("integer", "patients", "Patients analysed, or randomised where the number analysed is not given"),
    "unit": ("string", "", "0-10 for means, % for percentages"),
    "responder_definition": ("string", "", "Responder definition as printed (responder rows)"),
    "review_id": ("string", "", "Review whose trial table gave the value"),
    "table_id": ("string", "", "Table of that review"),
    "row": ("integer", "", "Row of that table"),
    "page": ("integer", "", "Page of the review PDF"),
    "raw": ("string", "", "Cell text the value was parsed from (before any 0-100 -> 0-10 rescaling)"),
}
KEY = ["study_id", "outcome", "time_point", "review_id", "table_id", "row"]


def _value_in_range(frame: pd.DataFrame) -> pd.Series:
    ok = pd.Series(False, index=frame.index)
    for measure, (low, high) in MEASURE_RANGES.items():
        rows = frame["measure"] == measure
        ok |= rows & frame["value"].between(low, high)
    return ok


def _unit_fits_measure(frame: pd.DataFrame) -> pd.Series:
    return frame["unit"] == frame["measure"].map(MEASURES)


def _sd_only_for_means(frame: pd.DataFrame) -> pd.Series:
    return (frame["measure"] == "mean") | frame["sd"].isna()


def _weeks_only_at_followup(frame: pd.DataFrame) -> pd.Series:
    return (frame["time_point"] == "followup") | frame["followup_weeks"].isna()


outcomes_schema = pa.DataFrameSchema(
    {
        "study_id": pa.Column(str),
        "outcome": pa.Column(str, pa.Check.isin(OUTCOMES)),
        "time_point": pa.Column(str, pa.Check.isin(TIME_POINTS)),
        "followup_weeks": pa.Column(float, pa.Check.ge(0), nullable=True),
        "measure": pa.Column(str, pa.Check.isin(list(MEASURES))),
        "value": pa.Column(float),
        "sd": pa.Column(float, pa.Check.ge(0), nullable=True),
        "n": pa.Column("Int64", pa.Check.ge(1), nullable=True),
        "unit": pa.Column(str),
        "responder_definition": pa.Column(str, nullable=True),
        "review_id": pa.Column(str),
        "table_id": pa.Column(str),
        "row": pa.Column("Int64", pa.Check.ge(1)),
        "page": pa.Column("Int64", pa.Check.ge(1), nullable=True),
        "raw": pa.Column(str, nullable=True),
    },
    checks=[
        pa.Check(_value_in_range, name="value_in_range", error="pain means lie in 0-10, percentages in 0-100"),
        pa.Check(_unit_fits_measure, name="unit_fits_measure", error="unit is 0-10 for means and % for percentages"),
        pa.Check(_sd_only_for_means, name="sd_only_for_means", error="only a mean has an SD"),
        pa.Check(
            _weeks_only_at_followup, name="weeks_only_at_followup", error="followup_weeks is set on follow-up rows only"
        ),
    ],
    unique=KEY,
    name="outcomes",
    strict=True,
    ordered=True,
    coerce=True,
)
