"""Words a narrow column cut in two, put back together.

A word wider than its column is broken where the line is full and goes on at the start of
the next line, without a hyphen: "S+keta" / "mine", "diagnosi" / "s". Such a line holds
nothing but the one piece, and the piece reaches the column's right edge. That alone does
not tell a cut word from a whole one that happens to fill the line, so a cut is mended only
when the words vouch for it: the joined word is printed elsewhere in the document (its
vocabulary); or it is an English word while the two pieces are not both words ("Interve" /
"ntion", but never "with" / "out"); or the next line opens with what can only end a word
("desatura" / "tion", "weaknes" / "s,"); or the cut falls inside a number after its decimal
point or a "±" or "(" ("9." / "6", "40.5±1" / "3.8"), or before what never opens a line (a
slash, a closing bracket, a hyphen before a small letter: "20±4mg" / "/hr", "Follow" / "-up").
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from typing import Iterable

from litcurate.extract.layout import Line, Word

_LETTERS_AT_END = re.compile(r"[^\W\d_]+$")
_LETTERS_AT_START = re.compile(r"^[^\W\d_]+")
_LETTER_RUN = re.compile(r"[^\W\d_]{3,}")
_NUMBER_GOES_ON = re.compile(r"\d\.$|[±(]\d+$")  # "9." / "6", "40.5±1" / "3.8", "(1" / "3.8)"
# "20±4mg" / "/hr", "month" / ")", "Follow" / "-up"; a hyphen before a capital may open a
# line ("-Numeric Rating Scale", an item of a list)
_NEVER_OPENS_A_LINE = re.compile(r"[/)\]}]|-[a-z]")
# Suffixes that are no English word on their own (a line cannot open with one).
_WORD_ENDINGS = frozenset(
    "tion tions ation ations sion sions etic ical ically itis osis ment ments ance ence ity ities ous".split()
)
# How close to the column's right edge a cut piece ends: less than one more character.
_FULL_LINE_SLACK = 0.8  # times the type size


def vocabulary(words: Iterable[Word]) -> frozenset[str]:
    """Every run of three or more letters printed in ``words``, lower-cased."""
    return frozenset(run.lower() for w in words for run in _LETTER_RUN.findall(w.text))


def is_cut(left: str, right: str, known: frozenset[str]) -> bool:
    """Whether ``right`` (the next line's first word) goes on with the word ``left`` ended its
    line with; ``known`` is the document's vocabulary."""
    if _NUMBER_GOES_ON.search(left) and right[:1].isdigit() and "±" not in right:
        return True
    if _NEVER_OPENS_A_LINE.match(right):
        return True
    tail, head = _LETTERS_AT_END.search(left), _LETTERS_AT_START.search(right)
    if not (tail and head):
        return False
    word = (tail.group() + head.group()).lower()
    if word in known or _ends_a_word(head.group(), right):
        return True
    return word in english_words() and not (_is_word(tail.group()) and _is_word(head.group()))


def _spells_word(left: str, middle: str, right: str, known: frozenset[str]) -> bool:
    """The letters ending ``left``, all of ``middle`` and those opening ``right`` make a word
    the document prints or the word list holds ("Conce" / "ntrati" / "ons")."""
    tail, head = _LETTERS_AT_END.search(left), _LETTERS_AT_START.search(right)
    if not (tail and head):
        return False
    word = (tail.group() + middle + head.group()).lower()
    return word in known or word in english_words()


def _ends_a_word(head: str, right: str) -> bool:
    """The next line opens with what can only end a word: a suffix that is no word on its own
    ("desatura" / "tion"), or a lone small letter before a comma or full stop ("weaknes" / "s,")."""
    if head in _WORD_ENDINGS:
        return True
    return len(head) == 1 and head.islower() and head not in "ai" and right[1:2] in (",", ".", ";", ":", ")")


def _is_word(text: str) -> bool:
    """A word of its own; the word list's single letters ("s", "n") do not count."""
    return (len(text) > 1 or text.lower() in ("a", "i")) and text.lower() in english_words()


@functools.cache
def english_words():
    """The English word list of pyspellchecker (read once, on the first possible cut)."""
    from spellchecker import SpellChecker

    return SpellChecker(language="en", distance=1)


def mend_cut_words(lines: list[Line], bounds: list[float], known: frozenset[str]) -> list[Line]:
    """``lines`` (one table, top to bottom) with the piece that goes on with a cut word marked
    ``glued`` wherever a column cut one; every word keeps its place, so rows split as printed."""
    from litcurate.extract.table_reader import column_of  # table_reader reads grids with this module

    cells: list[list[list[Word]]] = [[[] for _ in range(len(bounds) - 1)] for _ in lines]
    for row, ln in zip(cells, lines):
        for w in sorted((w for w in ln.words if not w.sup), key=lambda w: w.x0):
            row[column_of(w.xmid, bounds)].append(w)
    glued: set[int] = set()
    for c in range(len(bounds) - 1):
        column = [row[c] for row in cells]
        right_edge = _right_edge(column)
        for i in range(len(lines) - 1):
            glued.update(_cut_pieces(column, lines, i, right_edge, known))
    if not glued:
        return lines
    return [Line([replace(w, glued=True) if id(w) in glued else w for w in ln.words]) for ln in lines]


def _cut_pieces(
    column: list[list[Word]], lines: list[Line], i: int, right_edge: float, known: frozenset[str]
) -> list[int]:
    """The pieces below line ``i`` that go on with its lone full word, as ids of their words:
    the next line's first word, or, when the next line holds only a middle piece that is no
    word, that piece and the first word after it ("Conce" / "ntrati" / "ons"). A word cut more
    than once is joined piece by piece, as each line below is looked at in its turn."""
    if len(column[i]) != 1 or not _goes_on_below(column, lines, i) or not _fills(column[i][0], right_edge):
        return []
    piece, rest = column[i][0], column[i + 1][0]
    if is_cut(piece.text, rest.text, known):
        return [id(rest)]
    after = _middle_piece(column, lines, i + 1, right_edge)
    if after is not None and _spells_word(piece.text, rest.text, after.text, known):
        return [id(rest), id(after)]
    return []


def _middle_piece(column: list[list[Word]], lines: list[Line], j: int, right_edge: float) -> Word | None:
    """The first word of line ``j + 1`` when line ``j`` holds one full run of letters that is no word."""
    middle = column[j]
    if len(middle) != 1 or not middle[0].text.isalpha() or _is_word(middle[0].text):
        return None
    if not _fills(middle[0], right_edge) or not _goes_on_below(column, lines, j):
        return None
    return column[j + 1][0]


def _goes_on_below(column: list[list[Word]], lines: list[Line], i: int) -> bool:
    """The cell goes on at the next printed line: it holds words there, not a row further down."""
    return i + 1 < len(lines) and bool(column[i + 1]) and _adjacent(lines[i], lines[i + 1])


def _fills(word: Word, right_edge: float) -> bool:
    """The word ends less than a character short of where the column's full lines end."""
    return word.x1 >= right_edge - _FULL_LINE_SLACK * word.size


def _right_edge(cells: list[list[Word]]) -> float:
    """Where the column's full lines end: the 90th percentile of its lines' right ends, so a
    stray wider line ("(Continued)" under the table) does not move it."""
    ends = sorted(cell[-1].x1 for cell in cells if cell)
    return ends[int(0.9 * (len(ends) - 1))] if ends else 0.0


def _adjacent(upper: Line, lower: Line) -> bool:
    """The lower line is the next printed line of the same cell, not a row further down."""
    return lower.top - upper.bottom < 0.8 * upper.size
