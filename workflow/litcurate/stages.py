"""Entry points of the workflow steps: each rule calls exactly one of these.

They only read inputs, call the package logic, validate and write outputs, and log
to the rule's log file; the logic itself lives in the modules they import.
"""
from __future__ import annotations

from pathlib import Path

from litcurate.logs import step_log


class NoTrialTable(ValueError):
    """A review without a study table cannot contribute rows; say what was seen instead."""

    def __init__(self, pdf: str, skipped: list[dict]):
        seen = "; ".join(f"{t.get('caption') or t.get('table_id')} ({t.get('reason')})" for t in skipped) or "no tables"
        super().__init__(
            f"{pdf}: no characteristics-of-included-studies table found (seen: {seen}). If the review has one, "
            "add a 'pages' or 'caption' hint to its row in the reviews sheet."
        )


def search(pubmed_config: dict, xml_out: str, log_json_out: str, records_out: str, log: str) -> None:
    from litcurate.search_step import search as run

    with step_log(log) as logger:
        result = run(pubmed_config, xml_out, log_json_out, records_out)
        logger.info("PubMed: %s reported, %s retrieved", result["count_reported"], result["count_retrieved"])


def records(pubmed_records: str, others: list[dict], pubmed_out: str, combined_out: str, log: str) -> None:
    from litcurate.records import combine_records, pubmed_records as copy_pubmed

    with step_log(log) as logger:
        pubmed = copy_pubmed(pubmed_records, pubmed_out)
        combined = combine_records(pubmed, others, combined_out)
        logger.info("records: %d from PubMed, %d in all", len(pubmed), len(combined))


def extract(review_id: str, pdf: str, hints: dict, tables_dir: str, references_out: str, report_out: str, log: str) -> None:
    from litcurate.extract.review import extract_review, write_extraction

    with step_log(log) as logger:
        extraction = extract_review(pdf, review_id, hints or None)
        if not extraction.tables:
            raise NoTrialTable(pdf, extraction.report.get("skipped", []))
        write_extraction(extraction, Path(tables_dir).parent)
        logger.info("%s: %d trial table(s), %d references", review_id, len(extraction.tables), len(extraction.references))


def harmonise(review_id: str, tables_dir: str, report: str, studies_out: str, warnings_out: str, log: str) -> None:
    from litcurate.harmonise_review import harmonise_review

    with step_log(log) as logger:
        studies, warnings = harmonise_review(review_id, tables_dir, studies_out, warnings_out, report)
        logger.info("%s: %d study rows, %d warnings", review_id, len(studies), len(warnings))


def link(inputs, outputs, link_config: dict, log: str) -> None:
    from litcurate.link_step import run_link

    with step_log(log) as logger:
        linked = run_link(inputs, outputs, link_config)
        logger.info("link: %d publications, %d pairs to review", len(linked.publications), len(linked.to_review))


def screen(inputs, outputs, log: str) -> None:
    from litcurate.screen_step import run_screen

    with step_log(log) as logger:
        screened = run_screen(inputs, outputs)
        logger.info("screen: %d records, %d reports, %d undecided",
                    len(screened.records), len(screened.reports), len(screened.undecided))


def prisma(inputs, outputs, log: str) -> None:
    from litcurate.report_step import write_prisma

    with step_log(log) as logger:
        flow = write_prisma(inputs, outputs)
        logger.info("PRISMA: %d studies, %d reports included", flow["included"]["studies"], flow["included"]["reports"])


def dataset(inputs, outputs, log: str) -> None:
    from litcurate.report_step import write_dataset

    with step_log(log) as logger:
        studies = write_dataset(inputs, outputs)
        logger.info("dataset: %d studies", len(studies))


def qc(inputs, outputs, log: str) -> None:
    from litcurate.report_step import write_qc

    with step_log(log) as logger:
        summary = write_qc(inputs, outputs)
        logger.info("QC: %d warnings %s", summary["total"], summary["by_stage"])
