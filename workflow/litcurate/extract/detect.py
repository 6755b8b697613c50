"""Find table regions on laid-out pages: captions, extents, continued pieces.

Every "Table N" caption opens a block that runs down to the last rule of its
grid (ruled tables) or to the first line that is running text, a footnote or
beyond a wide gap (unruled tables).  A block that runs off the bottom of a page
continues at the top of the next page when that page starts with a table and
no caption of its own; "Table N. Continued" captions continue explicitly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from litcurate.extract import plain_grid
from litcurate.extract.layout import Line, PageLayout, Word
from litcurate.extract.split_words import vocabulary
from litcurate.extract.table_reader import (
    Cell,
    median_size,
    phrases,
    pitch_of,
    read_grid,
    to_cell,
    wide_hrules,
)

CAPTION = re.compile(r"^(?:Table|TABLE)\s*(\d+|[IVX]+)\b\s*[.:|]*\s*(.*)$")
CONTINUED = re.compile(r"^[(\[]?\s*(?:cont(?:inued)?\.?|cont'd)\s*[)\]]?\.?$", re.IGNORECASE)
# The caption repeated with the mark at its end: "Characteristics of ... (continued)".
CONTINUED_AT_END = re.compile(r"[(\[]\s*(?:continued|cont'd|cont\.)\s*[)\]]\.?$", re.IGNORECASE)
FIGURE = re.compile(r"^(?:Fig\.?|Figure|FIGURE)\s+\d+")
FOOTNOTE = re.compile(r"^(?:Abbreviations?\b|Note[s]?\b|Source\b|Data\b|[*†‡§¶]|-,|[a-z]\s*[A-Z(]|\^)")
PAGE_NUMBER = re.compile(r"^(?:Page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$")
MAX_BLANK_PITCHES = 3.0  # an unruled table ends at a gap this many line pitches tall
LARGER_TYPE = 1.4  # ... or at a line in type this many times the table's (a heading)
MARGIN_SHARE = 0.07  # page header/footer band, as a share of page height


@dataclass
class Block:
    """One printed piece of a table on one page."""

    page: int
    table_no: str | None
    caption: str
    continued: bool
    rows: list[list[Cell]]  # the first row is the header as printed on this page
    row_pages: list[int]
    bounds: list[float]
    runs_off_page: bool
    footnotes: list[str] = field(default_factory=list)

    @property
    def header(self) -> list[str]:
        """The header cells as printed on this piece."""
        return [c.text for c in self.rows[0]]


def body_lines(page: PageLayout) -> list[Line]:
    """Page lines without the running header/footer (bare page numbers and the like)."""
    out = []
    for ln in page.lines:
        in_margin = ln.top < MARGIN_SHARE * page.height or ln.bottom > (1 - MARGIN_SHARE) * page.height
        if in_margin and PAGE_NUMBER.match(ln.plain_text.strip()):
            continue
        out.append(ln)
    return out


def caption_match(line: Line) -> re.Match | None:
    """The “Table N ...” caption match of a line, or None."""
    return CAPTION.match(line.plain_text.strip())


def chunks(line: Line, min_gap: float) -> list[list[Word]]:
    """Runs of words on a line separated by gaps of at least ``min_gap``."""
    out: list[list[Word]] = []
    for w in sorted(line.words, key=lambda v: v.x0):
        if out and w.x0 - out[-1][-1].x1 < min_gap:
            out[-1].append(w)
        else:
            out.append([w])
    return out


def one_run(line: Line) -> bool:
    """The line's words run on with no gap wider than a column's (prose, a caption, a heading)."""
    return len(chunks(line, 1.2 * line.size)) == 1


def is_running_text(line: Line, width: float) -> bool:
    """A line of prose: one unbroken run of words across most of the table width."""
    return one_run(line) and (line.x1 - line.x0) >= 0.7 * width


def is_footnote(line: Line) -> bool:
    """The line opens a table footnote (a mark, an abbreviation list, a note)."""
    first = line.words[0]
    return first.sup or bool(FOOTNOTE.match(line.text.strip()))


def _stop_line(line: Line) -> bool:
    """A line no table runs past: a caption, a figure's, or the "(Continued)" under a piece."""
    text = line.plain_text.strip()
    return bool(caption_match(line) or FIGURE.match(text) or CONTINUED.match(text))


