"""Schema of results/extract/{review}/studies.csv: one row per review-table row, canonical fields.

Every canonical field is followed by ``<field>_raw`` (the printed text it was parsed
from, or for derived values the computation) and, where a unit was converted,
``<field>_unit`` (the unit as printed).
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

DESIGNS = [
    "RCT parallel",
    "RCT crossover",
    "RCT",
    "open-label",
    "prospective observational",
    "observational",
    "retrospective",
    "case series",
    "case report",
]
BLINDINGS = ["double-blind", "single-blind", "triple-blind", "open-label"]
CONDITIONS = [
    "CRPS",
    "PHN",
    "SCI",
    "phantom limb",
    "fibromyalgia",
    "cancer",
    "mixed neuropathic",
    "headache",
    "ischemic limb",
    "sickle cell",
    "other",
]
KETAMINE_FORMS = ["racemic", "S(+)", "unknown"]
ROUTES = ["IV", "SC", "intranasal", "oral"]
SETTINGS = ["inpatient", "outpatient", "ICU"]
PAIN_SCALE_MAXIMA = [10, 100]
HIGH_DOSE_MG = 400.0

SOURCE_COLUMNS = ["review_id", "table_id", "row", "page", "ref_no", "ref_no_resolved", "label"]

# Canonical fields in output order, with their dtype.
FIELDS: dict[str, str] = {
    "first_author": "str",
    "year": "Int64",
    "design": "str",
    "blinding": "str",
    "comparator": "str",
    "condition": "str",
    "n_randomised": "Int64",
    "n_analysed": "Int64",
    "age_mean": "float64",
    "sex_male_n": "Int64",
    "ketamine_form": "str",
    "route": "str",
    "setting": "str",
    "rate_min_mg_kg_h": "float64",
    "rate_max_mg_kg_h": "float64",
    "hours_per_session": "float64",
    "sessions": "Int64",
    "treatment_days": "float64",
    "total_dose_mg_70kg": "float64",
    "high_dose": "boolean",
    "comedication": "str",
    "pain_scale": "str",
    "pain_scale_max": "Int64",
    "baseline_pain_mean": "float64",
    "baseline_pain_sd": "float64",
    "end_pain_mean": "float64",
    "end_pain_sd": "float64",
    "responder_definition": "str",
    "responders_pct_immediate": "float64",
    "responders_pct_followup": "float64",
    "followup_weeks": "float64",
    "adverse_effects": "str",
}
# Data dictionary of the canonical fields: (type, unit, meaning).
FIELD_DOCS: dict[str, tuple[str, str, str]] = {
    "first_author": ("string", "", "First author's surname as the review labels the study"),
    "year": ("integer", "year", "Publication year as the review prints it"),
    "design": ("string", "", "Design: " + ", ".join(DESIGNS)),
    "blinding": ("string", "", "Blinding: " + ", ".join(BLINDINGS)),
    "comparator": ("string", "", "Comparator (placebo, active placebo, none ...)"),
    "condition": ("string", "", "Pain condition: " + ", ".join(CONDITIONS)),
    "n_randomised": ("integer", "patients", "Patients randomised or enrolled"),
    "n_analysed": ("integer", "patients", "Patients analysed"),
    "age_mean": ("number", "years", "Mean age"),
    "sex_male_n": ("integer", "patients", "Number of men"),
    "ketamine_form": ("string", "", "Ketamine form: " + ", ".join(KETAMINE_FORMS)),
    "route": ("string", "", "Route of ketamine: " + ", ".join(ROUTES)),
    "setting": ("string", "", "Setting: " + ", ".join(SETTINGS)),
    "rate_min_mg_kg_h": ("number", "mg/kg/h", "Lowest infusion rate, normalised to a 70-kg patient"),
    "rate_max_mg_kg_h": ("number", "mg/kg/h", "Highest infusion rate, normalised to a 70-kg patient"),
    "hours_per_session": ("number", "h", "Infusion hours per session"),
    "sessions": ("integer", "sessions", "Number of infusion sessions"),
    "treatment_days": ("number", "days", "Days of treatment"),
    "total_dose_mg_70kg": (
        "number",
        "mg",
        "Total ketamine dose for a 70-kg patient = rate x hours x sessions (upper bound when titrated)",
    ),
    "high_dose": ("boolean", "", f"Cumulative dose >= {HIGH_DOSE_MG:g} mg for a 70-kg patient"),
    "comedication": ("string", "", "Co-medication ('; '-joined: midazolam, clonidine ...)"),
    "pain_scale": ("string", "", "Pain scale (NRS, VAS, ...)"),
    "pain_scale_max": ("integer", "points", "Top of the pain scale as printed (10 or 100)"),
    "baseline_pain_mean": ("number", "0-10", "Mean baseline pain on a 0-10 scale (0-100 scores divided by 10)"),
    "baseline_pain_sd": ("number", "0-10", "SD of baseline pain on a 0-10 scale"),
    "end_pain_mean": ("number", "0-10", "Mean pain at the end of treatment on a 0-10 scale"),
    "end_pain_sd": ("number", "0-10", "SD of end-of-treatment pain on a 0-10 scale"),
    "responder_definition": ("string", "", "Responder definition as printed"),
    "responders_pct_immediate": ("number", "%", "Responders right after treatment"),
    "responders_pct_followup": ("number", "%", "Responders at follow-up"),
    "followup_weeks": ("number", "weeks", "Length of follow-up"),
    "adverse_effects": ("string", "", "Adverse effects as printed"),
}
CANONICAL_FIELDS: list[str] = list(FIELDS)

UNIT_FIELDS = [
    "rate_min_mg_kg_h",
    "rate_max_mg_kg_h",
    "hours_per_session",
    "baseline_pain_mean",
    "end_pain_mean",
    "followup_weeks",
]


def _output_columns() -> list[str]:
    cols = list(SOURCE_COLUMNS)
    for name in FIELDS:
        cols += [name, f"{name}_raw"]
        if name in UNIT_FIELDS:
            cols.append(f"{name}_unit")
    return cols + ["unmapped_raw"]


OUTPUT_COLUMNS: list[str] = _output_columns()


def _high_dose_consistent(frame: pd.DataFrame) -> pd.Series:
    total = pd.to_numeric(frame["total_dose_mg_70kg"], errors="coerce")
    flag = frame["high_dose"].astype("boolean")
    expected = (total >= HIGH_DOSE_MG).astype("boolean")
    both_missing = total.isna() & flag.isna()
    return (both_missing | (total.notna() & flag.notna() & (flag == expected))).fillna(False).astype(bool)


def _rate_range_ordered(frame: pd.DataFrame) -> pd.Series:
    lo, hi = frame["rate_min_mg_kg_h"], frame["rate_max_mg_kg_h"]
    return (lo.isna() | hi.isna() | (lo <= hi)).astype(bool)


_BOOL_TEXT = {"true": True, "false": False, "1": True, "0": False}


def _bool_from_text(series: pd.Series) -> pd.Series:
    """CSV read back as text spells the flag 'True'/'False'; pandas will not coerce that."""
    if series.dtype == "boolean":
        return series
    return series.map(lambda v: _BOOL_TEXT.get(str(v).strip().lower()) if isinstance(v, str) else v).astype("boolean")


def _text(**kw) -> pa.Column:
    return pa.Column(str, nullable=True, coerce=True, **kw)


def _num(dtype: str, *checks: pa.Check) -> pa.Column:
    return pa.Column(dtype, list(checks), nullable=True, coerce=True)


_CHECKS: dict[str, list[pa.Check]] = {
    "year": [pa.Check.in_range(1950, 2030)],
    "design": [pa.Check.isin(DESIGNS)],
    "blinding": [pa.Check.isin(BLINDINGS)],
    "condition": [pa.Check.isin(CONDITIONS)],
    "n_randomised": [pa.Check.ge(1)],
    "n_analysed": [pa.Check.ge(1)],
    "age_mean": [pa.Check.in_range(0, 110)],
    "sex_male_n": [pa.Check.ge(0)],
    "ketamine_form": [pa.Check.isin(KETAMINE_FORMS)],
    "route": [pa.Check.isin(ROUTES)],
    "setting": [pa.Check.isin(SETTINGS)],
    "rate_min_mg_kg_h": [pa.Check.ge(0)],
    "rate_max_mg_kg_h": [pa.Check.ge(0)],
    "hours_per_session": [pa.Check.gt(0)],
    "sessions": [pa.Check.ge(1)],
    "treatment_days": [pa.Check.gt(0)],
    "total_dose_mg_70kg": [pa.Check.ge(0)],
    "pain_scale_max": [pa.Check.isin(PAIN_SCALE_MAXIMA)],
    "baseline_pain_mean": [pa.Check.in_range(0, 10)],
    "end_pain_mean": [pa.Check.in_range(0, 10)],
    "baseline_pain_sd": [pa.Check.ge(0)],
    "end_pain_sd": [pa.Check.ge(0)],
    "responders_pct_immediate": [pa.Check.in_range(0, 100)],
    "responders_pct_followup": [pa.Check.in_range(0, 100)],
    "followup_weeks": [pa.Check.ge(0)],
}


def _columns() -> dict[str, pa.Column]:
    cols: dict[str, pa.Column] = {
        "review_id": pa.Column(str, nullable=False, coerce=True),
        "table_id": pa.Column(str, nullable=False, coerce=True),
        "row": pa.Column("Int64", pa.Check.ge(1), nullable=False, coerce=True),
        "page": pa.Column("Int64", pa.Check.ge(1), nullable=True, coerce=True),
        "ref_no": _text(),
        "ref_no_resolved": _text(),
        "label": _text(),
    }
    for name, dtype in FIELDS.items():
        checks = _CHECKS.get(name, [])
        if dtype == "boolean":
            cols[name] = pa.Column("boolean", nullable=True, coerce=True, parsers=pa.Parser(_bool_from_text))
        else:
            cols[name] = _text(checks=checks) if dtype == "str" else _num(dtype, *checks)
        cols[f"{name}_raw"] = _text()
        if name in UNIT_FIELDS:
            cols[f"{name}_unit"] = _text()
    cols["unmapped_raw"] = _text()
    return cols


studies_schema = pa.DataFrameSchema(
    _columns(),
    checks=[
        pa.Check(
            _high_dose_consistent,
            name="high_dose_matches_total_dose",
            error=f"high_dose must equal total_dose_mg_70kg >= {HIGH_DOSE_MG:g}, both empty otherwise",
        ),
        pa.Check(_rate_range_ordered, name="rate_min_le_rate_max", error="rate_min_mg_kg_h > rate_max_mg_kg_h"),
    ],
    name="studies",
    strict=True,
    ordered=True,
)
