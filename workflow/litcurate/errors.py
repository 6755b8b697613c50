"""Every error litcurate raises on purpose, under one root: :class:`LitcurateError`.

A :class:`LitcurateError` message is written for the person running the workflow: one
account of what is wrong and where (file, line or row, key), never a traceback to read.
The ``litcurate`` command catches it once and prints ``litcurate <cmd>: error: <message>``;
inside the workflow Snakemake shows the message of the failed step.

Each class also keeps the built-in base it had before the hierarchy existed (``ValueError``
for bad input, ``RuntimeError`` for an operation that could not complete), so callers that
catch those still do.
"""

from __future__ import annotations

import os


class LitcurateError(Exception):
    """Root of every error litcurate raises on purpose; the message is for the user."""


class InputError(LitcurateError, ValueError):
    """An input file or argument cannot be used as given."""


class ConfigError(InputError):
    """A config value is missing or invalid (``config.yaml`` or a ``pubmed:`` setting)."""


class SheetError(ConfigError):
    """The reviews sheet is missing, malformed, or names a PDF that does not exist."""


class CodebookError(ConfigError):
    """The project's codebook (or a field of it) cannot be used: one line naming file, field, problem."""


class SearchError(LitcurateError, RuntimeError):
    """The search could not produce a complete, verified result."""


class SearchConfigError(ConfigError, SearchError):
    """A ``pubmed:`` config value stops the search before it starts."""


class MalformedResponse(SearchError):
    """A response body was not the XML expected (truncated, wrong root, short batch)."""


class EutilsHTTPError(SearchError):
    """An E-utilities request failed for good (non-retriable status or retries exhausted)."""

    def __init__(self, message: str, status: int | None = None, url: str = ""):
        self.status = status
        self.url = url
        super().__init__(message)


class CountMismatch(SearchError):
    """The PMIDs retrieved differ from the count the server reported."""

    def __init__(self, reported: int, retrieved: int, missing: int, duplicated: int, where: str = ""):
        self.reported = reported
        self.retrieved = retrieved
        self.missing = missing
        self.duplicated = duplicated
        scope = f" ({where})" if where else ""
        super().__init__(
            f"count mismatch{scope}: reported {reported}, retrieved {retrieved} unique, "
            f"missing {missing}, duplicated {duplicated}"
        )


class CitationFileError(InputError):
    """A citation export (RIS, MEDLINE, CSV) could not be read; says where and what was expected."""


class ExtractionError(LitcurateError, RuntimeError):
    """A review PDF cannot be extracted; the message names the file and the problem."""

    def __init__(self, path: str | os.PathLike, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class NoTrialTable(ExtractionError):
    """A review without a study table cannot contribute rows; say what was seen instead."""

    def __init__(self, pdf: str | os.PathLike, skipped: list[dict]):
        seen = "; ".join(f"{t.get('caption') or t.get('table_id')} ({t.get('reason')})" for t in skipped) or "no tables"
        super().__init__(
            pdf,
            f"no characteristics-of-included-studies table found (seen: {seen}). If the review has one, "
            "add a 'pages' or 'caption' hint to its row in the reviews sheet.",
        )


class TableInvalid(LitcurateError, ValueError):
    """A table broke its schema; the message lists every failure found."""

    MAX_LISTED = 25

    def __init__(self, path: str, schema_name: str, failures: list[dict], unit: str = "row"):
        """``unit``: "row" (data rows counted from 1 below the header) or "line" (the file's
        physical lines, for files a person edits)."""
        self.path = path
        self.schema_name = schema_name
        self.failures = failures
        lines = [f"{path}: {len(failures)} problem(s) against schema '{schema_name}':"]
        for f in failures[: self.MAX_LISTED]:
            lines.append(
                f"  {unit} {f['row']}, column {f['column']}: check {f['check']} failed for value {f['value']!r}"
            )
        if len(failures) > self.MAX_LISTED:
            lines.append(f"  ... and {len(failures) - self.MAX_LISTED} more")
        super().__init__("\n".join(lines))


class OverrideError(InputError):
    """A link override names an unknown id, an unknown relation, or contradicts another."""


class DecisionError(InputError):
    """A screening decision names nothing the workflow knows."""


class FlowError(LitcurateError, ValueError):
    """PRISMA counts that do not add up; the flow is not written."""


class PublishError(LitcurateError, RuntimeError):
    """The run cannot be published; the published folder was left as it was."""
