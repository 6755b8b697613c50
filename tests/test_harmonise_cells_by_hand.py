"""Harmonise parsers against cell texts whose values were worked out by hand.

Each expected value is the arithmetic written beside it (70-kg reference patient, 24 h a
day, 168 h a week, 730.5 h a month, 8766 h a year), never a copy of the parser's output.
"""

import pytest

from litcurate.harmonise import units
from litcurate.harmonise.design import parse_blinding, parse_comparator, parse_design
from litcurate.harmonise.dose import (
    mg_kg_h_to_mg_per_h,
    mg_per_h_to_mg_kg_h,
    parse_dose,
    total_dose_70kg,
)
from litcurate.harmonise.duration import TimeSpan, parse_duration, parse_followup, time_spans, unit_key
from litcurate.harmonise.numbers import clean, free_numbers, is_missing, parse_mean_sd, parse_range
from litcurate.harmonise.pain import (
    infer_scale_max,
    parse_pain_scale,
    parse_pain_score,
    parse_percent,
    percent_siblings,
    vas_mm_to_0_10,
)
from litcurate.harmonise.population import (
    drug_names,
    parse_comedication,
    parse_condition,
    parse_ketamine_form,
    parse_route,
    parse_setting,
)
from litcurate.harmonise.sample_size import count_before_people, parse_sample_size

# --- numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell,cleaned",
    [
        (None, ""),
        (float("nan"), ""),
        (12.5, "12.5"),
        ("  a \t b  ", "a b"),
        ("3\u00a0mg", "3 mg"),
        ("1–2—3‑4−5‐6", "1-2-3-4-5-6"),
        ("$\\geq$ 5 d", "≥ 5 d"),
        ("$\\leq$3", "≤3"),
        ("12^{a,b} patients", "12 patients"),
        ("12 ^a,b", "12"),
        ("40.5 +/- 13.8", "40.5±13.8"),
        ("40.5+-13.8", "40.5±13.8"),
        ("a +- b", "a +- b"),  # only between numbers
    ],
)
def test_clean(cell, cleaned):
    assert clean(cell) == cleaned


@pytest.mark.parametrize(
    "cell,missing",
    [
        ("N/A", True),
        ("nr.", True),
        ("Not stated", True),
        ("not described", True),
        ("Unknown", True),
        ("?", True),
        ("ND", True),
        ("na", True),
        ("--", True),
        ("–", True),
        ("0", False),
        ("none", False),
        ("NRS", False),
    ],
)
def test_is_missing(cell, missing):
    assert is_missing(cell) is missing


def test_free_numbers_skip_label_tails():
    # CRPS-1 (after '-'), MgSO4 (after a letter) and NRS-11 are labels, not numbers.
    assert free_numbers("CRPS-1 in 12 patients, MgSO4 2.5 g, NRS-11") == [12.0, 2.5]
    assert free_numbers("none") == []


@pytest.mark.parametrize(
    "cell,mean,sd,unit,warning",
    [
        ("40.5 ± 13.8 years", 40.5, 13.8, "years", None),
        ("7.7 ( 1.8 )", 7.7, 1.8, None, None),
        ("7.7(1.8), n=3", 7.7, 1.8, None, None),  # the SD used to be lost after a bracket
        ("-3.2±1", -3.2, 1.0, None, None),
        ("12 mg", 12.0, None, "mg", None),
        ("12", 12.0, None, None, None),
        ("NR", None, None, None, None),
        ("about 12", None, None, None, "not a number or mean±SD"),
    ],
)
def test_mean_sd_shapes(cell, mean, sd, unit, warning):
    m = parse_mean_sd(cell)
    assert (m.raw, m.mean, m.sd, m.unit, m.warning) == (clean(cell), mean, sd, unit, warning)


@pytest.mark.parametrize(
    "cell,low,high,warning",
    [
        ("3 to 7", 3.0, 7.0, None),
        ("3 - 7 d", 3.0, 7.0, None),
        ("2.5-2.5", 2.5, 2.5, None),  # equal ends are not reversed
        ("7-3", 3.0, 7.0, "range printed high-to-low (7-3); ends swapped"),
        ("about 5 days", 5.0, 5.0, None),
        ("NR", None, None, None),
        ("unclear", None, None, "no number found"),
    ],
)
def test_range_shapes(cell, low, high, warning):
    r = parse_range(cell)
    assert (r.raw, r.low, r.high, r.warning) == (clean(cell), low, high, warning)


