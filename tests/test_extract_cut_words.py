"""Words a narrow column cut in two without a hyphen are read back whole.

The geometry below is hand-made: one 5 pt column from x=100 to x=122 whose full lines end
at x=121.5, lines 6.1 pt apart (a row gap is 12 pt); the truths are the words as written.
"""

from __future__ import annotations

import pytest

from litcurate.extract.layout import Line, Word
from litcurate.extract.split_words import is_cut, mend_cut_words, vocabulary
from litcurate.extract.table_reader import to_cell

BOUNDS = [90.0, 99.0, 124.0]  # a label column, then the narrow column
PITCH, SIZE = 6.1, 5.0


def word(text: str, x0: float, x1: float, line: int, gap_rows: int = 0) -> Word:
    top = 200.0 + line * PITCH + gap_rows * 12.0
    return Word(text, x0, x1, top, top + SIZE, SIZE)


def cell_text(lines: list[Line], known: frozenset[str] = frozenset()) -> str:
    mended = mend_cut_words(lines, BOUNDS, known)
    return to_cell([w for ln in mended for w in ln.words if w.xmid > BOUNDS[1]]).text


@pytest.mark.parametrize(
    "left, right, joined",
    [
        ("Interve", "ntion", True),  # "intervention" is an English word, "interve" and "ntion" are not
        ("Hypertensi", "on", True),  # one piece may be a word ("on"), not both
        ("diagnosi", "s,", True),
        ("disorder", "s", True),  # a lone letter is not a word of its own
        ("Psychiatric/psycholo", "gical", True),  # the letters around the cut make the word
        ("with", "out", False),  # two words that also make one: a break at a space
        ("Psychotropic", "side", False),
        ("23.4±9.", "6mg/hr", True),  # a decimal number cut at its point
        ("20±4mg", "/hr/70", True),  # no line opens with a slash
        ("month", ")", True),  # nor with a closing bracket
        ("Questionnaire", "-Fibromyalgia", False),  # a list item may open with a hyphen ...
        ("Follow", "-up", True),  # ... but not one before a small letter
        ("40.5±1", "3.8", True),  # a mean's SD cut
        ("(1", "3.8)", True),
        ("40.5±13.8", "38.2±12.1", False),  # two arms' values stacked
        ("40.5±13", "38.2±12", False),
        ("hyperhidrosi", "s.", True),  # in no word list: the lone letter before a full stop
        ("with", "in", False),  # "within", but "in" is a word of two letters
        ("10", "15", False),  # two arms' numbers stacked in one cell
        ("0.9±0.4", "mg/kg", False),  # a unit after a number: a space is as likely as a cut
        ("antinocicep", "tion", True),  # no line opens with a suffix that is no word
        ("desaturatio", "n,", True),  # nor with a lone small letter before a comma
        ("Patients", "n", False),  # "n = 12" on the next line
        ("Group", "A,", False),  # a capital can open a line
        ("Pain", "is", False),  # "is" ends words ("hyperhidros" / "is") and is one
        ("ketamin", "e", False),  # not in the English word list ...
    ],
)
def test_is_cut(left, right, joined):
    assert is_cut(left, right, frozenset()) is joined


def test_a_word_the_document_prints_elsewhere_is_joined():
    known = vocabulary([Word("Intravenous", 0, 1, 0, 1, 5), Word("ketamine:", 0, 1, 0, 1, 5)])
    assert "ketamine" in known and "intravenous" in known
    assert is_cut("ketamin", "e", known)  # ... but printed elsewhere in the document
    assert is_cut("S+keta", "mine", known)


def test_a_lone_full_piece_is_glued_to_the_next_line():
    lines = [
        Line([word("Smith", 90, 98, 0), word("Interve", 100, 121.0, 0)]),
        Line([word("ntion", 100, 112, 1), word("and", 113, 121, 1)]),
        Line([word("control", 100, 117, 2)]),
    ]
    assert cell_text(lines) == "Intervention and control"


def test_a_word_cut_twice_is_joined_across_three_lines():
    lines = [
        Line([word("Smith", 90, 98, 0), word("Psychiat", 100, 121.5, 0)]),
        Line([word("ric/psycholo", 100, 121.2, 1)]),
        Line([word("gical", 100, 111, 2)]),
        Line([word("disorders", 100, 121.4, 3)]),
    ]
    assert cell_text(lines) == "Psychiatric/psychological disorders"


