"""The reviews sheet (config/reviews.tsv): one row per review PDF to process."""

import pandera.pandas as pa

REQUIRED_COLUMNS = ["review_id", "pdf"]

reviews_sheet = pa.DataFrameSchema(
    {
        "review_id": pa.Column(
            str,
            pa.Check.str_matches(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", error="review_id: letters, digits, _ . - only"),
            unique=True,
        ),
        "pdf": pa.Column(str, pa.Check.str_length(min_value=1)),
    },
    name="reviews sheet",
    strict=False,  # optional hint columns (pages, caption, ...) are allowed
)
