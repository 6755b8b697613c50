"""Normalise the fields of a citation so that equal things compare equal.

Each function takes one raw cell (str, number, list or missing) and returns a
canonical form; missing or unusable input gives ``""``, ``None`` or ``()``.
"""

from __future__ import annotations

import functools
import re

from litcurate.names import alnum_words, as_text, fold, is_missing, surname_keys

# Re-exported: citation fields are read and folded the way names are.
__all__ = ["alnum_words", "as_text", "fold", "is_missing", "surname_keys"]


# --- titles -----------------------------------------------------------------

# Database annotations appended to titles: "[Review] [45 refs]", "[Japanese]",
# "(Provisional abstract)", "[see comments]".
_TITLE_NOTES = re.compile(
    r"\[(?:review|\d+\s+refs?|see comments?|comment|english abstract|letter|editorial|\d{1,2}|"
    r"[a-z]+(?:,\s*[a-z]+)*)\]?\s*$"
    r"|\((?:provisional abstract|structured abstract|multiple letters)\)\s*$",
    re.IGNORECASE,
)
# Notes that run to the end of the title and may nest brackets or be cut off:
# "[Erratum appears in N Engl J Med. 2009;360(23):2487 Note: X [added]]".
_TITLE_TAIL_NOTES = re.compile(
    r"\[(?:erratum|comment|retraction|retracted|corrected|update) (?:appears |published )?(?:in|on|and)\b.*$",
    re.IGNORECASE,
)
# Erratum decorations around the original title: "Erratum: ...", "... (vol 142, pg 310, 2003)",
# "... (New England Journal of Medicine (2009) 360 (542-544))".
_ERRATUM_PREFIX = re.compile(r"^(?:erratum|errata|correction|corrigendum)(?: to)?\s*[:.-]\s*", re.IGNORECASE)
_ERRATUM_SUFFIX = re.compile(
    r"\s*\((?:vol\.? \d+,? (?:pg?\.?|pages?) ?\d+[^()]*|[^()]*\(\d{4}\)\s*\d+\s*(?:\(\d+\))?\s*\([\d\s\-–]+\))\)\s*\.?$",
    re.IGNORECASE,
)


# An acronym in parentheses repeats the words before it: "Society of Anesthesiologists (ASA)".
_ACRONYM = re.compile(r"\s*\((?:[A-Z][A-Za-z&]{1,9}|[A-Z]{2,}-?\d*)\)(?=[\s,.;:]|$)")


def _strip_title_notes(title: str) -> str:
    title = _TITLE_TAIL_NOTES.sub("", title)
    previous = None
    while previous != title:
        previous = title
        title = title.strip().rstrip(".").strip()
        match = _TITLE_NOTES.search(title)
        if match and match.start() > 0:
            title = title[: match.start()]
    return title


def normalise_title(value: object) -> str:
    """Comparable title: notes and erratum decorations dropped, brackets of translated
    titles removed, words only.

    >>> normalise_title("[Clinical aspects of the complement system]. [Japanese]")
    'clinical aspects of the complement system'
    """
    title = _strip_title_notes(as_text(value))
    title = _ERRATUM_SUFFIX.sub("", _ERRATUM_PREFIX.sub("", title))
    title = _ACRONYM.sub(" ", title).replace("&", " and ")
    title = title.replace("[", " ").replace("]", " ")
    return alnum_words(title)


# Title shapes that mark a different kind of publication from the paper it names.
_KIND_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("erratum", re.compile(r"^(?:erratum|errata|correction|corrigendum)\b", re.I)),
    ("retraction", re.compile(r"^(?:retraction|retracted|notice of retraction|withdrawn)\b", re.I)),
    ("reply", re.compile(r"^(?:reply|in reply|author reply|authors'? reply|response to)\b|[-:.]\s*reply\.?$", re.I)),
    ("comment", re.compile(r"^(?:(?:comment(?:ary)? on|comments? to)\s*:?|re\s*:)\s", re.I)),
)


