"""Step entry points (each rule's one call) on inputs that should stop a step with a clear message."""

from __future__ import annotations

import copy
from types import SimpleNamespace

import pytest

from conftest import REPO
from fixtures.pdfbuilder import LAYOUTS, build_review_pdf, load_facts
from litcurate.errors import NoTrialTable, SheetError
from litcurate.extract import step as extract_step


def test_a_review_without_a_trial_table_is_named_with_what_was_seen(tmp_path):
    facts = copy.deepcopy(load_facts(REPO / "resources/facts/maher2017.yaml"))
    facts["tables"] = [t for t in facts["tables"] if t["kind"] != "trial"]
    pdf = tmp_path / "levels_only.pdf"
    build_review_pdf(facts, pdf, LAYOUTS["ruled_grid"])
    out = tmp_path / "results/extract/maher2017"
    output = SimpleNamespace(
        tables=str(out / "tables"),
        references=str(out / "references.csv"),
        report=str(out / "report.json"),
        warnings=str(out / "extract_warnings.csv"),
    )
    params = SimpleNamespace(review="maher2017", hints={})
    with pytest.raises(NoTrialTable) as err:
        extract_step.run(SimpleNamespace(pdf=str(pdf)), output, params, [str(tmp_path / "extract.log")])
    message = str(err.value)
    assert "levels_only.pdf: no characteristics-of-included-studies table found" in message
    assert "Levels of Evidence" in message and "non-trial" in message
    assert not out.exists()


def test_reviews_sheet_hints_are_parsed_and_bad_ones_named(tmp_path):
    from litcurate.config import load_reviews

    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    sheet = tmp_path / "reviews.tsv"
    sheet.write_text(
        f"review_id\tpdf\tpages\tcaption\tcolumns\nr1\t{pdf}\t4-6,9\tCharacteristics\tStudy=Reference\n"
        f"r2\t{pdf}\t\t\t\n"
    )
    reviews = load_reviews(sheet)
    assert reviews["r1"]["hints"] == {
        "pages": [4, 5, 6, 9],
        "caption": "Characteristics",
        "columns": {"Study": "Reference"},
    }
    assert reviews["r2"]["hints"] == {}
    sheet.write_text(f"review_id\tpdf\tpages\nr1\t{pdf}\tfour\n")
    with pytest.raises(SheetError, match=r"line 2 \(r1\): pages: expected page numbers"):
        load_reviews(sheet)
    sheet.write_text(f"review_id\tpdf\tpage\nr1\t{pdf}\t4\n")
    with pytest.raises(SheetError, match="unknown column\\(s\\) page"):
        load_reviews(sheet)
    sheet.write_text(f"review_id\tfile\nr1\t{pdf}\n")
    with pytest.raises(SheetError, match="missing required column\\(s\\) pdf"):
        load_reviews(sheet)
