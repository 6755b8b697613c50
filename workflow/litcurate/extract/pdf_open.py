"""Open a review PDF and turn every way it can be unusable into one clear error."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Iterator

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from litcurate.errors import ExtractionError

MIN_TEXT_CHARS = 20  # fewer characters than this over the whole file means no text layer


def _is_encryption_error(exc: BaseException) -> bool:
    seen = exc
    while seen is not None:
        if isinstance(seen, PDFPasswordIncorrect) or "password" in str(seen).lower() or "encrypt" in str(seen).lower():
            return True
        wrapped = seen.args[0] if seen.args and isinstance(seen.args[0], BaseException) else None
        seen = seen.__cause__ or seen.__context__ or wrapped
    return False


@contextlib.contextmanager
def open_pdf(path: str | os.PathLike) -> Iterator[pdfplumber.PDF]:
    """Yield an open pdfplumber document known to have pages and a text layer."""
    path = Path(path)
    if not path.is_file():
        raise ExtractionError(path, "no such file")
    if path.stat().st_size == 0:
        raise ExtractionError(path, "not a readable PDF: the file is empty")
    with path.open("rb") as fh:
        if b"%PDF" not in fh.read(1024):
            raise ExtractionError(path, "not a readable PDF: no %PDF header")
    try:
        pdf = pdfplumber.open(path)
        pages = pdf.pages
    except (PdfminerException, PDFSyntaxError, PDFPasswordIncorrect, ValueError, TypeError, KeyError) as exc:
        if _is_encryption_error(exc):
            raise ExtractionError(path, "encrypted: the PDF needs a password; save an unprotected copy") from None
        raise ExtractionError(path, f"not a readable PDF ({type(exc).__name__}: {exc})") from None
    try:
        if not pages:
            raise ExtractionError(path, "no pages: the PDF has no pages")
        if _looks_encrypted(pdf):
            raise ExtractionError(path, "encrypted: the PDF needs a password; save an unprotected copy")
        if not _has_text(pages):
            if any(p.images for p in pages):
                raise ExtractionError(path, "no text layer: the PDF looks scanned; OCR it first")
            raise ExtractionError(path, "no text layer: the pages are blank (no text, no images)")
        yield pdf
    finally:
        pdf.close()


def _looks_encrypted(pdf: pdfplumber.PDF) -> bool:
    doc = pdf.doc
    return bool(getattr(doc, "encryption", None)) and not any(p.chars for p in pdf.pages[:3])


def _has_text(pages) -> bool:
    count = 0
    for page in pages:
        count += sum(1 for c in page.chars if c["text"].strip())
        if count >= MIN_TEXT_CHARS:
            return True
    return False
