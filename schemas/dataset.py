"""The harmonised dataset (results/dataset/): studies, conflicts and the data dictionary."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from litcurate.schemas.link import STUDY_ID
from litcurate.schemas.studies import CANONICAL_FIELDS, FIELD_DOCS
from litcurate.schemas.studies import studies_schema as per_review_studies

IDENTITY_DOCS = {
    "study_id": (
        "string",
        "",
        "Stable study identifier: first author's surname and year of the primary report (a, b, ... if two collide)",
    ),
    "first_author": ("string", "", "First author of the primary report"),
    "year": ("integer", "year", "Publication year of the primary report"),
    "title": ("string", "", "Title of the primary report"),
    "journal": ("string", "", "Journal of the primary report"),
    "pmid": ("string", "", "PubMed id of the primary report, when known"),
    "doi": ("string", "", "DOI of the primary report, when known"),
    "publication_ids": ("string", "", "Every report of the study ('; '-joined)"),
    "record_ids": ("string", "", "Every database record of the study ('; '-joined)"),
    "reviews": ("string", "", "Reviews whose trial tables tabulate the study ('; '-joined)"),
    "sources": ("string", "", "Every table row behind the study as review:table:row ('; '-joined)"),
    "n_sources": ("integer", "rows", "Number of table rows behind the study"),
    "conflict_fields": (
        "string",
        "",
        "Canonical fields on which the sources disagree (see conflicts.csv); such cells are left empty",
    ),
}


# first_author and year name the study from its primary report; the rest come from the tables.
DATASET_FIELDS = [f for f in CANONICAL_FIELDS if f not in IDENTITY_DOCS]


def _canonical_columns() -> dict[str, pa.Column]:
    columns = {}
    for name in DATASET_FIELDS:
        column = per_review_studies.columns[name]
        columns[name] = pa.Column(
            column.dtype, checks=column.checks, parsers=column.parsers, nullable=True, coerce=True
        )
    return columns


dataset_studies = pa.DataFrameSchema(
    {
        "study_id": pa.Column(str, pa.Check.str_matches(STUDY_ID), unique=True),
        "first_author": pa.Column(str, nullable=True),
        "year": pa.Column("Int64", pa.Check.in_range(1900, 2100), nullable=True, coerce=True),
        "title": pa.Column(str, nullable=True),
        "journal": pa.Column(str, nullable=True),
        "pmid": pa.Column(str, pa.Check.str_matches(r"^\d+$"), nullable=True),
        "doi": pa.Column(str, pa.Check.str_matches(r"^10\.\S+/\S+$"), nullable=True),
        "publication_ids": pa.Column(str),
        "record_ids": pa.Column(str, nullable=True),
        "reviews": pa.Column(str, nullable=True),
        "sources": pa.Column(str, nullable=True),
        "n_sources": pa.Column(int, pa.Check.ge(0)),
        **_canonical_columns(),
        "conflict_fields": pa.Column(str, nullable=True),
    },
    name="dataset studies",
    strict=True,
    coerce=True,
    ordered=True,
)

conflicts = pa.DataFrameSchema(
    {
        "study_id": pa.Column(str),
        "field": pa.Column(str, pa.Check.isin(DATASET_FIELDS)),
        "review_id": pa.Column(str),
        "table_id": pa.Column(str),
        "row": pa.Column(int, pa.Check.ge(1), coerce=True),
        "page": pa.Column("Int64", pa.Check.ge(1), nullable=True, coerce=True),
        "value": pa.Column(str, coerce=True),
        "raw": pa.Column(str, nullable=True, coerce=True),
    },
    name="dataset conflicts",
    strict=True,
    coerce=True,
)

dictionary_schema = pa.DataFrameSchema(
    {
        "column": pa.Column(str, unique=True),
        "type": pa.Column(str),
        "unit": pa.Column(str, nullable=True),
        "meaning": pa.Column(str, pa.Check.str_length(min_value=1)),
        "source": pa.Column(str),
    },
    name="data dictionary",
    strict=True,
    coerce=True,
)


def dictionary(columns: list[str]) -> pd.DataFrame:
    """One row per dataset column; a column without documentation is an error here, not a gap."""
    rows = []
    for column in columns:
        if column in IDENTITY_DOCS:
            kind, unit, meaning = IDENTITY_DOCS[column]
            source = "link + PubMed record / reference list"
        else:
            kind, unit, meaning = FIELD_DOCS[column]
            source = "review trial tables (harmonised; raw text in results/extract/{review}/studies.csv)"
        rows.append({"column": column, "type": kind, "unit": unit, "meaning": meaning, "source": source})
    return pd.DataFrame(rows, columns=["column", "type", "unit", "meaning", "source"])
