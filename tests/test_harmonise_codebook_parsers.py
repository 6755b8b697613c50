"""The codebook's cell parsers (harmonise/parsers.py), called by name as the table step calls them.

Every expected value is worked out by hand from the cell text; a value found in passing
(a setting in a design cell) is secondary (``primary=False``) and carries no warning.
"""

import pytest

from conftest import REPO
from litcurate.harmonise.codebook import Codebook, Field, load_codebook
from litcurate.harmonise.pain import Percent
from litcurate.harmonise.parsers import PARSERS, Context, Value

DEMO = load_codebook(REPO / "config" / "codebook.yaml")
BUILTIN = load_codebook(None)


def parse(parser, cell, field, codebook=None, header="", bare_unit=None, infusion_column=False, siblings=()):
    codebook = codebook or Codebook("test", (field,), {}, ())
    return PARSERS[parser](cell, Context(header, bare_unit, infusion_column, field, codebook, siblings))


def demo(name, cell, **kwargs):
    field = DEMO.by_name[name]
    return parse(field.parser, cell, field, DEMO, **kwargs)


def builtin(name, cell, **kwargs):
    field = BUILTIN.by_name[name]
    return parse(field.parser, cell, field, BUILTIN, **kwargs)


def passing(value, raw, unit=None):
    """A value found in passing."""
    return Value(value, raw, unit, None, False)


# --- generic parsers -------------------------------------------------------------------


def test_text_keeps_the_cell():
    assert parse("text", "Italy", Field("country", "text", "Country")) == {"country": Value("Italy", "Italy")}


PLACE = Field("place", "category", "Place", values=("inpatient", "outpatient"), patterns={"outpatient": r"\bOP\b"})


@pytest.mark.parametrize(
    "cell,value,warning",
    [
        ("INPATIENT ward", "inpatient", None),
        ("OP", "outpatient", None),
        # a pattern replaces the value's own words
        ("outpatient", None, "not one of the allowed values (inpatient, outpatient)"),
        ("inpatients", None, "not one of the allowed values (inpatient, outpatient)"),
    ],
)
def test_category(cell, value, warning):
    assert parse("category", cell, PLACE) == {"place": Value(value, cell, warning=warning)}


@pytest.mark.parametrize("parser", ["integer", "count"])
@pytest.mark.parametrize(
    "cell,value,warning", [("12 (40%)", 12, None), (" 7", 7, None), ("n=12", None, "no count found")]
)
def test_integer(parser, cell, value, warning):
    assert parse(parser, cell, Field("men", "integer", "Men")) == {"men": Value(value, cell, warning=warning)}


HOURS = Field("length", "number", "Length", unit="h", convert_from=("min", "d"))


@pytest.mark.parametrize(
    "cell,header,bare_unit,expected",
    [
        ("90 min", "", None, Value(1.5, "90 min", "min")),  # 90 / 60
        ("2 d", "", None, Value(48.0, "2 d", "d")),  # 2 x 24
        ("3 hours", "", None, Value(3.0, "3 hours", "h")),
        ("-2.5 h", "", None, Value(-2.5, "-2.5 h", "h")),
        ("1 min", "", None, Value(0.0167, "1 min", "min")),  # 1 / 60 = 0.01667, 4 decimals
        ("5", "Length, min", None, Value(0.0833, "5", "min")),  # the header's unit: 5 / 60
        ("5", "Length, min", "d", Value(120.0, "5", "d")),  # the declared bare unit wins: 5 x 24
        ("2 h", "", "d", Value(2.0, "2 h", "h")),  # a printed unit wins
        ("5 zz", "", None, Value(5.0, "5 zz")),  # unknown unit: taken as is
        ("2 wk", "", None, Value(None, "2 wk", "wk", "printed in wk, which the codebook does not convert into h")),
        ("about 2 h", "", None, Value(None, "about 2 h", warning="no number found")),
    ],
)
def test_number_converts_into_the_fields_unit(cell, header, bare_unit, expected):
    assert parse("number", cell, HOURS, header=header, bare_unit=bare_unit) == {"length": expected}


