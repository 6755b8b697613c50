"""results/search/registers.csv: one row per trial found in a register (ClinicalTrials.gov, WHO ICTRP)."""

import pandera.pandas as pa


def _text(**kwargs) -> pa.Column:
    return pa.Column(str, nullable=True, coerce=True, **kwargs)


register_records = pa.DataFrameSchema(
    {
        "record_id": pa.Column(str, pa.Check.str_matches(r"^[A-Za-z0-9_.-]+:\S+$"), unique=True),
        "database": pa.Column(str, pa.Check.isin(["ClinicalTrials.gov", "WHO ICTRP"])),
        "trial_id": pa.Column(str, pa.Check.str_length(min_value=1)),
        "secondary_ids": _text(),
        "title": _text(),
        "public_title": _text(),
        "year": _text(checks=pa.Check.str_matches(r"^(\d{4})?$")),
        "sponsor": _text(),
        "reference_pmids": _text(checks=pa.Check.str_matches(r"^(\d+(; \d+)*)?$")),
        "url": _text(),
        "source_line": _text(),
    },
    name="register records",
    strict=True,
    ordered=True,
    coerce=True,
)
COLUMNS = list(register_records.columns)
LINK_COLUMNS = ["register_record_id", "trial_id", "record_id", "matched_id", "how", "score", "evidence"]

register_links = pa.DataFrameSchema(
    {
        "register_record_id": pa.Column(str),
        "trial_id": pa.Column(str),
        "record_id": pa.Column(str),
        # the id found (empty for a title link)
        "matched_id": pa.Column(str, nullable=True),
        "how": pa.Column(
            str,
            pa.Check.isin(
                [
                    "register lists the PMID",
                    "PubMed lists the trial id",
                    "publication names the trial id",
                    "same trial id in two registers",
                    "title and year match",
                ]
            ),
        ),
        # title links only: the similarity of the folded titles (0-1) and which titles and years matched
        "score": pa.Column(float, pa.Check.in_range(0, 1), nullable=True),
        "evidence": pa.Column(str, nullable=True),
    },
    name="register links",
    strict=True,
    ordered=True,
    coerce=True,
)
