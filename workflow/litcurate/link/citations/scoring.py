"""Pairwise evidence that two records are the same publication.

Each field adds or subtracts points (a log-odds style weight of evidence) and the
reason string lists every contribution, so a reviewer sees why two records were
linked. The total maps to a score in [0, 1] through a logistic curve. Some evidence
is decisive and vetoes the pair (score 0): different DOIs, PMIDs or ISBNs; different
issue numbers of one volume without a shared DOI or PMID; one record being an erratum /
reply / comment / retraction and the other not (:func:`notice_relation` then says
whether the notice concerns the paper; a one-page item under the paper's title in a
later issue of the same volume is an unmarked correction notice and a relation too).

A :class:`Policy` decides the cases where reviewers disagree (see the README's
deduplication policy): a conference abstract and the full paper, a preprint and the
published paper. Translated titles are not a policy question: when the title is marked
as a translation, an identical locator (journal, volume, pages, year, first author)
stands in for the title.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Mapping

from rapidfuzz.distance import Indel

from litcurate.link.citations import normalise as nz
from litcurate.link.citations.citation import Record, make_record
from litcurate.names import same_flat_surname

# Total points at which the score is 0.5, and points per e-fold of the odds.
SCORE_CENTRE = 6.0
SCORE_SCALE = 2.0

# (similarity, points) breakpoints for title similarity, interpolated linearly.
_TITLE_POINTS = ((0.0, -6.0), (0.5, -6.0), (0.7, -4.0), (0.8, -1.0), (0.9, 3.0), (0.95, 4.5), (0.98, 6.0), (1.0, 6.0))
# A title that starts or ends the other (truncated export, added subtitle or section
# heading) and has at least this many characters counts as this similar.
_CONTAINED_MIN_CHARS = 40
_CONTAINED_SIMILARITY = 0.93
# A main title cited without its subtitle, confirmed by the locator or by journal, year and author.
_MAIN_TITLE_SIMILARITY = 0.96
# Citation text of a page cited at two addresses: at least this long to count.
_GREY_MOVED_MIN_CHARS = 60
# Shorter titles count as contained only when the other adds at most this many words
# ("MEDICAL PROGRESS Atypical hemolytic-uremic syndrome").
_SHORT_CONTAINED_MIN_CHARS = 25
_SHORT_CONTAINED_EXTRA_WORDS = 3
# Exports cut long titles near 200 characters; numbers past this point are not compared.
_TRUNCATION_RISK_CHARS = 180
_ROMAN = {"ii", "iii", "iv", "vi", "vii", "viii", "ix"}


@dataclass(frozen=True, slots=True)
class Policy:
    """Which related versions of one work count as duplicates (default: neither)."""

    merge_abstracts: bool = False  # a conference abstract and the full paper of the same work
    merge_preprints: bool = False  # a preprint and the published paper


DEFAULT_POLICY = Policy()


@dataclass(frozen=True, slots=True)
class Comparison:
    score: float
    reason: str
    veto: str  # "" unless decisive evidence says the records differ


def _interpolate(x: float, points: tuple[tuple[float, float], ...]) -> float:
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if x <= x1:
            return y0 if x1 == x0 else y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return points[-1][1]


def title_similarity(a: str, b: str) -> float:
    """Similarity of two normalised titles in [0, 1]; a title that starts or ends the other counts as close."""
    shorter, longer = sorted((a, b), key=lambda t: (len(t), t))
    similarity = Indel.normalized_similarity(a, b)
    if longer.startswith(shorter) or longer.endswith(shorter):
        extra_words = len(longer.split()) - len(shorter.split())
        if len(shorter) >= _CONTAINED_MIN_CHARS or (
            len(shorter) >= _SHORT_CONTAINED_MIN_CHARS and extra_words <= _SHORT_CONTAINED_EXTRA_WORDS
        ):
            similarity = max(similarity, _CONTAINED_SIMILARITY)
    return similarity


def _title_numbers(title: str, length: int) -> list[str]:
    """Numbers and roman part numerals in the words that end within ``length`` characters."""
    return list(_title_numbers_cached(title, min(length, len(title))))


@functools.lru_cache(maxsize=1 << 14)  # one record's title is compared with every record of its blocks
def _title_numbers_cached(title: str, length: int) -> tuple[str, ...]:
    words, used = [], 0
    for word in title.split():
        used += len(word) + 1
        if used - 1 > length:
            break
        words.append(word)
    return tuple(sorted(re.findall(r"\d+", " ".join(words)) + [w for w in words if w in _ROMAN]))


def titles_number_clash(a: str, b: str) -> bool:
    """Different numbers in two titles ("Part I" / "Part II", "2009" / "2010")."""
    limit = max(len(a), len(b))
    if max(len(a), len(b)) >= _TRUNCATION_RISK_CHARS:
        limit = min(len(a), len(b)) - 30  # a cut title may end mid-number
    return _title_numbers(a, limit) != _title_numbers(b, limit)


def titles_contrast(a: str, b: str) -> str:
    """A word of one title replaced by an unrelated word in the other, the rest equal:
    "... in adults with ..." / "... in children with ...", "therapy-resistant" / "therapy-sensitive".
    A typo or a spelling variant keeps the words alike; returns ``"adults/children"`` or ``""``."""
    words_a, words_b = a.split(), b.split()
    matcher = SequenceMatcher(None, words_a, words_b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace" or i2 - i1 != j2 - j1:
            continue
        for x, y in zip(words_a[i1:i2], words_b[j1:j2]):
            unrelated = Indel.normalized_similarity(x, y) <= 0.5 and not (nz.abbreviates(x, y) or nz.abbreviates(y, x))
            if min(len(x), len(y)) >= 4 and x.isalpha() and y.isalpha() and unrelated:
                return f"{x}/{y}"
    return ""


@functools.lru_cache(maxsize=1 << 16)  # the same surname pairs recur across a block's candidate pairs
def _surname_match(a: str, b: str) -> bool:
    """Same surname (:func:`litcurate.names.same_surname`), or the same once a particle is
    dropped: ``van graaf``/``van der graaf``, ``quintrec``/``le quintrec``."""
    if a == b:
        return True
    core_a, core_b = a.split()[-1], b.split()[-1]
    if core_a == core_b and len(core_a) >= 3:
        return True
    flat_a, flat_b = a.replace(" ", ""), b.replace(" ", "")
    return same_flat_surname(flat_a, flat_b) or (
        min(len(flat_a), len(flat_b)) >= 4 and (flat_a in flat_b or flat_b in flat_a)
    )


def _overlap(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """The larger share, over both lists, of the first 8 surnames that match one of the first
    12 of the other list."""
    if a == b:
        return 1.0
    a, b = a[:12], b[:12]
    matched_a, matched_b = set(), set()
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            # each surname pair is compared once, for both shares
            if (i < 8 or j < 8) and (x == y or _surname_match(x, y)):
                matched_a.add(i)
                matched_b.add(j)
    share_a = len({i for i in matched_a if i < 8}) / min(len(a), 8)
    share_b = len({j for j in matched_b if j < 8}) / min(len(b), 8)
    return max(share_a, share_b)


def _author_points(a: Record, b: Record) -> tuple[float, str]:
    first = _surname_match(a.surnames[0], b.surnames[0])
    overlap = _overlap(a.surnames, b.surnames)
    both_lists = min(len(a.surnames), len(b.surnames)) >= 2
    label = f"first {'=' if first else '!='} {a.surnames[0]}/{b.surnames[0]}, overlap {overlap:.2f}"
    if first and both_lists and overlap >= 0.99:
        return 3.0, label
    if first:
        return 2.0, label
    if both_lists and overlap >= 0.6:
        return 1.0, label
    return -4.0, label


def _number_relation(a: int, b: int) -> str:
    if a == b:
        return "same"
    return "close" if abs(a - b) <= 0.1 * max(a, b) else "differs"


class _Evidence:
    def __init__(self) -> None:
        self.total = 0.0
        self.parts: list[str] = []
        # (where its part goes, title a, title b): a swapped title word, looked for last (see compare_above)
        self.pending_contrast: tuple[int, str, str] | None = None

    def add(self, name: str, points: float, detail: str, at: int | None = None) -> None:
        self.total += points
        self.parts.insert(len(self.parts) if at is None else at, f"{name} {detail} ({points:+.1f})")

    def settle_contrast(self) -> None:
        """Look for the swapped title word now, its part in the place the title evidence left."""
        if self.pending_contrast is None:
            return
        at, title_a, title_b = self.pending_contrast
        contrast = titles_contrast(title_a, title_b)
        if contrast:
            self.add("title words", -2.5, contrast, at=at)


def _issue_set(number: str) -> set[int] | None:
    """Issue numbers of a plain issue ``"4"`` or a double issue ``"2-3"``; ``None`` for supplements."""
    if not number or number.startswith("s"):
        return None
    bounds = [int(x) for x in number.split("-")]
    return (
        set(range(bounds[0], bounds[-1] + 1)) if len(bounds) == 2 and 0 <= bounds[1] - bounds[0] <= 4 else set(bounds)
    )


def issues_clash(a: Record, b: Record) -> bool:
    """Both records name an issue of the same volume, and the issues share no number."""
    if not (a.volume and a.volume == b.volume):
        return False
    issues_a, issues_b = _issue_set(a.number), _issue_set(b.number)
    return issues_a is not None and issues_b is not None and not issues_a & issues_b


def _later_one_pager(a: Record, b: Record) -> Record | None:
    """The record that is one page in a later issue of the same volume than the other: a
    correction notice printed under the paper's title (an abstract comes before the paper)."""
    if not issues_clash(a, b):
        return None
    for short, full in ((a, b), (b, a)):
        if short.pages is not None and not short.pages[1] and not short.meeting and full.pages and full.pages[1]:
            if min(_issue_set(short.number)) > max(_issue_set(full.number)):
                return short
    return None


