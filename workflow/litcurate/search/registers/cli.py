"""``litcurate registers``: search the trial registers a config's ``registers`` section names."""

from __future__ import annotations

import argparse
import logging

from litcurate.cli import Command
from litcurate.errors import ConfigError

log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's options."""
    parser.add_argument("--config", required=True, help="workflow config YAML with a 'registers' section")
    parser.add_argument("--records", required=True, help="output: register records CSV (one row per trial)")
    parser.add_argument("--log", required=True, help="output: registers_log.json (PRISMA-S entry per register)")
    parser.add_argument(
        "--studies", help="output: ClinicalTrials.gov studies as received (snapshot layout, replayable offline)"
    )


def run(args: argparse.Namespace) -> int:
    """Search every configured register and write the outputs; errors are raised as LitcurateError."""
    from litcurate.search.cli import load_config
    from litcurate.search.registers.search import enabled, write_registers

    config = load_config(args.config)
    if not enabled(config.get("registers")):
        raise ConfigError(f"{args.config}: key 'registers': expected clinicaltrials_gov or ictrp to be set")
    result = write_registers(config["registers"], args.records, args.log, args.studies)
    for entry in result.logs:
        log.info("%s: %s records", entry["database"], entry["count_retrieved"])
    for problem in result.problems:
        log.warning("%s", problem)
    log.info("registers: %d records written to %s", len(result.records), args.records)
    return 0


registers = Command(
    help="search the configured trial registers (ClinicalTrials.gov live or snapshot, WHO ICTRP exports)",
    add_arguments=add_arguments,
    run=run,
    error_status=1,
)