def test_a_lone_word_short_of_the_edge_is_left_alone():
    # "Interve" ends 6.5 pt (more than any character) before the column's full lines end.
    lines = [
        Line([word("Smith", 90, 98, 0), word("Interve", 100, 115.0, 0)]),
        Line([word("ntion", 100, 112, 1)]),
        Line([word("placebo-controlled", 100, 121.5, 2)]),
        Line([word("crossover", 100, 121.5, 3)]),
    ]
    assert cell_text(lines) == "Interve ntion placebo-controlled crossover"


def test_a_middle_piece_that_is_no_word_is_joined_when_the_three_spell_one():
    lines = [
        Line([word("Smith", 90, 98, 0), word("Conce", 100, 121.3, 0)]),
        Line([word("ntrati", 100, 121.0, 1)]),
        Line([word("ons", 100, 109, 2)]),
        Line([word("arterial", 100, 121.5, 3)]),
        Line([word("oxygen", 100, 121.4, 4)]),
        Line([word("desatura", 100, 121.2, 5)]),
        Line([word("tion", 100, 110, 6)]),
    ]
    # "arterial" and "oxygen" are words of their own: only "desatura" / "tion" is a cut.
    assert cell_text(lines) == "Concentrations arterial oxygen desaturation"


def test_a_middle_piece_that_is_a_word_is_no_middle_piece():
    lines = [
        Line([word("Smith", 90, 98, 0), word("Pain", 100, 121.3, 0)]),
        Line([word("killer", 100, 121.4, 1)]),
        Line([word("s,", 100, 104, 2), word("nausea", 105, 121, 2)]),
    ]
    # "s," can only end a word: it joins "killer"; "Pain" stays a word of its own.
    assert cell_text(lines) == "Pain killers, nausea"


def test_a_cut_on_the_last_lines_of_a_table_waits_for_no_third_piece():
    lines = [
        Line([word("Smith", 90, 98, 0), word("placebo-controlled", 100, 121.5, 0)]),
        Line([word("Conce", 100, 121.3, 1)]),
        Line([word("ntrati", 100, 121.0, 2)]),
    ]
    assert cell_text(lines) == "placebo-controlled Conce ntrati"


def test_a_column_with_no_word_is_passed_over():
    bounds = [90.0, 99.0, 124.0, 150.0]
    lines = [
        Line([word("Smith", 90, 98, 0), word("Interve", 100, 121.5, 0)]),
        Line([word("ntion", 100, 112, 1)]),
    ]
    mended = mend_cut_words(lines, bounds, frozenset())
    assert [w.glued for w in mended[1].words] == [True]


def test_a_middle_line_of_two_words_is_no_middle_piece():
    lines = [
        Line([word("Smith", 90, 98, 0), word("Conce", 100, 121.3, 0)]),
        Line([word("ntrati", 100, 114, 1), word("xyz", 115, 121.2, 1)]),
        Line([word("ons", 100, 109, 2)]),
    ]
    assert cell_text(lines) == "Conce ntrati xyz ons"


def test_no_word_is_joined_across_a_row_gap_of_one_line():
    # The next row starts 5 pt below the line (a cell's own lines are 1.1 pt apart).
    first = word("Interve", 100, 121.5, 0)
    below = Word("ntion", 100, 112, first.bottom + 5.0, first.bottom + 5.0 + SIZE, SIZE)
    lines = [Line([word("Smith", 90, 98, 0), first]), Line([below])]
    mended = mend_cut_words(lines, BOUNDS, frozenset())
    assert not any(w.glued for ln in mended for w in ln.words)


def test_no_word_is_joined_across_a_row_gap():
    lines = [
        Line([word("Smith", 90, 98, 0), word("Interve", 100, 121.5, 0)]),
        Line([word("Jones", 90, 98, 1, gap_rows=1), word("ntion", 100, 112, 1, gap_rows=1)]),
    ]
    mended = mend_cut_words(lines, BOUNDS, frozenset())
    assert not any(w.glued for ln in mended for w in ln.words)


def test_every_word_keeps_its_place():
    lines = [
        Line([word("Smith", 90, 98, 0), word("Interve", 100, 121.0, 0)]),
        Line([word("ntion", 100, 112, 1)]),
    ]
    mended = mend_cut_words(lines, BOUNDS, frozenset())
    assert [[(w.text, w.x0, w.top) for w in ln.words] for ln in mended] == [
        [(w.text, w.x0, w.top) for w in ln.words] for ln in lines
    ]
    assert [[w.glued for w in ln.words] for ln in mended] == [[False, False], [True]]
