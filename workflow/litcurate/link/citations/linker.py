"""Link citation records: block, score candidate pairs, cluster with safeguards.

The result does not depend on the row order of the input: pairs are scored with
the smaller id first and merged in order of (score descending, id_a, id_b), and a
cluster is named after its smallest member id.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

import pandas as pd

from litcurate.link.citations.blocking import DEFAULT_MAX_BLOCK, candidate_pairs_for
from litcurate.link.citations.citation import Record, make_records
from litcurate.link.citations.clusters import ConstrainedClusters
from litcurate.link.citations.scoring import DEFAULT_POLICY, Policy, compare_above, notice_relation

DEFAULT_AUTO_THRESHOLD = 0.9
DEFAULT_REVIEW_THRESHOLD = 0.5
PAIR_COLUMNS = ["id_a", "id_b", "score", "decision", "reason"]
RELATION_COLUMNS = ["ID", "relation", "related_id"]
Override = tuple[str, str, str]  # (id_a, id_b, "same" | "different")


@dataclass
class LinkResult:
    """``clusters`` maps id -> cluster id; ``pairs`` lists pairs scoring at least the review
    threshold (and override pairs) with ``decision`` merge (same cluster) or review;
    ``relations`` ties each erratum / reply / comment / retraction (``ID``) to the cluster
    of the paper it concerns (``related_id``): a relation, never a merge."""

    clusters: dict[str, str]
    pairs: pd.DataFrame
    stats: dict = field(default_factory=dict)
    relations: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=RELATION_COLUMNS))

    def __iter__(self) -> Iterator:  # allows ``clusters, pairs = link(...)``
        return iter((self.clusters, self.pairs))


def _check_overrides(overrides: Iterable[Override], known: set[str]) -> list[tuple[str, str, str]]:
    checked = []
    for position, (a, b, verdict) in enumerate(overrides, start=1):
        a, b, verdict = str(a), str(b), str(verdict).strip().lower()
        if verdict not in {"same", "different"}:
            raise ValueError(f"override {position} ({a}, {b}): expected 'same' or 'different', got {verdict!r}")
        for id_ in (a, b):
            if id_ not in known:
                raise ValueError(f"override {position} ({a}, {b}): unknown id {id_!r}")
        checked.append((min(a, b), max(a, b), verdict))
    return sorted(set(checked))


def _apply_overrides(clusters: ConstrainedClusters, overrides: list[tuple[str, str, str]]) -> None:
    for a, b, verdict in overrides:
        if verdict == "different":
            clusters.cannot_link(a, b)
    for a, b, verdict in overrides:
        if verdict == "same":
            if clusters.conflict(a, b) == "clusters hold records that differ":
                raise ValueError(f"overrides contradict each other: {a} = {b} joins records marked different")
            clusters.union(a, b, force=True)


def link(
    frame: pd.DataFrame,
    auto_threshold: float = DEFAULT_AUTO_THRESHOLD,
    review_threshold: float = DEFAULT_REVIEW_THRESHOLD,
    overrides: Iterable[Override] = (),
    max_block: int = DEFAULT_MAX_BLOCK,
    progress: Callable[[str], None] | None = None,
    policy: Policy = DEFAULT_POLICY,
) -> LinkResult:
    """Cluster the records of ``frame`` (see :mod:`litcurate.link.citations.citation` for columns)."""
    if not 0.0 <= review_threshold <= auto_threshold <= 1.0:
        raise ValueError("expected 0 <= review_threshold <= auto_threshold <= 1")
    say = progress or (lambda message: None)
    started = time.perf_counter()
    records = make_records(frame)
    by_id = {r.id: r for r in records}
    checked_overrides = _check_overrides(overrides, set(by_id))
    candidates = candidate_pairs_for(records, max_block=max_block)
    say(f"{len(records)} records, {len(candidates)} candidate pairs from {candidates.blocks} blocks")

    scored, vetoes, notices = _score_candidates(records, candidates, review_threshold, say, policy)
    clusters = ConstrainedClusters(
        by_id,
        # A preprint's DOI does not name the published paper when the policy merges them.
        dois={r.id: r.doi for r in records if not (policy.merge_preprints and r.preprint)},
        pmids={r.id: r.pmid for r in records},
        years={r.id: r.year for r in records},
    )
    _apply_overrides(clusters, checked_overrides)
    for a, b in vetoes:
        if not clusters.same(a, b):  # an override "same" wins over a veto
            clusters.cannot_link(a, b)
    refused: dict[tuple[str, str], str] = {}
    for score, a, b, _ in sorted(scored, key=lambda row: (-row[0], row[1], row[2])):
        if score < auto_threshold:
            break
        reason = clusters.union(a, b)
        if reason:
            refused[(a, b)] = reason
    mapping = clusters.cluster_ids()
    pairs = _pair_table(scored, checked_overrides, refused, mapping)
    relations = _relation_table(notices, mapping)
    stats = {
        **candidates.summary(),
        "scored_at_review_threshold": len(scored),
        "vetoed_pairs": len(vetoes),
        "refused_merges": len(refused),
        "relations": len(relations),
        "clusters": len(set(mapping.values())),
        "seconds": round(time.perf_counter() - started, 3),
    }
    say(f"{stats['clusters']} clusters; {len(refused)} merges refused by safeguards")
    return LinkResult(clusters=mapping, pairs=pairs, stats=stats, relations=relations)


def _score_candidates(
    records: list[Record], candidates, review_threshold: float, say: Callable[[str], None], policy: Policy
) -> tuple[list[tuple[float, str, str, str]], list[tuple[str, str]], list[tuple[str, str, str]]]:
    scored: list[tuple[float, str, str, str]] = []
    vetoes: list[tuple[str, str]] = []
    notices: list[tuple[str, str, str]] = []
    total = len(candidates)
    step = max(total // 10, 1)
    for done, (i, j) in enumerate(candidates, start=1):
        a, b = records[i], records[j]
        if b.id < a.id:
            a, b = b, a
        result = compare_above(a, b, policy, floor=review_threshold)  # None: below the review threshold
        if result is not None and result.veto:
            vetoes.append((a.id, b.id))
            notice = notice_relation(a, b)
            if notice:
                notices.append(notice)
        elif result is not None:
            scored.append((result.score, a.id, b.id, result.reason))
        if total >= 100_000 and done % step == 0:
            say(f"scored {done}/{total} pairs")
    return scored, vetoes, notices


def _relation_table(notices: list[tuple[str, str, str]], mapping: dict[str, str]) -> pd.DataFrame:
    """One row per notice: the cluster of the paper it concerns (the smallest cluster id
    when its title matches more than one paper cluster)."""
    related: dict[str, tuple[str, str]] = {}
    for notice, kind, paper in notices:
        target = mapping[paper]
        if target == mapping[notice]:
            continue  # a reviewer override put them together
        if notice not in related or target < related[notice][1]:
            related[notice] = (kind, target)
    rows = [(notice, kind, target) for notice, (kind, target) in sorted(related.items())]
    return pd.DataFrame(rows, columns=RELATION_COLUMNS)


def _pair_table(scored, overrides, refused, mapping) -> pd.DataFrame:
    override_verdict = {(a, b): verdict for a, b, verdict in overrides}
    rows = []
    for score, a, b, reason in scored:
        verdict = override_verdict.pop((a, b), None)
        if verdict == "different":
            continue  # already decided by a reviewer
        if verdict == "same":
            reason = f"override: same; {reason}"
        elif (a, b) in refused:
            reason = f"{reason}; merge refused: {refused[(a, b)]}"
        rows.append((a, b, score, reason))
    for (a, b), verdict in override_verdict.items():
        if verdict == "same":
            rows.append((a, b, 1.0, "override: same"))
    table = pd.DataFrame(rows, columns=["id_a", "id_b", "score", "reason"])
    table["decision"] = [
        "merge" if mapping[a] == mapping[b] else "review" for a, b in zip(table["id_a"], table["id_b"])
    ]
    table["score"] = table["score"].astype(float)
    return table[PAIR_COLUMNS].sort_values(["id_a", "id_b"], ignore_index=True)
