"""Every parser against real cell strings from the five seed reviews."""

import pytest

from litcurate.harmonise.design import parse_comparator, parse_design
from litcurate.harmonise.dose import parse_dose, total_dose_70kg
from litcurate.harmonise.duration import parse_duration, parse_followup
from litcurate.harmonise.numbers import clean, is_missing, parse_mean_sd, parse_range
from litcurate.harmonise.pain import parse_pain_scale, parse_pain_score, parse_percent, percent_siblings
from litcurate.harmonise.population import (
    parse_comedication,
    parse_condition,
    parse_ketamine_form,
    parse_route,
    parse_setting,
)
from litcurate.harmonise.sample_size import count_before_people, parse_sample_size

# --- numbers ---------------------------------------------------------------------------


def test_mean_sd_with_unit():
    r = parse_mean_sd("28.1±47 months")
    assert (r.mean, r.sd, r.unit) == (28.1, 47.0, "months")


def test_mean_only_and_missing():
    assert parse_mean_sd("12").mean == 12.0 and parse_mean_sd("12").sd is None
    assert parse_mean_sd("-").mean is None and parse_mean_sd("-").warning is None
    assert parse_mean_sd("Fulfill CRPS diagnosis criteria").warning


@pytest.mark.parametrize("text,lo,hi", [("3-7", 3, 7), ("17–21 min", 17, 21), ("0.1 to 0.3", 0.1, 0.3), ("5", 5, 5)])
def test_range(text, lo, hi):
    r = parse_range(text)
    assert (r.low, r.high) == (lo, hi)


def test_reversed_range_is_swapped_and_warned():
    r = parse_range("7-3")
    assert (r.low, r.high) == (3, 7) and r.warning


@pytest.mark.parametrize("cell", ["-", "—", "Not reported", "NR", "", None])
def test_missing_markers(cell):
    assert is_missing(cell)


def test_clean_drops_footnote_marks_and_unifies_dashes():
    assert clean("-Baseline -1 ^b and 8 wk") == "-Baseline -1 and 8 wk"
    assert clean("3–7 mg") == "3-7 mg"


# --- sample size -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,randomised,analysed,warned",
    [
        ("19(26)", 26, 19, False),
        ("49 patients 369 infusions", 49, None, False),
        ("31 CRPS-1 RS and 2 CPRS-2", 33, None, True),
        (
            "60 subjects with complex regional pain syndrome I based on International Association for the Study of "
            "Pain diagnostic criteria ^{10,11}",
            60,
            None,
            False,
        ),
        ("33", 33, None, False),
        ("-", None, None, False),
    ],
)
def test_sample_size(text, randomised, analysed, warned):
    s = parse_sample_size(text)
    assert (s.randomised, s.analysed, bool(s.warning)) == (randomised, analysed, warned)


def test_count_in_free_text():
    assert count_before_people("Observational study in 29 patients with cluster headache") == 29
    assert (
        count_before_people(
            "Randomized, double-blind crossover in 34 patients with migraine headache "
            "(17 each received acute and chronic therapy)"
        )
        == 34
    )
    assert count_before_people("Double-blind placebo-controlled trial; inpatient") is None


# --- doses -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,lo,hi,unit",
    [
        ("0.35mg/kg/hr", 0.35, 0.35, "mg/kg/h"),
        ("23.4±9.6mg/hr", 0.33429, 0.33429, "mg/h"),
        ("22.2±2.0 mg/hr/70kg", 0.31714, 0.31714, "mg/h/70kg"),
        ("20±4mg/hr/70 kg", 0.28571, 0.28571, "mg/h/70kg"),
        ("3-7mg/kg/hr", 3.0, 7.0, "mg/kg/h"),
        ("120 µg/kg/h ketamine.", 0.12, 0.12, "µg/kg/h"),
        ("0.08-0.26mg/hr/kg", 0.08, 0.26, "mg/h/kg"),
        ("Bolus of 1–1.5 mg/kg, then 3 mg/kg/h and increased to 7 mg/kg/h.", 3.0, 7.0, "mg/kg/h"),
        ("10 mg/h increased to a maximum rate of 40 mg/h.", 0.14286, 0.57143, "mg/h"),
        ("10–50 mg/h", 0.14286, 0.71429, "mg/h"),
        ("0.072–0.432 mg/kg/h", 0.072, 0.432, "mg/kg/h"),
        ("0.43 mg/kg per hour continuously over 4.2 d", 0.43, 0.43, "mg/kg/h"),
        ("0.25 mg/kg ketamine bolus. 0.2–0.25 mg/kg/h.", 0.2, 0.25, "mg/kg/h"),
    ],
)
def test_rates(text, lo, hi, unit):
    d = parse_dose(text)
    assert (d.rate_min, d.rate_max, d.rate_unit) == (pytest.approx(lo), pytest.approx(hi), unit)
    assert d.warning is None


