"""Long-form outcomes for meta-analysis, one row per study, outcome, time point and source.

Unlike ``studies.csv``, which leaves a field empty where reviews disagree, every source
table row keeps its own values here with its provenance, so an analyst can pick a source
or compare them. Read from the harmonised table rows (``results/extract/*/studies.csv``
joined with ``study_id``):

- pain intensity at baseline and at the end of treatment: mean and SD on a 0-10 scale;
- responders right after treatment (time point ``end_of_treatment``) and at follow-up:
  percent of ``n``, with the responder definition as printed; ``followup_weeks`` is the
  follow-up length where the table gives it.

``n`` is the number analysed, or the number randomised where the table gives only that.
``raw`` is the cell text the value was parsed from (before any 0-100 -> 0-10 rescaling).
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from litcurate.schemas.outcomes import COLUMNS, MEASURES


class Outcome(NamedTuple):
    outcome: str
    time_point: str
    measure: str
    value_field: str
    sd_field: str | None


OUTCOME_FIELDS = [
    Outcome("pain_intensity", "baseline", "mean", "baseline_pain_mean", "baseline_pain_sd"),
    Outcome("pain_intensity", "end_of_treatment", "mean", "end_pain_mean", "end_pain_sd"),
    Outcome("responders", "end_of_treatment", "percent", "responders_pct_immediate", None),
    Outcome("responders", "followup", "percent", "responders_pct_followup", None),
]
SORT_KEY = ["study_id", "outcome", "time_point", "review_id", "table_id", "row"]


def _number(rows: pd.DataFrame, field: str | None) -> pd.Series:
    """Numbers from a frame typed or read back as text; an absent field is all missing."""
    if field is None or field not in rows.columns:
        return pd.Series(float("nan"), index=rows.index, dtype="float64")
    return pd.to_numeric(rows[field], errors="coerce").astype("float64")


def _text(rows: pd.DataFrame, field: str) -> pd.Series:
    return rows[field] if field in rows.columns else pd.Series(pd.NA, index=rows.index, dtype="object")


def patients(rows: pd.DataFrame) -> pd.Series:
    """Patients analysed, or randomised where the number analysed is not given."""
    return _number(rows, "n_analysed").fillna(_number(rows, "n_randomised")).round().astype("Int64")


def _one_outcome(rows: pd.DataFrame, spec: Outcome) -> pd.DataFrame:
    value = _number(rows, spec.value_field)
    present = rows[value.notna()]
    is_responders = spec.measure == "percent"
    at_followup = spec.time_point == "followup"
    return pd.DataFrame(
        {
            "study_id": present["study_id"],
            "outcome": spec.outcome,
            "time_point": spec.time_point,
            "followup_weeks": _number(present, "followup_weeks") if at_followup else float("nan"),
            "measure": spec.measure,
            "value": value[value.notna()],
            "sd": _number(present, spec.sd_field),
            "n": patients(present),
            "unit": MEASURES[spec.measure],
            "responder_definition": _text(present, "responder_definition") if is_responders else pd.NA,
            "review_id": present["review_id"],
            "table_id": present["table_id"],
            "row": pd.to_numeric(present["row"]).astype("Int64"),
            "page": pd.to_numeric(_text(present, "page")).astype("Int64"),
            "raw": _text(present, f"{spec.value_field}_raw"),
        },
        columns=COLUMNS,
    )


def build_outcomes(rows: pd.DataFrame, included_study_ids: set[str]) -> pd.DataFrame:
    """``rows``: harmonised table rows with ``study_id`` (as ``report.step.table_rows`` builds them)."""
    included = rows[rows["study_id"].isin(included_study_ids)]
    parts = [_one_outcome(included, spec) for spec in OUTCOME_FIELDS]
    non_empty = [p for p in parts if len(p)]
    if not non_empty:
        return pd.DataFrame(columns=COLUMNS)
    frame = pd.concat(non_empty, ignore_index=True)
    return frame.sort_values(SORT_KEY, kind="stable").reset_index(drop=True)
