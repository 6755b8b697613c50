"""Cell parsers, selected by name from the codebook (a field's ``parser``; default by its type).

A parser reads one cell under a header routed to its field and returns ``{field: Value}``.
It may also find values of other fields in passing (a setting in a design cell, a drug
form in a dose cell); those are marked secondary and fill a field only when no column
dedicated to it gave a value, and only when the project's codebook has that field.

Generic parsers (one per field type) read text, integers, numbers with units, percentages,
mean±SD, ranges, counts of n and categories. Named parsers know a printed convention: study
design abbreviations, sample sizes such as '19(26)', follow-up lengths, and the demo topic's
ketamine forms, infusion doses and durations, pain scales and scores. Deferred parsers
(``pain_score``, ``responders_by_definition``) collect the cell and are finished once the
whole row is read (:mod:`litcurate.harmonise.finish`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Callable

from litcurate.harmonise import design as design_mod
from litcurate.harmonise import population as pop
from litcurate.harmonise import units
from litcurate.harmonise.dose import parse_dose
from litcurate.harmonise.duration import parse_duration, parse_followup
from litcurate.harmonise.headers import header_time_unit
from litcurate.harmonise.numbers import NUM, parse_mean_sd, parse_range
from litcurate.harmonise.pain import parse_pain_scale, parse_percent
from litcurate.harmonise.sample_size import count_before_people, parse_sample_size
from litcurate.names import label_surname, label_year

if TYPE_CHECKING:
    from litcurate.harmonise.codebook import Codebook, Field


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
    field: "Field"
    codebook: "Codebook"
    siblings: tuple[float, ...] = ()  # numeric values of the whole column (percentages)


Parser = Callable[[str, Context], dict[str, Value]]


def _secondary(values: dict[str, Value]) -> dict[str, Value]:
    return {k: Value(v.value, v.raw, v.unit, None, False) for k, v in values.items() if v.value is not None}


def _as_of(ctx: Context, name: str, text: str) -> dict[str, Value]:
    """Another field's value read by that field's own parser, when the project has the field."""
    other = ctx.codebook.by_name.get(name)
    if other is None:
        return {}
    return PARSERS[other.parser](text, replace(ctx, field=other))


# --- generic parsers, one per field type -------------------------------------------------


def text(text: str, ctx: Context) -> dict[str, Value]:
    """The cell as printed."""
    return {ctx.field.name: Value(text, text)}


def category(text: str, ctx: Context) -> dict[str, Value]:
    """The first allowed value whose pattern (default: the value's own words) the cell matches."""
    f = ctx.field
    for value in f.values:
        pattern = f.patterns.get(value) or rf"(?<!\w){re.escape(value)}(?!\w)"
        if re.search(pattern, text, re.IGNORECASE):
            return {f.name: Value(value, text)}
    return {f.name: Value(None, text, warning=f"not one of the allowed values ({', '.join(f.values)})")}


def integer(text: str, ctx: Context) -> dict[str, Value]:
    """The count a cell starts with: '12', '12 (40%)'."""
    m = re.match(r"^\s*([0-9]+)\b", text)
    return {ctx.field.name: Value(int(m.group(1)) if m else None, text, warning=None if m else "no count found")}


_UNIT_AFTER = re.compile(rf"^\s*(?P<n>-?{NUM})\s*(?P<unit>[A-Za-zµμ%/0-9]+)?")


def _convert(value: float, printed: str | None, ctx: Context) -> tuple[float | None, str | None, str | None]:
    """(value in the field's unit, the unit it was printed in, a warning)."""
    f = ctx.field
    declared = ctx.bare_unit or header_time_unit(ctx.header)
    unit = units.canonical(printed) if printed else None
    unit = unit or (units.canonical(declared) if declared else None)
    if not f.unit or unit is None or units.same(unit, f.unit):
        return value, unit, None
    if any(units.same(unit, source) for source in f.convert_from):
        return round(units.convert(value, unit, f.unit), 4), unit, None
    return None, unit, f"printed in {unit}, which the codebook does not convert into {f.unit}"


def number(text: str, ctx: Context) -> dict[str, Value]:
    """The number a cell starts with, converted from its printed unit (or the header's) into the field's."""
    m = _UNIT_AFTER.match(text)
    if not m:
        return {ctx.field.name: Value(None, text, warning="no number found")}
    value, unit, warning = _convert(float(m.group("n")), m.group("unit"), ctx)
    return {ctx.field.name: Value(value, text, unit, warning)}


_BARE_RANGE = re.compile(rf"^\s*{NUM}\s*(?:-|to)\s*{NUM}\s*$")


def mean(text: str, ctx: Context) -> dict[str, Value]:
    """The mean of a 'mean±SD' or 'mean (SD)' cell; a bare range '28-80' is no mean."""
    if _BARE_RANGE.match(text):
        return {ctx.field.name: Value(None, text, warning="a range, not a mean")}
    ms = parse_mean_sd(text)
    return {ctx.field.name: Value(ms.mean, text, warning=ms.warning)}


def mean_sd(text: str, ctx: Context) -> dict[str, Value]:
    """Mean and SD of a '40.5±13.8' or '7.7 (1.8)' cell, in the field's unit."""
    ms = parse_mean_sd(text)
    sd_name = ctx.codebook.sd_of(ctx.field.name)
    if ms.mean is None:
        return {ctx.field.name: Value(None, text, warning=ms.warning)}
    value, unit, warning = _convert(ms.mean, ms.unit, ctx)
    out = {ctx.field.name: Value(value, text, unit, warning)}
    if sd_name and ms.sd is not None and value is not None:
        sd, _, _ = _convert(ms.sd, ms.unit, ctx)
        out[sd_name] = Value(sd, text)
    return out


def percent(text: str, ctx: Context) -> dict[str, Value]:
    """A percentage; a fraction among percentages is read as one when unambiguous."""
    pct = parse_percent(text, list(ctx.siblings))
    return {ctx.field.name: Value(pct.value, text, warning=pct.warning)}


def range_(text: str, ctx: Context) -> dict[str, Value]:
    """Low and high ends of '3-7' / '3 to 7' (a single number is both ends)."""
    r = parse_range(text)
    name = ctx.field.name
    return {
        name: Value(r.high, text, warning=r.warning),
        f"{name}_low": Value(r.low, text),
        f"{name}_high": Value(r.high, text),
    }


_COUNT_OF_N = re.compile(r"^\s*([0-9]+)\s*(?:/|of|out of)\s*([0-9]+)\b", re.I)


def count_of_n(text: str, ctx: Context) -> dict[str, Value]:
    """'12/40' or '12 of 40' -> 12 and its denominator 40."""
    m = _COUNT_OF_N.match(text)
    name = ctx.field.name
    if not m:
        return {name: Value(None, text, warning="not a count of n ('12/40')")}
    count, of = int(m.group(1)), int(m.group(2))
    warning = f"count {count} above its denominator {of}" if count > of else None
    return {name: Value(None if warning else count, text, warning=warning), f"{name}_of": Value(of, text)}


def derived(text: str, ctx: Context) -> dict[str, Value]:
    """A derived field (a flag's rule, a total dose) is computed once the row is read, not from one cell."""
    return {}


# --- named parsers: generic study fields --------------------------------------------------


def author(text: str, ctx: Context) -> dict[str, Value]:
    """The first author's surname of a study label, and the year it prints."""
    name = label_surname(text)
    out = {ctx.field.name: Value(name or None, text, warning=None if name else "no author name")}
    year = label_year(text)
    if year and 1950 <= int(year) <= 2039:
        out["year"] = Value(int(year), text, primary=False)
    return out


def year(text: str, ctx: Context) -> dict[str, Value]:
    """A four-digit publication year within the field's range."""
    m = re.search(r"\b([0-9]{4})[a-z]?\b", text)  # "2010a" is 2010
    if not m:
        return {ctx.field.name: Value(None, text, warning="no year found")}
    value = int(m.group(1))
    low, high = ctx.field.range or (None, None)
    if (low is not None and value < low) or (high is not None and value > high):
        return {ctx.field.name: Value(None, text, warning=f"implausible year {value}")}
    return {ctx.field.name: Value(value, text)}


def study_design(text: str, ctx: Context) -> dict[str, Value]:
    """Design, blinding and comparator; a setting and a patient count ('in 29 patients with ...') in passing."""
    d = design_mod.parse_design(text)
    out = {
        ctx.field.name: Value(d.design, text, warning=d.warning),
        "blinding": Value(d.blinding, text),
        "comparator": Value(d.comparator, text),
    }
    extra = {"setting": Value(pop.parse_setting(text, abbreviations=False), text)}
    n = count_before_people(text)
    if n is not None:
        extra["n_randomised"] = Value(n, text)
        extra |= {k: v for k, v in _as_of(ctx, "condition", text).items() if k == "condition"}
    return out | _secondary(extra)


def setting(text: str, ctx: Context) -> dict[str, Value]:
    """Inpatient, outpatient or ICU ('IP', 'Out patient', 'intensive care')."""
    value = pop.parse_setting(text)
    return {ctx.field.name: Value(value, text, warning=None if value else "setting not recognised")}


def sample_size(text: str, ctx: Context) -> dict[str, Value]:
    """Patients randomised, and analysed when printed 'analysed(randomised)'."""
    s = parse_sample_size(text)
    return {ctx.field.name: Value(s.randomised, text, warning=s.warning), "n_analysed": Value(s.analysed, text)}


def n_analysed(text: str, ctx: Context) -> dict[str, Value]:
    """Patients analysed."""
    s = parse_sample_size(text)
    return {ctx.field.name: Value(s.analysed or s.randomised, text, warning=s.warning)}


def comparator(text: str, ctx: Context) -> dict[str, Value]:
    """'placebo', 'active: <drug>' or 'none'."""
    value = design_mod.parse_comparator(text)
    return {ctx.field.name: Value(value, text, warning=None if value else "comparator not recognised")}


def followup(text: str, ctx: Context) -> dict[str, Value]:
    """The longest time point a cell names, in weeks; bare numbers take the header's unit."""
    f = parse_followup(text)
    unit = header_time_unit(ctx.header)
    bare = re.match(rf"^\s*({NUM})\b", text)
    if f.weeks is None and unit and bare:
        f = parse_followup(f"{bare.group(1)} {unit}")
    return {ctx.field.name: Value(f.weeks, text, f.unit, f.warning)}


# --- named parsers: the demo topic (ketamine infusions for chronic pain) ------------------


def pain_condition(text: str, ctx: Context) -> dict[str, Value]:
    """The pain condition a population cell names; a patient count in passing."""
    c = pop.parse_condition(text)
    out = {ctx.field.name: Value(c.condition, text, warning=c.warning)}
    return out | _secondary({"n_randomised": Value(count_before_people(text), text)})


def ketamine_form(text: str, ctx: Context) -> dict[str, Value]:
    """Racemic or S(+); route, co-medication and infusion rates in passing."""
    out = {ctx.field.name: Value(pop.parse_ketamine_form(text), text)}
    dose = parse_dose(text)
    extra = {
        "route": Value(pop.parse_route(text), text),
        "comedication": Value(pop.parse_comedication(text).value, text),
        "rate_min_mg_kg_h": Value(dose.rate_min, text, dose.rate_unit),
        "rate_max_mg_kg_h": Value(dose.rate_max, text, dose.rate_unit),
    }
    return out | _secondary(extra)


def ketamine_route(text: str, ctx: Context) -> dict[str, Value]:
    """The route of ketamine (IV, SC, intranasal, oral)."""
    value = pop.parse_route(f"{text} ketamine")
    return {ctx.field.name: Value(value, text, warning=None if value else "route not recognised")}


def infusion_dose(text: str, ctx: Context) -> dict[str, Value]:
    """Lowest and highest infusion rate in mg/kg/h (70 kg) and a single dose in mg; form and route in passing."""
    d = parse_dose(text)
    low = ctx.field.options.get("low", "rate_min_mg_kg_h")
    out = {
        low: Value(d.rate_min, text, d.rate_unit, d.warning),
        ctx.field.name: Value(d.rate_max, text, d.rate_unit),
        "_dose_mg": Value(d.dose_max_mg, text),
    }
    extra = {"ketamine_form": Value(pop.parse_ketamine_form(text), text), "route": Value(pop.parse_route(text), text)}
    return out | _secondary(extra)


def infusion_duration(text: str, ctx: Context) -> dict[str, Value]:
    """Hours per session, sessions and treatment days; a setting in passing."""
    d = parse_duration(text, ctx.bare_unit, ctx.infusion_column)
    unit = d.unit if d.hours_per_session is not None else None
    out = {
        ctx.field.name: Value(d.hours_per_session, text, unit, d.warning),
        "sessions": Value(d.sessions, text),
        "treatment_days": Value(d.treatment_days, text),
    }
    return out | _secondary({"setting": Value(pop.parse_setting(text, abbreviations=False), text)})


def comedication(text: str, ctx: Context) -> dict[str, Value]:
    """Co-medications named in a cell ('; '-joined), 'none' when the review says none."""
    return {ctx.field.name: Value(pop.parse_comedication(text).value, text)}


def pain_scale(text: str, ctx: Context) -> dict[str, Value]:
    """Pain scale name and the top of its range (10 or 100)."""
    s = parse_pain_scale(text)
    top = ctx.field.options.get("max_field", "pain_scale_max")
    return {ctx.field.name: Value(s.scale, text, warning=s.warning), top: Value(s.scale_max, text)}


def collect(text: str, ctx: Context) -> dict[str, Value]:
    """Deferred: the cell is kept and read once the whole row is known."""
    return {ctx.field.name: Value(text, text)}


def responders_by_definition(text: str, ctx: Context) -> dict[str, Value]:
    """Deferred: a percentage whose time point the row's responder definition decides."""
    return {ctx.field.name: Value(parse_percent(text, list(ctx.siblings)), text)}


def responder_definition(text: str, ctx: Context) -> dict[str, Value]:
    """The definition as printed; a follow-up length in passing."""
    out = {ctx.field.name: Value(text, text)}
    f = parse_followup(text)
    return out | _secondary({"followup_weeks": Value(f.weeks, text, f.unit)})


PARSERS: dict[str, Parser] = {
    "text": text,
    "category": category,
    "integer": integer,
    "count": integer,
    "number": number,
    "mean": mean,
    "mean_sd": mean_sd,
    "percent": percent,
    "range": range_,
    "count_of_n": count_of_n,
    "rule": derived,
    "total_dose_70kg": derived,
    "author": author,
    "year": year,
    "study_design": study_design,
    "setting": setting,
    "sample_size": sample_size,
    "n_analysed": n_analysed,
    "comparator": comparator,
    "followup": followup,
    "pain_condition": pain_condition,
    "ketamine_form": ketamine_form,
    "ketamine_route": ketamine_route,
    "infusion_dose": infusion_dose,
    "infusion_duration": infusion_duration,
    "comedication": comedication,
    "pain_scale": pain_scale,
    "pain_score": collect,
    "responders_by_definition": responders_by_definition,
    "responder_definition": responder_definition,
}
