"""Harmonise one extracted review table onto the codebook's fields: raw text beside each, warnings.

Each column is routed by its header (:mod:`litcurate.harmonise.headers`) to the parsers of
the fields it names (:mod:`litcurate.harmonise.parsers`). A parser may also find fields its
column is not about; those fill a field only when no column dedicated to it gave a value.
Once a row is read, :mod:`litcurate.harmonise.finish` completes it: deferred parsers,
defaults, derived fields and flags, plausible ranges.
"""

from __future__ import annotations

import json
import re

import pandas as pd

from litcurate.harmonise.codebook import Codebook
from litcurate.harmonise.finish import finish_row
from litcurate.harmonise.headers import header_fields, header_unit
from litcurate.harmonise.numbers import clean, is_missing
from litcurate.harmonise.pain import percent_siblings
from litcurate.harmonise.parsers import PARSERS, Context, Value, author
from litcurate.schemas.studies import output_columns

PROVENANCE = {
    "_page": "page",
    "_ref_no": "ref_no",
    "_ref_no_resolved": "ref_no_resolved",
    "_row": "row",
    "_label": "label",
}


def _warning(review_id: str, table_id: str, row: int, column: str, field: str | None, value: str, message: str) -> dict:
    return {
        "review_id": review_id,
        "table_id": table_id,
        "row": row,
        "column": column,
        "field": field,
        "value": value,
        "message": message,
    }


def _merge(found: dict[str, tuple[Value, str]], field: str, value: Value, column: str) -> None:
    """Keep the first value; a value from a dedicated column replaces one found in passing."""
    if value.value is None and field in found:
        return
    current = found.get(field)
    if (
        current is None
        or current[0].value is None
        or (value.primary and not current[0].primary and value.value is not None)
    ):
        found[field] = (value, column)


def _provenance(record: dict, position: int) -> dict:
    out = {"row": position, "page": None, "ref_no": None, "ref_no_resolved": None, "label": None}
    for column, name in PROVENANCE.items():
        cell = record.get(column)
        if cell is not None and not (isinstance(cell, float) and cell != cell) and str(cell).strip():
            out[name] = cell
    out["row"] = int(float(out["row"]))
    out["page"] = None if out["page"] is None else int(float(out["page"]))
    for key in ("ref_no", "ref_no_resolved"):
        out[key] = None if out[key] is None else clean(out[key])
    out["label"] = None if out["label"] is None else clean(out["label"])
    return out


_REPEAT = re.compile(r"^(?P<header>.+) \((?P<n>[0-9]+)\)$")


def repeated_header(column: str, columns: list[str]) -> bool:
    """A printed header repeated in one table ('Study', then 'Study (2)' as the extractor names it)
    names its field once: the later column's cells are kept unclaimed rather than lost."""
    m = _REPEAT.match(column)
    return bool(m and int(m.group("n")) >= 2 and m.group("header") in columns)


def _siblings(frame: pd.DataFrame, routes: dict[str, list[str]], codebook: Codebook) -> dict[str, tuple]:
    """Numeric values of each column routed to a percentage, for reading fractions among percentages."""
    return {
        column: tuple(percent_siblings(frame[column].tolist()))
        for column, fields in routes.items()
        if any(codebook.by_name[f].type == "percent" for f in fields)
    }


def harmonise_table(
    frame: pd.DataFrame, review_id: str, table_id: str, codebook: Codebook, caption: str = ""
) -> tuple[pd.DataFrame, list[dict], list[dict]]:
    """One row per table row on the codebook's fields, the warnings, and every unclaimed printed cell.

    ``caption`` lets a field's ``caption_default`` apply (e.g. route IV in a table captioned
    intravenous). Unclaimed cells come back as dicts (row, page, header, value) for extra.csv.
    """
    data_columns = [c for c in frame.columns if c not in PROVENANCE]
    routes = {c: [] if repeated_header(c, data_columns) else header_fields(c, codebook) for c in data_columns}
    warnings: list[dict] = []
    for column, fields in routes.items():
        if not fields:
            warnings.append(
                _warning(
                    review_id,
                    table_id,
                    0,
                    column,
                    None,
                    column,
                    "no codebook field claims this column; its cells are in extra.csv",
                )
            )
    siblings = _siblings(frame, routes, codebook)

    rows, extra = [], []
    for position, record in enumerate(frame.to_dict("records"), start=1):
        source = _provenance(record, position)
        row_no = source["row"]

        def warn(column: str, field: str | None, value: str, message: str) -> None:
            warnings.append(_warning(review_id, table_id, row_no, column, field, value, message))

        found: dict[str, tuple[Value, str]] = {}
        unmapped = {}
        for column in data_columns:
            text = clean(record.get(column))
            if not routes[column]:
                if text:
                    unmapped[column] = text
                    printed = str(record.get(column)).strip()
                    extra.append({"row": row_no, "page": source["page"], "header": column, "value": printed})
                continue
            if is_missing(text):
                continue
            for name in routes[column]:
                field = codebook.by_name[name]
                ctx = Context(
                    column, header_unit(column), "infusion" in column.lower(), field, codebook, siblings.get(column, ())
                )
                for target, value in PARSERS[field.parser](text, ctx).items():
                    if value.warning and value.primary:
                        warn(column, target, text, value.warning)
                    _merge(found, target, value, column)
        row = finish_row(found, codebook, caption, warn)
        row.update(source)
        row["review_id"], row["table_id"] = review_id, table_id
        if source["label"] and not row.get("first_author") and codebook.has("first_author"):
            row["first_author"] = author(source["label"], _label_context(codebook))["first_author"].value
            row["first_author_raw"] = source["label"]
        row["unmapped_raw"] = json.dumps(unmapped, ensure_ascii=False, sort_keys=True) if unmapped else None
        rows.append(row)
    out = pd.DataFrame(rows, columns=output_columns(codebook))
    return _typed(out, codebook), warnings, extra


def _label_context(codebook: Codebook) -> Context:
    return Context("_label", None, False, codebook.by_name["first_author"], codebook)


def _typed(frame: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Nullable dtypes so integers stay integers in the CSV."""
    for field in codebook.columns:
        name, dtype = field.name, field.dtype
        if dtype == "str":
            frame[name] = frame[name].astype("object")
        elif dtype == "boolean":
            frame[name] = frame[name].astype("boolean")
        else:
            frame[name] = pd.to_numeric(frame[name], errors="coerce").astype(dtype)
    frame["row"] = frame["row"].astype("Int64")
    frame["page"] = pd.to_numeric(frame["page"], errors="coerce").astype("Int64")
    return frame
