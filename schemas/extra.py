"""Printed cells no codebook field claims, in long form: nothing a review prints is dropped.

``results/extract/{review}/extra.csv`` (per review, from the harmonise step) and
``results/dataset/extra.csv`` (every review, with the study each row belongs to).
"""

from __future__ import annotations

import pandera.pandas as pa

EXTRA_COLUMNS = ["review_id", "table_id", "row", "page", "header", "value"]
DATASET_EXTRA_COLUMNS = ["study_id", *EXTRA_COLUMNS]

_COLUMNS = {
    "review_id": pa.Column(str),
    "table_id": pa.Column(str),
    "row": pa.Column("Int64", pa.Check.ge(1)),
    "page": pa.Column("Int64", pa.Check.ge(1), nullable=True),
    "header": pa.Column(str),
    "value": pa.Column(str, pa.Check.str_length(min_value=1)),
}

review_extra = pa.DataFrameSchema(
    _COLUMNS,
    unique=["review_id", "table_id", "row", "header"],
    name="unclaimed cells",
    strict=True,
    ordered=True,
    coerce=True,
)

dataset_extra = pa.DataFrameSchema(
    {"study_id": pa.Column(str, nullable=True), **_COLUMNS},
    unique=["review_id", "table_id", "row", "header"],
    name="dataset extra",
    strict=True,
    ordered=True,
    coerce=True,
)