def _one_related_version(a: Record, b: Record, policy: Policy) -> bool:
    """The policy counts a preprint or a meeting abstract as the paper's duplicate and this pair is one."""
    # An abstract is printed in a meeting's proceedings or on one page / in a supplement.
    abstract = policy.merge_abstracts and (a.meeting or a.brief) != (b.meeting or b.brief)
    if abstract and a.volume and a.volume == b.volume and nz.pages_relation(a.pages, b.pages) in {"same", "first"}:
        abstract = False  # one page range of one volume: the same printed item, whatever the issue says
    return (abstract and _later_one_pager(a, b) is None) or (policy.merge_preprints and a.preprint != b.preprint)


def _identifier_veto(a: Record, b: Record, policy: Policy) -> str:
    shared_id = bool((a.doi and a.doi == b.doi) or (a.pmid and a.pmid == b.pmid))
    if a.doi and b.doi and a.doi != b.doi and not (policy.merge_preprints and a.preprint != b.preprint):
        return f"DOI differs ({min(a.doi, b.doi)} vs {max(a.doi, b.doi)})"
    if a.pmid and b.pmid and a.pmid != b.pmid:
        return f"PMID differs ({min(a.pmid, b.pmid, key=int)} vs {max(a.pmid, b.pmid, key=int)})"
    if a.isbn and b.isbn and a.isbn != b.isbn:
        return f"ISBN differs ({min(a.isbn, b.isbn)} vs {max(a.isbn, b.isbn)})"
    if a.kind != b.kind:
        kinds = sorted(k or "paper" for k in (a.kind, b.kind))
        return f"publication kind differs ({kinds[0]} vs {kinds[1]})"
    if not shared_id and issues_clash(a, b) and not _one_related_version(a, b, policy):
        return f"issue differs in volume {a.volume} ({a.number} vs {b.number})"
    return ""


