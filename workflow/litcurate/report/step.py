"""The calls of the rules in ``rules/report.smk``: :func:`prisma`, :func:`dataset` and :func:`qc`.

PRISMA 2020 flow (JSON, SVG, PNG and the PRISMA2020 CSV), the harmonised dataset with
its conflicts, dictionary and long-form outcomes, and the QC warnings of the whole run.
"""

from __future__ import annotations

import logging

import pandas as pd

from litcurate.errors import FlowError
from litcurate.harmonise.codebook import codebook_input, load_codebook
from litcurate.io import read_csv, write_bytes, write_json, write_text
from litcurate.link.parts import split_study_ids
from litcurate.logs import step_log
from litcurate.report.dataset import build_dataset, dataset_extra_cells
from litcurate.report.outcomes import build_outcomes
from litcurate.report.prisma import arithmetic_errors, build_flow
from litcurate.report.prisma_csv import flow_to_prisma2020_csv
from litcurate.report.prisma_png import render_flow_png
from litcurate.report.prisma_svg import render_flow_svg
from litcurate.report.qc import collect_warnings, qc_summary
from litcurate.schemas import dataset as schemas
from litcurate.schemas.extra import dataset_extra
from litcurate.schemas.outcomes import outcomes_schema
from litcurate.schemas.prisma import prisma2020_csv
from litcurate.schemas.qc import warnings_schema
from litcurate.search.registers.links import study_registrations
from litcurate.validate import write_validated_csv

logger = logging.getLogger(__name__)


def write_prisma(inputs, outputs) -> dict:
    """Count the flow from the screened records and reports; refuse counts that do not add up."""
    flow = build_flow(read_csv(inputs.records), read_csv(inputs.screened_records), read_csv(inputs.screened_reports))
    errors = arithmetic_errors(flow)
    if errors:
        raise FlowError("PRISMA counts do not add up: " + "; ".join(errors))
    write_json(outputs.flow_json, flow)
    write_text(outputs.flow_svg, render_flow_svg(flow))
    write_bytes(outputs.flow_png, render_flow_png(flow))
    write_validated_csv(outputs.prisma_csv, flow_to_prisma2020_csv(flow), prisma2020_csv)
    return flow


def table_rows(review_rows: pd.DataFrame, study_files: list[str]) -> pd.DataFrame:
    """Canonical fields of every table row, with the row's publication and study."""
    studies = pd.concat([read_csv(path) for path in study_files], ignore_index=True)
    keys = ["review_id", "table_id", "row"]
    links = review_rows[keys + ["publication_id", "study_id"]]
    merged = studies.merge(links, on=keys, how="inner", validate="one_to_one")
    merged["row"] = pd.to_numeric(merged["row"])
    return merged


def write_dataset(inputs, outputs, codebook_path) -> pd.DataFrame:
    """One row per included study, its conflicts, the data dictionary, long-form outcomes and
    every printed cell no codebook field claims, under the codebook at ``codebook_path``."""
    codebook = load_codebook(codebook_path)
    reports = read_csv(inputs.screened_reports)
    included = reports[reports["decision"] == "include"]
    review_rows = read_csv(inputs.review_rows)
    rows = table_rows(review_rows, list(inputs.studies))
    fields = schemas.dataset_fields(codebook)
    merges = {f.name: f.merge for f in codebook.columns}
    links = getattr(inputs, "register_links", None)
    registrations = study_registrations(read_csv(links)) if links else None
    studies, conflicts = build_dataset(included, read_csv(inputs.publications), rows, fields, merges, registrations)
    written = write_validated_csv(outputs.studies, studies, schemas.dataset_studies_schema(codebook))
    write_validated_csv(outputs.conflicts, conflicts, schemas.conflicts_schema(codebook))
    dictionary = schemas.dictionary(list(studies.columns), codebook)
    write_validated_csv(outputs.dictionary, dictionary, schemas.dictionary_schema)
    outcomes = build_outcomes(rows, {s for ids in included["study_id"] for s in split_study_ids(ids)}, codebook)
    write_validated_csv(outputs.outcomes, outcomes, outcomes_schema(codebook))
    extra = dataset_extra_cells([read_csv(path) for path in inputs.extra], review_rows)
    write_validated_csv(outputs.extra, extra, dataset_extra)
    return written


def write_qc(inputs, outputs) -> dict:
    """Every stage's warnings in one table, and their counts."""
    warnings = collect_warnings(list(inputs.warnings))
    write_validated_csv(outputs.warnings, warnings, warnings_schema)
    summary = qc_summary(warnings)
    write_json(outputs.summary, summary)
    return summary


def prisma(input, output, params, log) -> None:
    """The prisma rule: ``flow_json``, ``flow_svg``, ``flow_png`` and ``prisma_csv``."""
    with step_log(log):
        flow = write_prisma(input, output)
        logger.info("PRISMA: %d studies, %d reports included", flow["included"]["studies"], flow["included"]["reports"])


def dataset(input, output, params, log) -> None:
    """The dataset rule: ``studies``, ``conflicts``, ``dictionary``, ``outcomes`` and ``extra``."""
    with step_log(log):
        studies = write_dataset(input, output, codebook_input(input.codebook))
        logger.info("dataset: %d studies", len(studies))


def qc(input, output, params, log) -> None:
    """The qc rule: ``warnings`` (every stage's ``input.warnings``) and ``summary``."""
    with step_log(log):
        summary = write_qc(input, output)
        logger.info("QC: %d warnings %s", summary["total"], summary["by_stage"])
