"""The review's numbered reference list: find it, split it into entries, parse each.

Entries start with "1." / "[1]" (or a bullet when nothing is numbered), wrap over
lines with or without a hanging indent, and may run down two columns; each is
parsed in Vancouver order: authors. title. journal year;volume(issue):pages.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import asdict, dataclass

import pandas as pd

from litcurate.extract.detect import body_lines
from litcurate.extract.furniture import furniture_keys, is_furniture
from litcurate.extract.layout import Line, PageLayout, Word, group_lines, join_words
from litcurate.extract.table_reader import join_lines, whitespace_columns
from litcurate.names import surname

HEADING = re.compile(
    r"^(?:\d+\.?\s*)?(?:References|REFERENCES|Reference List|Bibliography|Literature Cited|REFERENCE LIST)\s*:?$"
)
AFTER_REFERENCES = re.compile(r"^(?:Publisher.s Note|Appendix|APPENDIX|Supplementary|Figure Legends|Tables?)\s*$")
NUMBERED = re.compile(r"^(?:\[(\d{1,4})\]|(\d{1,4})\.)\s*(?=\S)")
BULLET = re.compile(r"^[•▪◦·]\s+")
AUTHOR = re.compile(
    r"^(?:(?:[a-z]{1,4}|[A-Z][a-z]?')\s)*[A-Z][\w'’\-]*(?:[\s\-][A-Z][\w'’\-]*)*\s[A-Z]{1,4}(?:\s(?:Jr|Sr|II|III|IV|2nd|3rd))?$"
)
YEAR_BLOCK = re.compile(
    r"(?:^|[\s.])(?P<year>(?:19|20)\d{2})(?P<letter>[a-z])?(?:\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{1,2})?(?:[-–][A-Z]?[a-z]{0,8}\.?\s?\d{0,2})?)?"
    r"\s*(?:;\s*(?P<volume>[^\s(:;.]+)?(?:\s*\((?P<issue>[^)]+)\))?(?::\s*(?P<pages>[A-Za-z]?\d+(?:\.?[A-Za-z]\d*)?(?:\s*[-–]\s*[A-Za-z]?\d+[A-Za-z]?)?))?|[.:,]|$)"
)
DOI = re.compile(r"(?:doi:?\s*|https?://(?:dx\.)?doi\.org/)(10\.\d{4,9}/\S+)", re.IGNORECASE)
PMID = re.compile(r"(?:PubMed:|PMID:?)\s*(\d{1,9})")
COLUMNS = [
    "ref_no",
    "text",
    "authors",
    "first_author",
    "et_al",
    "title",
    "journal",
    "year",
    "year_letter",
    "volume",
    "issue",
    "pages",
    "doi",
    "pmid",
]
MIN_GUTTER = 8.0


@dataclass
class Reference:
    ref_no: int
    text: str
    authors: str = ""
    first_author: str = ""
    et_al: bool = False
    title: str = ""
    journal: str = ""
    year: str = ""
    year_letter: str = ""  # "a" of "2012a": the first of an author's papers of that year
    volume: str = ""
    issue: str = ""
    pages: str = ""
    doi: str = ""
    pmid: str = ""


def _column_gutter(lines: list[Line], width: float) -> float | None:
    """x of a white strip near the page middle, if the text runs in two columns.

    A few lines may cross it (a full-width running head, a download stamp, a caption)
    without hiding the columns every other line shows.
    """
    if sum(len(ln.words) for ln in lines) < 20:
        return None
    allowance = max(1, len(lines) // 20)
    bounds = whitespace_columns(lines, MIN_GUTTER, allowance)[1:-1]
    middle = [x for x in bounds if 0.3 * width < x < 0.7 * width]
    return min(middle, key=lambda x: abs(x - width / 2)) if middle else None


def _split_at(lines: list[Line], gutter: float | None) -> tuple[list[Line], list[Line]]:
    """(left column, right column) of the lines' words regrouped either side of ``gutter``;
    with no gutter everything is the left column."""
    if gutter is None:
        return lines, []
    words = [w for ln in lines for w in ln.words]
    return group_lines([w for w in words if w.xmid < gutter]), group_lines([w for w in words if w.xmid >= gutter])


def _reading_order(lines: list[Line], width: float) -> list[Line]:
    left, right = _split_at(lines, _column_gutter(lines, width))
    return left + right


def _heading_text(text: str) -> str:
    """Heading text with letter-spacing undone ("R e f e r e n c e s" -> "References")."""
    tokens = text.split()
    if len(tokens) > 3 and all(len(t) == 1 for t in tokens):
        return "".join(tokens)
    return text.strip()


def _runs(line: Line) -> list[list[Word]]:
    """Runs of words on a line, split at gaps wider than a word space and where the type
    size changes (a bold heading beside the other column's text)."""
    out: list[list[Word]] = []
    for w in sorted(line.words, key=lambda v: v.x0):
        if out:
            prev = out[-1][-1]
            small = min(prev.size, w.size)
            if w.x0 - prev.x1 <= 0.8 * small and abs(prev.size - w.size) <= 0.15 * small:
                out[-1].append(w)
                continue
        out.append([w])
    return out


def _heading(page: PageLayout, lines: list[Line]) -> tuple[float, float, float] | None:
    """(x0, x1, bottom) of the reference-list heading on a page, looked for in every run
    of words on a line, so a heading beside the other column's text is found too."""
    for ln in lines:
        for run in _runs(ln):
            # No superscript filter: a heading beside the other column's text can look raised.
            text = _heading_text(" ".join(w.text for w in run))
            if HEADING.match(text):
                return min(w.x0 for w in run), max(w.x1 for w in run), max(w.bottom for w in run)
    return None


def _section_start(page: PageLayout, lines: list[Line]) -> list[Line] | None:
    """The page's lines after the heading, in reading order, or None without a heading."""
    found = _heading(page, lines)
    if found is None:
        return None
    x0, x1, bottom = found
    # The columns are those of the text beside and below the heading: the top of the
    # page may hold a full-width figure or table.
    gutter = _column_gutter([ln for ln in lines if ln.bottom > bottom - 30], page.width)
    left, right = _split_at(lines, gutter)
    if gutter is not None and x0 >= gutter:
        return [ln for ln in right if ln.top > bottom - 0.5]
    return [ln for ln in left if ln.top > bottom - 0.5] + right


def reference_lines(pages: list[PageLayout]) -> list[Line]:
    """Lines of the reference section in reading order ([] when there is none).

    The heading is looked for in every run of words, so a "References" heading halfway
    down one column of a two-column page is found; the section runs from there to the
    end of the document or to a heading that follows it.
    """
    out: list[Line] = []
    started = False
    keys = furniture_keys(pages)
    for page in pages:
        lines = [ln for ln in body_lines(page) if not is_furniture(ln, page, keys)]
        if not started:
            ordered = _section_start(page, lines)
            if ordered is None:
                continue
            started = True
        else:
            ordered = _reading_order(lines, page.width)
        for ln in ordered:
            if AFTER_REFERENCES.match(ln.plain_text.strip()):
                return out
            out.append(ln)
    return out


_TO_SUPERSCRIPT = str.maketrans("0123456789+-−", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻")


def line_text(line: Line) -> str:
    """A reference line as printed: raised marks as Unicode superscripts, bold notes left out.

    Some journals append a bold annotation ("Of major importance: ...") to an entry;
    it is commentary, not part of the citation.
    """
    bold = [w for w in line.words if w.bold]
    words = [w for w in line.words if not w.bold] if 3 <= len(bold) < len(line.words) else line.words
    shown = [
        Word(w.text.translate(_TO_SUPERSCRIPT), w.x0, w.x1, w.top, w.bottom, w.size, w.bold)
        if w.sup and re.fullmatch(r"[0-9+\-−]+", w.text)
        else w
        for w in words
    ]
    return join_words(shown).strip()


def _has_hanging_indent(lines: list[Line], texts: list[str]) -> bool:
    starts = [ln.x0 for ln, t in zip(lines, texts) if NUMBERED.match(t)]
    rest = [ln.x0 for ln, t in zip(lines, texts) if t and not NUMBERED.match(t)]
    if not starts or not rest:
        return False
    return statistics.median(rest) > statistics.median(starts) + 2


def _outdented(lines: list[Line]) -> set[int] | None:
    """Lines that open an entry of an unnumbered list printed with a hanging indent:
    flush with the left edge of their column while the lines after them are indented."""
    if len(lines) < 4:
        return None
    starts: set[int] = set()
    edge = None
    for i, ln in enumerate(lines):
        if edge is None or ln.x0 < edge - 40 or ln.x0 > edge + 120:
            column = [v for v in lines[i:] if abs(v.x0 - ln.x0) < 120]
            edge = min(v.x0 for v in column[:30])
        if abs(ln.x0 - edge) < 1.5:
            starts.add(id(ln))
    indented = sum(1 for ln in lines if id(ln) not in starts)
    if not starts or indented < len(starts) * 0.5:
        return None
    return starts


def split_entries(lines: list[Line]) -> list[tuple[int, str]]:
    """(number, text) per entry; numbers must run on consecutively to start a new entry."""
    texts = [line_text(ln) for ln in lines]
    numbered = any(NUMBERED.match(t) for t in texts)
    entries: list[tuple[int, list[str]]] = []
    start_x: float | None = None
    hanging = _has_hanging_indent(lines, texts)
    bullets = any(BULLET.match(t) for t in texts)
    hanging_starts = None if numbered or bullets else _outdented(lines)
    for ln, text in zip(lines, texts):
        if not text:
            continue
        m = NUMBERED.match(text) if numbered else BULLET.match(text)
        if m and numbered:
            no = int(m.group(1) or m.group(2))
            expected = (not entries and no <= 5) or (entries and no == entries[-1][0] + 1)
            # A gap in the numbering (a list printed in part) is accepted where the line
            # starts flush with the other entries and the continuation lines are indented.
            jump = (
                bool(entries)
                and entries[-1][0] < no <= entries[-1][0] + 50
                and start_x is not None
                and abs(ln.x0 - start_x) < 1.0
                and hanging
            )
            if expected or jump:
                if start_x is None:
                    start_x = ln.x0
                entries.append((no, [text[m.end() :]]))
                continue
        elif m:
            entries.append((len(entries) + 1, [text[m.end() :]]))
            continue
        elif hanging_starts is not None and id(ln) in hanging_starts:
            entries.append((len(entries) + 1, [text]))
            continue
        if entries:
            entries[-1][1].append(text)
    return [(no, join_lines(parts)) for no, parts in entries]


_SEMICOLON_AUTHOR = re.compile(r"^\s*(?:and\s+|&\s*)?([^,;.]{1,60}),\s*((?:[A-Z]\.\s?-?\s?){1,4})")
_AUTHOR_YEAR = re.compile(r"^(.{3,600}?)\s*\(((?:19|20)\d{2}[a-z]?)\)[.,]?\s*")
_GLUED_INITIALS = re.compile(r"(?<=[a-z])([A-Z]{1,3})$")


def _name(text: str) -> str:
    """One author as "Surname AB": glued initials split off ("VgontzasAN")."""
    return _GLUED_INITIALS.sub(r" \1", text.strip().rstrip(".,"))


def _semicolon_authors(text: str) -> tuple[list[str], str] | None:
    """ "Franceschini, N.; Reiner, A.P.; Heiss, G. Title..." (MDPI, ACS)."""
    names: list[str] = []
    rest = text
    while True:
        m = _SEMICOLON_AUTHOR.match(rest)
        if not m:
            return None
        names.append(f"{m.group(1).strip()} {re.sub(r'[^A-Z]', '', m.group(2))}")
        rest = rest[m.end() :].lstrip()
        if rest.startswith(";"):
            rest = rest[1:]
            if rest.lstrip().startswith("et al"):
                return names, re.sub(r"^\s*et al\.?\s*", "", rest)
            continue
        return (names, rest) if len(names) > 1 or rest else None


def _author_year(text: str) -> tuple[list[str], str, str] | None:
    """ "Boeuf S, Bovee JV (2010) Title..." (author-year lists): names, year, rest."""
    m = _AUTHOR_YEAR.match(text)
    if not m or "." in m.group(1).replace(" et al.", "").rstrip("."):
        return None
    head = re.sub(r",?\s*et al\.?$", "", m.group(1).strip())
    names = [_name(p) for p in re.split(r",\s*|\s+and\s+|\s*&\s*", head) if p.strip()]
    return names, m.group(2), text[m.end() :]


def _author_part(text: str) -> tuple[list[str], bool, str]:
    """(authors, et_al, rest) for the leading author list of a reference."""
    semicolon = _semicolon_authors(text)
    if semicolon:
        return semicolon[0], "et al" in text[: len(text) - len(semicolon[1])], semicolon[1]
    for m in re.finditer(r"\.\s?", text):
        head = text[: m.start()]
        parts = [_name(p) for p in head.split(",")]
        et_al = bool(re.search(r"(?:^|\s)et al\.?$", parts[-1]))
        if et_al:
            parts[-1] = re.sub(r"\s*et al\.?$", "", parts[-1])
        names = [p for p in parts if p and p.lower() not in {"ed", "eds", "editor", "editors"}]
        if names and all(AUTHOR.match(p) for p in names):
            return names, et_al, text[m.end() :]
        break
    head, _, rest = text.partition(". ")
    first = head.split(",")[0].strip()
    return [_name(first)], False, rest


def parse_reference(ref_no: int, text: str) -> Reference:
    """One entry's text split into authors, title, journal, year, volume, issue, pages and ids."""
    ref = Reference(ref_no, text)
    doi = DOI.search(text)
    pmid = PMID.search(text)
    ref.doi = doi.group(1).rstrip(".,;") if doi else ""
    ref.pmid = pmid.group(1) if pmid else ""
    core = DOI.sub("", PMID.sub("", text)).replace("[]", "").strip()
    author_year = _author_year(core)
    if author_year:
        names, printed_year, rest = author_year
        ref.et_al = "et al" in core[: len(core) - len(rest)]
    else:
        names, ref.et_al, rest = _author_part(core)
        printed_year = ""
    ref.authors = "; ".join(names)
    ref.first_author = surname(names[0]) if names and AUTHOR.match(names[0]) else names[0] if names else ""
    rest = _drop_web_notes(rest)
    blocks = list(YEAR_BLOCK.finditer(rest))
    year = next((b for b in blocks if b.group("volume") or b.group("pages")), blocks[0] if blocks else None)
    if year:
        ref.year, ref.year_letter = year.group("year"), year.group("letter") or ""
        ref.volume = year.group("volume") or ""
        ref.issue = year.group("issue") or ""
        ref.pages = re.sub(r"\s+", "", year.group("pages") or "")
        before = rest[: year.start("year")].strip().rstrip(".").strip()
    else:
        before = rest.strip().rstrip(".")
        any_year = re.search(r"\b((?:19|20)\d{2})([a-z]?)\b", rest)
        ref.year, ref.year_letter = (any_year.group(1), any_year.group(2)) if any_year else ("", "")
    if printed_year:
        ref.year, ref.year_letter = printed_year[:4], printed_year[4:]
    title, journal = _title_and_journal(before)
    ref.title, ref.journal = title, journal
    return ref


WEB_NOTE = re.compile(
    r"(?:^|(?<=[.;]))\s*(?:Available (?:at|from):?\s*\S+|https?://\S+|(?:Published|Accessed|Updated|Cited)\b[^.]*\.?)",
    re.IGNORECASE,
)


def _drop_web_notes(text: str) -> str:
    """Without "Available at: URL", bare URLs and "Published/Accessed <date>" notes."""
    return re.sub(r"\s+", " ", WEB_NOTE.sub(" ", text)).strip()


def _title_and_journal(text: str) -> tuple[str, str]:
    cuts = [m for m in re.finditer(r"[.?!]\s+(?=[A-Z])", text)]
    if not cuts:
        return text.strip(), ""
    last = cuts[-1]
    title = text[: last.start() + 1].strip()
    if title.endswith("."):
        title = title[:-1]
    return title, text[last.end() :].strip()


def parse_references(pages: list[PageLayout]) -> pd.DataFrame:
    """The document's reference list, one parsed row per entry, in the references schema's columns."""
    refs = [parse_reference(no, text) for no, text in split_entries(reference_lines(pages))]
    frame = pd.DataFrame([asdict(r) for r in refs], columns=COLUMNS)
    frame["ref_no"] = frame["ref_no"].astype("int64")
    frame["et_al"] = frame["et_al"].astype(bool)
    return frame
