"""WHO ICTRP search-portal exports (CSV): one row per registered trial from any primary register.

Columns are found by their header ('TrialID', 'Public title', 'Scientific title', 'Date
registration', 'Secondary IDs', 'Primary sponsor', 'web address', 'Source Register'), case-
and punctuation-blind; a file without TrialID or a title column is refused naming its columns,
and a row without a trial id is reported with its line and left out.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd

from litcurate.errors import CitationFileError
from litcurate.search.imports.fields import year
from litcurate.search.imports.model import ImportProblem
from litcurate.search.imports.textfile import read_text
from litcurate.search.registers.records import COLUMNS, SEPARATOR, record_id, sort_frame

DATABASE = "WHO ICTRP"
HEADERS = {
    "trial_id": ["trialid", "mainid"],
    "public_title": ["publictitle"],
    "title": ["scientifictitle"],
    "registered": ["dateregistration", "dateregistration3", "dateregistered"],
    "enrolment": ["dateenrollement", "dateenrollment", "dateenrolment"],
    "secondary_ids": ["secondaryids", "secondaryid"],
    "sponsor": ["primarysponsor"],
    "url": ["webaddress", "url"],
    "register": ["sourceregister"],
}


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def read_ictrp(path: str | Path) -> tuple[pd.DataFrame, list[ImportProblem]]:
    """The trials of an ICTRP CSV export, and the rows that could not be taken."""
    path = Path(path)
    text = read_text(path).lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, [])
    keys = [_key(h) for h in header]
    where = {name: next((keys.index(s) for s in spellings if s in keys), None) for name, spellings in HEADERS.items()}
    if where["trial_id"] is None or (where["title"] is None and where["public_title"] is None):
        raise CitationFileError(
            f"{path}: line 1: expected an ICTRP export with TrialID and Public title or Scientific title columns, "
            f"got {', '.join(header) or '(no header)'}"
        )
    rows, problems = [], []
    line = reader.line_num + 1
    for cells in reader:
        start, line = line, reader.line_num + 1
        if not any(c.strip() for c in cells):
            continue
        cell = {name: (cells[k].strip() if k is not None and k < len(cells) else "") for name, k in where.items()}
        if not cell["trial_id"]:
            problems.append(ImportProblem(str(path), start, ",".join(cells)[:200], "row has no TrialID; left out"))
            continue
        secondary = {s.strip() for s in re.split(r"[;,]", cell["secondary_ids"]) if s.strip()}
        rows.append(
            {
                "record_id": record_id(DATABASE, cell["trial_id"]),
                "database": DATABASE,
                "trial_id": cell["trial_id"],
                "secondary_ids": SEPARATOR.join(sorted(secondary - {cell["trial_id"]})),
                "title": cell["title"] or cell["public_title"],
                "public_title": cell["public_title"],
                "year": year(cell["enrolment"], cell["registered"]),
                "sponsor": cell["sponsor"],
                "reference_pmids": "",
                "url": cell["url"],
                "source_line": str(start),
            }
        )
    return sort_frame(pd.DataFrame(rows, columns=COLUMNS)), problems
