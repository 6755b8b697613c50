"""``litcurate dedup`` options and the merge decision at its default thresholds, on hand-made pairs.

Each group below is one publication written twice (hand-made variants of real citations from
the demo reviews' reference lists). How much agreeing evidence a pair carries decides, by
hand, whether the linker may merge it on its own or must leave it to a person:

- ``s1``/``s2``: same title, authors, year and journal; ``s2`` lacks volume and pages (a
  typical second export of one paper) -> merged automatically.
- ``y1``/``y2``: same title, authors and journal but another year (what a meeting abstract
  and the paper a year later also look like) -> for review, never merged unasked.
- ``t1``/``t2``: ``t2`` is only a title, the first author and the year (no journal, volume or
  pages) -> for review, never merged unasked.
- ``k1``/``k2``: same first author and year, different study (the Kiefer 2008 pair) -> kept apart,
  and not even listed for review at the default review threshold.
"""

from __future__ import annotations

import json

import pytest

from litcurate.cli import main
from litcurate.io import read_csv

SIG = "Ketamine produces effective and long-term pain relief in patients with complex regional pain syndrome type 1"
COR = "Subanesthetic ketamine infusion therapy: a retrospective analysis of a novel therapeutic approach to complex regional pain syndrome"
SCH = "Outpatient intravenous ketamine for the treatment of complex regional pain syndrome: a double-blind placebo controlled study"
K1 = "Efficacy of ketamine in anesthetic dosage for the treatment of refractory complex regional pain syndrome: an open-label phase II study"
K2 = "A pilot open-label study of the efficacy of subanesthetic isomeric S(+)-ketamine in refractory CRPS patients"

HEADER = "ID,title,year,author,journal,volume,number,pages\n"
ROWS = {
    "s1": f'{SIG},2009,"Sigtermans, M J and van Hilten, J J and Bauer, M C R",Pain,145,3,304-311',
    "s2": f'{SIG},2009,"Sigtermans, M J and van Hilten, J J and Bauer, M C R",Pain,,,',
    "y1": f'{COR},2004,"Correll, G E and Maleki, J and Gracely, E J",Pain Med,5,3,263-275',
    "y2": f'{COR},2005,"Correll, G E and Maleki, J and Gracely, E J",Pain Med,,,',
    "t1": f'{SCH},2009,"Schwartzman, R J and Alexander, G M and Grothusen, J R",Pain,147,1,107-115',
    "t2": f'{SCH},2009,"Schwartzman, R J",,,,',
    "k1": f'{K1},2008,"Kiefer, R T and Rohr, P and Ploppa, A",Pain Med,9,8,1173-1201',
    "k2": f'{K2},2008,"Kiefer, R T and Rohr, P and Ploppa, A",Pain Med,9,1,44-54',
}
CSV = HEADER + "".join(f"{key},{row}\n" for key, row in ROWS.items())

# Hand-made truth at the default thresholds.
DEFAULT_CLUSTERS = {"s1": "s1", "s2": "s1", "y1": "y1", "y2": "y2", "t1": "t1", "t2": "t2", "k1": "k1", "k2": "k2"}
DEFAULT_REVIEW_PAIRS = {("t1", "t2"), ("y1", "y2")}


def dedup(tmp_path, *options, text=CSV, name="export.csv"):
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out.csv"
    pairs = tmp_path / "pairs.csv"
    code = main(["dedup", str(source), "--out", str(out), "--pairs", str(pairs), "--quiet", *options])
    return code, out, pairs


def clusters(out) -> dict[str, str]:
    table = read_csv(out)
    return dict(zip(table["ID"], table["cluster_id"]))


def decisions(pairs) -> dict[tuple[str, str], str]:
    table = read_csv(pairs)
    return {(a, b): d for a, b, d in zip(table["id_a"], table["id_b"], table["decision"])}


def test_default_thresholds_merge_only_pairs_with_full_agreement(tmp_path):
    code, out, pairs = dedup(tmp_path)
    assert code == 0
    assert clusters(out) == DEFAULT_CLUSTERS
    found = decisions(pairs)
    assert found[("s1", "s2")] == "merge"
    assert {pair for pair, decision in found.items() if decision == "review"} == DEFAULT_REVIEW_PAIRS
    assert ("k1", "k2") not in found


def test_a_lower_auto_threshold_merges_the_weaker_pairs(tmp_path):
    code, out, pairs = dedup(tmp_path, "--auto-threshold", "0.8")
    assert code == 0
    assert clusters(out) == {**DEFAULT_CLUSTERS, "y2": "y1", "t2": "t1"}
    assert set(decisions(pairs).values()) == {"merge"}


def test_a_higher_review_threshold_lists_fewer_pairs(tmp_path):
    # y1/y2 carry more evidence (journal agrees) than t1/t2 (a bare title, author and year).
    code, out, pairs = dedup(tmp_path, "--review-threshold", "0.84")
    assert code == 0
    assert clusters(out) == DEFAULT_CLUSTERS
    assert {pair for pair, decision in decisions(pairs).items() if decision == "review"} == {("y1", "y2")}


