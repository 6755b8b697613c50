"""Merge the printed pieces of one table into a single logical table.

A piece that repeats the header continues the rows (the repeated header is
dropped); a piece whose first row is data continues them too; a piece with an
entirely different header is the second half of a wide table and its columns
are joined row by row.  A row cut by a page break (its label cell empty on the
new page) is glued back onto the row it belongs to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from litcurate.extract.detect import CONTINUED, Block
from litcurate.extract.table_reader import Cell
from litcurate.warnings import StageWarning

SAME_HEADER = 90  # rapidfuzz ratio at which a printed header repeats the first one


@dataclass
class MergedTable:
    table_no: str
    caption: str
    header: list[str]
    rows: list[list[Cell]]
    row_pages: list[int]
    pages: list[int]
    footnotes: list[str] = field(default_factory=list)
    warnings: list[StageWarning] = field(default_factory=list)


def _norm(cells: list[str]) -> str:
    return re.sub(r"\W+", " ", " ".join(cells)).strip().lower()


def same_header(a: list[str], b: list[str]) -> bool:
    """Two printed headers are the same header (a repeat on a continuation page)."""
    return len(a) == len(b) and fuzz.ratio(_norm(a), _norm(b)) >= SAME_HEADER


def _looks_like_header(texts: list[str]) -> bool:
    """Most cells hold words and few hold numbers: a printed header, not a row of data (or
    the rest of a row the page break cut, mostly empty)."""
    filled = [t for t in texts if t.strip()]
    return len(filled) >= 0.5 * len(texts) and sum(any(ch.isdigit() for ch in t) for t in filled) < 0.3 * len(filled)


def _is_filler(row: list[Cell]) -> bool:
    """A "(Continued)" line or an empty band caught between rules."""
    texts = [c.text for c in row if c.text]
    return not texts or (len(texts) == 1 and bool(CONTINUED.match(texts[0])))


def _append_rows(table: MergedTable, rows: list[list[Cell]], page: int) -> None:
    first_on_page = True
    for row in rows:
        if _is_filler(row):
            continue
        cut_by_page_break = (
            first_on_page
            and table.rows
            and table.row_pages[-1] != page
            and not row[0].text
            and any(c.text for c in row[1:])
        )
        first_on_page = False
        if cut_by_page_break:
            table.rows[-1] = [a.extended(b) for a, b in zip(table.rows[-1], row)]
            row_no = len(table.rows)
            table.warnings.append(
                StageWarning(
                    "extract", f"row {row_no} was cut by the page break before page {page}; rejoined", row=row_no
                )
            )
            continue
        table.rows.append(row)
        table.row_pages.append(page)


def _join_part(table: MergedTable, part: MergedTable) -> None:
    """Append the columns of a second half, row by row (a repeated label column is dropped)."""
    repeated_label = bool(part.header) and part.header[0] == table.header[0]
    header = part.header[1:] if repeated_label else part.header
    rows = [r[1:] if repeated_label else r for r in part.rows]
    if len(rows) != len(table.rows):
        table.warnings.append(
            StageWarning(
                "extract",
                f"second half on page(s) {part.pages} has {len(rows)} rows, first half {len(table.rows)}; "
                "joined by position",
            )
        )
    if repeated_label:
        for i, (a, b) in enumerate(zip(table.rows, part.rows)):
            if a[0].text != b[0].text:
                table.warnings.append(
                    StageWarning(
                        "extract",
                        f"row {i + 1}: halves disagree on the label ({a[0].text!r} vs {b[0].text!r})",
                        row=i + 1,
                    )
                )
    table.header = table.header + header
    for i in range(len(table.rows)):
        extra = rows[i] if i < len(rows) else [Cell([], []) for _ in header]
        table.rows[i] = table.rows[i] + extra
    table.pages.extend(p for p in part.pages if p not in table.pages)
    table.warnings.extend(part.warnings)


def merge_blocks(blocks: list[Block]) -> list[MergedTable]:
    """Logical tables in order of first appearance, continued pieces and halves merged in.

    Pieces of one table are grouped into parts by their header: a piece repeating a
    part's header (or printing no header) continues that part; a piece with a new
    header starts another part, the next half of a wide table.
    """
    parts_by_table: dict[str, list[MergedTable]] = {}
    for block in blocks:
        key = block.table_no or f"p{block.page}"
        parts = parts_by_table.setdefault(key, [])
        same = next((p for p in parts if same_header(block.header, p.header)), None)
        if same is not None:
            if block.page not in same.pages:
                same.pages.append(block.page)
            same.footnotes.extend(block.footnotes)
            _append_rows(same, block.rows[1:], block.page)
        elif (
            parts
            and (not block.caption or not block.continued or not _looks_like_header(block.header))
            and len(block.header) == len(parts[-1].header)
        ):
            # A continuation printed without its header: every row is data.
            last = parts[-1]
            if block.page not in last.pages:
                last.pages.append(block.page)
            last.footnotes.extend(block.footnotes)
            _append_rows(last, block.rows, block.page)
        else:
            part = MergedTable(key, block.caption, block.header, [], [], [block.page], list(block.footnotes))
            _append_rows(part, block.rows[1:], block.page)
            parts.append(part)
    tables = []
    for parts in parts_by_table.values():
        table = parts[0]
        for part in parts[1:]:
            _join_part(table, part)
        tables.append(table)
    return tables
