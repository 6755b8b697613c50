"""The ``litcurate`` command: one sub-command per workflow step, plus standalone tools.

Each sub-command lives in its own module exposing ``HELP``, ``add_arguments(parser)``
and ``run(args) -> int``; modules are imported only when their command runs so that
``litcurate --help`` stays fast.
"""
from __future__ import annotations

import argparse
import importlib
import sys

COMMANDS: dict[str, str] = {
    "dedup": "litcurate.link.dedup_cli",
    "nightly": "litcurate.nightly_cli",
    "publish": "litcurate.publish_cli",
    "search": "litcurate.pubmed.search_cli",
}


def _build_parser(selected: str | None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="litcurate", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name, module_name in sorted(COMMANDS.items()):
        if name == selected:
            module = importlib.import_module(module_name)
            cmd = sub.add_parser(name, help=module.HELP, description=module.HELP)
            module.add_arguments(cmd)
            cmd.set_defaults(_run=module.run)
        else:
            sub.add_parser(name, help=f"see 'litcurate {name} --help'")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    selected = next((a for a in argv if not a.startswith("-")), None)
    parser = _build_parser(selected if selected in COMMANDS else None)
    args = parser.parse_args(argv)
    return int(args._run(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