def test_daily_amount_is_converted_with_a_warning():
    d = parse_dose("50-500mg/d")
    assert d.rate_min == pytest.approx(50 / 24 / 70, abs=1e-5)
    assert d.rate_max == pytest.approx(500 / 24 / 70, abs=1e-5)
    assert "24-h" in d.warning


def test_concentration_is_not_a_rate():
    d = parse_dose("0.25-0.3mg/dl")
    assert d.rate_min is None and d.rate_max is None and "concentration" in d.warning
    assert "concentration" in parse_dose("Target plasma level of 50, 100, and 150 ng/mL.").warning


def test_dose_over_time_becomes_a_rate():
    assert parse_dose("0.5 mg/kg over 30 min").rate_max == pytest.approx(1.0)
    assert parse_dose("80 mg over 5 h per day × 1 wk").rate_max == pytest.approx(16 / 70, abs=1e-5)


def test_short_push_beside_an_hourly_rate_is_a_loading_dose():
    d = parse_dose("0.84 µg/kg over 10 min; 1.3 µg/kg/h infusion.")
    assert d.rate_max == pytest.approx(0.0013)
    assert "implausible" in d.warning  # µg where the trial used mg: flagged, not fixed


def test_other_drugs_in_the_dose_cell_are_ignored():
    assert parse_dose("0.1 mg/kg ketamine or 30 mg/kg of MgSO ₄ .").dose_max_mg == pytest.approx(7.0)
    assert parse_dose("0.5 mg/kg of S(+)-ketamine or 5 mg IV midazolam.").dose_max_mg == pytest.approx(35.0)


def test_single_doses_per_70kg():
    d = parse_dose("0.25 mg/kg of ketamine or 0.5 mg/kg ketamine.")
    assert (d.dose_min_mg, d.dose_max_mg, d.rate_max) == (17.5, 35.0, None)
    assert parse_dose("80 mg ketamine.").dose_max_mg == 80.0


def test_mixed_printed_rates_span_the_range():
    d = parse_dose("Continuous for 4.2 d (100 h); 0.43 mg/kg/h with a mean dose of 0.32 mg/kg/h (maximum of 30 mg/h)")
    assert (d.rate_min, d.rate_max) == (0.32, 0.43)


def test_total_dose():
    t = total_dose_70kg(0.35, 4, 10)
    assert t.mg == pytest.approx(980.0) and t.formula == "0.35 mg/kg/h x 70 kg x 4 h x 10 session(s)"
    low = total_dose_70kg(None, 0.5, 1, dose_mg=35.0)
    assert low.mg == 35.0 and low.formula == "35 mg x 1 session(s)"
    assert total_dose_70kg(0.35, None, None).mg is None
    assert total_dose_70kg(400 / 70, 1, 1).mg == 400.0


# --- durations -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,hours,sessions",
    [
        ("100 h continuously", 100, 1),
        ("4 h for 10 nonconsecutive days", 4, 10),
        ("5 d continuously", 120, 1),
        ("17–21 min", 0.35, 1),
        (
            "4 h/d for 10 consecutive week days (40 h as 5 d on–2 d off–5 d on); 0.35 mg/kg/h (maximum of 25 mg/h)",
            4,
            10,
        ),
        ("Continuous for 4.2 d (100 h); 0.43 mg/kg/h", 100, 1),
        ("5 h daily for 7 consecutive days (35 h); 0.22 mg/kg/h", 5, 7),
        ("80 mg over 5 h per day × 1 wk", 5, 7),
        ("1 h every other day for 3 d", 1, 3),
        ("2 h for 3 sessions every other day", 2, 3),
        ("24-h infusion; 0.5 mg/kg/d in the first 24 h, then 1 mg/kg/d", 24, 1),
        ("Up to 100 mg over 4 h for 10 consecutive weekdays", 4, 10),
    ],
)
def test_durations(text, hours, sessions):
    d = parse_duration(text)
    assert (d.hours_per_session, d.sessions) == (pytest.approx(hours, abs=1e-3), sessions)


