"""Table extraction on the 13 real journal PDFs, scored against the hand-made gold.

For every PDF in ``<shared>/real-pdfs`` with a gold file in ``tests/data/real_pdfs`` it
prints, per reader, whether each gold trial table was found, study rows matched / gold /
extracted, cell accuracy (exact and whitespace-insensitive), citation numbers right,
references right and pages per second; then totals (macro and micro cell accuracy).
The readers:

* litcurate  -- ``extract_review`` with no hints (finds its tables itself, whole PDF);
* pdfplumber -- ``page.extract_tables()`` on the gold table's pages, all grids concatenated;
* camelot stream / lattice -- ``camelot.read_pdf`` on the same pages, run by
  ``bench/camelot_tables.py`` in its own venv (never a project dependency).

Then the negatives (tables litcurate reports on the primary studies; should be 0) and a
memory/speed check: a 300-page PDF made by repeating the real PDFs' pages, read by
``extract_review`` and, as the baseline, by plain pdfplumber (open + ``extract_words`` of
every page), each in its own subprocess; its peak RSS comes from ``os.wait4``'s rusage.
Scoring rules live in ``litcurate.extract.gold``.

Rerun (from the repository root; ``<shared>`` is $LITCURATE_SHARED or ../shared):

    python3 -m venv .bench-venvs/camelot
    .bench-venvs/camelot/bin/pip install camelot-py==2.0.0 opencv-python-headless==5.0.0.93 \\
        playa-pdf==1.1.0 pypdfium2==5.15.2 pandas==3.1.1 numpy==2.4.6 pillow==13.0.0
    .venv/bin/python bench/bench_extract_real.py            # add -v for mismatches
    .venv/bin/python bench/bench_extract_real.py --no-big   # skip the 300-page check

camelot 2.0 needs neither ghostscript nor poppler: lattice renders pages with pypdfium2.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pdfplumber

from litcurate.extract import extract_review
from litcurate.extract.gold import GoldError, load_gold, score_extraction, score_grid, totals, trial_tables

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("LITCURATE_SHARED") or REPO.parent / "shared")
PDF_DIR = SHARED / "real-pdfs"
GOLD_DIR = REPO / "tests" / "data" / "real_pdfs"
CAMELOT_PY = REPO / ".bench-venvs" / "camelot" / "bin" / "python"
CAMELOT_CMD = (
    f"python3 -m venv {REPO}/.bench-venvs/camelot && {CAMELOT_PY.parent}/pip install camelot-py==2.0.0 "
    "opencv-python-headless==5.0.0.93 playa-pdf==1.1.0 pypdfium2==5.15.2 pandas==3.1.1 numpy==2.4.6 pillow==13.0.0"
)
READERS = ["litcurate", "pdfplumber", "camelot-stream", "camelot-lattice"]
BIG_PAGES = 300
logging.getLogger("pdfminer").setLevel(logging.ERROR)  # "Cannot set non-stroke color" noise


def run_litcurate(pdf: Path, gold: dict) -> tuple[dict, float, int]:
    """(score_extraction result, seconds, pages read) for extract_review without hints."""
    start = time.perf_counter()
    extraction = extract_review(pdf, pdf.stem)
    seconds = time.perf_counter() - start
    return score_extraction(extraction.tables, extraction.references, gold), seconds, extraction.report["page_count"]


def run_pdfplumber(pdf: Path, table: dict) -> tuple[dict, float, int]:
    start = time.perf_counter()
    with pdfplumber.open(pdf) as doc:
        grid = [row for p in table["pages"] for t in doc.pages[p - 1].extract_tables() for row in t]
    return score_grid(grid, table), time.perf_counter() - start, len(table["pages"])


def run_camelot(pdf: Path, table: dict) -> dict[str, tuple[dict, float, int]]:
    """Both camelot flavors on the table's pages, via the helper in the camelot venv."""
    pages = ",".join(str(p) for p in table["pages"])
    out = subprocess.run(
        [str(CAMELOT_PY), str(REPO / "bench" / "camelot_tables.py"), str(pdf), pages],
        capture_output=True,
        text=True,
        check=True,
    )
    results = {}
    for flavor, res in json.loads(out.stdout).items():
        if res["error"]:
            print(f"  camelot {flavor} on {pdf.name}: {res['error']}", file=sys.stderr)
        grid = [row for g in res["grids"] for row in g]
        results[f"camelot-{flavor}"] = (score_grid(grid, table), res["seconds"], len(table["pages"]))
    return results


