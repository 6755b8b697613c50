"""The harmonised dataset (results/dataset/): studies, conflicts, the data dictionary, extra cells.

The study columns after the identity come from the project's codebook
(:func:`dataset_studies_schema`, :func:`conflicts_schema`, :func:`dictionary`). The module-level
``dataset_studies`` and ``conflicts`` check what every project shares (identity, provenance),
for re-validating a finished run whose codebook is not at hand (``litcurate publish``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import pandera.pandas as pa

from litcurate.schemas.link import STUDY_ID
from litcurate.schemas.studies import field_column

if TYPE_CHECKING:
    from litcurate.harmonise.codebook import Codebook

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
    "registrations": (
        "string",
        "",
        "Trial register ids tied to the study's records by an id (only when registers are searched; '; '-joined)",
    ),
    "reviews": ("string", "", "Reviews whose trial tables tabulate the study ('; '-joined)"),
    "sources": ("string", "", "Every table row behind the study as review:table:row ('; '-joined)"),
    "n_sources": ("integer", "rows", "Number of table rows behind the study"),
    "conflict_fields": (
        "string",
        "",
        "Canonical fields on which the sources disagree (see conflicts.csv); such cells are left empty",
    ),
}


def dataset_fields(codebook: Codebook) -> list[str]:
    """The codebook's columns of studies.csv after the identity (first_author and year name the
    study from its primary report; the rest come from the tables)."""
    return [name for name in codebook.column_names if name not in IDENTITY_DOCS]


def _identity_columns() -> dict[str, pa.Column]:
    """The identity and provenance columns every project's dataset studies.csv starts with."""
    return {
        "study_id": pa.Column(str, pa.Check.str_matches(STUDY_ID), unique=True),
        "first_author": pa.Column(str, nullable=True),
        "year": pa.Column("Int64", pa.Check.in_range(1900, 2100), nullable=True),
        "title": pa.Column(str, nullable=True),
        "journal": pa.Column(str, nullable=True),
        "pmid": pa.Column(str, pa.Check.str_matches(r"^\d+$"), nullable=True),
        "doi": pa.Column(str, pa.Check.str_matches(r"^10\.\S+/\S+$"), nullable=True),
        "publication_ids": pa.Column(str),
        "record_ids": pa.Column(str, nullable=True),
        "registrations": pa.Column(
            str,
            nullable=True,
            required=False,  # pragma: no mutate (required=None is as falsy as False: an equivalent mutant)
        ),
        "reviews": pa.Column(str, nullable=True),
        "sources": pa.Column(str, nullable=True),
        "n_sources": pa.Column(int, pa.Check.ge(0)),
    }


def dataset_studies_schema(codebook: Codebook) -> pa.DataFrameSchema:
    """results/dataset/studies.csv under ``codebook``: identity, the codebook's fields, conflict_fields."""
    fields = dataset_fields(codebook)
    columns = {name: field_column(codebook.by_name[name]) for name in fields}
    return pa.DataFrameSchema(
        {**_identity_columns(), **columns, "conflict_fields": pa.Column(str, nullable=True)},
        name="dataset studies",
        strict=True,
        coerce=True,
        ordered=True,
    )


def shared_studies_schema() -> pa.DataFrameSchema:
    """results/dataset/studies.csv whatever the codebook: identity and conflict_fields, other columns let be."""
    return pa.DataFrameSchema(
        {**_identity_columns(), "conflict_fields": pa.Column(str, nullable=True)},
        name="dataset studies",  # not strict (pandera's default): a codebook's columns are let be
        coerce=True,
    )


dataset_studies = shared_studies_schema()


def conflicts_schema(codebook: Codebook | None = None) -> pa.DataFrameSchema:
    """results/dataset/conflicts.csv; with a codebook, ``field`` must be one of its dataset fields."""
    field_check = [pa.Check.isin(dataset_fields(codebook))] if codebook is not None else []
    return pa.DataFrameSchema(
        {
            "study_id": pa.Column(str),
            "field": pa.Column(str, field_check),
            "review_id": pa.Column(str),
            "table_id": pa.Column(str),
            "row": pa.Column(int, pa.Check.ge(1)),
            "page": pa.Column("Int64", pa.Check.ge(1), nullable=True),
            "value": pa.Column(str),
            "raw": pa.Column(str, nullable=True),
        },
        name="dataset conflicts",
        strict=True,
        coerce=True,
    )


conflicts = conflicts_schema()


def dictionary_table_schema() -> pa.DataFrameSchema:
    """results/dataset/dictionary.csv: one documented row per dataset column."""
    return pa.DataFrameSchema(
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


dictionary_schema = dictionary_table_schema()


def dictionary(columns: list[str], codebook: Codebook) -> pd.DataFrame:
    """One row per dataset column; a column without documentation is an error here, not a gap."""
    rows = []
    for column in columns:
        if column in IDENTITY_DOCS:
            kind, unit, meaning = IDENTITY_DOCS[column]
            source = "link + PubMed record / reference list"
        else:
            kind, unit, meaning = codebook.by_name[column].doc
            source = "review trial tables (harmonised; raw text in results/extract/{review}/studies.csv)"
        rows.append({"column": column, "type": kind, "unit": unit, "meaning": meaning, "source": source})
    return pd.DataFrame(rows, columns=["column", "type", "unit", "meaning", "source"])


def studies_columns(codebook: Codebook) -> list[str]:
    """The columns every run's results/dataset/studies.csv has under ``codebook``, in order
    (``registrations`` is added only when trial registers were searched)."""
    identity = [name for name, column in _identity_columns().items() if column.required]
    return [*identity, *dataset_fields(codebook), "conflict_fields"]


def dictionary_markdown(codebook: Codebook) -> str:
    """The data dictionary of studies.csv as a Markdown table (the README's output table)."""
    lines = ["| column | type | unit | meaning |", "|---|---|---|---|"]
    table = dictionary(studies_columns(codebook), codebook)
    for column, kind, unit, meaning in zip(table["column"], table["type"], table["unit"], table["meaning"]):
        cells = [f"`{column}`", kind, unit, meaning]
        lines.append("| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"
