"""The screen step: read link outputs and the decision file, write screening tables."""
from __future__ import annotations

from litcurate.io import read_csv
from litcurate.schemas import screen as schemas
from litcurate.screen_suggest import suggest
from litcurate.screening import Screened, check_known_ids, known_ids, read_decisions, screen
from litcurate.validate import write_validated_csv


def unique_records(records):
    return records[records["duplicate_of"].fillna("") == ""]


def run_screen(inputs, outputs) -> Screened:
    records = read_csv(inputs.records)
    publications = read_csv(inputs.publications)
    decisions = read_decisions(inputs.decisions)
    check_known_ids(decisions, known_ids(publications), inputs.decisions)
    result = screen(unique_records(records), publications, decisions)
    write_validated_csv(outputs.records, result.records, schemas.screened_records)
    write_validated_csv(outputs.reports, result.reports, schemas.screened_reports)
    write_validated_csv(outputs.undecided, result.undecided, schemas.undecided)
    write_validated_csv(outputs.suggestions, _suggestions(inputs, result), schemas.suggestions)
    return result


def _suggestions(inputs, result: Screened):
    """Metadata of every unique record: all databases' titles, PubMed's types, MeSH and language."""
    records = read_csv(inputs.all_records)[["record_id", "title"]]
    pubmed = read_csv(inputs.pubmed_records)[["record_id", "publication_types", "mesh_terms", "language"]]
    unique = records.merge(pubmed, on="record_id", how="left")
    unique = unique[unique["record_id"].isin(set(result.records["record_id"]))]
    return suggest(unique, dict(zip(result.records["record_id"], result.records["decision"])))
