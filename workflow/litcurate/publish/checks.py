"""What a finished run must hold to be published, and the checks it must pass.

A run is read once and checked in full before anything is written: every required
deliverable present, PRISMA counts adding up, tables valid against their schemas
(what the workflow validated may have been edited since).
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pandas as pd

from litcurate.errors import PublishError, TableInvalid
from litcurate.io import read_csv
from litcurate.report.prisma import arithmetic_errors
from litcurate.schemas.all_records import all_records
from litcurate.schemas.dataset import conflicts, dataset_studies, dictionary_schema
from litcurate.schemas.link import publications
from litcurate.validate import validate

FLOW = "prisma/flow.json"
STUDIES = "dataset/studies.csv"
RECORDS = "records/all.csv"
SEARCH_LOG = "search/search_log.json"
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
    missing = [str(results / rel) for rel in REQUIRED if not (results / rel).is_file()]
    if missing:
        raise PublishError("run incomplete, missing: " + ", ".join(missing))
    names = list(REQUIRED) + [rel for rel in OPTIONAL if (results / rel).is_file()]
    files = {rel: (results / rel).read_bytes() for rel in sorted(names)}
    check_flow(files[FLOW], results / FLOW)
    for rel, schema in SCHEMAS.items():
        check_table(files[rel], schema, results / rel)
    return files


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
