"""The records of every source searched: PubMed's, those exported from other databases, and
(when configured) the trial registers' records, with the register records' links to publications."""

from __future__ import annotations

import logging
import re

import pandas as pd

from litcurate.io import read_csv, write_json
from litcurate.names import first_author, surname
from litcurate.schemas.all_records import COLUMNS, all_records
from litcurate.schemas.records import write_records_csv
from litcurate.schemas.registers import register_links as register_links_schema
from litcurate.search.imports import read_export
from litcurate.search.imports.model import ImportProblem
from litcurate.search.registers.links import register_links
from litcurate.search.registers.records import SEPARATOR
from litcurate.search.sources import export_source
from litcurate.validate import write_validated_csv
from litcurate.warnings import StageWarning, write_warnings

logger = logging.getLogger(__name__)


def pubmed_records(records_csv: str, out: str) -> pd.DataFrame:
    """The PubMed records of the search step, re-validated into results/records/."""
    return write_records_csv(out, read_csv(records_csv))


def _first_surname(authors: object) -> str | None:
    return surname(first_author(authors)) or None


def import_warnings(database: str, problems: list[ImportProblem]) -> list[StageWarning]:
    """QC warnings (stage ``import``) for the lines of one export that were not read: the file,
    its physical line as ``row``, the line's text as ``value`` and the database as ``table_id``."""
    return [
        StageWarning("import", p.message, table_id=database, row=p.line, value=p.text, file=p.file) for p in problems
    ]


def export_records(
    database: str, path: str, warnings: list[StageWarning] | None = None, entries: list[dict] | None = None
) -> pd.DataFrame:
    """Records from any export :mod:`litcurate.search.imports` reads, named ``<database>:<ID>``,
    with the columns of all.csv plus the abstract (for the register links); the lines not read
    are logged and added to ``warnings``, the export's search-log entry to ``entries``."""
    result = read_export(path)
    for problem in result.problems:
        logger.warning("%s", problem)
    if warnings is not None:
        warnings += import_warnings(database, result.problems)
    if entries is not None:
        entries.append(export_source(database, path, result))
    found = result.records.replace("", None)
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
            "trial_ids": found["trial_ids"],
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
    warnings_out: str | None = None,
    register_logs: list[dict] = (),
    pubmed_trial_ids: dict[str, list[str]] | None = None,
    exports_out: str | None = None,
) -> pd.DataFrame:
    """PubMed's records, every ``{database, path}`` export in ``others`` and the register records
    of ``registers_csv``, validated into ``out``; their links to publications into ``links_out``;
    the lines of the exports (and of the register exports, from the ``problems`` of each
    ``register_logs`` entry) that were not read into ``warnings_out`` (QC stage ``import``).
    ``pubmed_trial_ids`` (PMID -> the trial ids PubMed lists) ties PubMed records to registers by id.
    ``exports_out`` gets each export's search-log entry, so the search log need not read them again."""
    pubmed_trial_ids = pubmed_trial_ids or {}
    warnings: list[StageWarning] = []
    entries: list[dict] = []
    exports = [export_records(o["database"], o["path"], warnings, entries) for o in others]
    if exports_out is not None:
        write_json(exports_out, entries)
    if warnings_out is not None:
        for log in register_logs:
            warnings += import_warnings(log["database"], [ImportProblem(**p) for p in log.get("problems", [])])
        write_warnings(warnings_out, warnings)
    frames = [pubmed.rename(columns={"source": "database"})[COLUMNS].astype({"year": "Int64"})]
    frames += [frame[COLUMNS] for frame in exports]
    if registers_csv is not None:
        registers = read_csv(registers_csv).fillna("").astype(str)
        frames.append(_register_rows(registers))
        fields = ["record_id", "pmid", "title", "abstract", "year"]
        listed = pubmed["pmid"].astype(str).map(lambda pmid: SEPARATOR.join(pubmed_trial_ids.get(pmid, [])))
        publications = pd.concat(
            [pubmed[fields].assign(trial_ids=listed)] + [frame[[*fields, "trial_ids"]] for frame in exports],
            ignore_index=True,
        )
        write_validated_csv(links_out, register_links(registers, publications), register_links_schema)
    combined = pd.concat(frames, ignore_index=True).sort_values("record_id", ignore_index=True)
    return write_validated_csv(out, combined, all_records)
