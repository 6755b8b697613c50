"""Schemas of the extract stage: trial tables as printed and the parsed reference list."""

from __future__ import annotations

import pandera.pandas as pa

PROVENANCE = ["_page", "_row", "_label", "_ref_no", "_ref_no_resolved"]
CITATION = r"^\d+(?:-\d+)?(?:,\d+(?:-\d+)?)*$"


def _citation() -> pa.Column:
    """Citation numbers as printed ("3", "3,16", "23-29") or empty."""
    return pa.Column(
        str,
        checks=pa.Check(lambda s: s.eq("") | s.str.match(CITATION), element_wise=False, name="citation_numbers"),
        nullable=False,
    )


def trial_table_schema(columns: list[str]) -> pa.DataFrameSchema:
    """A trial table: the printed columns (text) then the provenance columns."""
    printed = [c for c in columns if c not in PROVENANCE]
    spec = {c: pa.Column(str, nullable=False) for c in printed}
    spec.update(
        {
            "_page": pa.Column(int, pa.Check.ge(1)),
            "_row": pa.Column(int, pa.Check.ge(1), unique=True),
            "_label": pa.Column(str, pa.Check.str_length(min_value=1)),
            "_ref_no": _citation(),
            "_ref_no_resolved": _citation(),
        }
    )
    return pa.DataFrameSchema(spec, name="extract_trial_table", strict=True, ordered=True, coerce=False)


def references_schema() -> pa.DataFrameSchema:
    """The parsed reference list of a review (results/extract/{review}/references.csv)."""
    text = pa.Column(str, nullable=False)
    return pa.DataFrameSchema(
        {
            "ref_no": pa.Column(int, pa.Check.ge(1), unique=True),
            "text": pa.Column(str, pa.Check.str_length(min_value=1)),
            "authors": text,
            "first_author": text,
            "et_al": pa.Column(bool),
            "title": text,
            "journal": text,
            "year": pa.Column(str, pa.Check.str_matches(r"^(?:(?:19|20)\d{2})?$")),
            "year_letter": pa.Column(str, pa.Check.str_matches(r"^[a-z]?$")),
            "volume": text,
            "issue": text,
            "pages": text,
            "doi": pa.Column(str, pa.Check.str_matches(r"^(?:10\.\d{4,9}/\S+)?$")),
            "pmid": pa.Column(str, pa.Check.str_matches(r"^\d*$")),
        },
        name="extract_references",
        strict=True,
        ordered=True,
    )
