"""The calls of the rules in ``rules/search.smk``: ``search`` (:func:`run`), ``registers``
(:func:`registers`, only when the config names a register) and ``records`` (:func:`records`).

The search is a full search, or an incremental refresh into the accumulated records.
Either way it writes the raw XML this run received, the PRISMA-S search log, and
``records.csv``: every PubMed record the search stands for (the accumulated set when
refreshing), which the records rule takes from here, joined by the exports of other
databases.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from litcurate.io import read_csv, write_bytes, write_json
from litcurate.logs import step_log
from litcurate.schemas.records import write_records_csv
from litcurate.search.databases import combine_records, pubmed_records
from litcurate.search.pubmed.medline_xml import trial_ids, write_records
from litcurate.search.pubmed.refresh import RECORDS_FILE, RUNS_DIR, run_refresh
from litcurate.search.pubmed.search import run_search
from litcurate.search.registers.search import write_registers
from litcurate.search.sources import source_counts

logger = logging.getLogger(__name__)


def _latest_run(state_dir: Path) -> Path:
    return sorted((state_dir / RUNS_DIR).iterdir())[-1]


def refresh(pubmed: dict, xml_out: str, log_out: str, records_out: str) -> dict:
    """Merge the records entered since the last run into ``pubmed.refresh_state``; return the log."""
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
    """Search (or refresh) with the ``pubmed`` config section; return the search log."""
    if pubmed.get("refresh_state"):
        return refresh(pubmed, xml_out, log_out, records_out)
    log = run_search({"pubmed": pubmed}, xml_out, log_out)
    write_records(xml_out, records_out)
    return log


def run(input, output, params, log) -> None:
    """The search rule: ``output.xml``, ``output.log_json`` (PubMed's PRISMA-S log) and
    ``output.records`` from ``params.pubmed``."""
    with step_log(log):
        result = search(params.pubmed, output.xml, output.log_json, output.records)
        logger.info("PubMed: %s reported, %s retrieved", result["count_reported"], result["count_retrieved"])


def search_log(input, output, params, log) -> None:
    """The search_log rule: PubMed's log as it is, or, with other sources (``input.exports``, the
    records step's entry per export; ``input.registers_log``), PubMed's log counting every source
    (PRISMA-S)."""
    with step_log(log):
        result = _read_json(input.pubmed)
        exports_log = getattr(input, "exports", None)
        registers_log = getattr(input, "registers_log", None)
        if exports_log or registers_log:
            register_logs = _read_json(registers_log) if registers_log else {}
            if register_logs:
                result["registers"] = register_logs["registers"]
            exports = _read_json(exports_log) if exports_log else []
            result["sources"] = source_counts(result, register_logs.get("registers", []), exports)
        write_json(output[0], result)


def _read_json(path: str):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def registers(input, output, params, log) -> None:
    """The registers rule: ``output.records`` (one row per trial), ``output.studies`` (ClinicalTrials.gov's
    studies as received) and ``output.log_json`` (a PRISMA-S entry per register) from ``params.registers``."""
    with step_log(log):
        result = write_registers(params.registers, output.records, output.log_json, output.studies)
        logger.info("registers: %d records", len(result.records))


def records(input, output, params, log) -> None:
    """The records rule: ``output.pubmed`` (the search's records, re-validated) and ``output.combined``
    (those plus every database export in ``params.others`` and the register records); with other
    sources, ``output.warnings`` holds every export line that was not read (QC stage ``import``)."""
    with step_log(log):
        pubmed = pubmed_records(input.pubmed, output.pubmed)
        registers_csv = getattr(input, "registers", None)
        links = getattr(output, "register_links", None)
        registers_log = getattr(input, "registers_log", None)
        register_logs = _read_json(registers_log)["registers"] if registers_log else []
        warnings = getattr(output, "warnings", None)
        xml = getattr(input, "xml", None)
        listed = trial_ids(xml) if xml else {}
        combined = combine_records(
            pubmed,
            params.others,
            output.combined,
            registers_csv,
            links,
            warnings,
            register_logs,
            listed,
            getattr(output, "exports", None),
        )
        logger.info("records: %d from PubMed, %d in all", len(pubmed), len(combined))
