"""Harmonise one extracted review table: canonical fields, raw text beside each, warnings.

Each column is routed by its header (:mod:`litcurate.harmonise.headers`) to the parsers of
the fields it names. A parser may also find fields its column is not about (a setting in a
design cell, a drug form in a dose cell); those fill a field only when no column
dedicated to it gave a value.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Callable

import pandas as pd

from litcurate.harmonise import design as design_mod
from litcurate.harmonise import population as pop
from litcurate.harmonise.dose import parse_dose, total_dose_70kg
from litcurate.harmonise.duration import parse_duration, parse_followup
from litcurate.harmonise.headers import RESPONDERS_UNTIMED, header_fields, header_unit
from litcurate.harmonise.numbers import clean, is_missing, parse_mean_sd
from litcurate.harmonise.pain import (
    infer_scale_max,
    parse_pain_scale,
    parse_pain_score,
    parse_percent,
    percent_siblings,
)
from litcurate.harmonise.sample_size import count_before_people, parse_sample_size
from litcurate.names import label_surname
from litcurate.schemas.studies import FIELDS, OUTPUT_COLUMNS, UNIT_FIELDS

PROVENANCE = {
    "_page": "page",
    "_ref_no": "ref_no",
    "_ref_no_resolved": "ref_no_resolved",
    "_row": "row",
    "_label": "label",
}
PLAUSIBLE_AGE = (1, 100)


@dataclass(frozen=True)
class Value:
    value: object
    raw: str
    unit: str | None = None
    warning: str | None = None
    primary: bool = True  # False: found in a column about something else


@dataclass(frozen=True)
class Context:
    header: str
    bare_unit: str | None  # unit declared by the header for bare numbers
    infusion_column: bool  # the header is about the infusion itself


Handler = Callable[[str, Context], dict[str, Value]]


def _secondary(values: dict[str, Value]) -> dict[str, Value]:
    return {k: Value(v.value, v.raw, v.unit, None, False) for k, v in values.items() if v.value is not None}


def _author(text: str, ctx: Context) -> dict[str, Value]:
    name = label_surname(text)
    out = {"first_author": Value(name or None, text, warning=None if name else "no author name")}
    year = re.search(r"\b(19[5-9][0-9]|20[0-3][0-9])\b", text)
    if year:
        out["year"] = Value(int(year.group(1)), text, primary=False)
    return out


def _year(text: str, ctx: Context) -> dict[str, Value]:
    m = re.search(r"\b([0-9]{4})\b", text)
    if not m:
        return {"year": Value(None, text, warning="no year found")}
    year = int(m.group(1))
    if not 1950 <= year <= 2030:
        return {"year": Value(None, text, warning=f"implausible year {year}")}
    return {"year": Value(year, text)}


def _design(text: str, ctx: Context) -> dict[str, Value]:
    d = design_mod.parse_design(text)
    out = {
        "design": Value(d.design, text, warning=d.warning),
        "blinding": Value(d.blinding, text),
        "comparator": Value(d.comparator, text),
    }
    extra = {"setting": Value(pop.parse_setting(text, abbreviations=False), text)}
    n = count_before_people(text)
    if n is not None:  # 'Observational study in 29 patients with cluster headache'
        extra["n_randomised"] = Value(n, text)
        extra["condition"] = Value(pop.parse_condition(text).condition, text)
    return out | _secondary(extra)


def _setting(text: str, ctx: Context) -> dict[str, Value]:
    setting = pop.parse_setting(text)
    return {"setting": Value(setting, text, warning=None if setting else "setting not recognised")}


def _condition(text: str, ctx: Context) -> dict[str, Value]:
    c = pop.parse_condition(text)
    out = {"condition": Value(c.condition, text, warning=c.warning)}
    n = count_before_people(text)
    return out | _secondary({"n_randomised": Value(n, text)})


def _sample_size(text: str, ctx: Context) -> dict[str, Value]:
    s = parse_sample_size(text)
    return {"n_randomised": Value(s.randomised, text, warning=s.warning), "n_analysed": Value(s.analysed, text)}


def _n_analysed(text: str, ctx: Context) -> dict[str, Value]:
    s = parse_sample_size(text)
    return {"n_analysed": Value(s.analysed or s.randomised, text, warning=s.warning)}


def _count(field: str) -> Handler:
    def handler(text: str, ctx: Context) -> dict[str, Value]:
        m = re.match(r"^\s*([0-9]+)\b", text)
        return {field: Value(int(m.group(1)) if m else None, text, warning=None if m else "no count found")}

    return handler


def _age(text: str, ctx: Context) -> dict[str, Value]:
    ms = parse_mean_sd(text)
    return {"age_mean": Value(ms.mean, text, warning=ms.warning)}


def _form(text: str, ctx: Context) -> dict[str, Value]:
    out = {"ketamine_form": Value(pop.parse_ketamine_form(text), text)}
    dose = parse_dose(text)
    extra = {
        "route": Value(pop.parse_route(text), text),
        "comedication": Value(pop.parse_comedication(text).value, text),
        "rate_min_mg_kg_h": Value(dose.rate_min, text, dose.rate_unit),
        "rate_max_mg_kg_h": Value(dose.rate_max, text, dose.rate_unit),
    }
    return out | _secondary(extra)


def _route(text: str, ctx: Context) -> dict[str, Value]:
    route = pop.parse_route(f"{text} ketamine")
    return {"route": Value(route, text, warning=None if route else "route not recognised")}


def _dose(text: str, ctx: Context) -> dict[str, Value]:
    d = parse_dose(text)
    out = {
        "rate_min_mg_kg_h": Value(d.rate_min, text, d.rate_unit, d.warning),
        "rate_max_mg_kg_h": Value(d.rate_max, text, d.rate_unit),
        "_dose_mg": Value(d.dose_max_mg, text),
    }
    extra = {"ketamine_form": Value(pop.parse_ketamine_form(text), text), "route": Value(pop.parse_route(text), text)}
    return out | _secondary(extra)


def _duration(text: str, ctx: Context) -> dict[str, Value]:
    d = parse_duration(text, ctx.bare_unit, ctx.infusion_column)
    unit = d.unit if d.hours_per_session is not None else None
    out = {
        "hours_per_session": Value(d.hours_per_session, text, unit, d.warning),
        "sessions": Value(d.sessions, text),
        "treatment_days": Value(d.treatment_days, text),
    }
    return out | _secondary({"setting": Value(pop.parse_setting(text, abbreviations=False), text)})


def _comedication(text: str, ctx: Context) -> dict[str, Value]:
    c = pop.parse_comedication(text)
    return {"comedication": Value(c.value, text, warning=c.warning)}


def _comparator(text: str, ctx: Context) -> dict[str, Value]:
    comparator = design_mod.parse_comparator(text)
    return {"comparator": Value(comparator, text, warning=None if comparator else "comparator not recognised")}


def _pain_scale(text: str, ctx: Context) -> dict[str, Value]:
    s = parse_pain_scale(text)
    return {"pain_scale": Value(s.scale, text, warning=s.warning), "pain_scale_max": Value(s.scale_max, text)}


def _pain(field: str) -> Handler:
    # Scores are only collected here; the row's scale is known after all columns are read.
    def handler(text: str, ctx: Context) -> dict[str, Value]:
        return {field: Value(text, text)}

    return handler


def _percent(field: str) -> Handler:
    def handler(text: str, ctx: Context) -> dict[str, Value]:
        return {field: Value(text, text)}

    return handler


def _definition(text: str, ctx: Context) -> dict[str, Value]:
    out = {"responder_definition": Value(text, text)}
    f = parse_followup(text)
    return out | _secondary({"followup_weeks": Value(f.weeks, text, f.unit)})


def _followup(text: str, ctx: Context) -> dict[str, Value]:
    f = parse_followup(text)
    return {"followup_weeks": Value(f.weeks, text, f.unit, f.warning)}


def _text(field: str) -> Handler:
    def handler(text: str, ctx: Context) -> dict[str, Value]:
        return {field: Value(text, text)}

    return handler


HANDLERS: dict[str, Handler] = {
    "first_author": _author,
    "year": _year,
    "design": _design,
    "setting": _setting,
    "condition": _condition,
    "n_randomised": _sample_size,
    "n_analysed": _n_analysed,
    "sex_male_n": _count("sex_male_n"),
    "age_mean": _age,
    "ketamine_form": _form,
    "route": _route,
    "rate_max_mg_kg_h": _dose,
    "hours_per_session": _duration,
    "comedication": _comedication,
    "comparator": _comparator,
    "pain_scale": _pain_scale,
    "baseline_pain_mean": _pain("baseline_pain_mean"),
    "end_pain_mean": _pain("end_pain_mean"),
    "responders_pct_immediate": _percent("responders_pct_immediate"),
    "responders_pct_followup": _percent("responders_pct_followup"),
    RESPONDERS_UNTIMED: _percent(RESPONDERS_UNTIMED),
    "responder_definition": _definition,
    "followup_weeks": _followup,
    "adverse_effects": _text("adverse_effects"),
    "blinding": _text("blinding"),
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


def harmonise_table(
    frame: pd.DataFrame, review_id: str, table_id: str, default_route: str | None = None
) -> tuple[pd.DataFrame, list[dict]]:
    """One canonical row per table row, and warnings for what could not be read.

    ``default_route`` is the route to assume when no cell prints one (e.g. "IV" for a
    table whose caption says intravenous); its raw text says it was assumed.
    """
    data_columns = [c for c in frame.columns if c not in PROVENANCE]
    routes = {c: header_fields(c) for c in data_columns}
    warnings: list[dict] = []
    for column, fields in routes.items():
        if not fields:
            warnings.append(_warning(review_id, table_id, 0, column, None, column, "unmapped column kept raw"))
    siblings = {
        c: percent_siblings(frame[c].tolist())
        for c, fields in routes.items()
        if any(f.startswith("responders") for f in fields)
    }

    rows = []
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
                continue
            if is_missing(text):
                continue
            ctx = Context(column, header_unit(column), "infusion" in column.lower())
            for concept in routes[column]:
                for field, value in HANDLERS[concept](text, ctx).items():
                    if value.warning and value.primary:
                        warn(column, field, text, value.warning)
                    _merge(found, field, value, column)
        row = _finish_row(found, siblings, default_route, warn)
        row.update(source)
        row["review_id"], row["table_id"] = review_id, table_id
        if source["label"] and not row.get("first_author"):
            row["first_author"] = _author(source["label"], None)["first_author"].value
            row["first_author_raw"] = source["label"]
        row["unmapped_raw"] = json.dumps(unmapped, ensure_ascii=False, sort_keys=True) if unmapped else None
        rows.append(row)
    out = pd.DataFrame(rows, columns=OUTPUT_COLUMNS)
    return _typed(out), warnings


def _finish_row(
    found: dict[str, tuple[Value, str]],
    siblings: dict[str, list[float]],
    default_route: str | None,
    warn: Callable[[str, str | None, str, str], None],
) -> dict:
    row: dict[str, object] = {}

    def put(field: str, value: object, raw: str | None, unit: str | None = None) -> None:
        row[field], row[f"{field}_raw"] = value, raw
        if field in UNIT_FIELDS:
            row[f"{field}_unit"] = unit

    for field, (value, _) in found.items():
        if field in FIELDS:
            put(field, value.value, value.raw, value.unit)

    _finish_pain(found, put, warn)
    _finish_responders(found, siblings, put, warn)

    if row.get("ketamine_form") is None:
        put("ketamine_form", "unknown", row.get("ketamine_form_raw"))
    if row.get("route") is None and default_route:
        put("route", default_route, "(assumed for this table)")
    sessions = row.get("sessions")
    dose_mg = found["_dose_mg"][0].value if "_dose_mg" in found else None
    total = total_dose_70kg(row.get("rate_max_mg_kg_h"), row.get("hours_per_session"), sessions, dose_mg)
    if total.mg is not None:
        put("total_dose_mg_70kg", total.mg, total.formula)
        put("high_dose", total.high_dose, total.formula)
    _check_plausible(row, found, warn)
    return row


def _finish_pain(found, put, warn) -> None:
    scale_max = found["pain_scale_max"][0].value if "pain_scale_max" in found else None
    cells = {f: found[f] for f in ("baseline_pain_mean", "end_pain_mean") if f in found}
    if not cells:
        return
    if scale_max is None:
        scale_max = infer_scale_max([parse_mean_sd(v.raw).mean for v, _ in cells.values()])
        if scale_max == 100:
            column = next(iter(cells.values()))[1]
            warn(
                column,
                "pain_scale_max",
                "; ".join(v.raw for v, _ in cells.values()),
                "0-100 scale inferred from the printed scores; divided by 10",
            )
        put("pain_scale_max", scale_max, "(inferred from the scores)")
    for field, (value, column) in cells.items():
        score = parse_pain_score(value.raw, scale_max)
        if score.warning:
            warn(column, field, value.raw, score.warning)
        put(field, score.mean, value.raw, score.unit)
        sd_field = field.replace("_mean", "_sd")
        put(sd_field, score.sd, value.raw)


def _finish_responders(found, siblings, put, warn) -> None:
    definition = found.get("responder_definition", (Value(None, ""), ""))[0].raw
    for field in ("responders_pct_immediate", "responders_pct_followup", RESPONDERS_UNTIMED):
        if field not in found:
            continue
        value, column = found[field]
        pct = parse_percent(value.raw, siblings.get(column))
        target = field
        if field == RESPONDERS_UNTIMED:
            # Untimed column: the definition says when ('"Full remission" at 3 mo').
            later = parse_followup(definition).weeks
            target = "responders_pct_followup" if later and later >= 1 else "responders_pct_immediate"
        if pct.warning:
            warn(column, target, value.raw, pct.warning)
        put(target, pct.value, value.raw)


def _check_plausible(row: dict, found, warn) -> None:
    def column_of(field: str) -> str:
        return found[field][1] if field in found else ""

    n = row.get("n_randomised")
    analysed = row.get("n_analysed")
    if n is not None and analysed is not None and analysed > n:
        warn(column_of("n_analysed"), "n_analysed", str(row.get("n_analysed_raw")), "more analysed than randomised")
    men = row.get("sex_male_n")
    if men is not None and n is not None and men > max(n, analysed or 0):
        warn(column_of("sex_male_n"), "sex_male_n", str(row.get("sex_male_n_raw")), f"{men} men in a sample of {n}")
        row["sex_male_n"] = None
    age = row.get("age_mean")
    if age is not None and not PLAUSIBLE_AGE[0] <= age <= PLAUSIBLE_AGE[1]:
        warn(column_of("age_mean"), "age_mean", str(row.get("age_mean_raw")), f"implausible mean age {age:g}")
        row["age_mean"] = None
    for field in ("n_randomised", "n_analysed"):
        if row.get(field) is not None and row[field] < 1:
            warn(column_of(field), field, str(row.get(f"{field}_raw")), "sample size below 1")
            row[field] = None


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Nullable dtypes so integers stay integers in the CSV."""
    for name, dtype in FIELDS.items():
        if dtype == "str":
            frame[name] = frame[name].astype("object")
        elif dtype == "boolean":
            frame[name] = frame[name].astype("boolean")
        else:
            frame[name] = pd.to_numeric(frame[name], errors="coerce").astype(dtype)
    frame["row"] = frame["row"].astype("Int64")
    frame["page"] = pd.to_numeric(frame["page"], errors="coerce").astype("Int64")
    return frame
