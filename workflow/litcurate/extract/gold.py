"""Load the hand-made gold for the real journal PDFs and score an extraction against it.

The gold format is described in ``tests/data/real_pdfs/README.md``.  Everything here is a
pure function: the caller reads the PDF (with litcurate, pdfplumber, camelot...) and hands
over either an extraction (``{table_id: DataFrame}`` plus a references frame) or plain grids
(lists of rows of cells).

Scoring rules, in short:

* Text is compared after :func:`normalise` (ligatures, soft hyphens, odd spaces, whitespace
  runs); gold cells also lose their ``^{...}`` superscript markup (the extractor drops
  superscripts).  Both exact equality and whitespace-insensitive equality are counted.
* Rows are matched one-to-one, greedily by descending similarity (label and whole-row text);
  pairs below :data:`ROW_THRESHOLD` never match.  An extracted row that matches nothing is
  *extra*, a gold row that nothing matches is *missed*.
* Columns are matched one-to-one by content over the matched rows, header similarity breaking
  ties.  Provenance columns (``_page``, ``_label``...) are never matched.
* Cells of missed rows and unmatched columns count as wrong.  In the label column the gold
  cell is also accepted without its citation (``Smith [12]`` -> ``Smith``), because the
  extractor moves citation numbers from the label into ``_ref_no``.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any, Iterable

import pandas as pd
import yaml
from rapidfuzz import fuzz

ROW_THRESHOLD = 65.0  # combined row similarity (0-100) below which two rows never match
LABEL_WEIGHT = 0.4  # share of the label in the row similarity; the whole row text has the rest
COLUMN_MIN_CONTENT = 30.0  # mean cell similarity a column pair needs (unless the headers agree)
COLUMN_MIN_HEADER = 80.0  # header similarity that pairs columns on its own
MAX_MISMATCHES = 8

_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_TRANSLATE = str.maketrans({**_LIGATURES, **{c: " " for c in _SPACES}, "\u00ad": None, "\u200b": None})
_MARKUP = re.compile(r"\^\{[^{}]*\}")
_BRACKET_CITE = re.compile(r"\s*\[\s*\d+(?:\s*[,\-–—]\s*\d+)*\s*\]")
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-"})


class GoldError(ValueError):
    """A gold file that does not follow the format (named with the file and the place)."""


# --------------------------------------------------------------------------- text


def normalise(text: Any) -> str:
    """Text for comparison: ligatures spelt out, soft hyphens dropped, NBSP/thin spaces made
    spaces, whitespace runs collapsed to one space, stripped.  ``None``/NaN/NA give ``""``."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return ""
    return " ".join(str(text).translate(_TRANSLATE).split())


def strip_markup(text: Any) -> str:
    """Gold cell text with its ``^{...}`` superscripts removed, then normalised."""
    return normalise(_MARKUP.sub("", normalise(text)))


def nospace(text: str) -> str:
    """The text with every whitespace character removed (for the whitespace-insensitive count)."""
    return "".join(text.split())


def normalise_ref_no(text: Any) -> str:
    """Citation text as ``3,16`` / ``23-25``: no spaces or brackets, dashes as ``-``."""
    s = normalise(text).translate(_DASHES)
    return re.sub(r"[\s\[\]()]", "", s).strip(",")


def fold_name(text: Any) -> str:
    """Surname folded for comparison: case and accents dropped, particles and hyphens kept."""
    s = unicodedata.normalize("NFKD", normalise(text).replace("’", "'"))
    return " ".join("".join(c for c in s if not unicodedata.combining(c)).casefold().split())


# --------------------------------------------------------------------------- loading