def _grey(record: Record) -> bool:
    """Cited without a journal locator: a web page, label, guideline or report."""
    return not record.journal and not record.volume and record.pages is None and not record.doi and not record.pmid


def _locator_confirms(a: Record, b: Record) -> bool:
    """Same journal, volume, page range, year and first author: one article whatever its title says."""
    return (
        bool(a.volume and a.volume == b.volume and a.year and a.year == b.year)
        and a.pages is not None
        and bool(a.pages[1])
        and nz.pages_relation(a.pages, b.pages) == "same"
        and nz.journal_relation(a.journal, b.journal) == "same"
        and bool(a.surnames and b.surnames and _surname_match(a.surnames[0], b.surnames[0]))
    )


def _same_source(a: Record, b: Record) -> bool:
    """Same journal, year and first author, and a main title long enough to be specific."""
    return (
        min(len(a.title), len(b.title)) >= _CONTAINED_MIN_CHARS
        and bool(a.year and a.year == b.year)
        and nz.journal_relation(a.journal, b.journal) == "same"
        and bool(a.surnames and b.surnames and _surname_match(a.surnames[0], b.surnames[0]))
    )


def _same_volume_and_pages(a: Record, b: Record) -> bool:
    return bool(a.volume and a.volume == b.volume) and nz.pages_relation(a.pages, b.pages) in {"same", "first"}


