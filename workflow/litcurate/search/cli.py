"""``litcurate search``: run the configured PubMed search (live or snapshot)."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from litcurate.cli import Command
from litcurate.errors import ConfigError, LitcurateError, SearchError

log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's options."""
    parser.add_argument("--config", required=True, help="workflow config YAML with a 'pubmed' section")
    parser.add_argument("--xml", help="output: raw PubMed XML (PubmedArticleSet); required without --refresh")
    parser.add_argument("--log", help="output: search_log.json (PRISMA-S); required without --refresh")
    parser.add_argument("--records", help="output: records CSV parsed from the XML (optional)")
    parser.add_argument(
        "--refresh",
        metavar="STATE_DIR",
        help="incremental mode: merge records entered since the last run into STATE_DIR",
    )


def load_config(path: str) -> dict:
    """The YAML mapping in ``path``; an unreadable or non-mapping file is a ConfigError naming it."""
    import yaml

    try:
        with open(path, encoding="utf-8") as handle:
            config = yaml.safe_load(handle)
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: {str(exc).splitlines()[0]}") from None
    if not isinstance(config, dict):
        raise ConfigError(f"{path}: not a YAML mapping")
    return config


def run(args: argparse.Namespace) -> int:
    """Search (or refresh) and write the outputs; errors are raised as LitcurateError."""
    # Imported here so that `litcurate --help` does not load pandas.
    from litcurate.search.pubmed.medline_xml import write_records
    from litcurate.search.pubmed.refresh import run_refresh
    from litcurate.search.pubmed.search import run_search

    if not args.refresh and not (args.xml and args.log):
        raise ConfigError("--xml and --log are required (or give --refresh STATE_DIR)")
    config = load_config(args.config)
    try:
        if args.refresh:
            diff = run_refresh(config, args.refresh)
            log.info(
                "refresh: %d new, %d changed, %s records in %s",
                len(diff["new"]), len(diff["changed"]), diff["records_after"], Path(args.refresh),
            )  # fmt: skip
            return 0
        result = run_search(config, args.xml, args.log)
        if args.records:
            write_records(args.xml, args.records)
    except (ValueError, OSError) as exc:  # not a LitcurateError: a file or value the search could not use
        if isinstance(exc, LitcurateError):
            raise
        raise SearchError(str(exc).splitlines()[0]) from exc
    log.info("search: %s/%s records written to %s", result["count_retrieved"], result["count_reported"], args.xml)
    return 0


search = Command(
    help="search PubMed (or a saved snapshot) and write the raw XML, the PRISMA-S log and records",
    add_arguments=add_arguments,
    run=run,
    error_status=1,
)
