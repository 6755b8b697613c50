"""Mixes of layout features no single fixture layout has, each once read wrongly.

Each mix is built from the transcribed facts of a source review and must give its study
table back: every row, the header, and the cells (a few words a narrow column cut may
stay cut, hence the floor).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fixtures.pdfbuilder import Layout, build_review_pdf, load_facts
from litcurate.extract import extract_review
from litcurate.extract.accuracy import table_accuracy

FACTS = Path(__file__).resolve().parents[1] / "resources" / "facts"
CELL_FLOOR = 0.99

MIXES = {
    # No rule over the header, and the first row shaded: the shading's edge is the first rule,
    # the header lines above it are not caption; "(Continued)" under a page's piece ends it.
    "shaded-unruled-two-column": (
        "maher2017",
        Layout(rules="unruled", columns=2, zebra=True, continued_caption="paren"),
    ),
    # A header line opening with a lone letter ("d" under "Duration,") is no footnote; the
    # bold "References" heading under the last piece ends it.
    "unruled-two-column-paged": (
        "lii2023",
        Layout(rules="unruled", columns=2, rows_per_page=5, font_size=6.0, margin=36.0),
    ),
    # Large type in tight booktabs columns reads as one run of words per line; the right half
    # repeats no label column and its caption ends "(continued)".
    "tight-booktabs-halves": (
        "orhurhu2019",
        Layout(zebra=True, split_halves=True, repeat_label_column=False, font_size=9.0, continued_caption="full"),
    ),
    # Sideways pages of two shaded rows each: a band holding the bold header and a plain first row.
    "rotated-shaded-two-rows-a-page": (
        "maher2017",
        Layout(rules="unruled", orientation="rotated", columns=2, zebra=True, rows_per_page=2, font_size=6.0),
    ),
    # Two rows a page: the repeated caption wraps before its "(continued)", and a gap seen
    # twice on so few rows must not become an empty column.
    "unruled-two-rows-a-page": (
        "lii2023",
        Layout(rules="unruled", rows_per_page=2, font_size=8.0, continued_caption="full"),
    ),
    # "QST indicates ..." in smaller type under the table ends it (its words bridge columns).
    "unruled-note-under-table": (
        "cohen2018",
        Layout(rules="unruled", columns=2, font_size=6.0, continued_caption="paren"),
    ),
    # A right half of two columns with no label column: its rows open after extra leading,
    # one with a number ("71.4% of patients"), and its body is not prose.
    "booktabs-halves-without-label": (
        "cohen2018",
        Layout(split_halves=True, repeat_label_column=False, continued_caption="dot"),
    ),
    # A landscape right half followed by the reference list under its heading.
    "unruled-landscape-halves": (
        "lii2023",
        Layout(rules="unruled", orientation="landscape", split_halves=True, font_size=9.0, margin=36.0),
    ),
}


@pytest.mark.parametrize("mix", sorted(MIXES))
def test_mixed_layout_gives_back_the_study_table(tmp_path, mix):
    review, layout = MIXES[mix]
    facts = load_facts(FACTS / f"{review}.yaml")
    pdf = tmp_path / f"{review}.pdf"
    build_review_pdf(facts, pdf, layout)
    extraction = extract_review(pdf, review)
    trial = [t for t in facts["tables"] if t["kind"] == "trial"]
    assert sorted(extraction.tables) == sorted(t["table_id"] for t in trial)
    for table in trial:
        acc = table_accuracy(extraction.tables[table["table_id"]], table)
        assert acc["rows_found"] == acc["rows_expected"], acc["mismatches"][:3]
        assert acc["labels_exact"] == acc["rows_expected"]
        assert acc["header_exact"]
        assert acc["cell_accuracy"] >= CELL_FLOOR, acc["mismatches"][:3]