def load_gold(path: str | Path) -> dict:
    """Read one gold YAML file and check its shape.

    Returns the parsed mapping with ``tables`` and ``references`` always present (a missing
    or null ``references`` becomes ``{"numbered": True, "entries": []}``).  Raises
    :class:`GoldError` naming the file and the place when a trial table's rows do not have one
    cell per header column or a required key is missing.
    """
    path = Path(path)
    try:
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise GoldError(f"{path.name}: not valid YAML ({exc})") from None
    if not isinstance(gold, dict):
        raise GoldError(f"{path.name}: expected a mapping at the top")
    for key in ("pdf", "kind"):
        if key not in gold:
            raise GoldError(f"{path.name}: missing '{key}'")
    gold["tables"] = gold.get("tables") or []
    gold["references"] = gold.get("references") or {"numbered": True, "entries": []}
    gold["references"]["entries"] = gold["references"].get("entries") or []
    for table in gold["tables"]:
        tid = table.get("table_id", "?")
        if table.get("kind") != "trial":
            continue
        header = table.get("header")
        if not header:
            raise GoldError(f"{path.name}: trial table {tid} has no header")
        for i, row in enumerate(table.get("rows") or [], start=1):
            if len(row.get("cells") or []) != len(header):
                raise GoldError(
                    f"{path.name}: {tid} row {i} has {len(row.get('cells') or [])} cells "
                    f"for {len(header)} header columns"
                )
    return gold


def trial_tables(gold: dict) -> list[dict]:
    """The gold tables of kind ``trial`` (the ones scored cell by cell)."""
    return [t for t in gold.get("tables") or [] if t.get("kind") == "trial"]


# --------------------------------------------------------------------------- candidates


def _label_column(table: dict) -> int:
    """Gold column carrying the study's citation (``^{12}`` or ``[12]``); 0 when none does."""
    counts: dict[int, int] = {}
    for row in table.get("rows") or []:
        ref = normalise_ref_no(row.get("ref_no", ""))
        if not ref:
            continue
        for j, cell in enumerate(row["cells"]):
            marks = re.findall(r"\^\{([^{}]*)\}|\[([^\]]*)\]", str(cell))
            if ref in {normalise_ref_no(sup or bracket) for sup, bracket in marks}:
                counts[j] = counts.get(j, 0) + 1
    return max(counts, key=lambda j: (counts[j], -j)) if counts else 0


def _gold_rows(table: dict) -> tuple[list[str], list[dict], int]:
    """(header, rows, label column) with every text normalised and markup stripped."""
    header = [strip_markup(h) for h in table["header"]]
    col = _label_column(table)
    rows = []
    for row in table.get("rows") or []:
        cells = [strip_markup(c) for c in row["cells"]]
        label = normalise(_BRACKET_CITE.sub("", cells[col])) if cells else ""
        rows.append(
            {"cells": cells, "label": label, "ref_no": normalise_ref_no(row.get("ref_no", "")), "text": " ".join(cells)}
        )
    return header, rows, col


def frame_candidate(frame) -> dict:
    """An extracted DataFrame as a candidate: printed columns, labels from ``_label``."""
    columns = [str(c) for c in frame.columns if not str(c).startswith("_")]
    rows = []
    for _, rec in frame.iterrows():
        cells = [normalise(rec[c]) for c in columns]
        label = normalise(rec["_label"]) if "_label" in frame.columns else (cells[0] if cells else "")
        label = normalise(_BRACKET_CITE.sub("", label))
        ref = normalise_ref_no(rec["_ref_no"]) if "_ref_no" in frame.columns else None
        rows.append({"cells": cells, "label": label, "ref_no": ref, "text": " ".join(cells)})
    return {"header": [normalise(c) for c in columns], "rows": rows}


def grid_candidate(grid: Iterable[Iterable[Any]]) -> dict:
    """Plain rows of cells as a candidate: no header, label = first non-empty cell, no ref_no.

    Rows whose cells are all empty are dropped (table finders emit them for ruling gaps).
    """
    rows = []
    for raw in grid:
        cells = [normalise(c) for c in raw]
        if not any(cells):
            continue
        label = normalise(_BRACKET_CITE.sub("", next(c for c in cells if c)))
        rows.append({"cells": cells, "label": label, "ref_no": None, "text": " ".join(cells)})
    return {"header": None, "rows": rows}


