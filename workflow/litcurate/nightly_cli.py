"""``litcurate nightly``: rerun the workflow with a fresh search and publish it if it succeeds."""
from __future__ import annotations

import argparse

HELP = "run the workflow (search forced) and publish the run; a failed night publishes nothing"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--configfile", required=True, help="the project's config YAML")
    parser.add_argument("--published", required=True, help="the published folder (created on first use)")
    parser.add_argument("--cores", type=int, default=1, help="cores for Snakemake (default: 1)")
    parser.add_argument("--snakefile", help="the workflow's Snakefile (default: the project's, else litcurate's)")
    parser.add_argument("--directory", default=".", help="the project folder to run in (default: .)")


def run(args: argparse.Namespace) -> int:
    from litcurate.logs import step_log
    from litcurate.nightly import run_nightly

    with step_log(None):
        return run_nightly(args.configfile, args.published, cores=args.cores,
                           snakefile=args.snakefile, directory=args.directory)
