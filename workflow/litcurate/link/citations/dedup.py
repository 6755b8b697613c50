"""Deduplicate one citation export: cluster the records and keep one per cluster.

Errata, replies, comments and retractions are never a paper's duplicate: they are kept
and listed in ``relations`` (``ID, relation, related_id``) with the cluster they concern.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

import pandas as pd

from litcurate.link.citations.linker import DEFAULT_AUTO_THRESHOLD, DEFAULT_REVIEW_THRESHOLD, Override, link
from litcurate.link.citations.scoring import DEFAULT_POLICY, Policy

# Fields counted to pick the most complete record of a cluster.
COMPLETENESS_FIELDS = ("title", "author", "year", "journal", "volume", "number", "pages", "doi", "abstract")
OUTPUT_COLUMNS = ["ID", "cluster_id", "kept"]


@dataclass
class DedupResult:
    table: pd.DataFrame  # ID, cluster_id, kept (input row order)
    pairs: pd.DataFrame  # id_a, id_b, score, decision, reason
    stats: dict = field(default_factory=dict)
    relations: pd.DataFrame | None = None  # ID, relation, related_id


def completeness(frame: pd.DataFrame) -> pd.Series:
    """Number of non-empty :data:`COMPLETENESS_FIELDS` per row."""
    present = [frame[c].fillna("").astype(str).str.strip() != "" for c in COMPLETENESS_FIELDS if c in frame.columns]
    return sum(present) if present else pd.Series(0, index=frame.index)


def choose_kept(ids: pd.Series, clusters: pd.Series, score: pd.Series) -> pd.Series:
    """1 for the most complete record of each cluster (ties: smallest ID), else 0."""
    order = pd.DataFrame({"ID": ids, "cluster_id": clusters, "score": score})
    order = order.sort_values(["cluster_id", "score", "ID"], ascending=[True, False, True])
    winners = set(order.drop_duplicates("cluster_id")["ID"])
    return ids.isin(winners).astype(int)


def dedup_frame(
    citations: pd.DataFrame,
    auto_threshold: float = DEFAULT_AUTO_THRESHOLD,
    review_threshold: float = DEFAULT_REVIEW_THRESHOLD,
    overrides: Iterable[Override] = (),
    progress: Callable[[str], None] | None = None,
    policy: Policy = DEFAULT_POLICY,
) -> DedupResult:
    """``citations`` as returned by :func:`litcurate.link.citations.citation_files.read_citations`."""
    result = link(citations, auto_threshold, review_threshold, overrides=overrides, progress=progress, policy=policy)
    ids = citations["ID"].astype(str).reset_index(drop=True)
    clusters = ids.map(result.clusters)
    kept = choose_kept(ids, clusters, completeness(citations.reset_index(drop=True)))
    table = pd.DataFrame({"ID": ids, "cluster_id": clusters, "kept": kept})
    stats = {**result.stats, "duplicates_removed": int(len(table) - table["kept"].sum())}
    return DedupResult(table=table[OUTPUT_COLUMNS], pairs=result.pairs, stats=stats, relations=result.relations)
