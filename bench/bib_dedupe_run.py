"""Run bib-dedupe on one labelled CSV and write ``ID,cluster_id,kept`` (bench helper).

Runs inside bib-dedupe's own venv (``.bench-venvs/bib-dedupe``), never in litcurate's:

    .bench-venvs/bib-dedupe/bin/python bench/bib_dedupe_run.py IN.csv OUT.csv

Only bib-dedupe's documented steps are called (prep, block, match, cluster); the record
kept for a cluster is its smallest ID, as ``litcurate dedup`` names its clusters. The
seconds spent in bib-dedupe (reading excluded) are printed as the last line of stdout.
"""

from __future__ import annotations

import sys
import time

import pandas as pd
from bib_dedupe.bib_dedupe import block, cluster, match, prep


def main(source: str, out: str) -> int:
    records = pd.read_csv(source, dtype=str, keep_default_na=False)
    started = time.perf_counter()
    matched = match(block(prep(records, verbosity_level=0, cpu=1), verbosity_level=0, cpu=1), cpu=1)
    groups = cluster(matched, verbosity_level=0)
    seconds = time.perf_counter() - started
    cluster_of = {id_: id_ for id_ in records["ID"]}
    for group in groups:
        name = min(group)
        for id_ in group:
            cluster_of[id_] = name
    table = pd.DataFrame({"ID": records["ID"], "cluster_id": records["ID"].map(cluster_of)})
    table["kept"] = (table["ID"] == table["cluster_id"]).astype(int)
    table.to_csv(out, index=False)
    print(f"{seconds:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
