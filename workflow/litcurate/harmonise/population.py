"""Who was treated and how: condition, setting, ketamine form, route, co-medication."""

from __future__ import annotations

import re
from dataclasses import dataclass

from litcurate.harmonise.numbers import clean, is_missing

# Specific conditions, most specific first; a generic 'neuropathic' only when none matches.
_CONDITION_PATTERNS: tuple[tuple[str, str], ...] = (
    ("CRPS", r"\bc[rp][rps]s\b|complex regional|\brsd\b|reflex sympathetic|causalgia"),
    ("PHN", r"\bphn\b|post-?herpetic"),
    ("SCI", r"spinal cord injur|\bsci\b"),
    ("phantom limb", r"phantom|\bplp\b"),
    ("fibromyalgia", r"fibromyalg"),
    ("cancer", r"cancer|oncolog|malignan|tumou?r"),
    ("headache", r"headache|migraine|\bndph\b|cluster"),
    ("ischemic limb", r"isch(?:a)?emic"),
    ("sickle cell", r"sickle"),
)


@dataclass(frozen=True)
class Condition:
    raw: str
    condition: str | None
    warning: str | None = None


def parse_condition(text: object) -> Condition:
    """The condition a population cell names (CRPS, PHN, ...), with a warning when several fit."""
    raw = clean(text)
    if is_missing(raw):
        return Condition(raw, None)
    low = raw.lower()
    found = [name for name, pattern in _CONDITION_PATTERNS if re.search(pattern, low)]
    if len(found) == 1:
        return Condition(raw, found[0])
    if found:  # several
        label = "mixed neuropathic" if "neuropath" in low else "other"
        return Condition(raw, label, warning=f"several conditions ({', '.join(found)}); coded {label}")
    if "neuropath" in low:
        return Condition(raw, "mixed neuropathic")
    return Condition(raw, "other")


def parse_setting(text: object, abbreviations: bool = True) -> str | None:
    """'IP'/'Inpatient' -> inpatient, 'OP'/'Out patient' -> outpatient, ICU wins over inpatient.

    ``abbreviations`` allows the bare IP/OP codes; off for free text where they could
    mean something else.
    """
    raw = clean(text)
    if is_missing(raw):
        return None
    low = raw.lower()
    if re.search(r"\bicu\b|intensive care", low):
        return "ICU"
    if re.search(r"\bout[- ]?patients?\b", low) or (abbreviations and re.search(r"\bOP\b", raw)):
        return "outpatient"
    if re.search(r"\bin[- ]?patients?\b|hospitali[sz]ed|\bward\b", low) or (
        abbreviations and re.search(r"\bIP\b", raw)
    ):
        return "inpatient"
    return None


def parse_ketamine_form(text: object) -> str | None:
    """'S+ketamine', 'S(+)-ketamine', 'S (+) ketamine', 'esketamine' -> S(+); 'Racemic' -> racemic."""
    low = clean(text).lower()
    if not low:
        return None
    s_form = re.search(r"\bs\s*\(?\s*\+\s*\)?\s*-?\s*ketamine|\besketamine|\bs-ketamine", low)
    racemic = re.search(r"racem", low)
    if s_form and racemic:
        return "unknown"
    if s_form:
        return "S(+)"
    if racemic:
        return "racemic"
    return None


_ROUTE_WORDS = (
    ("IV", r"\biv\b|intravenous(?:ly)?"),
    ("SC", r"\bsc\b|subcutaneous(?:ly)?"),
    ("intranasal", r"intranasal|\bin\b(?= ketamine)"),
    ("oral", r"\boral(?:ly)?\b|\bpo\b"),
)


def parse_route(text: object) -> str | None:
    """Route printed next to ketamine ('IV ketamine', 'SC ketamine hydrochloride', 'intranasal ketamine')."""
    low = clean(text).lower()
    for route, pattern in _ROUTE_WORDS:
        # The route word must qualify ketamine: 'IV midazolam' in the same cell does not count.
        if re.search(
            rf"(?:{pattern})(?:\s+[\w-]+){{0,2}}\s+ketamine|ketamine(?:\s+[\w-]+){{0,2}}\s+(?:{pattern})", low
        ):
            return route
    return None


DRUGS: tuple[tuple[str, str], ...] = (
    ("alfentanil", r"alfentanil"),
    ("calcitonin", r"calcitonin"),
    ("clonidine", r"clonidine"),
    ("dexmedetomidine", r"dexmedetomidine"),
    ("diphenhydramine", r"diphenhydramine"),
    ("gabapentin", r"gabapentin"),
    ("ketamine", r"ketamine"),
    ("lidocaine", r"lidocaine"),
    ("lorazepam", r"lorazepam"),
    ("magnesium", r"magnesium|mgso"),
    ("midazolam", r"midazolam"),
    ("morphine", r"morphine|\bmso"),
    ("ondansetron", r"ondansetron"),
    ("opioids", r"opioids?\b"),
    ("pregabalin", r"pregabalin"),
    ("propofol", r"propofol"),
)


def drug_names(text: object) -> list[str]:
    """Known drug names mentioned in ``text``, in alphabetical order."""
    low = clean(text).lower()
    return [name for name, pattern in DRUGS if re.search(pattern, low)]


@dataclass(frozen=True)
class Comedication:
    raw: str
    value: str | None  # '; '-joined drug names, 'none' when the review says none


def parse_comedication(text: object) -> Comedication:
    """Co-medications named in a cell (midazolam, clonidine, ...)."""
    raw = clean(text)
    if is_missing(raw):
        return Comedication(raw, None)
    drugs = [d for d in drug_names(raw) if d != "ketamine"]
    if re.match(r"(none|no|nil)\b", raw.lower()) and not drugs:
        return Comedication(raw, "none")
    return Comedication(raw, "; ".join(drugs) if drugs else None)
