"""results/records/all.csv: the records of every database searched, in one table."""

import pandera.pandas as pa

COLUMNS = [
    "record_id",
    "database",
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
]


def _text(**kwargs) -> pa.Column:
    return pa.Column(str, nullable=True, coerce=True, **kwargs)


all_records = pa.DataFrameSchema(
    {
        "record_id": pa.Column(str, pa.Check.str_matches(r"^[A-Za-z0-9_.-]+:\S+$"), unique=True),
        "database": pa.Column(str, pa.Check.str_length(min_value=1)),
        "pmid": _text(checks=pa.Check.str_matches(r"^\d+$")),
        "doi": _text(),
        "title": _text(),
        "authors": _text(),
        "first_author": _text(),
        "year": pa.Column("Int64", pa.Check.in_range(1800, 2100), nullable=True, coerce=True),
        "journal": _text(),
        "volume": _text(),
        "issue": _text(),
        "pages": _text(),
    },
    name="all records",
    strict=True,
    coerce=True,
    ordered=True,
)
