"""Text clean-up and the small number shapes found in review tables: a, a±sd, a–b."""

from __future__ import annotations

import re
from dataclasses import dataclass

NUM = r"[0-9]+(?:\.[0-9]+)?"
# A number that is not the tail of a label such as "CRPS-1", "MgSO4" or "NRS-11".
FREE_NUM = r"(?<![A-Za-z0-9\-.])" + NUM

_DASHES = str.maketrans({"–": "-", "—": "-", "‑": "-", "−": "-", "‐": "-"})
_FOOTNOTE = re.compile(r"\s*\^\s*(?:\{[^}]*\}|[a-z0-9,]+)")
_LATEX = re.compile(r"\$([^$]*)\$")
MISSING = {"", "-", "--", "nr", "nd", "n/a", "na", "not reported", "not stated", "not described", "unknown", "?"}


def clean(text: object) -> str:
    """Normalise dashes, ± spellings, footnote markers and spaces; '' for empty cells."""
    if text is None or (isinstance(text, float) and text != text):
        return ""
    s = str(text).translate(_DASHES)
    s = _LATEX.sub(lambda m: m.group(1).replace("\\geq", "≥").replace("\\leq", "≤"), s)
    s = _FOOTNOTE.sub("", s)
    s = re.sub(r"(?<=[0-9])\s*\+/?-\s*(?=[0-9])", "±", s)
    return re.sub(r"\s+", " ", s).strip()  # \s includes the no-break space


def is_missing(text: object) -> bool:
    """True for the printed 'not reported' markers ('-', '—', 'NR', 'Not reported', ...)."""
    return re.sub(r"\.+$", "", clean(text).lower()) in MISSING


def free_numbers(text: str) -> list[float]:
    """Every stand-alone number in ``text`` (labels like CRPS-1 are skipped)."""
    return [float(m.group()) for m in re.finditer(FREE_NUM, clean(text))]


@dataclass(frozen=True)
class MeanSD:
    raw: str
    mean: float | None
    sd: float | None = None
    unit: str | None = None
    warning: str | None = None


_MEAN_SD = re.compile(
    rf"^(?P<mean>-?{NUM})\s*(?:±\s*(?P<sd>{NUM})|\(\s*(?P<sd2>{NUM})\s*\))?(?:\s*(?P<unit>[A-Za-z]+\b|%))?"
)


def parse_mean_sd(text: object) -> MeanSD:
    """'40.5±13.8' -> mean 40.5, sd 13.8; '7.7 (1.8)' likewise; '12' -> mean only."""
    raw = clean(text)
    if is_missing(raw):
        return MeanSD(raw, None)
    m = _MEAN_SD.match(raw)
    if not m:
        return MeanSD(raw, None, warning="not a number or mean±SD")
    sd = m.group("sd") or m.group("sd2")
    return MeanSD(raw, float(m.group("mean")), float(sd) if sd else None, m.group("unit"))


@dataclass(frozen=True)
class Range:
    raw: str
    low: float | None
    high: float | None
    warning: str | None = None


_RANGE = re.compile(rf"(?P<a>{NUM})\s*(?:-|to)\s*(?P<b>{NUM})")


def parse_range(text: object) -> Range:
    """'3-7' / '3–7' / '3 to 7' -> (3, 7); a single number -> (a, a); reversed ends are swapped."""
    raw = clean(text)
    m = _RANGE.search(raw)
    if m:
        a, b = float(m.group("a")), float(m.group("b"))
        if a > b:
            return Range(raw, b, a, warning=f"range printed high-to-low ({a:g}-{b:g}); ends swapped")
        return Range(raw, a, b)
    nums = free_numbers(raw)
    if not nums:
        return Range(raw, None, None, warning=None if is_missing(raw) else "no number found")
    return Range(raw, nums[0], nums[0])
