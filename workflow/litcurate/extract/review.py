"""Extract a review's trial tables and reference list: the public entry points."""

from __future__ import annotations

import contextlib
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pypdfium2 as pdfium

from litcurate.extract.case_repair import CaseRepair
from litcurate.extract.classify import LABEL_HEADER, cites_study, classify, label_column, study_caption
from litcurate.extract.continuation import MergedTable, merge_blocks
from litcurate.extract.detect import find_blocks
from litcurate.extract.layout import PageLayout, read_page_views
from litcurate.extract.pdf_open import ExtractionError, open_pdf
from litcurate.extract.references import COLUMNS as REFERENCE_COLUMNS
from litcurate.extract.references import parse_references
from litcurate.extract.resolve_refs import resolve_row
from litcurate.extract.superscripts import citation_from_marks, normalise_citation, split_label
from litcurate.io import atomic_path, write_json
from litcurate.names import PARTICLES, label_surname, surname_key
from litcurate.schemas.extract import references_schema, trial_table_schema
from litcurate.validate import validate
from litcurate.warnings import StageWarning

logger = logging.getLogger(__name__)
# A long PDF (a thesis, a 300-page report) logs how far its reading is every this many pages.
PROGRESS_EVERY = 25

YEAR_HEADER = re.compile(r"^(?:publication\s+)?year$", re.IGNORECASE)

__all__ = ["Extraction", "ExtractionError", "extract_review", "write_extraction"]


@dataclass
class Extraction:
    review_id: str
    tables: dict[str, pd.DataFrame]
    references: pd.DataFrame
    report: dict = field(default_factory=dict)
    warnings: list[StageWarning] = field(default_factory=list)  # structured, for QC


def _column_names(header: list[str]) -> list[str]:
    """Header as printed; blank or repeated names made unique so they can be CSV columns."""
    names, seen = [], {}
    for i, name in enumerate(header):
        name = name or f"column {i + 1}"
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return names


BRACKET_CITATION = re.compile(r"\s*\[(\d+(?:\s*[-–,]\s*\d+)*)\]\s*")
REF_HEADER = re.compile(
    r"^(?:ref\.?|refs?\.?|references?(?:\s+(?:number|no\.?))?|citations?|ref(?:erence)?\s+no\.?)$", re.IGNORECASE
)


def _label_and_ref(cell) -> tuple[str, str]:
    """(label without its citation, citation text): superscript marks, else "[n]" in the label."""
    label, inline = split_label(cell.text)
    ref = citation_from_marks(cell.marks) or inline
    bracket = BRACKET_CITATION.search(label)
    if bracket:
        if not ref:
            ref = normalise_citation(bracket.group(1))
        label = (label[: bracket.start()] + " " + label[bracket.end() :]).strip()
    return label, ref


def _ref_column(header: list[str], label_col: int) -> int | None:
    return next((i for i, h in enumerate(header) if i != label_col and REF_HEADER.match(h.strip())), None)


def settle_unlabelled(table: MergedTable, label_col: int) -> None:
    """Give every row a study label: a row printed without one is part of a study or not a study.

    At the top of a new page it is the rest of the row the page break cut, and joins
    it; carrying numbers it is a study's second line (another cohort or arm) and joins
    the row above; a line mostly made of header words (a repeated sub-header, a group
    heading like "G1837A case control") or without numbers is a heading or note inside
    the table and is left out.  Each case is a warning naming the text.
    """
    rows: list = []
    pages: list[int] = []
    header_words = {w.lower() for h in table.header for w in re.findall(r"\w+", h)}
    for row, page in zip(table.rows, table.row_pages):
        if label_col < len(row) and row[label_col].text.strip():
            rows.append(row)
            pages.append(page)
            continue
        text = " ".join(c.text for c in row if c.text).strip()
        if not text:
            continue
        words = [w.lower() for w in re.findall(r"\w+", text)]
        repeats_header = sum(w in header_words for w in words) >= 0.5 * len(words)
        if rows and not repeats_header and (page != pages[-1] or any(ch.isdigit() for ch in text)):
            rows[-1] = [a.extended(b) for a, b in zip(rows[-1], row)]
            why = "continues it on a new page" if page != pages[-1] else "carries values of the same study"
            message = f"a line without a study label {why}; joined to the row above: {text[:80]}"
            table.warnings.append(StageWarning("extract", message, row=len(rows), value=text))
        else:
            message = f"a line without a study label is not a study (a heading or note); left out: {text[:80]}"
            table.warnings.append(StageWarning("extract", message, value=text))
    table.rows, table.row_pages = rows, pages


