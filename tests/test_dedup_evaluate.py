"""The benchmark scoring rule, checked by hand on a tiny example."""

from litcurate.link.citations.evaluate import pairwise, record_level, truth_labels


def test_record_level_follows_the_bib_dedupe_rule():
    groups = [["a", "b", "c"], ["d", "e"], ["f", "g"]]
    # group 1 fully merged, group 2 missed (both kept), group 3 lost entirely, one unique wrongly removed
    kept = {"a": 1, "b": 0, "c": 0, "d": 1, "e": 1, "f": 0, "g": 0, "u1": 1, "u2": 0}
    scores = record_level(kept, groups)
    assert (scores["TP"], scores["FP"], scores["TN"], scores["FN"]) == (2 + 0 + 1, 1 + 1, 1 + 1 + 1, 1)
    assert scores["sensitivity"] == 3 / 4
    assert scores["specificity"] == 3 / 5


def test_pairwise_catches_two_groups_merged():
    truth = truth_labels(["a", "b", "c", "d"], [["a", "b"], ["c", "d"]])
    predicted = {"a": "a", "b": "a", "c": "a", "d": "a"}
    scores = pairwise(predicted, truth)
    assert scores["recall"] == 1.0
    assert scores["precision"] == 2 / 6