# --- units -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "printed,name",
    [
        ("h", "h"),
        (" hrs ", "h"),
        ("Hours", "h"),
        ("MG", "mg"),
        ("mmHg", "mmHg"),
        ("Months", "months"),
        ("mcg", "µg"),
        ("ug", "µg"),
        ("year", "year"),  # the calendar unit itself, not a spelling of 'y'
        ("yrs", "y"),
        ("furlong", None),
    ],
)
def test_canonical_unit_names(printed, name):
    assert units.canonical(printed) == name


def test_known_units_and_dimensions():
    assert units.known("mg") and not units.known("hrs")
    assert [units.dimension(u) for u in ("wk", "µg", "mg/kg/h", "%", "0-100", "kg/m2")] == [
        "time",
        "mass",
        "rate",
        "proportion",
        "score",
        "bmi",
    ]


@pytest.mark.parametrize(
    "a,b,same",
    [
        ("wk", "weeks", True),
        ("d", "days", True),
        ("h", "h", True),
        ("odd", "odd", True),
        ("odd", "h", False),
        ("h", "odd", False),
        ("d", "h", False),
        ("mg", "g", False),
        ("year", "y", False),  # calendar year and year of time differ in dimension
    ],
)
def test_same_unit(a, b, same):
    assert units.same(a, b) is same


@pytest.mark.parametrize(
    "value,source,target,expected",
    [
        (2, "wk", "d", 14.0),  # 2 x 168 / 24
        (90, "min", "h", 1.5),  # 90 / 60
        (3, "g", "mg", 3000.0),
        (50, "0-100", "0-10", 5.0),
        (0.5, "fraction", "%", 50.0),
        (100, "µg/kg/min", "mg/kg/h", 6.0),  # 100 x 0.001 x 60
        (6, "months", "years", 0.5),  # 6 x 730.5 / 8766
    ],
)
def test_convert(value, source, target, expected):
    assert units.convert(value, source, target) == pytest.approx(expected)


def test_convert_across_dimensions_is_an_error():
    with pytest.raises(ValueError, match="cannot convert mg to h"):
        units.convert(1, "mg", "h")


DAILY = "daily amount converted assuming a continuous 24-h infusion"

