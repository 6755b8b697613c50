"""``litcurate dedup IN --out OUT``: mark duplicate records of a citation export."""

from __future__ import annotations

import argparse
import logging
import os

from litcurate.cli import Command
from litcurate.errors import CitationFileError, InputError, LitcurateError
from litcurate.io import read_csv, write_json
from litcurate.link.citations.citation_files import FORMATS, read_citations
from litcurate.link.citations.dedup import dedup_frame
from litcurate.link.citations.linker import DEFAULT_AUTO_THRESHOLD, DEFAULT_REVIEW_THRESHOLD
from litcurate.link.citations.scoring import Policy
from litcurate.schemas.dedup import DEDUP_OUTPUT, DEDUP_PAIRS, DEDUP_RELATIONS
from litcurate.validate import write_validated_csv

logger = logging.getLogger(__name__)
PROGRESS_MIN_RECORDS = 2000


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's options."""
    parser.add_argument(
        "input", metavar="IN", help="citation export: RIS, MEDLINE/nbib, EndNote tagged, BibTeX, Web of Science, CSV"
    )
    parser.add_argument("--out", required=True, metavar="OUT", help="output CSV: ID,cluster_id,kept")
    parser.add_argument("--format", choices=("auto",) + FORMATS, default="auto", help="input format (default: detect)")
    parser.add_argument("--pairs", metavar="CSV", help="also write the scored pairs (merge/review) with reasons")
    parser.add_argument("--overrides", metavar="CSV", help="CSV id_a,id_b,decision (same|different) that always wins")
    parser.add_argument(
        "--auto-threshold",
        type=float,
        default=DEFAULT_AUTO_THRESHOLD,
        help="score to merge automatically (default %(default)s)",
    )
    parser.add_argument(
        "--review-threshold",
        type=float,
        default=DEFAULT_REVIEW_THRESHOLD,
        help="score to list a pair for review (default %(default)s)",
    )
    parser.add_argument(
        "--relations", metavar="CSV", help="also write ID,relation,related_id: errata/replies/comments/retractions"
    )
    parser.add_argument(
        "--merge-abstracts", action="store_true", help="count a conference abstract as the full paper's duplicate"
    )
    parser.add_argument("--merge-preprints", action="store_true", help="count a preprint as the paper's duplicate")
    parser.add_argument("--stats", metavar="JSON", help="also write run statistics (pairs examined, clusters, seconds)")
    parser.add_argument("--quiet", action="store_true", help="no progress messages on stderr")


def _read_overrides(path: str) -> list[tuple[str, str, str]]:
    frame = read_csv(path).fillna("")
    missing = {"id_a", "id_b", "decision"} - set(frame.columns)
    if missing:
        raise CitationFileError(f"{path}: missing column(s) {', '.join(sorted(missing))}; expected id_a,id_b,decision")
    return list(frame[["id_a", "id_b", "decision"]].itertuples(index=False, name=None))


def _same_file(a: str, b: str) -> bool:
    """Whether two paths name one file (symlinks and ``..`` followed; a missing file by its path)."""
    if os.path.exists(a) and os.path.exists(b):
        return os.path.samefile(a, b)
    return os.path.realpath(a) == os.path.realpath(b)


def check_outputs(args: argparse.Namespace) -> None:
    """Refuse an output that is an input or another output: the input would be lost."""
    inputs = {"the input IN": args.input, "the input --overrides": args.overrides}
    outputs = {"--out": args.out, "--pairs": args.pairs, "--stats": args.stats}
    seen: dict[str, str] = {}
    for option, path in outputs.items():
        if path is None:
            continue
        for name, given in inputs.items():
            if given is not None and _same_file(path, given):
                raise InputError(f"{option} {path} is {name}; choose another output file (the input is kept)")
        for other, earlier in seen.items():
            if _same_file(path, earlier):
                raise InputError(f"{option} {path} is also {other}; give each output its own file")
        seen[option] = path


def run(args: argparse.Namespace) -> int:
    """Deduplicate ``args.input`` into ``args.out`` (and the optional pairs and stats files)."""
    check_outputs(args)

    def progress(message: str) -> None:
        logger.info("%s", message)

    try:
        citations = read_citations(args.input, args.format)
        overrides = _read_overrides(args.overrides) if args.overrides else []
        verbose = not args.quiet and len(citations) >= PROGRESS_MIN_RECORDS
        if verbose:
            progress(f"read {len(citations)} records from {args.input}")
        policy = Policy(merge_abstracts=args.merge_abstracts, merge_preprints=args.merge_preprints)
        result = dedup_frame(
            citations, args.auto_threshold, args.review_threshold, overrides, progress if verbose else None, policy
        )
    except ValueError as exc:  # thresholds or overrides the linker refuses
        if isinstance(exc, LitcurateError):
            raise
        raise InputError(str(exc)) from None
    write_validated_csv(args.out, result.table, DEDUP_OUTPUT)
    if args.pairs:
        write_validated_csv(args.pairs, result.pairs, DEDUP_PAIRS)
    if args.relations:
        write_validated_csv(args.relations, result.relations, DEDUP_RELATIONS)
    if args.stats:
        write_json(args.stats, result.stats)
    if not args.quiet:
        stats = result.stats
        progress(
            f"{stats['records']} records, {stats['candidate_pairs']} pairs examined, "
            f"{stats['clusters']} clusters, {stats['duplicates_removed']} duplicates -> {args.out}"
        )
    return 0


dedup = Command(
    help=(
        "Find duplicate records in a RIS, MEDLINE (.nbib) or CSV citation export and write "
        "ID,cluster_id,kept (kept=1 for the most complete record of each cluster)."
    ),
    add_arguments=add_arguments,
    run=run,
    error_status=2,
)