def table_frame(table: MergedTable, column_map: dict[str, str] | None = None) -> tuple[pd.DataFrame, int]:
    """The table as printed plus provenance columns; returns (frame, label column index)."""
    names = _column_names([(column_map or {}).get(h, h) for h in table.header])
    label_col = label_column(table.header)
    label_col = 0 if label_col is None else label_col
    settle_unlabelled(table, label_col)
    ref_col = _ref_column(table.header, label_col)
    records = []
    for i, (row, page) in enumerate(zip(table.rows, table.row_pages), start=1):
        label, ref_no = _label_and_ref(row[label_col])
        if not ref_no and ref_col is not None:
            ref_no = normalise_citation(row[ref_col].text)
        values = [split_label(c.text)[0] for c in row]
        values[label_col] = label
        record = dict(zip(names, values))
        record.update({"_page": page, "_row": i, "_label": label, "_ref_no": ref_no})
        records.append(record)
    frame = pd.DataFrame(records, columns=names + ["_page", "_row", "_label", "_ref_no"])
    return frame, label_col


def _resolve(frame: pd.DataFrame, header: list[str], refs: pd.DataFrame, table_id: str) -> tuple[pd.Series, list[dict]]:
    year_col = next((frame.columns[i] for i, h in enumerate(header) if YEAR_HEADER.match(h.strip())), None)
    resolved, checks = [], []
    for _, row in frame.iterrows():
        year_cell = str(row[year_col]) if year_col else ""
        number, problem = resolve_row(refs, row["_label"], year_cell, row["_ref_no"]) if len(refs) else ("", None)
        resolved.append(number)
        if problem:
            checks.append(
                {
                    "table_id": table_id,
                    "row": int(row["_row"]),
                    "label": row["_label"],
                    "printed": row["_ref_no"],
                    "resolved": number,
                    "problem": problem,
                }
            )
    return pd.Series(resolved, index=frame.index, dtype="object"), checks


def _table_id(table_no: str) -> str:
    return f"table{table_no.lower()}"


def read_layouts(pdf, path: str | os.PathLike | None = None) -> list[PageLayout]:
    """Every page's upright views, each page's parsed objects released once read.

    With ``path``, PDFium reads the document too and repairs letter case the text
    layer decodes wrongly (see :mod:`litcurate.extract.case_repair`).
    """
    repair = None
    if path is not None:
        try:
            repair = CaseRepair(path)
        except pdfium.PdfiumError:
            repair = None
    layouts: list[PageLayout] = []
    total, name = len(pdf.pages), Path(path).name if path is not None else "PDF"
    try:
        for i, page in enumerate(pdf.pages, start=1):
            layouts.extend(read_page_views(page, i, repair.glyphs(i - 1) if repair and not page.rotation else None))
            page.close()
            if total > PROGRESS_EVERY and (i % PROGRESS_EVERY == 0 or i == total):
                logger.info("%s: %d of %d pages read", name, i, total)
    finally:
        if repair is not None:
            repair.close()
    return layouts


def _main_views(layouts: list[PageLayout]) -> list[PageLayout]:
    seen: set[int] = set()
    out = []
    for layout in layouts:
        if layout.number not in seen:
            seen.add(layout.number)
            out.append(layout)
    return out


@dataclass
class _Read:
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    found: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    checks: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    structured: list[StageWarning] = field(default_factory=list)


