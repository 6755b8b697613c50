"""Harmonise small frames shaped like each review's table (rows typed from the seed texts)."""

import json

import pandas as pd
import pytest

from conftest import REPO
from litcurate.harmonise import harmonise_table
from litcurate.harmonise.codebook import load_codebook
from litcurate.schemas.studies import output_columns
from litcurate.schemas.studies import studies_schema as schema_of
from litcurate.validate import TableInvalid, validate

CODEBOOK = load_codebook(REPO / "config" / "codebook.yaml")
OUTPUT_COLUMNS = output_columns(CODEBOOK)
studies_schema = schema_of(CODEBOOK)


def harmonise(df: pd.DataFrame, review_id: str, table_id: str, caption: str = ""):
    """The demo codebook's rows and warnings of one table."""
    out, warnings, _ = harmonise_table(df, review_id, table_id, CODEBOOK, caption)
    return out, warnings


def frame(header: str, rows: str, labels: list[str], page: int = 1) -> pd.DataFrame:
    df = pd.DataFrame([r.split("\t") for r in rows.strip().split("\n")], columns=header.split("\t"))
    df["_page"] = page
    df["_ref_no"] = [str(i + 10) for i in range(len(df))]
    df["_row"] = range(1, len(df) + 1)
    df["_label"] = labels
    return df


def by_author(out: pd.DataFrame, author: str) -> pd.Series:
    hits = out[out["first_author"] == author]
    assert len(hits) == 1, author
    return hits.iloc[0]


def messages(warnings, field):
    return [w["message"] for w in warnings if w["field"] == field]


ZHAO_H = (
    "Study\tYear\tIntervention\tConcentrations\tDuration of interventions (day)\tN\tN (man)\tWeight\tAge\t"
    "Baseline (pain score)\tTreatment end (pain score)\tImmediate response (% relief)\t"
    "Follow-up effectiveness (% relief in 1-3 month)\tNone effect (% none relief)\tHistory (pain duration)\tSide effect"
)
ZHAO_R = """
Correl, G et al\t2004\tS+ketamine\t23.4±9.6mg/hr\t4.7\t33\t25\t-\t40.5±13.8\t-\t-\t76\t54\t6\t28.1±47 months\tElevations of liver enzymes, Inebriation, Hallucinations
Kiefer, R et al\t2008\tS+ketamine\t50-500mg/d\t10\t4\t0\t-\t25.3±10.3\t85.1±1.9\t89±0.1\t0\t0\t100\t58±20 months\tNausea, tiredness
Schwartzman, R et al\t2009\tS+ketamine\t0.35mg/kg/hr\t10\t19(26)\t1\t-\t41.9±9.8\t7.7±1.5\t6.01±0.6\t26.3\tEffective\t5\t6.6±5.8 months\tNausea, headache
Goldberg, M et al\t2010\tS+ketamine\t10-40mg/hr\t5\t16\t1\t67.9±19.3\t33±10.2\t8.5±1.6\t5.4±0.8\t62.5\t0.6\t37.5\tFulfill CRPS diagnosis criteria\tNo evidence of significant tachycardia
Goebel, A et al\t2015\tRacemic ketamine\t44.6±21.9mg/hr\t4.5\t5\t3\t-\t44.6±6.9\t8.2±1.2\t4.5±3.7\t83.3\t33.3\t17.7\t>1 year\tLiver enzymes were mildly raised
Koffler, S et al\t2007\tS+ketamine\t0.25-0.3mg/dl\t4.5\t9\t1\t-\t29.1±9.43\t54.44±9.77\t29.0±20.26\t-\t-\t-\t55.6±24.75 months\tMuscle weakness
Schilder, J et al\t2013\tS+ketamine\t22.2±2.0 mg/hr/70kg\t4.5\t15\t2\t-\t42.3±13.7\t6.9±1.3\t2±0.8\t-\t-\t-\t9.6±9.9 months\tNo direct effect
"""


@pytest.fixture(scope="module")
def zhao():
    labels = [
        "Correl, G et al",
        "Kiefer, R et al",
        "Schwartzman, R et al",
        "Goldberg, M et al",
        "Goebel, A et al",
        "Koffler, S et al",
        "Schilder, J et al",
    ]
    return harmonise(frame(ZHAO_H, ZHAO_R, labels, page=4), "zhao2018", "table1")


