"""``compare_above`` is ``compare`` with a floor: the same comparison at or above it, ``None`` below.

The linker asks for pairs at or above its review threshold only, and the swapped-title-word rule
(the costliest, and it can only take points away) is then looked for only when a pair could still
reach the floor without it. ``compare`` is pinned field by field in test_link_scoring_fields.py;
here it is the oracle, at floors on both sides of each pair's score.
"""

from __future__ import annotations

import math

import pytest

from litcurate.link.citations.citation import make_record
from litcurate.link.citations.scoring import DEFAULT_POLICY, compare, compare_above
from scoring_records import PAPER

ADULTS = "Ketamine infusion in adults with complex regional pain syndrome"
CHILDREN = "Ketamine infusion in children with complex regional pain syndrome"


def records(a: dict, b: dict):
    return make_record({**PAPER, "id": "a", **a}), make_record({**PAPER, "id": "b", **b})


def logistic(total: float) -> float:
    return 1.0 / (1.0 + math.exp(-(total - 6.0) / 2.0))


@pytest.mark.parametrize(
    "a, b",
    [
        ({}, {}),  # the same article: no title word to look for
        ({"title": ADULTS}, {"title": CHILDREN}),  # a swapped word: -2.5
        ({"title": ADULTS}, {"title": ADULTS.replace("adults", "adultts")}),  # a typo: looked for, not found
        ({}, {"title": "Magnesium for migraine", "authors": "Smith J", "pages": "20-25", "year": 2015}),  # low
    ],
)
def test_at_or_above_the_floor_it_is_compare_and_below_it_none(a, b):
    ra, rb = records(a, b)
    full = compare(ra, rb, DEFAULT_POLICY)
    assert full.veto == ""
    for floor in (0.0, full.score):
        assert compare_above(ra, rb, DEFAULT_POLICY, floor) == full
        assert compare_above(rb, ra, DEFAULT_POLICY, floor).score == full.score
    assert compare_above(ra, rb, DEFAULT_POLICY, math.nextafter(full.score, 1.0)) is None


def test_a_swapped_word_that_takes_the_pair_below_the_floor_gives_none():
    ra, rb = records({"title": ADULTS}, {"title": CHILDREN})
    full = compare(ra, rb, DEFAULT_POLICY)
    assert "title words adults/children (-2.5)" in full.reason
    total = float(full.reason.rsplit("total ", 1)[1])
    # without the swapped word the pair would score higher; a floor between the two is not reached
    without_swap = logistic(total + 2.5)
    assert without_swap > full.score + 0.01
    assert compare_above(ra, rb, DEFAULT_POLICY, (full.score + without_swap) / 2) is None


def test_a_veto_is_returned_whatever_the_floor():
    ra, rb = records({"doi": "10.5555/synthetic.1"}, {"doi": "10.5555/synthetic.2"})
    vetoed = compare_above(ra, rb, DEFAULT_POLICY, 0.99)
    assert vetoed is not None and vetoed.veto.startswith("DOI differs") and vetoed.score == 0.0
    assert vetoed == compare(ra, rb, DEFAULT_POLICY)
