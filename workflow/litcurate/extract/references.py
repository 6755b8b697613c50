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
from litcurate.extract.layout import Line, PageLayout, Word, group_lines, join_words
from litcurate.extract.table_reader import join_lines
from litcurate.names import surname

HEADING = re.compile(r"^(?:\d+\.?\s*)?(?:References|REFERENCES|Reference List|Bibliography|Literature Cited|REFERENCE LIST)\s*:?$")
AFTER_REFERENCES = re.compile(r"^(?:Publisher.s Note|Appendix|APPENDIX|Supplementary|Figure Legends|Tables?)\s*$")
NUMBERED = re.compile(r"^(?:\[(\d{1,4})\]|(\d{1,4})\.)\s*(?=\S)")
BULLET = re.compile(r"^[•▪◦·]\s+")
AUTHOR = re.compile(
    r"^(?:(?:[a-z]{1,4}|[A-Z][a-z]?')\s)*[A-Z][\w'’\-]*(?:[\s\-][A-Z][\w'’\-]*)*\s[A-Z]{1,4}(?:\s(?:Jr|Sr|II|III|IV|2nd|3rd))?$"
)
YEAR_BLOCK = re.compile(
    r"(?:^|[\s.])(?P<year>(?:19|20)\d{2})[a-z]?(?:\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{1,2})?(?:[-–][A-Z]?[a-z]{0,8}\.?\s?\d{0,2})?)?"
    r"\s*(?:;\s*(?P<volume>[^\s(:;.]+)?(?:\s*\((?P<issue>[^)]+)\))?(?::\s*(?P<pages>[A-Za-z]?\d+(?:\.?[A-Za-z]\d*)?(?:\s*[-–]\s*[A-Za-z]?\d+[A-Za-z]?)?))?|[.:,]|$)"
)
DOI = re.compile(r"(?:doi:?\s*|https?://(?:dx\.)?doi\.org/)(10\.\d{4,9}/\S+)", re.IGNORECASE)
PMID = re.compile(r"(?:PubMed:|PMID:?)\s*(\d{1,9})")
COLUMNS = ["ref_no", "text", "authors", "first_author", "et_al", "title", "journal", "year", "volume", "issue", "pages", "doi", "pmid"]
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
    volume: str = ""
    issue: str = ""
    pages: str = ""
    doi: str = ""
    pmid: str = ""


def _column_gutter(lines: list[Line], width: float) -> float | None:
    """x of a white strip near the page middle that no word crosses, if the text runs in two columns."""
    words = [w for ln in lines for w in ln.words]
    if len(words) < 20:
        return None
    spans = sorted((w.x0, w.x1) for w in words)
    end = spans[0][1]
    gaps = []
    for a, b in spans[1:]:
        if a - end >= MIN_GUTTER and 0.3 * width < (a + end) / 2 < 0.7 * width:
            gaps.append((a - end, (a + end) / 2))
        end = max(end, b)
    # The gutter is the widest gap; a narrower one is the space after an entry number
    # inside the right-hand column.
    return max(gaps, key=lambda gap: (gap[0], -abs(gap[1] - width / 2)))[1] if gaps else None


def _reading_order(lines: list[Line], width: float) -> list[Line]:
    gutter = _column_gutter(lines, width)
    if gutter is None:
        return lines
    words = [w for ln in lines for w in ln.words]
    left = group_lines([w for w in words if w.xmid < gutter])
    right = group_lines([w for w in words if w.xmid >= gutter])
    return left + right


def reference_lines(pages: list[PageLayout]) -> list[Line]:
    """Lines of the reference section in reading order ([] when there is none)."""
    out: list[Line] = []
    started = False
    for page in pages:
        lines = body_lines(page)
        if not started:
            idx = next((i for i, ln in enumerate(lines) if HEADING.match(ln.plain_text.strip())), None)
            if idx is None:
                continue
            started = True
            lines = [ln for ln in lines if ln.top > lines[idx].bottom - 0.5]
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
    words = [w for w in line.words if not w.bold] if not all(w.bold for w in line.words) else line.words
    shown = [
        Word(w.text.translate(_TO_SUPERSCRIPT), w.x0, w.x1, w.top, w.bottom, w.size, w.bold)
        if w.sup and re.fullmatch(r"[0-9+\-−]+", w.text) else w
        for w in words
    ]
    return join_words(shown).strip()


