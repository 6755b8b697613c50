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
from litcurate.extract.split_words import mend_cut_words

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
    header: list[str] | None = None


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


def whitespace_columns(lines: list[Line], min_gap: float, allowance: int = 0) -> list[float]:
    """Column boundaries at the middle of every vertical strip of white space.

    A strip must be at least ``min_gap`` wide and be crossed by at most ``allowance``
    lines: a spanning header or one overlong cell does not erase a column that every
    other line shows.
    """
    spans_by_line = [sorted((w.x0, w.x1) for w in ln.words) for ln in lines if ln.words]
    if not spans_by_line:
        return []
    left = min(s[0][0] for s in spans_by_line)
    right = max(b for s in spans_by_line for _, b in s)
    step = 0.5
    n = int((right - left) / step) + 2
    counts = [0] * n
    for spans in spans_by_line:
        covered = [False] * n
        for a, b in spans:
            for i in range(int((a - left) / step), min(n, int((b - left) / step) + 1)):
                covered[i] = True
        for i, c in enumerate(covered):
            counts[i] += c
    bounds = [left - 1]
    i = 0
    while i < n:
        if counts[i] <= allowance:
            j = i
            while j < n and counts[j] <= allowance:
                j += 1
            a, b = left + i * step, left + (j - 1) * step
            if 0 < i and j < n and b - a >= min_gap:
                bounds.append((a + b) / 2)
            i = j
        else:
            i += 1
    bounds.append(right + 1)
    return bounds


def _line_pitch(lines: list[Line]) -> float:
    steps = [b.top - a.top for a, b in zip(lines, lines[1:]) if b.top - a.top > 0.5]
    return min(steps) if steps else 10.0


def column_of(x: float, bounds: list[float]) -> int:
    """Index of the column whose boundaries hold ``x``."""
    for i in range(len(bounds) - 1):
        if x < bounds[i + 1]:
            return i
    return len(bounds) - 2


def _occupied(line: Line, bounds: list[float]) -> set[int]:
    return {column_of(w.xmid, bounds) for w in line.words if not w.sup}


