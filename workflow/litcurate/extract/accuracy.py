"""Compare an extracted table (or reference list) with transcribed facts, cell by cell.

Used by the tests and the benchmark.  Expected text is the facts cell with the
``^{N}`` markup removed and whitespace collapsed; the label column is compared
with ``_label`` and its citation number with ``_ref_no``.
"""

from __future__ import annotations

import pandas as pd

from litcurate.extract.classify import label_column
from litcurate.extract.superscripts import split_label
from litcurate.extract.table_reader import collapse as _collapse

# Transcribers type index digits as plain digits ("MgSO4" for MgSO₄): compare them as such.
_INDEX_DIGITS = str.maketrans("₀₁₂₃₄₅₆₇₈₉⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻", "01234567890123456789+-")


def collapse(text: str) -> str:
    """Text compared the way the facts print it: index digits plain, whitespace collapsed."""
    return _collapse(text.translate(_INDEX_DIGITS))


def expected_rows(facts_table: dict) -> tuple[list[str], list[list[str]], list[str]]:
    """(header, rows of cell text, citation per row) as the extractor should print them."""
    header = [collapse(split_label(h)[0]) for h in facts_table["header"]]
    col = label_column(header) or 0
    rows, refs = [], []
    for row in facts_table["rows"]:
        cells = [collapse(split_label(str(c))[0]) for c in row["cells"]]
        refs.append(split_label(str(row["cells"][col]))[1])
        rows.append(cells)
    return header, rows, refs


def table_accuracy(frame: pd.DataFrame | None, facts_table: dict) -> dict:
    """Counts of exact cells, rows found, labels and citation numbers matching, header match."""
    header, rows, refs = expected_rows(facts_table)
    n_cells = sum(len(r) for r in rows)
    if frame is None:
        return {
            "rows_expected": len(rows),
            "rows_found": 0,
            "cells": n_cells,
            "cells_exact": 0,
            "cell_accuracy": 0.0,
            "labels_exact": 0,
            "ref_no_exact": 0,
            "header_exact": False,
            "mismatches": [],
        }
    printed = [c for c in frame.columns if not c.startswith("_")]
    col = label_column(header) or 0
    exact = labels = ref_ok = 0
    mismatches = []
    for i, want in enumerate(rows):
        got = [str(v) for v in frame.iloc[i][printed]] if i < len(frame) else [""] * len(want)
        for j, w in enumerate(want):
            g = got[j] if j < len(got) else ""
            if collapse(g) == w:
                exact += 1
            else:
                mismatches.append({"row": i + 1, "column": header[j], "expected": w, "got": g})
        if i < len(frame):
            labels += frame.iloc[i]["_label"] == want[col]
            ref_ok += frame.iloc[i]["_ref_no"] == refs[i]
    return {
        "rows_expected": len(rows),
        "rows_found": int(len(frame)),
        "cells": n_cells,
        "cells_exact": exact,
        "cell_accuracy": exact / n_cells if n_cells else 1.0,
        "labels_exact": int(labels),
        "ref_no_exact": int(ref_ok),
        "header_exact": [collapse(h) for h in printed] == header,
        "mismatches": mismatches,
    }


REFERENCE_FIELDS = ("authors", "title", "journal", "year", "volume", "issue", "pages", "doi", "pmid")


def references_accuracy(frame: pd.DataFrame, facts_refs: list[dict]) -> dict:
    """Share of references found by number and, per field, share equal to the facts."""
    by_no = {int(r["ref_no"]): r for _, r in frame.iterrows()}
    found = 0
    fields = {f: 0 for f in ("text",) + REFERENCE_FIELDS}
    misses: list[dict] = []
    for want in facts_refs:
        got = by_no.get(int(want["ref_no"]))
        if got is None:
            continue
        found += 1
        for f in fields:
            w = want.get(f, "")
            w = "; ".join(w) if isinstance(w, list) else ("" if w is None else str(w))
            if collapse(str(got[f])) == collapse(w):
                fields[f] += 1
            else:
                misses.append({"ref_no": want["ref_no"], "field": f, "expected": w, "got": str(got[f])})
    n = len(facts_refs) or 1
    return {
        "expected": len(facts_refs),
        "found": found,
        "field_accuracy": {f: v / n for f, v in fields.items()},
        "mismatches": misses,
    }
