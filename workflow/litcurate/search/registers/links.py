"""Register records tied to the publications (and other registers' records) of the same trial.

By identifiers first: a publication record whose PMID the register lists as the trial's result,
a PubMed record whose own trial ids (MEDLINE's DataBankList, or the SI lines of a MEDLINE export)
include one of the trial's ids, a
publication whose title or abstract names one of the trial's ids (its register number or a
secondary id), and two register records sharing an id (the same trial in ClinicalTrials.gov and
in WHO ICTRP). Ids shorter than 5 characters or without a digit are not searched for in text:
a sponsor's protocol number '01' would match anything.

Then, for a publication no id ties to any trial, by title: the register's scientific or public
title and the publication's title, folded to words, must be nearly the same string
(:data:`TITLE_MIN_SCORE`, both at least :data:`TITLE_MIN_WORDS` words), every word of one found in the
other or spelt nearly alike there (numbers exactly; words under 4 letters aside), and the publication's
year within :data:`YEARS_BEFORE` before to :data:`YEARS_AFTER` after the register's year (its
start, else registration). Such a link carries its score and evidence; it is a link for a
reviewer to see, never a merge of the records.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from litcurate.names import alnum_words
from litcurate.schemas.registers import LINK_COLUMNS as COLUMNS
from litcurate.search.registers.records import SEPARATOR

TITLE_MIN_SCORE = 0.93
TITLE_MIN_WORDS = 6
WORD_MIN_SCORE = 0.8  # two spellings of one word (randomised / randomized)
YEARS_BEFORE = 1  # a trial registered after its first report (late registration)
YEARS_AFTER = 10
BY_TITLE = "title and year match"
ID_LINKS = ("register lists the PMID", "PubMed lists the trial id", "publication names the trial id")


def _ids(row: pd.Series) -> list[str]:
    ids = [row["trial_id"], *[s for s in str(row["secondary_ids"]).split(SEPARATOR) if s]]
    return [i for i in dict.fromkeys(ids) if len(i) >= 5 and re.search(r"\d", i)]


def _pattern(ids: list[str]) -> re.Pattern:
    body = "|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z0-9])({body})(?![A-Za-z0-9])", re.IGNORECASE)


def _year(value: object) -> int | None:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    text = str(value).strip()
    return int(text) if text.isdigit() else None


def _title_key(title: object) -> str:
    words = alnum_words(str(title or "")).split()
    return " ".join(words) if len(words) >= TITLE_MIN_WORDS else ""


def _unpaired(words: set[str], others: set[str]) -> bool:
    """Whether a word of ``words`` missing from ``others`` is a content word with no near spelling there."""
    for word in words - others:
        if any(ch.isdigit() for ch in word):
            return True  # 'phase 2' and 'phase 3', '12 weeks' and '24 weeks' are different trials
        if len(word) >= 4 and not any(fuzz.ratio(word, other) >= WORD_MIN_SCORE * 100 for other in others):
            return True
    return False


def same_title(a: str, b: str) -> bool:
    """Folded titles that differ only in spelling, punctuation and short words: 'randomised' and
    'randomized' agree, 'ketamine' and 'lidocaine' do not, however alike the rest of the titles are."""
    words_a, words_b = set(a.split()), set(b.split())
    return not _unpaired(words_a, words_b) and not _unpaired(words_b, words_a)


def _candidates(key: str, register_year: int, lengths: np.ndarray, years: np.ndarray) -> np.ndarray:
    """Publications whose year is in the window and whose title is long enough, and short enough,
    to reach :data:`TITLE_MIN_SCORE` (a ratio of 2*common/(a+b) cannot, beyond this length ratio)."""
    stretch = (1 - TITLE_MIN_SCORE / 2) / (TITLE_MIN_SCORE / 2)
    near = (lengths >= len(key) / stretch) & (lengths <= len(key) * stretch)
    in_window = (years >= register_year - YEARS_BEFORE) & (years <= register_year + YEARS_AFTER)
    return np.flatnonzero(near & in_window)


def title_links(registers: pd.DataFrame, publications: pd.DataFrame) -> dict[tuple[str, str], tuple]:
    """``(register, record) -> (matched_id, how, score, evidence)`` for the titles that match
    (see the module's docstring); nothing when ``publications`` has no ``year``."""
    if "year" not in publications or registers.empty or publications.empty:
        return {}
    keys = [_title_key(t) for t in publications["title"]]
    lengths = np.array([len(k) if k else -1 for k in keys])
    years = np.array([-1 if (y := _year(v)) is None else y for v in publications["year"]])
    found: dict[tuple[str, str], tuple] = {}
    for _, register in registers.iterrows():
        register_year = _year(register["year"])
        if register_year is None:
            continue
        for field in ("title", "public_title"):
            key = _title_key(register.get(field, ""))
            if not key:
                continue
            candidates = _candidates(key, register_year, lengths, years)
            for _, score, j in process.extract(
                key, [keys[i] for i in candidates], scorer=fuzz.ratio, score_cutoff=TITLE_MIN_SCORE * 100, limit=None
            ):
                i = candidates[j]
                if not same_title(key, keys[i]):
                    continue
                pair = (register["record_id"], publications["record_id"].iloc[i])
                evidence = f"register {field} ~ publication title; years {register_year} / {years[i]}"
                if pair not in found or score / 100 > found[pair][2]:
                    found[pair] = ("", BY_TITLE, round(score / 100, 3), evidence)
    return found


def register_links(registers: pd.DataFrame, publications: pd.DataFrame) -> pd.DataFrame:
    """Links from each register record to publication records (``record_id, pmid, title`` and
    optionally ``abstract``, ``year`` and ``trial_ids``, '; '-joined) and to the other register
    records of the same trial."""
    by_id: dict[str, set[str]] = {}
    spelt: dict[str, str] = {}  # lower-cased id -> as the register writes it
    by_pmid: dict[str, set[str]] = {}
    trial = dict(zip(registers["record_id"], registers["trial_id"]))
    for _, register in registers.iterrows():
        for trial_id in _ids(register):
            by_id.setdefault(trial_id.lower(), set()).add(register["record_id"])
            spelt.setdefault(trial_id.lower(), trial_id)
        for pmid in (p for p in str(register["reference_pmids"]).split(SEPARATOR) if p):
            by_pmid.setdefault(pmid, set()).add(register["record_id"])
    links: dict[tuple[str, str], tuple[str, str]] = {}
    abstracts = publications["abstract"] if "abstract" in publications else pd.Series("", publications.index)
    texts = publications["title"].fillna("").astype(str) + " " + abstracts.fillna("").astype(str)
    pattern = _pattern(list(by_id)) if by_id else None
    listed = publications["trial_ids"] if "trial_ids" in publications else pd.Series("", publications.index)
    for record, pmid, text, own_ids in zip(
        publications["record_id"], publications["pmid"].fillna("").astype(str), texts, listed.fillna("").astype(str)
    ):
        for trial_id in (t.strip() for t in own_ids.split(SEPARATOR) if t.strip()):
            for register in by_id.get(trial_id.lower(), ()):
                links.setdefault((register, record), (trial_id, "PubMed lists the trial id", None, ""))
        for register in by_pmid.get(pmid, ()):
            links.setdefault((register, record), (pmid, "register lists the PMID", None, ""))
        for found in pattern.finditer(text) if pattern is not None else ():
            for register in by_id[found.group(1).lower()]:
                links.setdefault((register, record), (found.group(1), "publication names the trial id", None, ""))
    for trial_id, registers_sharing in sorted(by_id.items()):
        for register in registers_sharing:
            for other in registers_sharing - {register}:
                links.setdefault((register, other), (spelt[trial_id], "same trial id in two registers", None, ""))
    linked = {record for _, record in links}
    for pair, found in sorted(title_links(registers, publications).items()):
        if pair[1] not in linked:
            links.setdefault(pair, found)
    rows = [(register, trial[register], record, *found) for (register, record), found in links.items()]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.sort_values(["register_record_id", "record_id"], ignore_index=True)


def study_registrations(links: pd.DataFrame) -> dict[str, list[str]]:
    """Record id -> the trial ids tied to it by an id (a title link awaits a reviewer, so it is
    not counted); register records' links to each other are left out."""
    by_id = links[links["how"].isin(ID_LINKS)]
    found: dict[str, set[str]] = {}
    for record, trial_id in zip(by_id["record_id"], by_id["trial_id"]):
        found.setdefault(str(record), set()).add(str(trial_id))
    return {record: sorted(ids) for record, ids in sorted(found.items())}