# --- doses -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell,rate_min,rate_max,rate_unit,dose_min,dose_max,warning",
    [
        # per kg per hour: as printed
        ("0.5 mg/kg/h x 100 h", 0.5, 0.5, "mg/kg/h", None, None, None),
        ("0.5 to 1 mg/kg/h", 0.5, 1.0, "mg/kg/h", None, None, None),
        ("1-0.5 mg/kg/h", 0.5, 1.0, "mg/kg/h", None, None, None),
        # per patient: / 70 kg; 35 / 70 = 0.5
        ("35 mg per hour", 0.5, 0.5, "mg/h", None, None, None),
        # per minute: x 60; 50 µg = 0.05 mg -> 3 mg/kg/h
        ("50 µg/kg/min", 3.0, 3.0, "µg/kg/min", None, None, None),
        ("5 mcg/kg/min", 0.3, 0.3, "mcg/kg/min", None, None, None),
        # 2 µg (Greek mu) = 0.002 mg/kg/h: below the plausible 0.01
        ("2 μg/kg/h", 0.002, 0.002, "µg/kg/h", None, None, "implausible rate 0.002-0.002 mg/kg/h"),
        ("2 mg/kg/min", 120.0, 120.0, "mg/kg/min", None, None, "implausible rate 120-120 mg/kg/h"),
        # 10 mg/kg/h is the plausible top itself
        ("10 mg/kg/h", 10.0, 10.0, "mg/kg/h", None, None, None),
        ("0.01 mg/kg/h", 0.01, 0.01, "mg/kg/h", None, None, None),
        # a day's amount over 24 h: 1000 / 70 / 24 = 0.595238
        ("1 g/d", 0.59524, 0.59524, "g/d", None, None, "daily amount converted assuming a continuous 24-h infusion"),
        # 100 / 70 / 24 = 0.0595238
        (
            "100 mg/24 h",
            0.05952,
            0.05952,
            "mg/24 h",
            None,
            None,
            "daily amount converted assuming a continuous 24-h infusion",
        ),
        # a dose over a time: 100 / 70 / 4 = 0.357143
        ("100 mg over 4 h", 0.35714, 0.35714, "mg over 4 h", None, None, None),
        # 30 / 70 / 1.5 = 0.285714
        ("30 mg ketamine over 90 min", 0.28571, 0.28571, "mg over 90 min", None, None, None),
        # 10 mg/kg over the first 2 hours = 5 mg/kg/h
        ("10 mg/kg in the first 2 hours", 5.0, 5.0, "mg/kg over 2 h", None, None, None),
        # single doses for 70 kg: 0.4 x 70 = 28
        ("0.4 mg/kg of ketamine", None, None, None, 28.0, 28.0, None),
        ("0.1-0.2 mg/kg", None, None, None, 7.0, 14.0, None),
        # the midazolam clause is not about ketamine: 0.1 x 70 = 7
        ("0.1 mg/kg ketamine with 2 mg midazolam", None, None, None, 7.0, 7.0, None),
        # a rate and a single dose in one cell
        ("0.3 mg/kg/h; 50 mg", 0.3, 0.3, "mg/kg/h", 50.0, 50.0, None),
        ("0.5 mg/kg bolus", None, None, None, None, None, "only a bolus dose printed"),
        ("Bolus of 0.5 mg/kg", None, None, None, None, None, "only a bolus dose printed"),
        ("0.25-0.3mg/dl", None, None, None, None, None, "a concentration, not a rate: not converted"),
        ("ketamine as tolerated", None, None, None, None, None, "no ketamine dose or rate found"),
        ("None.", None, None, None, None, None, None),
        ("none", None, None, None, None, None, None),
        ("35 mg PER hour", 0.5, 0.5, "mg/h", None, None, None),
        ("5 mg/L", None, None, None, None, None, "a concentration, not a rate: not converted"),
        # per 70 kg and no time: a dose of 20 mg
        ("20 mg/70 kg", None, None, None, 20.0, 20.0, None),
        # 5 / 24 = 0.208333
        ("5 mg/kg/d", 0.20833, 0.20833, "mg/kg/d", None, None, DAILY),
        # 100 / 70 / 24 = 0.0595238
        ("100 mg/70 kg/d", 0.05952, 0.05952, "mg/70kg/d", None, None, DAILY),
        # 500 / 24 = 20.8333: a daily amount and implausible
        ("500 mg/kg/d", 20.83333, 20.83333, "mg/kg/d", None, None, DAILY + "; implausible rate 20.83-20.83 mg/kg/h"),
        ("0.5 mg/kg Bolus", None, None, None, None, None, "only a bolus dose printed"),
        ("1 mg/kg/h bolus", None, None, None, None, None, "only a bolus dose printed"),
        # a bolus named within 25 characters after the amount is that amount's; further on it is not
        ("0.5 mg/kg given as a slow iv bolus", None, None, None, None, None, "only a bolus dose printed"),
        ("0.5 mg/kg given as a quick iv bolus", None, None, None, 35.0, 35.0, None),
        # a clause naming ketamine is kept even when it names another drug
        ("Ketamine 0.5 mg/kg/h and midazolam", 0.5, 0.5, "mg/kg/h", None, None, None),
        # 10 / 70 = 0.142857
        ("10 mg/h and 0.5 mg/kg/h", 0.14286, 0.5, "mg/h; mg/kg/h", None, None, None),
        # 0.123456 x 70 = 8.64192, kept to 3 decimals
        ("0.123456 mg/kg", None, None, None, 8.642, 8.642, None),
        ("NR", None, None, None, None, None, None),
    ],
)
def test_dose_cells(cell, rate_min, rate_max, rate_unit, dose_min, dose_max, warning):
    d = parse_dose(cell)
    assert d.raw == clean(cell)
    assert (d.rate_min, d.rate_max, d.rate_unit) == (rate_min, rate_max, rate_unit)
    assert (d.dose_min_mg, d.dose_max_mg, d.warning) == (dose_min, dose_max, warning)


def test_loading_push_is_left_out_only_when_shorter_than_an_hour():
    # 0.5 mg/kg over 10 min (3 mg/kg/h) is a loading dose beside the printed 0.3 mg/kg/h ...
    assert (
        parse_dose("0.5 mg/kg over 10 min then 0.3 mg/kg/h").rate_min,
        parse_dose("0.5 mg/kg over 10 min then 0.3 mg/kg/h").rate_max,
    ) == (0.3, 0.3)
    # ... but a dose over a whole hour (0.5 mg/kg/h) is one of the rates.
    d = parse_dose("0.5 mg/kg over 1 h then 0.3 mg/kg/h")
    assert (d.rate_min, d.rate_max) == (0.3, 0.5)


