"""Link outputs (results/link/): every source tied to a publication and a study."""

import pandera.pandas as pa

from litcurate.schemas.dedup import RELATION_KINDS

ID = r"^[a-z0-9]+(-[a-z0-9]+)?[a-z]?$"
# A study is a publication group's id, or one marked part of it (litcurate.link.parts).
STUDY_ID = ID[:-1] + r"(-part[a-z0-9]+)?$"
# A publication lists every study it reports, "; "-joined.
STUDY_IDS = r"^" + STUDY_ID[1:-1] + r"(; " + STUDY_ID[1:-1] + r")*$"
flag = pa.Column(int, pa.Check.isin([0, 1]), coerce=True)

review_rows = pa.DataFrameSchema(
    {
        "review_id": pa.Column(str),
        "table_id": pa.Column(str),
        "row": pa.Column(int, pa.Check.ge(1), coerce=True),
        "page": pa.Column("Int64", pa.Check.ge(1), nullable=True, coerce=True),
        "label": pa.Column(str, nullable=True),
        "ref_no": pa.Column(str, nullable=True, coerce=True),
        "cites": pa.Column(str, pa.Check.str_matches(r"^(ref|row):")),
        "publication_id": pa.Column(str, pa.Check.str_matches(ID)),
        # Empty where the row cites a publication of several studies without naming its part.
        "study_id": pa.Column(str, pa.Check.str_matches(STUDY_ID), nullable=True),
        "score": pa.Column(float, pa.Check.in_range(0, 1), coerce=True),
        "reason": pa.Column(str),
    },
    unique=["review_id", "table_id", "row"],
    name="link review rows",
    strict=True,
    coerce=True,
)

references = pa.DataFrameSchema(
    {
        "review_id": pa.Column(str),
        "ref_no": pa.Column(int, pa.Check.ge(1), coerce=True),
        "reference_id": pa.Column(str, unique=True),
        "first_author": pa.Column(str, nullable=True),
        "year": pa.Column("Int64", nullable=True, coerce=True),
        "title": pa.Column(str, nullable=True),
        "publication_id": pa.Column(str, pa.Check.str_matches(ID)),
        "cited_by_tables": flag,
    },
    name="link references",
    strict=True,
    coerce=True,
)

records = pa.DataFrameSchema(
    {
        "record_id": pa.Column(str, unique=True),
        "database": pa.Column(str),
        "pmid": pa.Column(str, pa.Check.str_matches(r"^\d+$"), nullable=True),
        "first_author": pa.Column(str, nullable=True),
        "year": pa.Column("Int64", nullable=True, coerce=True),
        "title": pa.Column(str, nullable=True),
        "publication_id": pa.Column(str, pa.Check.str_matches(ID)),
        "duplicate_of": pa.Column(str, nullable=True),
    },
    name="link records",
    strict=True,
    coerce=True,
)

publications = pa.DataFrameSchema(
    {
        "publication_id": pa.Column(str, pa.Check.str_matches(ID), unique=True),
        "study_id": pa.Column(str, pa.Check.str_matches(STUDY_IDS)),
        "study_reason": pa.Column(str, nullable=True),
        "label": pa.Column(str),
        "first_author": pa.Column(str, nullable=True),
        "year": pa.Column("Int64", pa.Check.in_range(1900, 2100), nullable=True, coerce=True),
        "title": pa.Column(str, nullable=True),
        "journal": pa.Column(str, nullable=True),
        "pmid": pa.Column(str, pa.Check.str_matches(r"^\d+$"), nullable=True),
        "doi": pa.Column(str, nullable=True),
        "record_ids": pa.Column(str, nullable=True),
        "reference_ids": pa.Column(str, nullable=True),
        "in_database": flag,
        "cited_by_tables": flag,
    },
    checks=pa.Check(
        lambda df: df["record_ids"].notna() | df["reference_ids"].notna(),
        error="a publication must have at least one source",
    ),
    name="link publications",
    strict=True,
    coerce=True,
)

to_review = pa.DataFrameSchema(
    {
        "id_a": pa.Column(str),
        "id_b": pa.Column(str),
        "score": pa.Column(float, pa.Check.in_range(0, 1), coerce=True),
        "reason": pa.Column(str),
    },
    name="link pairs to review",
    strict=True,
    coerce=True,
)

relations = pa.DataFrameSchema(
    {
        "id": pa.Column(str, pa.Check.str_length(min_value=1), unique=True),
        "publication_id": pa.Column(str, pa.Check.str_matches(ID)),
        "relation": pa.Column(str, pa.Check.isin(RELATION_KINDS)),
        "related_publication_id": pa.Column(str, pa.Check.str_matches(ID)),
    },
    checks=pa.Check(
        lambda df: df["publication_id"] != df["related_publication_id"],
        error="a notice is never its paper's duplicate: it stays a publication of its own",
    ),
    name="link relations",
    strict=True,
    ordered=True,
    coerce=True,
)
