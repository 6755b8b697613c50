"""Ketamine doses and infusion rates -> mg/kg/h for a 70-kg patient; total dose.

Reviews print rates per kg ('0.35mg/kg/hr', '0.08-0.26mg/hr/kg'), per patient
('23.4±9.6mg/hr', '22.2±2.0 mg/hr/70kg', normalised to 70 kg as the reviews do), per day
('50-500mg/d', '100 mg/24 h'), as a dose given over a time ('100 mg over 4 h'), as a
single dose ('0.4 mg/kg of ketamine'), or as a target concentration ('0.25-0.3mg/dl'),
which is not a rate and is never converted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from litcurate.harmonise.numbers import NUM, clean, is_missing

REFERENCE_WEIGHT_KG = 70.0
RATE_DECIMALS = 5
PLAUSIBLE_RATE = (0.01, 10.0)  # mg/kg/h; outside this a printed rate is probably a typo

OTHER_DRUGS = (
    "midazolam",
    "clonidine",
    "mgso",
    "magnesium",
    "morphine",
    "mso",
    "calcitonin",
    "alfentanil",
    "gabapentin",
    "opioid",
    "diphenhydramine",
    "saline",
    "lidocaine",
    "propofol",
    "dexmedetomidine",
    "lorazepam",
)

_MASS_TO_MG = {"ng": 1e-6, "µg": 0.001, "μg": 0.001, "ug": 0.001, "mcg": 0.001, "mg": 1.0, "g": 1000.0}
_PER = (
    r"(?:\s*(?:/|per)\s*(?:70\s*-?\s*kg|kg|24\s*-?\s*h(?:ours?)?|h(?:rs?|ours?)?|min(?:utes?)?|d(?:ays?)?|dl|ml|l)\b)"
)
_QTY = re.compile(
    rf"(?P<a>{NUM})(?:\s*±\s*(?P<sd>{NUM}))?(?:\s*(?:-|to)\s*(?P<b>{NUM}))?\s*"
    rf"(?P<mass>ng|µg|μg|ug|mcg|mg|g)\b(?P<per>{_PER}*)",
    re.I,
)
_UNIT_SPELLING = {
    "hr": "h",
    "hrs": "h",
    "hour": "h",
    "hours": "h",
    "day": "d",
    "days": "d",
    "minute": "min",
    "minutes": "min",
    "24hours": "24 h",
    "24hour": "24 h",
    "24h": "24 h",
}
_OVER = re.compile(
    rf"^\s*(?:ketamine\s+)?(?:over|for|in)\s+(?:the\s+first\s+)?(?P<t>{NUM})\s*-?\s*(?P<u>min(?:utes?)?|h(?:rs?|ours?)?)\b",
    re.I,
)
_SPLIT = re.compile(r";|\.\s|\bor\b|\bwith\b|\+|,", re.I)


@dataclass(frozen=True)
class Quantity:
    """One printed amount, converted: a rate in mg/kg/h (70 kg) or a dose in mg (70 kg)."""

    kind: str  # "rate" | "dose" | "concentration"
    low: float
    high: float
    unit: str  # the unit as printed, e.g. "mg/h", "µg/kg/h", "mg/kg"
    is_mean: bool = False
    is_bolus: bool = False
    over_hours: float | None = None  # set when printed as a dose given over a time


@dataclass(frozen=True)
class Dose:
    raw: str
    rate_min: float | None = None  # mg/kg/h
    rate_max: float | None = None
    rate_unit: str | None = None  # unit of the printed rate(s)
    dose_min_mg: float | None = None  # single (non-bolus) dose, mg for 70 kg
    dose_max_mg: float | None = None
    quantities: tuple[Quantity, ...] = field(default=())
    warning: str | None = None


def _per_parts(per: str) -> list[str]:
    return [
        re.sub(r"[\s-]", "", p) for p in re.findall(r"(?:/|per)\s*([^/]+?)(?=\s*(?:/|per\b)|$)", per.strip().lower())
    ]


def _hours(unit: str) -> float:
    unit = unit.lower()
    if unit.startswith("min"):
        return 1 / 60
    if unit.startswith("24") or unit.startswith("d"):
        return 24.0
    return 1.0


def _convert(m: re.Match, tail: str) -> Quantity:
    a = float(m.group("a"))
    b = float(m.group("b")) if m.group("b") else a
    low, high = min(a, b), max(a, b)
    factor = _MASS_TO_MG[m.group("mass").lower()]
    parts = _per_parts(m.group("per"))  # the group always takes part, '' when no 'per' is printed
    unit = m.group("mass").replace("μ", "µ") + "".join("/" + _UNIT_SPELLING.get(p, p) for p in parts)
    if any(p in ("dl", "ml", "l") for p in parts):
        return Quantity("concentration", low, high, unit)
    per_kg = "kg" in parts
    times = [p for p in parts if p not in ("kg", "70kg")]
    scale = factor if per_kg else factor / REFERENCE_WEIGHT_KG  # now mg/kg [per time]
    bolus = "bolus" in tail[:25].lower()
    if times:
        scale /= _hours(times[0])
        return Quantity("rate", low * scale, high * scale, unit, bool(m.group("sd")), bolus)
    over = _OVER.match(tail)
    if over and not bolus:
        over_hours = float(over.group("t")) * _hours(over.group("u"))
        scale /= over_hours
        over_unit = "min" if over.group("u").lower().startswith("min") else "h"
        return Quantity(
            "rate",
            low * scale,
            high * scale,
            f"{unit} over {over.group('t')} {over_unit}",
            bool(m.group("sd")),
            over_hours=over_hours,
        )
    return Quantity(
        "dose", low * scale * REFERENCE_WEIGHT_KG, high * scale * REFERENCE_WEIGHT_KG, unit, bool(m.group("sd")), bolus
    )


def _ketamine_clauses(text: str) -> list[str]:
    """Clauses of a dose cell that are about ketamine (drop 'or 30 mg/kg of MgSO4')."""
    clauses = [c for c in _SPLIT.split(text) if c.strip()]
    return [c for c in clauses if "ketamine" in c.lower() or not any(d in c.lower() for d in OTHER_DRUGS)]


def _quantities(text: str) -> list[Quantity]:
    out = []
    for clause in _ketamine_clauses(text):
        for m in _QTY.finditer(clause):
            q = _convert(m, clause[m.end() :])
            if re.search(r"bolus\s+of\s*$", clause[: m.start()].lower()):
                q = replace(q, is_bolus=True)
            out.append(q)
    return out


def parse_dose(text: object) -> Dose:
    """Rates (mg/kg/h, 70 kg) and single doses (mg, 70 kg) printed in one cell."""
    raw = clean(text)
    if is_missing(raw) or re.fullmatch(r"none\.*", raw.lower()):
        return Dose(raw)
    qs = _quantities(raw)
    explicit_rates = [q for q in qs if q.kind == "rate" and q.over_hours is None and not q.is_bolus]
    # A dose pushed in over minutes next to a printed hourly rate is a loading dose.
    rates = [
        q
        for q in qs
        if q.kind == "rate"
        and not q.is_bolus
        and not (explicit_rates and q.over_hours is not None and q.over_hours < 1)
    ]
    doses = [q for q in qs if q.kind == "dose" and not q.is_bolus]
    warnings = []
    if not qs:
        return Dose(raw, warning="no ketamine dose or rate found")
    if not rates and not doses:
        if any(q.kind == "concentration" for q in qs):
            return Dose(raw, quantities=tuple(qs), warning="a concentration, not a rate: not converted")
        return Dose(raw, quantities=tuple(qs), warning="only a bolus dose printed")
    rate_min = rate_max = rate_unit = dose_min = dose_max = None
    if rates:
        lo, hi = min(q.low for q in rates), max(q.high for q in rates)
        units = sorted({q.unit for q in rates})
        if any(_hours_unit(q.unit) == 24.0 for q in rates):
            warnings.append("daily amount converted assuming a continuous 24-h infusion")
        if hi > PLAUSIBLE_RATE[1] or lo < PLAUSIBLE_RATE[0]:
            warnings.append(f"implausible rate {lo:.4g}-{hi:.4g} mg/kg/h")
        rate_min, rate_max, rate_unit = round(lo, RATE_DECIMALS), round(hi, RATE_DECIMALS), "; ".join(units)
    if doses:
        dose_min, dose_max = round(min(q.low for q in doses), 3), round(max(q.high for q in doses), 3)
    return Dose(raw, rate_min, rate_max, rate_unit, dose_min, dose_max, tuple(qs), "; ".join(warnings) or None)


def _hours_unit(unit: str) -> float | None:
    # a rate printed per time has no ' over ...' part, and _hours reads '24 h' by its start
    times = [p for p in unit.split("/")[1:] if p not in ("kg", "70kg")]
    return _hours(times[0]) if times else None


def mg_per_h_to_mg_kg_h(mg_per_h: float, weight_kg: float = REFERENCE_WEIGHT_KG) -> float:
    """A rate in mg/h as mg/kg/h for a patient of ``weight_kg``."""
    return mg_per_h / weight_kg


def mg_kg_h_to_mg_per_h(mg_kg_h: float, weight_kg: float = REFERENCE_WEIGHT_KG) -> float:
    """A rate in mg/kg/h as mg/h for a patient of ``weight_kg``."""
    return mg_kg_h * weight_kg


@dataclass(frozen=True)
class TotalDose:
    mg: float | None
    formula: str  # how it was computed, kept as the raw text of a derived value


def total_dose_70kg(
    rate_mg_kg_h: float | None, hours: float | None, sessions: int | None, dose_mg: float | None = None
) -> TotalDose:
    """Cumulative dose for a 70-kg patient: rate x hours x sessions (else single dose x sessions).

    The maximum printed rate is used, so the total is an upper bound for titrated regimens.
    """
    if rate_mg_kg_h is not None and hours is not None and sessions is not None:
        mg = rate_mg_kg_h * REFERENCE_WEIGHT_KG * hours * sessions
        formula = f"{rate_mg_kg_h:.4g} mg/kg/h x 70 kg x {hours:g} h x {sessions} session(s)"
    elif dose_mg is not None and sessions is not None:
        mg = dose_mg * sessions
        formula = f"{dose_mg:.4g} mg x {sessions} session(s)"
    else:
        return TotalDose(None, "")
    return TotalDose(round(mg, 1), formula)
