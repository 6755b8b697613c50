"""Decide whether a table lists included studies (a trial table) or something else."""
from __future__ import annotations

import re

LABEL_HEADER = re.compile(
    r"^(?:first\s+author|authors?|stud(?:y|ies)|references?|trials?|citations?|sources?)\b", re.IGNORECASE
)
STUDY_CUES = re.compile(
    r"\b(?:year|sample\s+size|n|no\.?\s+of\s+patients|patients|participants|subjects|design|setting|population|intervention)\b",
    re.IGNORECASE,
)
CITES_STUDY = re.compile(r"\bet al\b|\b(?:19|20)\d{2}\b|^[A-Z][\w'’\-]+(?:\s+and\s+[A-Z][\w'’\-]+)?$")
MIN_CITING_SHARE = 0.5


def label_column(header: list[str]) -> int | None:
    """Index of the column naming the study (Study / Reference / First Author ...)."""
    for i, cell in enumerate(header):
        if LABEL_HEADER.match(cell.strip()):
            return i
    return None


def classify(header: list[str], labels: list[str], ref_nos: list[str]) -> tuple[bool, str]:
    """(is_trial_table, reason) from header cues and whether rows cite studies."""
    col = label_column(header)
    if col is None:
        return False, "non-trial: header has no study/author column"
    others = [h for i, h in enumerate(header) if i != col]
    has_cue = any(STUDY_CUES.search(h) for h in others) or bool(STUDY_CUES.search(header[col]))
    if not labels:
        return False, "non-trial: table has no rows"
    citing = sum(1 for lab, ref in zip(labels, ref_nos) if ref or CITES_STUDY.search(lab))
    if citing / len(labels) < MIN_CITING_SHARE:
        return False, f"non-trial: only {citing} of {len(labels)} rows cite a study"
    if not has_cue and not any(ref_nos):
        return False, "non-trial: header has no study-design cue (year, sample size, patients, design)"
    return True, "trial: study column '{}' and rows citing studies".format(header[col])