def test_bare_days_depend_on_what_the_column_is_about():
    treatment = parse_duration("4.7", bare_unit="d", infusion_column=False)
    assert (treatment.hours_per_session, treatment.treatment_days) == (None, 4.7)
    infusion = parse_duration("3–5 d", infusion_column=True)
    assert (infusion.hours_min, infusion.hours_per_session, infusion.sessions) == (72, 120, 1)


def test_intervals_are_not_session_lengths():
    d = parse_duration("CRPS average 43.5 min every 30.8 d. Non-CRPS average 34.7 min every 34 d")
    assert d.hours_per_session == pytest.approx(43.5 / 60) and d.sessions is None and d.warning


def test_unreadable_duration_warns():
    d = parse_duration(
        "Continued for as long as patient-tolerated infusion. Ten patients received a second "
        "infusion and 2 received a third infusion."
    )
    assert d.hours_per_session is None and d.warning == "no duration found"


@pytest.mark.parametrize(
    "text,weeks",
    [
        ("4 wk", 4),
        ("48 h", 0.29),
        ("9–12 wk", 12),
        ("2–9 d (mean, 5 d)", 1.29),
        ("-Baseline -1 ^b and 8 wk", 8),
        ("“Pain free” for 3 mo", 13.04),
    ],
)
def test_followup_weeks(text, weeks):
    assert parse_followup(text).weeks == pytest.approx(weeks)


# --- design ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,design",
    [
        ("PRCT parallel", "RCT parallel"),
        ("PRCT crossover", "RCT crossover"),
        ("PRCT Crossover", "RCT crossover"),
        ("PONRT", "prospective observational"),
        ("RS", "retrospective"),
        ("PRNCT 15 ketamine 15 MgSO ₄", "RCT"),
        ("PRCT, crossover, active control", "RCT crossover"),
        ("Double-blind placebo-controlled crossover trial; inpatient", "RCT crossover"),
        ("Retrospective chart review", "retrospective"),
        ("Open-label single-arm study", "open-label"),
        ("Randomized placebo-controlled trial", "RCT"),
        ("Randomized, double-blind, placebo-controlled, parallel study in 30 patients with migraine", "RCT parallel"),
        ("Case report in 2 patients with cluster headache", "case report"),
    ],
)
def test_design_vocabulary(text, design):
    assert parse_design(text).design == design


def test_design_blinding_and_comparator():
    d = parse_design("Double-blind placebo-controlled trial; outpatient")
    assert (d.blinding, d.comparator) == ("double-blind", "placebo")
    assert parse_design("PRCT crossover active placebo").comparator == "active"
    assert parse_design("Open-label single-arm study").comparator == "none"
    assert parse_design("a pilot of something").warning


@pytest.mark.parametrize(
    "text,comparator",
    [
        ("Normal saline + gabapentin 300 mg three times daily (n = 20)", "placebo"),
        ("Midazolam 5 mg (n = 12)", "active: midazolam"),
        ("-", None),
    ],
)
def test_comparator(text, comparator):
    assert parse_comparator(text) == comparator


# --- population ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,condition",
    [
        ("CRPS-1", "CRPS"),
        ("CRPS-1 and 2", "CRPS"),
        ("Traumatic spinal cord injury", "SCI"),
        ("PHN", "PHN"),
        ("Phantom limb pain", "phantom limb"),
        ("Fibromyalgia", "fibromyalgia"),
        ("Cancer-induced neuropathy", "cancer"),
        ("Sickle cell crisis", "sickle cell"),
        ("35 patients with ischemic limb pain", "ischemic limb"),
        ("Mixed neuropathic pain diagnoses", "mixed neuropathic"),
        ("20 patients with PLP", "phantom limb"),
        ("40 patients with neuropathic pain after spinal cord injury", "SCI"),
        ("Retrospective study in 77 patients with migraine or NDPH", "headache"),
    ],
)
def test_condition(text, condition):
    assert parse_condition(text).condition == condition


