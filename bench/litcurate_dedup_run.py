"""Run ``litcurate dedup`` once and print its own seconds (bench helper, twin of bib_dedupe_run.py).

    .venv/bin/python bench/litcurate_dedup_run.py IN.csv OUT.csv [dedup options]

It runs what the ``litcurate`` program runs (``litcurate.cli.console``), so its whole wall
time is a user's; the seconds printed as the last line of stdout start after the command's
imports (start-up), as bib-dedupe's start after its own, and cover reading, deduplicating,
validating and writing.
"""

from __future__ import annotations

import sys
import time

from litcurate.cli import console, load_command


def run(source: str, out: str, *options: str) -> int:
    """One timed ``litcurate dedup SOURCE --out OUT``."""
    load_command("dedup")  # the imports console() does first; the clock starts after them
    started = time.perf_counter()
    code = console(["dedup", source, "--out", out, "--quiet", *options])
    print(f"{time.perf_counter() - started:.3f}")
    return code


if __name__ == "__main__":
    sys.exit(run(*sys.argv[1:]))
