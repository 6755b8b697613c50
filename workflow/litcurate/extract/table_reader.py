"""Cut a table region into columns and rows, and cells into text.

Columns come from vertical rules when the table has them, otherwise from the
vertical strips of white space that no word crosses.  Rows come from horizontal
rules (including the edges of shaded bands), otherwise from the extra leading
printed between rows, otherwise from the label column starting a new entry.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from litcurate.extract.layout import INDEX_DIGITS, Line, Rule, Word, group_lines, join_words

SAME_POSITION = 1.6  # rules closer than this (pt) are one rule
MIN_COLUMN_WIDTH = 4.0
WIDE_RULE_SHARE = 0.5  # a row boundary rule covers at least this share of the table width
ROW_GAP_FACTOR = 1.2  # a gap this much larger than the line pitch separates rows

# Line ends after which a wrapped cell continues without a space ("mg/" + "kg/h").
_GLUE_AFTER = ("-", "/", "±", "–", "—", "+", "(")
_SOFT_HYPHENS = ("\u2010", "\u00ad")


@dataclass
class Grid:
    """A table region read into rows of cells; each cell is the list of its words."""

    bounds: list[float]  # column boundaries, left edge first
    rows: list[list[list[Word]]]
    row_tops: list[float]
    ruled_rows: bool


def cluster(values: list[float], tolerance: float = SAME_POSITION) -> list[float]:
    """Positions within ``tolerance`` of each other collapsed to their mean."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tolerance:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(group) / len(group) for group in out]


def _coverage(segments: list[tuple[float, float]]) -> float:
    total, end = 0.0, None
    for a, b in sorted(segments):
        if end is None or a > end:
            total += b - a
            end = b
        elif b > end:
            total += b - end
            end = b
    return total


def wide_hrules(hrules: list[Rule], x0: float, x1: float, top: float, bottom: float) -> list[float]:
    """Heights of horizontal rules spanning most of ``[x0, x1]`` between ``top`` and ``bottom``."""
    inside = [r for r in hrules if top - 2 <= r.top <= bottom + 2 and r.x1 > x0 and r.x0 < x1]
    out = []
    for y in cluster([r.top for r in inside]):
        segs = [(max(r.x0, x0), min(r.x1, x1)) for r in inside if abs(r.top - y) <= SAME_POSITION]
        if _coverage(segs) >= WIDE_RULE_SHARE * (x1 - x0):
            out.append(y)
    return out


def rule_columns(vrules: list[Rule], x0: float, x1: float, top: float, bottom: float) -> list[float]:
    """Column boundaries from vertical rules crossing most of the region's height."""
    inside = [r for r in vrules if x0 - 3 <= r.x0 <= x1 + 3 and r.bottom > top and r.top < bottom]
    height = bottom - top
    xs = []
    for x in cluster([r.x0 for r in inside]):
        segs = [(max(r.top, top), min(r.bottom, bottom)) for r in inside if abs(r.x0 - x) <= SAME_POSITION]
        if _coverage(segs) >= 0.5 * height:
            xs.append(x)
    return _drop_narrow(xs)


def _drop_narrow(xs: list[float]) -> list[float]:
    out: list[float] = []
    for x in xs:
        if out and x - out[-1] < MIN_COLUMN_WIDTH:
            continue
        out.append(x)
    return out


def whitespace_columns(lines: list[Line], min_gap: float) -> list[float]:
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


def _line_pitch(lines: list[Line]) -> float:
    steps = [b.top - a.top for a, b in zip(lines, lines[1:]) if b.top - a.top > 0.5]
    return min(steps) if steps else 10.0


def column_of(x: float, bounds: list[float]) -> int:
    for i in range(len(bounds) - 1):
        if x < bounds[i + 1]:
            return i
    return len(bounds) - 2


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
) -> Grid:
    """Read the lines inside ``region`` (x0, top, x1, bottom) into a grid of word lists."""
    x0, top, x1, bottom = region
    bounds = rule_columns(vrules, x0, x1, top, bottom)
    if len(bounds) < 3:
        bounds = whitespace_columns(lines, min_gap)
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
    rows, tops = [], []
    for row_lines in rows_of_lines:
        cells: list[list[Word]] = [[] for _ in range(len(bounds) - 1)]
        for ln in row_lines:
            for w in ln.words:
                cells[column_of(w.xmid, bounds)].append(w)
        rows.append(cells)
        tops.append(row_lines[0].top)
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


def _bands(lines: list[Line], ys: list[float]) -> list[list[Line]]:
    """Lines grouped between consecutive rule heights (lines above/below all rules kept)."""
    edges = [float("-inf")] + ys + [float("inf")]
    bands: list[list[Line]] = [[] for _ in range(len(edges) - 1)]
    for ln in lines:
        mid = (ln.top + ln.bottom) / 2
        for i in range(len(edges) - 1):
            if edges[i] <= mid < edges[i + 1]:
                bands[i].append(ln)
                break
    return [b for b in bands if b]


def cell_lines(words: list[Word], keep_sup: bool = False) -> list[list[Word]]:
    """A cell's words as printed lines, superscripts removed unless ``keep_sup``."""
    return [ln.words if keep_sup else [w for w in ln.words if not w.sup] for ln in group_lines(words)]


def join_lines(lines: list[str]) -> str:
    """Join a wrapped cell: hyphens the typesetter added vanish, real ones stay glued."""
    text = ""
    for part in (p.strip() for p in lines):
        if not part:
            continue
        if not text:
            text = part
        elif part[0] in INDEX_DIGITS:
            text += part
        elif text.endswith(_SOFT_HYPHENS):
            text = text[:-1] + part
        elif text.endswith(_GLUE_AFTER) and not (text.endswith("+") and text[-2:-1] in ("", " ")):
            text += part
        else:
            text += " " + part
    return collapse(text)


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Cell:
    """A cell's printed lines (superscripts removed) and the superscript marks it carried."""

    lines: list[str]
    marks: list[str]

    @property
    def text(self) -> str:
        return join_lines(self.lines)

    def extended(self, other: "Cell") -> "Cell":
        return Cell(self.lines + other.lines, self.marks + other.marks)


def to_cell(words: list[Word]) -> Cell:
    lines = [join_words(ln) for ln in cell_lines(words)]
    marks = [w.text for ln in cell_lines(words, keep_sup=True) for w in ln if w.sup]
    return Cell([ln for ln in lines if ln.strip()], marks)


def cell_text(words: list[Word]) -> str:
    """The printed text of a cell without superscripts, lines joined in reading order."""
    return join_lines([join_words(ln) for ln in cell_lines(words) if ln])


def pitch_of(lines: list[Line]) -> float:
    """The smallest distance between successive line tops (one line of a cell)."""
    return _line_pitch(lines)


def median_size(lines: list[Line]) -> float:
    sizes = [w.size for ln in lines for w in ln.words if not w.sup]
    return statistics.median(sizes) if sizes else 8.0
