"""Printed table headers -> canonical study fields, by meaning (synonyms + fuzzy match).

A header may name two things ("Study Design and Setting", "First Author, Year",
"Ketamine Infusion Duration and Maximum Dose"): :func:`header_fields` returns every
field it names, :func:`map_headers` the first (primary) one.

Handler fields: a header that names a dose maps to ``rate_max_mg_kg_h`` and one that
names a duration to ``hours_per_session``; their parsers fill the sibling fields
(rate minimum, sessions, ...). ``responders_pct`` is the one non-canonical target: a
responder percentage whose time point is decided per row from the responder definition.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from litcurate.harmonise.numbers import clean

RESPONDERS_UNTIMED = "responders_pct"

SYNONYMS: dict[str, tuple[str, ...]] = {
    "first_author": (
        "study",
        "reference",
        "first author",
        "author",
        "authors",
        "trial",
        "citation",
        "study author",
        "study id",
        "source",
    ),
    "year": ("year", "publication year", "year of publication", "date"),
    "design": ("study design", "design", "type of study", "study type", "trial design"),
    "setting": ("setting", "study setting", "care setting", "inpatient outpatient"),
    "condition": (
        "clinical indication",
        "indication",
        "patient population",
        "population",
        "patients",
        "diagnosis",
        "condition",
        "pain condition",
        "disease",
    ),
    "n_randomised": (
        "n",
        "sample size",
        "study size",
        "number of patients",
        "no of patients",
        "participants",
        "no of participants",
        "number of participants",
        "subjects",
        "enrolled",
        "n randomised",
        "n randomized",
    ),
    "n_analysed": ("n analysed", "n analyzed", "analysed", "analyzed", "completers"),
    "sex_male_n": ("n man", "n men", "n male", "male", "males", "men", "sex", "sex m f", "gender"),
    "age_mean": ("age", "mean age", "age years", "age mean sd"),
    "ketamine_form": (
        "intervention",
        "drug",
        "ketamine form",
        "treatment group",
        "formulation",
        "ketamine type",
        "enantiomer",
        "study drug",
        "intervention group",
    ),
    "blinding": ("blinding", "masking", "blind"),
    "route": ("route", "route of administration", "administration route"),
    "rate_max_mg_kg_h": (
        "concentrations",
        "concentration",
        "dose range",
        "infusion rate",
        "dose",
        "doses",
        "ketamine dose",
        "maximum dose",
        "dosage",
        "rate",
        "dose rate",
        "ketamine infusion rate",
        "infusion dose",
    ),
    "hours_per_session": (
        "duration of infusion",
        "duration of interventions",
        "duration of intervention",
        "treatment duration",
        "infusion duration",
        "ketamine infusion duration",
        "duration of treatment",
        "duration",
    ),
    "comedication": (
        "combination therapy",
        "medications to control side effects",
        "adjuvants",
        "adjuvant",
        "co medication",
        "comedication",
        "concomitant medication",
        "concomitant medications",
        "adjunct medications",
        "premedication",
    ),
    "comparator": ("control group", "comparator", "control", "placebo group", "comparison"),
    "pain_scale": (
        "outcomes assessed",
        "pain scale",
        "outcome measure",
        "outcome measures",
        "pain measure",
        "primary outcome",
    ),
    "baseline_pain_mean": (
        "baseline pain score",
        "baseline",
        "baseline pain",
        "pain at baseline",
        "baseline pain score mean sd",
    ),
    "end_pain_mean": (
        "treatment end pain score",
        "treatment end",
        "end of treatment pain",
        "post treatment pain",
        "pain after treatment",
        "end pain score",
    ),
    "responders_pct_immediate": (
        "immediate response",
        "immediate response relief",
        "immediate responders",
        "responders immediately",
    ),
    "responders_pct_followup": (
        "follow up effectiveness",
        "follow up response",
        "responders at follow up",
        "follow up responders",
    ),
    RESPONDERS_UNTIMED: (
        "percent responders",
        "responders",
        "responders percent",
        "response rate",
        "responder rate",
        "percentage of responders",
    ),
    "responder_definition": (
        "definition of responder",
        "responder definition",
        "response definition",
        "definition of response",
    ),
    "followup_weeks": (
        "follow up",
        "followup",
        "follow up duration",
        "pain assessment time points",
        "length of follow up",
        "time points",
    ),
    "adverse_effects": (
        "side effect",
        "side effects",
        "adverse effects",
        "adverse events",
        "adverse effect",
        "complications",
        "safety",
    ),
}

# Phrases that name several fields at once.
COMPOSITES: dict[str, tuple[str, ...]] = {
    "ketamine regimen": ("rate_max_mg_kg_h", "hours_per_session"),
    "regimen": ("rate_max_mg_kg_h", "hours_per_session"),
    "treatments": ("ketamine_form", "rate_max_mg_kg_h", "hours_per_session"),
    "treatment": ("ketamine_form", "rate_max_mg_kg_h", "hours_per_session"),
    "infusion protocol": ("rate_max_mg_kg_h", "hours_per_session"),
}

FUZZY_CUTOFF = 88
_UNIT_HINT = re.compile(r"(?:\(\s*(day|days|d|h|hr|hours?|min|wk|weeks?)\s*\)|,\s*(d|h|hr|min|wk)\s*$)", re.I)
_LOOKUP: dict[str, tuple[str, ...]] = {
    **{syn: (field,) for field, syns in SYNONYMS.items() for syn in syns},
    **COMPOSITES,
}


def normalise_header(header: str) -> str:
    """Lower-case words only: footnote marks, units in brackets and punctuation dropped."""
    s = clean(header).lower()
    s = re.sub(r"[\u00b9\u00b2\u00b3\u2070-\u209f]+", " ", s)  # superscript/subscript marks
    s = _UNIT_HINT.sub(" ", s)
    s = s.replace("%", " ")
    s = re.sub(r"[^a-z0-9,]+", " ", s)
    return re.sub(r"\s+", " ", s).strip(" ,")


def header_unit(header: str) -> str | None:
    """The time unit a header declares for its bare numbers: '(day)' or ', d' -> 'd'."""
    m = _UNIT_HINT.search(clean(header))
    if not m:
        return None
    unit = (m.group(1) or m.group(2)).lower()
    return {"day": "d", "days": "d", "hr": "h", "hour": "h", "hours": "h", "week": "wk", "weeks": "wk"}.get(unit, unit)


def _lookup(phrase: str) -> tuple[str, ...]:
    phrase = phrase.strip(" ,")
    if not phrase:
        return ()
    if phrase in _LOOKUP:
        return _LOOKUP[phrase]
    without_brackets = re.sub(r"\s+", " ", phrase)
    hit = process.extractOne(without_brackets, list(_LOOKUP), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    return _LOOKUP[hit[0]] if hit else ()


def _strip_brackets(header: str) -> str:
    return re.sub(r"\([^)]*\)", " ", clean(header))


def header_fields(header: str) -> list[str]:
    """Every canonical field a printed header names, primary first; [] when none."""
    candidates = [normalise_header(header), normalise_header(_strip_brackets(header))]
    for phrase in candidates:
        fields = _lookup(phrase.replace(",", " ").strip())
        if fields:
            return list(fields)
    # Composite header: look each part up on its own ("Study Design and Setting").
    for phrase in candidates:
        parts = [p for p in re.split(r",|\band\b|&|/", phrase) if p.strip()]
        if len(parts) < 2:
            continue
        found: list[str] = []
        for part in parts:
            for field in _lookup(part):
                if field not in found:
                    found.append(field)
        if found:
            return found
    return []


def map_headers(headers: list[str]) -> dict[str, str | None]:
    """Printed header -> its primary canonical field, or None when it names none."""
    mapping: dict[str, str | None] = {}
    for header in headers:
        fields = header_fields(header)
        mapping[header] = fields[0] if fields else None
    return mapping
