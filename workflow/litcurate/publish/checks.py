"""What a finished run must hold to be published, and the checks it must pass.

A run is read once and checked in full before anything is written: the workflow that wrote
it finished (no lock, no incomplete output), every required deliverable present, PRISMA counts
adding up, tables valid against their schemas (what the workflow validated may have been edited
since), and the files telling the same story: the flow's counts are the rows of the dataset and
of the screening tables.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pandas as pd

from litcurate.errors import PublishError, TableInvalid
from litcurate.io import read_csv
from litcurate.link.parts import split_study_ids
from litcurate.publish.quiet import check_quiet
from litcurate.report.prisma import arithmetic_errors
from litcurate.schemas.all_records import all_records
from litcurate.schemas.dataset import conflicts, dataset_studies, dictionary_schema
from litcurate.schemas.link import publications
from litcurate.validate import validate

FLOW = "prisma/flow.json"
STUDIES = "dataset/studies.csv"
RECORDS = "records/all.csv"
SEARCH_LOG = "search/search_log.json"
SCREENED_RECORDS = "screen/records.csv"
SCREENED_REPORTS = "screen/reports.csv"
# Read to check the flow's counts against, not published.
EVIDENCE = (SCREENED_RECORDS, SCREENED_REPORTS)
REQUIRED = (
    FLOW,
    "prisma/flow.svg",
    STUDIES,
    "dataset/conflicts.csv",
    "dataset/dictionary.csv",
    RECORDS,
    "link/publications.csv",
    SEARCH_LOG,
)
# Published when the run has them (workflows of other versions or configs may not).
OPTIONAL = (
    "dataset/outcomes.csv",
    "dataset/extra.csv",
    "prisma/flow.csv",
    "prisma/flow.png",
    "qc/summary.json",
    "qc/warnings.csv",
)
# Tables re-validated before publication: what the workflow validated may have been edited since.
SCHEMAS = {
    STUDIES: dataset_studies,
    "dataset/conflicts.csv": conflicts,
    "dataset/dictionary.csv": dictionary_schema,
    RECORDS: all_records,
    "link/publications.csv": publications,
}
LABEL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


def load_run(results: Path) -> dict[str, bytes]:
    """The deliverables of a finished run, read once and checked; raise PublishError if not fit."""
    if not results.is_dir():
        raise PublishError(f"{results}: results folder not found")
    check_quiet(results)
    missing = [str(results / rel) for rel in (*REQUIRED, *EVIDENCE) if not (results / rel).is_file()]
    if missing:
        raise PublishError("run incomplete, missing: " + ", ".join(missing))
    names = list(REQUIRED) + [rel for rel in OPTIONAL if (results / rel).is_file()]
    files = {rel: (results / rel).read_bytes() for rel in sorted(names)}
    evidence = {rel: (results / rel).read_bytes() for rel in EVIDENCE}
    check_quiet(results)  # a run that started while the files were read
    check_flow(files[FLOW], results / FLOW)
    for rel, schema in SCHEMAS.items():
        check_table(files[rel], schema, results / rel)
    problems = consistency_problems({**files, **evidence}, results)
    if problems:
        raise PublishError("the run's files disagree (written by two runs, or edited since): " + "; ".join(problems))
    return files


def consistency_problems(files: dict[str, bytes], results: Path) -> list[str]:
    """Where the dataset and screening tables disagree with the PRISMA flow of the same run."""
    flow = json.loads(files[FLOW])
    db, other, included = flow["databases"], flow["other_methods"], flow["included"]
    studies, records = read_table(files[STUDIES]), read_table(files[RECORDS])
    screened, reports = read_table(files[SCREENED_RECORDS]), read_table(files[SCREENED_REPORTS])
    kept = reports[reports["decision"] == "include"]
    kept_studies = {s for ids in kept["study_id"] for s in split_study_ids(ids)}
    flow_path = results / FLOW
    problems = []

    def expect(found: int, rel: str, what: str, counted: int, box: str) -> None:
        if found != counted:
            problems.append(f"{results / rel} {what.format(found)}, {flow_path} counts {counted} {box}")

    expect(len(studies), STUDIES, "has {} rows", included["studies"], "studies included")
    expect(len(kept_studies), SCREENED_REPORTS, "includes {} studies", included["studies"], "studies included")
    expect(len(kept), SCREENED_REPORTS, "includes {} reports", included["reports"], "reports included")
    expect(len(records), RECORDS, "has {} records", db["records_identified_total"], "identified by databases")
    expect(len(screened), SCREENED_RECORDS, "has {} records", db["records_screened"], "screened")
    for route, box in (("databases", db), ("other_methods", other)):
        sought = int((reports["route"] == route).sum())
        expect(sought, SCREENED_REPORTS, f"has {{}} {route} reports", box["reports_sought"], f"sought via {route}")
    only_dataset = sorted(set(studies["study_id"]) - kept_studies)
    only_reports = sorted(kept_studies - set(studies["study_id"]))
    if only_dataset or only_reports:
        problems.append(
            f"studies of {results / STUDIES} and the included reports of {results / SCREENED_REPORTS} differ "
            f"(only in the dataset: {', '.join(only_dataset[:5]) or 'none'}; "
            f"only in the reports: {', '.join(only_reports[:5]) or 'none'})"
        )
    return problems


def check_flow(data: bytes, path: Path) -> None:
    """Refuse a flow that is not a PRISMA flow or does not add up."""
    try:
        errors = arithmetic_errors(json.loads(data))
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise PublishError(f"{path}: not a PRISMA flow ({exc!r})") from None
    if errors:
        raise PublishError(f"{path}: PRISMA counts do not add up: " + "; ".join(errors))


def check_table(data: bytes, schema, path: Path) -> None:
    """Refuse a table that is unreadable or breaks its schema."""
    try:
        validate(read_table(data), schema, path)
    except TableInvalid as exc:
        raise PublishError(str(exc)) from None
    except ValueError as exc:  # pandas' parser errors included
        raise PublishError(f"{path}: unreadable table ({exc})") from None


def run_date_of(data: bytes, path: Path) -> str:
    """YYYY-MM-DD of the search's run timestamp (a date or an ISO 8601 UTC time)."""
    try:
        stamp = json.loads(data)["run_timestamp"]
    except (ValueError, KeyError, TypeError) as exc:
        raise PublishError(f"{path}: no run_timestamp ({exc!r})") from None
    found = re.match(r"^(\d{4}-\d{2}-\d{2})", str(stamp))
    if not found:
        raise PublishError(f"{path}: run_timestamp {stamp!r} does not start with a YYYY-MM-DD date")
    return found.group(1)


def check_label(label: str) -> None:
    """Refuse a version label that is not a plain folder name."""
    if not LABEL.match(label):
        raise PublishError(f"label {label!r}: use letters, digits, '.', '_' and '-' (not first)")


def read_table(data: bytes | None) -> pd.DataFrame | None:
    """A CSV deliverable as text cells (None for a missing file)."""
    return None if data is None else read_csv(io.BytesIO(data))
