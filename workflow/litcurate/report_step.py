"""The report steps: PRISMA 2020 flow (JSON + SVG) and the harmonised dataset."""
from __future__ import annotations

import pandas as pd

from litcurate.dataset import build_dataset
from litcurate.io import read_csv, write_bytes, write_json, write_text
from litcurate.outcomes import build_outcomes
from litcurate.prisma import arithmetic_errors, build_flow
from litcurate.prisma_csv import flow_to_prisma2020_csv
from litcurate.prisma_png import render_flow_png
from litcurate.prisma_svg import render_flow_svg
from litcurate.qc import collect_warnings, qc_summary
from litcurate.schemas import dataset as schemas
from litcurate.schemas.outcomes import outcomes_schema
from litcurate.schemas.prisma import prisma2020_csv
from litcurate.schemas.qc import warnings_schema
from litcurate.validate import write_validated_csv


class FlowError(ValueError):
    pass


def write_prisma(inputs, outputs) -> dict:
    flow = build_flow(read_csv(inputs.records), read_csv(inputs.screened_records), read_csv(inputs.screened_reports))
    errors = arithmetic_errors(flow)
    if errors:
        raise FlowError("PRISMA counts do not add up: " + "; ".join(errors))
    write_json(outputs.flow_json, flow)
    write_text(outputs.flow_svg, render_flow_svg(flow))
    write_bytes(outputs.flow_png, render_flow_png(flow))
    write_validated_csv(outputs.prisma_csv, flow_to_prisma2020_csv(flow), prisma2020_csv)
    return flow


def _table_rows(review_rows: pd.DataFrame, study_files: list[str]) -> pd.DataFrame:
    """Canonical fields of every table row, with the row's publication and study."""
    studies = pd.concat([read_csv(path) for path in study_files], ignore_index=True)
    keys = ["review_id", "table_id", "row"]
    links = review_rows[keys + ["publication_id", "study_id"]]
    merged = studies.merge(links, on=keys, how="inner", validate="one_to_one")
    merged["row"] = pd.to_numeric(merged["row"])
    return merged


def write_dataset(inputs, outputs) -> pd.DataFrame:
    reports = read_csv(inputs.screened_reports)
    included = reports[reports["decision"] == "include"]
    rows = _table_rows(read_csv(inputs.review_rows), list(inputs.studies))
    studies, conflicts = build_dataset(included, read_csv(inputs.publications), rows, schemas.DATASET_FIELDS)
    written = write_validated_csv(outputs.studies, studies, schemas.dataset_studies)
    write_validated_csv(outputs.conflicts, conflicts, schemas.conflicts)
    write_validated_csv(outputs.dictionary, schemas.dictionary(list(studies.columns)), schemas.dictionary_schema)
    write_validated_csv(outputs.outcomes, build_outcomes(rows, set(included["study_id"])), outcomes_schema)
    return written


def write_qc(inputs, outputs) -> dict:
    warnings = collect_warnings(list(inputs.harmonise_warnings), list(inputs.extraction_reports),
                                inputs.to_review, inputs.undecided)
    write_validated_csv(outputs.warnings, warnings, warnings_schema)
    summary = qc_summary(warnings)
    write_json(outputs.summary, summary)
    return summary
