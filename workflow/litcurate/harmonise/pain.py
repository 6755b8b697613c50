"""Pain scores on a common 0-10 scale, pain scale names, and responder percentages."""

from __future__ import annotations

import re
from dataclasses import dataclass

from litcurate.harmonise.numbers import NUM, clean, is_missing, parse_mean_sd

SCALE_UNITS = {10: "0-10", 100: "0-100"}


@dataclass(frozen=True)
class PainScale:
    raw: str
    scale: str | None  # VAS, NRS, NPIS, MPQ, ...
    scale_max: int | None  # 10 or 100
    warning: str | None = None


_SCALE_NAMES = (
    ("VAS", r"\bvas\b|visual analog(?:ue)? scale"),
    ("NPIS", r"\bnpis\b|numeric pain intensity scale"),
    ("NRS", r"\bnrs\b|numeric(?:al)? rating scale|numeric pain rating"),
    ("MPQ", r"\bmpq\b|mcgill"),
    ("BPI", r"\bbpi\b|brief pain inventory"),
)


def parse_pain_scale(text: object) -> PainScale:
    """'Visual analog scale pain scores (0–10)' -> VAS, 10; 'NRS-11' -> NRS, 10; '100-mm' -> 100."""
    raw = clean(text)
    if is_missing(raw):
        return PainScale(raw, None, None)
    low = raw.lower()
    name = next((n for n, pattern in _SCALE_NAMES if re.search(pattern, low)), None)
    scale_max = None
    m = re.search(rf"\(?\b0\s*-\s*({NUM})\s*(mm|cm)?\)?", low)
    if m:
        scale_max = int(float(m.group(1)))
    elif re.search(r"100[- ]?mm", low):
        scale_max = 100
    elif re.search(r"10[- ]?cm|nrs-11|11-point", low):
        scale_max = 10
    if scale_max not in (None, 10, 100):
        return PainScale(raw, name, None, warning=f"unexpected scale range 0-{scale_max}")
    if name is None and scale_max is None:
        return PainScale(raw, None, None, warning="no pain scale named")
    return PainScale(raw, name, scale_max)


@dataclass(frozen=True)
class PainScore:
    raw: str
    mean: float | None  # on 0-10
    sd: float | None
    unit: str | None  # the scale the value was printed on: '0-10' or '0-100'
    warning: str | None = None


def infer_scale_max(values: list[float | None]) -> int:
    """0-100 when any printed score of a row exceeds 10, else 0-10."""
    return 100 if any(v is not None and v > 10 for v in values) else 10


def parse_pain_score(text: object, scale_max: int | None) -> PainScore:
    """'7.7±1.8' on 0-10 stays; '54.44±9.77' on 0-100 becomes 5.444±0.977, unit '0-100'.

    A value above its scale is flagged and dropped; the raw text is kept.
    """
    ms = parse_mean_sd(text)
    if ms.mean is None:
        return PainScore(ms.raw, None, None, None, ms.warning)
    scale = scale_max or infer_scale_max([ms.mean])
    if ms.mean < 0 or ms.mean > scale:
        return PainScore(
            ms.raw, None, None, SCALE_UNITS.get(scale), warning=f"pain score {ms.mean:g} outside its 0-{scale} scale"
        )
    factor = 10 / scale
    sd = None if ms.sd is None else round(ms.sd * factor, 4)
    return PainScore(ms.raw, round(ms.mean * factor, 4), sd, SCALE_UNITS.get(scale))


def vas_mm_to_0_10(value: float) -> float:
    """A 0-100 mm VAS score on the 0-10 scale."""
    return value / 10


@dataclass(frozen=True)
class Percent:
    raw: str
    value: float | None
    warning: str | None = None


def parse_percent(text: object, siblings: list[float] | None = None) -> Percent:
    """A responder percentage; words ('Effective') stay raw with a warning.

    A value in (0, 1) among siblings on 0-100 is probably a fraction: it is scaled to a
    percentage only when that is unambiguous (at least two siblings above 1 and no other
    sibling below 1), and always warned.
    """
    raw = clean(text)
    if is_missing(raw):
        return Percent(raw, None)
    m = re.fullmatch(rf"({NUM})\s*%?(?:\s*\(.*\))?", raw)
    if not m:
        return Percent(raw, None, warning="not a number; kept as raw text")
    value = float(m.group(1))
    if value > 100:
        return Percent(raw, None, warning=f"percentage {value:g} above 100")
    if 0 < value < 1:
        others = [s for s in (siblings or []) if s != value]
        large = [s for s in others if s > 1]
        small = [s for s in others if 0 < s < 1]
        if len(large) >= 2 and not small:
            return Percent(
                raw,
                round(value * 100, 4),
                warning=f"{value:g} looks like a fraction among percentages; read as {value * 100:g}%",
            )
        return Percent(raw, value, warning=f"{value:g} may be a fraction rather than a percentage")
    return Percent(raw, value)


def percent_siblings(cells: list[object]) -> list[float]:
    """The numeric values of a percentage column, for :func:`parse_percent`."""
    out = []
    for cell in cells:
        m = re.fullmatch(rf"({NUM})\s*%?", clean(cell))
        if m:
            out.append(float(m.group(1)))
    return out