# --------------------------------------------------------------------------- matching


def row_similarity(gold_row: dict, got_row: dict) -> float:
    """0-100: weighted label ratio plus token-sorted ratio of the whole row text.

    A missing label on one side scores 0 for the label (a study's continuation line or a
    heading must not stand in for the study); missing on both sides leaves the row text alone.
    """
    text = fuzz.token_sort_ratio(gold_row["text"], got_row["text"])
    g, e = gold_row["label"], got_row["label"]
    if not g and not e:
        label = text
    elif not g or not e:
        label = 0.0
    else:
        label = fuzz.ratio(g, e)
    return LABEL_WEIGHT * label + (1 - LABEL_WEIGHT) * text


def match_rows(
    gold_rows: list[dict], got_rows: list[dict], threshold: float = ROW_THRESHOLD
) -> list[tuple[int, int, float]]:
    """One-to-one greedy matching by descending similarity: list of (gold i, got k, score).

    Ties go to the earlier gold row, then the earlier extracted row.  Pairs scoring below
    ``threshold`` are never matched.
    """
    pairs = []
    for i, g in enumerate(gold_rows):
        for k, e in enumerate(got_rows):
            s = row_similarity(g, e)
            if s >= threshold:
                pairs.append((-s, i, k))
    pairs.sort()
    used_g, used_e, out = set(), set(), []
    for neg, i, k in pairs:
        if i in used_g or k in used_e:
            continue
        used_g.add(i)
        used_e.add(k)
        out.append((i, k, -neg))
    return sorted(out)


def match_columns(
    gold_header: list[str],
    got_header: list[str] | None,
    gold_rows: list[dict],
    got_rows: list[dict],
    row_pairs: list[tuple[int, int, float]],
) -> dict[int, int]:
    """One-to-one gold column -> extracted column index, by mean cell similarity over the
    matched rows; header similarity breaks ties (and pairs columns alone when no row matched).
    """
    n_got = max([len(got_rows[k]["cells"]) for _, k, _ in row_pairs] + [len(got_header or [])] + [0])
    pairs = []
    for j, gh in enumerate(gold_header):
        for c in range(n_got):
            sims = [
                fuzz.ratio(gold_rows[i]["cells"][j], got_rows[k]["cells"][c] if c < len(got_rows[k]["cells"]) else "")
                for i, k, _ in row_pairs
            ]
            content = sum(sims) / len(sims) if sims else 0.0
            head = fuzz.ratio(gh, got_header[c]) if got_header and c < len(got_header) else 0.0
            if content >= COLUMN_MIN_CONTENT or head >= COLUMN_MIN_HEADER:
                pairs.append((-content, -head, j, c))
    pairs.sort()
    used_c, out = set(), {}
    for _, _, j, c in pairs:
        if j in out or c in used_c:
            continue
        out[j] = c
        used_c.add(c)
    return out


# --------------------------------------------------------------------------- tables