def test_zhao_schwartzman_row(zhao):
    out, _ = zhao
    r = by_author(out, "Schwartzman")
    assert (r["n_analysed"], r["n_randomised"]) == (19, 26)
    assert r["ketamine_form"] == "S(+)"  # as printed; lii2023 says racemic, a conflict for later
    assert r["rate_min_mg_kg_h"] == r["rate_max_mg_kg_h"] == 0.35
    assert r["rate_max_mg_kg_h_raw"] == "0.35mg/kg/hr"
    assert (r["baseline_pain_mean"], r["baseline_pain_sd"], r["end_pain_mean"]) == (7.7, 1.5, 6.01)
    assert r["responders_pct_immediate"] == 26.3
    assert pd.isna(r["responders_pct_followup"]) and r["responders_pct_followup_raw"] == "Effective"
    assert (r["review_id"], r["table_id"], r["row"], r["page"], r["ref_no"]) == ("zhao2018", "table1", 3, 4, "12")


def test_zhao_rates_per_70kg(zhao):
    out, _ = zhao
    correl = by_author(out, "Correl")
    assert correl["rate_max_mg_kg_h"] == pytest.approx(23.4 / 70, abs=1e-5)
    assert correl["rate_max_mg_kg_h_unit"] == "mg/h"
    assert by_author(out, "Schilder")["rate_max_mg_kg_h"] == pytest.approx(22.2 / 70, abs=1e-5)
    assert pd.isna(by_author(out, "Koffler")["rate_max_mg_kg_h"])


def test_zhao_days_column_gives_treatment_days_not_session_hours(zhao):
    out, _ = zhao
    correl = by_author(out, "Correl")
    assert correl["treatment_days"] == 4.7 and pd.isna(correl["hours_per_session"])
    assert pd.isna(correl["total_dose_mg_70kg"]) and pd.isna(correl["high_dose"])


def test_zhao_pain_on_0_100_divided_with_unit_kept(zhao):
    out, warnings = zhao
    koffler = by_author(out, "Koffler")
    assert koffler["baseline_pain_mean"] == pytest.approx(5.444)
    assert koffler["baseline_pain_mean_unit"] == "0-100" and koffler["pain_scale_max"] == 100
    assert koffler["baseline_pain_mean_raw"] == "54.44±9.77"
    assert any("0-100 scale inferred" in m for m in messages(warnings, "pain_scale_max"))
    assert by_author(out, "Goebel")["baseline_pain_mean_unit"] == "0-10"


def test_zhao_warnings(zhao):
    out, warnings = zhao
    assert by_author(out, "Goldberg")["responders_pct_followup"] == 60
    follow = messages(warnings, "responders_pct_followup")
    assert any("fraction" in m for m in follow) and any("not a number" in m for m in follow)
    assert any("concentration" in m for m in messages(warnings, "rate_min_mg_kg_h"))
    unmapped = {
        w["column"]
        for w in warnings
        if w["message"] == "no codebook field claims this column; its cells are in extra.csv"
    }
    assert unmapped == {"Weight", "None effect (% none relief)", "History (pain duration)"}
    assert json.loads(by_author(out, "Goldberg")["unmapped_raw"])["Weight"] == "67.9±19.3"


def test_zhao_output_passes_schema(zhao):
    out, _ = zhao
    assert list(out.columns) == OUTPUT_COLUMNS
    validate(out, studies_schema, "studies.csv")


