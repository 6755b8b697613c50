"""Benchmark the export readers: 100,000 synthetic RIS records parsed and deduplicated.

    python bench/bench_imports.py                 # 100,000 records
    python bench/bench_imports.py --records 20000

The records come from ``bench_dedup.synthetic_frame`` (fixed seed, every one marked synthetic:
IDs ``synthetic-...``, made-up words, DOIs under the 10.5555 test prefix, ~25 % noisy duplicates)
and are written as one RIS file. Two readers each run in a fresh process, so that its peak
memory (ru_maxrss) is its own: this branch's ``litcurate.search.imports`` and the previous
reader, ``litcurate/link/citations/citation_files.py`` as it is on git ``main`` (loaded from
``git show``; no copy of it is kept). Each process parses the file, then deduplicates what it
read with the same engine, and scores the clusters against the synthetic truth.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PREVIOUS = "main:workflow/litcurate/link/citations/citation_files.py"


def write_ris(frame, path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row in frame.itertuples(index=False):
            out.write("TY  - JOUR\n")
            out.write(f"ID  - {row.ID}\n")
            for author in str(row.author).split(" and "):
                if author.strip():
                    out.write(f"AU  - {author.strip()}\n")
            for tag, value in (("TI", row.title), ("PY", row.year), ("JO", row.journal), ("VL", row.volume)):
                if str(value).strip():
                    out.write(f"{tag}  - {value}\n")
            for tag, value in (("IS", row.number), ("SP", row.pages), ("DO", row.doi)):
                if str(value).strip():
                    out.write(f"{tag}  - {value}\n")
            out.write("ER  - \n\n")


def _previous_reader():
    source = subprocess.run(["git", "-C", str(REPO), "show", PREVIOUS], capture_output=True, text=True, check=True)
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as handle:
        handle.write(source.stdout)
    spec = importlib.util.spec_from_file_location("previous_citation_files", handle.name)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.read_citations


def _rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def worker(reader_name: str, ris: Path, truth_path: Path) -> dict:
    """Parse and deduplicate in this process; return times, peak memory and scores."""
    from litcurate.link.citations.dedup import dedup_frame
    from litcurate.link.citations.evaluate import pairwise

    if reader_name == "previous":
        read = _previous_reader()
    else:
        from litcurate.search.imports import read_citations as read
    baseline = _rss_mb()
    started = time.perf_counter()
    citations = read(ris)
    parse_seconds = time.perf_counter() - started
    parse_peak = _rss_mb()
    started = time.perf_counter()
    result = dedup_frame(citations)
    dedup_seconds = time.perf_counter() - started
    truth = json.loads(truth_path.read_text())
    scores = pairwise(dict(zip(result.table["ID"], result.table["cluster_id"])), truth)
    return {
        "reader": reader_name,
        "records": len(citations),
        "parse_seconds": round(parse_seconds, 2),
        "parse_peak_mb": parse_peak,
        "baseline_mb": baseline,
        "dedup_seconds": round(dedup_seconds, 2),
        "peak_mb": _rss_mb(),
        "precision": round(scores["precision"], 4),
        "recall": round(scores["recall"], 4),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--worker", nargs=3, metavar=("READER", "RIS", "TRUTH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        name, ris, truth = args.worker
        print(json.dumps(worker(name, Path(ris), Path(truth))))
        return 0
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_dedup import synthetic_frame

    frame, truth = synthetic_frame(args.records)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        ris, truth_path = Path(tmp) / "synthetic.ris", Path(tmp) / "truth.json"
        write_ris(frame, ris)
        truth_path.write_text(json.dumps(truth))
        size_mb = ris.stat().st_size / 2**20
        for name in ("litcurate", "previous"):
            done = subprocess.run(
                [sys.executable, __file__, "--worker", name, str(ris), str(truth_path)], capture_output=True, text=True
            )
            if done.returncode != 0:
                print(done.stderr, file=sys.stderr)
                return done.returncode
            rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(f"{args.records} synthetic RIS records ({size_mb:.1f} MiB), parsed then deduplicated, one process each")
    print(
        f"{'reader':<11}{'records':>9}{'parse s':>9}{'parse MB':>10}{'dedup s':>9}{'peak MB':>9}"
        f"{'precision':>11}{'recall':>8}"
    )
    for r in rows:
        print(
            f"{r['reader']:<11}{r['records']:>9}{r['parse_seconds']:>9.2f}{r['parse_peak_mb']:>10.1f}"
            f"{r['dedup_seconds']:>9.2f}{r['peak_mb']:>9.1f}{r['precision']:>11.4f}{r['recall']:>8.4f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
