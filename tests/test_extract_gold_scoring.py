"""Scoring an extraction against hand-made gold (litcurate.extract.gold), on small made-up cases.

Every expected number below was counted by hand from the tables written out here.
"""

from __future__ import annotations

import pandas as pd
import pytest

from litcurate.extract.gold import (
    GoldError,
    first_author_surname,
    load_gold,
    normalise,
    normalise_ref_no,
    nospace,
    score_extraction,
    score_grid,
    score_references,
    score_table,
    strip_markup,
    totals,
)

HEADER = ["Study", "Year", "Country", "N"]
GOLD_TABLE = {
    "table_id": "table1",
    "kind": "trial",
    "pages": [3],
    "header": HEADER,
    "rows": [
        {"page": 3, "ref_no": "12", "cells": ["Smith et al.^{12}", "2010", "United Kingdom", "120"]},
        {"page": 3, "ref_no": "13", "cells": ["Jones [13]", "2011", "USA", "85"]},
        {"page": 3, "ref_no": "14,15", "cells": ["Zhao et al.^{14,15}", "2012", "China", "300"]},
        {"page": 3, "ref_no": "16", "cells": ["Brown^{16}", "2013", "Canada", "46^{a}"]},
    ],
}
# 4 rows x 4 columns = 16 gold cells.
GOOD_ROWS = [
    ["Smith et al.", "2010", "United Kingdom", "120", "12"],
    ["Jones", "2011", "USA", "85", "13"],
    ["Zhao et al.", "2012", "China", "300", "14,15"],
    ["Brown", "2013", "Canada", "46", "16"],
]


def frame(rows, header=HEADER):
    """An extractor-shaped frame: printed columns then the provenance columns."""
    records = []
    for i, row in enumerate(rows, start=1):
        *cells, ref = row
        rec = dict(zip(header, cells))
        rec.update(
            {"_page": 3, "_row": i, "_label": cells[header.index("Study")], "_ref_no": ref, "_ref_no_resolved": ref}
        )
        records.append(rec)
    return pd.DataFrame(records, columns=list(header) + ["_page", "_row", "_label", "_ref_no", "_ref_no_resolved"])


def score(rows, header=HEADER):
    return score_table({"table1": frame(rows, header)}, GOLD_TABLE)


# ------------------------------------------------------------------ text


def test_normalise_ligatures_soft_hyphens_spaces():
    assert normalise("  ﬁbre\u00a0and ﬂow  ") == "fibre and flow"
    assert normalise("ﬀ ﬃ ﬄ") == "ff ffi ffl"
    assert normalise("pa\u00adtients") == "patients"
    assert normalise("a\u2009b\u202fc\n\td") == "a b c d"
    assert normalise(None) == "" and normalise(float("nan")) == "" and normalise(pd.NA) == ""
    assert normalise(2010) == "2010"


def test_strip_markup_and_nospace():
    assert strip_markup("Smith et al.^{12}") == "Smith et al."
    assert strip_markup("46^{a} (45^{b})") == "46 (45)"
    assert nospace("Bandar Abbas") == "BandarAbbas"
    assert normalise_ref_no(" 23–25, 30 ") == "23-25,30"
    assert normalise_ref_no(12) == "12"


# ------------------------------------------------------------------ tables


def test_perfect_extraction_scores_everything():
    s = score(GOOD_ROWS)
    assert s["answer"] == "table1" and s["found"] is True
    assert (s["rows_gold"], s["rows_extracted"], s["rows_matched"], s["rows_extra"]) == (4, 4, 4, 0)
    # Jones's label cell is accepted without its bracketed citation.
    assert (s["cells_gold"], s["cells_exact"], s["cells_nospace"]) == (16, 16, 16)
    assert s["cell_accuracy"] == 1.0 and s["ref_no_right"] == 4 and s["header_right"] is True


def test_label_cell_as_printed_with_bracket_is_also_right():
    rows = [r[:] for r in GOOD_ROWS]
    rows[1][0] = "Jones [13]"
    assert score(rows)["cells_exact"] == 16


def test_values_swapped_between_two_columns_cost_two_cells():
    rows = [r[:] for r in GOOD_ROWS]
    rows[1][1], rows[1][2] = rows[1][2], rows[1][1]  # Jones: year and country swapped
    s = score(rows)
    assert s["cells_exact"] == 14 and s["rows_matched"] == 4
    assert {m["column"] for m in s["mismatches"] if "column" in m} == {"Year", "Country"}


def test_reordered_columns_are_matched_by_content_but_the_header_is_wrong():
    header = ["Study", "Country", "Year", "N"]
    rows = [[r[0], r[2], r[1], r[3], r[4]] for r in GOOD_ROWS]
    s = score(rows, header)
    assert s["cells_exact"] == 16 and s["header_right"] is False


