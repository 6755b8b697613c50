"""The records of every database searched: PubMed's plus those exported from other databases."""

from __future__ import annotations

import re

import pandas as pd

from litcurate.io import read_csv
from litcurate.names import first_author, surname
from litcurate.schemas.all_records import COLUMNS, all_records
from litcurate.schemas.records import write_records_csv
from litcurate.validate import write_validated_csv


def pubmed_records(records_csv: str, out: str) -> pd.DataFrame:
    """The PubMed records of the search step, re-validated into results/records/."""
    return write_records_csv(out, read_csv(records_csv))


def _first_surname(authors: object) -> str | None:
    return surname(first_author(authors)) or None


def other_database_records(database: str, path: str) -> pd.DataFrame:
    """Records from a RIS, MEDLINE/nbib or CSV export, named ``<database>:<ID>``."""
    from litcurate.link.citations.citation_files import read_citations  # the dedup engine's reader

    found = read_citations(path).replace("", None)
    prefix = re.sub(r"[^A-Za-z0-9_.-]+", "_", database)
    return pd.DataFrame(
        {
            "record_id": [f"{prefix}:{i}" for i in found["ID"]],
            "database": database,
            "pmid": found.get("pmid"),
            "doi": found.get("doi"),
            "title": found["title"],
            "authors": found["author"],
            "first_author": found["author"].map(_first_surname),
            "year": pd.to_numeric(found["year"], errors="coerce").astype("Int64"),
            "journal": found["journal"],
            "volume": found["volume"],
            "issue": found["number"],
            "pages": found["pages"],
        }
    )


def combine_records(pubmed: pd.DataFrame, others: list[dict], out: str) -> pd.DataFrame:
    """PubMed's records and every ``{database, path}`` export in ``others``, validated into ``out``."""
    frames = [pubmed.rename(columns={"source": "database"})[COLUMNS].astype({"year": "Int64"})]
    frames += [other_database_records(o["database"], o["path"]) for o in others]
    combined = pd.concat(frames, ignore_index=True).sort_values("record_id", ignore_index=True)
    return write_validated_csv(out, combined, all_records)
