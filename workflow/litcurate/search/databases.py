"""The records of every source searched: PubMed's, those exported from other databases, and
(when configured) the trial registers' records, with the register records' links to publications."""

from __future__ import annotations

import re

import pandas as pd

from litcurate.io import read_csv
from litcurate.names import first_author, surname
from litcurate.schemas.all_records import COLUMNS, all_records
from litcurate.schemas.records import write_records_csv
from litcurate.schemas.registers import register_links as register_links_schema
from litcurate.search.registers.links import register_links
from litcurate.validate import write_validated_csv


def pubmed_records(records_csv: str, out: str) -> pd.DataFrame:
    """The PubMed records of the search step, re-validated into results/records/."""
    return write_records_csv(out, read_csv(records_csv))


def _first_surname(authors: object) -> str | None:
    return surname(first_author(authors)) or None


def export_records(database: str, path: str) -> pd.DataFrame:
    """Records from any export :mod:`litcurate.search.imports` reads, named ``<database>:<ID>``,
    with the columns of all.csv plus the abstract (for the register links)."""
    from litcurate.search.imports import read_citations

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
            "abstract": found["abstract"],
        }
    )


def _register_rows(registers: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "record_id": registers["record_id"],
            "database": registers["database"],
            "title": registers["title"],
            "year": pd.to_numeric(registers["year"], errors="coerce").astype("Int64"),
        }
    ).reindex(columns=COLUMNS)


def combine_records(
    pubmed: pd.DataFrame,
    others: list[dict],
    out: str,
    registers_csv: str | None = None,
    links_out: str | None = None,
) -> pd.DataFrame:
    """PubMed's records, every ``{database, path}`` export in ``others`` and the register records
    of ``registers_csv``, validated into ``out``; their links to publications into ``links_out``."""
    exports = [export_records(o["database"], o["path"]) for o in others]
    frames = [pubmed.rename(columns={"source": "database"})[COLUMNS].astype({"year": "Int64"})]
    frames += [frame[COLUMNS] for frame in exports]
    if registers_csv is not None:
        registers = read_csv(registers_csv).fillna("").astype(str)
        frames.append(_register_rows(registers))
        publications = pd.concat(
            [pubmed[["record_id", "pmid", "title", "abstract"]]]
            + [frame[["record_id", "pmid", "title", "abstract"]] for frame in exports],
            ignore_index=True,
        )
        write_validated_csv(links_out, register_links(registers, publications), register_links_schema)
    combined = pd.concat(frames, ignore_index=True).sort_values("record_id", ignore_index=True)
    return write_validated_csv(out, combined, all_records)
