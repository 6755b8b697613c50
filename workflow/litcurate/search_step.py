"""The search step: a full search, or an incremental refresh into the accumulated records.

Either way it writes the raw XML this run received, the PRISMA-S search log, and
``records.csv``: every PubMed record the search stands for (the accumulated set when
refreshing), which the records step takes from here.
"""
from __future__ import annotations

import json
from pathlib import Path

from litcurate.io import read_csv, write_bytes, write_json
from litcurate.pubmed.medline_xml import write_records
from litcurate.pubmed.refresh import RECORDS_FILE, RUNS_DIR, run_refresh
from litcurate.pubmed.search import run_search
from litcurate.schemas.records import write_records_csv


def _latest_run(state_dir: Path) -> Path:
    return sorted((state_dir / RUNS_DIR).iterdir())[-1]


def refresh(pubmed: dict, xml_out: str, log_out: str, records_out: str) -> dict:
    state_dir = Path(pubmed["refresh_state"])
    diff = run_refresh({"pubmed": pubmed}, state_dir)
    run_dir = _latest_run(state_dir)
    log = json.loads((run_dir / "search_log.json").read_text(encoding="utf-8"))
    log["refresh"] = {k: diff[k] for k in ("since", "until", "datetype", "records_before", "records_after")}
    log["refresh"].update(new=len(diff["new"]), changed=len(diff["changed"]), run=run_dir.name)
    write_bytes(xml_out, (run_dir / "pubmed.xml").read_bytes())
    write_records_csv(records_out, read_csv(state_dir / RECORDS_FILE))
    write_json(log_out, log)
    return log


def search(pubmed: dict, xml_out: str, log_out: str, records_out: str) -> dict:
    if pubmed.get("refresh_state"):
        return refresh(pubmed, xml_out, log_out, records_out)
    log = run_search({"pubmed": pubmed}, xml_out, log_out)
    write_records(xml_out, records_out)
    return log
