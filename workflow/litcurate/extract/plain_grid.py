"""The plain grid reader: the first reader tried on every table.

Columns come from vertical rules, else from white strips that no line (header
included) crosses; rows from rules, else from extra leading, else from the label
column.  It reads the layouts it has been proven on exactly; when it yields no
study table, :mod:`litcurate.extract.table_reader` (spanning headers, sub-rows,
partial rules) reads the document again.
"""

from __future__ import annotations

from litcurate.extract.layout import Line, Rule, Word
from litcurate.extract.split_words import mend_cut_words
from litcurate.extract.table_reader import (
    ROW_GAP_FACTOR,
    Grid,
    _bands,
    column_of,
    place_words,
    rule_columns,
    wide_hrules,
)


def _whitespace_columns(lines: list[Line], min_gap: float) -> list[float]:
    """Column boundaries at the middle of every vertical strip of white space.

    A strip must be at least ``min_gap`` wide and be crossed by no word on any line.
    """
    words = [w for ln in lines for w in ln.words]
    if not words:
        return []
    spans = sorted((w.x0, w.x1) for w in words)
    left, right = spans[0][0], max(b for _, b in spans)
    bounds = [left - 1]
    end = spans[0][1]
    for a, b in spans[1:]:
        if a - end >= min_gap:
            bounds.append((a + end) / 2)
        end = max(end, b)
    bounds.append(right + 1)
    return bounds


def split_rows_by_text(lines: list[Line], bounds: list[float]) -> list[list[Line]]:
    """Rows of an unruled band: extra leading first, else a new entry in the label column."""
    if len(lines) <= 1:
        return [lines] if lines else []
    pitches = [b.top - a.top for a, b in zip(lines, lines[1:])]
    smallest = min(p for p in pitches if p > 0.5) if any(p > 0.5 for p in pitches) else 0
    has_leading = any(p > ROW_GAP_FACTOR * smallest for p in pitches)
    rows = [[lines[0]]]
    for prev, line, pitch in zip(lines, lines[1:], pitches):
        if has_leading:
            new = pitch > ROW_GAP_FACTOR * smallest
        else:
            new = _starts_label(line, bounds) and not _continues_label(prev, bounds)
        if new:
            rows.append([line])
        else:
            rows[-1].append(line)
    return rows


def _label_words(line: Line, bounds: list[float]) -> list[Word]:
    return [w for w in line.words if column_of(w.xmid, bounds) == 0]


def _starts_label(line: Line, bounds: list[float]) -> bool:
    return bool(_label_words(line, bounds))


def _continues_label(prev: Line, bounds: list[float]) -> bool:
    """The label cell on ``prev`` ends mid-phrase, so the next line is its continuation."""
    words = [w for w in _label_words(prev, bounds) if not w.sup]
    if not words:
        return False
    last = words[-1].text
    return last.endswith((",", "-", "&", "\u2010")) or last.lower() in {"et", "and", "de", "van", "von"}


def read_grid(
    lines: list[Line],
    hrules: list[Rule],
    vrules: list[Rule],
    region: tuple[float, float, float, float],
    min_gap: float,
    known: frozenset[str] = frozenset(),
) -> Grid:
    """Read the lines inside ``region`` (x0, top, x1, bottom) into a grid of word lists
    (words the columns cut in two made whole; ``known`` is the document's vocabulary)."""
    x0, top, x1, bottom = region
    bounds = rule_columns(vrules, x0, x1, top, bottom)
    if len(bounds) < 3:
        bounds = _whitespace_columns(lines, min_gap)
    lines = mend_cut_words(lines, bounds, known)
    ys = wide_hrules(hrules, x0, x1, top, bottom)
    bands = _bands(lines, ys)
    ruled_rows = len(bands) >= 3
    rows_of_lines: list[list[Line]] = []
    for i, band in enumerate(bands):
        if ruled_rows and i > 0:
            rows_of_lines.append(band)
        elif i == 0:
            rows_of_lines.extend(_split_header_band(band, bounds, ruled_rows))
        else:
            rows_of_lines.extend(split_rows_by_text(band, bounds))
    rows, tops = place_words(rows_of_lines, bounds)
    return Grid(bounds, rows, tops, ruled_rows)


def _split_header_band(band: list[Line], bounds: list[float], ruled: bool) -> list[list[Line]]:
    """The first rule band is the header when rules separate it; otherwise find its end."""
    if ruled:
        return [band]
    # A bold header ends at the first regular-weight line.
    if band and all(w.bold for w in band[0].words):
        for i, ln in enumerate(band):
            if not any(w.bold for w in ln.words):
                return [band[:i]] + split_rows_by_text(band[i:], bounds)
    return split_rows_by_text(band, bounds)