MAHER_H = (
    "Reference\tClinical Indication\tStudy Size\tStudy Design\tDuration of Infusion\tStudy Setting\tDose Range\t"
    "Combination Therapy\tDuration of Pain Relief\tSecondary Outcomes\tSide Effects"
)
MAHER_R = """
Sigtermans et al ³\tCRPS-1\t60\tPRCT parallel\t100 h continuously\tIP\t22.2 mg/h normalized to a 70-kg patient. 0.43 mg/kg/h maximum. S(+)-ketamine used.\tNone\tDecreased NRS-11 compared with placebo until 11 wk.\tNo difference in:\t1. Ketamine increased the incidence of nausea, vomiting, psychomimetic effects.
Schwartzman et al ⁴\tCRPS\t19\tPRCT parallel\t4 h for 10 nonconsecutive days\tOP\t100 mg over 4 h. 0.35 mg/kg/h maximum.\t0.1 mg PO clonidine and 4 mg IV midazolam at the start of each daily infusion\t1. Decrease in sensory and affective components of the MPQ at 12 wk.\tNo difference in 2 quality of life questionnaires.\t2. No patient reported hallucinations or dysphoria.
Kiefer et al ⁶\tCRPS-1\t20\tPONRT\t5 d continuously in an inpatient ICU setting.\tIP\tBolus of 1–1.5 mg/kg, then 3 mg/kg/h and increased to 7 mg/kg/h.\t1. Bolus of 2.5–7.5 mg midazolam, followed by infusion at 0.15–0.4 mg/kg/h. 2. Clonidine 0.2–0.85 µg/kg/h. 3. Supportive ICU care.\t1. Pain relief at 1 wk, 1 mo, 3 mo, and 6 mo.\t3. No change in depression\tNone.
Correll et al ²⁶\tCRPS-1 and 2\t31 CRPS-1 RS and 2 CPRS-2\t\tContinued for as long as patient-tolerated infusion. Ten patients received a second infusion and 2 received a third infusion.\tIP\t10 mg/h. Increased as tolerated. Average maximum tolerated infusion rate 23.4 mg/h.\tNone.\t1. After first infusion\tNone.\t3. Six patients experienced hallucinations.
Eide et al ⁸\tTraumatic spinal cord injury\t9\tPRCT crossover\t17–21 min\tIP\t60 µg/kg bolus infusion of 6 µg/kg.\tNone.\tDecreased continuous VAS pain intensity\t1. No change in heat pain threshold.\t4. Four patients experienced elevated transaminases.
Kim et al ¹²\tPHN\t30\tPRNCT 15 ketamine 15 MgSO ₄\t1 h every other day for 3 d\tIP\t0.1 mg/kg ketamine or 30 mg/kg of MgSO ₄ .\t0.1 mg/kg midazolam to render patients unconscious.\t1. Decreased mean VAS at 2 wk\t1. Ketamine group had improved allodynia\tThe most common complications reported in both infusion groups included somnolence and dizziness.
Patil and Anitescu ²⁷\t18 CRPS, 8 chronic headache and 7 LBP; 16 mixed neuropathic pain diagnoses\t49 patients 369 infusions\tRS\tCRPS average 43.5 min every 30.8 d. Non-CRPS average 34.7 min every 34 d\tOP\tAverage CRPS dose 1.0 mg/kg. Average non-CRPS dose 0.9 mg/kg.\tNone.\t27% report relief lasting several hours\t1. CRPS average VAS change was 7.7.\t1. Minimal side effects reported in all patients.
Polomano et al ²⁵\tNeuropathic pain after combat limb injury\t19\tRS\t3 d\tIP\t120 µg/kg/h ketamine.\tNone.\t1. Reduced PPI over the study period.\t2. Non-CRPS average VAS change was 6.\t2. Hypertension and sedation were the most common side effects.
"""


@pytest.fixture(scope="module")
def maher():
    labels = [
        "Sigtermans et al",
        "Schwartzman et al",
        "Kiefer et al",
        "Correll et al",
        "Eide et al",
        "Kim et al",
        "Patil and Anitescu",
        "Polomano et al",
    ]
    return harmonise(frame(MAHER_H, MAHER_R, labels), "maher2017", "table2")


def test_maher_design_abbreviations_and_settings(maher):
    out, _ = maher
    designs = dict(zip(out["first_author"], out["design"]))
    assert designs["Sigtermans"] == "RCT parallel" and designs["Eide"] == "RCT crossover"
    assert designs["Kiefer"] == "prospective observational" and designs["Patil"] == "retrospective"
    assert designs["Kim"] == "RCT" and pd.isna(designs["Correll"])
    settings = dict(zip(out["first_author"], out["setting"]))
    assert settings["Sigtermans"] == "inpatient" and settings["Schwartzman"] == "outpatient"


def test_maher_continuous_infusion_total_dose(maher):
    out, _ = maher
    sig = by_author(out, "Sigtermans")
    assert (sig["hours_per_session"], sig["sessions"]) == (100, 1)
    assert (sig["rate_min_mg_kg_h"], sig["rate_max_mg_kg_h"]) == (pytest.approx(22.2 / 70, abs=1e-5), 0.43)
    assert sig["total_dose_mg_70kg"] == pytest.approx(0.43 * 70 * 100) and sig["high_dose"]
    assert sig["ketamine_form"] == "S(+)"  # printed in the dose cell
    assert "x 100 h" in sig["total_dose_mg_70kg_raw"]