def test_dose_quantities_record_how_each_amount_was_printed():
    (q,) = parse_dose("23.4±9.6mg/hr").quantities
    assert (q.kind, q.unit, q.is_mean, q.is_bolus, q.over_hours) == ("rate", "mg/h", True, False, None)
    assert q.low == pytest.approx(23.4 / 70) and q.high == pytest.approx(23.4 / 70)
    (q,) = parse_dose("100 mg over 4 h").quantities
    assert (q.kind, q.is_mean, q.over_hours) == ("rate", False, 4.0)
    (q,) = parse_dose("0.5 mg/kg over 30 min").quantities
    assert (q.kind, q.over_hours, q.low) == ("rate", 0.5, 1.0)  # 0.5 mg/kg in half an hour
    bolus, rate = parse_dose("Bolus of 0.5 mg/kg, then 0.2 mg/kg/h").quantities
    assert (bolus.kind, bolus.is_bolus, bolus.low) == ("dose", True, 35.0)
    assert (rate.kind, rate.is_bolus, rate.low) == ("rate", False, 0.2)
    (q,) = parse_dose("100±10 mg over 4 h").quantities
    assert (q.kind, q.is_mean, q.over_hours, q.low) == ("rate", True, 4.0, pytest.approx(100 / 70 / 4))
    (q,) = parse_dose("0.4±0.1 mg/kg").quantities
    assert (q.kind, q.unit, q.is_mean, q.is_bolus, q.low, q.high) == ("dose", "mg/kg", True, False, 28.0, 28.0)
    (q,) = parse_dose("0.5 mg/kg bolus").quantities
    assert (q.kind, q.is_bolus, q.low) == ("dose", True, 35.0)
    # 0.5 mg/kg over 10 min is 3 mg/kg/h, and a bolus
    (q,) = parse_dose("Bolus of 0.5±0.1 mg/kg over 10 min").quantities
    assert (q.kind, q.low, q.high, q.unit, q.is_mean, q.is_bolus) == ("rate", 3.0, 3.0, "mg/kg over 10 min", True, True)
    assert q.over_hours == pytest.approx(1 / 6)
    (q,) = parse_dose("0.25-0.3mg/dl").quantities
    assert (q.kind, q.low, q.high, q.unit) == ("concentration", 0.25, 0.3, "mg/dl")


@pytest.mark.parametrize(
    "cell,unit",
    [
        ("1 mg/kg/hr", "mg/kg/h"),
        ("1 mg/kg/hours", "mg/kg/h"),
        ("1 mg/kg/minutes", "mg/kg/min"),
        ("1 mg/day", "mg/d"),
        ("1 mg/24hours", "mg/24 h"),
        ("1 mg/24-hour", "mg/24 h"),
    ],
)
def test_dose_unit_spellings(cell, unit):
    assert parse_dose(cell).rate_unit == unit


def test_dose_conversions_for_a_patient_weight():
    assert mg_per_h_to_mg_kg_h(35) == 0.5  # 35 / 70
    assert mg_per_h_to_mg_kg_h(35, 50) == 0.7
    assert mg_kg_h_to_mg_per_h(0.5) == 35.0
    assert mg_kg_h_to_mg_per_h(0.5, 80) == 40.0


@pytest.mark.parametrize(
    "rate,hours,sessions,dose,mg,formula",
    [
        # 0.5 mg/kg/h x 100 h for 70 kg = 0.5 x 70 x 100 = 3500 mg
        (0.5, 100, 1, None, 3500.0, "0.5 mg/kg/h x 70 kg x 100 h x 1 session(s)"),
        (0.35, 4, 10, 99.0, 980.0, "0.35 mg/kg/h x 70 kg x 4 h x 10 session(s)"),  # the rate wins
        # 0.123456 x 70 = 8.64192 -> 8.6
        (0.123456, 1, 1, None, 8.6, "0.1235 mg/kg/h x 70 kg x 1 h x 1 session(s)"),
        (None, 4, 2, 28.0, 56.0, "28 mg x 2 session(s)"),
        (0.5, None, 3, 28.0, 84.0, "28 mg x 3 session(s)"),
        (0.5, 4, None, 28.0, None, ""),
        (None, None, 2, None, None, ""),
    ],
)
def test_total_dose_cases(rate, hours, sessions, dose, mg, formula):
    t = total_dose_70kg(rate, hours, sessions, dose)
    assert (t.mg, t.formula) == (mg, formula)


LONG = "treatment length in weeks or months; hours per session not printed"

