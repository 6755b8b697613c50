"""Words, text lines and ruling lines of one PDF page, in reading orientation.

Pages whose text runs sideways (a landscape table printed on a portrait page)
are turned so that every word reads left to right and lines run top to bottom;
everything downstream can then assume upright text.
"""

from __future__ import annotations

import bisect
import functools
import statistics
from dataclasses import dataclass, field

import pdfplumber.utils

from litcurate.extract.case_repair import repair_case

SUPERSCRIPT_SIZE_RATIO = 0.85  # a glyph this much smaller than its line's text is a candidate
MIN_RULE_LENGTH = 2.0
INDEX_DIGITS = "₀₁₂₃₄₅₆₇₈₉⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻₊₋"


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool = False
    sup: bool = False
    glued: bool = False  # goes on, without a space, with the word a narrow column cut at the end of the line above

    @property
    def xmid(self) -> float:
        """Horizontal middle."""
        return (self.x0 + self.x1) / 2

    @property
    def ymid(self) -> float:
        """Vertical middle."""
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class Rule:
    """A horizontal (``top == bottom``) or vertical (``x0 == x1``) ruling segment."""

    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        """The rule runs across rather than down."""
        return (self.x1 - self.x0) >= (self.bottom - self.top)


@dataclass
class Line:
    words: list[Word]

    @property
    def top(self) -> float:
        """Top of the line's full-size words."""
        return min(w.top for w in self.main_words)

    @property
    def bottom(self) -> float:
        """Bottom of the line's full-size words."""
        return max(w.bottom for w in self.main_words)

    @property
    def x0(self) -> float:
        """Left edge of the line."""
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        """Right edge of the line."""
        return max(w.x1 for w in self.words)

    @property
    def main_words(self) -> list[Word]:
        """The line's words without superscripts (all of them if every word is raised)."""
        return [w for w in self.words if not w.sup] or self.words

    @property
    def size(self) -> float:
        """Type size of the line's full-size words."""
        return max(w.size for w in self.main_words)

    @property
    def text(self) -> str:
        """The line as printed, superscripts included."""
        return join_words(self.words)

    @property
    def plain_text(self) -> str:
        """The line without superscripts."""
        return join_words(self.main_words)


@dataclass
class PageLayout:
    number: int  # 1-based
    width: float
    height: float
    words: list[Word]
    hrules: list[Rule] = field(default_factory=list)
    vrules: list[Rule] = field(default_factory=list)

    @functools.cached_property
    def lines(self) -> list[Line]:
        """The page's text lines, top to bottom."""
        return group_lines(self.words)


def _direction(char: dict) -> str:
    """'upright', 'up' (reads bottom to top) or 'down' (top to bottom) for one glyph."""
    if char.get("upright", True):
        return "upright"
    return "up" if char["matrix"][1] > 0 else "down"


def _turn_box(obj: dict, direction: str, width: float, height: float) -> dict:
    """Coordinates of ``obj`` after turning the page so ``direction`` text reads upright."""
    x0, x1, top, bottom = obj["x0"], obj["x1"], obj["top"], obj["bottom"]
    if direction == "up":  # text reads bottom-to-top; lines advance to the right
        box = {"x0": height - bottom, "x1": height - top, "top": x0, "bottom": x1}
    elif direction == "down":
        box = {"x0": top, "x1": bottom, "top": width - x1, "bottom": width - x0}
    else:
        return dict(obj)
    return {**obj, **box, "upright": True}


# Ligature glyphs spelt out, and soft hyphens (invisible unless a line breaks there) dropped.
_SPELLED_OUT = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st", "\u00ad": ""}
)


def _words(chars: list[dict]) -> list[Word]:
    raw = pdfplumber.utils.extract_words(
        chars,
        x_tolerance=1.5,
        x_tolerance_ratio=0.15,  # a word gap scales with the type: small table print packs words tight
        y_tolerance=2,
        extra_attrs=["size"],
        return_chars=True,
    )
    out = []
    for w in raw:
        glyphs = [c for c in w["chars"] if c["text"].strip()] or w["chars"]
        bold = sum("bold" in str(c.get("fontname", "")).lower() for c in glyphs) > len(glyphs) / 2
        text = w["text"].translate(_SPELLED_OUT)
        if text:
            out.append(Word(text, w["x0"], w["x1"], w["top"], w["bottom"], round(float(w["size"]), 2), bold))
    return out


def join_words(words: list[Word]) -> str:
    """Words of one printed line as text; a space only where the line shows a gap."""
    text = ""
    prev: Word | None = None
    for w in sorted(words, key=lambda v: v.x0):
        attached = w.text[0] in INDEX_DIGITS  # a printed sub/superscript never starts a word
        if prev is not None and not attached and w.x0 - prev.x1 > 0.12 * max(prev.size, w.size):
            text += " "
        text += w.text
        prev = w
    return text


