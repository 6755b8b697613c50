"""Table extraction on random mixes of the test PDF builder's layout features.

The named fixture layouts (bench/bench_extract.py) each change one or two things; a
reviewer's PDF mixes them. This bench draws, with a fixed seed, a mix for each of N
documents per review:
- rules;
- orientation;
- one or two page columns;
- shaded rows;
- split halves, with or without the label column repeated;
- rows per page;
- type size;
- caption style;
- page size;
- margins.
It builds each document from the review's transcribed facts and prints, for every trial
table, the study rows found and the cell accuracy. Plain pdfplumber ``extract_tables()``
(each expected row matched to its most similar found row) is measured beside it. Then it
prints the totals.

    .venv/bin/python bench/bench_extract_mixes.py                 # seed 7, 8 mixes per review
    .venv/bin/python bench/bench_extract_mixes.py --seed 11 --per-review 8
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

from reportlab.lib.pagesizes import A4, LETTER

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "bench"))

from bench_extract import baseline  # noqa: E402
from fixtures.pdfbuilder import Layout, build_review_pdf, load_facts  # noqa: E402
from litcurate.extract import extract_review  # noqa: E402
from litcurate.extract.accuracy import table_accuracy  # noqa: E402

FACTS_DIR = REPO / "resources" / "facts"
REVIEWS = ("zhao2018", "maher2017", "orhurhu2019", "cohen2018", "lii2023")


def draw_mix(rng: random.Random) -> dict:
    """One random mix of layout features (the same seed draws the same mixes)."""
    mix = {
        "rules": rng.choice(["booktabs", "ruled", "unruled"]),
        "orientation": rng.choice(["portrait", "landscape", "rotated"]),
        "columns": rng.choice([1, 2]),
        "zebra": rng.random() < 0.3,
        "split_halves": rng.random() < 0.2,
        "rows_per_page": rng.choice([None, None, 2, 3, 5]),
        "font_size": rng.choice([6.0, 7.0, 8.0, 9.0]),
        "continued_caption": rng.choice(["dot", "paren", "full"]),
        "page_size": rng.choice([A4, LETTER]),
        "margin": rng.choice([36.0, 50.0, 72.0]),
    }
    if mix["split_halves"]:
        mix["repeat_label_column"] = rng.random() < 0.7
    return mix


def describe(mix: dict) -> str:
    shown = {k: v for k, v in mix.items() if k != "page_size" and v is not None and v is not False}
    if shown.get("columns") == 1:
        del shown["columns"]
    shown["page"] = "A4" if mix["page_size"] == A4 else "Letter"
    return " ".join(f"{k}={v}" for k, v in shown.items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--per-review", type=int, default=8)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    tables = rows_right = below = 0
    ours_exact = ours_total = base_exact = base_total = 0
    print(f"{'document / table':<28} {'rows':>7} {'ours':>7} {'base':>7}  mix")
    with tempfile.TemporaryDirectory() as tmp:
        for review in REVIEWS:
            facts = load_facts(FACTS_DIR / f"{review}.yaml")
            for n in range(args.per_review):
                mix = draw_mix(rng)
                pdf = Path(tmp) / f"{review}-{n}.pdf"
                build_review_pdf(facts, pdf, Layout(f"mix-{n}", **mix))
                extraction = extract_review(pdf, review)
                _, b_exact, b_total = baseline(pdf, facts)
                base_exact, base_total = base_exact + b_exact, base_total + b_total
                for table in (t for t in facts["tables"] if t["kind"] == "trial"):
                    acc = table_accuracy(extraction.tables.get(table["table_id"]), table)
                    tables += 1
                    rows_right += acc["rows_found"] == acc["rows_expected"]
                    below += acc["cell_accuracy"] < 0.99
                    ours_exact, ours_total = ours_exact + acc["cells_exact"], ours_total + acc["cells"]
                    print(
                        f"{review + '-' + str(n) + ' ' + table['table_id']:<28} "
                        f"{acc['rows_found']:>3}/{acc['rows_expected']:<3} {acc['cell_accuracy']:>7.1%} "
                        f"{b_exact / max(b_total, 1):>7.1%}  {describe(mix)}"
                    )
    print(
        f"TOTAL seed {args.seed}: {tables} tables, rows all found in {rows_right}, {below} below 99 % of cells; "
        f"cells litcurate {ours_exact / max(ours_total, 1):.1%}, pdfplumber {base_exact / max(base_total, 1):.1%}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