def _caption_lines(lines: list[Line], start: int, first_rule: float | None) -> int:
    """How many lines after the caption line still belong to the caption: lines of one run of
    words above the table's first rule (a line in columns is the header, over a shaded first
    row whose edge is the first rule), or one wrapped line when no rule follows."""
    n = 0
    for ln in lines[start + 1 : start + 4]:
        above_rule = first_rule is not None and ln.bottom < first_rule
        if one_run(ln) and (above_rule or (first_rule is None and n == 0 and _caption_wraps(lines[start], ln))):
            n += 1
        else:
            break
    return n


def _caption_wraps(caption: Line, nxt: Line) -> bool:
    return (
        nxt.top - caption.bottom < 0.6 * caption.size
        and abs(nxt.x0 - caption.x0) < 2
        and (caption.x1 - caption.x0) > 0.6 * (caption.x1 - caption.x0 + 1)
    )


def _extent(lines: list[Line]) -> tuple[float, float]:
    return min(ln.x0 for ln in lines), max(ln.x1 for ln in lines)


def _ruled_region(
    page: PageLayout, lines: list[Line], top: float, limit: float
) -> tuple[float, float, float, float] | None:
    """(x0, top, x1, bottom) of a grid whose first rule lies just below ``top``."""
    if not lines:
        return None
    pitch = max(pitch_of(lines[:6]), 8.0)
    near = [r for r in page.hrules if top - 1 <= r.top <= lines[0].top + 0.5 and r.x1 - r.x0 > 20]
    if not near:
        return None
    y0 = min(r.top for r in near)
    first = [r for r in near if abs(r.top - y0) <= 1.6]
    x0, x1 = min(r.x0 for r in first), max(r.x1 for r in first)
    if x1 - x0 < 0.3 * (max(ln.x1 for ln in lines) - min(ln.x0 for ln in lines)):
        return None
    ys = [y for y in wide_hrules(page.hrules, x0, x1, y0, limit) if y0 - 1 <= y < limit]
    bottom = ys[0]
    header = [ln for ln in lines if ys[0] < (ln.top + ln.bottom) / 2 < (ys[1] if len(ys) > 1 else limit)]
    for y in ys[1:]:
        between = [ln for ln in lines if bottom < (ln.top + ln.bottom) / 2 < y]
        if any(_stop_line(ln) for ln in between):
            break
        if any(is_running_text(ln, x1 - x0) for ln in between) and not _in_columns(between, header):
            break
        if not between and y - bottom > 4 * pitch:
            break
        bottom = y
    if bottom - y0 < pitch:
        return None
    return x0, y0, x1, bottom


def _in_columns(lines: list[Line], header: list[Line]) -> bool:
    """The lines are set in the header's columns: where the header's headings start (the left
    edge aside), words start on half the lines or more, under three headings or under every
    one of fewer. Tight columns can look like one run of words line by line; prose, or a
    figure's labels, do not start their words under the header's headings."""
    if len(lines) < 3 or not header:
        return False
    starts: dict[int, set[int]] = {}
    for n, ln in enumerate(lines):
        for w in ln.words:
            if not w.sup:
                starts.setdefault(round(w.x0), set()).add(n)
    left = min(starts)
    recurring = [x for x, on in starts.items() if x > left + 1 and len(on) >= max(3, 0.5 * len(lines))]
    headings = sorted({round(phrase[0].x0) for ln in header for phrase in phrases(ln)})
    headings = [h for h in headings if h > left + 1]
    matched = sum(any(abs(x - h) <= 2 for x in recurring) for h in headings)
    return bool(headings) and matched >= min(3, len(headings))


def _unruled_region(lines: list[Line]) -> tuple[float, float, float, float, int] | None:
    """(x0, top, x1, bottom, n_lines) of an unruled table starting at ``lines[0]``."""
    if not lines:
        return None
    x0, x1 = _extent(lines[:3])
    pitch = pitch_of(lines[:8])
    size = median_size(lines[:8])
    taken = [lines[0]]
    for ln in lines[1:]:
        # A footnote opens at the table's left edge; a mark-like word further right ("d" below
        # "Treatment Duration,") is a header or cell line. Larger type is a heading or prose.
        if _stop_line(ln) or (is_footnote(ln) and _at_left_edge(ln, x0)) or is_running_text(ln, x1 - x0):
            break
        if ln.size > LARGER_TYPE * size or _is_heading(ln, size) or _is_small_note(ln, size, x0):
            break
        if ln.top - taken[-1].bottom > MAX_BLANK_PITCHES * pitch:
            break
        taken.append(ln)
    x0, x1 = _extent(taken)
    return x0, taken[0].top - 0.5, x1, taken[-1].bottom + 0.5, len(taken)