def _rules(page, direction: str) -> tuple[list[Rule], list[Rule]]:
    """Ruling segments from drawn lines, thin filled rectangles and the edges of fills."""
    segs: list[dict] = []
    for edge in page.edges:
        segs.append(_turn_box(edge, direction, page.width, page.height))
    hrules, vrules = [], []
    for s in segs:
        r = Rule(round(s["x0"], 1), round(s["x1"], 1), round(s["top"], 1), round(s["bottom"], 1))
        if max(r.x1 - r.x0, r.bottom - r.top) < MIN_RULE_LENGTH:
            continue  # the short ends of a thin filled rectangle
        if r.horizontal:
            y = round((r.top + r.bottom) / 2, 1)
            hrules.append(Rule(r.x0, r.x1, y, y))
        else:
            x = round((r.x0 + r.x1) / 2, 1)
            vrules.append(Rule(x, x, r.top, r.bottom))
    return sorted(set(hrules), key=lambda r: (r.top, r.x0)), sorted(set(vrules), key=lambda r: (r.x0, r.top))


MIN_VIEW_CHARS = 150  # fewer sideways glyphs than this are a margin stamp or running head


def _view(page, number: int, chars: list[dict], direction: str) -> PageLayout:
    width, height = (page.height, page.width) if direction != "upright" else (page.width, page.height)
    turned = [_turn_box(c, direction, page.width, page.height) for c in chars]
    if direction != "upright":
        turned = [{**c, "upright": True, "matrix": (1, 0, 0, 1, 0, 0)} for c in turned]
    words = mark_superscripts(_words(turned))
    hrules, vrules = _rules(page, direction)
    return PageLayout(number, float(width), float(height), words, hrules, vrules)


def read_page_views(page, number: int, glyphs: list | None = None) -> list[PageLayout]:
    """One upright layout per text direction the page prints at length.

    A table printed sideways beside upright prose becomes a view of its own, turned
    upright; sideways text too short to be a table (a download stamp, a running head
    in the margin) is dropped so it cannot leak into a table's columns.  The view of
    the page's main direction comes first.  ``glyphs`` (PDFium's reading of the page)
    repairs letters whose case the text layer decodes wrongly.
    """
    chars = page.chars  # spaces kept: they separate words even where glyphs are kerned together
    if glyphs:
        chars = repair_case(chars, glyphs)
    by_direction: dict[str, list[dict]] = {}
    for c in chars:
        by_direction.setdefault(_direction(c), []).append(c)
    visible = {d: sum(1 for c in cs if c["text"].strip()) for d, cs in by_direction.items()}
    if not visible:
        return [PageLayout(number, float(page.width), float(page.height), [])]
    main = max(visible, key=lambda d: (visible[d], d == "upright"))
    views = [_view(page, number, by_direction[main], main)]
    for d in sorted(by_direction):
        if d != main and visible[d] >= MIN_VIEW_CHARS:
            views.append(_view(page, number, by_direction[d], d))
    return views


def group_lines(words: list[Word]) -> list[Line]:
    """Text lines: words whose vertical middles fall inside one another's band.

    Full-size words found the lines; small raised words (superscripts) then join
    the line whose band holds their middle, so "al" and a raised "4" share a line.
    """
    if not words:
        return []
    typical = statistics.median(w.size for w in words)
    founders = sorted((w for w in words if not w.sup), key=lambda w: (w.top, w.x0))
    lines: list[list[Word]] = []
    for w in founders:
        for line in reversed(lines[-40:]):
            top = min(v.top for v in line)
            bottom = max(v.bottom for v in line)
            if top - 1 <= w.ymid <= bottom + 1 and abs(line[0].top - w.top) < 0.6 * max(w.size, typical, 1):
                line.append(w)
                break
        else:
            lines.append([w])
    for w in (w for w in words if w.sup):
        best = None
        for line in lines:
            top = min(v.top for v in line)
            bottom = max(v.bottom for v in line)
            if top - 0.6 * w.size <= w.ymid <= bottom:
                overlap = min(bottom, w.bottom) - max(top, w.top)
                if best is None or overlap > best[0]:
                    best = (overlap, line)
        if best is None:
            lines.append([w])
        else:
            best[1].append(w)
    out = [Line(sorted(line, key=lambda v: v.x0)) for line in lines]
    return sorted(out, key=lambda ln: (round(ln.top, 1), ln.x0))


def mark_superscripts(words: list[Word]) -> list[Word]:
    """Flag words printed smaller and raised against the full-size words beside them."""
    if not words:
        return []
    largest = max(w.size for w in words)
    by_top = sorted(words, key=lambda w: w.top)
    tops = [w.top for w in by_top]
    out = []
    for w in words:
        raised = False
        if w.size < largest * SUPERSCRIPT_SIZE_RATIO:
            lo = bisect.bisect_left(tops, w.top - 1.5 * w.size)
            hi = bisect.bisect_right(tops, w.bottom)
            for v in by_top[lo:hi]:
                if (
                    v.size * SUPERSCRIPT_SIZE_RATIO > w.size
                    and v.top - w.size <= w.top <= v.bottom
                    and min(abs(v.x1 - w.x0), abs(w.x1 - v.x0)) < 3 * v.size
                    and w.bottom < v.bottom - 0.2 * v.size
                ):
                    raised = True
                    break
        out.append(Word(w.text, w.x0, w.x1, w.top, w.bottom, w.size, w.bold, sup=raised))
    return out