def split_rows_by_text(lines: list[Line], bounds: list[float]) -> list[list[Line]]:
    """Rows of an unruled band of lines.

    Where the table prints extra leading between rows, a row starts after each such
    gap; otherwise a row starts where the label column starts a new entry on a line
    that fills a fair share of the columns (a wrapped label's second line does not).
    A piece with nothing in the label column (a gap inside a cell, a second cohort
    printed on its own line) stays with the row above it.
    """
    if len(lines) <= 1:
        return [lines] if lines else []
    pitches = [b.top - a.top for a, b in zip(lines, lines[1:])]
    steps = sorted(p for p in pitches if p > 0.5)
    typical = steps[len(steps) // 2] if steps else 0.0
    # A line less than a line's height below the one above shares its row: cells of one
    # row centred vertically print their lines at half steps ("Monego ET et al." between
    # the two lines of its neighbours).
    half = [p < 0.7 * typical for p in pitches]
    smallest = min((p for p, h in zip(pitches, half) if p > 0.5 and not h), default=0.0)
    big = [p > ROW_GAP_FACTOR * smallest for p in pitches]
    occupancy = [len(_occupied(ln, bounds)) for ln in lines]
    full = max(occupancy)
    starts_label = [_starts_label(ln, bounds) for ln in lines]
    # Leading separates rows when the gaps open label entries: nearly every wide gap is
    # followed by a line that starts the label column (a gap inside a cell is not).
    opened = sum(g and s for g, s in zip(big, starts_label[1:]))
    has_leading = sum(big) >= 2 and opened >= 0.8 * sum(big)
    rows = [[lines[0]]]
    for i, (prev, line) in enumerate(zip(lines, lines[1:]), start=1):
        if has_leading:
            # After the extra leading only a label left mid-phrase goes on: the text below may
            # open with a number where the first column is no label ("71.4% of patients ...",
            # the right half of a wide table).
            new = big[i - 1] and starts_label[i] and not _continues_label(prev, bounds)
        else:
            new = (
                starts_label[i]
                and not _continues_label(prev, bounds, line)
                and (occupancy[i] >= 0.5 * full or occupancy[i - 1] < 0.5 * full or full <= 2)
            )
        if new and not half[i - 1]:
            rows.append([line])
        else:
            rows[-1].append(line)
    return rows


def _label_words(line: Line, bounds: list[float]) -> list[Word]:
    return [w for w in line.words if column_of(w.xmid, bounds) == 0 and not w.sup]


def _starts_label(line: Line, bounds: list[float]) -> bool:
    return bool(_label_words(line, bounds))


_PARTICLES = {
    "de",
    "del",
    "della",
    "der",
    "den",
    "di",
    "da",
    "dos",
    "das",
    "du",
    "van",
    "von",
    "le",
    "la",
    "ter",
    "ten",
}


def _continues_label(prev: Line, bounds: list[float], line: Line | None = None) -> bool:
    """The label cell on ``line`` continues the one on ``prev`` rather than naming a new study.

    So it does when ``prev`` ends mid-phrase ("Smith and", "Goldberg et") or when the
    new text cannot open a study label: a lower-case word that is no name particle
    ("al, 2009", "et al."), an opening bracket ("(2015)") or a bare number.
    """
    words = _label_words(prev, bounds)
    if words:
        last = words[-1].text
        if last.endswith((",", ";", "-", "&", "\u2010")) or last.lower() in {"et", "and", "de", "van", "von"}:
            return True
    if line is None:
        return False
    own = _label_words(line, bounds)
    if not own or not words:
        return False
    first = own[0].text
    if first[0] in "([{" or first[0].isdigit():
        return True
    return first[0].islower() and first.lower().strip(".,") not in _PARTICLES


def _label_starts(band: list[Line], bounds: list[float]) -> int:
    """Lines of ``band`` that open a new label entry."""
    count = 0
    for i, ln in enumerate(band):
        if _starts_label(ln, bounds) and (i == 0 or not _continues_label(band[i - 1], bounds, ln)):
            count += 1
    return count


def table_bounds(lines: list[Line], header_count: int, min_gap: float, hrules: list[Rule]) -> list[float]:
    """Column boundaries: white strips no line crosses, plus those only a spanning
    heading crosses (centred over the boundary, or above a short rule)."""
    bounds = whitespace_columns(lines, min_gap)
    header, body = lines[:header_count], lines[header_count:]
    if not header or len(body) < 2:
        return bounds
    allowance = 1 if len(body) >= 8 else 0
    header_bottom = max(ln.bottom for ln in header)
    for x in whitespace_columns(body, min_gap, allowance)[1:-1]:
        if any(abs(x - b) < 3 for b in bounds):
            continue
        crossing = [ph for ln in header for ph in phrases(ln) if ph[0].x0 < x < ph[-1].x1]
        if crossing and all(
            _centred_over(ph, x)
            or _columns_under_rule(ph, hrules, [ph[0].x0 - 1, x, ph[-1].x1 + 1], header_bottom)
            or _children_both_sides(ph, x, header)
            for ph in crossing
        ):
            bounds.append(x)
    return sorted(bounds)


def _with_rule_joints(
    bounds: list[float], hrules: list[Rule], ys: list[float], body: list[Line], span: tuple[float, float]
) -> list[float]:
    """Add the column edges a table's rules are drawn in pieces at.

    Some typesetters draw each horizontal rule as one segment per column; where the
    segments of the table's rules meet, in white space no body word crosses, is a
    column boundary even when the gap is narrow or a heading straddles it.
    """
    joints: dict[float, int] = {}
    for y in ys:
        segs = sorted(
            (r.x0, r.x1) for r in hrules if abs(r.top - y) <= SAME_POSITION and span[0] - 2 <= r.x0 <= span[1] + 2
        )
        for (_, a_end), (b_start, _) in zip(segs, segs[1:]):
            if abs(b_start - a_end) <= 1.0:
                key = round((a_end + b_start) / 2)
                joints[key] = joints.get(key, 0) + 1
    words = [w for ln in body for w in ln.words]
    out = list(bounds)
    for x, count in joints.items():
        if count < 2 or any(abs(x - b) < 4 for b in out):
            continue  # a joint on one rule only may be a coincidence; boundaries already known stay
        if not any(w.x0 + 1 < x < w.x1 - 1 for w in words):  # text may start right at the joint
            out.append(float(x))
    return sorted(out)


def _children_both_sides(phrase: list[Word], x: float, header: list[Line]) -> bool:
    """Header words printed under ``phrase`` on both sides of ``x``: the phrase spans them."""
    a, b = phrase[0].x0 - 10, phrase[-1].x1 + 10
    bottom = max(w.bottom for w in phrase)
    below = [w for ln in header for w in ln.words if w.top > bottom - 0.5 and a <= w.x0 and w.x1 <= b]
    return any(w.x1 < x for w in below) and any(w.x0 > x for w in below)


def _centred_over(phrase: list[Word], x: float) -> bool:
    a, b = phrase[0].x0, phrase[-1].x1
    return abs((a + b) / 2 - x) <= 0.25 * (b - a)


def read_grid(
    lines: list[Line],
    hrules: list[Rule],
    vrules: list[Rule],
    region: tuple[float, float, float, float],
    min_gap: float,
    bounds_hint: list[float] | None = None,
    known: frozenset[str] = frozenset(),
) -> Grid:
    """Read the lines inside ``region`` (x0, top, x1, bottom) into a grid of word lists.

    The first row of the grid is the header as one row of cells; a header printed in
    levels (a heading spanning several columns) is composed into ``header``. Words the
    columns cut in two are made whole (see :mod:`litcurate.extract.split_words`; ``known``
    is the document's vocabulary).
    """
    x0, top, x1, bottom = region
    ys = wide_hrules(hrules, x0, x1, top, bottom)
    header_lines = _header_lines(_bands(lines, ys))
    bounds = rule_columns(vrules, x0, x1, top, bottom)
    if len(bounds) < 3:
        bounds = table_bounds(lines, len(header_lines), min_gap, hrules)
        bounds = _with_rule_joints(bounds, hrules, ys, lines[len(header_lines) :], (x0, x1))
    if bounds_hint and _fits(bounds_hint, lines):
        # A piece continuing a table keeps the columns found where it began: a few
        # rows on a new page show fewer gaps than the whole table.
        bounds = bounds_hint
    else:
        bounds = _without_empty_columns(bounds, lines)
    lines = mend_cut_words(lines, bounds, known)
    header_lines = lines[: len(header_lines)]  # the same lines, their cut words now marked
    body_bands = _bands(lines[len(header_lines) :], ys)
    # Rules separate rows when nearly every band between them holds one study.
    ruled_rows = len(body_bands) >= 3 and sum(_label_starts(b, bounds) > 1 for b in body_bands) <= 0.2 * len(body_bands)
    rows_of_lines: list[list[Line]] = [header_lines] if header_lines else []
    for band in body_bands:
        rows_of_lines.extend([band] if ruled_rows else split_rows_by_text(band, bounds))
    rows, tops = place_words(rows_of_lines, bounds)
    header = compose_header(header_lines, bounds, hrules, lines[len(header_lines) :]) if header_lines else None
    return Grid(bounds, rows, tops, ruled_rows, header)


def _without_empty_columns(bounds: list[float], lines: list[Line]) -> list[float]:
    """The boundaries less those of columns no word falls in (a gap seen twice on a page of
    few rows): an empty column would shift every header name after it."""
    used = {column_of(w.xmid, bounds) for ln in lines for w in ln.words if not w.sup}
    kept = [bounds[0]] + [bounds[c + 1] for c in range(len(bounds) - 1) if c in used]
    kept[-1] = bounds[-1]
    return kept if len(kept) >= 3 else bounds


def _fits(bounds: list[float], lines: list[Line]) -> bool:
    words = [w for ln in lines for w in ln.words]
    if not words:
        return False
    left, right = min(w.x0 for w in words), max(w.x1 for w in words)
    return bounds[0] - 6 <= left and right <= bounds[-1] + 6 and (right - left) > 0.6 * (bounds[-1] - bounds[0])


def place_words(rows_of_lines: list[list[Line]], bounds: list[float]) -> tuple[list[list[list[Word]]], list[float]]:
    """Each row's words put into the columns their middles fall in, and each row's top."""
    rows, tops = [], []
    for row_lines in rows_of_lines:
        cells: list[list[Word]] = [[] for _ in range(len(bounds) - 1)]
        for ln in row_lines:
            for w in ln.words:
                cells[column_of(w.xmid, bounds)].append(w)
        rows.append(cells)
        tops.append(row_lines[0].top)
    return rows, tops


def _header_lines(bands: list[list[Line]]) -> list[Line]:
    """The header: the first band when a rule closes it, else the bold lines, else the first line."""
    if not bands:
        return []
    first = bands[0]
    if len(bands) >= 2 and len(first) <= 6:
        return _bold_head(first) or first
    if first and all(w.bold for w in first[0].words):
        taken = []
        for ln in first:
            if not any(w.bold for w in ln.words):
                break
            taken.append(ln)
        return taken
    return first[:1]


def _bold_head(band: list[Line]) -> list[Line] | None:
    """The bold lines opening a band when a plain line after them opens a row at the table's
    left edge: a shaded second row's edge closed the band below the first row, not the header."""
    bold = []
    for ln in band:
        if not all(w.bold for w in ln.main_words):
            break
        bold.append(ln)
    if not bold or len(bold) == len(band):
        return None
    rest = band[len(bold)]
    left = min(ln.x0 for ln in band)
    opener = min(rest.main_words, key=lambda w: w.x0)
    return bold if opener.x0 <= left + 1 and opener.text[:1].isupper() else None


def compose_header(
    lines: list[Line], bounds: list[float], hrules: list[Rule], body: list[Line] | None = None
) -> list[str]:
    """Header text per column.

    Header phrases go to the column whose body text they sit over (headers overhang
    narrow columns, left-, right- or centre-aligned).  A heading printed over several
    columns is a parent: above a short rule spanning them, or centred across them with
    header text below it on each side.  Each child column is then "Parent / Child".
    """
    ncols = len(bounds) - 1
    extents = _content_extents(body or [], bounds)
    parents: list[list[str]] = [[] for _ in range(ncols)]
    own: list[list[Word]] = [[] for _ in range(ncols)]
    header_bottom = max(ln.bottom for ln in lines)
    for ln in lines:
        for phrase in phrases(ln):
            spanned = _columns_under_rule(phrase, hrules, bounds, header_bottom) or _straddled(
                phrase, extents, lines, bounds
            )
            if len(spanned) > 1:
                for c in spanned:
                    parents[c].append(join_words(phrase))
            else:
                own[_column_for(phrase, extents, bounds)].extend(phrase)
    out = []
    for c in range(ncols):
        child = join_lines(printed_lines(cell_lines(own[c])))
        out.append(" / ".join(parents[c] + ([child] if child else [])))
    return out


def _content_extents(body: list[Line], bounds: list[float]) -> list[tuple[float, float] | None]:
    spans: list[list[float]] = [[] for _ in range(len(bounds) - 1)]
    for ln in body:
        for w in ln.words:
            c = column_of(w.xmid, bounds)
            spans[c].extend((w.x0, w.x1))
    return [(min(s), max(s)) if s else None for s in spans]


def _column_for(phrase: list[Word], extents: list, bounds: list[float]) -> int:
    """The column whose body text a header phrase overlaps most, else the nearest."""
    a, b = min(w.x0 for w in phrase), max(w.x1 for w in phrase)
    mid = (a + b) / 2
    best, key = column_of(mid, bounds), None
    for c, ext in enumerate(extents):
        if ext is None:
            continue
        overlap = min(b, ext[1]) - max(a, ext[0])
        distance = 0.0 if overlap > 0 else min(abs(mid - ext[0]), abs(mid - ext[1]))
        candidate = (overlap > 0, overlap if overlap > 0 else -distance)
        if key is None or candidate > key:
            best, key = c, candidate
    return best


def phrases(line: Line) -> list[list[Word]]:
    """Runs of words on a header line separated by no more than a word space."""
    out: list[list[Word]] = []
    for w in sorted((v for v in line.words if not v.sup), key=lambda v: v.x0):
        if out and w.x0 - out[-1][-1].x1 < 0.45 * max(w.size, 1):
            out[-1].append(w)
        else:
            out.append([w])
    return out


def _straddled(phrase: list[Word], extents: list, lines: list[Line], bounds: list[float]) -> list[int]:
    """Columns a phrase is centred across, each holding header text below it."""
    a, b = min(w.x0 for w in phrase), max(w.x1 for w in phrase)
    inner = [i for i in range(1, len(bounds) - 1) if a < bounds[i] < b]
    if not inner:
        return []
    cols = sorted({i - 1 for i in inner} | set(inner))
    spans = [extents[c] for c in cols if extents[c] is not None]
    if len(spans) < 2:
        return []
    left, right = min(s[0] for s in spans), max(s[1] for s in spans)
    if abs((a + b) / 2 - (left + right) / 2) > 0.25 * (right - left):
        return []
    if min(b, spans[0][1]) - max(a, spans[0][0]) <= 0 or min(b, spans[-1][1]) - max(a, spans[-1][0]) <= 0:
        return []
    bottom = max(w.bottom for w in phrase)
    below = [w for ln in lines for w in ln.words if w.top > bottom - 0.5 and not w.sup]
    if all(any(column_of(w.xmid, bounds) == c for w in below) for c in cols):
        return cols
    return []


def _columns_under_rule(phrase: list[Word], hrules: list[Rule], bounds: list[float], header_bottom: float) -> list[int]:
    """Columns under a short rule printed just below ``phrase`` inside the header."""
    a, b = min(w.x0 for w in phrase), max(w.x1 for w in phrase)
    bottom = max(w.bottom for w in phrase)
    size = max(w.size for w in phrase)
    for r in hrules:
        if bottom - 1 <= r.top <= bottom + 0.8 * size and r.top < header_bottom - 1 and r.x0 <= a + 1 and r.x1 >= b - 1:
            return [i for i in range(len(bounds) - 1) if r.x0 - 1 <= (bounds[i] + bounds[i + 1]) / 2 <= r.x1 + 1]
    return []


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


def printed_lines(lines: list[list[Word]]) -> list[str]:
    """Each printed line of a cell as text; a line opening with the rest of a word cut at the
    end of the line above (a ``glued`` word) is added to that line without a space."""
    out: list[str] = []
    for ln in lines:
        text = join_words(ln)
        if out and ln and min(ln, key=lambda w: w.x0).glued:
            out[-1] += text
        elif text:
            out.append(text)
    return out


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
    """Whitespace runs collapsed to one space, ends stripped."""
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Cell:
    """A cell's printed lines (superscripts removed) and the superscript marks it carried."""

    lines: list[str]
    marks: list[str]

    @property
    def text(self) -> str:
        """The cell's lines joined as printed (hyphens of a line break undone)."""
        return join_lines(self.lines)

    def extended(self, other: "Cell") -> "Cell":
        """This cell with another piece of it (cut by a page break) appended."""
        return Cell(self.lines + other.lines, self.marks + other.marks)


def to_cell(words: list[Word]) -> Cell:
    """A cell from its words: printed lines without superscripts, and the marks it carried."""
    lines = printed_lines(cell_lines(words))
    marks = [w.text for ln in cell_lines(words, keep_sup=True) for w in ln if w.sup]
    return Cell([ln for ln in lines if ln.strip()], marks)


def cell_text(words: list[Word]) -> str:
    """The printed text of a cell without superscripts, lines joined in reading order."""
    return join_lines(printed_lines(cell_lines(words)))


def pitch_of(lines: list[Line]) -> float:
    """The smallest distance between successive line tops (one line of a cell)."""
    return _line_pitch(lines)


def median_size(lines: list[Line]) -> float:
    """Median type size of the lines' full-size words."""
    sizes = [w.size for ln in lines for w in ln.words if not w.sup]
    return statistics.median(sizes) if sizes else 8.0