def test_number_without_a_field_unit_keeps_the_printed_one():
    assert parse("number", "5 kg", Field("w", "number", "Weight")) == {"w": Value(5.0, "5 kg", "kg")}
    weeks = Field("fu", "number", "Follow-up", unit="weeks")
    assert parse("number", "2 wk", weeks) == {"fu": Value(2.0, "2 wk", "wk")}  # one unit, two spellings
    rate = Field("rate", "number", "Rate", unit="mg/kg/h", convert_from=("µg/kg/min",))
    # 50 µg/kg/min = 0.05 mg/kg x 60 /h = 3 mg/kg/h
    assert parse("number", "50 µg/kg/min", rate) == {"rate": Value(3.0, "50 µg/kg/min", "µg/kg/min")}


@pytest.mark.parametrize(
    "cell,value,warning",
    [
        ("28-80", None, "a range, not a mean"),
        ("28 to 80", None, "a range, not a mean"),
        ("45.2 (10.1)", 45.2, None),
        ("old", None, "not a number or mean±SD"),
    ],
)
def test_mean(cell, value, warning):
    assert builtin("age_mean", cell) == {"age_mean": Value(value, cell, warning=warning)}


AGE = Field("age", "mean-sd", "Age", unit="years", convert_from=("months",))
AGES = Codebook("test", (AGE, Field("age_sd", "number", "SD of age", "years", parent="age")), {}, ())


@pytest.mark.parametrize(
    "cell,header,expected",
    [
        ("40.5±13.8", "", {"age": Value(40.5, "40.5±13.8"), "age_sd": Value(13.8, "40.5±13.8")}),
        # 30 months = 30 x 730.5 / 8766 = 2.5 years; SD 6 months = 0.5 years
        ("30 (6) months", "", {"age": Value(2.5, "30 (6) months", "months"), "age_sd": Value(0.5, "30 (6) months")}),
        ("30±6", "Age, months", {"age": Value(2.5, "30±6", "months"), "age_sd": Value(0.5, "30±6")}),
        ("41 years", "", {"age": Value(41.0, "41 years", "years")}),
        (
            "40±5 wk",
            "",
            {"age": Value(None, "40±5 wk", "wk", "printed in wk, which the codebook does not convert into years")},
        ),
        # a percentage is no age: "%" is its unit, and the codebook does not convert it into years
        ("12%", "", {"age": Value(None, "12%", "%", "printed in %, which the codebook does not convert into years")}),
        (
            "45.2 (10.1) %",
            "",
            {"age": Value(None, "45.2 (10.1) %", "%", "printed in %, which the codebook does not convert into years")},
        ),
        ("NR", "", {"age": Value(None, "NR")}),
        ("old", "", {"age": Value(None, "old", warning="not a number or mean±SD")}),
    ],
)
def test_mean_sd(cell, header, expected):
    assert parse("mean_sd", cell, AGE, AGES, header=header) == expected


def test_mean_sd_without_an_sd_column():
    assert parse("mean_sd", "40±5", Field("age", "number", "Age")) == {"age": Value(40.0, "40±5")}


def test_percent_uses_the_columns_other_values():
    field = Field("resp", "percent", "Responders", unit="%")
    assert parse("percent", "45%", field) == {"resp": Value(45.0, "45%")}
    warning = "0.5 looks like a fraction among percentages; read as 50%"
    assert parse("percent", "0.5", field, siblings=(40.0, 60.0)) == {"resp": Value(50.0, "0.5", warning=warning)}


def test_range_gives_both_ends():
    field = Field("fu", "range", "Follow-up")
    assert parse("range", "3-7", field) == {
        "fu": Value(7.0, "3-7"),
        "fu_low": Value(3.0, "3-7"),
        "fu_high": Value(7.0, "3-7"),
    }
    assert parse("range", "7-3", field) == {
        "fu": Value(7.0, "7-3", warning="range printed high-to-low (7-3); ends swapped"),
        "fu_low": Value(3.0, "7-3"),
        "fu_high": Value(7.0, "7-3"),
    }


@pytest.mark.parametrize(
    "cell,expected",
    [
        ("12/40", {"ae": Value(12, "12/40"), "ae_of": Value(40, "12/40")}),
        ("12 of 40", {"ae": Value(12, "12 of 40"), "ae_of": Value(40, "12 of 40")}),
        ("12 OUT OF 40", {"ae": Value(12, "12 OUT OF 40"), "ae_of": Value(40, "12 OUT OF 40")}),
        ("40/40", {"ae": Value(40, "40/40"), "ae_of": Value(40, "40/40")}),
        (
            "41/40",
            {"ae": Value(None, "41/40", warning="count 41 above its denominator 40"), "ae_of": Value(40, "41/40")},
        ),
        ("12", {"ae": Value(None, "12", warning="not a count of n ('12/40')")}),
    ],
)
def test_count_of_n(cell, expected):
    assert parse("count_of_n", cell, Field("ae", "count-of-n", "Adverse events")) == expected


