"""What every export reader returns: one text row per record, with where it came from, and the
problems met on the way (a line that could not be read, a record closed without its end tag)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

# Bibliographic columns (the dedup engine's contract), then identifiers, then provenance.
COLUMNS = [
    "ID",
    "title",
    "year",
    "author",
    "journal",
    "volume",
    "number",
    "pages",
    "doi",
    "abstract",
    "pmid",
    "ENTRYTYPE",
    "url",
    "isbn",
    "accession",
    "trial_ids",
    "source_file",
    "source_line",
    "source_database",
]


@dataclass(frozen=True)
class ImportProblem:
    """A line of an export that was not taken as data, or a record that was read with a repair.

    ``line`` is the physical 1-based line of the file (blank and comment lines counted).
    """

    file: str
    line: int
    text: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: line {self.line}: {self.message}: {self.text[:80]!r}"


@dataclass
class ImportResult:
    """The records of one export file (:data:`COLUMNS`, all text) and the problems met reading it."""

    records: pd.DataFrame
    problems: list[ImportProblem] = field(default_factory=list)
    format: str = ""


def new_row(file: str, line: int) -> dict[str, str]:
    """An empty record (every column ``""``) placed at ``file``:``line``."""
    row = dict.fromkeys(COLUMNS, "")
    row["source_file"] = file
    row["source_line"] = str(line)
    return row
