"""Register records in one shape, whichever register they come from.

A row is one registered trial: ``record_id`` (``<register>:<trial id>``), the register, the
trial id and the register's secondary ids (other registers' numbers, sponsor protocol numbers),
titles, a year (start, else registration), sponsor, the PMIDs the register itself lists as the
trial's publications, and the trial's page.
"""

from __future__ import annotations

import re

import pandas as pd

from litcurate.schemas.registers import COLUMNS
from litcurate.search.imports.fields import year
from litcurate.search.registers.ctgov import DATABASE as CTGOV

SEPARATOR = "; "


def record_id(database: str, trial_id: str) -> str:
    """``<database>:<trial id>`` with the database name made safe for an id (and no space in the trial id)."""
    safe_database = re.sub(r"[^A-Za-z0-9_.-]+", "_", database)
    safe_trial = "_".join(trial_id.split())
    return f"{safe_database}:{safe_trial}"


def _get(study: dict, *path: str, default=None):
    node = study
    for key in path:
        if not isinstance(node, dict):
            return default
        node = node.get(key)
    return default if node is None else node


def ctgov_frame(studies: list[dict]) -> pd.DataFrame:
    """One row per ClinicalTrials.gov study (API v2 JSON), sorted by trial id."""
    rows = []
    for study in studies:
        ident = _get(study, "protocolSection", "identificationModule", default={})
        trial = str(ident.get("nctId", "")).strip()
        secondary = [str(s.get("id", "")).strip() for s in ident.get("secondaryIdInfos", []) or []]
        secondary.append(str(_get(ident, "orgStudyIdInfo", "id", default="")).strip())
        status = _get(study, "protocolSection", "statusModule", default={})
        references = _get(study, "protocolSection", "referencesModule", "references", default=[]) or []
        rows.append(
            {
                "record_id": record_id(CTGOV, trial),
                "database": CTGOV,
                "trial_id": trial,
                "secondary_ids": SEPARATOR.join(sorted({s for s in secondary if s and s != trial})),
                "title": ident.get("officialTitle") or ident.get("briefTitle") or "",
                "public_title": ident.get("briefTitle") or "",
                "year": year(
                    str(_get(status, "startDateStruct", "date", default="")),
                    str(_get(status, "studyFirstSubmitDate", default="")),
                    str(_get(status, "studyFirstPostDateStruct", "date", default="")),
                ),
                "sponsor": _get(
                    study, "protocolSection", "sponsorCollaboratorsModule", "leadSponsor", "name", default=""
                ),
                "reference_pmids": SEPARATOR.join(
                    sorted({str(r.get("pmid")).strip() for r in references if str(r.get("pmid", "")).strip().isdigit()})
                ),
                "url": f"https://clinicaltrials.gov/study/{trial}" if trial else "",
                "source_line": "",
            }
        )
    return sort_frame(pd.DataFrame(rows, columns=COLUMNS))


def sort_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows in record id order, every cell text."""
    return frame.fillna("").astype(str).sort_values("record_id", ignore_index=True)
