"""Long-form outcomes for meta-analysis, one row per study, outcome, time point and source.

Unlike ``studies.csv``, which leaves a field empty where reviews disagree, every source
table row keeps its own values here with its provenance, so an analyst can pick a source
or compare them. Read from the harmonised table rows (``results/extract/*/studies.csv``
joined with ``study_id``):

- each of the codebook's outcome fields (``outcome: {name, time_point}``): a mean with its SD,
  a percentage of ``n`` (with the responder definition where the codebook has one), a value
  or a count, in the field's unit; ``followup_weeks`` is the follow-up length where the table
  gives it, on follow-up rows.

``n`` is the number analysed, or the number randomised where the table gives only that.
``raw`` is the cell text the value was parsed from (before any unit conversion or rescaling).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from litcurate.schemas.outcomes import COLUMNS, FOLLOWUP, measure

if TYPE_CHECKING:
    from litcurate.harmonise.codebook import Codebook, Field

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


def _one_outcome(rows: pd.DataFrame, field: Field, codebook: Codebook) -> pd.DataFrame:
    value = _number(rows, field.name)
    present = rows[value.notna()]
    kind = measure(field)
    at_followup = field.outcome["time_point"] == FOLLOWUP
    with_definition = kind == "percent" and codebook.has("responder_definition")
    return pd.DataFrame(
        {
            "study_id": present["study_id"],
            "outcome": field.outcome["name"],
            "time_point": field.outcome["time_point"],
            "followup_weeks": _number(present, "followup_weeks") if at_followup else float("nan"),
            "measure": kind,
            "value": value[value.notna()],
            "sd": _number(present, codebook.sd_of(field.name)),
            "n": patients(present),
            "unit": field.unit,
            "responder_definition": _text(present, "responder_definition") if with_definition else pd.NA,
            "review_id": present["review_id"],
            "table_id": present["table_id"],
            "row": pd.to_numeric(present["row"]).astype("Int64"),
            "page": pd.to_numeric(_text(present, "page")).astype("Int64"),
            "raw": _text(present, f"{field.name}_raw"),
        },
        columns=COLUMNS,
    )


def build_outcomes(rows: pd.DataFrame, included_study_ids: set[str], codebook: Codebook) -> pd.DataFrame:
    """``rows``: harmonised table rows with ``study_id`` (as ``report.step.table_rows`` builds them)."""
    included = rows[rows["study_id"].isin(included_study_ids)]
    parts = [_one_outcome(included, field, codebook) for field in codebook.outcomes]
    non_empty = [p for p in parts if len(p)]
    if not non_empty:
        return pd.DataFrame(columns=COLUMNS)
    frame = pd.concat(non_empty, ignore_index=True)
    return frame.sort_values(SORT_KEY, kind="stable").reset_index(drop=True)