@pytest.mark.parametrize("parser", ["rule", "total_dose_70kg"])
def test_derived_fields_read_no_cell(parser):
    assert parse(parser, "400", Field("high", "flag", "High")) == {}


# --- named parsers: generic study fields -----------------------------------------------


@pytest.mark.parametrize(
    "cell,expected",
    [
        (
            "Smith et al. 2010",
            {"first_author": Value("Smith", "Smith et al. 2010"), "year": passing(2010, "Smith et al. 2010")},
        ),
        ("Smith 1950", {"first_author": Value("Smith", "Smith 1950"), "year": passing(1950, "Smith 1950")}),
        ("Smith 2039", {"first_author": Value("Smith", "Smith 2039"), "year": passing(2039, "Smith 2039")}),
        ("Smith 2010a", {"first_author": Value("Smith", "Smith 2010a"), "year": passing(2010, "Smith 2010a")}),
        ("Smith 1949", {"first_author": Value("Smith", "Smith 1949")}),
        ("Smith 2040", {"first_author": Value("Smith", "Smith 2040")}),
        ("[12]", {"first_author": Value(None, "[12]", warning="no author name")}),
    ],
)
def test_author_and_the_year_in_passing(cell, expected):
    assert builtin("first_author", cell) == expected


@pytest.mark.parametrize(
    "cell,value,warning",
    [
        ("2010", 2010, None),
        ("2010b", 2010, None),  # the second of two papers of a year
        ("20101", None, "no year found"),
        ("1950", 1950, None),
        ("2030", 2030, None),
        ("1949", None, "implausible year 1949"),
        ("2031", None, "implausible year 2031"),
        ("n.d.", None, "no year found"),
    ],
)
def test_year_within_the_fields_range(cell, value, warning):
    assert builtin("year", cell) == {"year": Value(value, cell, warning=warning)}


def test_year_with_open_ended_ranges():
    assert parse("year", "1800", Field("y", "integer", "Year")) == {"y": Value(1800, "1800")}
    upto = Field("y", "integer", "Year", range=(None, 2000))
    assert parse("year", "2010", upto) == {"y": Value(None, "2010", warning="implausible year 2010")}
    assert parse("year", "1800", upto) == {"y": Value(1800, "1800")}
    since = Field("y", "integer", "Year", range=(1990, None))
    assert parse("year", "1980", since) == {"y": Value(None, "1980", warning="implausible year 1980")}
    assert parse("year", "2100", since) == {"y": Value(2100, "2100")}


TRIAL = "Randomised placebo-controlled trial in 30 patients with CRPS, inpatient"


def test_study_design_reads_setting_count_and_condition_in_passing():
    assert demo("design", TRIAL) == {
        "design": Value("RCT", TRIAL),
        "blinding": Value(None, TRIAL),
        "comparator": Value("placebo", TRIAL),
        "setting": passing("inpatient", TRIAL),
        "n_randomised": passing(30, TRIAL),
        "condition": passing("CRPS", TRIAL),
    }
    # without a condition field in the project, no condition is read
    assert "condition" not in builtin("design", TRIAL)
    assert builtin("design", "Open-label study") == {
        "design": Value("open-label", "Open-label study"),
        "blinding": Value("open-label", "Open-label study"),
        "comparator": Value(None, "Open-label study"),
    }
    assert builtin("design", "pilot") == {
        "design": Value(None, "pilot", warning="design not recognised"),
        "blinding": Value(None, "pilot"),
        "comparator": Value(None, "pilot"),
    }


def test_ip_and_op_in_free_text_are_no_setting():
    # the bare codes are read only in a setting column; elsewhere they may mean something else
    assert "setting" not in builtin("design", "RCT OP")
    assert "setting" not in demo("hours_per_session", "4 h IP")
    assert demo("hours_per_session", "4 h, inpatient")["setting"] == passing("inpatient", "4 h, inpatient")


