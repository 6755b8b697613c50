"""The screen rule's call: the recorded decisions applied to the link outputs."""

from __future__ import annotations

import logging

from litcurate.io import read_csv
from litcurate.logs import step_log
from litcurate.schemas import screen as schemas
from litcurate.screen.decisions import Screened, check_known_ids, known_ids, read_decisions, screen
from litcurate.screen.suggest import suggest
from litcurate.validate import write_validated_csv
from litcurate.warnings import write_warnings

logger = logging.getLogger(__name__)


def unique_records(records):
    """Database records that are no duplicate of another."""
    return records[records["duplicate_of"].fillna("") == ""]


def screen_files(inputs, outputs) -> Screened:
    """Screen the rule's inputs and write its outputs."""
    records = read_csv(inputs.records)
    publications = read_csv(inputs.publications)
    decisions = read_decisions(inputs.decisions)
    check_known_ids(decisions, known_ids(publications), inputs.decisions)
    result = screen(unique_records(records), publications, decisions, source=inputs.decisions)
    write_validated_csv(outputs.records, result.records, schemas.screened_records)
    write_validated_csv(outputs.reports, result.reports, schemas.screened_reports)
    write_validated_csv(outputs.undecided, result.undecided, schemas.undecided)
    write_validated_csv(outputs.suggestions, _suggestions(inputs, result), schemas.suggestions)
    write_warnings(outputs.warnings, result.warnings, file=outputs.undecided)
    return result


def run(input, output, params, log) -> None:
    """Write every output of the screen rule from the link tables and ``input.decisions``."""
    with step_log(log):
        screened = screen_files(input, output)
        logger.info(
            "screen: %d records, %d reports, %d undecided",
            len(screened.records), len(screened.reports), len(screened.undecided),
        )  # fmt: skip


def _suggestions(inputs, result: Screened):
    """Metadata of every unique record: all databases' titles, PubMed's types, MeSH and language."""
    records = read_csv(inputs.all_records)[["record_id", "title"]]
    pubmed = read_csv(inputs.pubmed_records)[["record_id", "publication_types", "mesh_terms", "language"]]
    unique = records.merge(pubmed, on="record_id", how="left")
    unique = unique[unique["record_id"].isin(set(result.records["record_id"]))]
    return suggest(unique, dict(zip(result.records["record_id"], result.records["decision"])))
