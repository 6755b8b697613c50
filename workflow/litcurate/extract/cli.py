"""``litcurate extract``: one review PDF -> tables/*.csv, references.csv, report.json, warnings.csv."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from litcurate.cli import Command
from litcurate.errors import ExtractionError, TableInvalid

WARNINGS_FILE = "extract_warnings.csv"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's options."""
    parser.add_argument("--pdf", required=True, help="the review PDF")
    parser.add_argument("--review-id", required=True, help="review identifier, e.g. maher2017")
    parser.add_argument("--outdir", required=True, help="folder for tables/, references.csv, report.json")
    parser.add_argument("--hints", default=None, help='optional JSON, e.g. {"pages": [4, 5], "caption": "Summary"}')


def failure_report(review_id: str, pdf: str, error: str) -> dict:
    """The report.json of an extraction that failed."""
    return {
        "review_id": review_id, "pdf": Path(pdf).name, "status": "failed", "error": error,
        "tables": [], "skipped": [], "warnings": [],
    }  # fmt: skip


def run(args: argparse.Namespace) -> int:
    """Extract and write; on an unusable PDF write a "failed" report.json and raise."""
    from litcurate.extract.review import extract_review, write_extraction
    from litcurate.io import write_json
    from litcurate.warnings import StageWarning, write_warnings

    hints = json.loads(args.hints) if args.hints else None
    outdir = Path(args.outdir)
    try:
        extraction = extract_review(args.pdf, args.review_id, hints)
        write_extraction(extraction, outdir)
    except (ExtractionError, TableInvalid) as exc:
        write_json(outdir / "report.json", failure_report(args.review_id, args.pdf, str(exc)))
        failed = StageWarning("extract", f"extraction failed: {exc}", args.review_id)
        write_warnings(outdir / WARNINGS_FILE, [failed], file=outdir / "report.json")
        raise
    write_warnings(outdir / WARNINGS_FILE, extraction.warnings, file=outdir / "report.json")
    n = len(extraction.tables)
    print(f"{args.review_id}: {n} trial table(s), {len(extraction.references)} references -> {args.outdir}")
    return 0


extract = Command(
    help="extract trial tables and the reference list from one review PDF",
    add_arguments=add_arguments,
    run=run,
    error_status=2,
)