def title_kind(value: object) -> str:
    """``erratum``, ``retraction``, ``reply``, ``comment`` or ``""`` for an ordinary paper."""
    # "[Erratum appears in ...]" is a note on the original paper, not an erratum.
    title = _TITLE_TAIL_NOTES.sub("", as_text(value)).strip()
    if _ERRATUM_SUFFIX.search(title):
        return "erratum"
    for kind, pattern in _KIND_PATTERNS:
        if pattern.search(title):
            return kind
    return ""


_ABSTRACT_VENUE = re.compile(r"\b(?:conference|congress|meeting|symposium|workshop|abstracts?)\b", re.I)
# "Proceedings" names a meeting only with a year or an annual / international event:
# "Proceedings of the National Academy of Sciences" is a journal.
_PROCEEDINGS_OF_EVENT = re.compile(r"\bproceedings\b.*\b(?:annual|international|(?:19|20)\d\d)\b", re.I)
_EVENT_PROCEEDINGS = re.compile(r"\b(?:annual|international|(?:19|20)\d\d)\b.*\bproceedings\b", re.I)


def looks_like_meeting_abstract(journal: object) -> bool:
    """Journal text names a conference or meeting (typical of Embase abstract records)."""
    text = as_text(journal)
    return bool(_ABSTRACT_VENUE.search(text) or _PROCEEDINGS_OF_EVENT.search(text) or _EVENT_PROCEEDINGS.search(text))


# --- authors ----------------------------------------------------------------


def phonetic_key(surname: str) -> str:
    """A Soundex-style code so ``correl``/``correll`` and ``sigtermans``/``sigtermanns`` agree."""
    letters = "".join(ch for ch in surname if ch.isalpha())
    if not letters:
        return ""
    codes = {
        **dict.fromkeys("bfpv", "1"),
        **dict.fromkeys("cgjkqsxz", "2"),
        **dict.fromkeys("dt", "3"),
        "l": "4",
        **dict.fromkeys("mn", "5"),
        "r": "6",
    }
    out = [letters[0]]
    previous = codes.get(letters[0], "")
    for ch in letters[1:]:
        code = codes.get(ch, "")
        if code and code != previous:
            out.append(code)
        if ch not in "hw":
            previous = code
    return ("".join(out) + "000")[:4]


# --- journals ---------------------------------------------------------------

_JOURNAL_STOP = {"of", "the", "and", "for", "in", "on", "de", "la", "le", "des", "der", "und", "et", "a", "an"}
_JOURNAL_NOISE = re.compile(
    r"\((?:[^()]*)\)|\[(?:[^\[\]]*)\]|\belectronic resource\b|\bonline\b|\bprint\b", re.IGNORECASE
)


def journal_tokens(value: object) -> tuple[str, ...]:
    """Significant words of a journal name: ``"Pain Med (Malden, Mass.)"`` -> ``("pain", "med")``."""
    text = as_text(value)
    text = re.split(r"\.\s*conference\s*:", text, flags=re.IGNORECASE)[0]
    text = _JOURNAL_NOISE.sub(" ", text).replace("&", " and ")
    text = text.split(":")[0] if ":" in text and len(text.split(":")[0].split()) >= 2 else text
    return tuple(w for w in alnum_words(text).split() if w not in _JOURNAL_STOP and not w.isdigit())


def abbreviates(short: str, full: str) -> bool:
    """``med`` abbreviates ``medicine``, ``br`` ``british``, ``hematology`` ``haematology``."""
    if short == full:
        return True
    if not short or not full or short[0] != full[0] or len(short) > len(full):
        return False
    if short.isdigit() or full.isdigit():
        return False
    it = iter(full)
    return all(ch in it for ch in short)


