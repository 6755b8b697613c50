"""Load the reviews sheet: which review PDFs to process, with optional extraction hints."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from litcurate.schemas.reviews import REQUIRED_COLUMNS, reviews_sheet
from litcurate.validate import validate


class SheetError(ValueError):
    pass


def load_reviews(path: str | Path) -> dict[str, dict]:
    """Return ``{review_id: {"pdf": path, "hints": {column: value}}}`` sorted by review_id.

    Any column besides ``review_id`` and ``pdf`` is an optional hint passed to the
    extractor for that review (empty cells are dropped).
    """
    path = Path(path)
    if not path.is_file():
        raise SheetError(f"reviews sheet not found: {path} (set 'reviews' in the config)")
    frame = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, comment="#")
    frame.columns = [c.strip() for c in frame.columns]
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    if missing:
        raise SheetError(
            f"{path}: missing required column(s) {', '.join(missing)}; "
            f"found {', '.join(frame.columns) or 'none'} (the sheet must be tab-separated)"
        )
    frame = frame.apply(lambda col: col.str.strip())
    validate(frame, reviews_sheet, path)
    reviews: dict[str, dict] = {}
    for row_no, row in enumerate(frame.to_dict("records"), start=2):
        if not Path(row["pdf"]).is_file():
            raise SheetError(f"{path}, line {row_no}: PDF for review '{row['review_id']}' not found: {row['pdf']}")
        hints = {k: v for k, v in row.items() if k not in REQUIRED_COLUMNS and v != ""}
        reviews[row["review_id"]] = {"pdf": row["pdf"], "hints": hints}
    return dict(sorted(reviews.items()))