# --- durations -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "printed,key",
    [
        ("min", "min"),
        ("Minutes", "min"),
        ("mo", "mo"),
        ("months", "mo"),
        ("wk", "wk"),
        ("weeks", "wk"),
        ("h", "h"),
        ("hrs", "h"),
        ("days", "d"),
        ("y", "y"),
        ("years", "y"),
    ],
)
def test_unit_key(printed, key):
    assert unit_key(printed) == key


def test_unit_key_rejects_other_units():
    with pytest.raises(ValueError, match="^sec$"):
        unit_key("sec")


def test_time_spans_positions_and_hours():
    assert time_spans("CRPS-1 for 3 d and 2-3 wk") == [TimeSpan(3, 3, "d", 11, 14), TimeSpan(2, 3, "wk", 19, 25)]
    span = time_spans("3-2 wk")[0]
    assert (span.low, span.high, span.hours_low, span.hours_high) == (2, 3, 336, 504)


@pytest.mark.parametrize(
    "cell,kwargs,expected",
    [
        # (hours_per_session, hours_min, sessions, treatment_days, continuous, unit, warning)
        ("4 h", {}, (4, 4, 1, 1.0, False, "h", None)),
        ("30-45 min", {}, (0.75, 0.5, 1, 1.0, False, "min", None)),
        ("4 h daily", {}, (4, 4, None, None, False, "h", "number of sessions not printed")),
        ("2 h and 3 h daily", {}, (3, 2, None, None, False, "h", "number of sessions not printed")),
        ("3 h and 2 h daily", {}, (3, 2, None, None, False, "h", "number of sessions not printed")),
        ("3 h then 2 h for 5 days", {}, (3, 3, 5, 5.0, False, "h", None)),
        # 50 min = 0.8333 h, 100 min = 1.6667 h (4 decimals)
        ("50-100 min", {}, (1.6667, 0.8333, 1, 1.0, False, "min", None)),
        ("continuous 100 min", {}, (1.6667, 1.6667, 1, 0.07, True, "min", None)),
        # 0.123456 d x 24 = 2.962944 h
        ("0.123456 d", {"infusion_column": True}, (2.9629, 2.9629, 1, 0.123456, True, "d", None)),
        # a whole day is a treatment length, not a session of 24 h
        ("1 d", {}, (None, None, None, 1.0, False, "d", None)),
        # hours beyond a day are read like days: the treatment's length (25 / 24 = 1.04 days) ...
        ("25 h", {}, (None, None, None, 1.04, False, "h", None)),
        # ... and one continuous infusion in a column about the infusion (1500 min = 25 h)
        ("48 h", {"infusion_column": True}, (48, 48, 1, 2.0, True, "h", None)),
        ("72-96 hours", {"infusion_column": True}, (96, 72, 1, 4.0, True, "h", None)),
        ("1500 min", {"infusion_column": True}, (25, 25, 1, 1.04, True, "min", None)),
        # a daily session and the whole treatment in hours: the session is the short one
        ("4 h daily over 120 h", {}, (4, 4, None, None, False, "h", "number of sessions not printed")),
        # only a bare number takes the declared unit
        ("for 5", {"bare_unit": "d"}, (None, None, None, None, False, None, "no duration found")),
        ("2 h for 5 days", {}, (2, 2, 5, 5.0, False, "h", None)),
        # with the sessions printed, the first length is the session's
        ("2 h then 3 h for 5 days", {}, (2, 2, 5, 5.0, False, "h", None)),
        # daily for 2 weeks = 14 sessions
        ("4 h/d for 2 wk", {}, (4, 4, 14, 14.0, False, "h", None)),
        ("1 h, 3 sessions", {}, (1, 1, 3, 3.0, False, "h", None)),
        ("1 h up to 6 times", {}, (1, 1, 6, 6.0, False, "h", None)),
        ("4 h on 5 weekdays", {}, (4, 4, 5, 5.0, False, "h", None)),
        # continuous: the whole length is one session; 3 d = 72 h
        ("continuous 3 d", {}, (72, 72, 1, 3.0, True, "d", None)),
        ("Continuous for 3-5 d", {}, (120, 72, 1, 5.0, True, "d", None)),
        ("continuous 48 h", {}, (48, 48, 1, 2.0, True, "h", None)),
        # 100 h beside 4.2 d is the exact length; 100 / 24 = 4.17 days
        ("Continuous for 4.2 d (100 h)", {}, (100, 100, 1, 4.17, True, "h", None)),
        ("continuous for 2 wk", {}, (None, None, None, None, False, None, "continuous infusion without a length")),
        # days outside an infusion column are the treatment's length
        ("for 5 days", {}, (None, None, 5, 5.0, False, "d", None)),
        ("3 d", {"infusion_column": True}, (72, 72, 1, 3.0, True, "d", None)),
        ("3", {"bare_unit": "d", "infusion_column": True}, (72, 72, 1, 3.0, True, "d", None)),
        ("3-4", {"bare_unit": "h"}, (4, 3, 1, 1.0, False, "h", None)),
        ("5 h", {"bare_unit": "d"}, (5, 5, 1, 1.0, False, "h", None)),
        # 6 wk = 42 days; 2 months = 2 x 730.5 / 24 = 60.875 days
        (
            "6 wk",
            {},
            (None, None, None, 42.0, False, "wk", "treatment length in weeks or months; hours per session not printed"),
        ),
        (
            "2 mo",
            {},
            (
                None,
                None,
                None,
                60.875,
                False,
                "mo",
                "treatment length in weeks or months; hours per session not printed",
            ),
        ),
        # 1 y = 8766 h = 365.25 days
        ("1 y", {}, (None, None, None, 365.25, False, "y", LONG)),
        ("2 sessions over 6 wk", {}, (None, None, 2, 42.0, False, "wk", LONG)),
        # intervals are no session lengths
        ("2 h every 3 d", {}, (2, 2, None, None, False, "h", "number of sessions not printed")),
        ("within 2 h: 1 h infusion", {}, (1, 1, 1, 1.0, False, "h", None)),
        ("after 1 h, 2 h infusion", {}, (2, 2, 1, 1.0, False, "h", None)),
        ("12 h interval; 3 h infusion", {}, (3, 3, 1, 1.0, False, "h", None)),
        ("every 3 d", {}, (None, None, None, None, False, None, "no duration found")),
        ("NR", {}, (None, None, None, None, False, None, None)),
    ],
)
def test_duration_cells(cell, kwargs, expected):
    d = parse_duration(cell, **kwargs)
    assert d.raw == clean(cell)
    got = (d.hours_per_session, d.hours_min, d.sessions, d.treatment_days, d.continuous, d.unit, d.warning)
    assert got == expected