def _has_hanging_indent(lines: list[Line], texts: list[str]) -> bool:
    starts = [ln.x0 for ln, t in zip(lines, texts) if NUMBERED.match(t)]
    rest = [ln.x0 for ln, t in zip(lines, texts) if t and not NUMBERED.match(t)]
    if not starts or not rest:
        return False
    return statistics.median(rest) > statistics.median(starts) + 2


def split_entries(lines: list[Line]) -> list[tuple[int, str]]:
    """(number, text) per entry; numbers must run on consecutively to start a new entry."""
    texts = [line_text(ln) for ln in lines]
    numbered = any(NUMBERED.match(t) for t in texts)
    entries: list[tuple[int, list[str]]] = []
    start_x: float | None = None
    hanging = _has_hanging_indent(lines, texts)
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
                entries.append((no, [text[m.end():]]))
                continue
        elif m:
            entries.append((len(entries) + 1, [text[m.end():]]))
            continue
        if entries:
            entries[-1][1].append(text)
    return [(no, join_lines(parts)) for no, parts in entries]


def _author_part(text: str) -> tuple[list[str], bool, str]:
    """(authors, et_al, rest) for the leading author list of a reference."""
    for m in re.finditer(r"\.\s", text):
        head = text[: m.start()]
        parts = [p.strip() for p in head.split(",")]
        et_al = bool(re.search(r"(?:^|\s)et al\.?$", parts[-1]))
        if et_al:
            parts[-1] = re.sub(r"\s*et al\.?$", "", parts[-1])
        names = [p for p in parts if p and p.lower() not in {"ed", "eds", "editor", "editors"}]
        if names and all(AUTHOR.match(p) for p in names):
            return names, et_al, text[m.end():]
        break
    head, _, rest = text.partition(". ")
    return [head.strip()], False, rest


def parse_reference(ref_no: int, text: str) -> Reference:
    ref = Reference(ref_no, text)
    doi = DOI.search(text)
    pmid = PMID.search(text)
    ref.doi = doi.group(1).rstrip(".,;") if doi else ""
    ref.pmid = pmid.group(1) if pmid else ""
    core = DOI.sub("", PMID.sub("", text)).replace("[]", "").strip()
    names, ref.et_al, rest = _author_part(core)
    ref.authors = "; ".join(names)
    ref.first_author = surname(names[0]) if names and AUTHOR.match(names[0]) else names[0] if names else ""
    rest = _drop_web_notes(rest)
    blocks = list(YEAR_BLOCK.finditer(rest))
    year = next((b for b in blocks if b.group("volume") or b.group("pages")), blocks[0] if blocks else None)
    if year:
        ref.year = year.group("year")
        ref.volume = year.group("volume") or ""
        ref.issue = year.group("issue") or ""
        ref.pages = re.sub(r"\s+", "", year.group("pages") or "")
        before = rest[: year.start("year")].strip().rstrip(".").strip()
    else:
        before = rest.strip().rstrip(".")
    title, journal = _title_and_journal(before)
    ref.title, ref.journal = title, journal
    return ref


WEB_NOTE = re.compile(r"(?:^|(?<=[.;]))\s*(?:Available (?:at|from):?\s*\S+|https?://\S+|(?:Published|Accessed|Updated|Cited)\b[^.]*\.?)", re.IGNORECASE)


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
    return title, text[last.end():].strip()


def parse_references(pages: list[PageLayout]) -> pd.DataFrame:
    refs = [parse_reference(no, text) for no, text in split_entries(reference_lines(pages))]
    frame = pd.DataFrame([asdict(r) for r in refs], columns=COLUMNS)
    frame["ref_no"] = frame["ref_no"].astype("int64")
    frame["et_al"] = frame["et_al"].astype(bool)
    return frame