def score_candidate(candidate: dict, gold_table: dict) -> dict:
    """Metrics of one candidate (see :func:`frame_candidate` / :func:`grid_candidate`)
    against one gold trial table.

    Keys: found, rows_gold, rows_extracted, rows_matched, rows_extra, rows_missed, cells_gold,
    cells_exact, cells_nospace, cell_accuracy, cell_accuracy_nospace, ref_no_right (None for
    grids), header_right (None for grids), mismatches (a few dicts for debugging).
    """
    header, gold_rows, label_col = _gold_rows(gold_table)
    got_rows = candidate["rows"] if candidate else []
    got_header = candidate["header"] if candidate else None
    pairs = match_rows(gold_rows, got_rows)
    columns = match_columns(header, got_header, gold_rows, got_rows, pairs)
    by_gold = {i: k for i, k, _ in pairs}
    exact = loose = ref_right = 0
    mismatches: list[dict] = []
    for i, g in enumerate(gold_rows):
        if i not in by_gold:
            mismatches.append({"row": i + 1, "missed": g["label"]})
            continue
        e = got_rows[by_gold[i]]
        for j, want in enumerate(g["cells"]):
            c = columns.get(j)
            got = e["cells"][c] if c is not None and c < len(e["cells"]) else ""
            ok = c is not None and c < len(e["cells"])
            accepted = {want}
            if j == label_col:
                accepted.add(normalise(_BRACKET_CITE.sub("", want)))
            if ok and got in accepted:
                exact += 1
                loose += 1
            elif ok and nospace(got) in {nospace(a) for a in accepted}:
                loose += 1
                mismatches.append({"row": i + 1, "column": header[j], "gold": want, "got": got, "nospace": True})
            else:
                mismatches.append({"row": i + 1, "column": header[j], "gold": want, "got": got if ok else None})
        if e["ref_no"] is not None and e["ref_no"] == g["ref_no"]:
            ref_right += 1
        elif e["ref_no"] is not None:
            mismatches.append({"row": i + 1, "ref_no": g["ref_no"], "got": e["ref_no"]})
    matched_got = {k for _, k, _ in pairs}
    for k, e in enumerate(got_rows):
        if k not in matched_got:
            mismatches.append({"extra": e["text"][:60]})
    n_cells = sum(len(g["cells"]) for g in gold_rows)
    is_grid = got_header is None and candidate is not None
    return {
        "found": bool(gold_rows) and 2 * len(pairs) >= len(gold_rows),
        "rows_gold": len(gold_rows),
        "rows_extracted": len(got_rows),
        "rows_matched": len(pairs),
        "rows_extra": len(got_rows) - len(pairs),
        "rows_missed": len(gold_rows) - len(pairs),
        "cells_gold": n_cells,
        "cells_exact": exact,
        "cells_nospace": loose,
        "cell_accuracy": exact / n_cells if n_cells else 0.0,
        "cell_accuracy_nospace": loose / n_cells if n_cells else 0.0,
        "ref_no_right": None if is_grid else ref_right,
        "header_right": None if is_grid else bool(got_header is not None and got_header == header),
        "mismatches": mismatches[:MAX_MISMATCHES],
    }


def score_table(frames: dict, gold_table: dict) -> dict:
    """Score the extracted table that answers ``gold_table``: the one with most matched rows
    (ties: higher cell accuracy, then the earlier id).  ``answer`` names it (None if none
    matched a row; then the metrics are those of an empty extraction)."""
    best_id, best = None, score_candidate({"header": [], "rows": []}, gold_table)
    for tid, frame in frames.items():
        s = score_candidate(frame_candidate(frame), gold_table)
        if s["rows_matched"] > best["rows_matched"] or (
            s["rows_matched"] == best["rows_matched"] > 0 and s["cells_exact"] > best["cells_exact"]
        ):
            best_id, best = tid, s
    return {"table_id": gold_table["table_id"], "answer": best_id, **best}


def score_grid(grid: list[list[Any]], gold_table: dict) -> dict:
    """Score plain grids (rows of cells, several grids concatenated by the caller) against
    one gold trial table, the same way as an extracted frame but without header or ref_no."""
    return {
        "table_id": gold_table["table_id"],
        "answer": "grid" if grid else None,
        **score_candidate(grid_candidate(grid), gold_table),
    }


# --------------------------------------------------------------------------- references


def first_author_surname(authors: Any) -> str:
    """Surname of the first author in ``"Murphy KR; Han JL"`` form: trailing initials dropped
    (``de Mos M`` -> ``de Mos``); a group author without initials is kept whole."""
    first = normalise(authors).split(";")[0].strip().rstrip(",.")
    words = first.split()
    while len(words) > 1 and re.fullmatch(r"(?:[A-Z]{1,3}|(?:[A-Z]\.?[-‐]?){1,4})", words[-1].rstrip(",.")):
        words.pop()
    return " ".join(words).rstrip(",")


