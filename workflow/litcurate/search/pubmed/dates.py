"""E-utilities date limits (YYYY, YYYY/MM or YYYY/MM/DD) and date-range halving."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

_LIMIT = re.compile(r"^(\d{4})(?:/(\d{1,2})(?:/(\d{1,2}))?)?$")

# Range searched when a query without date limits must be split: wide enough to hold
# every PubMed publication date, including print dates announced for coming years.
SPLIT_FLOOR = date(1700, 1, 1)
SPLIT_CEILING = date(2100, 12, 31)


def parse_limit(text: str, *, end: bool = False) -> date:
    """Read a date limit; a partial date means its first day, or its last when ``end``."""
    match = _LIMIT.match(text.strip())
    if not match:
        raise ValueError(f"date {text!r} is not YYYY, YYYY/MM or YYYY/MM/DD")
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else (12 if end else 1)
    if match.group(3):
        day = int(match.group(3))
    else:
        day = calendar.monthrange(year, month)[1] if end else 1
    return date(year, month, day)


def format_limit(day: date) -> str:
    """A date as E-utilities takes it: ``YYYY/MM/DD``."""
    return f"{day.year:04d}/{day.month:02d}/{day.day:02d}"


def halve(start: date, stop: date) -> tuple[tuple[date, date], tuple[date, date]]:
    """Split an inclusive day range into two disjoint inclusive halves covering it."""
    if stop <= start:
        raise ValueError("a single day cannot be split")
    middle = start + timedelta(days=(stop - start).days // 2)
    return (start, middle), (middle + timedelta(days=1), stop)
