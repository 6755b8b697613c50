"""``litcurate dedup IN --out OUT``: mark duplicate records of a citation export."""
from __future__ import annotations

import argparse
import sys

from litcurate.io import read_csv, write_json
from litcurate.link.citation_files import FORMATS, CitationFileError, read_citations
from litcurate.link.dedup import dedup_frame
from litcurate.link.linker import DEFAULT_AUTO_THRESHOLD, DEFAULT_REVIEW_THRESHOLD
from litcurate.schemas.dedup import DEDUP_OUTPUT, DEDUP_PAIRS
from litcurate.validate import TableInvalid, write_validated_csv

HELP = (
    "Find duplicate records in a RIS, MEDLINE (.nbib) or CSV citation export and write "
    "ID,cluster_id,kept (kept=1 for the most complete record of each cluster)."
)
PROGRESS_MIN_RECORDS = 2000


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", metavar="IN", help="citation export (.ris, .nbib/.medline or .csv)")
    parser.add_argument("--out", required=True, metavar="OUT", help="output CSV: ID,cluster_id,kept")
    parser.add_argument("--format", choices=("auto",) + FORMATS, default="auto", help="input format (default: detect)")
    parser.add_argument("--pairs", metavar="CSV", help="also write the scored pairs (merge/review) with reasons")
    parser.add_argument("--overrides", metavar="CSV", help="CSV id_a,id_b,decision (same|different) that always wins")
    parser.add_argument("--auto-threshold", type=float, default=DEFAULT_AUTO_THRESHOLD, help="score to merge automatically (default %(default)s)")
    parser.add_argument("--review-threshold", type=float, default=DEFAULT_REVIEW_THRESHOLD, help="score to list a pair for review (default %(default)s)")
    parser.add_argument("--stats", metavar="JSON", help="also write run statistics (pairs examined, clusters, seconds)")
    parser.add_argument("--quiet", action="store_true", help="no progress messages on stderr")


def _read_overrides(path: str) -> list[tuple[str, str, str]]:
    frame = read_csv(path).fillna("")
    missing = {"id_a", "id_b", "decision"} - set(frame.columns)
    if missing:
        raise CitationFileError(f"{path}: missing column(s) {', '.join(sorted(missing))}; expected id_a,id_b,decision")
    return list(frame[["id_a", "id_b", "decision"]].itertuples(index=False, name=None))


def run(args: argparse.Namespace) -> int:
    def progress(message: str) -> None:
        print(f"litcurate dedup: {message}", file=sys.stderr, flush=True)

    try:
        citations = read_citations(args.input, args.format)
        overrides = _read_overrides(args.overrides) if args.overrides else []
        verbose = not args.quiet and len(citations) >= PROGRESS_MIN_RECORDS
        if verbose:
            progress(f"read {len(citations)} records from {args.input}")
        result = dedup_frame(
            citations, args.auto_threshold, args.review_threshold, overrides, progress if verbose else None
        )
        write_validated_csv(args.out, result.table, DEDUP_OUTPUT)
        if args.pairs:
            write_validated_csv(args.pairs, result.pairs, DEDUP_PAIRS)
        if args.stats:
            write_json(args.stats, result.stats)
    except (CitationFileError, TableInvalid, ValueError) as exc:
        print(f"litcurate dedup: error: {exc}", file=sys.stderr)
        return 2
    if not args.quiet:
        stats = result.stats
        progress(
            f"{stats['records']} records, {stats['candidate_pairs']} pairs examined, "
            f"{stats['clusters']} clusters, {stats['duplicates_removed']} duplicates -> {args.out}"
        )
    return 0