def _title_evidence(ev: _Evidence, a: Record, b: Record, shared_id: bool) -> None:
    similarity = title_similarity(a.title, b.title)
    points = _interpolate(similarity, _TITLE_POINTS)
    if (a.translated or b.translated) and similarity < 0.9 and _locator_confirms(a, b):
        ev.add("title", 2.0, f"{similarity:.2f}, translated, locator =")
        return
    shorter, longer = sorted((a.title, b.title), key=len)
    main_title = len(shorter.split()) >= 3 and longer.startswith(shorter + " ")
    if similarity < _MAIN_TITLE_SIMILARITY and main_title and (_same_volume_and_pages(a, b) or _same_source(a, b)):
        # "Ketamine as an analgesic" cites the main title of "Ketamine as an analgesic: parenteral, ...".
        similarity, points = _MAIN_TITLE_SIMILARITY, _interpolate(_MAIN_TITLE_SIMILARITY, _TITLE_POINTS)
    if (a.generic or b.generic) and not shared_id:
        # A recurring item's title ("Editor's comments") recurs in every issue: only the
        # pages can tell two of them apart, so the title counts little and pages must agree.
        ev.add("title", min(points, 2.0), f"{similarity:.2f}, generic")
        if nz.pages_relation(a.pages, b.pages) not in {"same", "first"}:
            ev.add("generic title", -4.0, "pages do not confirm")
        return
    ev.add("title", points, f"{similarity:.2f}")
    if titles_number_clash(a.title, b.title):
        ev.add("title numbers", -4.0, "differ")
    if similarity < 1.0:
        ev.pending_contrast = (len(ev.parts), a.title, b.title)


def _version_evidence(ev: _Evidence, a: Record, b: Record) -> None:
    """An abstract or preprint and the paper (when the policy merges them): the locator of one
    says nothing about the other, so the title and first author must agree and the year be close."""
    if a.year is not None and b.year is not None:
        gap = abs(a.year - b.year)
        if gap > 1:
            ev.add("year", -5.0, f"{a.year}/{b.year}")
            return
        ev.add("year", 1.0 if gap == 0 else 0.0, "=" if gap == 0 else f"{a.year}/{b.year}")
    first = bool(a.surnames and b.surnames and _surname_match(a.surnames[0], b.surnames[0]))
    if first and a.title and b.title and title_similarity(a.title, b.title) >= 0.95:
        ev.add("version", 1.5, "abstract/preprint of the paper")