def _is_heading(line: Line, size: float) -> bool:
    """A section heading ("References"): one bold run in type larger than the table's."""
    return line.size > 1.1 * size and all(w.bold for w in line.main_words) and one_run(line)


def _at_left_edge(line: Line, left: float) -> bool:
    """The line opens at the table's left edge (within two characters)."""
    return line.x0 < left + 2 * line.size


def _is_small_note(line: Line, size: float, left: float) -> bool:
    """A note under the table ("QST indicates ..."): one run from its left edge in smaller type."""
    return line.size < 0.88 * size and _at_left_edge(line, left) and one_run(line)


def _footnotes_after(lines: list[Line], bottom: float, width: float) -> list[str]:
    notes = []
    for ln in lines:
        if ln.top < bottom:
            continue
        if is_footnote(ln) or (notes and ln.top - bottom < 3 * ln.size and not is_running_text(ln, width)):
            notes.append(ln.text)
            bottom = ln.bottom
        else:
            break
    return notes


def read_block(
    page: PageLayout,
    lines: list[Line],
    start: int,
    top: float,
    caption: str,
    table_no: str | None,
    continued: bool,
    earlier: "Block | None" = None,
    adaptive: bool = True,
    known: frozenset[str] = frozenset(),
) -> Block | None:
    """Read the table whose first line is ``lines[start]`` (below ``top``); ``known`` is the
    document's vocabulary, the evidence for mending words the columns cut in two."""
    following = lines[start:]
    stop = next((i for i, ln in enumerate(following) if i > 0 and _stop_line(ln)), None)
    limit = following[stop].top if stop is not None else page.height
    following = following[:stop]
    region = _ruled_region(page, following, top, limit)
    if region is not None:
        x0, y0, x1, bottom = region
        inside = [ln for ln in following if y0 <= (ln.top + ln.bottom) / 2 <= bottom]
        rest = [ln for ln in following if (ln.top + ln.bottom) / 2 > bottom]
        header_only = len(wide_hrules(page.hrules, x0, x1, y0, bottom)) <= 2
        if adaptive and header_only and rest and rest[0].top - bottom < 3 * max(rest[0].size, 1):
            # Rules close only the header (booktabs with the bottom rule on a later
            # page, or none): the unruled body goes on below them.
            more = _unruled_region(rest)
            if more is not None and more[4] >= 2:
                inside += rest[: more[4]]
                x0, x1, bottom = min(x0, more[0]), max(x1, more[2]), more[3]
    else:
        found = _unruled_region(following)
        if found is None:
            return None
        x0, y0, x1, bottom, n = found
        inside = following[:n]
    if len(inside) < 2:
        return None
    min_gap = max(1.8, 0.4 * median_size(inside))
    region = (x0 - 1, y0, x1 + 1, bottom)
    if not adaptive:
        grid = plain_grid.read_grid(inside, page.hrules, page.vrules, region, min_gap, known)
    else:
        grid = read_grid(inside, page.hrules, page.vrules, region, min_gap, known=known)
    if adaptive and earlier is not None and _continues_columns(grid, earlier):
        grid = read_grid(inside, page.hrules, page.vrules, region, min_gap, earlier.bounds, known)
    if len(grid.bounds) < 3 or not grid.rows:
        return None
    after = [ln for ln in lines if ln.top >= bottom - 0.5]
    return Block(
        page=page.number,
        table_no=table_no,
        caption=caption,
        continued=continued,
        rows=_rows_with_header(grid),
        row_pages=[page.number] * len(grid.rows),
        bounds=grid.bounds,
        runs_off_page=not after,
        footnotes=_footnotes_after(after, bottom, x1 - x0),
    )


