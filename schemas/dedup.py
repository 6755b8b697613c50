"""Contracts of the standalone ``litcurate dedup`` command: its output and its review pairs."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

# What a notice is to the paper it concerns (litcurate.link.citations.scoring.notice_relation).
RELATION_KINDS = ["erratum", "reply", "comment", "retraction"]


def _one_kept_per_cluster(frame: pd.DataFrame) -> pd.Series:
    kept_per_cluster = frame.groupby("cluster_id")["kept"].transform("sum")
    return kept_per_cluster == 1


def _cluster_named_after_member(frame: pd.DataFrame) -> pd.Series:
    return frame["cluster_id"].isin(set(frame["ID"]))


def dedup_output_schema() -> pa.DataFrameSchema:
    """The deduplicated table: each record, its cluster, and whether it is the one kept."""
    return pa.DataFrameSchema(
        {
            "ID": pa.Column(str, pa.Check.str_length(min_value=1), unique=True),
            "cluster_id": pa.Column(str, pa.Check.str_length(min_value=1)),
            "kept": pa.Column(int, pa.Check.isin([0, 1])),
        },
        checks=[
            pa.Check(_one_kept_per_cluster, name="exactly_one_kept_per_cluster"),
            pa.Check(_cluster_named_after_member, name="cluster_id_is_a_member_id"),
        ],
        strict=True,
        ordered=True,
        coerce=True,
        name="dedup_output",
    )


DEDUP_OUTPUT = dedup_output_schema()


def dedup_pairs_schema() -> pa.DataFrameSchema:
    """The review pairs: two record ids in order, their score, the decision and why."""
    return pa.DataFrameSchema(
        {
            "id_a": pa.Column(str),
            "id_b": pa.Column(str),
            "score": pa.Column(float, pa.Check.in_range(0.0, 1.0)),
            "decision": pa.Column(str, pa.Check.isin(["merge", "review"])),
            "reason": pa.Column(str),
        },
        checks=[pa.Check(lambda f: f["id_a"] < f["id_b"], name="id_a_before_id_b")],
        strict=True,
        ordered=True,
        coerce=True,
        name="dedup_pairs",
    )


DEDUP_PAIRS = dedup_pairs_schema()


def dedup_relations_schema() -> pa.DataFrameSchema:
    """Notices (errata, replies, comments, retractions) and the record each concerns."""
    return pa.DataFrameSchema(
        {
            "ID": pa.Column(str, pa.Check.str_length(min_value=1), unique=True),
            "relation": pa.Column(str, pa.Check.isin(RELATION_KINDS)),
            "related_id": pa.Column(str, pa.Check.str_length(min_value=1)),
        },
        strict=True,
        ordered=True,
        coerce=True,
        name="dedup_relations",
    )


DEDUP_RELATIONS = dedup_relations_schema()
