"""``litcurate publish`` and ``litcurate nightly``: publish a finished run, or rerun and publish."""

from __future__ import annotations

import argparse

from litcurate.cli import Command
from litcurate.publish.guard import DEFAULT_MAX_DROP


def add_publish_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of ``litcurate publish``."""
    parser.add_argument("--results", default="results", help="the workflow's results folder (default: results)")
    parser.add_argument("--published", required=True, help="the published folder (created on first use)")
    parser.add_argument("--label", help="version label (default: the search's run date, YYYY-MM-DD[-N])")
    add_drop_arguments(parser)


def add_drop_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the drop guard's options (publish and nightly)."""
    parser.add_argument(
        "--max-drop",
        type=float,
        default=DEFAULT_MAX_DROP,
        help="largest share of the current version's records or studies a run may remove (default: 0.1)",
    )
    parser.add_argument("--allow-drop", action="store_true", help="publish even if the run removes more")


def run_publish(args: argparse.Namespace) -> int:
    """Publish ``args.results``; print what the publication did."""
    from litcurate.publish.step import publish_run

    publication = publish_run(
        args.results, args.published, label=args.label, max_drop=args.max_drop, allow_drop=args.allow_drop
    )
    print(publication.summary())
    return 0


def add_nightly_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of ``litcurate nightly``."""
    parser.add_argument("--configfile", required=True, help="the project's config YAML")
    parser.add_argument("--published", required=True, help="the published folder (created on first use)")
    parser.add_argument("--cores", type=int, default=1, help="cores for Snakemake (default: 1)")
    parser.add_argument("--snakefile", help="the workflow's Snakefile (default: the project's, else litcurate's)")
    parser.add_argument("--directory", default=".", help="the project folder to run in (default: .)")
    add_drop_arguments(parser)


def run_nightly(args: argparse.Namespace) -> int:
    """Rerun the workflow with a fresh search and publish it; 0 on success, 1 otherwise."""
    from litcurate.publish.nightly import run_nightly as nightly_run

    return nightly_run(
        args.configfile,
        args.published,
        cores=args.cores,
        snakefile=args.snakefile,
        directory=args.directory,
        max_drop=args.max_drop,
        allow_drop=args.allow_drop,
    )


publish = Command(
    help="check a finished run and publish it as a new version (versions/<label>, current, CHANGELOG.md)",
    add_arguments=add_publish_arguments,
    run=run_publish,
    error_status=1,
)
nightly = Command(
    help="run the workflow (search forced) and publish the run; a failed night publishes nothing",
    add_arguments=add_nightly_arguments,
    run=run_nightly,
    error_status=1,
)
