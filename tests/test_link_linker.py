"""Blocking, linking and its properties: a partition, order-invariant, consistent decisions."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from litcurate.link.citations import candidate_pairs, link
from test_link_scoring import (
    CORRELL_COHEN,
    CORRELL_LII,
    KIEFER_PHASE2_COHEN,
    KIEFER_PHASE2_ZHAO,
    KIEFER_PILOT_ZHAO,
    SIGTERMANS_ANESTHESIOLOGY,
    SIGTERMANS_PAIN,
    SURNAMES,
    TITLES,
)

CITED = [
    KIEFER_PHASE2_COHEN,
    KIEFER_PHASE2_ZHAO,
    KIEFER_PILOT_ZHAO,
    CORRELL_COHEN,
    CORRELL_LII,
    SIGTERMANS_PAIN,
    SIGTERMANS_ANESTHESIOLOGY,
]


def frame(rows):
    return pd.DataFrame(rows)


def test_link_groups_the_review_citations_correctly():
    clusters, pairs = link(frame(CITED), auto_threshold=0.9, review_threshold=0.5)
    assert clusters["zhao-9"] == clusters["cohen-225"] == "cohen-225"
    assert clusters["cohen-245"] == clusters["lii-75"] == "cohen-245"
    singletons = ["zhao-10", "maher-3", "maher-x"]
    assert len({clusters[i] for i in singletons}) == 3
    assert clusters["zhao-10"] != clusters["cohen-225"]
    assert set(pairs["decision"]) == {"merge"}
    assert list(pairs.columns) == ["id_a", "id_b", "score", "decision", "reason"]


def test_candidate_pairs_are_blocked_and_counted():
    candidates = candidate_pairs(frame(CITED))
    pairs = set(candidates)
    assert (0, 1) in pairs and (3, 4) in pairs
    assert (3, 5) not in pairs  # Correll 2004 and Sigtermans 2009 share no key
    assert len(candidates) == len(pairs) < len(CITED) * (len(CITED) - 1) // 2
    assert candidates.summary()["candidate_pairs"] == len(candidates)


def test_overrides_always_win():
    overrides = [("cohen-225", "zhao-9", "different"), ("maher-3", "maher-x", "same")]
    clusters, pairs = link(frame(CITED), 0.9, 0.5, overrides=overrides)
    assert clusters["cohen-225"] != clusters["zhao-9"]
    assert clusters["maher-3"] == clusters["maher-x"]
    row = pairs[(pairs.id_a == "maher-3") & (pairs.id_b == "maher-x")].iloc[0]
    assert row.decision == "merge" and row.reason.startswith("override: same")
    assert not ((pairs.id_a == "cohen-225") & (pairs.id_b == "zhao-9")).any()


def test_contradicting_or_unknown_overrides_are_rejected():
    with pytest.raises(ValueError, match="contradict"):
        link(frame(CITED), 0.9, 0.5, overrides=[("cohen-225", "zhao-9", "different"), ("zhao-9", "cohen-225", "same")])
    with pytest.raises(ValueError, match="unknown id 'nope'"):
        link(frame(CITED), 0.9, 0.5, overrides=[("nope", "zhao-9", "same")])
    with pytest.raises(ValueError, match="expected 'same' or 'different'"):
        link(frame(CITED), 0.9, 0.5, overrides=[("cohen-225", "zhao-9", "maybe")])


def test_a_chain_that_would_join_two_dois_is_cut():
    a = dict(CORRELL_COHEN, id="a", doi="10.5555/synthetic.1")
    b = dict(CORRELL_COHEN, id="b")
    c = dict(CORRELL_COHEN, id="c", doi="10.5555/synthetic.2")
    clusters, pairs = link(frame([a, b, c]), 0.9, 0.5)
    assert clusters["a"] != clusters["c"]
    assert clusters["b"] in (clusters["a"], clusters["c"])
    refused = pairs[pairs.decision == "review"]
    assert len(refused) == 1 and "merge refused: clusters hold" in refused.iloc[0].reason


def test_duplicate_or_missing_ids_are_rejected():
    with pytest.raises(ValueError, match="duplicate id 'a'"):
        link(frame([dict(CORRELL_COHEN, id="a"), dict(CORRELL_LII, id="a")]), 0.9, 0.5)
    with pytest.raises(ValueError, match="'id'"):
        link(pd.DataFrame({"title": ["x"]}), 0.9, 0.5)


record_fields = st.fixed_dictionaries(
    {
        "authors": st.lists(st.sampled_from(SURNAMES), min_size=1, max_size=3).map(" and ".join),
        "title": st.sampled_from(TITLES),
        "year": st.sampled_from([2004, 2008, 2009]),
        "journal": st.sampled_from(["Pain Med", "Pain Medicine", "Pain"]),
        "volume": st.sampled_from(["5", "9", ""]),
        "pages": st.sampled_from(["263-75", "263–275", "1173-201", "44-54", ""]),
        "doi": st.sampled_from(["", "", "10.5555/test.1", "10.5555/test.2"]),
    }
)
records = st.lists(record_fields, min_size=1, max_size=12).map(
    lambda rows: [dict(row, id=f"r{k:02d}") for k, row in enumerate(rows)]
)


@settings(max_examples=150, deadline=None)
@given(records, st.randoms(use_true_random=False))
def test_linking_is_a_partition_invariant_to_row_order(rows, rnd):
    clusters, pairs = link(frame(rows), 0.9, 0.5)
    shuffled = list(rows)
    rnd.shuffle(shuffled)
    clusters_again, pairs_again = link(frame(shuffled), 0.9, 0.5)
    assert clusters == clusters_again
    pd.testing.assert_frame_equal(pairs, pairs_again)
    # A partition: every id exactly once, each cluster named after its smallest member.
    assert set(clusters) == {r["id"] for r in rows}
    members = {}
    for id_, cluster in clusters.items():
        members.setdefault(cluster, []).append(id_)
    assert all(cluster == min(ids) for cluster, ids in members.items())


@settings(max_examples=150, deadline=None)
@given(records)
def test_final_clustering_is_transitive_and_consistent_with_decisions(rows):
    clusters, pairs = link(frame(rows), 0.9, 0.5)
    ids = sorted(clusters)
    same = {(a, b) for a in ids for b in ids if clusters[a] == clusters[b]}
    for a, b in same:
        for c in ids:
            if (b, c) in same:
                assert (a, c) in same
    for row in pairs.itertuples():
        assert (row.decision == "merge") == (clusters[row.id_a] == clusters[row.id_b])
    dois = {}
    for row in rows:
        if row["doi"]:
            dois.setdefault(clusters[row["id"]], set()).add(row["doi"])
    assert all(len(found) == 1 for found in dois.values())  # never two DOIs in one cluster
