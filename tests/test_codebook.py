"""The codebook: loading, one-line errors, generated schema/dictionary/README table, generic parsers."""

from __future__ import annotations

import re
import textwrap

import pandas as pd
import pytest
import yaml

from conftest import REPO
from litcurate.errors import CodebookError
from litcurate.harmonise.codebook import load_codebook
from litcurate.harmonise.table import harmonise_table
from litcurate.schemas.dataset import dictionary_markdown
from litcurate.schemas.studies import studies_schema
from litcurate.validate import TableInvalid, validate

DEMO = REPO / "config" / "codebook.yaml"

# The demo's studies.csv fields as the workflow wrote them before the codebook existed (hand list).
DEMO_FIELDS = (
    "first_author year design blinding comparator condition n_randomised n_analysed age_mean sex_male_n "
    "ketamine_form route setting rate_min_mg_kg_h rate_max_mg_kg_h hours_per_session sessions treatment_days "
    "total_dose_mg_70kg high_dose comedication pain_scale pain_scale_max baseline_pain_mean baseline_pain_sd "
    "end_pain_mean end_pain_sd responder_definition responders_pct_immediate responders_pct_followup "
    "followup_weeks adverse_effects"
).split()


def write(tmp_path, text: str):
    path = tmp_path / "codebook.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_demo_codebook_gives_the_demo_fields_in_order():
    codebook = load_codebook(DEMO)
    assert codebook.column_names == DEMO_FIELDS
    assert codebook.unit_fields == [
        "rate_min_mg_kg_h",
        "rate_max_mg_kg_h",
        "hours_per_session",
        "baseline_pain_mean",
        "end_pain_mean",
        "followup_weeks",
    ]
    assert [(f.name, f.outcome["name"], f.outcome["time_point"]) for f in codebook.outcomes] == [
        ("baseline_pain_mean", "pain_intensity", "baseline"),
        ("end_pain_mean", "pain_intensity", "end_of_treatment"),
        ("responders_pct_immediate", "responders", "end_of_treatment"),
        ("responders_pct_followup", "responders", "followup"),
    ]


def test_without_a_codebook_every_builtin_field_is_harmonised():
    names = load_codebook(None).column_names
    for generic in ("first_author", "year", "country", "design", "setting", "n_randomised", "n_analysed"):
        assert generic in names
    for generic in ("n_per_arm", "age_mean", "sex_male_n", "followup_weeks", "funding", "quality_score"):
        assert generic in names
    assert "ketamine_form" not in names and "high_dose" not in names


GOOD = """\
fields:
  - name: dose_mg
    type: number
    meaning: Total dose
    unit: mg
    convert_from: [g]
    synonyms: [total dose]
"""