def _opens_lowercase(label: str) -> bool:
    """The label opens with a small word that is no name particle ("et al", "and")."""
    first = label.split()[0]
    return first[0].islower() and first.lower() not in PARTICLES


def _repeated_runs(labels: list[str], run: int = 3) -> set[int]:
    """Positions of labels that repeat, in order, a run of ``run`` labels earlier in the table
    (the labels of a wide table's second half read as more rows). A study named twice apart
    from its neighbours is no such run."""
    out: set[int] = set()
    for j in range(1, len(labels) - run + 1):
        if any(labels[i : i + run] == labels[j : j + run] for i in range(j)):
            out.update(range(j, j + run))
    return out


def _study_rows(read: "_Read") -> int:
    """Rows naming a study minus rows that do not (a header line read as a row among them),
    over every study table of a reading."""
    score = 0
    for frame in read.tables.values():
        labels = [str(label).strip() for label in frame["_label"]]
        repeated = _repeated_runs(labels)
        for n, (text, ref) in enumerate(zip(labels, frame["_ref_no"])):
            if n in repeated:
                continue  # a second half read as more rows adds nothing
            header_as_row = bool(LABEL_HEADER.match(text)) and len(text.split()) <= 2
            # "(2006)" or "et al (Part 1)": the tail of a label cut into a row of its own
            fragment = not text or not (text[0].isalpha() or text[0] in "'’") or _opens_lowercase(text)
            score += 1 if cites_study(text, ref) and not (header_as_row or fragment) else -1
    return score


def _read_tables(
    layouts: list[PageLayout],
    table_pages: set[int],
    hints: dict,
    references: pd.DataFrame,
    review_id: str,
    adaptive: bool,
) -> _Read:
    """Find, merge, classify and resolve the tables of one document with one grid reader."""
    blocks = [b for b in find_blocks(layouts, adaptive) if b.page in table_pages]
    caption_hint = re.compile(hints["caption"]) if hints.get("caption") else None
    out = _Read()
    merged = merge_blocks(blocks)
    only_on_pages = bool(hints.get("pages")) and len(merged) == 1
    for table in merged:
        table_id = _table_id(table.table_no)
        frame, label_col = table_frame(table, hints.get("columns"))
        is_trial, reason = classify(table.header, list(frame["_label"]), list(frame["_ref_no"]), table.caption)
        if caption_hint is not None and not caption_hint.search(table.caption):
            is_trial, reason = False, "non-trial: caption does not match the caption hint"
        elif caption_hint is not None and not is_trial:
            is_trial, reason = True, "trial: caption matches the caption hint"
        elif only_on_pages and not is_trial and len(frame):
            is_trial, reason = True, "trial: the only table on the pages hint"
        entry = {"table_id": table_id, "caption": table.caption, "pages": table.pages}
        if not is_trial:
            out.skipped.append({**entry, "reason": reason})
            out.structured.append(
                StageWarning("extract", f"table skipped: {reason}", review_id, table_id, value=table.caption)
            )
            continue
        frame["_ref_no_resolved"], row_checks = _resolve(frame, table.header, references, table_id)
        out.checks.extend(row_checks)
        out.warnings.extend(f"{table_id}: {w.message}" for w in table.warnings)
        out.structured.extend(w.located(review_id=review_id, table_id=table_id) for w in table.warnings)
        out.structured.extend(
            StageWarning("references", c["problem"], review_id, table_id, c["row"], "_ref_no", c["label"])
            for c in row_checks
        )
        out.tables[table_id] = frame
        out.found.append(
            {
                **entry,
                "rows": len(frame),
                "columns": list(frame.columns[:-5]),
                "label_column": frame.columns[label_col],
                "reason": reason,
                "footnotes": table.footnotes,
            }
        )
    return out


