"""Schema of results/qc/warnings.csv: every non-fatal warning of a run in one table."""

from __future__ import annotations

import pandera.pandas as pa

STAGES = ["import", "extract", "references", "harmonise", "link", "screen"]
COLUMNS = ["stage", "file", "review_id", "table_id", "row", "column", "value", "message"]

warnings_schema = pa.DataFrameSchema(
    {
        "stage": pa.Column(str, pa.Check.isin(STAGES)),
        "file": pa.Column(str, pa.Check.str_length(min_value=1)),
        "review_id": pa.Column(str, nullable=True),
        "table_id": pa.Column(str, nullable=True),
        # 0 is the table's header row (a column-level warning), as in harmonise_warnings.csv;
        # for the import stage, the physical 1-based line of the export file.
        "row": pa.Column("Int64", pa.Check.ge(0), nullable=True),
        "column": pa.Column(str, nullable=True),
        "value": pa.Column(str, nullable=True),
        "message": pa.Column(str, pa.Check.str_length(min_value=1)),
    },
    name="QC warnings",
    strict=True,
    ordered=True,
    coerce=True,
)
