"""Extraction of a long PDF says how far it is: a progress line every PROGRESS_EVERY pages."""

from __future__ import annotations

import logging
from pathlib import Path

import pypdfium2 as pdfium

from litcurate.extract import extract_review
from litcurate.extract.review import PROGRESS_EVERY

REPO = Path(__file__).resolve().parents[1]


def long_pdf(path: Path, pages: int) -> Path:
    """``pages`` pages made by repeating a demo review's pages (the project's own PDF)."""
    source = pdfium.PdfDocument(REPO / "resources/reviews/zhao2018.pdf")
    out = pdfium.PdfDocument.new()
    while len(out) < pages:
        out.import_pages(source, pages=list(range(min(len(source), pages - len(out)))))
    out.save(path)
    out.close()
    source.close()
    return path


def test_a_progress_line_every_n_pages_and_at_the_last(tmp_path, caplog):
    assert PROGRESS_EVERY == 25
    pdf = long_pdf(tmp_path / "long.pdf", 26)
    caplog.set_level(logging.INFO, logger="litcurate")
    extract_review(pdf, "long")
    progress = [r.getMessage() for r in caplog.records if "pages read" in r.getMessage()]
    assert progress == ["long.pdf: 25 of 26 pages read", "long.pdf: 26 of 26 pages read"]


def test_a_short_pdf_prints_no_progress(tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="litcurate")
    extract_review(REPO / "resources/reviews/zhao2018.pdf", "zhao2018")
    assert not [r for r in caplog.records if "pages read" in r.getMessage()]
