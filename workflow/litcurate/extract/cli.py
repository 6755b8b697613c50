"""``litcurate extract PDF``: what the extractor finds in one review PDF, and optionally its files.

Prints the tables found (pages, rows, columns, label column, why), the tables skipped
and why, the reference list and the warnings, so a user can tune a ``pages`` or
``caption`` hint without running the workflow.  With ``--outdir`` it also writes
tables/*.csv, references.csv, report.json and extract_warnings.csv there.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from litcurate.cli import Command
from litcurate.errors import ExtractionError, TableInvalid

WARNINGS_FILE = "extract_warnings.csv"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's options."""
    parser.add_argument("pdf", help="the review PDF")
    parser.add_argument("--pages", default=None, help="where to look for tables: 4-9 or 4,6,10-12 (1-based)")
    parser.add_argument("--caption", default=None, help="a regular expression the study table's caption matches")
    parser.add_argument("--review-id", default=None, help="review identifier (default: the PDF's name)")
    parser.add_argument("--outdir", default=None, help="also write tables/, references.csv and report.json here")


def failure_report(review_id: str, pdf: str, error: str) -> dict:
    """The report.json of an extraction that failed."""
    return {
        "review_id": review_id, "pdf": Path(pdf).name, "status": "failed", "error": error,
        "tables": [], "skipped": [], "warnings": [],
    }  # fmt: skip


def hints_from(args: argparse.Namespace) -> dict:
    """The reviews-sheet hints given on the command line, checked as the sheet checks them."""
    from litcurate.config import parse_pages

    hints: dict = {}
    if args.pages:
        try:
            hints["pages"] = parse_pages(args.pages)
        except ValueError as exc:
            raise ExtractionError(args.pdf, f"--pages: {exc}") from None
    if args.caption:
        try:
            re.compile(args.caption)
        except re.error as exc:
            raise ExtractionError(args.pdf, f"--caption is not a regular expression: {exc}") from None
        hints["caption"] = args.caption
    return hints


def summary(extraction) -> str:
    """What was found, one line per table, skipped table, reference list and warning."""
    report = extraction.report
    out = [f"{report['pdf']}: {report['page_count']} pages"]
    for table in report["tables"]:
        out.append(
            f"  table {table['table_id']} (pages {', '.join(map(str, table['pages']))}): "
            f"{table['rows']} study rows x {len(table['columns'])} columns; label column "
            f"{table['label_column']!r}; {table['caption'][:90]}"
        )
        out.append(f"    columns: {' | '.join(table['columns'])}")
    for table in report["skipped"]:
        out.append(f"  skipped {table['table_id']} (pages {', '.join(map(str, table['pages']))}): {table['reason']}")
    refs = extraction.references
    numbers = f", numbered {refs['ref_no'].min()}-{refs['ref_no'].max()}" if len(refs) else ""
    out.append(f"  references: {len(refs)} entries{numbers}")
    out.extend(f"  warning: {w}" for w in report["warnings"])
    if not report["tables"]:
        out.append(
            "  no study table found: try --pages with the table's pages, or --caption with a word of its caption"
        )
    return "\n".join(out)


def run(args: argparse.Namespace) -> int:
    """Extract, print what was found, and write the files when ``--outdir`` is given."""
    from litcurate.extract.review import extract_review, write_extraction
    from litcurate.io import write_json
    from litcurate.warnings import StageWarning, write_warnings

    review_id = args.review_id or Path(args.pdf).stem
    outdir = Path(args.outdir) if args.outdir else None
    try:
        extraction = extract_review(args.pdf, review_id, hints_from(args))
        if outdir is not None:
            write_extraction(extraction, outdir)
    except (ExtractionError, TableInvalid) as exc:
        if outdir is not None:
            write_json(outdir / "report.json", failure_report(review_id, args.pdf, str(exc)))
            failed = StageWarning("extract", f"extraction failed: {exc}", review_id)
            write_warnings(outdir / WARNINGS_FILE, [failed], file=outdir / "report.json")
        raise
    if outdir is not None:
        write_warnings(outdir / WARNINGS_FILE, extraction.warnings, file=outdir / "report.json")
    sys.stdout.write(summary(extraction) + "\n")
    return 0 if extraction.tables else 1


extract = Command(
    help="show the study tables and reference list found in one review PDF (--outdir writes them)",
    add_arguments=add_arguments,
    run=run,
    error_status=2,
)