def _year(value: Any) -> str:
    s = normalise(value)
    return s[:-2] if re.fullmatch(r"\d+\.0", s) else s


def score_references(references, gold: dict) -> dict:
    """Gold reference entries against the extracted references frame.

    Entries are paired by ``ref_no`` (by position, 1-based, when the gold says
    ``numbered: false``).  An entry is right when the folded first-author surname (or the
    whole first author, for group authors) and the year agree.  Returns expected, found,
    right, accuracy and a few mismatches.
    """
    entries = (gold.get("references") or {}).get("entries") or []
    numbered = (gold.get("references") or {}).get("numbered", True)
    rows = [] if references is None else [rec for _, rec in references.iterrows()]
    if numbered:
        by_no = {}
        for rec in rows:
            try:
                by_no.setdefault(int(float(rec["ref_no"])), rec)
            except (TypeError, ValueError):
                continue
    else:
        by_no = {i: rec for i, rec in enumerate(rows, start=1)}
    found = right = 0
    mismatches = []
    for want in entries:
        got = by_no.get(int(want["ref_no"]))
        if got is None:
            continue
        found += 1
        first = normalise(got["authors"]).split(";")[0].strip()
        names = {fold_name(first_author_surname(got["authors"])), fold_name(first)}
        year_ok = _year(want.get("year")) == _year(got["year"])
        if fold_name(want.get("first_author")) in names and year_ok:
            right += 1
        elif len(mismatches) < MAX_MISMATCHES:
            mismatches.append(
                {
                    "ref_no": want["ref_no"],
                    "gold": f"{want.get('first_author')} {want.get('year')}",
                    "got": f"{first} {_year(got['year'])}",
                }
            )
    n = len(entries)
    return {
        "expected": n,
        "found": found,
        "right": right,
        "accuracy": right / n if n else None,
        "mismatches": mismatches,
    }


# --------------------------------------------------------------------------- whole PDF


def score_extraction(tables: dict, references, gold: dict) -> dict:
    """Score one PDF's extraction (``tables`` {id: DataFrame}, ``references`` frame or None).

    Returns ``kind``, ``tables`` (one :func:`score_table` dict per gold trial table),
    ``references`` (:func:`score_references`), ``false_positives`` (for ``kind: primary``
    every extracted table; for reviews the extracted tables answering no gold trial table)
    and ``reported`` (the extracted table ids).
    """
    scores = [score_table(tables, t) for t in trial_tables(gold)]
    answered = {s["answer"] for s in scores}
    if gold.get("kind") == "primary":
        false_pos = sorted(tables)
    else:
        false_pos = sorted(t for t in tables if t not in answered)
    return {
        "kind": gold.get("kind"),
        "tables": scores,
        "references": score_references(references, gold),
        "false_positives": false_pos,
        "reported": sorted(tables),
    }


def totals(table_scores: list[dict]) -> dict:
    """Totals over many gold tables: macro (mean per table) and micro (pooled cells) cell
    accuracy, exact and no-space, plus tables found and rows matched / gold / extracted."""
    n = len(table_scores)
    cells = sum(s["cells_gold"] for s in table_scores)
    return {
        "tables": n,
        "found": sum(bool(s["found"]) for s in table_scores),
        "rows_matched": sum(s["rows_matched"] for s in table_scores),
        "rows_gold": sum(s["rows_gold"] for s in table_scores),
        "rows_extracted": sum(s["rows_extracted"] for s in table_scores),
        "macro": sum(s["cell_accuracy"] for s in table_scores) / n if n else 0.0,
        "macro_nospace": sum(s["cell_accuracy_nospace"] for s in table_scores) / n if n else 0.0,
        "micro": sum(s["cells_exact"] for s in table_scores) / cells if cells else 0.0,
        "micro_nospace": sum(s["cells_nospace"] for s in table_scores) / cells if cells else 0.0,
    }
