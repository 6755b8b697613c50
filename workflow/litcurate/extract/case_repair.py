"""Repair letter case where a font's text layer decodes capitals as small letters.

Some embedded fonts map capital glyphs to lower-case code points in the encoding
pdfminer reads ("UsA", "Decastro" for "USA", "DeCastro"), while PDFium decodes the same
glyphs correctly.  Each glyph pdfminer reads is paired with the PDFium glyph printed at
the same place; where the two differ only in case, PDFium's letter is kept.  Nothing
else is changed, so a document whose fonts decode alike comes through untouched.
"""

from __future__ import annotations

import bisect
import os

import pypdfium2 as pdfium

SAME_PLACE = 0.8  # pt between the left edges of one glyph as the two libraries place it


def pdfium_glyphs(page: pdfium.PdfPage) -> list[tuple[float, float, str]]:
    """(left, vertical middle from the page top, text) of every glyph PDFium reads, by left edge."""
    text_page = page.get_textpage()
    height = page.get_height()
    out = []
    for i in range(text_page.count_chars()):
        char = text_page.get_text_range(i, 1)
        if not char.strip():
            continue
        left, bottom, right, top = text_page.get_charbox(i, loose=True)
        out.append((left, height - (top + bottom) / 2, char))
    text_page.close()
    return sorted(out)


def repair_case(chars: list[dict], glyphs: list[tuple[float, float, str]]) -> list[dict]:
    """``chars`` (pdfplumber dicts) with letters whose case PDFium reads otherwise set to its case.

    Only upright glyphs are compared, each with the PDFium glyph nearest its place.
    """
    lefts = [g[0] for g in glyphs]
    out = []
    for c in chars:
        text = c["text"]
        if len(text) == 1 and text.isalpha() and c.get("upright", True):
            middle = (c["top"] + c["bottom"]) / 2
            lo = bisect.bisect_left(lefts, c["x0"] - SAME_PLACE)
            hi = bisect.bisect_right(lefts, c["x0"] + SAME_PLACE)
            near = [(abs(left - c["x0"]) + abs(ymid - middle), other) for left, ymid, other in glyphs[lo:hi]
                    if abs(ymid - middle) < 0.3 * c["size"]]  # fmt: skip
            if near:
                other = min(near)[1]
                if other != text and other.lower() == text.lower():
                    c = {**c, "text": other}
        out.append(c)
    return out


class CaseRepair:
    """PDFium's reading of one document, page by page, for :func:`repair_case`."""

    def __init__(self, path: str | os.PathLike):
        self._doc = pdfium.PdfDocument(str(path))

    def glyphs(self, index: int) -> list[tuple[float, float, str]]:
        """PDFium's glyphs of the 0-based page ``index``."""
        page = self._doc[index]
        try:
            return pdfium_glyphs(page)
        finally:
            page.close()

    def close(self) -> None:
        """Release the PDFium document."""
        self._doc.close()