def _aligned_abbreviations(shorter: tuple[str, ...], longer: tuple[str, ...]) -> int:
    """Longest in-order alignment of tokens where one abbreviates the other (small DP)."""
    rows, cols = len(shorter), len(longer)
    best = [[0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        for j in range(cols - 1, -1, -1):
            a, b = shorter[i], longer[j]
            hit = abbreviates(a, b) or abbreviates(b, a)
            best[i][j] = max(best[i + 1][j], best[i][j + 1], best[i + 1][j + 1] + 1 if hit else 0)
    return best[0][0]


def journal_relation(a: object, b: object) -> str:
    """``same`` (equal up to abbreviation), ``part`` (one names a part of the other),
    ``different`` or ``unknown`` (a side is missing).

    ``"J Pain Symptom Manag"`` vs ``"Journal of Pain and Symptom Management"`` -> ``same``.
    """
    ta = a if isinstance(a, tuple) else journal_tokens(a)
    tb = b if isinstance(b, tuple) else journal_tokens(b)
    return _token_relation(ta, tb)


@functools.lru_cache(maxsize=1 << 16)  # a block's records share a few venues: the same pairs recur
def _token_relation(ta: tuple[str, ...], tb: tuple[str, ...]) -> str:
    if not ta or not tb:
        return "unknown"
    if ta == tb:
        return "same"
    shorter, longer = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    aligned = _aligned_abbreviations(shorter, longer)
    if aligned == len(shorter) == len(longer):
        return "same"
    if aligned == len(shorter):
        return "part"
    # Concatenated abbreviations: "Pediatr Nephrol" vs "PediatrNephrol".
    if "".join(ta) == "".join(tb):
        return "same"
    if any(_is_acronym(t, tb) for t in ta) or any(_is_acronym(t, ta) for t in tb):
        return "part"
    return "different"


def _is_acronym(token: str, words: tuple[str, ...], min_words: int = 3) -> bool:
    """``amcis`` from ("americas", "conference", "information", "systems"): the token splits
    into prefixes of at least ``min_words`` of the words, in order."""
    if len(token) < min_words or len(token) > 8:
        return False

    def parse(position: int, word_index: int, used: int) -> bool:
        if position == len(token):
            return used >= min_words
        for k in range(word_index, len(words)):
            word = words[k]
            for cut in range(len(word), 0, -1):
                if token.startswith(word[:cut], position) and parse(position + cut, k + 1, used + 1):
                    return True
        return False

    return parse(0, 0, 0)


# --- pages, volume, year, identifiers ----------------------------------------

_PAGE_TOKEN = re.compile(r"^([a-z]?)(\d+)([a-z]?)$")


def parse_pages(value: object) -> tuple[str, str] | None:
    """``(first, last)`` page as canonical strings, or ``None`` if unusable.

    ``"263-75"``, ``"263–275"`` and ``"263--275"`` all give ``("263", "275")``;
    ``"1173–201"`` gives ``("1173", "1201")``; a single page has ``last == ""``.
    Mangled exports such as ``"Suppl-29"`` or ``"t-8"`` give ``None``.
    """
    text = fold(as_text(value))
    text = re.split(r"[,;+]", text)[0]  # "532, 534-536" -> first range
    parts = [p.strip().rstrip(".") for p in re.split(r"\s*(?:-+|–|—|‒|/)\s*", text) if p.strip()]
    if not parts or len(parts) > 2:
        return None
    parsed = [_PAGE_TOKEN.match(p) for p in parts]
    if not all(parsed):
        return None
    first = parsed[0]
    first_text = f"{first.group(1)}{int(first.group(2))}{first.group(3)}"
    if len(parts) == 1:
        return first_text, ""
    last = parsed[1]
    first_digits, last_digits = first.group(2).lstrip("0") or "0", last.group(2).lstrip("0") or "0"
    if len(last_digits) < len(first_digits):
        # Elided range "1173-201": borrow the leading digits of the first page.
        candidate = first_digits[: len(first_digits) - len(last_digits)] + last_digits
        if int(candidate) >= int(first_digits):
            last_digits = candidate
    last_text = f"{first.group(1) or last.group(1)}{int(last_digits)}{first.group(3) or last.group(3)}"
    if last_text == first_text:
        return first_text, ""
    return first_text, last_text


def _page_number(page: str) -> int:
    return int(re.sub(r"\D", "", page) or 0)


def _has_letter(page: str) -> bool:
    return page[:1].isalpha()


def pages_relation(a: tuple[str, str] | None, b: tuple[str, str] | None) -> str:
    """How two page ranges agree: ``same``, ``first`` (same first page, last differs),
    ``last`` (same last page, first differs: a typo), ``within`` (one page inside the
    other range), ``conflict``, or ``unknown`` (missing, or different pagination schemes
    such as an e-locator ``e12724`` or ``a1754`` against print pages)."""
    if a is None or b is None:
        return "unknown"
    if a[0] != b[0]:
        if _has_letter(a[0]) != _has_letter(b[0]):
            if _page_number(a[0]) != _page_number(b[0]):
                return "unknown"
            a = (str(_page_number(a[0])), str(_page_number(a[1])) if a[1] else "")
            b = (str(_page_number(b[0])), str(_page_number(b[1])) if b[1] else "")
            return pages_relation(a, b)
        if a[1] and b[1] and a[1] == b[1]:
            return "last"
        for single, ranged in ((a, b), (b, a)):
            if not single[1] and ranged[1] and not _has_letter(single[0]) and not _has_letter(ranged[0]):
                if _page_number(ranged[0]) <= _page_number(single[0]) <= _page_number(ranged[1]):
                    return "within"
        return "conflict"
    if a[1] and b[1] and a[1] != b[1]:
        return "first"
    return "same"


def normalise_volume(value: object) -> str:
    """First number in the volume cell: ``"24 Suppl 3"`` -> ``24``; ``""`` when none."""
    match = re.search(r"\d+", as_text(value))
    return str(int(match.group())) if match else ""


def normalise_issue(value: object) -> str:
    text = fold(as_text(value))
    match = re.search(r"\d+(?:\s*-\s*\d+)?", text)
    if not match:
        return ""
    issue = re.sub(r"\s+", "", match.group())
    return ("s" if "s" in text[: match.start()] else "") + issue


def parse_year(value: object) -> int | None:
    match = re.search(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)", as_text(value))
    return int(match.group(1)) if match else None


_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*|doi\s+)", re.IGNORECASE)


def normalise_doi(value: object) -> str:
    """Lower-case bare DOI: ``"https://doi.org/10.1111/J.1526-4637.2007.00402.x."`` -> ``10.1111/j.1526-4637.2007.00402.x``."""
    text = _DOI_PREFIX.sub("", as_text(value).strip())
    text = text.split()[0] if text.split() else ""
    text = text.rstrip(".,;")
    return fold(text) if text.startswith("10.") and "/" in text else ""


def normalise_pmid(value: object) -> str:
    text = as_text(value)
    match = re.fullmatch(r"(?:pmid:?\s*)?0*(\d{1,9})", text, flags=re.IGNORECASE)
    return match.group(1) if match else ""


def parse_count(value: object) -> int | None:
    """Sample size ``n`` as an integer when the cell holds exactly one number."""
    numbers = re.findall(r"\d+", as_text(value))
    return int(numbers[0]) if len(numbers) == 1 else None


def normalise_condition(value: object) -> str:
    return alnum_words(as_text(value))


def normalise_isbn(value: object) -> str:
    """ISBN-13 digits: ``"0-306-40615-2"`` and ``"978-0-306-40615-7"`` both give ``9780306406157``."""
    text = re.sub(r"[\s\-]", "", as_text(value).upper())
    match = re.search(r"(?<![\dX])(97[89]\d{10}|\d{9}[\dX])(?![\dX])", text)
    if not match:
        return ""
    digits = match.group(1)
    if len(digits) == 13:
        return digits
    body = "978" + digits[:9]
    check = (10 - sum(int(d) * (1 if k % 2 == 0 else 3) for k, d in enumerate(body)) % 10) % 10
    return body + str(check)


_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)