def test_renamed_header_is_wrong_but_cells_right():
    s = score(GOOD_ROWS, ["Study", "Year", "Country", "n"])
    assert s["header_right"] is False and s["cells_exact"] == 16


def test_split_row_gives_one_extra_row_and_one_wrong_cell():
    rows = [r[:] for r in GOOD_ROWS]
    rows[2] = ["Zhao et al.", "2012", "China", "", "14,15"]
    rows.insert(3, ["", "", "", "300", ""])  # the study's N printed on a row of its own
    s = score(rows)
    assert (s["rows_extracted"], s["rows_matched"], s["rows_extra"], s["rows_missed"]) == (5, 4, 1, 0)
    assert s["cells_exact"] == 15 and s["ref_no_right"] == 4


def test_header_read_as_a_row_is_extra():
    s = score([["Study", "Year", "Country", "N", ""]] + GOOD_ROWS)
    assert (s["rows_extracted"], s["rows_matched"], s["rows_extra"]) == (5, 4, 1)
    assert s["cells_exact"] == 16


def test_missed_row_costs_its_cells_and_its_ref_no():
    s = score(GOOD_ROWS[:3])
    assert (s["rows_matched"], s["rows_missed"]) == (3, 1)
    assert s["cells_exact"] == 12 and s["cell_accuracy"] == 12 / 16
    assert s["ref_no_right"] == 3 and s["found"] is True


def test_found_needs_half_the_rows():
    assert score(GOOD_ROWS[:2])["found"] is True
    assert score(GOOD_ROWS[:1])["found"] is False


def test_wrong_ref_no_costs_one():
    rows = [r[:] for r in GOOD_ROWS]
    rows[0][4] = "21"
    s = score(rows)
    assert s["ref_no_right"] == 3 and s["cells_exact"] == 16


def test_empty_gold_ref_no_needs_an_empty_one():
    gold = {**GOLD_TABLE, "rows": [dict(r) for r in GOLD_TABLE["rows"]]}
    gold["rows"][1] = {"page": 3, "ref_no": "", "cells": ["Jones", "2011", "USA", "85"]}
    right = score_table({"t": frame(GOOD_ROWS[:1] + [["Jones", "2011", "USA", "85", ""]] + GOOD_ROWS[2:])}, gold)
    wrong = score_table({"t": frame(GOOD_ROWS)}, gold)  # extracted "13" where none is printed
    assert right["ref_no_right"] == 4 and wrong["ref_no_right"] == 3


def test_whitespace_only_differences_count_in_nospace_only():
    rows = [r[:] for r in GOOD_ROWS]
    rows[0][2] = "UnitedKingdom"
    rows[2][2] = "Chi\u00adna"  # soft hyphen: equal after normalisation
    s = score(rows)
    assert s["cells_exact"] == 15 and s["cells_nospace"] == 16
    assert s["cell_accuracy_nospace"] == 1.0


def test_provenance_columns_never_stand_in_for_a_gold_column():
    # N column missing, and _ref_no happens to hold exactly the N values: still 4 cells wrong.
    rows = [[r[0], r[1], r[2], r[3]] for r in GOOD_ROWS]
    s = score(rows, ["Study", "Year", "Country"])
    assert s["cells_exact"] == 12 and s["ref_no_right"] == 0


def test_unrelated_rows_do_not_match():
    other = [["Garcia", "1999", "Spain", "1234", "7"], ["Okafor", "2020", "Nigeria", "17", "8"]]
    s = score(other)
    assert s["rows_matched"] == 0 and s["found"] is False and s["cells_exact"] == 0
    assert s["answer"] is None  # a table matching no row answers nothing


def test_the_table_with_most_matched_rows_answers():
    small = frame(GOOD_ROWS[:1])
    big = frame(GOOD_ROWS[:3])
    s = score_table({"table2": small, "table3": big}, GOLD_TABLE)
    assert s["answer"] == "table3" and s["rows_matched"] == 3 and s["cells_exact"] == 12


def test_no_extracted_table():
    s = score_table({}, GOLD_TABLE)
    assert s["answer"] is None and s["found"] is False and s["cells_exact"] == 0 and s["ref_no_right"] == 0


# ------------------------------------------------------------------ grids


def test_grid_scoring_without_header_knowledge():
    grid = [
        ["", "Study", "Year", "Country", "N"],  # header row, with a stray empty first column
        [None, "Smith et al.12", "2010", "United Kingdom", "120"],  # superscript kept as text
        [None, "Jones [13]", "2011", "USA", "85"],
        [None, "Zhao et al.14,15", "2012", "China", "300"],
        [None, "Brown16", "2013", "Canada", "46a"],
        [None, None, None, None, None],  # empty rows are dropped
    ]
    s = score_grid(grid, GOLD_TABLE)
    assert (s["rows_extracted"], s["rows_matched"], s["rows_extra"]) == (5, 4, 1)
    # wrong: Smith, Zhao and Brown labels (citation glued on), Brown's "46a"
    assert s["cells_exact"] == 12 and s["cells_nospace"] == 12
    assert s["ref_no_right"] is None and s["header_right"] is None


