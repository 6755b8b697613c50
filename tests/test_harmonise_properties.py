"""Property tests for unit normalisation."""

from hypothesis import given
from hypothesis import strategies as st

from conftest import REPO
from litcurate.harmonise.codebook import load_codebook
from litcurate.harmonise.dose import mg_kg_h_to_mg_per_h, mg_per_h_to_mg_kg_h, parse_dose, total_dose_70kg
from litcurate.harmonise.finish import Row, _flag
from litcurate.harmonise.numbers import parse_range
from litcurate.harmonise.pain import parse_pain_score

DEMO = load_codebook(REPO / "config" / "codebook.yaml")

rates = st.decimals(min_value="0.01", max_value="100", places=2).map(float)
dashes = st.sampled_from(["-", "–", "—", " to ", " - "])


@given(rates)
def test_mg_per_h_round_trips_through_mg_per_kg_per_h(mg_h):
    assert abs(mg_kg_h_to_mg_per_h(mg_per_h_to_mg_kg_h(mg_h)) - mg_h) < 1e-9


@given(rates)
def test_printed_mg_per_h_parses_to_the_70kg_rate(mg_h):
    parsed = parse_dose(f"{mg_h:g} mg/h").rate_max
    assert abs(mg_kg_h_to_mg_per_h(parsed) - mg_h) < 70 * 1e-5


@given(rates, rates, dashes)
def test_range_parses_with_min_not_above_max(a, b, dash):
    r = parse_range(f"{a:g}{dash}{b:g}")
    assert r.low <= r.high and {r.low, r.high} == {a, b}


@given(rates, rates, dashes)
def test_rate_range_parses_with_min_not_above_max(a, b, dash):
    d = parse_dose(f"{a:g}{dash}{b:g} mg/kg/h")
    assert d.rate_min <= d.rate_max


@given(st.lists(st.decimals(min_value="0", max_value="100", places=1).map(float), min_size=2, max_size=6))
def test_vas_mm_to_0_10_keeps_order_and_bounds(scores):
    converted = [parse_pain_score(f"{s:g}", 100).mean for s in scores]
    assert all(0 <= c <= 10 for c in converted)
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    assert [converted[i] for i in order] == sorted(converted)


@given(
    st.floats(min_value=0, max_value=10),
    st.floats(min_value=0.1, max_value=200),
    st.integers(min_value=1, max_value=20),
)
def test_high_dose_flag_matches_total(rate, hours, sessions):
    """The demo codebook's flag rule, applied as a row is finished, says total >= 400 mg."""
    t = total_dose_70kg(rate, hours, sessions)
    row = Row(DEMO)
    row.put("total_dose_mg_70kg", t.mg, t.formula)
    _flag(DEMO.by_name["high_dose"], {}, row)
    assert row["high_dose"] == (t.mg >= 400) and row["high_dose_raw"] == t.formula
