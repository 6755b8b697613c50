"""Errors of the PubMed search stage; each message is one line a reviewer can act on."""
from __future__ import annotations


class SearchError(RuntimeError):
    """The search could not produce a complete, verified result."""


class ConfigError(SearchError):
    """A ``pubmed:`` config value is missing or invalid."""


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
