"""``litcurate search``: run the configured PubMed search (live or snapshot)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from litcurate.validate import TableInvalid

HELP = "search PubMed (or a saved snapshot) and write the raw XML, the PRISMA-S log and records"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", required=True, help="workflow config YAML with a 'pubmed' section")
    parser.add_argument("--xml", help="output: raw PubMed XML (PubmedArticleSet); required without --refresh")
    parser.add_argument("--log", help="output: search_log.json (PRISMA-S); required without --refresh")
    parser.add_argument("--records", help="output: records CSV parsed from the XML (optional)")
    parser.add_argument("--refresh", metavar="STATE_DIR",
                        help="incremental mode: merge records entered since the last run into STATE_DIR")


def _load_config(path: str) -> dict:
    with open(path, encoding="utf-8") as handle:
        config = yaml.safe_load(handle)
    if not isinstance(config, dict):
        raise ValueError(f"{path}: not a YAML mapping")
    return config


def run(args: argparse.Namespace) -> int:
    # Imported here so that `litcurate --help` does not load pandas.
    from litcurate.pubmed.errors import SearchError
    from litcurate.pubmed.medline_xml import write_records
    from litcurate.pubmed.refresh import run_refresh
    from litcurate.pubmed.search import run_search

    if not args.refresh and not (args.xml and args.log):
        print("litcurate search: error: --xml and --log are required (or give --refresh STATE_DIR)",
              file=sys.stderr)
        return 2
    try:
        config = _load_config(args.config)
        if args.refresh:
            diff = run_refresh(config, args.refresh)
            print(f"refresh: {len(diff['new'])} new, {len(diff['changed'])} changed, "
                  f"{diff['records_after']} records in {Path(args.refresh)}", file=sys.stderr)
            return 0
        log = run_search(config, args.xml, args.log)
        if args.records:
            write_records(args.xml, args.records)
    except (SearchError, TableInvalid, ValueError, OSError, yaml.YAMLError) as exc:
        message = str(exc).splitlines()[0] if not isinstance(exc, TableInvalid) else str(exc)
        print(f"litcurate search: error: {message}", file=sys.stderr)
        return 1
    print(f"search: {log['count_retrieved']}/{log['count_reported']} records written to {args.xml}",
          file=sys.stderr)
    return 0
