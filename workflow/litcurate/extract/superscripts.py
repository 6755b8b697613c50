"""Citation numbers printed as superscripts after a study label.

"Sigtermans et al ³" -> ("Sigtermans et al", "3"); "Amr,¹⁵⁵ 2010" -> ("Amr, 2010", "155");
marks "3, 16" -> "3,16" and "23–29" -> "23-29".  The same split works on text carrying
the facts markup ``^{N}``.
"""

from __future__ import annotations

import re

_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SUP_CHARS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_UNICODE_RUN = re.compile(rf"\s*([{_SUP_CHARS}][{_SUP_CHARS}\s,–\-‒]*[{_SUP_CHARS}]|[{_SUP_CHARS}])")
_MARKUP = re.compile(r"\s*\^\{([^}]*)\}")
CITATION = re.compile(r"^\d+(?:\s*[-–‒—]\s*\d+)?(?:\s*,\s*\d+(?:\s*[-–‒—]\s*\d+)?)*$")


def normalise_citation(marks: str) -> str:
    """Canonical citation text: no spaces, hyphen ranges, comma lists; '' if not a citation."""
    text = marks.translate(_SUPERSCRIPT_DIGITS).strip().strip(",")
    if not CITATION.match(text):
        return ""
    return re.sub(r"[–‒—]", "-", re.sub(r"\s+", "", text))


def citation_from_marks(marks: list[str]) -> str:
    """Citation text from the superscript tokens printed after a label, in order.

    Footnote marks printed in the same run ("30,b", "12*") are not citation numbers
    and are left out.
    """
    parts = [p.strip() for m in marks for p in re.split(r"[,;]", m)]
    numbers = [p.rstrip("*†‡§¶") for p in parts if p and not re.fullmatch(r"[a-z*†‡§¶]+", p)]
    return normalise_citation(",".join(n for n in numbers if n))


def _collapse(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"\s+([,;.])", r"\1", text)


def split_label(text: str) -> tuple[str, str]:
    """(label without citation marks, citation text) for markup or Unicode superscripts."""
    marks: list[str] = []

    def take(match: re.Match) -> str:
        marks.append(match.group(1))
        return " "

    plain = _MARKUP.sub(take, text)
    plain = _UNICODE_RUN.sub(take, plain)
    cites = [normalise_citation(m) for m in marks]
    return _collapse(plain), ",".join(c for c in cites if c)


def strip_marks(text: str) -> str:
    """Cell text with every superscript mark (citation or footnote letter) removed."""
    return split_label(text)[0]


def expand(ref_no: str) -> list[int]:
    """All reference numbers a citation text stands for: "23-25,30" -> [23, 24, 25, 30]."""
    out: list[int] = []
    for part in filter(None, ref_no.split(",")):
        if "-" in part:
            lo, hi = (int(p) for p in part.split("-", 1))
            out.extend(range(lo, hi + 1) if 0 <= hi - lo <= 200 else [lo, hi])
        else:
            out.append(int(part))
    return out