def row_line(name: str, s: dict, refs: str, pps: str) -> str:
    ref_no = "-" if s["ref_no_right"] is None else f"{s['ref_no_right']}/{s['rows_gold']}"
    rows = f"{s['rows_matched']}/{s['rows_gold']}/{s['rows_extracted']}"
    return (
        f"{name:<38} {'yes' if s['found'] else 'no':>5} {rows:>10} {s['cell_accuracy']:>7.1%} "
        f"{s['cell_accuracy_nospace']:>7.1%} {ref_no:>7} {refs:>8} {pps:>7}"
    )


HEADER = (
    f"{'pdf / table':<38} {'found':>5} {'rows m/g/x':>10} {'cells':>7} {'nospace':>7} "
    f"{'ref_no':>7} {'refs':>8} {'pages/s':>7}"
)


def print_reader(reader: str, lines: list[str], scores: list[dict], pages: int, seconds: float) -> None:
    print(f"\n== {reader}")
    print(HEADER)
    print("\n".join(lines))
    t = totals(scores)
    found, rows = f"{t['found']}/{t['tables']}", f"{t['rows_matched']}/{t['rows_gold']}/{t['rows_extracted']}"
    print(
        f"{'TOTAL':<38} {found:>5} {rows:>10}  macro {t['macro']:.1%} (nospace {t['macro_nospace']:.1%})  micro {t['micro']:.1%} "
        f"(nospace {t['micro_nospace']:.1%})  {pages / seconds if seconds else 0:.1f} pages/s"
    )


def bench_gold(names: list[str], verbose: bool) -> None:
    lines = {r: [] for r in READERS}
    scores = {r: [] for r in READERS}
    cost = {r: [0, 0.0] for r in READERS}  # pages, seconds
    negatives, ref_totals = [], [0, 0]
    have_camelot = CAMELOT_PY.exists()
    if not have_camelot:
        print(f"camelot venv missing; create it with:\n  {CAMELOT_CMD}\n")
    for name in names:
        try:
            gold = load_gold(GOLD_DIR / f"{name}.yaml")
        except GoldError as exc:
            print(f"skipped: {exc}")
            continue
        pdf = PDF_DIR / gold["pdf"]
        result, seconds, pages = run_litcurate(pdf, gold)
        cost["litcurate"][0] += pages
        cost["litcurate"][1] += seconds
        if gold["kind"] == "primary":
            negatives.append(
                f"{name:<38} tables reported: {len(result['false_positives'])} {result['false_positives'] or ''}"
            )
            continue
        ref = result["references"]
        ref_totals[0] += ref["right"]
        ref_totals[1] += ref["expected"]
        refs = f"{ref['right']}/{ref['expected']}"
        for s in result["tables"]:
            label = f"{name[:30]} {s['table_id']}"
            lines["litcurate"].append(row_line(label, s, refs, f"{pages / seconds:.1f}"))
            scores["litcurate"].append(s)
            if verbose:
                lines["litcurate"].extend(f"    {m}" for m in s["mismatches"] + ref["mismatches"][:3])
        if result["false_positives"]:
            lines["litcurate"].append(
                f"    also reported, matching no gold study row: {', '.join(result['false_positives'])}"
            )
        for table in trial_tables(gold):
            label = f"{name[:30]} {table['table_id']}"
            runs = {"pdfplumber": run_pdfplumber(pdf, table)}
            if have_camelot:
                runs.update(run_camelot(pdf, table))
            for reader, (s, sec, n) in runs.items():
                cost[reader][0] += n
                cost[reader][1] += sec
                lines[reader].append(row_line(label, s, "-", f"{n / sec:.1f}"))
                scores[reader].append(s)
                if verbose:
                    lines[reader].extend(f"    {m}" for m in s["mismatches"])
    for reader in READERS:
        if scores[reader]:
            print_reader(reader, lines[reader], scores[reader], *cost[reader])
    print(
        f"\nlitcurate references right: {ref_totals[0]}/{ref_totals[1]} "
        f"({ref_totals[0] / ref_totals[1] if ref_totals[1] else 0:.1%})"
    )
    print("\n== negatives: litcurate on the primary studies (should report 0 tables)")
    print("\n".join(negatives) or "(no primary-study gold files yet)")