def test_maher_repeated_sessions_and_comedication(maher):
    out, _ = maher
    sch = by_author(out, "Schwartzman")
    assert (sch["hours_per_session"], sch["sessions"]) == (4, 10)
    assert sch["total_dose_mg_70kg"] == pytest.approx(1000, abs=1) and sch["high_dose"]
    assert sch["comedication"] == "clonidine; midazolam"
    assert by_author(out, "Kiefer")["comedication"] == "clonidine; midazolam"
    assert by_author(out, "Sigtermans")["comedication"] == "none"


def test_maher_low_dose_and_counts(maher):
    out, warnings = maher
    kim = by_author(out, "Kim")
    assert kim["total_dose_mg_70kg"] == pytest.approx(0.1 * 70 * 3) and not kim["high_dose"]
    assert by_author(out, "Correll")["n_randomised"] == 33
    assert any("summed" in m for m in messages(warnings, "n_randomised"))
    assert by_author(out, "Patil")["n_randomised"] == 49
    assert by_author(out, "Polomano")["rate_max_mg_kg_h"] == 0.12
    assert by_author(out, "Polomano")["hours_per_session"] == 72  # '3 d' in an infusion-duration column
    assert by_author(out, "Eide")["hours_per_session"] == pytest.approx(0.35)
    assert any(w["message"] == "no duration found" for w in warnings)
    validate(out, studies_schema, "studies.csv")


ORH_H = (
    "Reference\tStudy Design and Setting\tPatient Population\tTreatment Group\t"
    "Ketamine Infusion Duration and Maximum Dose ^a\tControl Group\tOutcomes Assessed\tPain Assessment Time Points\t"
    "Analgesic Outcomes\tAdverse Effects"
)
ORH_R = """
Amr ²⁷\tDouble-blind placebo-controlled trial; inpatient\t40 subjects with post-spinal cord injury; severe neuropathic pain for over 6 mo\tKetamine infusion + gabapentin 300 mg three times daily (n = 20)\t5 h daily for 7 consecutive days (35 h); 0.22 mg/kg/h\tNormal saline + gabapentin 300 mg three times daily (n = 20)\tVisual analog scale pain scores (0–10)\t-Baseline -Daily during the infusion week -End of week 1 ^b -Weekly for 3 wk after the infusion\tMaximum pain relief 1 wk after the ketamine infusion\tKetamine group: short-duration delusions (n = 3) and increase in HR (n = 2)
Eichenberger et al ²⁶\tDouble-blind placebo-controlled crossover trial; inpatient\t20 subjects with chronic phantom limb pain\tKetamine infusion (n = 10); ketamine + calcitonin (n = 20)\t1-h infusion; 0.4 mg/kg/h\tNormal saline (n = 20); calcitonin (n = 20)\t-Visual analog scale pain scores (0–10)\t-At 48 h ^b after infusion\tKetamine and the combination treatment\tKetamine group: -Sedation (n = 2)
Sigtermans et al ²³\tDouble-blind placebo-controlled trial; inpatient\t60 subjects with complex regional pain syndrome I based on International Association for the Study of Pain diagnostic criteria ^{10,11}\tS (+)-ketamine infusion based on stepwise tailoring of dosage based on benefit and adverse effects (range, 0.07–0.43 mg/kg/h) (n = 30)\tContinuous for 4.2 d (100 h); 0.43 mg/kg/h with a mean dose of 0.32 mg/kg/h (maximum of 30 mg/h)\tNormal saline (n = 30)\t-Numeric Rating Scale pain scores (0–10)\t-Baseline -Weekly during the 12-wk infusion\tPain scores over the 12-wk study period\t-Nausea (n = 19) -Vomiting (n = 14)
Noppers et al ²⁸\tDouble-blind placebo-controlled trial; outpatient\t24 subjects with fibromyalgia as per American College of Rheumatology 1990 criteria ¹²\tS (+) ketamine infusion (n = 12)\t30 min; 0.5 mg/kg\tMidazolam 5 mg (n = 12)\t-Visual analog scale pain scores (0–10)\t-Baseline -1 ^b and 8 wk\tPain scores lower in ketamine group at 15 min\t-Distortion in perception
"""


