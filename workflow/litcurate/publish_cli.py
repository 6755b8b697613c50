"""``litcurate publish``: publish a finished run as a new version of the dataset."""
from __future__ import annotations

import argparse
import sys

HELP = "check a finished run and publish it as a new version (versions/<label>, current, CHANGELOG.md)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--results", default="results", help="the workflow's results folder (default: results)")
    parser.add_argument("--published", required=True, help="the published folder (created on first use)")
    parser.add_argument("--label", help="version label (default: the search's run date, YYYY-MM-DD[-N])")


def run(args: argparse.Namespace) -> int:
    from litcurate.publish import PublishError, publish_run

    try:
        publication = publish_run(args.results, args.published, label=args.label)
    except PublishError as exc:
        print(f"litcurate publish: error: {exc}", file=sys.stderr)
        return 1
    print(publication.summary())
    return 0
