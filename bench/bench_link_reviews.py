"""Link accuracy on the five demo reviews against hand labels.

Runs the real workflow on the embedded demo in a temporary folder, once with the demo's
reviewer overrides (config/link_overrides.tsv) and once without, and prints pairwise
precision and recall of table rows put in one publication and in one study
(tests/data/link_truth.tsv), of reference entries put in one publication across and within
the reviews' reference lists (tests/data/link_reference_truth.tsv), with wall time.

    .venv/bin/python bench/bench_link_reviews.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

from litcurate.io import read_csv  # noqa: E402
from litcurate.link.accuracy import (  # noqa: E402
    link_accuracy,
    read_reference_truth,
    read_truth,
    reference_link_accuracy,
)


def run_demo(workdir: Path, overrides: bool) -> float:
    for name in ("config", "resources"):
        shutil.copytree(REPO / name, workdir / name)
    if not overrides:
        (workdir / "config" / "link_overrides.tsv").unlink()
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "snakemake", "-s", str(REPO / "Snakefile"), "-d", str(workdir), "--cores", "2"],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def main() -> int:
    truth = read_truth(REPO / "tests" / "data" / "link_truth.tsv")
    reference_truth = read_reference_truth(REPO / "tests" / "data" / "link_reference_truth.tsv")
    print(f"{len(truth)} labelled table rows and {len(reference_truth)} reference entries from 5 reviews")
    for overrides in (True, False):
        with tempfile.TemporaryDirectory() as tmp:
            seconds = run_demo(Path(tmp), overrides)
            report = link_accuracy(read_csv(Path(tmp) / "results/link/review_rows.csv"), truth)
            report["references"] = reference_link_accuracy(
                read_csv(Path(tmp) / "results/link/references.csv"), reference_truth
            )
        label = "with reviewer overrides" if overrides else "linker alone"
        for level, scores in report.items():
            print(
                f"{label:24s} {level:11s} precision {scores['precision']:.4f} recall {scores['recall']:.4f} "
                f"({scores['correct_pairs']}/{scores['true_pairs']} true pairs, {scores['predicted_pairs']} predicted)"
            )
        print(f"{label:24s} workflow wall time {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
