"""Superscript citations, cell line joining and reference parsing on real strings."""

from __future__ import annotations

import pandas as pd
import pytest

from litcurate.extract.references import parse_reference, surname
from litcurate.extract.resolve_refs import label_author, resolve_row
from litcurate.extract.superscripts import citation_from_marks, expand, split_label, strip_marks
from litcurate.extract.table_reader import join_lines


@pytest.mark.parametrize(
    "text, label, ref_no",
    [
        ("Sigtermans et al ³", "Sigtermans et al", "3"),
        ("Sigtermans et al^{3}", "Sigtermans et al", "3"),
        ("Amr,^{155} 2010", "Amr, 2010", "155"),
        ("Amr,¹⁵⁵ 2010", "Amr, 2010", "155"),
        ("Correll et al,^{75} 2004", "Correll et al, 2004", "75"),
        ("Noppers^{160} 2011", "Noppers 2011", "160"),
        ("Correl, G et al", "Correl, G et al", ""),
        ("Trials^{23–29}", "Trials", "23-29"),
    ],
)
def test_split_label(text, label, ref_no):
    assert split_label(text) == (label, ref_no)


def test_citation_from_printed_marks():
    assert citation_from_marks(["3,", "16"]) == "3,16"
    assert citation_from_marks(["23–29"]) == "23-29"
    assert citation_from_marks(["a"]) == ""  # a footnote letter is not a citation
    assert expand("23-25,30") == [23, 24, 25, 30]


def test_strip_marks_in_other_cells():
    assert strip_marks("Association for the Study of Pain diagnostic criteria ^{10,11}") == (
        "Association for the Study of Pain diagnostic criteria"
    )
    assert strip_marks("Maximum Dose^{a}") == "Maximum Dose"


@pytest.mark.parametrize(
    "lines, joined",
    [
        (["Inter\u2010", "vention"], "Intervention"),  # hyphen added by the typesetter
        (["Follow-", "up effec\u2010", "tiveness"], "Follow-up effectiveness"),
        (["23.4±", "9.6mg/hr"], "23.4±9.6mg/hr"),
        (["3-7mg/kg/", "hr"], "3-7mg/kg/hr"),
        (["S+", "ketamine"], "S+ketamine"),
        (["Ketamine infusion +", "gabapentin"], "Ketamine infusion + gabapentin"),
        (["Correl, G et", "al"], "Correl, G et al"),
        (["MgSO", "₄"], "MgSO₄"),
    ],
)
def test_join_wrapped_cell_lines(lines, joined):
    assert join_lines(lines) == joined


def test_parse_vancouver_reference_with_doi():
    ref = parse_reference(
        20,
        "Sigtermans MJ, van Hilten JJ, Bauer MC, Arbous MS, Marinus J, Sarton EY, et al. Ketamine produces "
        "effective and long-term pain relief in patients with complex regional pain syndrome type 1. Pain. "
        "2009;145(3):304–11. https://doi.org/10.1016/j.pain.2009.06.023.",
    )
    assert ref.authors == "Sigtermans MJ; van Hilten JJ; Bauer MC; Arbous MS; Marinus J; Sarton EY"
    assert ref.first_author == "Sigtermans" and ref.et_al
    assert ref.title.startswith("Ketamine produces effective") and ref.title.endswith("type 1")
    assert (ref.journal, ref.year, ref.volume, ref.issue, ref.pages) == ("Pain", "2009", "145", "3", "304–11")
    assert ref.doi == "10.1016/j.pain.2009.06.023"


def test_parse_reference_with_pubmed_id_and_supplement_issue():
    ref = parse_reference(
        1,
        "Iolascon G, de Sire A, Moretti A, et al. Complex regional pain syndrome (CRPS) type I: historical "
        "perspective and critical issues. Clin Cases Miner Bone Metab 2015;12(Suppl 1):4–10. [PubMed: 27134625]",
    )
    assert ref.first_author == "Iolascon"
    assert (ref.journal, ref.year, ref.issue, ref.pages, ref.pmid) == (
        "Clin Cases Miner Bone Metab",
        "2015",
        "Suppl 1",
        "4–10",
        "27134625",
    )


@pytest.mark.parametrize(
    "text, year, letter",
    [
        # an author-year list (hif2016's reference 3)
        (
            "Chen Y, Wang CM, Shi YQ, Yang Y (2012a) Expression of hypoxia-inducible fac-tor 1alpha in osteosarcoma "
            "and its value in predicting chemosensitivity. Chin J Oncol 34(12):899–904",
            "2012",
            "a",
        ),
        ("Kiefer RT, Rohr P. Efficacy of ketamine. Pain Med. 2008b;9(8):1173-1201.", "2008", "b"),  # Vancouver
        ("Kiefer RT, Rohr P. Efficacy of ketamine. Pain Med. 2008;9(8):1173-1201.", "2008", ""),
        ("Kiefer RT. Efficacy of ketamine. Personal communication, 2008c.", "2008", "c"),  # no volume or pages
    ],
)
def test_a_year_printed_with_a_letter_keeps_the_letter_apart(text, year, letter):
    ref = parse_reference(1, text)
    assert (ref.year, ref.year_letter) == (year, letter)