def build_big_pdf(sources: list[Path], path: Path, n_pages: int = BIG_PAGES) -> None:
    """A PDF of ``n_pages`` pages made by repeating the sources' pages in turn."""
    import pypdfium2 as pdfium

    out = pdfium.PdfDocument.new()
    while len(out) < n_pages:
        for src_path in sources:
            src = pdfium.PdfDocument(src_path)
            take = min(len(src), n_pages - len(out))
            out.import_pages(src, pages=list(range(take)))
            src.close()
            if len(out) >= n_pages:
                break
    out.save(path)
    out.close()


CHILDREN = {
    "litcurate": "from litcurate.extract import extract_review\nextract_review(sys.argv[1], 'big')",
    "pdfplumber": (
        "import pdfplumber\nwith pdfplumber.open(sys.argv[1]) as pdf:\n"
        "    for page in pdf.pages:\n        page.extract_words()\n        page.close()"
    ),
}


def measure(kind: str, pdf: Path) -> tuple[float, float]:
    """(seconds, peak RSS in MiB) of one reader run in a subprocess."""
    code = (
        "import logging, sys, time\nlogging.getLogger('pdfminer').setLevel(logging.ERROR)\n"
        f"start = time.perf_counter()\n{CHILDREN[kind]}\nprint(time.perf_counter() - start)"
    )
    proc = subprocess.Popen([sys.executable, "-c", code, str(pdf)], stdout=subprocess.PIPE, text=True)
    out = proc.stdout.read()
    # the child's own rusage (getrusage(RUSAGE_CHILDREN) would keep the largest child so far)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise RuntimeError(f"{kind} on {pdf} exited {proc.returncode}")
    return float(out.strip().splitlines()[-1]), usage.ru_maxrss / 1024  # ru_maxrss is KiB on Linux


def bench_big() -> None:
    print(f"\n== memory/speed: one {BIG_PAGES}-page PDF built from the real PDFs' pages")
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.pdf"
        build_big_pdf(sorted(PDF_DIR.glob("*.pdf")), big)
        for kind, what in (("litcurate", "extract_review"), ("pdfplumber", "open + extract_words")):
            seconds, rss = measure(kind, big)
            print(
                f"{kind:<11} {what:<22} {BIG_PAGES / seconds:>6.1f} pages/s {seconds:>7.1f} s  peak RSS {rss:>6.0f} MiB"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="print mismatches under each table")
    parser.add_argument("--no-big", action="store_true", help=f"skip the {BIG_PAGES}-page memory/speed check")
    args = parser.parse_args()
    if not PDF_DIR.is_dir():
        sys.exit(f"no real PDFs at {PDF_DIR} (set LITCURATE_SHARED)")
    names = sorted(p.stem for p in GOLD_DIR.glob("*.yaml") if (PDF_DIR / f"{p.stem}.pdf").exists())
    print(f"{len(names)} gold files in {GOLD_DIR.relative_to(REPO)}; PDFs in {PDF_DIR}")
    print(
        "rows m/g/x = study rows matched / in gold / extracted; litcurate pages/s over the whole PDF, "
        "the others over the gold table's pages"
    )
    bench_gold(names, args.verbose)
    if not args.no_big:
        bench_big()


if __name__ == "__main__":
    main()
