"""A table row completed once all its cells are read: deferred parsers, defaults, consistency
and plausible ranges, then derived fields and flags (and their ranges), in that order."""

from __future__ import annotations

import operator
import re
from typing import Callable

from litcurate.harmonise.codebook import Codebook, Field
from litcurate.harmonise.dose import total_dose_70kg
from litcurate.harmonise.duration import parse_followup
from litcurate.harmonise.numbers import parse_mean_sd
from litcurate.harmonise.pain import infer_scale_max, parse_pain_score
from litcurate.harmonise.parsers import Value

OPERATORS = {"<=": operator.le, "<": operator.lt, ">=": operator.ge, ">": operator.gt, "==": operator.eq}
Warn = Callable[[str, "str | None", str, str], None]
Found = dict[str, tuple[Value, str]]


class Row(dict):
    """A harmonised row: each field's value, ``<field>_raw`` and, where kept, ``<field>_unit``."""

    def __init__(self, codebook: Codebook):
        super().__init__()
        self.codebook = codebook

    def put(self, field: str, value: object, raw: str | None, unit: str | None = None) -> None:
        """Set a field with the text it came from (and the unit it was printed in)."""
        self[field], self[f"{field}_raw"] = value, raw
        if field in self.codebook.unit_fields:
            self[f"{field}_unit"] = unit


def finish_row(found: Found, codebook: Codebook, caption: str, warn: Warn) -> Row:
    """The row's values from what its cells gave (``found``: field -> (value, column))."""
    row = Row(codebook)
    for name, (value, _) in found.items():
        field = codebook.by_name.get(name)
        if field is not None and field.column:
            row.put(name, value.value, value.raw, value.unit)
    done = set()
    for field in codebook.fields:
        if field.parser in FINISHERS and field.parser not in done:
            done.add(field.parser)
            FINISHERS[field.parser](found, codebook, row, warn)
    for field in codebook.columns:
        if row.get(field.name) is None and field.default is not None:
            row.put(field.name, field.default, row.get(f"{field.name}_raw"))
        assumed = field.caption_default
        if row.get(field.name) is None and assumed and re.search(assumed["pattern"], caption, re.IGNORECASE):
            row.put(field.name, assumed["value"], "(assumed for this table)")
    _check_consistent(row, found, warn)
    derived = [f for f in codebook.columns if f.parser in DERIVERS]
    # Values are checked before anything is derived from them, derived values after.
    _check_ranges(row, found, [f for f in codebook.columns if f not in derived], warn)
    for field in derived:
        DERIVERS[field.parser](field, found, row)
    _check_ranges(row, found, derived, warn)
    return row


# --- deferred parsers ---------------------------------------------------------------------


def _finish_pain(found: Found, codebook: Codebook, row: Row, warn: Warn) -> None:
    fields = [f for f in codebook.fields if f.parser == "pain_score"]
    scale_field = fields[0].options.get("scale_field", "pain_scale_max")
    scale_max = found[scale_field][0].value if scale_field in found else None
    cells = {f.name: found[f.name] for f in fields if f.name in found}
    if not cells:
        return
    if scale_max is None:
        scale_max = infer_scale_max([parse_mean_sd(v.raw).mean for v, _ in cells.values()])
        if scale_max == 100:
            column = next(iter(cells.values()))[1]
            warn(
                column,
                scale_field,
                "; ".join(v.raw for v, _ in cells.values()),
                "0-100 scale inferred from the printed scores; divided by 10",
            )
        row.put(scale_field, scale_max, "(inferred from the scores)")
    for name, (value, column) in cells.items():
        score = parse_pain_score(value.raw, scale_max)
        if score.warning:
            warn(column, name, value.raw, score.warning)
        row.put(name, score.mean, value.raw, score.unit)
        sd_name = codebook.sd_of(name)
        if sd_name:
            row.put(sd_name, score.sd, value.raw)


def _finish_responders(found: Found, codebook: Codebook, row: Row, warn: Warn) -> None:
    """An untimed percentage column: the definition says when ('"Full remission" at 3 mo')."""
    for field in (f for f in codebook.fields if f.parser == "responders_by_definition"):
        if field.name not in found:
            continue
        options = field.options
        definition = found.get(options.get("definition", ""), (Value(None, ""), ""))[0].raw
        value, column = found[field.name]
        pct = value.value  # read with its column's siblings by the parser
        later = parse_followup(definition).weeks
        target = options["late"] if later and later >= 1 else options["early"]
        if pct.warning:
            warn(column, target, value.raw, pct.warning)
        row.put(target, pct.value, value.raw)


FINISHERS = {"pain_score": _finish_pain, "responders_by_definition": _finish_responders}


# --- derived fields -----------------------------------------------------------------------


def _total_dose(field: Field, found: Found, row: Row) -> None:
    options = field.options
    dose_mg = found["_dose_mg"][0].value if "_dose_mg" in found else None
    total = total_dose_70kg(
        row.get(options.get("rate", "rate_max_mg_kg_h")),
        row.get(options.get("hours", "hours_per_session")),
        row.get(options.get("sessions", "sessions")),
        dose_mg,
    )
    if total.mg is not None:
        row.put(field.name, total.mg, total.formula)


def _flag(field: Field, found: Found, row: Row) -> None:
    source, op, threshold = field.rule_parts
    value = row.get(source)
    if value is not None:
        row.put(field.name, OPERATORS[op](value, threshold), row.get(f"{source}_raw"))


DERIVERS = {"total_dose_70kg": _total_dose, "rule": _flag}


# --- checks -------------------------------------------------------------------------------


def _column_of(found: Found, field: str) -> str:
    return found[field][1] if field in found else ""


def _check_consistent(row: Row, found: Found, warn: Warn) -> None:
    """Sample sizes that contradict each other (built-in fields)."""
    n, analysed = row.get("n_randomised"), row.get("n_analysed")
    if n is not None and analysed is not None and analysed > n:
        warn(
            _column_of(found, "n_analysed"),
            "n_analysed",
            str(row.get("n_analysed_raw")),
            "more analysed than randomised",
        )
    men = row.get("sex_male_n")
    if men is not None and n is not None and men > max(n, analysed or 0):
        warn(
            _column_of(found, "sex_male_n"),
            "sex_male_n",
            str(row.get("sex_male_n_raw")),
            f"{men} men in a sample of {n}",
        )
        row["sex_male_n"] = None


def _check_ranges(row: Row, found: Found, fields: list[Field], warn: Warn) -> None:
    """A value outside its field's plausible range is dropped with a warning; the raw text stays."""
    for field in fields:
        value = row.get(field.name)
        if field.range is None or value is None or isinstance(value, bool):
            continue
        low, high = field.range
        if (low is not None and value < low) or (high is not None and value > high):
            span = f"{'' if low is None else f'{low:g}'}-{'' if high is None else f'{high:g}'}"
            message = f"{value:g} outside the plausible range {span} of {field.meaning.lower()}"
            warn(_column_of(found, field.name), field.name, str(row.get(f"{field.name}_raw")), message)
            row[field.name] = None
