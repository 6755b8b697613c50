"""The constrained union-find refuses merges that contradict hard evidence."""

from litcurate.link.citations.clusters import ConstrainedClusters


def test_transitive_chain_through_a_doi_less_record_is_refused():
    clusters = ConstrainedClusters(["a", "b", "c"], dois={"a": "10.5555/x.1", "c": "10.5555/x.2"})
    assert clusters.union("a", "b") == ""
    assert clusters.union("b", "c") == "clusters hold different DOIs"
    assert not clusters.same("a", "c")


def test_cannot_link_survives_later_merges():
    clusters = ConstrainedClusters(["a", "b", "c", "d"])
    clusters.cannot_link("a", "d")
    assert clusters.union("a", "b") == ""
    assert clusters.union("c", "d") == ""
    assert clusters.union("b", "c") == "clusters hold records that differ"


def test_year_span_guard():
    clusters = ConstrainedClusters(["a", "b", "c"], years={"a": 2008, "b": 2009, "c": 2010})
    assert clusters.union("a", "b") == ""
    assert clusters.union("b", "c").startswith("years would span 2008-2010")


def test_forced_union_and_cluster_ids_use_the_smallest_member():
    clusters = ConstrainedClusters(["b", "a", "c"], dois={"a": "10.5555/x.1", "b": "10.5555/x.2"})
    assert clusters.union("b", "a", force=True) == ""
    assert clusters.cluster_ids() == {"a": "a", "b": "a", "c": "c"}
