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
CITES_STUDY = re.compile(
    r"\bet\.?\s?al\b|etal\b|\b(?:19|20)\d{2}[a-z]?\b|\[\d+(?:[,–-]\s*\d+)*\]"
    r"|^(?:(?:de|van|von|der|den|da|di|du|le|la)\s+)*[A-Z][\w'’\-]+(?:\s+[A-Z]{1,3}\.?)?(?:\s*\(\d\))?(?:\s+(?:and|&)\s+[A-Z][\w'’\-]+)?$"
)
# Captions that name a table of the included studies, whatever the topic.
STUDY_CAPTION = re.compile(
    r"characteristics?\s+of\s+(?:the\s+|all\s+)?(?:\w+\s+){0,3}(?:stud(?:y|ies)|trials?|articles|papers|reports|publications)"
    r"|(?:stud(?:y|ies)|trials?|articles)\s+included|(?:included|eligible|selected)\s+(?:\w+\s+){0,2}(?:stud(?:y|ies)|trials?|articles)"
    r"|overview\s+of\s+(?:the\s+)?(?:included|selected|eligible)|general\s+information\s+(?:for|on|of)\s+(?:the\s+)?(?:included|selected)"
    r"|data[-\s]extraction|characteristics\s+of\s+each\s+study|summary\s+of\s+(?:the\s+)?(?:selected|included|eligible)",
    re.IGNORECASE,
)
# Captions of tables whose rows may be studies but which are not the characteristics table.
OTHER_CAPTION = re.compile(
    r"subgroup|sensitivity\s+analys|meta-analysis\s+of|pooled|search\s+(?:terms|strateg)|genotype|allele|risk\s+of\s+bias"
    r"|quality\s+(?:assessment|score)|\bbias(?:es)?\b|heterogeneity|meta-regression|meta-analyses|previous\s+(?:reviews|meta)",
    re.IGNORECASE,
)
MIN_CITING_SHARE = 0.5


def label_column(header: list[str]) -> int | None:
    """Index of the column naming the study (Study / Reference / First Author ...)."""
    for i, cell in enumerate(header):
        if LABEL_HEADER.match(cell.strip()):
            return i
    return None


# Text layers that lost their spaces ("Characteristicsof AllEligibleStudies") still match.
STUDY_CAPTION = re.compile(STUDY_CAPTION.pattern.replace(r"\s+", r"\s*"), re.IGNORECASE)
OTHER_CAPTION = re.compile(OTHER_CAPTION.pattern.replace(r"\s+", r"\s*"), re.IGNORECASE)


def cites_study(label: str, ref_no: str) -> bool:
    """A row's label names a study: it carries a citation number, or reads like an author,
    an "et al", a year or a "[n]"."""
    return bool(ref_no) or bool(CITES_STUDY.search(str(label).strip()))


def study_caption(caption: str) -> bool:
    """The caption names a table of the included studies (and nothing else)."""
    return bool(STUDY_CAPTION.search(caption or "")) and not OTHER_CAPTION.search(caption or "")


def classify(header: list[str], labels: list[str], ref_nos: list[str], caption: str = "") -> tuple[bool, str]:
    """(is_trial_table, reason) from the caption, header cues and whether rows name studies."""
    col = label_column(header)
    by_caption = study_caption(caption)
    if OTHER_CAPTION.search(caption or "") and not STUDY_CAPTION.search(caption or ""):
        return False, "non-trial: the caption names another kind of table"
    if col is None and not by_caption:
        return False, "non-trial: header has no study/author column"
    col = 0 if col is None else col
    others = [h for i, h in enumerate(header) if i != col]
    has_cue = any(STUDY_CUES.search(h) for h in others) or bool(STUDY_CUES.search(header[col])) or by_caption
    if not labels:
        return False, "non-trial: table has no rows"
    citing = sum(1 for lab, ref in zip(labels, ref_nos) if cites_study(lab, ref))
    if citing / len(labels) < MIN_CITING_SHARE:
        return False, f"non-trial: only {citing} of {len(labels)} rows cite a study"
    if not has_cue and not any(ref_nos):
        return False, "non-trial: header has no study-design cue (year, sample size, patients, design)"
    if by_caption:
        return True, f"trial: caption names the included studies and rows name studies ('{header[col]}')"
    return True, "trial: study column '{}' and rows citing studies".format(header[col])
