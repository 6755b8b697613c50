"""Bad PDFs fail clearly; outputs are validated, atomic and deterministic; the CLI reports."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from fixtures import bad_pdfs
from fixtures.pdfbuilder import LAYOUTS, build_review_pdf, load_facts
from litcurate.cli import main
from litcurate.extract import ExtractionError, extract_review, write_extraction
from litcurate.io import read_csv
from litcurate.validate import TableInvalid

SAMPLE = Path(__file__).parent / "fixtures" / "sample_facts.yaml"


@pytest.mark.parametrize(
    "kind, message",
    [
        ("scanned", "no text layer: the PDF looks scanned; OCR it first"),
        ("encrypted", "encrypted"),
        ("corrupt", "not a readable PDF"),
        ("zero_byte", "not a readable PDF"),
        ("empty", "no text layer"),
    ],
)
def test_bad_pdf_raises_a_clear_error(tmp_path, kind, message):
    path = bad_pdfs.WRITERS[kind](tmp_path / f"{kind}.pdf")
    with pytest.raises(ExtractionError) as info:
        extract_review(path, "bad")
    assert str(path) in str(info.value) and message in str(info.value)


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sample") / "sample.pdf"
    build_review_pdf(load_facts(SAMPLE), path, LAYOUTS["ruled_grid"])
    return path


def test_write_extraction_outputs(tmp_path, sample_pdf):
    extraction = extract_review(sample_pdf, "sample")
    write_extraction(extraction, tmp_path / "a")
    write_extraction(extract_review(sample_pdf, "sample"), tmp_path / "b")
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert [str(f) for f in files] == ["references.csv", "report.json", "tables/table1.csv", "tables/table2.csv"]
    for f in files:  # same input, same bytes
        assert (tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes()
    table = read_csv(tmp_path / "a" / "tables" / "table2.csv")
    assert list(table.columns[-5:]) == ["_page", "_row", "_label", "_ref_no", "_ref_no_resolved"]
    assert list(table["_ref_no"]) == ["3", "4", "5", "6", "7", "26"]
    report = json.loads((tmp_path / "a" / "report.json").read_text())
    assert report["status"] == "ok"
    assert [t["table_id"] for t in report["tables"]] == ["table1", "table2"]
    assert report["skipped"][0]["table_id"] == "table3"


def test_nothing_is_written_when_a_table_breaks_its_schema(tmp_path, sample_pdf):
    extraction = extract_review(sample_pdf, "sample")
    bad = extraction.tables["table2"].copy()
    bad.loc[0, "_ref_no"] = "three"
    extraction.tables["table2"] = bad
    with pytest.raises(TableInvalid, match="_ref_no"):
        write_extraction(extraction, tmp_path / "out")
    written = [p for p in (tmp_path / "out").rglob("*") if p.is_file()] if (tmp_path / "out").exists() else []
    assert written == []


def test_cli_writes_a_failed_report_for_a_scanned_pdf(tmp_path, capsys):
    pdf = bad_pdfs.write_scanned_pdf(tmp_path / "scan.pdf")
    out = tmp_path / "out"
    assert main(["extract", str(pdf), "--review-id", "scan", "--outdir", str(out)]) == 2
    report = json.loads((out / "report.json").read_text())
    assert report["status"] == "failed" and "OCR it first" in report["error"]
    err = capsys.readouterr().err
    assert err.startswith("litcurate extract: error: ") and "scan.pdf" in err
    failed = read_csv(out / "extract_warnings.csv").iloc[0]
    assert (failed["stage"], failed["review_id"]) == ("extract", "scan")
    assert failed["message"].startswith("extraction failed: ") and "OCR it first" in failed["message"]


def test_cli_success_and_hints(tmp_path, sample_pdf):
    out = tmp_path / "out"
    assert (
        main(["extract", str(sample_pdf), "--review-id", "sample", "--outdir", str(out), "--caption", "Summary"]) == 0
    )
    assert sorted(p.name for p in (out / "tables").iterdir()) == ["table2.csv"]
    report = json.loads((out / "report.json").read_text())
    assert any("caption hint" in s["reason"] for s in report["skipped"])
    warnings = read_csv(out / "extract_warnings.csv")
    assert "table skipped: non-trial: caption does not match the caption hint" in set(warnings["message"])


def test_table_rows_are_text_and_provenance_types(sample_pdf):
    table = extract_review(sample_pdf, "sample").tables["table1"]
    assert table["_page"].dtype.kind == "i" and table["_row"].tolist() == [1, 2, 3, 4, 5]
    assert isinstance(table.iloc[0]["Study"], str)
    assert not table.drop(columns=["_page", "_row"]).isna().any().any()
    assert isinstance(table, pd.DataFrame)


def test_the_extract_step_writes_exactly_the_outputs_it_is_given(tmp_path, sample_pdf):
    from types import SimpleNamespace

    from litcurate.extract import step

    output = SimpleNamespace(
        tables=str(tmp_path / "a" / "tables"),
        references=str(tmp_path / "b" / "refs.csv"),
        report=str(tmp_path / "c" / "rep.json"),
        warnings=str(tmp_path / "d" / "w.csv"),
    )
    step.run(SimpleNamespace(pdf=str(sample_pdf)), output, SimpleNamespace(review="sample", hints={}), [])
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert written == ["a/tables/table1.csv", "a/tables/table2.csv", "b/refs.csv", "c/rep.json", "d/w.csv"]
    assert set(read_csv(output.warnings)["file"]) <= {output.report}