def test_a_field_read_in_passing_sees_the_cells_header_and_unit():
    # A project whose 'condition' is a number in hours: read in passing by that field's own
    # parser, with the header's unit or the declared bare unit (90 min = 1.5 h).
    condition = Field("condition", "number", "Condition", unit="h", convert_from=("min",), parser="number")
    design = BUILTIN.by_name["design"]
    codebook = Codebook("test", (design, condition), {}, ())
    cell = "90 RCT patients"
    by_header = parse("study_design", cell, design, codebook, header="Design, min")
    by_unit = parse("study_design", cell, design, codebook, bare_unit="min")
    assert by_header["condition"] == by_unit["condition"] == passing(1.5, cell, "min")
    assert by_header["n_randomised"] == passing(90, cell)


def test_setting_comparator_and_sample_sizes():
    assert builtin("setting", "IP") == {"setting": Value("inpatient", "IP")}
    assert builtin("setting", "home") == {"setting": Value(None, "home", warning="setting not recognised")}
    assert builtin("comparator", "Placebo") == {"comparator": Value("placebo", "Placebo")}
    assert builtin("comparator", "usual care") == {
        "comparator": Value(None, "usual care", warning="comparator not recognised")
    }
    assert builtin("n_randomised", "19(26)") == {"n_randomised": Value(26, "19(26)"), "n_analysed": Value(19, "19(26)")}
    summed = "12 and 14"
    assert builtin("n_randomised", summed) == {
        "n_randomised": Value(26, summed, warning="subgroup counts summed to 26; total not printed"),
        "n_analysed": Value(None, summed),
    }
    assert builtin("n_analysed", "19(26)") == {"n_analysed": Value(19, "19(26)")}
    assert builtin("n_analysed", "30") == {"n_analysed": Value(30, "30")}
    assert builtin("n_analysed", "several") == {
        "n_analysed": Value(None, "several", warning="no participant count found")
    }


@pytest.mark.parametrize(
    "cell,header,expected",
    [
        ("6", "Follow-up, months", Value(26.09, "6", "mo")),  # 6 x 730.5 / 168 = 26.089 weeks
        ("12 wk", "Follow-up, months", Value(12.0, "12 wk", "wk")),
        ("6", "Follow-up", Value(None, "6", None, "no follow-up time found")),
        ("NR", "Follow-up, months", Value(None, "NR")),
    ],
)
def test_followup_takes_the_headers_unit_for_bare_numbers(cell, header, expected):
    assert builtin("followup_weeks", cell, header=header) == {"followup_weeks": expected}


# --- named parsers: the demo topic -----------------------------------------------------


def test_pain_condition():
    cell = "30 patients with CRPS"
    assert demo("condition", cell) == {"condition": Value("CRPS", cell), "n_randomised": passing(30, cell)}
    assert demo("condition", "CRPS") == {"condition": Value("CRPS", "CRPS")}
    assert demo("condition", "CRPS and PHN") == {
        "condition": Value("other", "CRPS and PHN", warning="several conditions (CRPS, PHN); coded other")
    }


def test_ketamine_form_and_the_regimen_in_passing():
    cell = "racemic ketamine IV 0.5 mg/kg/h with midazolam"
    assert demo("ketamine_form", cell) == {
        "ketamine_form": Value("racemic", cell),
        "route": passing("IV", cell),
        "comedication": passing("midazolam", cell),
        "rate_min_mg_kg_h": passing(0.5, cell, "mg/kg/h"),
        "rate_max_mg_kg_h": passing(0.5, cell, "mg/kg/h"),
    }
    assert demo("ketamine_form", "Ketamine") == {"ketamine_form": Value(None, "Ketamine")}


def test_ketamine_route():
    assert demo("route", "IV") == {"route": Value("IV", "IV")}
    assert demo("route", "oral") == {"route": Value("oral", "oral")}
    assert demo("route", "by mouth") == {"route": Value(None, "by mouth", warning="route not recognised")}