@pytest.mark.parametrize(
    "cell,weeks,unit,warning",
    [
        ("12 wk", 12.0, "wk", None),
        ("48 h", 0.29, "h", None),  # 48 / 168 = 0.2857
        ("6 mo", 26.09, "mo", None),  # 6 x 730.5 / 168 = 26.089
        ("1 y", 52.18, "y", None),  # 8766 / 168 = 52.179
        ("3 d and 2 wk", 2.0, "wk", None),
        ("2 wk and 20 d", 2.86, "d", None),  # 20 d = 480 h > 336 h; 480 / 168 = 2.857
        ("90 min", 0.01, "min", None),  # 1.5 / 168 = 0.0089
        ("until discharge", None, None, "no follow-up time found"),
        ("NR", None, None, None),
    ],
)
def test_followup_cells(cell, weeks, unit, warning):
    f = parse_followup(cell)
    assert (f.raw, f.weeks, f.unit, f.warning) == (clean(cell), weeks, unit, warning)


# --- pain ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell,scale,top,warning",
    [
        ("VAS 0-100 mm", "VAS", 100, None),
        ("visual analogue scale", "VAS", None, None),
        ("NPIS 0-10", "NPIS", 10, None),
        ("numerical rating scale", "NRS", None, None),
        ("numeric pain rating", "NRS", None, None),
        ("11-point NRS", "NRS", 10, None),
        ("10 cm VAS", "VAS", 10, None),
        ("100 mm line", None, 100, None),
        ("McGill", "MPQ", None, None),
        ("brief pain inventory", "BPI", None, None),
        ("Likert 0-5", None, None, "unexpected scale range 0-5"),
        ("VAS 0-5", "VAS", None, "unexpected scale range 0-5"),
        ("global impression", None, None, "no pain scale named"),
        ("-", None, None, None),
    ],
)
def test_pain_scale_cells(cell, scale, top, warning):
    s = parse_pain_scale(cell)
    assert (s.raw, s.scale, s.scale_max, s.warning) == (clean(cell), scale, top, warning)


def test_infer_scale_max():
    assert infer_scale_max([3, None, 11]) == 100
    assert infer_scale_max([10, None]) == 10  # 10 still fits 0-10
    assert infer_scale_max([]) == 10