def normalise_url(value: object) -> str:
    """Comparable URL: no scheme, no ``www.``, no fragment or trailing punctuation, host lower-cased.

    >>> normalise_url("Available at: https://www.Medscape.com/article/123-overview/. Accessed 2017")
    'medscape.com/article/123-overview'
    """
    match = _URL.search(as_text(value))
    if not match:
        return ""
    url = re.sub(r"^(?:https?://)?(?:www\d?\.)?", "", match.group(), flags=re.IGNORECASE)
    url = url.split("#")[0].rstrip(".,;:)/")
    host, _, path = url.partition("/")
    return host.lower() + (f"/{path}" if path else "")


# Titles that name a recurring item of a journal rather than a work: two issues of one
# volume carry the same such title, so a title match says nothing about identity.
_GENERIC_TITLE = re.compile(
    r"^(?:(?:an? |the )?(?:editor(?:ial|s|'s|s')?|guest editorial)(?: (?:comments?|note|notes|remarks|introduction))?"
    r"|(?:remarks|comments?|notes?|letters?|message|a word|words) (?:from|of|to) the (?:editors?|president|chair)"
    r"|letters? to the editor|correspondence|in this issue|this issue|in brief|news(?: in brief)?|book reviews?"
    r"|(?:meeting |conference |congress )?abstracts?|poster(?: session)?s?|proceedings|introduction|preface|foreword"
    r"|table of contents|contents|index|announcements?|erratum|errata|correction|corrigendum|reply|response"
    r"|commentary|comment|obituary|in memoriam|calendar|highlights?|acknowledg(?:e)?ments?|reviewers?)"
    r"(?: \d+| [ivx]+)?$"
)


