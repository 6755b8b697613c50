"""Study design, blinding and comparator in a small controlled vocabulary.

Review abbreviations are expanded: PRCT (prospective randomised controlled trial),
PRNCT (prospective randomised non-controlled trial), PONRT (prospective observational
non-randomised trial) and RS. maher2017's legend spells RS "repeated stimulation", but
every row it labels RS is a retrospective analysis, so RS is read as retrospective.
A double-blind or placebo-controlled trial is counted as an RCT.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from litcurate.harmonise.numbers import clean, is_missing

_ABBREVIATIONS = {
    "PRCT": "RCT",
    "PRNCT": "RCT",
    "RCT": "RCT",
    "PONRT": "prospective observational",
    "RS": "retrospective",
}
# A cell holding only a short code, as biomarker meta-analyses print them (Re/Pro).
_CELL_CODES = {"re": "retrospective", "retro": "retrospective", "pro": "prospective observational"}
_RANDOMISED = re.compile(r"randomi[sz]ed|placebo[- ]controlled|double[- ]blind|\bRCT\b", re.I)


@dataclass(frozen=True)
class Design:
    raw: str
    design: str | None
    blinding: str | None = None
    comparator: str | None = None
    warning: str | None = None


def _arms(text: str, base: str) -> str:
    if base != "RCT":
        return base
    low = text.lower()
    if re.search(r"cross-?over", low):
        return "RCT crossover"
    if "parallel" in low:
        return "RCT parallel"
    return "RCT"


def _design(text: str) -> str | None:
    code = _CELL_CODES.get(re.sub(r"\.+$", "", text.strip().lower()))
    if code:
        return code
    for token in re.findall(r"\b[A-Z]{2,5}\b", text):
        if token in _ABBREVIATIONS:
            return _arms(text, _ABBREVIATIONS[token])
    low = text.lower()
    if _RANDOMISED.search(text):
        return _arms(text, "RCT")
    if "retrospective" in low or "chart review" in low:
        return "retrospective"
    if re.search(r"open[- ]label|single[- ]arm|uncontrolled", low):
        return "open-label"
    if re.search(r"case[- ]control", low):
        return "case-control"
    if re.search(r"cross[- ]sectional", low):
        return "cross-sectional"
    if "case series" in low:
        return "case series"
    if "case report" in low:
        return "case report"
    if "observational" in low or "prospective" in low or "service evaluation" in low or "cohort" in low:
        return "prospective observational" if ("prospective" in low or "service evaluation" in low) else "observational"
    return None


def parse_blinding(text: object) -> str | None:
    """Blinding named in a design cell (double-blind, single-blind, ...), or None."""
    low = clean(text).lower()
    for word in ("triple", "double", "single"):
        if re.search(rf"{word}[- ]blind", low):
            return f"{word}-blind"
    if re.search(r"open[- ]label", low):
        return "open-label"
    return None


def parse_comparator(text: object) -> str | None:
    """'placebo', 'active: <drug>' or 'none' (single-arm); None when not stated."""
    low = clean(text).lower()
    if is_missing(low):
        return None
    if re.search(r"active (placebo|control)", low):
        return "active"
    if "placebo" in low or "saline" in low:
        return "placebo"
    if re.search(r"single[- ]arm|uncontrolled|noncontrolled|non-controlled", low):
        return "none"
    from litcurate.harmonise.population import drug_names  # local: population imports numbers only

    drugs = [d for d in drug_names(low) if d != "ketamine"]
    if drugs:
        return "active: " + drugs[0]
    return None


def parse_design(text: object) -> Design:
    """Study design, blinding and comparator from a design cell."""
    raw = clean(text)
    if is_missing(raw):
        return Design(raw, None)
    design = _design(raw)
    warning = None if design else "design not recognised"
    return Design(
        raw,
        design,
        parse_blinding(raw),
        parse_comparator(raw) if re.search(r"placebo|control|single[- ]arm|saline", raw.lower()) else None,
        warning,
    )