@pytest.mark.parametrize(
    "options, message",
    [
        (("--auto-threshold", "0.4"), "review_threshold <= auto_threshold"),
        (("--auto-threshold", "1.5"), "auto_threshold <= 1"),
    ],
)
def test_thresholds_out_of_order_or_range_are_refused(tmp_path, capsys, options, message):
    code, out, _ = dedup(tmp_path, *options)
    assert code == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_overrides_win_both_ways(tmp_path):
    overrides = tmp_path / "overrides.csv"
    overrides.write_text("id_a,id_b,decision\ns1,s2,different\nt2,t1,same\n", encoding="utf-8")
    code, out, pairs = dedup(tmp_path, "--overrides", str(overrides))
    assert code == 0
    assert clusters(out) == {**DEFAULT_CLUSTERS, "s2": "s2", "t2": "t1"}
    found = decisions(pairs)
    assert ("s1", "s2") not in found  # a reviewer's "different" is settled, not listed again
    assert found[("t1", "t2")] == "merge"


def test_overrides_naming_an_unknown_record_or_verdict_are_refused(tmp_path, capsys):
    overrides = tmp_path / "overrides.csv"
    overrides.write_text("id_a,id_b,decision\ns1,zz,same\n", encoding="utf-8")
    code, out, _ = dedup(tmp_path, "--overrides", str(overrides))
    assert code == 2 and not out.exists()
    assert "unknown id 'zz'" in capsys.readouterr().err
    overrides.write_text("id_a,id_b,decision\ns1,s2,maybe\n", encoding="utf-8")
    code, out, _ = dedup(tmp_path, "--overrides", str(overrides))
    assert code == 2 and "expected 'same' or 'different', got 'maybe'" in capsys.readouterr().err
    overrides.write_text("id_a,id_b\ns1,s2\n", encoding="utf-8")
    code, out, _ = dedup(tmp_path, "--overrides", str(overrides))
    assert code == 2 and "missing column(s) decision" in capsys.readouterr().err


def test_stats_count_records_clusters_and_duplicates(tmp_path):
    stats = tmp_path / "stats.json"
    code, _, _ = dedup(tmp_path, "--stats", str(stats))
    assert code == 0
    written = json.loads(stats.read_text())
    # 8 records, 7 clusters (only s1/s2 merge), so 1 duplicate removed.
    assert (written["records"], written["clusters"], written["duplicates_removed"]) == (8, 7, 1)
    assert written["candidate_pairs"] >= 3
    # k1/k2: volume 9, issues 8 and 1, no DOI or PMID -> the one pair that may never merge; none refused
    assert (written["vetoed_pairs"], written["refused_merges"]) == (1, 0)


def test_format_option_overrides_a_misleading_extension(tmp_path, capsys):
    code, out, _ = dedup(tmp_path, name="export.ris")  # CSV text behind a .ris name
    assert code == 2 and not out.exists()
    assert "export.ris" in capsys.readouterr().err
    code, out, _ = dedup(tmp_path, "--format", "csv", name="export.ris")
    assert code == 0
    assert clusters(out) == DEFAULT_CLUSTERS


def test_override_reasons_and_scores_in_the_pairs_file(tmp_path):
    overrides = tmp_path / "overrides.csv"
    # s1/s2 scored and overridden apart; t1/t2 scored and overridden together; k1/k2 never scored.
    overrides.write_text("id_a,id_b,decision\ns1,s2,different\nt1,t2,same\nk1,k2,same\n", encoding="utf-8")
    code, out, pairs = dedup(tmp_path, "--overrides", str(overrides))
    assert code == 0
    table = read_csv(pairs).set_index(["id_a", "id_b"])
    assert list(table.index) == [("k1", "k2"), ("t1", "t2"), ("y1", "y2")]  # every other pair still listed
    assert table.loc[("k1", "k2"), "reason"] == "override: same"
    assert float(table.loc[("k1", "k2"), "score"]) == 1.0
    assert table.loc[("t1", "t2"), "reason"].startswith("override: same; title 1.00 (+6.0)")
    assert 0.5 < float(table.loc[("t1", "t2"), "score"]) < 0.9  # its own score is kept
    assert dict(table["decision"]) == {("k1", "k2"): "merge", ("t1", "t2"): "merge", ("y1", "y2"): "review"}


@pytest.mark.parametrize(
    "n_a, n_b, points",
    [
        (100, 100, "+1.5"),  # same sample size
        (90, 100, "+0.0"),  # within 10 % of the larger: close, no evidence either way
        (100, 110, "+0.0"),
        (100, 112, "-3.0"),  # 12 > 11.2: a different study population
        (20, 4, "-3.0"),
    ],
)
def test_sample_sizes_within_ten_percent_count_as_close(n_a, n_b, points):
    from litcurate.link.citations.scoring import score_pair

    base = {"id": "a", "authors": "Kiefer R T", "title": K1, "year": "2008", "n": n_a}
    _, reason = score_pair(base, {**base, "id": "b", "n": n_b})
    assert f"n {n_a}/{n_b} ({points})" in reason