def _locator_evidence(ev: _Evidence, a: Record, b: Record, policy: Policy) -> None:
    """Year, venue, volume, issue, pages and entry type."""
    if a.year is not None and b.year is not None:
        gap = abs(a.year - b.year)
        ev.add("year", 1.0 if gap == 0 else -1.0 if gap == 1 else -5.0, f"{a.year}/{b.year}" if gap else "=")
    relation = nz.journal_relation(a.journal, b.journal)
    if relation != "unknown":
        # Meeting names vary wildly between databases; a mismatch there says little.
        different = -0.5 if a.meeting and b.meeting else -1.5
        ev.add("journal", {"same": 1.5, "part": 0.5, "different": different}[relation], relation)
    # Cochrane reviews are cited with the year's issue, a volume or an article number in the
    # volume slot: their locator says nothing.
    if "cochrane" in a.journal or "cochrane" in b.journal:
        return
    if a.volume and b.volume:
        # A citation without pages (ahead of print: "2018;1") may carry a placeholder volume.
        conflict = -3.0 if a.pages is not None and b.pages is not None else -1.0
        ev.add(
            "volume",
            1.5 if a.volume == b.volume else conflict,
            "=" if a.volume == b.volume else f"{a.volume}/{b.volume}",
        )
    # Two abstracts of one meeting under one title by one first author: exports scatter the
    # abstract number over volume, issue and pages, so those fields cannot tell them apart.
    same_meeting_abstract = (
        a.meeting
        and b.meeting
        and relation == "same"
        and bool(a.title and a.title == b.title and a.year and a.year == b.year)
        and bool(a.surnames and b.surnames and _surname_match(a.surnames[0], b.surnames[0]))
    )
    if a.number and b.number and not same_meeting_abstract:
        ev.add("issue", 0.5 if a.number == b.number else -0.5, "=" if a.number == b.number else "differs")
    pages = nz.pages_relation(a.pages, b.pages)
    if pages != "unknown":
        conflict = -5.0
        if pages == "conflict" and a.brief and b.brief and (a.meeting or b.meeting):
            conflict = -2.0  # meeting abstracts: abstract numbers and page numbers get mixed up
            if same_meeting_abstract:
                conflict = 0.0
        ev.add("pages", {"same": 3.0, "first": 1.5, "last": 1.0, "within": 0.5, "conflict": conflict}[pages], pages)
    if a.meeting != b.meeting and not (b.brief if a.meeting else a.brief) and not policy.merge_abstracts:
        ev.add("type", -4.0, "meeting abstract vs paper")
    elif a.entrytype and b.entrytype and a.entrytype != b.entrytype:
        ev.add("type", -4.0, f"{a.entrytype}/{b.entrytype}")


def compare(a: Record, b: Record, policy: Policy = DEFAULT_POLICY) -> Comparison:
    """Score two normalised records; symmetric in ``a`` and ``b``."""
    result = compare_above(a, b, policy, floor=0.0)
    assert result is not None  # every score is at least 0
    return result


