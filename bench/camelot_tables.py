"""Print camelot-py's tables for some pages of a PDF as JSON (run by the camelot bench venv).

    .bench-venvs/camelot/bin/python bench/camelot_tables.py FILE.pdf 4,5 [stream lattice]

Prints {"<flavor>": {"grids": [[[cell, ...], ...], ...], "seconds": s, "error": str|null}}.
Lives outside the project's dependencies: bench/bench_extract_real.py runs it in its own venv.
"""

import json
import sys
import time

import camelot


def read(pdf: str, pages: str, flavor: str) -> dict:
    start = time.perf_counter()
    try:
        tables = camelot.read_pdf(pdf, pages=pages, flavor=flavor)
        grids = [t.df.astype(str).values.tolist() for t in tables]
        error = None
    except Exception as exc:  # a reader failing on one PDF is a result, not a crash
        grids, error = [], f"{type(exc).__name__}: {exc}"
    return {"grids": grids, "seconds": time.perf_counter() - start, "error": error}


if __name__ == "__main__":
    pdf, pages, *flavors = sys.argv[1:]
    print(json.dumps({f: read(pdf, pages, f) for f in flavors or ["stream", "lattice"]}))