@pytest.mark.parametrize(
    "cell,scale_max,mean,sd,unit,warning",
    [
        ("50", None, 5.0, None, "0-100", None),  # above 10: read on 0-100
        ("8", None, 8.0, None, "0-10", None),
        ("10", 10, 10.0, None, "0-10", None),
        ("0", 10, 0.0, None, "0-10", None),
        ("33.3±12.5", 100, 3.33, 1.25, "0-100", None),
        # 33.33333 / 10 = 3.333333 and 12.34567 / 10 = 1.234567, kept to 4 decimals
        ("33.33333±12.34567", 100, 3.3333, 1.2346, "0-100", None),
        ("-1", 10, None, None, "0-10", "pain score -1 outside its 0-10 scale"),
        ("101", 100, None, None, "0-100", "pain score 101 outside its 0-100 scale"),
        ("severe", 10, None, None, None, "not a number or mean±SD"),
    ],
)
def test_pain_score_cells(cell, scale_max, mean, sd, unit, warning):
    s = parse_pain_score(cell, scale_max)
    assert (s.raw, s.mean, s.sd, s.unit, s.warning) == (cell, mean, sd, unit, warning)


def test_vas_mm_to_0_10():
    assert vas_mm_to_0_10(55) == 5.5


@pytest.mark.parametrize(
    "cell,siblings,value,warning",
    [
        ("45%", None, 45.0, None),
        ("45 % (9/20)", None, 45.0, None),
        ("100", None, 100.0, None),
        ("0", None, 0.0, None),
        ("1", None, 1.0, None),
        ("100.5", None, None, "percentage 100.5 above 100"),
        ("0.5", None, 0.5, "0.5 may be a fraction rather than a percentage"),
        ("0.5", [0.5, 40, 60], 50.0, "0.5 looks like a fraction among percentages; read as 50%"),
        # 0.1234567 x 100 = 12.34567, kept to 4 decimals
        ("0.1234567", [40, 60], 12.3457, "0.123457 looks like a fraction among percentages; read as 12.3457%"),
        ("0.5", [2, 40], 50.0, "0.5 looks like a fraction among percentages; read as 50%"),
        ("0.5", [0, 1, 40, 60], 50.0, "0.5 looks like a fraction among percentages; read as 50%"),
        ("0.5", [1, 40], 0.5, "0.5 may be a fraction rather than a percentage"),  # 1 is not above 1
        ("0.5", [40], 0.5, "0.5 may be a fraction rather than a percentage"),
        ("0.5", [0.2, 40, 60], 0.5, "0.5 may be a fraction rather than a percentage"),
        ("responders", None, None, "not a number; kept as raw text"),
        ("NR", None, None, None),
    ],
)
def test_percent_cells(cell, siblings, value, warning):
    p = parse_percent(cell, siblings)
    assert (p.raw, p.value, p.warning) == (clean(cell), value, warning)


def test_percent_siblings_keep_plain_numbers_only():
    assert percent_siblings(["54", "12 %", "x", "-", "0.6", None, "12 (40%)"]) == [54.0, 12.0, 0.6]


# --- sample size -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell,randomised,analysed,warning",
    [
        ("26(19)", 26, 19, "bracketed count smaller than the first; read as analysed"),
        ("19 ( 19 )", 19, 19, None),
        ("n = 40", 40, None, None),
        ("30 adult volunteers", 30, None, None),
        ("30 pts", 30, None, None),
        ("12 and 14", 26, None, "subgroup counts summed to 26; total not printed"),
        ("12 + 14", 26, None, "subgroup counts summed to 26; total not printed"),
        ("12; 14", 26, None, "subgroup counts summed to 26; total not printed"),
        ("12, 14", 12, None, "several numbers; first taken as the sample size"),
        ("20 men and women", 20, None, None),  # one number: nothing to sum
        ("several", None, None, "no participant count found"),
        ("NR", None, None, None),
    ],
)
def test_sample_size_cells(cell, randomised, analysed, warning):
    s = parse_sample_size(cell)
    assert (s.raw, s.randomised, s.analysed, s.warning) == (clean(cell), randomised, analysed, warning)


def test_count_before_people():
    assert count_before_people("a cohort of 45 children") == 45
    assert count_before_people("45 infusions") is None


