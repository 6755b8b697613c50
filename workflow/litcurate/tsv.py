"""The tab-separated files a reviewer edits by hand (decisions, link overrides, the reviews
sheet), read with the physical line of every row.

Lines whose first non-blank character is ``#`` are comments and blank lines are skipped, but
both are counted: ``line N`` in a message is the line an editor shows (1-based). A ``#``
inside a cell is text, not a comment.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from litcurate.errors import InputError


def read_tsv(path: str | Path) -> tuple[pd.DataFrame, list[int]]:
    """The file's rows as text cells (empty cell -> ""), header stripped of spaces, and the
    physical line number of each row. A file with no header line is refused."""
    text = Path(path).read_text(encoding="utf-8-sig")
    kept = [
        (number, line)
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not kept:
        raise InputError(f"{path}: empty, expected a tab-separated header line first")
    rows = list(csv.reader((line for _, line in kept), delimiter="\t", quoting=csv.QUOTE_NONE))
    header = [name.strip() for name in rows[0]]
    for (number, _), row in zip(kept[1:], rows[1:]):
        if len(row) > len(header):
            raise InputError(f"{path}, line {number}: {len(row)} tab-separated cells, the header has {len(header)}")
    cells = [row + [""] * (len(header) - len(row)) for row in rows[1:]]
    frame = pd.DataFrame(cells, columns=header, dtype=object) if cells else pd.DataFrame(columns=header, dtype=object)
    return frame, [number for number, _ in kept[1:]]


def empty_as_missing(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with empty cells as missing values, as the tables' schemas expect."""
    return frame.mask(frame.eq(""))
