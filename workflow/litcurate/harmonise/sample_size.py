"""Sample sizes as printed: '19(26)', '49 patients 369 infusions', '31 CRPS-1 RS and 2 CPRS-2'."""

from __future__ import annotations

import re
from dataclasses import dataclass

from litcurate.harmonise.numbers import FREE_NUM, clean, free_numbers, is_missing

_PEOPLE = r"(?:patients?|subjects?|participants?|persons?|people|children|adults|volunteers|pts)"
_ANALYSED_OF_RANDOMISED = re.compile(r"^\s*([0-9]+)\s*\(\s*([0-9]+)\s*\)\s*$")
_COUNT_OF_PEOPLE = re.compile(rf"({FREE_NUM})\s+(?:[a-z-]+\s+){{0,2}}?{_PEOPLE}\b", re.I)
_JOINED = re.compile(r"\band\b|\+|;", re.I)


@dataclass(frozen=True)
class SampleSize:
    raw: str
    randomised: int | None
    analysed: int | None = None
    warning: str | None = None


def parse_sample_size(text: object) -> SampleSize:
    """Number of participants; 'a(b)' means a analysed of b randomised.

    A single printed count is taken as the number randomised/enrolled; counts of
    other things ('369 infusions') are ignored; subgroup counts joined by 'and' are
    summed with a warning because the total is not printed.
    """
    raw = clean(text)
    if is_missing(raw):
        return SampleSize(raw, None)
    m = _ANALYSED_OF_RANDOMISED.match(raw)
    if m:
        first, second = int(m.group(1)), int(m.group(2))
        if second >= first:
            return SampleSize(raw, second, first)
        return SampleSize(raw, first, second, warning="bracketed count smaller than the first; read as analysed")
    people = _COUNT_OF_PEOPLE.search(raw)
    if people:
        return SampleSize(raw, int(float(people.group(1))))
    nums = free_numbers(raw)
    if not nums:
        return SampleSize(raw, None, warning="no participant count found")
    if len(nums) > 1 and _JOINED.search(raw):
        total = int(sum(nums))
        return SampleSize(raw, total, warning=f"subgroup counts summed to {total}; total not printed")
    if len(nums) > 1:
        return SampleSize(raw, int(nums[0]), warning="several numbers; first taken as the sample size")
    return SampleSize(raw, int(nums[0]))


def count_before_people(text: object) -> int | None:
    """The participant count in free text ('Observational study in 29 patients ...')."""
    m = _COUNT_OF_PEOPLE.search(clean(text))
    return int(float(m.group(1))) if m else None
