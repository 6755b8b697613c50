"""The extract rule's call: one review PDF -> its trial tables, reference list, report and warnings."""

from __future__ import annotations

import logging

from litcurate.errors import NoTrialTable
from litcurate.extract.review import extract_review, write_extraction
from litcurate.logs import step_log
from litcurate.warnings import write_warnings

logger = logging.getLogger(__name__)


def run(input, output, params, log) -> None:
    """Extract ``input.pdf`` (review ``params.review``, ``params.hints``) into exactly the rule's
    outputs: ``tables`` (folder), ``references``, ``report`` and ``warnings``.

    A PDF without a trial table stops the step (:class:`~litcurate.errors.NoTrialTable`).
    """
    with step_log(log):
        extraction = extract_review(input.pdf, params.review, params.hints or None)
        if not extraction.tables:
            raise NoTrialTable(input.pdf, extraction.report.get("skipped", []))
        write_extraction(
            extraction, output.tables, tables_dir=output.tables, references=output.references, report=output.report
        )
        write_warnings(output.warnings, extraction.warnings, file=output.report)
        logger.info(
            "%s: %d trial table(s), %d references",
            params.review, len(extraction.tables), len(extraction.references),
        )  # fmt: skip
