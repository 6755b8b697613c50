"""Benchmark the table extractor against a plain pdfplumber ``extract_tables()`` baseline.

For the five real review PDFs (when ../shared/review-pdfs exists) and the project's
fixture layouts built from the facts files, print pages per second and cell-level
accuracy against the facts for both readers, side by side.

    python bench/bench_extract.py [--layouts ruled_grid,unruled,...]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import pdfplumber
import yaml
from rapidfuzz import fuzz

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from fixtures.pdfbuilder import LAYOUTS, build_review_pdf, load_facts  # noqa: E402
from litcurate.extract import extract_review  # noqa: E402
from litcurate.extract.accuracy import collapse, expected_rows, table_accuracy  # noqa: E402

PDF_DIR = REPO.parent / "shared" / "review-pdfs"
FACTS_DIR = REPO / "resources" / "facts"
FIXTURE_REVIEWS = ["zhao2018", "maher2017", "orhurhu2019"]


def trial_tables(facts: dict) -> list[dict]:
    return [t for t in facts["tables"] if t["kind"] == "trial"]


def ours(pdf: Path, review: str, facts: dict) -> tuple[float, int, int]:
    start = time.perf_counter()
    extraction = extract_review(pdf, review)
    seconds = time.perf_counter() - start
    exact = total = 0
    for table in trial_tables(facts):
        acc = table_accuracy(extraction.tables.get(table["table_id"]), table)
        exact += acc["cells_exact"]
        total += acc["cells"]
    return seconds, exact, total


def _clean(cell) -> str:
    return collapse(str(cell or "").replace("\n", " "))


def baseline(pdf: Path, facts: dict) -> tuple[float, int, int]:
    """pdfplumber's own table finder; each expected row matched to its most similar found row."""
    start = time.perf_counter()
    with pdfplumber.open(pdf) as doc:
        found = [[_clean(c) for c in row] for page in doc.pages for t in page.extract_tables() for row in t]
    seconds = time.perf_counter() - start
    exact = total = 0
    for table in trial_tables(facts):
        header, rows, _ = expected_rows(table)
        candidates = [r for r in found if len(r) == len(header) and r != header]
        for want in rows:
            total += len(want)
            if not candidates:
                continue
            best = max(candidates, key=lambda r: fuzz.ratio(" ".join(r), " ".join(want)))
            exact += sum(1 for g, w in zip(best, want) if g == w)
    return seconds, exact, total


def bench_one(name: str, pdf: Path, review: str, facts: dict) -> tuple[int, tuple, tuple]:
    with pdfplumber.open(pdf) as doc:
        pages = len(doc.pages)
    a = ours(pdf, review, facts)
    b = baseline(pdf, facts)
    print(
        f"{name:<34} {pages:>5} {pages / a[0]:>8.1f} {a[1] / max(a[2], 1):>8.1%} {pages / b[0]:>8.1f} {b[1] / max(b[2], 1):>8.1%}"
    )
    return pages, a, b


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--layouts", default=",".join(LAYOUTS), help="comma-separated fixture layouts")
    args = parser.parse_args(argv)
    print(f"{'input':<34} {'pages':>5} {'ours p/s':>8} {'ours acc':>8} {'base p/s':>8} {'base acc':>8}")
    totals = {"real": [], "fixtures": []}
    if PDF_DIR.is_dir():
        for pdf in sorted(PDF_DIR.glob("*.pdf")):
            facts_path = FACTS_DIR / f"{pdf.stem}.yaml"
            if facts_path.exists():
                facts = yaml.safe_load(facts_path.read_text(encoding="utf-8"))
                totals["real"].append(bench_one(f"real/{pdf.stem}", pdf, pdf.stem, facts))
    else:
        print(f"(real PDFs skipped: {PDF_DIR} not found)")
    with tempfile.TemporaryDirectory() as tmp:
        for review in FIXTURE_REVIEWS:
            facts = load_facts(FACTS_DIR / f"{review}.yaml")
            for layout in args.layouts.split(","):
                pdf = Path(tmp) / f"{review}_{layout}.pdf"
                build_review_pdf(facts, pdf, LAYOUTS[layout])
                totals["fixtures"].append(bench_one(f"{layout}/{review}", pdf, review, facts))
    for group, runs in totals.items():
        if not runs:
            continue
        pages = sum(r[0] for r in runs)
        a_s, a_ok, a_n = (sum(r[1][i] for r in runs) for i in range(3))
        b_s, b_ok, b_n = (sum(r[2][i] for r in runs) for i in range(3))
        print(
            f"{'TOTAL ' + group:<34} {pages:>5} {pages / a_s:>8.1f} {a_ok / a_n:>8.1%} {pages / b_s:>8.1f} {b_ok / b_n:>8.1%}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
