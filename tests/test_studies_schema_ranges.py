"""The studies schema's value ranges, at and just past each boundary (hand-written from the demo codebook).

Pain is on a 0-10 scale after harmonisation (0-100 scores are divided by 10), percentages are
0-100, a year is 1950-2030, counts of patients are whole and at least 1 (men: at least 0).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from litcurate.harmonise.codebook import load_codebook
from litcurate.schemas.studies import output_columns
from litcurate.schemas.studies import studies_schema as studies_schema_of
from litcurate.validate import TableInvalid, validate

# The demo's codebook (config/codebook.yaml) declares these ranges; the schema is generated from it.
DEMO_CODEBOOK = load_codebook(Path(__file__).resolve().parents[1] / "config" / "codebook.yaml")
OUTPUT_COLUMNS = output_columns(DEMO_CODEBOOK)
studies_schema = studies_schema_of(DEMO_CODEBOOK)


def one_row(**values) -> pd.DataFrame:
    row = {column: None for column in OUTPUT_COLUMNS}
    row.update(review_id="r1", table_id="table1", row=1, page=3, label="Sigtermans 2009")
    row.update(values)
    return pd.DataFrame([row], columns=OUTPUT_COLUMNS)


# (field, largest/smallest accepted values, first refused values)
RANGES = [
    ("baseline_pain_mean", [0, 10], [-0.1, 10.1, 50, 100]),
    ("end_pain_mean", [0, 10], [-0.1, 10.1, 50, 100]),
    ("baseline_pain_sd", [0, 3.5], [-0.1]),
    ("end_pain_sd", [0, 3.5], [-0.1]),
    ("responders_pct_immediate", [0, 100], [-1, 100.1]),
    ("responders_pct_followup", [0, 100], [-1, 100.1]),
    ("year", [1950, 2030], [1949, 2031]),
    ("age_mean", [1, 100], [0.9, 100.1]),
    ("n_randomised", [1, 500], [0]),
    ("n_analysed", [1], [0]),
    ("sex_male_n", [0], [-1]),
    ("pain_scale_max", [10, 100], [9, 101]),
    ("hours_per_session", [0, 0.5], [-0.1]),
    ("sessions", [1], [0]),
    ("treatment_days", [0, 0.5], [-0.1]),
    ("followup_weeks", [0], [-1]),
    ("rate_min_mg_kg_h", [0], [-0.01]),
    ("rate_max_mg_kg_h", [0], [-0.01]),
]


@pytest.mark.parametrize("field, accepted, refused", RANGES, ids=[r[0] for r in RANGES])
def test_each_range_accepts_its_bounds_and_refuses_past_them(field, accepted, refused):
    for value in accepted:
        validate(one_row(**{field: value}), studies_schema, "studies.csv")
    for value in refused:
        with pytest.raises(TableInvalid, match=f"row 1, column {field}: check"):
            validate(one_row(**{field: value}), studies_schema, "studies.csv")


@pytest.mark.parametrize(
    "field, good, bad",
    [
        ("design", "RCT crossover", "RCT-ish"),
        ("blinding", "double-blind", "blind"),
        ("condition", "CRPS", "crps"),
        ("route", "IV", "intravenous"),
        ("ketamine_form", "S(+)", "S"),
        ("setting", "outpatient", "home"),
    ],
)
def test_categories_are_closed(field, good, bad):
    validate(one_row(**{field: good}), studies_schema, "studies.csv")
    with pytest.raises(TableInvalid, match=field):
        validate(one_row(**{field: bad}), studies_schema, "studies.csv")


def test_high_dose_flag_must_match_the_total_dose():
    # 400 mg for a 70-kg patient is the line: 400 is high, 399.9 is not.
    validate(one_row(total_dose_mg_70kg=400.0, high_dose=True), studies_schema, "studies.csv")
    validate(one_row(total_dose_mg_70kg=399.9, high_dose=False), studies_schema, "studies.csv")
    for total, flag in ((400.0, False), (399.9, True), (None, True), (120.0, None)):
        with pytest.raises(TableInvalid, match="high_dose"):
            validate(one_row(total_dose_mg_70kg=total, high_dose=flag), studies_schema, "studies.csv")


def test_rate_range_must_be_ordered():
    validate(one_row(rate_min_mg_kg_h=0.1, rate_max_mg_kg_h=0.1), studies_schema, "studies.csv")
    with pytest.raises(TableInvalid, match="rate_min_mg_kg_h <= rate_max_mg_kg_h broken"):
        validate(one_row(rate_min_mg_kg_h=0.3, rate_max_mg_kg_h=0.2), studies_schema, "studies.csv")


def test_a_missing_or_extra_column_is_refused():
    with pytest.raises(TableInvalid):
        validate(one_row().drop(columns=["end_pain_mean"]), studies_schema, "studies.csv")
    with pytest.raises(TableInvalid):
        validate(one_row().assign(extra="x"), studies_schema, "studies.csv")


@pytest.mark.parametrize(
    "total, flag, good",
    [
        ("400", " TRUE ", True),  # as read back from the CSV: text, any case, spaces around
        ("399.9", "false", True),
        ("400", "1", True),
        ("400", "False", False),
        ("100", "yes", False),  # not a flag: read as missing, but the dose is known
    ],
)
def test_the_high_dose_flag_read_back_as_text(total, flag, good):
    frame = one_row(total_dose_mg_70kg=total, high_dose=flag).astype({"high_dose": object})
    if good:
        validate(frame, studies_schema, "studies.csv")
    else:
        with pytest.raises(TableInvalid, match="high_dose"):
            validate(frame, studies_schema, "studies.csv")
