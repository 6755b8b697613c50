"""Report pieces: PRISMA2020 template CSV, PNG flow diagram, long-form outcomes, QC warnings."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

import pandas as pd
import pytest
from PIL import Image, ImageChops

from conftest import REPO
from litcurate.harmonise.codebook import load_codebook
from litcurate.harmonise.step import stage_warning
from litcurate.io import read_csv, write_csv
from litcurate.link.sources import pair_warnings
from litcurate.report import prisma_png
from litcurate.report.outcomes import build_outcomes as outcomes_under
from litcurate.report.prisma import arithmetic_errors
from litcurate.report.prisma_csv import flow_to_prisma2020_csv
from litcurate.report.prisma_svg import render_flow_svg
from litcurate.report.qc import collect_warnings, qc_summary
from litcurate.schemas.outcomes import COLUMN_DOCS
from litcurate.schemas.outcomes import outcomes_schema as outcomes_schema_of
from litcurate.schemas.prisma import prisma2020_csv
from litcurate.schemas.qc import warnings_schema
from litcurate.validate import TableInvalid, validate, write_validated_csv
from litcurate.warnings import StageWarning, write_warnings

DEMO_CODEBOOK = load_codebook(REPO / "config" / "codebook.yaml")
outcomes_schema = outcomes_schema_of(DEMO_CODEBOOK)


def build_outcomes(rows: pd.DataFrame, included: set[str]) -> pd.DataFrame:
    return outcomes_under(rows, included, DEMO_CODEBOOK)


# --------------------------------------------------------------------------- PRISMA flow


def _flow() -> dict:
    """A hand-made flow that adds up: two databases, a duplicate, reasons with a comma."""
    return {
        "prisma": "PRISMA 2020",
        "databases": {
            "records_identified": {"Embase": 7, "PubMed": 12},
            "records_identified_total": 19,
            "duplicates_removed": 3,
            "records_screened": 16,
            "records_excluded": 9,
            "records_excluded_reasons": {"animal study": 4, "review, guideline or survey": 5},
            "records_awaiting_screening": 1,
            "reports_sought": 6,
            "reports_not_retrieved": 1,
            "reports_assessed": 5,
            "reports_excluded": {"not intravenous": 2},
            "reports_excluded_total": 2,
            "reports_awaiting_decision": 1,
            "reports_included": 2,
        },
        "other_methods": {
            "records_identified": {"citation searching (review trial tables)": 8},
            "records_identified_total": 8,
            "reports_sought": 8,
            "reports_not_retrieved": 0,
            "reports_assessed": 8,
            "reports_excluded": {"case report": 1, "not intravenous": 2},
            "reports_excluded_total": 3,
            "reports_awaiting_decision": 0,
            "reports_included": 5,
        },
        "included": {"studies": 6, "reports": 7},
    }


def _n(frame: pd.DataFrame, name: str) -> str:
    values = frame.loc[frame["data"] == name, "n"].tolist()
    assert len(values) == 1, name
    return values[0]


def _parse_like_r(text: str) -> dict[str, int]:
    """How PRISMA2020::PRISMA_data reads a breakdown: entries split on ';', label before the first ','."""
    out = {}
    for entry in text.split(";"):
        label, _, number = entry.strip().partition(",")
        out[label] = int(number.strip())
    return out


def test_flow_fixture_adds_up():
    assert arithmetic_errors(_flow()) == []


def test_prisma_csv_counts_equal_the_flow_boxes():
    flow = _flow()
    db, other, inc = flow["databases"], flow["other_methods"], flow["included"]
    frame = validate(flow_to_prisma2020_csv(flow), prisma2020_csv, "prisma2020.csv")
    expected = {
        "database_results": 19,
        "register_results": 0,
        "website_results": 0,
        "organisation_results": 0,
        "citations_results": 8,
        "duplicates": 3,
        "excluded_automatic": 0,
        "excluded_other": 0,
        "records_screened": 16,
        "records_excluded": 9,
        "dbr_sought_reports": 6,
        "dbr_notretrieved_reports": 1,
        "dbr_assessed": 5,
        "other_sought_reports": 8,
        "other_notretrieved_reports": 0,
        "other_assessed": 8,
        "new_studies": 6,
        "new_reports": 7,
        "total_studies": 6,
        "total_reports": 7,
        "previous_studies": 0,
        "previous_reports": 0,
    }
    for name, n in expected.items():
        assert int(_n(frame, name)) == n, name
    assert _parse_like_r(_n(frame, "database_specific_results")) == db["records_identified"]
    assert _parse_like_r(_n(frame, "dbr_excluded")) == db["reports_excluded"]
    assert _parse_like_r(_n(frame, "other_excluded")) == other["reports_excluded"]
    assert sum(_parse_like_r(_n(frame, "other_excluded")).values()) == other["reports_excluded_total"]
    assert int(_n(frame, "new_studies")) == inc["studies"]


def test_prisma_csv_has_every_template_row_once():
    frame = flow_to_prisma2020_csv(_flow())
    assert list(frame.columns) == ["data", "node", "box", "description", "boxtext", "tooltips", "url", "n"]
    names = [d for d in frame["data"] if d != "NA"]
    assert len(names) == len(set(names))
    for name in [
        "previous_studies",
        "previous_reports",
        "register_results",
        "database_results",
        "website_results",
        "organisation_results",
        "citations_results",
        "duplicates",
        "excluded_automatic",
        "excluded_other",
        "records_screened",
        "records_excluded",
        "dbr_sought_reports",
        "dbr_notretrieved_reports",
        "other_sought_reports",
        "other_notretrieved_reports",
        "dbr_assessed",
        "dbr_excluded",
        "other_assessed",
        "other_excluded",
        "new_studies",
        "new_reports",
        "total_studies",
        "total_reports",
        "database_specific_results",
        "register_specific_results",
    ]:
        assert name in names


def test_prisma_csv_reason_with_comma_stays_one_entry():
    flow = _flow()
    flow["databases"]["reports_excluded"] = {"review, guideline; or survey": 2}
    parsed = _parse_like_r(_n(flow_to_prisma2020_csv(flow), "dbr_excluded"))
    assert list(parsed.values()) == [2]
    assert "review" in next(iter(parsed)) and "survey" in next(iter(parsed))


def test_prisma_csv_no_exclusions_is_zero():
    flow = _flow()
    flow["databases"]["reports_excluded"] = {}
    assert _n(flow_to_prisma2020_csv(flow), "dbr_excluded") == "0"


def test_prisma_csv_awaiting_decisions_are_in_the_tooltips():
    frame = flow_to_prisma2020_csv(_flow())
    tips = dict(zip(frame["data"], frame["tooltips"]))
    assert "1 record(s) awaiting" in tips["records_screened"]
    assert "1 report(s) awaiting" in tips["dbr_assessed"]
    assert "awaiting" not in tips["other_assessed"]


def test_prisma_csv_unknown_other_method_is_refused():
    flow = _flow()
    flow["other_methods"]["records_identified"] = {"hand searching": 8}
    with pytest.raises(ValueError, match="hand searching"):
        flow_to_prisma2020_csv(flow)


def test_prisma_csv_round_trips_through_the_validated_writer(tmp_path):
    frame = flow_to_prisma2020_csv(_flow())
    path = tmp_path / "prisma2020.csv"
    write_validated_csv(path, frame, prisma2020_csv)
    first = path.read_bytes()
    back = read_csv(path)
    assert back.fillna("").equals(frame.fillna(""))
    write_validated_csv(path, flow_to_prisma2020_csv(_flow()), prisma2020_csv)
    assert path.read_bytes() == first


def test_prisma_schema_rejects_text_in_a_count():
    frame = flow_to_prisma2020_csv(_flow())
    frame.loc[frame["data"] == "records_screened", "n"] = "16 records"
    with pytest.raises(TableInvalid, match="must be a whole number"):
        validate(frame, prisma2020_csv, "prisma2020.csv")


# --------------------------------------------------------------------------- PNG diagram


def _svg_size(flow: dict) -> tuple[int, int]:
    root = ET.fromstring(render_flow_svg(flow))
    return int(root.get("width")), int(root.get("height"))


def test_png_is_a_png_of_the_svg_size():
    flow = _flow()
    data = prisma_png.render_flow_png(flow)
    image = Image.open(io.BytesIO(data))
    image.load()
    assert image.format == "PNG"
    width, height = _svg_size(flow)
    assert image.size == (width * prisma_png.SCALE, height * prisma_png.SCALE)
    gray = image.convert("L")
    dark = sum(gray.histogram()[:128])
    assert 0.005 < dark / (image.size[0] * image.size[1]) < 0.2  # drawn on, but mostly white


def test_png_bytes_are_deterministic():
    assert prisma_png.render_flow_png(_flow()) == prisma_png.render_flow_png(_flow())


def test_png_changes_with_a_count():
    flow = _flow()
    changed = json.loads(json.dumps(flow))
    changed["included"]["studies"] = 5
    a = Image.open(io.BytesIO(prisma_png.render_flow_png(flow))).convert("L")
    b = Image.open(io.BytesIO(prisma_png.render_flow_png(changed))).convert("L")
    assert a.size == b.size
    assert ImageChops.difference(a, b).getbbox() is not None


def test_png_falls_back_to_the_default_font(monkeypatch, tmp_path):
    monkeypatch.setattr(prisma_png, "FONT_DIR", tmp_path / "no-fonts")
    prisma_png._font.cache_clear()
    try:
        image = Image.open(io.BytesIO(prisma_png.render_flow_png(_flow())))
        assert image.format == "PNG"
    finally:
        prisma_png._font.cache_clear()


# --------------------------------------------------------------------------- outcomes

# Cells of zhao2018 table 1 row 2 (Webster 2006) and lii2023 table 1 row 1 (Correll 2004)
# as harmonised; a third study is not included.
_ROWS = [
    {
        "review_id": "zhao2018",
        "table_id": "table1",
        "row": 2,
        "page": 2,
        "study_id": "webster2006",
        "n_randomised": 13,
        "n_analysed": None,
        "baseline_pain_mean": 7.7,
        "baseline_pain_sd": 1.8,
        "baseline_pain_mean_raw": "7.7±1.8",
        "end_pain_mean": 4.8,
        "end_pain_sd": 2.3,
        "end_pain_mean_raw": "4.8±2.3",
        "responder_definition": None,
        "responders_pct_immediate": 62.0,
        "responders_pct_immediate_raw": "62",
        "responders_pct_followup": 54.0,
        "responders_pct_followup_raw": "54",
        "followup_weeks": None,
    },
    {
        "review_id": "lii2023",
        "table_id": "table1",
        "row": 1,
        "page": 1,
        "study_id": "correll2004",
        "n_randomised": 40,
        "n_analysed": 33,
        "baseline_pain_mean": None,
        "baseline_pain_sd": None,
        "baseline_pain_mean_raw": None,
        "end_pain_mean": None,
        "end_pain_sd": None,
        "end_pain_mean_raw": None,
        "responder_definition": "“Pain free” for 3 mo",
        "responders_pct_immediate": None,
        "responders_pct_immediate_raw": None,
        "responders_pct_followup": 54.0,
        "responders_pct_followup_raw": "54",
        "followup_weeks": 13.04,
    },
    {
        "review_id": "zhao2018",
        "table_id": "table1",
        "row": 9,
        "page": 3,
        "study_id": "notincluded2001",
        "n_randomised": 10,
        "n_analysed": None,
        "baseline_pain_mean": 5.0,
        "baseline_pain_sd": 1.0,
        "baseline_pain_mean_raw": "5±1",
        "end_pain_mean": None,
        "end_pain_sd": None,
        "end_pain_mean_raw": None,
        "responder_definition": None,
        "responders_pct_immediate": None,
        "responders_pct_immediate_raw": None,
        "responders_pct_followup": None,
        "responders_pct_followup_raw": None,
        "followup_weeks": None,
    },
]
_INCLUDED = {"webster2006", "correll2004"}


def _one(out: pd.DataFrame, study: str, outcome: str, time_point: str) -> pd.Series:
    match = out[(out["study_id"] == study) & (out["outcome"] == outcome) & (out["time_point"] == time_point)]
    assert len(match) == 1, (study, outcome, time_point)
    return match.iloc[0]


def test_outcomes_webster2006_from_zhao2018():
    out = validate(build_outcomes(pd.DataFrame(_ROWS), _INCLUDED), outcomes_schema, "outcomes.csv")
    base = _one(out, "webster2006", "pain_intensity", "baseline")
    assert (base["measure"], base["value"], base["sd"], base["n"], base["unit"]) == ("mean", 7.7, 1.8, 13, "0-10")
    assert (base["review_id"], base["table_id"], base["row"], base["page"], base["raw"]) == (
        "zhao2018",
        "table1",
        2,
        2,
        "7.7±1.8",
    )
    end = _one(out, "webster2006", "pain_intensity", "end_of_treatment")
    assert (end["value"], end["sd"], end["n"]) == (4.8, 2.3, 13)
    immediate = _one(out, "webster2006", "responders", "end_of_treatment")
    assert (immediate["measure"], immediate["value"], immediate["unit"]) == ("percent", 62.0, "%")
    assert pd.isna(immediate["sd"])
    assert _one(out, "webster2006", "responders", "followup")["value"] == 54.0


def test_outcomes_prefer_analysed_and_keep_followup_and_definition():
    out = build_outcomes(pd.DataFrame(_ROWS), _INCLUDED)
    followup = _one(out, "correll2004", "responders", "followup")
    assert followup["n"] == 33
    assert followup["followup_weeks"] == 13.04
    assert followup["responder_definition"] == "“Pain free” for 3 mo"
    # nothing is invented for the cells the table leaves empty
    assert set(out.loc[out["study_id"] == "correll2004", "time_point"]) == {"followup"}
    assert out.loc[out["time_point"] != "followup", "followup_weeks"].isna().all()


def test_outcomes_only_for_included_studies():
    out = build_outcomes(pd.DataFrame(_ROWS), _INCLUDED)
    assert set(out["study_id"]) == _INCLUDED
    assert len(out) == 5
    assert build_outcomes(pd.DataFrame(_ROWS), set()).empty


def test_outcomes_same_from_text_and_in_any_row_order(tmp_path):
    """Rows read back from CSV (all text) in another order give the same table."""
    path = tmp_path / "rows.csv"
    write_csv(path, pd.DataFrame(_ROWS[::-1]))
    from_text = build_outcomes(read_csv(path), _INCLUDED)
    typed = build_outcomes(pd.DataFrame(_ROWS), _INCLUDED)
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    write_validated_csv(a, from_text, outcomes_schema)
    write_validated_csv(b, typed, outcomes_schema)
    assert a.read_bytes() == b.read_bytes()


@pytest.mark.parametrize(
    "column,value,check",
    [
        ("value", 12.0, "pain_intensity baseline: 0-10"),  # a pain mean above 10
        ("sd", -1.0, "greater_than_or_equal_to"),
        ("n", 0, "greater_than_or_equal_to"),
    ],
)
def test_outcomes_schema_rejects_implausible_values(column, value, check):
    out = build_outcomes(pd.DataFrame(_ROWS), _INCLUDED)
    first_mean = out.index[out["measure"] == "mean"][0]
    out.loc[first_mean, column] = value
    with pytest.raises(TableInvalid, match=check):
        validate(out, outcomes_schema, "outcomes.csv")


def test_outcomes_schema_rejects_a_percentage_over_100():
    out = build_outcomes(pd.DataFrame(_ROWS), _INCLUDED)
    out.loc[out["measure"] == "percent", "value"] = 120.0
    with pytest.raises(TableInvalid, match="responders end_of_treatment: 0-100"):
        validate(out, outcomes_schema, "outcomes.csv")


# --------------------------------------------------------------------------- QC warnings


def _qc_inputs(tmp_path) -> list[str]:
    """Warnings files as the extract, harmonise, link and screen steps write them."""
    files = {
        "extract_warnings.csv": [
            StageWarning("extract", "row 3 was cut by the page break before page 4; rejoined", "zhao2018", "table1", 3),
            StageWarning("extract", "no numbered reference list found", "zhao2018"),
            StageWarning(
                "extract",
                "table skipped: non-trial: header has no study/author column",
                "zhao2018",
                "table2",
                value="Table 2 Risk of bias",
            ),
            StageWarning(
                "references",
                "Schwartzman 2009; ambiguous: references 4, 13",
                "zhao2018",
                "table1",
                5,
                "_ref_no",
                "Schwartzman, R et al",
            ),
        ],
        "zhao2018_harmonise_warnings.csv": [
            StageWarning("harmonise", "unmapped column kept raw", "zhao2018", "table1", 0, "Weight", "Weight"),
            StageWarning(
                "harmonise",
                "pain_scale_max: 0-100 scale inferred",
                "zhao2018",
                "table1",
                4,
                "Baseline (pain score)",
                "85.1±1.9",
            ),
        ],
        "lii2023_harmonise_warnings.csv": [],
        "link_warnings.csv": [
            StageWarning(
                "link",
                "link pair awaiting a decision (score 0.73): title 1.00 (+6.0); total +8.0",
                "cohen2018",
                value="ref:cohen2018:4 ~ ref:orhurhu2019:2",
            ),
            StageWarning(
                "link",
                "link pair awaiting a decision (score 0.30): same first author one year apart",
                "lii2023",
                "table1",
                5,
                value="ref:lii2023:53 ~ row:lii2023:table1:5",
            ),
        ],
        "screen_warnings.csv": [
            StageWarning(
                "screen",
                "awaiting a full_text screening decision: Persson J 1995: ketamine, allodynia",
                column="full_text",
                value="persson1995",
            ),
        ],
    }
    paths = []
    for name, warnings in files.items():
        write_warnings(tmp_path / name, warnings, file=f"results/{name}")
        paths.append(str(tmp_path / name))
    return paths


def _row(frame: pd.DataFrame, stage: str, contains: str) -> pd.Series:
    match = frame[(frame["stage"] == stage) & frame["message"].str.contains(contains, regex=False)]
    assert len(match) == 1, (stage, contains)
    return match.iloc[0]


def test_qc_concatenates_every_stage_warning(tmp_path):
    warnings = validate(collect_warnings(_qc_inputs(tmp_path)), warnings_schema, "warnings.csv")
    assert warnings["stage"].value_counts().to_dict() == {
        "harmonise": 2,
        "extract": 3,
        "references": 1,
        "link": 2,
        "screen": 1,
    }
    cut = _row(warnings, "extract", "cut by the page break")
    assert (cut["review_id"], cut["table_id"], cut["row"]) == ("zhao2018", "table1", 3)
    assert cut["file"] == "results/extract_warnings.csv"
    assert pd.isna(_row(warnings, "extract", "no numbered reference list")["table_id"])
    ref = _row(warnings, "references", "Schwartzman 2009")
    assert (ref["row"], ref["value"]) == (5, "Schwartzman, R et al")
    assert _row(warnings, "harmonise", "unmapped")["row"] == 0
    assert pd.isna(_row(warnings, "screen", "Persson")["review_id"])


def test_qc_table_is_sorted_and_independent_of_input_order(tmp_path):
    inputs = _qc_inputs(tmp_path)
    first = collect_warnings(inputs)
    second = collect_warnings(inputs[::-1])
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    write_validated_csv(a, first, warnings_schema)
    write_validated_csv(b, second, warnings_schema)
    assert a.read_bytes() == b.read_bytes()
    stages = list(first["stage"])
    assert stages == sorted(stages, key=["extract", "references", "harmonise", "link", "screen"].index)


def test_qc_summary_counts(tmp_path):
    summary = qc_summary(collect_warnings(_qc_inputs(tmp_path)))
    assert summary["total"] == 9
    assert summary["by_stage"] == {"import": 0, "extract": 3, "references": 1, "harmonise": 2, "link": 2, "screen": 1}
    assert summary["by_review"] == {"(project)": 1, "cohen2018": 1, "lii2023": 1, "zhao2018": 6}
    assert summary["by_review_stage"]["zhao2018"] == {"extract": 3, "harmonise": 2, "references": 1}
    json.dumps(summary)  # goes into the HTML report as JSON


def test_qc_with_nothing_to_report(tmp_path):
    write_warnings(tmp_path / "none.csv", [])
    warnings = collect_warnings([tmp_path / "none.csv"])
    validate(warnings, warnings_schema, "warnings.csv")
    assert warnings.empty
    assert qc_summary(warnings)["by_stage"] == dict.fromkeys(
        ["import", "extract", "references", "harmonise", "link", "screen"], 0
    )


def test_link_pair_warnings_are_placed_at_the_table_row_whichever_side_it_is_on():
    rows = pd.DataFrame({"review_id": ["lii2023"], "table_id": ["table1"], "row": [5]})
    references = pd.DataFrame(
        {
            "reference_id": ["ref:cohen2018:4", "ref:orhurhu2019:2", "ref:lii2023:53"],
            "review_id": ["cohen2018", "orhurhu2019", "lii2023"],
        }
    )
    to_review = pd.DataFrame(
        {
            "id_a": ["ref:cohen2018:4", "ref:lii2023:53", "dahan2011"],
            "id_b": ["ref:orhurhu2019:2", "row:lii2023:table1:5", "noppers2011"],
            "score": [0.731059, 0.3, 0.5],
            "reason": ["title 1.00", "one year apart", "same study?"],
        }
    )
    by_reference, by_row, by_publication = pair_warnings(to_review, rows, references)
    assert (by_reference.review_id, by_reference.table_id, by_reference.row) == ("cohen2018", None, None)
    assert (by_row.review_id, by_row.table_id, by_row.row) == ("lii2023", "table1", 5)
    assert by_row.message == "link pair awaiting a decision (score 0.30): one year apart"
    assert by_row.value == "ref:lii2023:53 ~ row:lii2023:table1:5"
    assert (by_publication.review_id, by_publication.table_id) == (None, None)


def test_harmonise_warnings_lead_with_their_field():
    found = {
        "review_id": "zhao2018",
        "table_id": "table1",
        "row": 4,
        "column": "Baseline (pain score)",
        "field": "pain_scale_max",
        "value": "85.1±1.9",
        "message": "0-100 scale inferred",
    }
    warning = stage_warning(found)
    assert (warning.stage, warning.message, warning.row) == ("harmonise", "pain_scale_max: 0-100 scale inferred", 4)
    assert stage_warning({**found, "field": None, "message": "unmapped column kept raw"}).message == (
        "unmapped column kept raw"
    )


def test_outcomes_every_column_is_documented():
    assert list(COLUMN_DOCS) == list(build_outcomes(pd.DataFrame(_ROWS), _INCLUDED).columns)