# --- population ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell,condition,warning",
    [
        ("CRPS and PHN", "other", "several conditions (CRPS, PHN); coded other"),
        ("neuropathic pain: CRPS, PHN", "mixed neuropathic", "several conditions (CRPS, PHN); coded mixed neuropathic"),
        ("neuropathic pain", "mixed neuropathic", None),
        ("back pain", "other", None),
        ("RSD", "CRPS", None),
        ("post-herpetic neuralgia", "PHN", None),
        ("ischaemic limb", "ischemic limb", None),
        ("NR", None, None),
    ],
)
def test_condition_cells(cell, condition, warning):
    c = parse_condition(cell)
    assert (c.raw, c.condition, c.warning) == (clean(cell), condition, warning)


@pytest.mark.parametrize(
    "cell,abbreviations,setting",
    [
        ("ICU", True, "ICU"),
        ("hospitalised", True, "inpatient"),
        ("ward", True, "inpatient"),
        ("In-patient", False, "inpatient"),
        ("outpatients", False, "outpatient"),
        ("IP", False, None),
        ("ip", True, None),  # the codes are capitals
        ("home", True, None),
    ],
)
def test_setting_cells(cell, abbreviations, setting):
    assert parse_setting(cell, abbreviations) == setting


@pytest.mark.parametrize(
    "cell,form",
    [
        ("esketamine", "S(+)"),
        ("S-ketamine", "S(+)"),
        ("racemic and S(+)-ketamine", "unknown"),
        ("", None),
    ],
)
def test_ketamine_form_cells(cell, form):
    assert parse_ketamine_form(cell) == form


@pytest.mark.parametrize(
    "cell,route",
    [
        ("intravenous ketamine", "IV"),
        ("ketamine given orally", "oral"),
        ("PO ketamine", "oral"),
        ("subcutaneous ketamine", "SC"),
        ("IN ketamine", "intranasal"),
        ("ketamine in saline", None),
    ],
)
def test_route_cells(cell, route):
    assert parse_route(cell) == route


def test_drug_names_and_comedication():
    assert drug_names("Morphine and MgSO4") == ["magnesium", "morphine"]
    cases = {
        "No": "none",
        "nil": "none",
        "no midazolam": "midazolam",
        "ketamine only": None,
        "Midazolam + clonidine + ketamine": "clonidine; midazolam",
        "-": None,
    }
    for cell, value in cases.items():
        c = parse_comedication(cell)
        assert (c.raw, c.value) == (clean(cell), value), cell


# --- design ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell,design,blinding,comparator,warning",
    [
        ("Re", "retrospective", None, None, None),
        ("pro.", "prospective observational", None, None, None),
        ("retro", "retrospective", None, None, None),
        ("PRNCT crossover", "RCT crossover", None, None, None),
        ("PONRT crossover", "prospective observational", None, None, None),
        ("ICU RCT", "RCT", None, None, None),
        ("case-control study", "case-control", None, None, None),
        ("cross-sectional survey", "cross-sectional", None, None, None),
        ("case series", "case series", None, None, None),
        ("cohort study", "observational", None, None, None),
        ("prospective cohort", "prospective observational", None, None, None),
        ("service evaluation", "prospective observational", None, None, None),
        ("observational", "observational", None, None, None),
        ("uncontrolled trial", "open-label", None, "none", None),
        ("single arm", "open-label", None, "none", None),
        ("chart review", "retrospective", None, None, None),
        ("retrospective cohort", "retrospective", None, None, None),
        ("prospective study", "prospective observational", None, None, None),
        ("PRCT PARALLEL", "RCT parallel", None, None, None),
        ("RCT, Saline", "RCT", None, "placebo", None),
        ("triple-blind RCT", "RCT", "triple-blind", None, None),
        ("single blind randomised trial", "RCT", "single-blind", None, None),
        ("open label study", "open-label", "open-label", None, None),
        ("RCT vs lidocaine", "RCT", None, None, None),  # no control word: comparator not read
        ("RCT, lidocaine control", "RCT", None, "active: lidocaine", None),
        ("RCT, saline", "RCT", None, "placebo", None),
        ("pilot", None, None, None, "design not recognised"),
        ("NR", None, None, None, None),
    ],
)
def test_design_cells(cell, design, blinding, comparator, warning):
    d = parse_design(cell)
    assert (d.raw, d.design, d.blinding, d.comparator, d.warning) == (
        clean(cell),
        design,
        blinding,
        comparator,
        warning,
    )


def test_blinding_and_comparator_words():
    assert parse_blinding("randomised") is None
    cases = {
        "active control": "active",
        "saline": "placebo",
        "noncontrolled": "none",
        "non-controlled": "none",
        "vs lidocaine": "active: lidocaine",
        "ketamine alone": None,
        "": None,
    }
    assert {cell: parse_comparator(cell) for cell in cases} == cases