@pytest.mark.parametrize(
    "edit, field, problem",
    [
        (("type: number", "type: decimal"), "dose_mg", "unknown type 'decimal'"),
        (("unit: mg", "unit: mgs"), "dose_mg", "unknown unit 'mgs'"),
        (("convert_from: [g]", "convert_from: [h]"), "dose_mg", "cannot convert 'h'"),
        (("synonyms: [total dose]", "synonyms: [total dose, sample size]"), "dose_mg", "synonym 'sample size'"),
        (("synonyms: [total dose]", "synonyms: [total dose]\n    range: [10, 1]"), "dose_mg", "bad range [10, 1]"),
        (("synonyms: [total dose]", "synonyms: [total dose]\n    parser: guess"), "dose_mg", "unknown parser 'guess'"),
        (("type: number", "type: category"), "dose_mg", "a category needs its allowed values"),
    ],
)
def test_a_codebook_error_is_one_line_naming_file_field_and_problem(tmp_path, edit, field, problem):
    path = write(tmp_path, GOOD.replace(*edit))
    with pytest.raises(CodebookError) as caught:
        load_codebook(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: field '{field}'")
    assert problem in message


def test_good_codebook_loads_and_converts(tmp_path):
    codebook = load_codebook(write(tmp_path, GOOD))
    assert codebook.column_names[-1] == "dose_mg"


def test_a_synonym_claimed_by_two_project_fields_names_both(tmp_path):
    path = write(
        tmp_path,
        GOOD + "  - name: dose_total\n    type: number\n    meaning: Dose again\n    synonyms: [Total-dose]\n",
    )
    with pytest.raises(
        CodebookError, match=r"field 'dose_total': synonym 'Total-dose' is already claimed by field 'dose_mg'"
    ):
        load_codebook(path)


def test_a_flag_rule_must_name_a_field(tmp_path):
    path = write(tmp_path, GOOD + "  - name: big\n    type: flag\n    meaning: Big dose\n    rule: dose >= 400\n")
    with pytest.raises(CodebookError, match=r"field 'big': rule names unknown field 'dose'"):
        load_codebook(path)


def test_a_misspelt_key_and_bad_yaml_are_named(tmp_path):
    with pytest.raises(CodebookError, match=r"field 'dose_mg': Additional properties .*'synonym'"):
        load_codebook(write(tmp_path, GOOD.replace("synonyms:", "synonym:")))
    with pytest.raises(CodebookError, match=r"codebook.yaml, line 3: not valid YAML"):
        load_codebook(write(tmp_path, "fields:\n  - name: x\n  type: [\n"))


def test_order_must_place_every_project_field(tmp_path):
    with pytest.raises(CodebookError, match=r"field 'dose_mg': not placed in 'order'"):
        load_codebook(write(tmp_path, GOOD + "order: [first_author, year]\n"))
    with pytest.raises(CodebookError, match=r"order: 'weight' is neither"):
        load_codebook(write(tmp_path, GOOD + "order: [first_author, weight, dose_mg]\n"))


def test_readme_output_table_is_generated_from_the_demo_codebook():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- codebook-table:start -->\n(.*?)<!-- codebook-table:end -->", readme, re.S)
    assert block, "README lacks the generated codebook table"
    assert block.group(1) == dictionary_markdown(load_codebook(DEMO))


def test_readme_example_codebook_is_valid(tmp_path):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Your own codebook", 1)[1]
    example = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
    codebook = load_codebook(write(tmp_path, example))
    assert codebook.column_names[-4:] == ["hif_positive_pct", "histology", "dose_mg", "high_dose"]


GENERIC = """\
fields:
  - name: dose_mg
    type: number
    meaning: Total dose
    unit: mg
    convert_from: [g, µg]
    range: [0, 5000]
    synonyms: [total dose]
  - name: histology
    type: category
    meaning: Histology
    values: [OS, STS, CS]
    patterns: {STS: 'soft[- ]tissue|\\bSTS\\b'}
    synonyms: [histology type]
  - name: responders
    type: count-of-n
    meaning: Responders
    synonyms: [responders n n]
  - name: pain
    type: mean-sd
    meaning: Pain
    unit: 0-10
    outcome: {name: pain, time_point: end}
    synonyms: [pain score]
  - name: dose_window
    type: range
    meaning: Dosing window
    unit: d
    synonyms: [dosing window]
  - name: big_dose
    type: flag
    meaning: Dose of 400 mg or more
    rule: dose_mg >= 400
order: [first_author, year, n_randomised, dose_mg, histology, responders, pain, dose_window, big_dose]
"""


def test_generic_parsers_read_each_type(tmp_path):
    codebook = load_codebook(write(tmp_path, GENERIC))
    frame = pd.DataFrame(
        {
            "Study": ["Hu 2015", "Kim 2014", "Lee 2013"],
            "N": ["50", "40", "12"],
            "Total dose": ["0.5 g", "300 mg", "9 g"],
            "Histology type": ["OS", "soft tissue sarcoma", "Ewing"],
            "Responders (n/N)": ["12/50", "50/40", "3 of 12"],
            "Pain score": ["6.5±1.2", "7 ± 2", "NR"],
            "Dosing window": ["3-7", "10 to 5", "2"],
            "Antibody": ["Novus", "Abcam", ""],
            "_row": [1, 2, 3],
            "_page": [4, 4, 5],
        }
    )
    out, warnings, extra = harmonise_table(frame, "rev", "table1", codebook)
    validate(out, studies_schema(codebook), "studies.csv")
    hu, kim, lee = (out.iloc[i] for i in range(3))
    assert (hu["first_author"], hu["year"], hu["n_randomised"]) == ("Hu", 2015, 50)
    assert (hu["dose_mg"], kim["dose_mg"]) == (500.0, 300.0)
    assert pd.isna(lee["dose_mg"])  # 9000 mg is outside the plausible range
    assert (hu["big_dose"], kim["big_dose"]) == (True, False) and pd.isna(lee["big_dose"])
    assert (hu["histology"], kim["histology"]) == ("OS", "STS") and pd.isna(lee["histology"])
    assert (hu["responders"], hu["responders_of"], lee["responders"], lee["responders_of"]) == (12, 50, 3, 12)
    assert pd.isna(kim["responders"])  # 50 of 40 cannot be
    assert (hu["pain"], hu["pain_sd"], kim["pain"], kim["pain_sd"]) == (6.5, 1.2, 7.0, 2.0)
    assert (hu["dose_window_low"], hu["dose_window_high"], kim["dose_window_low"]) == (3.0, 7.0, 5.0)
    messages = {(w["row"], w["field"]): w["message"] for w in warnings}
    assert "outside the plausible range 0-5000" in messages[(3, "dose_mg")]
    assert "not one of the allowed values" in messages[(3, "histology")]
    assert messages[(2, "responders")] == "count 50 above its denominator 40"
    assert extra == [
        {"row": 1, "page": 4, "header": "Antibody", "value": "Novus"},
        {"row": 2, "page": 4, "header": "Antibody", "value": "Abcam"},
    ]


def test_generated_schema_enforces_values_ranges_and_the_flag_rule(tmp_path):
    codebook = load_codebook(write(tmp_path, GENERIC))
    frame = pd.DataFrame({"Study": ["Hu 2015"], "Total dose": ["500 mg"], "_row": [1]})
    out, _, _ = harmonise_table(frame, "rev", "table1", codebook)
    schema = studies_schema(codebook)
    for column, value, check in [
        ("histology", "gout", "isin"),
        ("dose_mg", 6000.0, "in_range"),
        ("big_dose", False, "big_dose"),
    ]:
        bad = out.copy()
        bad[column] = bad[column].astype(object)
        bad.loc[0, column] = value
        with pytest.raises(TableInvalid, match=check):
            validate(bad, schema, "studies.csv")


def test_builtin_fields_yaml_is_what_the_package_reads():
    data = yaml.safe_load((REPO / "workflow/litcurate/harmonise/builtin_fields.yaml").read_text(encoding="utf-8"))
    assert [f["name"] for f in data["fields"]] == [f.name for f in load_codebook(None).fields if not f.parent]


@pytest.mark.parametrize(
    "old, new, field, problem",
    [
        (
            "  - name: sessions\n    type: integer",
            "  - name: sessions\n    type: whole",
            "sessions",
            "unknown type 'whole'",
        ),
        ("    unit: mg\n", "    unit: milligram\n", "total_dose_mg_70kg", "unknown unit 'milligram'"),
        (
            "synonyms: [route, route of administration",
            "synonyms: [route, design, route of administration",
            "route",
            "synonym 'design' is already claimed by field 'design'",
        ),
    ],
    ids=["unknown type", "unknown unit", "duplicate synonym"],
)
def test_a_codebook_error_stops_the_workflow_at_start_up(tmp_path, old, new, field, problem):
    from conftest import copy_project, run_snakemake

    workdir = copy_project(tmp_path)
    path = workdir / "config" / "codebook.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = run_snakemake(workdir, "--cores", "1", timeout=300)
    assert result.returncode != 0
    line = f"config/codebook.yaml: field '{field}': {problem}"
    assert any(line in row for row in result.stderr.splitlines()), result.stderr[-3000:]
    assert not (workdir / "results").exists()


def test_without_order_builtins_come_first_then_the_project_fields(tmp_path):
    from litcurate.harmonise.codebook import codebook_input

    codebook = load_codebook(write(tmp_path, GOOD))
    builtins = load_codebook(None).column_names
    assert codebook.column_names == [*builtins, "dose_mg"]
    assert (
        codebook_input([]) is None and codebook_input(["a.yaml"]) == "a.yaml" and codebook_input("b.yaml") == "b.yaml"
    )


def test_a_bad_caption_pattern_is_named(tmp_path):
    text = (
        GOOD + "  - name: route\n    type: text\n    meaning: Route\n    caption_default: {pattern: '(iv', value: IV}\n"
    )
    with pytest.raises(CodebookError, match=r"field 'route': caption_default pattern is not a regular expression"):
        load_codebook(write(tmp_path, text))
