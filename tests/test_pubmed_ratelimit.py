"""Rate limiter on a fake clock, date halving and config checks."""

from __future__ import annotations

from datetime import date

import pytest

from litcurate.errors import ConfigError
from litcurate.search.pubmed.dates import format_limit, halve, parse_limit
from litcurate.search.pubmed.ratelimit import RateLimiter
from litcurate.search.pubmed.settings import load_settings


class FakeClock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert seconds > 0
        self.now += seconds


def starts(rate: int, n: int, work: float = 0.0) -> list[float]:
    clock = FakeClock()
    limiter = RateLimiter(rate, margin=0.0, clock=clock, sleep=clock.sleep)
    out = []
    for _ in range(n):
        out.append(limiter.acquire())
        clock.now += work
    return out


def most_in_window(times: list[float], window: float = 1.0) -> int:
    return max(sum(1 for u in times if t <= u < t + window) for t in times)


@pytest.mark.parametrize("rate", [3, 10])
def test_no_window_holds_more_than_the_rate(rate):
    times = starts(rate, 50)
    assert most_in_window(times) == rate
    assert times[-1] - times[0] == pytest.approx((50 - 1) // rate)


def test_slow_requests_are_not_delayed():
    times = starts(3, 6, work=0.5)
    assert [t - times[0] for t in times] == pytest.approx([0, 0.5, 1.0, 1.5, 2.0, 2.5])


def test_rate_must_be_whole_requests():
    with pytest.raises(ValueError):
        RateLimiter(2.5)


def test_halves_cover_the_range_without_overlap():
    (a, b), (c, d) = halve(date(2020, 1, 1), date(2020, 12, 31))
    assert (a, d) == (date(2020, 1, 1), date(2020, 12, 31))
    assert (c - b).days == 1
    with pytest.raises(ValueError):
        halve(date(2020, 1, 1), date(2020, 1, 1))


def test_partial_dates_expand_to_whole_periods():
    assert parse_limit("2020") == date(2020, 1, 1)
    assert parse_limit("2020", end=True) == date(2020, 12, 31)
    assert parse_limit("2024/02", end=True) == date(2024, 2, 29)
    assert format_limit(date(2009, 11, 5)) == "2009/11/05"
    with pytest.raises(ValueError):
        parse_limit("2020-01-01")


@pytest.mark.parametrize(
    "pubmed, message",
    [
        ({}, "pubmed.query"),
        ({"query": "x", "mindate": "2020/01/01"}, "together"),
        ({"query": "x", "mindate": "2021", "maxdate": "2020"}, "before"),
        ({"query": "x", "datetype": "xdat"}, "datetype"),
        ({"query": "x", "source": "snapshot"}, "snapshot_dir"),
        ({"query": "x", "batch_size": 20000}, "batch_size"),
        ({"query": "x", "api_key": "secret"}, "unknown pubmed config key"),
    ],
)
def test_config_errors_name_the_key(pubmed, message):
    with pytest.raises(ConfigError, match=message):
        load_settings({"pubmed": pubmed})


def test_config_defaults_and_yaml_integer_year():
    s = load_settings({"pubmed": {"query": "x", "mindate": 2020, "maxdate": 2021}})
    assert (s.datetype, s.batch_size, s.max_retries, s.tool, s.source) == ("pdat", 200, 5, "litcurate", "live")
    assert (s.mindate, s.maxdate) == ("2020", "2021")
    assert s.eutils_url == "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"
    assert s.rate() == 3


def test_one_request_per_window_is_a_valid_rate_and_zero_is_not():
    assert RateLimiter(1).slots == 1
    for bad in (0, -3, 2.5, "3"):
        with pytest.raises(ValueError, match="^rate must be a positive whole number of requests per window$"):
            RateLimiter(bad)


def test_the_margin_widens_the_window():
    clock = FakeClock()
    limiter = RateLimiter(2, window=1.0, margin=0.25, clock=clock, sleep=clock.sleep)
    times = [limiter.acquire() - 100.0 for _ in range(5)]
    assert times == pytest.approx([0.0, 0.0, 1.25, 1.25, 2.5])
