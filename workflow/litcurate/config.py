"""The project's configuration: the config file's problems in one line, and the reviews sheet.

:func:`config_problem` turns snakemake.utils.validate's report (the whole schema and
instance) into the key and what is wrong with it; :func:`check_config` checks what the schema
cannot state (how values relate). :func:`load_reviews` reads the reviews sheet: which review
PDFs to process, with optional extraction hints.
"""

from __future__ import annotations

import re
from pathlib import Path

from litcurate.errors import ConfigError, InputError, SheetError
from litcurate.schemas.reviews import REQUIRED_COLUMNS, reviews_sheet
from litcurate.search.pubmed.settings import load_settings
from litcurate.tsv import read_tsv
from litcurate.validate import validate

HINT_COLUMNS = ("pages", "caption", "columns")


def config_problem(error: Exception) -> str:
    """One line naming the config key that breaks the schema and what is wrong with it."""
    text = str(error)
    problem = re.search(r"ValidationError: (.+)", text)
    where = re.search(r"On instance((?:\[[^\]]+\])*):", text)
    path = ".".join(re.findall(r"\['?([^'\]]+)'?\]", where.group(1))) if where else ""
    message = problem.group(1).strip() if problem else text.strip().splitlines()[-1]
    location = f"at '{path}'" if path else "at the top level"
    return f"config error {location}: {message} (see schemas/config.schema.yaml)"


def check_config(config: dict) -> None:
    """Cross-field rules of a schema-valid config, at start-up; raise ConfigError naming the key."""
    link = config.get("link") or {}
    review_min, auto_merge = link.get("review_min", 0.7), link.get("auto_merge", 0.9)
    if review_min > auto_merge:
        raise ConfigError(
            f"config error at 'link.review_min': link.review_min ({review_min}) is above link.auto_merge "
            f"({auto_merge}); pairs scoring between the two go to review, so review_min must not exceed auto_merge"
        )
    load_settings(config)  # the pubmed section: dates valid, given together and in order, ...


def parse_pages(text: str) -> list[int]:
    """``"4"``, ``"4-9"``, ``"4,6,10-12"`` -> page numbers (1-based)."""
    pages: list[int] = []
    for part in text.replace(" ", "").split(","):
        match = re.fullmatch(r"(\d+)(?:-(\d+))?", part)
        if not match or int(match.group(1)) < 1 or (match.group(2) and int(match.group(2)) < int(match.group(1))):
            raise ValueError(f"pages: expected page numbers like 4, 4-9 or 4,6,10-12, got {text!r}")
        first, last = int(match.group(1)), int(match.group(2) or match.group(1))
        pages.extend(range(first, last + 1))
    return sorted(set(pages))


def parse_columns(text: str) -> dict[str, str]:
    """``"Printed header=new name; Other=name2"`` -> a column map."""
    mapping = {}
    for part in filter(None, (p.strip() for p in text.split(";"))):
        printed, sep, name = part.partition("=")
        if not sep or not printed.strip() or not name.strip():
            raise ValueError(f"columns: expected 'printed header=name; ...', got {part!r}")
        mapping[printed.strip()] = name.strip()
    return mapping


def parse_hints(row: dict) -> dict:
    """The extraction hints of one sheet row (empty cells give none); raise ValueError on a bad one."""
    hints = {}
    for column in HINT_COLUMNS:
        value = row.get(column, "")
        if value == "":
            continue
        hints[column] = {"pages": parse_pages, "columns": parse_columns}.get(column, str)(value)
    if "caption" in hints:
        try:
            re.compile(hints["caption"])
        except re.error as exc:
            raise ValueError(f"caption: not a valid regular expression ({exc})") from None
    return hints


def load_reviews(path: str | Path) -> dict[str, dict]:
    """Return ``{review_id: {"pdf": path, "hints": {...}}}`` sorted by review_id.

    Optional hint columns refine extraction for one review: ``pages`` (``4-9``),
    ``caption`` (a regular expression the table caption matches) and ``columns``
    (``printed header=new name; ...``). Empty cells give no hint.
    """
    path = Path(path)
    if not path.is_file():
        raise SheetError(f"reviews sheet not found: {path} (set 'reviews' in the config)")
    try:
        frame, lines = read_tsv(path)
    except InputError as exc:
        raise SheetError(f"{exc}; no review listed (expected the header line review_id, pdf)") from None
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    if missing:
        raise SheetError(
            f"{path}: missing required column(s) {', '.join(missing)}; "
            f"found {', '.join(frame.columns) or 'none'} (the sheet must be tab-separated)"
        )
    if frame.empty:
        raise SheetError(f"{path}: no review listed below the header line (one line per review: review_id, pdf)")
    frame = frame.apply(lambda col: col.str.strip())
    validate(frame, reviews_sheet, path, lines)
    reviews: dict[str, dict] = {}
    unknown = [c for c in frame.columns if c not in REQUIRED_COLUMNS + list(HINT_COLUMNS)]
    if unknown:
        raise SheetError(
            f"{path}: unknown column(s) {', '.join(unknown)}; optional hint columns are {', '.join(HINT_COLUMNS)}"
        )
    for row_no, row in zip(lines, frame.to_dict("records")):
        if not Path(row["pdf"]).is_file():
            raise SheetError(f"{path}, line {row_no}: PDF for review '{row['review_id']}' not found: {row['pdf']}")
        try:
            hints = parse_hints(row)
        except ValueError as exc:
            raise SheetError(f"{path}, line {row_no} ({row['review_id']}): {exc}") from None
        reviews[row["review_id"]] = {"pdf": row["pdf"], "hints": hints}
    return dict(sorted(reviews.items()))
