"""The hand-labelled set in tests/data/dedup: no false merge, every duplicate found,
errata and replies as relations (see tests/data/dedup/README.md for how it was labelled)."""

from itertools import combinations
from pathlib import Path

import pandas as pd
import pytest

from litcurate.cli import main
from litcurate.io import read_csv
from litcurate.link.citations.evaluate import record_level

DATA = Path(__file__).parent / "data" / "dedup"


def truth_groups() -> list[list[str]]:
    return [g.split(";") for g in pd.read_csv(DATA / "merged_record_ids.csv", dtype=str)["merged_ids"]]


def run(tmp_path, *options):
    out, relations = tmp_path / "out.csv", tmp_path / "relations.csv"
    code = main(
        ["dedup", str(DATA / "records.csv"), "--out", str(out), "--relations", str(relations), "--quiet", *options]
    )
    assert code == 0
    result = read_csv(out)
    return (
        dict(zip(result["ID"], result["cluster_id"])),
        dict(zip(result["ID"], result["kept"].astype(int))),
        read_csv(relations),
    )


def group_of(ids) -> dict[str, str]:
    labels = {id_: id_ for id_ in ids}
    for group in truth_groups():
        for id_ in group:
            labels[id_] = group[0]
    return labels


def test_the_set_is_labelled_consistently():
    records = read_csv(DATA / "records.csv")
    grouped = [id_ for group in truth_groups() for id_ in group]
    assert len(grouped) == len(set(grouped)) and set(grouped) <= set(records["ID"])
    assert len(records) == 29
    synthetic = records[records["ID"].str.startswith("synthetic-")]
    assert (synthetic["doi"].fillna("") == "").all()  # synthetic records carry no identifier


@pytest.mark.parametrize("options", [(), ("--merge-abstracts",), ("--merge-preprints",)])
def test_no_false_merge_and_every_duplicate_found(tmp_path, options):
    clusters, kept, _ = run(tmp_path, *options)
    truth = group_of(clusters)
    wrongly_joined = [
        (a, b) for a, b in combinations(sorted(clusters), 2) if clusters[a] == clusters[b] and truth[a] != truth[b]
    ]
    assert wrongly_joined == []
    missed = [
        (a, b) for a, b in combinations(sorted(clusters), 2) if truth[a] == truth[b] and clusters[a] != clusters[b]
    ]
    assert missed == []
    scores = record_level(kept, truth_groups())
    assert (scores["sensitivity"], scores["specificity"]) == (1.0, 1.0)


def test_serial_items_of_one_volume_stay_apart(tmp_path):
    clusters, _, _ = run(tmp_path)
    serial = [
        "synthetic-editor-v12n1",
        "synthetic-editor-v12n2",
        "synthetic-editor-v12n3",
        "synthetic-remarks-v12-a",
        "synthetic-remarks-v12-b",
        "synthetic-column-v12n3",
        "synthetic-column-v12n7",
    ]
    assert len({clusters[id_] for id_ in serial}) == len(serial)


def test_errata_and_replies_are_relations_to_the_paper(tmp_path):
    clusters, _, relations = run(tmp_path)
    expected = read_csv(DATA / "relations.csv")
    assert sorted(zip(relations["ID"], relations["relation"])) == sorted(zip(expected["ID"], expected["relation"]))
    truth = group_of(clusters)
    target = dict(zip(relations["ID"], relations["related_id"]))
    for notice, paper in zip(expected["ID"], expected["concerns"]):
        assert truth[target[notice]] == truth[paper], notice
        assert clusters[notice] != clusters[paper], notice  # linked, never merged