@pytest.fixture(scope="module")
def orhurhu():
    labels = ["Amr", "Eichenberger et al", "Sigtermans et al", "Noppers et al"]
    return harmonise(frame(ORH_H, ORH_R, labels), "orhurhu2019", "table1", caption="Studies of intravenous ketamine")


def test_orhurhu_composite_columns(orhurhu):
    out, _ = orhurhu
    amr = by_author(out, "Amr")
    assert (amr["design"], amr["blinding"], amr["setting"]) == ("RCT", "double-blind", "inpatient")
    assert (amr["condition"], amr["n_randomised"]) == ("SCI", 40)
    assert (amr["hours_per_session"], amr["sessions"], amr["rate_max_mg_kg_h"]) == (5, 7, 0.22)
    assert amr["comparator"] == "placebo" and amr["comedication"] == "gabapentin"
    assert (amr["pain_scale"], amr["pain_scale_max"]) == ("VAS", 10)
    assert amr["route"] == "IV" and amr["route_raw"] == "(assumed for this table)"
    assert by_author(out, "Eichenberger")["design"] == "RCT crossover"


def test_orhurhu_sigtermans_and_noppers(orhurhu):
    out, _ = orhurhu
    sig = by_author(out, "Sigtermans")
    assert sig["ketamine_form"] == "S(+)" and sig["hours_per_session"] == 100
    assert (sig["rate_min_mg_kg_h"], sig["rate_max_mg_kg_h"]) == (0.32, 0.43)  # the dose column wins
    nop = by_author(out, "Noppers")
    assert nop["ketamine_form"] == "S(+)" and nop["total_dose_mg_70kg"] == 35 and not nop["high_dose"]
    assert nop["followup_weeks"] == 8
    validate(out, studies_schema, "studies.csv")


COHEN_H = "First Author, Year\tPatients\tKetamine Regimen\tFollow-Up\tResults\tComments"
COHEN_R = """
Amr, ¹⁵⁵ 2010\t40 patients with neuropathic pain after spinal cord injury\t80 mg over 5 h per day × 1 wk\t4 wk\tKetamine better than placebo for 2 wk\tAll patients also received gabapentin
Schwartzman, ¹²³ 2009\t19 patients with CRPS types 1 and 2\tUp to 100 mg over 4 h for 10 consecutive weekdays\t9–12 wk\tKetamine better than placebo for pain\tStudy halted at midpoint
Sigtermans, ¹⁶¹ 2009\t60 patients with CRPS type 1\t0.43 mg/kg per hour continuously over 4.2 d\t12 wk\tKetamine better than placebo\tBlinding ineffective
Mitchell, ¹⁶² 2002\t35 patients with ischemic limb pain\t0.6 mg/kg over 4 h\t2–9 d (mean, 5 d)\tKetamine better than placebo\tAll patients also received opioids
"""


def test_cohen_author_year_cell_and_regimen():
    out, warnings = harmonise(
        frame(COHEN_H, COHEN_R, ["Amr", "Schwartzman", "Sigtermans", "Mitchell"]), "cohen2018", "table2"
    )
    amr = by_author(out, "Amr")
    assert (amr["year"], amr["n_randomised"], amr["condition"]) == (2010, 40, "SCI")
    assert (amr["hours_per_session"], amr["sessions"]) == (5, 7)
    assert amr["total_dose_mg_70kg"] == pytest.approx(560) and amr["followup_weeks"] == 4
    assert by_author(out, "Schwartzman")["total_dose_mg_70kg"] == pytest.approx(1000, abs=1)
    assert by_author(out, "Sigtermans")["hours_per_session"] == pytest.approx(100.8)
    mitchell = by_author(out, "Mitchell")
    assert mitchell["rate_max_mg_kg_h"] == pytest.approx(0.15) and mitchell["condition"] == "ischemic limb"
    assert {w["column"] for w in warnings if w["field"] is None} == {"Results", "Comments"}
    validate(out, studies_schema, "studies.csv")


