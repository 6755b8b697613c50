import pytest

from conftest import REPO
from litcurate.harmonise import header_fields as fields_in
from litcurate.harmonise import map_headers as map_in
from litcurate.harmonise.codebook import load_codebook
from litcurate.harmonise.headers import header_unit

CODEBOOK = load_codebook(REPO / "config" / "codebook.yaml")


def header_fields(header):
    return fields_in(header, CODEBOOK)


def map_headers(headers):
    return map_in(headers, CODEBOOK)


ZHAO = [
    "Study",
    "Year",
    "Intervention",
    "Concentrations",
    "Duration of interventions (day)",
    "N",
    "N (man)",
    "Weight",
    "Age",
    "Baseline (pain score)",
    "Treatment end (pain score)",
    "Immediate response (% relief)",
    "Follow-up effectiveness (% relief in 1-3 month)",
    "None effect (% none relief)",
    "History (pain duration)",
    "Side effect",
]


def test_zhao_headers_map_by_meaning():
    m = map_headers(ZHAO)
    assert m["Study"] == "first_author"
    assert m["Concentrations"] == "rate_max_mg_kg_h"
    assert m["Duration of interventions (day)"] == "hours_per_session"
    assert m["N"] == "n_randomised"
    assert m["N (man)"] == "sex_male_n"
    assert m["Baseline (pain score)"] == "baseline_pain_mean"
    assert m["Treatment end (pain score)"] == "end_pain_mean"
    assert m["Immediate response (% relief)"] == "responders_pct_immediate"
    assert m["Follow-up effectiveness (% relief in 1-3 month)"] == "responders_pct_followup"
    assert m["Side effect"] == "adverse_effects"


@pytest.mark.parametrize(
    "header",
    [
        "Weight",
        "None effect (% none relief)",
        "History (pain duration)",
        "Duration of Pain Relief",
        "Secondary Outcomes",
        "Results",
        "Comments",
        "Analgesic Outcomes",
    ],
)
def test_headers_without_a_canonical_field_stay_unmapped(header):
    assert map_headers([header]) == {header: None}


@pytest.mark.parametrize(
    "header,fields",
    [
        ("Study Design and Setting", ["design", "setting"]),
        ("First Author, Year", ["first_author", "year"]),
        ("Study and Year", ["first_author", "year"]),
        ("Ketamine Infusion Duration and Maximum Dose ^a", ["hours_per_session", "rate_max_mg_kg_h"]),
        ("Study Design and Patients", ["design", "condition"]),
        ("Ketamine Regimen", ["rate_max_mg_kg_h", "hours_per_session"]),
    ],
)
def test_composite_headers_name_every_field(header, fields):
    assert header_fields(header) == fields


@pytest.mark.parametrize(
    "header,field",
    [
        ("Clinical Indication", "condition"),
        ("Study Size", "n_randomised"),
        ("Sample Size", "n_randomised"),
        ("Study Setting", "setting"),
        ("Dose Range", "rate_max_mg_kg_h"),
        ("Infusion Rate", "rate_max_mg_kg_h"),
        ("Combination Therapy", "comedication"),
        ("Medications to Control Side Effects", "comedication"),
        ("Duration of Infusion", "hours_per_session"),
        ("Treatment Duration, d", "hours_per_session"),
        ("Drug", "ketamine_form"),
        ("Treatment Group", "ketamine_form"),
        ("Control Group", "comparator"),
        ("Outcomes Assessed", "pain_scale"),
        ("Pain Assessment Time Points", "followup_weeks"),
        ("Follow-Up", "followup_weeks"),
        ("Definition of Responder", "responder_definition"),
        ("Percent Responders", "responders_pct"),
        ("Patients", "condition"),
        ("Patient Population", "condition"),
        ("Adverse Effects", "adverse_effects"),
        ("Reference", "first_author"),
    ],
)
def test_other_reviews_headers(header, field):
    assert map_headers([header])[header] == field


@pytest.mark.parametrize(
    "typo,field",
    [("Side efects", "adverse_effects"), ("Sampel Size", "n_randomised"), ("Clinical indications", "condition")],
)
def test_fuzzy_matching_absorbs_typos(typo, field):
    assert map_headers([typo])[typo] == field


@pytest.mark.parametrize(
    "header,unit",
    [
        ("Duration of interventions (day)", "d"),
        ("Treatment Duration, d", "d"),
        ("Duration of Infusion", None),
        ("Infusion time (h)", "h"),
    ],
)
def test_header_declares_unit_of_bare_numbers(header, unit):
    assert header_unit(header) == unit
