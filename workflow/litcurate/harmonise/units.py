"""The units a codebook may name, each with its dimension and its size in that dimension's base.

A field's ``unit`` and the printed units it converts from (``convert_from``) must be known
here and share a dimension; anything else is a codebook error at start-up.
"""

from __future__ import annotations

# unit -> (dimension, size in the dimension's base unit)
UNITS: dict[str, tuple[str, float]] = {
    # time, base hour
    "min": ("time", 1 / 60),
    "h": ("time", 1.0),
    "d": ("time", 24.0),
    "days": ("time", 24.0),
    "wk": ("time", 168.0),
    "weeks": ("time", 168.0),
    "mo": ("time", 730.5),
    "months": ("time", 730.5),
    "y": ("time", 8766.0),
    "years": ("time", 8766.0),
    # mass, base mg
    "ng": ("mass", 1e-6),
    "µg": ("mass", 0.001),
    "mg": ("mass", 1.0),
    "g": ("mass", 1000.0),
    "kg": ("mass", 1e6),
    # infusion rate per body weight, base mg/kg/h
    "mg/kg/h": ("rate", 1.0),
    "µg/kg/min": ("rate", 0.06),
    "mg/kg/min": ("rate", 60.0),
    # proportions, base percent
    "%": ("proportion", 1.0),
    "fraction": ("proportion", 100.0),
    # counts
    "patients": ("count", 1.0),
    "participants": ("count", 1.0),
    "sessions": ("count", 1.0),
    "rows": ("count", 1.0),
    "points": ("count", 1.0),
    # scores on a fixed scale, base 0-10
    "0-10": ("score", 1.0),
    "0-100": ("score", 0.1),
    # calendar
    "year": ("calendar", 1.0),
    # lengths and body measures
    "mm": ("length", 0.1),
    "cm": ("length", 1.0),
    "kg/m2": ("bmi", 1.0),
    "mmHg": ("pressure", 1.0),
}

# Printed spellings of units -> the names above.
SPELLINGS: dict[str, str] = {
    "minute": "min",
    "minutes": "min",
    "mins": "min",
    "hr": "h",
    "hrs": "h",
    "hour": "h",
    "hours": "h",
    "day": "d",
    "week": "wk",
    "month": "mo",
    "year": "y",
    "yr": "y",
    "yrs": "y",
    "ug": "µg",
    "μg": "µg",
    "mcg": "µg",
}


def known(unit: str) -> bool:
    """True when ``unit`` is a unit a codebook may name."""
    return unit in UNITS


def dimension(unit: str) -> str:
    """The dimension of a known unit (time, mass, count, ...)."""
    return UNITS[unit][0]


def canonical(printed: str) -> str | None:
    """A printed unit spelling as a known unit name ('hrs' -> 'h', 'months' -> 'months'); None if unknown."""
    text = printed.strip()
    if text in UNITS:
        return text
    low = text.lower()
    if low in UNITS:
        return low
    return SPELLINGS.get(low)


def same(a: str, b: str) -> bool:
    """True when two known units are one unit spelt two ways ('wk' and 'weeks')."""
    return a == b or (known(a) and known(b) and UNITS[a] == UNITS[b])


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """``value`` in ``from_unit`` expressed in ``to_unit`` (both known, same dimension)."""
    if dimension(from_unit) != dimension(to_unit):
        raise ValueError(f"cannot convert {from_unit} to {to_unit}")
    return value * UNITS[from_unit][1] / UNITS[to_unit][1]