def generic_title(title: str) -> bool:
    """A normalised title that names a recurring journal item ("editor s comments", "in this issue")."""
    return bool(_GENERIC_TITLE.match(title.replace(" s ", "s ").strip())) if title else False


# "[Indications of living-donor kidney transplantation]. [Spanish]": a title in brackets or
# followed by a language note is the database's translation of a title in another language.
_LANGUAGE_NOTE = re.compile(
    r"\[(?:spanish|french|german|italian|portuguese|dutch|japanese|chinese|russian|polish|czech|hungarian|"
    r"danish|swedish|norwegian|finnish|turkish|korean|hebrew|greek|croatian|serbian|slovak|romanian|"
    r"bulgarian|persian|arabic)\]",
    re.IGNORECASE,
)


def translated_title(value: object) -> bool:
    """The title is marked as translated: a language note, or the whole title in square brackets."""
    text = as_text(value).strip()
    return bool(_LANGUAGE_NOTE.search(text)) or bool(re.match(r"^\[[^\[\]]{10,}\]\.?(?:\s|$)", text))


# Preprint servers and their DOI prefixes (bioRxiv/medRxiv, Research Square, arXiv, SSRN, Preprints.org).
_PREPRINT_VENUE = re.compile(r"\b(?:biorxiv|medrxiv|arxiv|research square|ssrn|preprints?|chemrxiv|psyarxiv)\b", re.I)
_PREPRINT_DOI = ("10.1101/", "10.21203/", "10.48550/", "10.2139/", "10.20944/")


def looks_like_preprint(journal: object, doi: str) -> bool:
    """The venue is a preprint server, or the DOI is one of a preprint server's."""
    return bool(_PREPRINT_VENUE.search(as_text(journal))) or doi.startswith(_PREPRINT_DOI)


# Access notes of a cited web page: "Available at: <url>", "Accessed November 3, 2017".
_ACCESS_NOTES = re.compile(
    r"(?:available (?:at|from)\s*:?|(?:accessed|updated|published|cited)(?: on)?\s+"
    r"(?:\d{1,2}\s+)?(?:[a-z]+\.?\s+)?(?:\d{1,2},?\s+)?\d{4})",
    re.IGNORECASE,
)


def normalise_body(value: object) -> str:
    """The words of a whole citation without its addresses and access notes: what a cited web
    page, label or report says about itself when its fields were not parsed."""
    text = _ACCESS_NOTES.sub(" ", _URL.sub(" ", as_text(value)))
    return alnum_words(text)
