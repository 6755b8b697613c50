"""The records table: one row per PubMed record retrieved by the search stage."""

from __future__ import annotations

import os

import pandas as pd
import pandera.pandas as pa

from litcurate.validate import write_validated_csv

COLUMNS = [
    "record_id",
    "source",
    "pmid",
    "doi",
    "title",
    "authors",
    "first_author",
    "year",
    "journal",
    "volume",
    "issue",
    "pages",
    "abstract",
    "publication_types",
    "mesh_terms",
    "language",
    "entrez_date",
]


def _text(**kwargs) -> pa.Column:
    return pa.Column(str, nullable=True, coerce=True, **kwargs)


def _required_text(**kwargs) -> pa.Column:
    """Text that must be present (pandera's columns are not nullable unless told)."""
    return pa.Column(str, coerce=True, **kwargs)


def records_schema() -> pa.DataFrameSchema:
    """The schema of the records table."""
    return pa.DataFrameSchema(
        name="records",
        strict=True,
        ordered=True,
        columns={
            "record_id": _required_text(unique=True, checks=pa.Check.str_matches(r"^pmid:\d+$")),
            "source": _required_text(checks=pa.Check.isin(["PubMed"])),
            "pmid": _required_text(unique=True, checks=pa.Check.str_matches(r"^\d+$")),
            "doi": _text(checks=pa.Check.str_matches(r"^10\.\d{4,9}/\S+$")),
            "title": _text(),
            "authors": _text(),
            "first_author": _text(),
            "year": pa.Column("Int64", nullable=True, coerce=True, checks=pa.Check.in_range(1800, 2100)),
            "journal": _text(),
            "volume": _text(),
            "issue": _text(),
            "pages": _text(),
            "abstract": _text(),
            "publication_types": _text(),
            "mesh_terms": _text(),
            "language": _text(),
            "entrez_date": _text(checks=pa.Check.str_matches(r"^\d{4}-\d{2}-\d{2}$")),
        },
        checks=[
            pa.Check(
                lambda df: df["record_id"] == "pmid:" + df["pmid"],
                name="record_id_is_pmid",
                error="record_id_is_pmid",
            ),
        ],
    )


RECORDS_SCHEMA = records_schema()


def write_records_csv(path: str | os.PathLike, frame: pd.DataFrame) -> pd.DataFrame:
    """Validate the records table and write it atomically (nothing is written if invalid)."""
    return write_validated_csv(path, frame, RECORDS_SCHEMA)
