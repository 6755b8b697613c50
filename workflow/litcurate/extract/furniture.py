"""Page furniture: running heads and feet, download stamps, page numbers.

A line printed in the top or bottom band of the page whose text (digits aside)
comes back on other pages is furniture, not content: "Li et al. SpringerPlus (2016)
5:1370 Page 9 of 10" must not become a reference entry or a table row.
"""

from __future__ import annotations

import re
from collections import Counter

from litcurate.extract.layout import Line, PageLayout

BAND = 0.08  # share of the page height at the top and bottom where furniture is printed


def _key(line: Line) -> str:
    return re.sub(r"[\d\W_]+", "", line.plain_text).lower()


def _in_band(line: Line, page: PageLayout) -> bool:
    return line.top < BAND * page.height or line.bottom > (1 - BAND) * page.height


def furniture_keys(pages: list[PageLayout]) -> set[str]:
    """Texts of margin-band lines that repeat on two or more pages."""
    seen: Counter[str] = Counter()
    for page in pages:
        keys = {_key(ln) for ln in page.lines if _in_band(ln, page)}
        seen.update(k for k in keys if k)
    return {k for k, n in seen.items() if n >= 2}


def is_furniture(line: Line, page: PageLayout, keys: set[str]) -> bool:
    """``line`` is a running head, foot or stamp of this document."""
    return _in_band(line, page) and _key(line) in keys