def test_infusion_dose():
    cell = "0.1-0.3 mg/kg/h racemic"
    assert demo("rate_max_mg_kg_h", cell) == {
        "rate_min_mg_kg_h": Value(0.1, cell, "mg/kg/h"),
        "rate_max_mg_kg_h": Value(0.3, cell, "mg/kg/h"),
        "_dose_mg": Value(None, cell),
        "ketamine_form": passing("racemic", cell),
    }
    low = "2 μg/kg/h"  # 0.002 mg/kg/h
    assert demo("rate_max_mg_kg_h", low)["rate_min_mg_kg_h"] == Value(
        0.002, low, "µg/kg/h", "implausible rate 0.002-0.002 mg/kg/h"
    )
    single = "0.4 mg/kg of ketamine"  # 0.4 x 70 = 28 mg
    assert demo("rate_max_mg_kg_h", single) == {
        "rate_min_mg_kg_h": Value(None, single),
        "rate_max_mg_kg_h": Value(None, single),
        "_dose_mg": Value(28.0, single),
    }
    iv = "IV ketamine 0.5 mg/kg/h"
    assert demo("rate_max_mg_kg_h", iv)["route"] == passing("IV", iv)


def test_infusion_dose_low_end_field_by_option_or_default():
    top = Field("top", "number", "Top rate", parser="infusion_dose")
    assert set(parse("infusion_dose", "1 mg/kg/h", top)) == {"rate_min_mg_kg_h", "top", "_dose_mg"}
    named = Field("top", "number", "Top rate", parser="infusion_dose", options={"low": "bottom"})
    assert set(parse("infusion_dose", "1 mg/kg/h", named)) == {"bottom", "top", "_dose_mg"}


@pytest.mark.parametrize(
    "cell,kwargs,expected",
    [
        (
            "4 h for 5 days, inpatient",
            {},
            {
                "hours_per_session": Value(4.0, "4 h for 5 days, inpatient", "h"),
                "sessions": Value(5, "4 h for 5 days, inpatient"),
                "treatment_days": Value(5.0, "4 h for 5 days, inpatient"),
                "setting": passing("inpatient", "4 h for 5 days, inpatient"),
            },
        ),
        (
            "for 5 days",
            {},
            {
                "hours_per_session": Value(None, "for 5 days"),  # no session length: no unit either
                "sessions": Value(5, "for 5 days"),
                "treatment_days": Value(5.0, "for 5 days"),
            },
        ),
        (
            "3",
            {"bare_unit": "d", "infusion_column": True},  # 3 d continuously = 72 h
            {"hours_per_session": Value(72.0, "3", "d"), "sessions": Value(1, "3"), "treatment_days": Value(3.0, "3")},
        ),
        (
            "4 h daily",
            {},
            {
                "hours_per_session": Value(4.0, "4 h daily", "h", "number of sessions not printed"),
                "sessions": Value(None, "4 h daily"),
                "treatment_days": Value(None, "4 h daily"),
            },
        ),
    ],
)
def test_infusion_duration(cell, kwargs, expected):
    assert demo("hours_per_session", cell, **kwargs) == expected


def test_comedication_pain_scale_and_deferred_cells():
    cell = "midazolam and clonidine"
    assert demo("comedication", cell) == {"comedication": Value("clonidine; midazolam", cell)}
    assert demo("pain_scale", "VAS 0-100") == {
        "pain_scale": Value("VAS", "VAS 0-100"),
        "pain_scale_max": Value(100, "VAS 0-100"),
    }
    scale = Field("scale", "text", "Scale", parser="pain_scale")
    assert parse("pain_scale", "global impression", scale) == {
        "scale": Value(None, "global impression", warning="no pain scale named"),
        "pain_scale_max": Value(None, "global impression"),
    }
    top = Field("scale", "text", "Scale", parser="pain_scale", options={"max_field": "top"})
    assert parse("pain_scale", "NRS 0-10", top) == {"scale": Value("NRS", "NRS 0-10"), "top": Value(10, "NRS 0-10")}
    assert demo("baseline_pain_mean", "7.7±1.8") == {"baseline_pain_mean": Value("7.7±1.8", "7.7±1.8")}


def test_responders_and_their_definition():
    warning = "0.5 looks like a fraction among percentages; read as 50%"
    assert demo("responders_pct", "0.5", siblings=(40.0, 60.0)) == {
        "responders_pct": Value(Percent("0.5", 50.0, warning), "0.5")
    }
    cell = "≥30% reduction at 12 wk"
    assert demo("responder_definition", cell) == {
        "responder_definition": Value(cell, cell),
        "followup_weeks": passing(12.0, cell, "wk"),
    }
    assert demo("responder_definition", "≥30% reduction") == {
        "responder_definition": Value("≥30% reduction", "≥30% reduction")
    }
