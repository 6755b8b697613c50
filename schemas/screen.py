"""Screening: the reviewer's decision files and the screening tables the workflow writes."""

import pandera.pandas as pa

STAGES = ["title_abstract", "full_text"]
DECISIONS = ["include", "exclude", "not_retrieved"]

decisions = pa.DataFrameSchema(
    {
        "id": pa.Column(str, pa.Check.str_length(min_value=1)),
        "stage": pa.Column(str, pa.Check.isin(STAGES)),
        "decision": pa.Column(str, pa.Check.isin(DECISIONS)),
        "reason": pa.Column(str, nullable=True),
        "reviewer": pa.Column(str, pa.Check.str_length(min_value=1)),
        "date": pa.Column(str, pa.Check.str_matches(r"^\d{4}-\d{2}-\d{2}$")),
    },
    checks=[
        pa.Check(
            lambda df: (df["decision"] != "exclude") | df["reason"].fillna("").str.strip().ne(""),
            error="an exclusion needs a reason",
        ),
        pa.Check(
            lambda df: (df["stage"] != "title_abstract") | (df["decision"] != "not_retrieved"),
            error="not_retrieved is a full_text decision",
        ),
    ],
    unique=["id", "stage"],
    name="screening decisions",
    strict=True,
    coerce=True,
)

_decided = {
    "decision": pa.Column(str, pa.Check.isin(DECISIONS + ["undecided"])),
    "reason": pa.Column(str, nullable=True),
    "reviewer": pa.Column(str, nullable=True),
    "date": pa.Column(str, nullable=True),
}

screened_records = pa.DataFrameSchema(
    {
        "record_id": pa.Column(str, unique=True),
        "database": pa.Column(str),
        "publication_id": pa.Column(str),
        **_decided,
    },
    name="screened records",
    strict=True,
    coerce=True,
)

screened_reports = pa.DataFrameSchema(
    {
        "publication_id": pa.Column(str, unique=True),
        "study_id": pa.Column(str),
        "route": pa.Column(str, pa.Check.isin(["databases", "other_methods"])),
        **_decided,
    },
    name="screened reports",
    strict=True,
    coerce=True,
)

undecided = pa.DataFrameSchema(
    {
        "stage": pa.Column(str, pa.Check.isin(STAGES)),
        "id": pa.Column(str),
        "description": pa.Column(str, nullable=True),
    },
    name="undecided",
    strict=True,
    coerce=True,
)

suggestions = pa.DataFrameSchema(
    {
        "record_id": pa.Column(str, unique=True),
        "suggestion": pa.Column(str, pa.Check.isin(["exclude"])),
        "reason": pa.Column(str),
        "rule": pa.Column(str),
        "recorded_decision": pa.Column(str, pa.Check.isin(DECISIONS + ["undecided"])),
        "agrees": pa.Column(str, pa.Check.isin(["yes", "no"]), nullable=True),
    },
    name="screening suggestions",
    strict=True,
    coerce=True,
)
