"""Score a deduplication against hand-labelled duplicate groups.

``record_level`` follows the bib-dedupe benchmark rule so numbers compare with
published ones; ``pairwise`` is stricter and also catches two true groups merged.
"""

from __future__ import annotations

from itertools import combinations
from typing import Iterable, Mapping


def record_level(kept: Mapping[str, int], groups: Iterable[Iterable[str]]) -> dict:
    """bib-dedupe's rule: sensitivity = TP/(TP+FN), specificity = TN/(TN+FP)."""
    tp = fp = tn = fn = 0
    grouped: set[str] = set()
    for group in groups:
        group = list(group)
        grouped.update(group)
        kept_count = sum(kept[i] for i in group)
        if kept_count == 0:
            fp += 1
            tp += len(group) - 1
        else:
            tn += 1
            fn += kept_count - 1
            tp += len(group) - kept_count
    for id_, flag in kept.items():
        if id_ not in grouped:
            if flag:
                tn += 1
            else:
                fp += 1
    return {
        "TP": tp,
        "FP": fp,
        "TN": tn,
        "FN": fn,
        "sensitivity": tp / (tp + fn) if tp + fn else 1.0,
        "specificity": tn / (tn + fp) if tn + fp else 1.0,
    }


def _same_pairs(labels: Mapping[str, object]) -> set[tuple[str, str]]:
    members: dict[object, list[str]] = {}
    for id_, label in labels.items():
        members.setdefault(label, []).append(id_)
    return {pair for ids in members.values() for pair in combinations(sorted(ids), 2)}


def pairwise(predicted: Mapping[str, object], truth: Mapping[str, object]) -> dict:
    """Precision and recall over record pairs put in the same cluster."""
    predicted_pairs, true_pairs = _same_pairs(predicted), _same_pairs(truth)
    hits = len(predicted_pairs & true_pairs)
    return {
        "true_pairs": len(true_pairs),
        "predicted_pairs": len(predicted_pairs),
        "correct_pairs": hits,
        "precision": hits / len(predicted_pairs) if predicted_pairs else 1.0,
        "recall": hits / len(true_pairs) if true_pairs else 1.0,
    }


def truth_labels(ids: Iterable[str], groups: Iterable[Iterable[str]]) -> dict[str, str]:
    """id -> group label; records in no group are their own group."""
    labels = {id_: id_ for id_ in ids}
    for group in groups:
        group = sorted(group)
        for id_ in group:
            labels[id_] = group[0]
    return labels