# ------------------------------------------------------------------ references

REF_GOLD = {
    "references": {
        "numbered": True,
        "entries": [
            {"ref_no": 1, "first_author": "de Mos", "year": 2007},
            {"ref_no": 2, "first_author": "Müller", "year": 2010},
            {"ref_no": 3, "first_author": "WHO Collaborative Group", "year": 2001},
            {"ref_no": 4, "first_author": "Smith", "year": 2012},
            {"ref_no": 5, "first_author": "Ng", "year": None},
        ],
    }
}


def refs(rows):
    return pd.DataFrame(
        [
            {
                "ref_no": n,
                "text": "",
                "authors": a,
                "title": "",
                "journal": "",
                "year": y,
                "volume": "",
                "issue": "",
                "pages": "",
                "doi": "",
                "pmid": "",
            }
            for n, a, y in rows
        ]
    )


def test_first_author_surname():
    assert first_author_surname("Murphy KR; Han JL") == "Murphy"
    assert first_author_surname("de Mos M; Smith J") == "de Mos"
    assert first_author_surname("Van der Berg J-P") == "Van der Berg"
    assert first_author_surname("WHO Collaborative Group") == "WHO Collaborative Group"


def test_references_by_number():
    got = refs(
        [
            (1, "de Mos M; Sturkenboom MC", "2007"),
            (2, "Muller A", 2010),
            (3, "WHO Collaborative Group", "2001"),
            (4, "Smith J", "2013"),
        ]
    )
    s = score_references(got, REF_GOLD)
    # 5 missing; 4 has the wrong year
    assert (s["expected"], s["found"], s["right"]) == (5, 4, 3) and s["accuracy"] == 3 / 5


def test_reference_without_particle_is_wrong():
    got = refs([(1, "Mos M", "2007"), (5, "Ng K", None)])
    s = score_references(got, REF_GOLD)
    assert (s["found"], s["right"]) == (2, 1)  # ref 5: null year matched by no year


def test_unnumbered_references_pair_by_position():
    gold = {
        "references": {
            "numbered": False,
            "entries": [
                {"ref_no": 1, "first_author": "Boeuf", "year": 2010},
                {"ref_no": 2, "first_author": "Chen", "year": 2011},
            ],
        }
    }
    got = refs([(None, "Boeuf S", "2010"), (None, "Chen X", "2012")])
    assert score_references(got, gold)["right"] == 1


# ------------------------------------------------------------------ whole PDFs


def test_primary_study_tables_are_false_positives():
    gold = {"kind": "primary", "tables": [{"table_id": "table1", "kind": "other"}], "references": None}
    s = score_extraction({"table1": frame(GOOD_ROWS)}, None, gold)
    assert s["tables"] == [] and s["false_positives"] == ["table1"]
    assert score_extraction({}, None, gold)["false_positives"] == []


def test_review_extra_tables_are_false_positives():
    gold = {"kind": "review", "tables": [GOLD_TABLE], "references": REF_GOLD["references"]}
    other = frame([["Garcia", "1999", "Spain", "1234", "7"]])
    s = score_extraction({"table1": frame(GOOD_ROWS), "table2": other}, refs([]), gold)
    assert s["false_positives"] == ["table2"] and s["tables"][0]["cells_exact"] == 16
    assert s["references"]["found"] == 0


def test_totals_macro_and_micro():
    a = score(GOOD_ROWS)  # 16/16
    b = score(GOOD_ROWS[:1])  # 4/16
    t = totals([a, b])
    assert t["micro"] == 20 / 32 and t["macro"] == (1.0 + 0.25) / 2
    assert (t["found"], t["rows_matched"], t["rows_gold"]) == (1, 5, 8)


def test_load_gold_checks_cell_counts(tmp_path):
    good = tmp_path / "x.yaml"
    good.write_text(
        "pdf: x.pdf\nkind: review\ntables:\n  - table_id: table1\n    kind: trial\n"
        "    header: [A, B]\n    rows:\n      - {page: 1, ref_no: '1', cells: [a, b]}\nreferences: null\n"
    )
    gold = load_gold(good)
    assert gold["references"]["entries"] == [] and gold["tables"][0]["rows"][0]["cells"] == ["a", "b"]
    bad = tmp_path / "y.yaml"
    bad.write_text(good.read_text().replace("cells: [a, b]", "cells: [a]"))
    with pytest.raises(GoldError, match="row 1 has 1 cells for 2"):
        load_gold(bad)