def test_parse_reference_et_al_without_comma_and_a_year_in_the_title():
    ref = parse_reference(1, "Domino EF. Taming the ketamine tiger. 1965. Anesthesiology. 2010;113:678–684.")
    assert (ref.year, ref.volume, ref.pages) == ("2010", "113", "678–684")
    ref = parse_reference(
        23, "Sigtermans MJ, van Hilten JJ, Bauer MC et al. Ketamine produces relief. Pain. 2009;145:304–311."
    )
    assert ref.first_author == "Sigtermans" and ref.et_al


def test_surnames():
    assert surname("de Mos M") == "de Mos"
    assert surname("Young JP Jr") == "Young"
    assert label_author("Correl, G et al") == "Correl"
    assert label_author("Mitchell and Fallon") == "Mitchell"
    assert label_author("Mangnus et al, 2021") == "Mangnus"


REFS = pd.DataFrame(
    [
        {"ref_no": 53, "first_author": "Mangnus", "year": "2022"},
        {"ref_no": 56, "first_author": "Blonk", "year": "2010"},
        {"ref_no": 9, "first_author": "Kiefer", "year": "2008"},
        {"ref_no": 10, "first_author": "Kiefer", "year": "2008"},
        {"ref_no": 6, "first_author": "Correll", "year": "2004"},
    ]
)


def test_wrong_printed_number_is_reported_and_resolved_by_author_and_year():
    resolved, problem = resolve_row(REFS, "Correll et al, 2004", "", "56")
    assert resolved == "6"
    assert "56" in problem and "Blonk" in problem


def test_same_author_in_another_year_is_reported_not_taken():
    resolved, problem = resolve_row(REFS, "Mangnus et al, 2021", "", "56")
    assert resolved == ""
    assert "Blonk" in problem and "53 (2022)" in problem


def test_table_without_numbers_resolves_by_author_and_year():
    assert resolve_row(REFS, "Correl, G et al", "2004", "") == ("6", None)
    resolved, problem = resolve_row(REFS, "Kiefer, R et al", "2008", "")
    assert resolved == "" and "ambiguous" in problem and "9, 10" in problem


def test_correct_printed_number_is_accepted():
    assert resolve_row(REFS, "Correll et al", "", "6") == ("6", None)


def _merged(header, rows, pages):
    from litcurate.extract.continuation import MergedTable
    from litcurate.extract.table_reader import Cell

    cells = [[Cell([t], []) if t else Cell([], []) for t in row] for row in rows]
    return MergedTable("1", "Table 1", header, cells, pages, sorted(set(pages)))


def test_unlabelled_lines_join_their_study_or_are_left_out():
    from litcurate.extract.review import settle_unlabelled

    table = _merged(
        ["Author", "Locus / Case", "n"],
        [
            ["Hu [17]", "H-B", "100"],
            ["", "", "97"],  # a second cohort's number: joins Hu
            ["", "G1837A case", ""],  # a group heading made of header words: left out
            ["Li [24]", "P-B", "99"],
            ["", "hospital-based", ""],  # no number, same page: left out
            ["", "controls only", ""],  # top of the next page: the rest of Li's row
        ],
        [4, 4, 4, 4, 4, 5],
    )
    settle_unlabelled(table, 0)
    assert [[c.text for c in row] for row in table.rows] == [
        ["Hu [17]", "H-B", "100 97"],
        ["Li [24]", "P-B controls only", "99"],
    ]
    assert table.row_pages == [4, 4]
    messages = [w.message for w in table.warnings]
    assert sum("left out" in m for m in messages) == 2 and sum("joined" in m for m in messages) == 2


def test_footnote_marks_in_a_citation_run_are_not_citation_numbers():
    from litcurate.extract.superscripts import citation_from_marks

    assert citation_from_marks(["30,b"]) == "30"
    assert citation_from_marks(["12", "*"]) == "12"
    assert citation_from_marks(["a"]) == ""
    assert citation_from_marks(["23–25", "30"]) == "23-25,30"


def test_ligatures_are_spelt_out_and_soft_hyphens_dropped():
    from litcurate.extract.layout import _words

    def char(text, x0):
        return {"text": text, "x0": x0, "x1": x0 + 5, "top": 10, "bottom": 18, "size": 8, "upright": True,
                "fontname": "Times", "doctop": 10, "matrix": (1, 0, 0, 1, x0, 10), "height": 8, "width": 5}  # fmt: skip

    words = _words([char("e", 0), char("ﬃ", 5), char("c", 10), char("\u00ad", 15), char("y", 20)])
    assert [w.text for w in words] == ["efficy"]


def test_a_second_half_read_as_rows_repeats_a_run_of_labels():
    from litcurate.extract.review import _repeated_runs

    halves = ["Moisset", "Pomerooy", "Afridi", "Nicolodi", "Granata", "Moisset", "Pomerooy", "Afridi", "Nicolodi"]
    assert _repeated_runs(halves) == {5, 6, 7, 8}
    # A study named twice, apart from its neighbours, is no second half.
    assert _repeated_runs(["Eide", "Kvarnström", "Eide", "Max", "Eide", "Leung"]) == set()
