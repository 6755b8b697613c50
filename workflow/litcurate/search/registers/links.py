"""Register records tied to the publications (and other registers' records) of the same trial.

By identifiers only: a publication record whose PMID the register lists as the trial's result,
a publication whose title or abstract names one of the trial's ids (its register number or a
secondary id), and two register records sharing an id (the same trial in ClinicalTrials.gov and
in WHO ICTRP). Ids shorter than 5 characters or without a digit are not searched for in text:
a sponsor's protocol number '01' would match anything.
"""

from __future__ import annotations

import re

import pandas as pd

from litcurate.schemas.registers import LINK_COLUMNS as COLUMNS
from litcurate.search.registers.records import SEPARATOR


def _ids(row: pd.Series) -> list[str]:
    ids = [row["trial_id"], *[s for s in str(row["secondary_ids"]).split(SEPARATOR) if s]]
    return [i for i in dict.fromkeys(ids) if len(i) >= 5 and re.search(r"\d", i)]


def _pattern(ids: list[str]) -> re.Pattern:
    body = "|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z0-9])({body})(?![A-Za-z0-9])", re.IGNORECASE)


def register_links(registers: pd.DataFrame, publications: pd.DataFrame) -> pd.DataFrame:
    """Links from each register record to publication records (``record_id, pmid, title`` and
    optionally ``abstract``) and to the other register records of the same trial."""
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
    for record, pmid, text in zip(publications["record_id"], publications["pmid"].fillna("").astype(str), texts):
        for register in by_pmid.get(pmid, ()):
            links.setdefault((register, record), (pmid, "register lists the PMID"))
        for found in pattern.finditer(text) if pattern is not None else ():
            for register in by_id[found.group(1).lower()]:
                links.setdefault((register, record), (found.group(1), "publication names the trial id"))
    for trial_id, registers_sharing in sorted(by_id.items()):
        for register in registers_sharing:
            for other in registers_sharing - {register}:
                links.setdefault((register, other), (spelt[trial_id], "same trial id in two registers"))
    rows = [(register, trial[register], record, *found) for (register, record), found in links.items()]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.sort_values(["register_record_id", "record_id"], ignore_index=True)