def _prefer_named_tables(read: _Read, review_id: str) -> None:
    """When a study table's caption names the included studies, another study-row table
    that lists the same studies again under another caption (participants per study,
    biases per study) is set aside: the studies are read once, from the named table."""
    named = {t["table_id"] for t in read.found if study_caption(t["caption"])}
    if not named:
        return
    known = {surname_key(label_surname(label)) for tid in named for label in read.tables[tid]["_label"]}
    for entry in [t for t in read.found if t["table_id"] not in named]:
        labels = [surname_key(label_surname(label)) for label in read.tables[entry["table_id"]]["_label"]]
        if sum(label in known for label in labels) < 0.5 * len(labels):
            continue
        reason = f"non-trial: lists the studies of {', '.join(sorted(named))} again"
        read.found.remove(entry)
        del read.tables[entry["table_id"]]
        read.skipped.append({k: entry[k] for k in ("table_id", "caption", "pages")} | {"reason": reason})
        read.structured.append(
            StageWarning("extract", f"table skipped: {reason}", review_id, entry["table_id"], value=entry["caption"])
        )


def extract_review(pdf_path: str | os.PathLike, review_id: str, hints: dict | None = None) -> Extraction:
    """Read every table and the reference list of one review PDF.

    ``hints`` may hold ``pages`` (1-based pages to search for tables), ``caption``
    (a regex a trial table's caption must match) and ``columns`` (printed header ->
    column name).  Raises :class:`ExtractionError` for unreadable PDFs.
    """
    hints = hints or {}
    with open_pdf(pdf_path) as pdf:
        layouts = read_layouts(pdf, pdf_path)
    table_pages = set(hints.get("pages") or [p.number for p in layouts])
    references = parse_references(_main_views(layouts))
    plain = _read_tables(layouts, table_pages, hints, references, review_id, adaptive=False)
    adaptive = _read_tables(layouts, table_pages, hints, references, review_id, adaptive=True)
    # The reading whose study tables hold more rows that name a study wins; a tie
    # keeps the plain reader.
    read = adaptive if _study_rows(adaptive) > _study_rows(plain) else plain
    _prefer_named_tables(read, review_id)
    tables, found, skipped, checks, warnings = read.tables, read.found, read.skipped, read.checks, read.warnings
    structured = read.structured
    for missing, note in ((not tables, "no trial table found"), (references.empty, "no numbered reference list found")):
        if missing:
            warnings.append(note)
            structured.append(StageWarning("extract", note, review_id))
    report = {
        "review_id": review_id,
        "pdf": Path(pdf_path).name,
        "status": "ok",
        "page_count": len({p.number for p in layouts}),
        "tables": found,
        "skipped": skipped,
        "references": {"count": int(len(references))},
        "ref_checks": checks,
        "warnings": warnings,
    }
    return Extraction(review_id, tables, references, report, structured)


def write_extraction(
    extraction: Extraction,
    outdir: str | os.PathLike,
    *,
    tables_dir: str | os.PathLike | None = None,
    references: str | os.PathLike | None = None,
    report: str | os.PathLike | None = None,
) -> None:
    """Write tables/{id}.csv, references.csv and report.json; all validated first.

    The files go under ``outdir`` unless their paths are given. Every frame is validated
    before anything is written, and each file is moved into place atomically, so a
    failure leaves no new output behind.
    """
    outdir = Path(outdir)
    tables_dir = Path(tables_dir) if tables_dir else outdir / "tables"
    checked = {
        tables_dir / f"{tid}.csv": validate(frame, trial_table_schema(list(frame.columns)), tables_dir / f"{tid}.csv")
        for tid, frame in sorted(extraction.tables.items())
    }
    refs_path = Path(references) if references else outdir / "references.csv"
    checked[refs_path] = validate(extraction.references[REFERENCE_COLUMNS], references_schema(), refs_path)
    with contextlib.ExitStack() as stack:
        temps = [stack.enter_context(atomic_path(path)) for path in checked]
        for frame, tmp in zip(checked.values(), temps):
            frame.to_csv(tmp, index=False, lineterminator="\n")
    write_json(Path(report) if report else outdir / "report.json", extraction.report)
