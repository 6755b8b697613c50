"""The registers searched for one project: ClinicalTrials.gov (live or snapshot) and WHO ICTRP
exports, as one table of register records plus a PRISMA-S log entry per register."""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass, field

import pandas as pd

from litcurate.errors import SearchConfigError
from litcurate.search.imports.model import ImportProblem
from litcurate.search.registers import ctgov
from litcurate.search.registers.ictrp import DATABASE as ICTRP
from litcurate.search.registers.ictrp import read_ictrp
from litcurate.search.registers.records import COLUMNS, ctgov_frame, sort_frame

logger = logging.getLogger(__name__)


@dataclass
class RegisterSearch:
    """Every register's records, the log entries, ClinicalTrials.gov's studies as received, problems."""

    records: pd.DataFrame
    logs: list[dict] = field(default_factory=list)
    studies: list[dict] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)


def enabled(registers: dict | None) -> bool:
    """Whether the config's ``registers`` section asks for any register."""
    registers = registers or {}
    return bool(registers.get("clinicaltrials_gov") or registers.get("ictrp"))


def search_ctgov(settings: dict) -> ctgov.CtgovSearch:
    """The ClinicalTrials.gov search of ``registers.clinicaltrials_gov`` (live or snapshot)."""
    if settings.get("source", "snapshot") == "snapshot":
        return ctgov.read_snapshot(settings.get("snapshot_dir", "resources/ctgov"))
    client = ctgov.CtgovClient(
        settings.get("api_url", ctgov.DEFAULT_URL),
        requests_per_minute=settings.get("requests_per_minute", 50),
        max_retries=settings.get("max_retries", 5),
        backoff_base=settings.get("backoff_base", 1.0),
        backoff_max=settings.get("backoff_max", 60.0),
        timeout=settings.get("timeout", 60.0),
    )
    if not str(settings.get("query") or "").strip():
        raise SearchConfigError("registers.clinicaltrials_gov.query: expected a search expression for a live search")
    return client.search(settings["query"], settings.get("page_size", ctgov.PAGE_SIZE_MAX))


def search_registers(registers: dict) -> RegisterSearch:
    """Search every configured register; nothing is returned unless every one succeeded."""
    frames, result = [], RegisterSearch(pd.DataFrame(columns=COLUMNS))
    if registers.get("clinicaltrials_gov"):
        found = search_ctgov(registers["clinicaltrials_gov"])
        frames.append(ctgov_frame(found.studies))
        result.logs.append(found.log)
        result.studies = found.studies
    for export in registers.get("ictrp") or []:
        frame, problems = read_ictrp(export["path"])
        frames.append(frame)
        result.problems += problems
        result.logs.append(
            {
                "database": ICTRP,
                "register": True,
                "endpoint": f"export {export['path']}",
                "count_retrieved": len(frame),
                "problems": [dataclasses.asdict(p) for p in problems],
            }
        )
    if frames:
        records = sort_frame(pd.concat(frames, ignore_index=True))
        repeated = records["record_id"].duplicated()
        if repeated.any():  # the same trial in two ICTRP exports: one record, as the register has one
            logger.info("registers: %d trial(s) exported twice kept once", int(repeated.sum()))
        result.records = records[~repeated].reset_index(drop=True)
    for log in result.logs:
        logger.info("%s: %s records", log["database"], log["count_retrieved"])
    return result


def ctgov_snapshot(result: RegisterSearch) -> dict:
    """ClinicalTrials.gov's studies as received, in the snapshot layout (``studies.json``), so that a
    live run can be replayed offline; ``{"studies": []}`` when ClinicalTrials.gov was not searched."""
    log = next((entry for entry in result.logs if entry["database"] == ctgov.DATABASE), None)
    if log is None:
        return {"studies": []}
    snapshot = {"query": log["query"], "snapshot_date": log["run_date"], "totalCount": log["count_reported"]}
    if log.get("synthetic"):
        snapshot["synthetic"] = True
    return {**snapshot, "studies": result.studies}


def write_registers(registers: dict, records_out: str, log_out: str, studies_out: str | None = None) -> RegisterSearch:
    """Search every register of the ``registers`` config section and write the records (validated),
    the PRISMA-S log (``{"registers": [...], "problems": [...]}``) and, if asked, ClinicalTrials.gov's
    studies in the snapshot layout; nothing is written unless every register was searched."""
    from litcurate.io import write_json
    from litcurate.schemas.registers import register_records
    from litcurate.validate import write_validated_csv

    result = search_registers(registers)
    write_validated_csv(records_out, result.records, register_records)
    if studies_out is not None:
        write_json(studies_out, ctgov_snapshot(result))
    problems = [dataclasses.asdict(p) for p in result.problems]
    write_json(log_out, {"registers": result.logs, "problems": problems})
    return result
