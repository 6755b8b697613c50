"""Schema of results/prisma/prisma2020.csv: the flow counts in the PRISMA2020 R package's template.

The template (Haddaway et al. 2022, ``inst/extdata/PRISMA.csv``) has one row per box or
line of the diagram. ``data`` names the count (``NA`` on title boxes); ``n`` is a whole
number, or for the breakdown rows "label, n; label, n" text.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

COLUMNS = ["data", "node", "box", "description", "boxtext", "tooltips", "url", "n"]

# Rows whose ``n`` is "label, n; label, n" (the R package splits on ';' then on the first ',').
BREAKDOWN_ROWS = ["database_specific_results", "register_specific_results", "dbr_excluded", "other_excluded"]
COUNT_ROWS = [
    "previous_studies",
    "previous_reports",
    "database_results",
    "register_results",
    "website_results",
    "organisation_results",
    "citations_results",
    "duplicates",
    "excluded_automatic",
    "excluded_other",
    "records_screened",
    "records_excluded",
    "dbr_sought_reports",
    "dbr_notretrieved_reports",
    "other_sought_reports",
    "other_notretrieved_reports",
    "dbr_assessed",
    "other_assessed",
    "new_studies",
    "new_reports",
    "total_studies",
    "total_reports",
]
# Title boxes and the three blue side bars: no count, ``n`` is 0 in the template.
LABEL_ROWS = ["identification", "screening", "included"]
DATA_NAMES = COUNT_ROWS + BREAKDOWN_ROWS + LABEL_ROWS + ["NA"]

_BREAKDOWN = r"^(0|[^,;]+, \d+(; [^,;]+, \d+)*)$"


def _n_matches_row(frame: pd.DataFrame) -> pd.Series:
    breakdown = frame["data"].isin(BREAKDOWN_ROWS)
    ok_breakdown = frame["n"].str.fullmatch(_BREAKDOWN)
    ok_count = frame["n"].str.fullmatch(r"\d+")
    return (breakdown & ok_breakdown) | (~breakdown & ok_count)


def _data_unique(frame: pd.DataFrame) -> pd.Series:
    named = frame["data"] != "NA"
    return ~(named & frame["data"].duplicated(keep=False))


def prisma2020_schema() -> pa.DataFrameSchema:
    """The schema of prisma2020.csv (built by a function, so mutation testing reaches its checks)."""
    return pa.DataFrameSchema(
        {
            "data": pa.Column(str, pa.Check.isin(DATA_NAMES)),
            "node": pa.Column(str, pa.Check.str_matches(r"^(node\d+|NA)$")),
            "box": pa.Column(str, pa.Check.str_length(min_value=1)),
            "description": pa.Column(str, pa.Check.str_length(min_value=1)),
            "boxtext": pa.Column(str, pa.Check.str_length(min_value=1)),
            "tooltips": pa.Column(str, pa.Check.str_length(min_value=1)),
            "url": pa.Column(str, pa.Check.str_length(min_value=1)),
            "n": pa.Column(str),
        },
        checks=[
            pa.Check(
                _n_matches_row,
                name="n_format",
                error="n must be a whole number, or 'label, n; label, n' on breakdown rows",
            ),
            pa.Check(_data_unique, name="data_unique", error="each named count appears once"),
        ],
        name="PRISMA 2020 template CSV",
        strict=True,
        ordered=True,
        coerce=True,
    )


prisma2020_csv = prisma2020_schema()
