"""``litcurate extract``: one review PDF -> tables/*.csv, references.csv, report.json."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from litcurate.extract.pdf_open import ExtractionError
from litcurate.extract.review import extract_review, write_extraction
from litcurate.io import write_json
from litcurate.validate import TableInvalid

HELP = "extract trial tables and the reference list from one review PDF"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pdf", required=True, help="the review PDF")
    parser.add_argument("--review-id", required=True, help="review identifier, e.g. maher2017")
    parser.add_argument("--outdir", required=True, help="folder for tables/, references.csv, report.json")
    parser.add_argument("--hints", default=None, help='optional JSON, e.g. {"pages": [4, 5], "caption": "Summary"}')


def failure_report(review_id: str, pdf: str, error: str) -> dict:
    return {"review_id": review_id, "pdf": Path(pdf).name, "status": "failed", "error": error,
            "tables": [], "skipped": [], "warnings": []}


def run(args: argparse.Namespace) -> int:
    """Extract and write; on an unusable PDF write a "failed" report.json and return 2."""
    hints = json.loads(args.hints) if args.hints else None
    try:
        extraction = extract_review(args.pdf, args.review_id, hints)
        write_extraction(extraction, args.outdir)
    except (ExtractionError, TableInvalid) as exc:
        write_json(Path(args.outdir) / "report.json", failure_report(args.review_id, args.pdf, str(exc)))
        print(f"litcurate extract: {exc}", file=sys.stderr)
        return 2
    n = len(extraction.tables)
    print(f"{args.review_id}: {n} trial table(s), {len(extraction.references)} references -> {args.outdir}")
    return 0