def compare_above(a: Record, b: Record, policy: Policy, floor: float) -> Comparison | None:
    """:func:`compare`, or ``None`` for a pair without a veto whose score is below ``floor``.

    A swapped title word only takes points away, and looking for it is the costliest rule, so
    it is looked for last and only when the pair could still reach ``floor`` without it.
    """
    veto = _identifier_veto(a, b, policy)
    if veto:
        return Comparison(0.0, f"veto: {veto}", veto)
    ev = _Evidence()
    shared_id = bool((a.doi and a.doi == b.doi) or (a.pmid and a.pmid == b.pmid))
    if a.doi and a.doi == b.doi:
        ev.add("DOI", 8.0, "=")
    if a.pmid and a.pmid == b.pmid:
        ev.add("PMID", 8.0, "=")
    if a.isbn and a.isbn == b.isbn:
        ev.add("ISBN", 2.0, "=")  # chapters of one book share it
    same_page = bool(a.url and a.url == b.url and "/" in a.url)
    if a.url and b.url:
        # A page's address names it; a bare host ("gradeworkinggroup.org") names a site.
        points = (11.0 if same_page else 3.0) if a.url == b.url else -1.0
        ev.add("URL", points, "=" if a.url == b.url else "differs")
    grey_match = False
    if _grey(a) and _grey(b) and a.body and b.body:
        # Web pages, labels, reports: no journal locator, and their authors and titles are
        # parsed unreliably, so the whole citation's words stand in for both.
        similarity = title_similarity(a.body, b.body)
        # Two addresses for one document happen (a site moved), but then its words must be specific.
        moved = bool(a.url and b.url and a.url != b.url)
        grey_match = similarity >= 0.9 and (not moved or min(len(a.body), len(b.body)) >= _GREY_MOVED_MIN_CHARS)
        ev.add("citation text", 12.0 if grey_match else 0.0, f"{similarity:.2f}")
    if grey_match:
        pass
    elif a.title and b.title and same_page:
        similarity = title_similarity(a.title, b.title)
        ev.add("title", max(_interpolate(similarity, _TITLE_POINTS), 0.0), f"{similarity:.2f}, same page")
    elif a.title and b.title:
        _title_evidence(ev, a, b, shared_id)
    elif a.title or b.title:
        ev.add("title", -1.5, "missing on one side")
    if a.surnames and b.surnames and not grey_match:
        points, detail = _author_points(a, b)
        ev.add("authors", points, detail)
    if _one_related_version(a, b, policy):
        _version_evidence(ev, a, b)
    else:
        _locator_evidence(ev, a, b, policy)
    if len(a.abstract) >= 50 and len(b.abstract) >= 50:
        similarity = Indel.normalized_similarity(a.abstract, b.abstract)
        ev.add("abstract", 2.0 if similarity >= 0.9 else -2.0 if similarity < 0.6 else 0.0, f"{similarity:.2f}")
    if a.n is not None and b.n is not None:
        relation_n = _number_relation(a.n, b.n)
        ev.add("n", {"same": 1.5, "close": 0.0, "differs": -3.0}[relation_n], f"{a.n}/{b.n}")
    if a.condition and b.condition:
        same = a.condition == b.condition
        ev.add("condition", 1.0 if same else -1.0, "=" if same else "differs")
    if ev.pending_contrast is not None and _score(ev.total) < floor:
        return None
    ev.settle_contrast()
    score = _score(ev.total)
    if score < floor:
        return None
    return Comparison(score, "; ".join(ev.parts) + f"; total {ev.total:+.1f}", "")


def _score(total: float) -> float:
    return round(1.0 / (1.0 + math.exp(-(total - SCORE_CENTRE) / SCORE_SCALE)), 6)


def notice_relation(a: Record, b: Record) -> tuple[str, str, str] | None:
    """``(notice id, kind, paper id)`` when one record is an erratum / reply / comment /
    retraction of the other: the notice repeats the paper's title (decorations dropped),
    in the same journal, within two years. Authors are not required: a reply's authors
    are the letter writers, an erratum often names only the corrected author."""
    if bool(a.kind) == bool(b.kind):
        unmarked = _later_one_pager(a, b)
        if unmarked is None:
            return None
        notice, paper = (unmarked, b if unmarked is a else a)
        kind = "erratum"
    else:
        notice, paper = (a, b) if a.kind else (b, a)
        kind = notice.kind
    if not notice.title or not paper.title or notice.generic or paper.generic:
        return None
    if title_similarity(notice.title, paper.title) < 0.9:
        return None
    if nz.journal_relation(notice.journal, paper.journal) not in {"same", "part"}:
        return None
    if notice.year is not None and paper.year is not None and not 0 <= notice.year - paper.year <= 2:
        return None
    return notice.id, kind, paper.id


def score_pair(a: Mapping[str, object], b: Mapping[str, object], policy: Policy = DEFAULT_POLICY) -> tuple[float, str]:
    """Score two raw citation records (dicts or frame rows): ``(score in [0, 1], reason)``."""
    result = compare(make_record(a), make_record(b), policy)
    return result.score, result.reason
