"""Accuracy of the review-row links against hand labels (tests/data/link_truth.tsv)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from litcurate.link.citations.evaluate import pairwise

LEVELS = (("publication", "publication_id"), ("study", "study_id"))


def _row_key(frame: pd.DataFrame) -> pd.Series:
    return frame["review_id"] + ":" + frame["table_id"] + ":" + frame["row"].astype(str)


def read_truth(path: str | Path) -> pd.DataFrame:
    """The hand labels: review_id, table_id, row, publication, study."""
    return pd.read_csv(path, sep="\t", dtype=str, comment="#")


def link_accuracy(review_rows: pd.DataFrame, truth: pd.DataFrame) -> dict[str, dict]:
    """Pairwise precision and recall of rows put in one publication / one study."""
    predicted = review_rows.assign(key=_row_key(review_rows.astype({"row": int}).astype({"row": str})))
    labelled = truth.assign(key=_row_key(truth))
    missing = sorted(set(labelled["key"]) - set(predicted["key"]))
    if missing:
        raise ValueError(f"{len(missing)} labelled row(s) have no link: {', '.join(missing[:5])}")
    predicted = predicted.set_index("key").loc[labelled["key"]]
    report = {}
    for level, column in LEVELS:
        # A row joining no study (it cites an article of several studies without naming a part)
        # is alone, in the prediction and in the labels.
        mine = predicted[column].where(predicted[column].notna(), "alone:" + predicted.index)
        theirs = labelled[level].where(labelled[level].notna(), "alone:" + labelled["key"])
        report[level] = pairwise(dict(zip(labelled["key"], mine)), dict(zip(labelled["key"], theirs)))
    return report


def read_reference_truth(path: str | Path) -> pd.DataFrame:
    """Hand labels of reference entries: review_id, ref_no, work (tests/data/link_reference_truth.tsv)."""
    return pd.read_csv(path, sep="\t", dtype=str, comment="#")


def reference_link_accuracy(references: pd.DataFrame, truth: pd.DataFrame) -> dict:
    """Pairwise precision and recall of reference entries put in one publication, over the
    labelled entries; ``unlabelled`` / ``unread`` count entries only on one side."""
    key = references["review_id"] + ":" + references["ref_no"].astype(int).astype(str)
    predicted = dict(zip(key, references["publication_id"]))
    labelled = dict(zip(truth["review_id"] + ":" + truth["ref_no"].astype(int).astype(str), truth["work"]))
    both = sorted(set(predicted) & set(labelled))
    scores = pairwise({k: predicted[k] for k in both}, {k: labelled[k] for k in both})
    return {**scores, "unread": len(set(labelled) - set(predicted)), "unlabelled": len(set(predicted) - set(labelled))}
