"""The schemas generated from a codebook refuse a table with one wrong value, naming its column.

Each schema is built inside the test (not at import), from a tiny hand-made codebook whose
every declaration is known, or from the demo codebook (config/codebook.yaml). Expected check
names are pandera's (``greater_than_or_equal_to(1)``, ``not_nullable``...) or the error text
the schema declares; the limits are read off the codebooks by hand.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from litcurate.harmonise.codebook import Codebook, Field, load_codebook
from litcurate.schemas.outcomes import measure, outcomes_schema
from litcurate.schemas.studies import output_columns, studies_schema
from litcurate.validate import TableInvalid, validate

DEMO = Path(__file__).resolve().parents[1] / "config" / "codebook.yaml"

# A codebook small enough to hold in one's head: every kind of declaration once.
TINY = Codebook(
    path="tiny.yaml",
    fields=(
        Field("arm", "category", "Arm", values=("drug", "placebo")),
        Field("n", "integer", "Patients", range=(1, None)),
        Field("dose", "number", "Dose", unit="mg", unit_column=True, range=(None, 50)),
        Field("pct", "percent", "Responders", range=(0, 100)),
        Field("note", "text", "Note"),
        Field("big", "flag", "Dose of 10 mg or more", rule="dose >= 10"),
        Field("lo", "number", "Low end"),
        Field("hi", "number", "High end"),
        Field("hidden", "number", "Kept apart, not written", column=False),
        Field("hidden_flag", "flag", "Rule on a field not written", rule="hidden > 1"),
    ),
    composites={},
    checks=(("lo", "<=", "hi"), ("hidden", "<", "n")),
)
TINY_COLUMNS = [
    "review_id",
    "table_id",
    "row",
    "page",
    "ref_no",
    "ref_no_resolved",
    "label",
    "arm",
    "arm_raw",
    "n",
    "n_raw",
    "dose",
    "dose_raw",
    "dose_unit",
    "pct",
    "pct_raw",
    "note",
    "note_raw",
    "big",
    "big_raw",
    "lo",
    "lo_raw",
    "hi",
    "hi_raw",
    "hidden_flag",
    "hidden_flag_raw",
    "unmapped_raw",
]
FLAG_RULE = "big must equal dose >= 10, both empty otherwise"
PAIR_RULE = "lo <= hi broken"


def tiny_row(**values) -> pd.DataFrame:
    row = dict.fromkeys(TINY_COLUMNS)
    row.update(review_id="r1", table_id="table1", row=2, page=3)
    row.update(values)
    return pd.DataFrame([row], columns=TINY_COLUMNS)


def failures(frame: pd.DataFrame, schema) -> list[tuple]:
    """(row, column, check) of every failure, or [] when the table passes."""
    try:
        validate(frame, schema, "studies.csv")
    except TableInvalid as exc:
        return sorted({(f["row"], f["column"], f["check"]) for f in exc.failures}, key=str)
    return []


def frame_failures(frame: pd.DataFrame, schema) -> set[tuple]:
    """(row, check) of the failures of checks across columns (which list every cell of the row)."""
    try:
        validate(frame, schema, "studies.csv")
    except TableInvalid as exc:
        return {(f["row"], f["check"]) for f in exc.failures}
    return set()


def test_output_columns_follow_the_codebook_order_with_raw_and_unit():
    assert output_columns(TINY) == TINY_COLUMNS
    demo = output_columns(load_codebook(DEMO))
    assert demo[:9] == ["review_id", "table_id", "row", "page", "ref_no", "ref_no_resolved", "label"] + [
        "first_author",
        "first_author_raw",
    ]
    assert demo[-1] == "unmapped_raw"
    start = demo.index("rate_min_mg_kg_h")
    assert demo[start : start + 3] == ["rate_min_mg_kg_h", "rate_min_mg_kg_h_raw", "rate_min_mg_kg_h_unit"]
    assert "year_unit" not in demo


def test_a_good_tiny_table_passes_and_is_coerced():
    schema = studies_schema(TINY)
    assert schema.name == "studies"
    assert [c.name for c in schema.checks] == ["big_follows_its_rule", "lo_<=_hi"]
    frame = tiny_row(
        ref_no=12, arm="drug", n="40", dose="10", dose_unit="mg", pct="55.5", note=7, big="TRUE", lo="1", hi="2"
    )
    out = validate(frame, schema, "studies.csv")
    got = out.iloc[0]
    assert (got["ref_no"], got["n"], got["dose"], got["pct"], got["note"], got["big"]) == (
        "12",
        40,
        10.0,
        55.5,
        "7",
        True,
    )
    assert str(out["n"].dtype) == "Int64"
    assert str(out["dose"].dtype) == "float64"
    assert str(out["big"].dtype) == "boolean"
    assert str(out["row"].dtype) == "Int64"


def test_tiny_text_columns_come_out_as_text_and_numbers_as_numbers():
    text = ["review_id", "table_id", "ref_no", "ref_no_resolved", "label", "arm_raw", "n_raw", "dose_raw"]
    text += ["dose_unit", "note", "unmapped_raw"]
    out = validate(tiny_row(row="2", page="3", **dict.fromkeys(text, 5)), studies_schema(TINY), "studies.csv")
    assert out.loc[0, text].tolist() == ["5"] * len(text)
    assert (out.loc[0, "row"], out.loc[0, "page"]) == (2, 3)


def test_an_unreadable_number_is_reported_once_not_also_against_a_pair_rule():
    assert failures(tiny_row(lo="abc", hi=1), studies_schema(TINY)) == [
        (1, "lo", "coerce_dtype('float64')"),
        (1, "lo", "dtype('float64')"),
    ]
    assert failures(tiny_row(lo=1, hi="abc"), studies_schema(TINY)) == [
        (1, "hi", "coerce_dtype('float64')"),
        (1, "hi", "dtype('float64')"),
    ]


def test_an_empty_tiny_row_passes():
    # Every field may be missing from a table; only the provenance is required.
    out = validate(tiny_row(), studies_schema(TINY), "studies.csv")
    assert out[["arm", "n", "dose", "pct", "note", "big", "lo", "hi"]].isna().all(axis=None)
    assert failures(tiny_row(page=None, lo=5, hi=None), studies_schema(TINY)) == []


# (column, wrong value, the check pandera names); one wrong value per table (a dose comes with
# its flag set right: 10 mg or more).
BAD_CELLS = [
    ("review_id", None, "not_nullable"),
    ("table_id", None, "not_nullable"),
    ("row", None, "not_nullable"),
    ("row", 0, "greater_than_or_equal_to(1)"),
    ("page", 0, "greater_than_or_equal_to(1)"),
    ("arm", "Drug", "isin(['drug', 'placebo'])"),
    ("n", 0, "greater_than_or_equal_to(1)"),
    ("dose", 50.5, "less_than_or_equal_to(50)"),
    ("pct", -0.5, "in_range(0, 100)"),
    ("pct", 100.5, "in_range(0, 100)"),
]


def _with_flag(column, value) -> dict:
    return {column: value, "big": value >= 10} if column == "dose" else {column: value}


@pytest.mark.parametrize("column, value, check", BAD_CELLS, ids=[f"{c}={v}" for c, v, _ in BAD_CELLS])
def test_one_wrong_cell_is_refused_naming_its_column(column, value, check):
    assert failures(tiny_row(**_with_flag(column, value)), studies_schema(TINY)) == [(1, column, check)]


@pytest.mark.parametrize(
    "column, value", [("n", 1), ("dose", 50), ("dose", -3), ("pct", 0), ("pct", 100), ("arm", "placebo"), ("page", 1)]
)
def test_values_at_the_limits_pass(column, value):
    assert failures(tiny_row(**_with_flag(column, value)), studies_schema(TINY)) == []


def test_a_number_that_is_not_one_is_refused():
    assert (1, "n", "coerce_dtype('Int64')") in failures(tiny_row(n="forty"), studies_schema(TINY))
    assert (1, "dose", "coerce_dtype('float64')") in failures(tiny_row(dose="ten", big=True), studies_schema(TINY))
    # a dose that is no number is an unknown dose: a flag set beside it breaks the rule on that row
    assert (1, FLAG_RULE) in frame_failures(tiny_row(dose="ten", big=True), studies_schema(TINY))


def test_columns_must_be_the_codebooks_in_order():
    schema = studies_schema(TINY)
    assert failures(tiny_row().assign(extra="x"), schema) == [("-", "studies", "column_in_schema")]
    swapped = tiny_row()[["table_id", "review_id", *TINY_COLUMNS[2:]]]
    assert failures(swapped, schema) == [("-", "studies", "column_ordered")]
    assert failures(tiny_row().drop(columns=["dose_unit"]), schema) == [("-", "studies", "column_in_dataframe")]


# (dose, flag, passes): the flag is set exactly when dose >= 10; both empty is fine.
FLAGS = [
    (10.0, True, True),
    (9.99, False, True),
    (None, None, True),
    (10.0, False, False),
    (9.99, True, False),
    (None, True, False),
    (None, False, False),
    (12.0, None, False),
    ("10", "true", True),  # read back from a CSV: text
    ("10", " 1 ", True),
    ("9", "FALSE", True),
    ("9", "0", True),
    ("9", "True", False),
    ("10", "no", False),  # not a flag: read as empty, but the dose is known
]


@pytest.mark.parametrize("dose, flag, passes", FLAGS)
def test_a_flag_follows_its_rule(dose, flag, passes):
    frame = tiny_row(dose=dose, big=flag).astype({"big": object})
    expected = set() if passes else {(1, FLAG_RULE)}
    assert frame_failures(frame, studies_schema(TINY)) == expected


@pytest.mark.parametrize("dose, flag, expected", [(12.0, 1.0, True), (3.0, 0.0, False), (12.0, 1, True)])
def test_a_flag_held_as_a_number_is_a_boolean(dose, flag, expected):
    out = validate(tiny_row(dose=dose, big=flag).astype({"big": object}), studies_schema(TINY), "studies.csv")
    assert out["big"].tolist() == [expected]
    assert str(out["big"].dtype) == "boolean"


def test_a_flag_read_back_as_text_becomes_a_boolean():
    out = validate(tiny_row(dose="12", big="True").astype({"big": object}), studies_schema(TINY), "studies.csv")
    assert out["big"].tolist() == [True]
    out = validate(tiny_row(dose="3", big=" false ").astype({"big": object}), studies_schema(TINY), "studies.csv")
    assert out["big"].tolist() == [False]


def test_a_flag_on_two_rows_is_checked_row_by_row():
    frame = pd.concat([tiny_row(dose=20.0, big=True), tiny_row(row=3, dose=20.0, big=False)], ignore_index=True)
    assert frame_failures(frame, studies_schema(TINY)) == {(2, FLAG_RULE)}


@pytest.mark.parametrize(
    "lo, hi, passes",
    [(1, 2, True), (2, 2, True), (3, 2, False), (None, 2, True), (3, None, True), ("0.5", "0.25", False)],
)
def test_a_pairwise_check_holds_when_both_are_known(lo, hi, passes):
    expected = set() if passes else {(1, PAIR_RULE)}
    assert frame_failures(tiny_row(lo=lo, hi=hi), studies_schema(TINY)) == expected


def test_rules_on_a_field_not_written_are_not_checked():
    # hidden_flag's rule and the 'hidden < n' check name a field kept out of studies.csv.
    assert failures(tiny_row(hidden_flag=True, n=5), studies_schema(TINY)) == []
    assert failures(tiny_row(hidden_flag=False), studies_schema(TINY)) == []


def test_the_demo_codebook_schema_checks_its_flag_and_rate_order():
    codebook = load_codebook(DEMO)
    schema = studies_schema(codebook)
    assert [c.name for c in schema.checks] == ["high_dose_follows_its_rule", "rate_min_mg_kg_h_<=_rate_max_mg_kg_h"]
    columns = output_columns(codebook)
    row = dict.fromkeys(columns)
    row.update(review_id="zhao2018", table_id="table1", row=1, total_dose_mg_70kg=500.0, high_dose=False)
    assert frame_failures(pd.DataFrame([row], columns=columns), schema) == {
        (1, "high_dose must equal total_dose_mg_70kg >= 400, both empty otherwise")
    }


# --- outcomes.csv -------------------------------------------------------------------------------

OUTCOME_COLUMNS = [
    "study_id",
    "outcome",
    "time_point",
    "followup_weeks",
    "measure",
    "value",
    "sd",
    "n",
    "unit",
    "responder_definition",
    "review_id",
    "table_id",
    "row",
    "page",
    "raw",
]


def outcome(**values) -> dict:
    """A baseline pain mean of 7.7 (SD 1.8) in 13 patients, as Zhao 2018 prints Webster 2006."""
    row = {
        "study_id": "webster2006",
        "outcome": "pain_intensity",
        "time_point": "baseline",
        "followup_weeks": None,
        "measure": "mean",
        "value": 7.7,
        "sd": 1.8,
        "n": 13,
        "unit": "0-10",
        "responder_definition": None,
        "review_id": "zhao2018",
        "table_id": "table1",
        "row": 2,
        "page": 2,
        "raw": "7.7±1.8",
    }
    row.update(values)
    return row


def responders(**values) -> dict:
    """62 % responders at the end of treatment."""
    row = dict(time_point="end_of_treatment", outcome="responders", measure="percent", value=62.0, sd=None)
    row.update(unit="%", raw="62")
    row.update(values)
    return outcome(**row)


def outcome_failures(*rows: dict) -> list[tuple]:
    frame = pd.DataFrame(list(rows), columns=OUTCOME_COLUMNS)
    return failures(frame, outcomes_schema(load_codebook(DEMO)))


VALUE_IN_RANGE = (
    "each value lies in its outcome's range (pain_intensity baseline: 0-10; pain_intensity end_of_treatment: "
    "0-10; responders end_of_treatment: 0-100; responders followup: 0-100)"
)
UNIT_FITS = "unit and measure are the outcome field's"


def test_good_outcome_rows_pass_and_are_coerced():
    followup = responders(time_point="followup", followup_weeks=13.04, value=54, n=33, row=1, page=None)
    out = validate(
        pd.DataFrame([outcome(), responders(), followup], columns=OUTCOME_COLUMNS),
        outcomes_schema(load_codebook(DEMO)),
        "outcomes.csv",
    )
    assert out["value"].tolist() == [7.7, 62.0, 54.0]
    assert out["followup_weeks"].iloc[2] == 13.04
    assert out["n"].tolist() == [13, 13, 33]
    assert str(out["n"].dtype) == "Int64"
    assert str(out["row"].dtype) == "Int64"
    assert (
        outcome_failures(
            outcome(value=0.0, sd=0.0, n=1, row=1, page=1), outcome(time_point="end_of_treatment", value=10.0)
        )
        == []
    )
    assert (
        outcome_failures(responders(value=0.0), responders(time_point="followup", value=100.0, followup_weeks=0)) == []
    )


def test_outcome_text_comes_out_as_text_and_numbers_as_numbers():
    row = responders(study_id=5, time_point="followup", followup_weeks="13.04", value="54", sd=None, n="33")
    row.update(responder_definition=6, review_id=7, table_id=8, raw=9, unit="%", page="4")
    out = validate(pd.DataFrame([row], columns=OUTCOME_COLUMNS), outcomes_schema(load_codebook(DEMO)), "outcomes.csv")
    got = out.iloc[0]
    assert [got[c] for c in ("study_id", "responder_definition", "review_id", "table_id", "raw")] == list("56789")
    assert (got["followup_weeks"], got["value"], got["n"], got["page"]) == (13.04, 54.0, 33, 4)
    mean = validate(
        pd.DataFrame([outcome(sd="1.8")], columns=OUTCOME_COLUMNS), outcomes_schema(load_codebook(DEMO)), "o.csv"
    )
    assert mean["sd"].tolist() == [1.8]
    # a unit that is a number is read as text, and is not the outcome's unit
    frame = pd.DataFrame([outcome(unit=10)], columns=OUTCOME_COLUMNS)
    with pytest.raises(TableInvalid) as refused:
        validate(frame, outcomes_schema(load_codebook(DEMO)), "outcomes.csv")
    assert {(f["check"], f["value"]) for f in refused.value.failures if f["column"] == "unit"} == {(UNIT_FITS, "10")}


@pytest.mark.parametrize("column", ["outcome", "time_point", "measure"])
def test_a_number_is_no_outcome_time_point_or_measure(column):
    frame = pd.DataFrame([outcome(**{column: 1})], columns=OUTCOME_COLUMNS)
    with pytest.raises(TableInvalid) as refused:
        validate(frame, outcomes_schema(load_codebook(DEMO)), "outcomes.csv")
    # read as text, the cell is reported as the text '1'
    assert {(f["row"], f["value"]) for f in refused.value.failures if f["column"] == column} == {(1, "1")}


# (column, wrong value, the check pandera names)
BAD_OUTCOME_CELLS = [
    ("study_id", None, "not_nullable"),
    ("outcome", "pain", "isin(['pain_intensity', 'responders'])"),
    ("time_point", "week 4", "isin(['baseline', 'end_of_treatment', 'followup'])"),
    ("measure", "median", "isin(['count', 'mean', 'percent', 'value'])"),
    ("value", None, "not_nullable"),
    ("sd", -0.1, "greater_than_or_equal_to(0)"),
    ("n", 0, "greater_than_or_equal_to(1)"),
    ("review_id", None, "not_nullable"),
    ("table_id", None, "not_nullable"),
    ("row", 0, "greater_than_or_equal_to(1)"),
    ("row", None, "not_nullable"),
    ("page", 0, "greater_than_or_equal_to(1)"),
]


@pytest.mark.parametrize("column, value, check", BAD_OUTCOME_CELLS, ids=[f"{c}={v}" for c, v, _ in BAD_OUTCOME_CELLS])
def test_one_wrong_outcome_cell_is_refused_naming_its_column(column, value, check):
    assert (1, column, check) in outcome_failures(outcome(**{column: value}))


def test_followup_weeks_are_not_negative():
    bad = responders(time_point="followup", followup_weeks=-1.0)
    assert outcome_failures(bad) == [(1, "followup_weeks", "greater_than_or_equal_to(0)")]


def test_optional_outcome_cells_may_be_empty():
    assert outcome_failures(outcome(sd=None, n=None, responder_definition=None, page=None, raw=None)) == []
    # an empty unit is allowed by its column, but the pain mean's unit is 0-10
    no_unit = outcome_failures(outcome(unit=None))
    assert {check for _, _, check in no_unit} == {UNIT_FITS}


def _checks_failed(*rows: dict) -> set[str]:
    return {check for _, _, check in outcome_failures(*rows)}


@pytest.mark.parametrize(
    "row, broken",
    [
        (outcome(value=10.5), VALUE_IN_RANGE),
        (outcome(value=-0.5), VALUE_IN_RANGE),
        (outcome(time_point="end_of_treatment", value=10.5), VALUE_IN_RANGE),
        (responders(value=100.5), VALUE_IN_RANGE),
        (responders(value=-1.0), VALUE_IN_RANGE),
        (outcome(time_point="followup", followup_weeks=4.0), {VALUE_IN_RANGE, UNIT_FITS}),  # no pain at follow-up
        (outcome(unit="%"), UNIT_FITS),
        (outcome(measure="percent", sd=None), UNIT_FITS),
        (responders(unit="0-10"), UNIT_FITS),
        (responders(sd=1.0), "only a mean has an SD"),
        (outcome(followup_weeks=12.0), "followup_weeks is set on follow-up rows only"),
    ],
)
def test_outcome_rows_that_break_a_rule_are_refused(row, broken):
    assert _checks_failed(row) == (broken if isinstance(broken, set) else {broken})


def test_an_outcome_value_in_another_outcomes_range_is_refused():
    # 62 is a fine percentage but no pain mean on a 0-10 scale.
    assert _checks_failed(outcome(value=62.0)) == {VALUE_IN_RANGE}
    assert _checks_failed(responders(value=62.0), outcome(value=7.7, row=3)) == set()


def test_one_row_per_study_outcome_time_point_and_source_row():
    assert outcome_failures(outcome(), outcome(row=3)) == []
    key = ["outcome", "review_id", "row", "study_id", "table_id", "time_point"]
    assert outcome_failures(outcome(), outcome(value=8.0)) == [
        (row, column, "multiple_fields_uniqueness") for row in (1, 2) for column in key
    ]


def test_outcome_columns_are_fixed_and_ordered():
    schema = outcomes_schema(load_codebook(DEMO))
    assert schema.name == "outcomes"
    frame = pd.DataFrame([outcome()], columns=OUTCOME_COLUMNS)
    assert failures(frame.assign(extra=1), schema) == [("-", "outcomes", "column_in_schema")]
    assert failures(frame[OUTCOME_COLUMNS[1::-1] + OUTCOME_COLUMNS[2:]], schema) == [
        ("-", "outcomes", "column_ordered")
    ]
    assert [c.name for c in schema.checks] == [
        "value_in_range",
        "unit_fits_measure",
        "sd_only_for_means",
        "weeks_only_at_followup",
    ]


def test_an_outcome_with_an_open_range_and_no_range():
    # A tiny codebook: a count with only a lower limit, a value without a range.
    codebook = Codebook(
        path="tiny.yaml",
        fields=(
            Field(
                "events",
                "integer",
                "Events",
                unit="events",
                range=(0, None),
                outcome={"name": "events", "time_point": "end"},
            ),
            Field(
                "score",
                "number",
                "Score",
                unit="points",
                range=(None, 30),
                outcome={"name": "score", "time_point": "end"},
            ),
            Field("other", "number", "Other", unit="u", outcome={"name": "other", "time_point": "end"}),
        ),
        composites={},
        checks=(),
    )
    assert [measure(f) for f in codebook.outcomes] == ["count", "value", "value"]
    schema = outcomes_schema(codebook)

    def row(name, value, unit, kind):
        return outcome(outcome=name, time_point="end", value=value, unit=unit, measure=kind, sd=None)

    def broken(*rows):
        frame = pd.DataFrame(list(rows), columns=OUTCOME_COLUMNS)
        return {check for _, _, check in failures(frame, schema)}

    in_range = "each value lies in its outcome's range (events end: 0-; score end: -30; other end: -)"
    assert (
        broken(
            row("events", 1e9, "events", "count"),
            row(
                "score",
                -1e9,
                "points",
                "value",
            )
            | {"row": 3},
        )
        == set()
    )
    assert broken(row("events", -1, "events", "count")) == {in_range}
    assert broken(row("score", 30.5, "points", "value")) == {in_range}
    assert broken(row("other", -1e12, "u", "value"), row("other", 1e12, "u", "value") | {"row": 3}) == set()
    assert broken(row("events", 3, "events", "value")) == {UNIT_FITS}