LII_H = (
    "Study and Year\tStudy Design\tSample Size\tSetting\tDrug\tInfusion Rate\tTreatment Duration, d\t"
    "Duration of Pain Relief\tPercent Responders\tDefinition of Responder\tMedications to Control Side Effects"
)
LII_R = """
Correll et al, ⁷⁵ 2004\tRetrospective chart review\t33\tInpatient\tRacemic ketamine\t10–50 mg/h\t4.7\t9.44 mo (mean duration of being pain free)\t54\t“Pain free” for 3 mo\tNot reported
Kiefer et al, ⁵¹ 2008\tOpen-label single-arm study\t20\tInpatient (intensive care)\tRacemic ketamine\t3–7 mg/kg/h\t5\t—\t65\t“Full remission” at 3 mo\tMidazolam 0.15–0.4 mg/kg/h IV, clonidine 0.2–0.85 µg/kg/h IV
Mangnus et al, ⁵⁶ 2021\tRetrospective chart review\t48\tInpatient\tS(+)-ketamine\t3–14 mg/h\t7\t—\t48\tReduction of 2 points on the 0–10 Numeric Rating Scale pain scale at first follow-up (median 4 wk)\tNone (ketamine dose was reduced until side effects abated)
Schwartzman et al, ¹⁸ 2009\tRandomized placebo-controlled trial\t26\tOut patient\tRacemic ketamine\t0.175–0.35 mg/kg/h\t10\tUp to 12 mo (significant decrease compared with placebo)\t—\t—\tMidazolam 2 mg IV before and after infusion, clonidine 0.1 mg PO before infusion
"""


def test_lii_table():
    out, _ = harmonise(
        frame(LII_H, LII_R, ["Correll et al", "Kiefer et al", "Mangnus et al", "Schwartzman et al"]),
        "lii2023",
        "table1",
    )
    correll = by_author(out, "Correll")
    assert (correll["year"], correll["design"], correll["ketamine_form"]) == (2004, "retrospective", "racemic")
    assert correll["rate_min_mg_kg_h"] == pytest.approx(10 / 70, abs=1e-5)
    assert correll["rate_max_mg_kg_h"] == pytest.approx(50 / 70, abs=1e-5)
    # An untimed responder column goes to the time point its definition names.
    assert correll["responders_pct_followup"] == 54 and pd.isna(correll["responders_pct_immediate"])
    assert correll["followup_weeks"] == pytest.approx(13.04)
    kiefer = by_author(out, "Kiefer")
    assert (kiefer["setting"], kiefer["design"], kiefer["comparator"]) == ("ICU", "open-label", "none")
    sch = by_author(out, "Schwartzman")
    assert (sch["n_randomised"], sch["setting"], sch["ketamine_form"], sch["design"]) == (
        26,
        "outpatient",
        "racemic",
        "RCT",
    )
    assert by_author(out, "Mangnus")["comedication"] == "none"
    validate(out, studies_schema, "studies.csv")


def test_output_is_deterministic():
    df = frame(LII_H, LII_R, ["Correll et al", "Kiefer et al", "Mangnus et al", "Schwartzman et al"])
    first, w1 = harmonise(df, "lii2023", "table1")
    second, w2 = harmonise(df.copy(), "lii2023", "table1")
    assert first.to_csv(index=False) == second.to_csv(index=False) and w1 == w2


def test_schema_rejects_inconsistent_high_dose_flag(zhao):
    out, _ = zhao
    bad = out.copy()
    bad.loc[0, "total_dose_mg_70kg"] = 100.0
    bad.loc[0, "high_dose"] = True
    with pytest.raises(TableInvalid, match="high_dose"):
        validate(bad, studies_schema, "studies.csv")


@pytest.mark.parametrize(
    "column,value",
    [
        ("year", 1890),
        ("n_randomised", 0),
        ("baseline_pain_mean", 54.4),
        ("responders_pct_immediate", 120.0),
        ("baseline_pain_sd", -1.0),
        ("rate_min_mg_kg_h", -0.1),
        ("condition", "gout"),
    ],
)
def test_schema_rejects_out_of_range_values(zhao, column, value):
    out, _ = zhao
    bad = out.copy()
    bad[column] = bad[column].astype(object)
    bad.loc[1, column] = value
    with pytest.raises(TableInvalid, match=column):
        validate(bad, studies_schema, "studies.csv")


def test_written_csv_validates_when_read_back_as_text(maher, tmp_path):
    from litcurate.io import read_csv
    from litcurate.validate import write_validated_csv

    out, _ = maher
    path = tmp_path / "studies.csv"
    write_validated_csv(path, out, studies_schema)
    back = validate(read_csv(path), studies_schema, path)
    assert back["high_dose"].tolist() == out["high_dose"].tolist()
    assert back["sessions"].tolist() == out["sessions"].tolist()
