"""Infusion durations -> hours per session, number of sessions, treatment days; follow-up length.

'100 h continuously', '4 h for 10 nonconsecutive days', '5 d continuously', '17–21 min',
'4 h/d for 10 consecutive week days', 'Continuous for 4.2 d (100 h)', '80 mg over 5 h per
day × 1 wk', and a bare '4.7' under a header that says '(day)'. A bare number of days is
an infusion length only when the column is about the infusion; otherwise it is the length
of the treatment and says nothing about hours per session.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from litcurate.harmonise.numbers import NUM, clean, is_missing

_UNIT = r"(?P<u>min(?:utes?)?|h(?:rs?|ours?)?|d(?:ays?)?|wk|weeks?|mo(?:nths?)?|y(?:ears?|rs?)?)"
_TIME = re.compile(rf"(?<![A-Za-z0-9.])(?P<a>{NUM})(?:\s*(?:-|to)\s*(?P<b>{NUM}))?\s*-?\s*{_UNIT}(?![A-Za-z])", re.I)
HOURS_PER = {"min": 1 / 60, "h": 1.0, "d": 24.0, "wk": 168.0, "mo": 730.5, "y": 8766.0}
_WORD_COUNTS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "once": 1,
    "twice": 2,
    "thrice": 3,
}
_CONTINUOUS = re.compile(r"\bcontinu(?:ous|ously|ed)\b", re.I)
_REPEATED = re.compile(
    r"\bevery\b|\bdaily\b|(?<!kg )per day|(?<!kg)/\s*d\b|\btimes\b|\bsessions?\b|\bdays?\b|week ?days|\bwk\b|\binfusions\b",
    re.I,
)
_SESSIONS = [
    re.compile(
        rf"\bfor\s+(?P<n>{NUM})\s+(?:consecutive\s+|nonconsecutive\s+|non-consecutive\s+)?(?:week\s*)?d(?:ays?)?\b",
        re.I,
    ),
    re.compile(rf"\b(?P<n>{NUM})\s+(?:consecutive\s+|nonconsecutive\s+)?(?:week\s*days|weekdays)\b", re.I),
    re.compile(rf"\bfor\s+(?P<n>{NUM})\s+sessions?\b|\b(?P<n2>{NUM})\s+sessions?\b", re.I),
    re.compile(rf"\bup\s+to\s+(?P<n>{NUM})\s+times\b", re.I),
]
_DAILY_FOR_WEEKS = re.compile(rf"(?:per day|daily|/\s*d)\b.*?(?:×|x|for)\s*(?P<n>{NUM})\s*(?:wk|weeks?)\b", re.I)


def unit_key(unit: str) -> str:
    """The canonical name of a printed time unit (``hrs`` -> ``h``)."""
    u = unit.lower()
    for key in ("min", "mo", "wk", "we", "h", "d", "y"):
        if u.startswith(key):
            return "wk" if key == "we" else key
    raise ValueError(unit)


@dataclass(frozen=True)
class TimeSpan:
    low: float
    high: float
    unit: str  # min | h | d | wk | mo | y
    start: int
    end: int

    @property
    def hours_high(self) -> float:
        """The longer end of the span, in hours."""
        return self.high * HOURS_PER[self.unit]

    @property
    def hours_low(self) -> float:
        """The shorter end of the span, in hours."""
        return self.low * HOURS_PER[self.unit]


def time_spans(text: str) -> list[TimeSpan]:
    """Every '<number>[-<number>] <time unit>' in ``text``, in order."""
    out = []
    for m in _TIME.finditer(text):
        a = float(m.group("a"))
        b = float(m.group("b")) if m.group("b") else a
        out.append(TimeSpan(min(a, b), max(a, b), unit_key(m.group("u")), m.start(), m.end()))
    return out


@dataclass(frozen=True)
class Duration:
    raw: str
    hours_per_session: float | None = None  # upper end when a range is printed
    hours_min: float | None = None
    sessions: int | None = None
    treatment_days: float | None = None
    continuous: bool = False
    unit: str | None = None  # the unit the session length was printed in
    warning: str | None = None


def _session_count(text: str) -> int | None:
    m = _DAILY_FOR_WEEKS.search(text)
    if m:
        return int(round(float(m.group("n")) * 7))
    for pattern in _SESSIONS:
        m = pattern.search(text)
        if m:
            return int(float(m.group("n") or m.group("n2")))
    return None


def _is_interval(text: str, span: TimeSpan) -> bool:
    """'every 30.8 d', '48 h minimum interval', 'within 24 h' are gaps, not session lengths."""
    before = text[: span.start].lower()  # the word must end where the span starts
    after = text[span.end :].lower()  # ... or follow it
    return bool(
        re.search(r"(every|within|after|before|interval of)\s*$", before)
        or re.match(r"\s*(minimum\s+)?interval", after)
    )


def parse_duration(text: object, bare_unit: str | None = None, infusion_column: bool = False) -> Duration:
    """Session length, sessions and treatment days from a duration cell.

    ``bare_unit`` is the unit the header declares for bare numbers ('(day)' -> 'd');
    ``infusion_column`` says the column is about the infusion itself, so a bare number of
    days is one continuous infusion.
    """
    raw = clean(text)
    if is_missing(raw):
        return Duration(raw)
    work = raw
    if bare_unit and re.fullmatch(rf"{NUM}(?:\s*-\s*{NUM})?", raw):
        work = f"{raw} {bare_unit}"
    spans = [s for s in time_spans(work) if not _is_interval(work, s)]
    if not spans:
        return Duration(raw, warning="no duration found")
    sessions = _session_count(work)
    continuous = bool(_CONTINUOUS.search(work))
    short = [s for s in spans if s.unit in ("min", "h") and s.hours_high <= 24]
    # "48 h" is longer than any daily session: it is read like "2 d", one continuous
    # infusion in a column about the infusion, else the treatment's length.
    days = [s for s in spans if s.unit == "d" or (s.unit in ("min", "h") and s not in short)]
    long = [s for s in spans if s.unit in ("wk", "mo", "y")]

    if continuous:
        # 'Continuous for 4.2 d (100 h)': an hours figure beside the days is the exact length.
        hours = [s for s in spans if s.unit == "h"]
        pick = hours[-1] if hours and days else (days or hours or short)[0] if (days or hours or short) else None
        if pick is None:
            return Duration(raw, warning="continuous infusion without a length")
        return Duration(
            raw, round(pick.hours_high, 4), round(pick.hours_low, 4), 1, round(pick.hours_high / 24, 2), True, pick.unit
        )
    if short:
        first = short[0]
        repeated = bool(_REPEATED.search(work[first.end :]))
        if sessions is None and not repeated:
            sessions = 1
        hours_high = max(s.hours_high for s in short) if sessions is None else first.hours_high
        hours_low = min(s.hours_low for s in short) if sessions is None else first.hours_low
        # Days on which an infusion was given (one session a day at most).
        treatment_days = None
        if sessions:
            treatment_days = float(sessions)
        warning = None if sessions else "number of sessions not printed"
        return Duration(
            raw, round(hours_high, 4), round(hours_low, 4), sessions, treatment_days, False, first.unit, warning
        )
    if days:
        d = days[0]
        treatment_days = d.high if d.unit == "d" else round(d.hours_high / 24, 2)
        if infusion_column:
            return Duration(raw, round(d.hours_high, 4), round(d.hours_low, 4), 1, treatment_days, True, d.unit)
        return Duration(raw, None, None, sessions, treatment_days, False, d.unit)
    return Duration(  # only weeks, months or years are left
        raw,
        None,
        None,
        sessions,
        long[0].hours_high / 24,
        False,
        long[0].unit,
        warning="treatment length in weeks or months; hours per session not printed",
    )


@dataclass(frozen=True)
class FollowUp:
    raw: str
    weeks: float | None
    unit: str | None = None
    warning: str | None = None


def parse_followup(text: object) -> FollowUp:
    """The longest time point mentioned, in weeks: '9–12 wk' -> 12, '48 h' -> 0.29."""
    raw = clean(text)
    if is_missing(raw):
        return FollowUp(raw, None)
    spans = time_spans(raw)
    if not spans:
        return FollowUp(raw, None, warning="no follow-up time found")
    longest = max(spans, key=lambda s: s.hours_high)
    return FollowUp(raw, round(longest.hours_high / HOURS_PER["wk"], 2), longest.unit)