def _continues_columns(grid, earlier: "Block") -> bool:
    """A continued piece keeps the earlier columns unless it opens with a header of its own
    (the second half of a wide table): its first row repeats the earlier header or is data."""
    if not grid.rows:
        return False
    first = grid.header or [" ".join(w.text for w in cell) for cell in grid.rows[0]]
    texts = [t for t in first if t.strip()]
    if not texts:
        return True
    earlier_words = {w.lower() for h in earlier.header for w in h.split()}
    words = [w.lower() for t in texts for w in t.split()]
    if sum(w in earlier_words for w in words) >= 0.6 * len(words):
        return True
    return sum(any(ch.isdigit() for ch in t) for t in texts) >= 0.3 * len(texts)


def _rows_with_header(grid) -> list[list[Cell]]:
    rows = [[to_cell(words) for words in row] for row in grid.rows]
    if grid.header is not None and rows:
        rows[0] = [Cell([text], []) if text else Cell([], []) for text in grid.header]
    return rows


def find_blocks(pages: list[PageLayout], adaptive: bool = False) -> list[Block]:
    """Every table piece in the document, in page order.

    ``adaptive`` reads each piece with the adaptive grid reader (spanning headers,
    sub-rows, columns carried over to continued pieces) instead of the plain one.
    """
    blocks: list[Block] = []
    known = vocabulary(w for page in pages for w in page.words)
    for page in pages:
        lines = body_lines(page)
        if blocks and blocks[-1].runs_off_page and blocks[-1].page == page.number - 1:
            head = _uncaptioned_continuation(page, lines, blocks[-1], adaptive, known)
            if head is not None:
                blocks.append(head)
        for i, ln in enumerate(lines):
            m = caption_match(ln)
            if not m or (i > 0 and _wraps_from(lines[i - 1], ln)):
                continue
            rest = m.group(2).strip()
            continued = bool(CONTINUED.match(rest)) or rest.lower().startswith(("continued", "(continued"))
            first_rule = _first_rule_below(page, ln)
            n_cap = _caption_lines(lines, i, first_rule)
            caption_text = " ".join([ln.plain_text] + [x.plain_text for x in lines[i + 1 : i + 1 + n_cap]])
            # The caption repeated with the mark at its end, on its first line or a wrapped one.
            continued = continued or bool(CONTINUED_AT_END.search(caption_text.strip()))
            start = i + 1 + n_cap
            if start >= len(lines):
                continue
            if CONTINUED.match(lines[start].plain_text.strip()):
                start += 1
            if not rest and not continued and start < len(lines) and one_run(lines[start]):
                # The caption text is printed on its own line below the label.
                caption_text += " " + lines[start].plain_text
                start += 1
            top = lines[start - 1].bottom
            earlier = next((b for b in reversed(blocks) if b.table_no == m.group(1)), None)
            block = read_block(
                page,
                lines,
                start,
                top,
                caption_text.strip(),
                m.group(1),
                continued,
                earlier if continued else None,
                adaptive,
                known,
            )
            if block is not None:
                blocks.append(block)
    return blocks


def _wraps_from(prev: Line, line: Line) -> bool:
    """``line`` continues the sentence or heading on ``prev`` (a title ending "... Table 2")."""
    return (
        abs(prev.size - line.size) < 0.1
        and abs(prev.x0 - line.x0) < 1.0
        and line.top - prev.bottom < 0.5 * line.size
        and not caption_match(prev)
        and one_run(prev)
    )


def _first_rule_below(page: PageLayout, caption: Line) -> float | None:
    below = [r.top for r in page.hrules if r.top > caption.bottom and r.top - caption.bottom < 40 and r.x1 - r.x0 > 20]
    return min(below) if below else None


def _uncaptioned_continuation(
    page: PageLayout, lines: list[Line], previous: Block, adaptive: bool, known: frozenset[str]
) -> Block | None:
    """A table piece at the very top of ``page`` continuing ``previous`` without a caption."""
    if not lines:
        return None
    start = 0
    if CONTINUED.match(lines[0].plain_text.strip()):
        start = 1
    if start >= len(lines) or caption_match(lines[start]):
        return None
    first = lines[start]
    top = first.top - 3 * first.size
    block = read_block(page, lines, start, top, "", previous.table_no, True, previous, adaptive, known)
    if block is None or len(block.bounds) != len(previous.bounds):
        return None
    if lines[start].top > page.height * 0.35:
        return None
    return block