def test_several_conditions_warn():
    c = parse_condition("18 CRPS, 8 chronic headache and 7 LBP; 16 mixed neuropathic pain diagnoses")
    assert c.condition == "mixed neuropathic" and "CRPS" in c.warning


@pytest.mark.parametrize(
    "text,setting",
    [
        ("IP", "inpatient"),
        ("OP", "outpatient"),
        ("Out patient", "outpatient"),
        ("Inpatient", "inpatient"),
        ("Inpatient (intensive care)", "ICU"),
        ("Not reported", None),
    ],
)
def test_setting(text, setting):
    assert parse_setting(text) == setting


def test_setting_codes_only_where_allowed():
    assert parse_setting("OP", abbreviations=False) is None


@pytest.mark.parametrize(
    "text,form",
    [
        ("S+ketamine", "S(+)"),
        ("S(+)-ketamine", "S(+)"),
        ("Racemic ketamine", "racemic"),
        ("S (+) ketamine infusion (n = 12)", "S(+)"),
        ("Ketamine infusion (n = 10)", None),
    ],
)
def test_ketamine_form(text, form):
    assert parse_ketamine_form(text) == form


@pytest.mark.parametrize(
    "text,route",
    [
        ("Low-dose IV ketamine (0.5 mg/kg over 1 h) every 2 wk up to 4 times", "IV"),
        ("25 mg intranasal ketamine with 2 mg intranasal midazolam as an active control", "intranasal"),
        ("Acute therapy: SC ketamine hydrochloride (80 µg/kg) or SC saline (control)", "SC"),
        ("0.5 mg/kg of S(+)-ketamine or 5 mg IV midazolam.", None),
    ],
)
def test_route_must_qualify_ketamine(text, route):
    assert parse_route(text) == route


@pytest.mark.parametrize(
    "text,value",
    [
        ("0.1 mg PO clonidine and 4 mg IV midazolam at the start of each daily infusion", "clonidine; midazolam"),
        ("1. 2–5 mg IV midazolam. 2. 300 mg gabapentin.", "gabapentin; midazolam"),
        ("None.", "none"),
        ("None (ketamine dose was reduced until side effects abated)", "none"),
        ("Not reported", None),
        ("Supportive ICU care", None),
    ],
)
def test_comedication(text, value):
    assert parse_comedication(text).value == value


# --- pain ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,scale,top",
    [
        ("Visual analog scale pain scores (0–10)", "VAS", 10),
        ("-Numeric Rating Scale pain scores (0–10)", "NRS", 10),
        ("-Numeric Pain Intensity Scale (0–10)", "NPIS", 10),
        ("NRS-11", "NRS", 10),
        ("100-mm VAS", "VAS", 100),
    ],
)
def test_pain_scale(text, scale, top):
    s = parse_pain_scale(text)
    assert (s.scale, s.scale_max) == (scale, top)


def test_pain_score_on_0_10_is_kept():
    s = parse_pain_score("7.7±1.8", 10)
    assert (s.mean, s.sd, s.unit) == (7.7, 1.8, "0-10")


@pytest.mark.parametrize("text,mean,sd", [("54.44±9.77", 5.444, 0.977), ("85.1±1.9", 8.51, 0.19)])
def test_pain_score_on_0_100_is_divided_by_ten(text, mean, sd):
    s = parse_pain_score(text, 100)
    assert (s.mean, s.sd, s.unit) == (pytest.approx(mean), pytest.approx(sd), "0-100")


def test_pain_score_above_its_scale_is_flagged():
    s = parse_pain_score("12", 10)
    assert s.mean is None and "outside" in s.warning


ZHAO_FOLLOWUP = ["54", "54", "89.4", "0", "Effective", "0.6", "38", "33.3", "-", "66.7"]


def test_percent_plain_and_words():
    assert parse_percent("76").value == 76
    words = parse_percent("Effective")
    assert words.value is None and words.warning


def test_fraction_among_percentages_is_normalised_and_warned():
    p = parse_percent("0.6", percent_siblings(ZHAO_FOLLOWUP))
    assert p.value == 60 and "fraction" in p.warning


def test_fraction_is_kept_when_ambiguous():
    p = parse_percent("0.6", [0.5, 80])
    assert p.value == 0.6 and p.warning


def test_percent_above_100_is_dropped():
    assert parse_percent("120").value is None
