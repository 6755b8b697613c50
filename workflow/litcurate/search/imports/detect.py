"""Which reader an export needs, told from its content (the extension only breaks a tie)."""

from __future__ import annotations

import re
from pathlib import Path

from litcurate.errors import CitationFileError
from litcurate.search.imports import tables

FORMATS = ("ris", "medline", "endnote", "bibtex", "wos", "wos_tab", "refworks", "csv")
_SNIFF_LINES = 200
_RIS_START = re.compile(r"^(TY|ER)[ \t]{1,3}-")  # MEDLINE has neither
_WOS_START = re.compile(r"^(FN |VR |PT [A-Z]\s*$)")
_REFWORKS_START = re.compile(r"^RT [A-Za-z]")
_MEDLINE_TAG = re.compile(r"^(PMID|OWN|STAT|TI|AU|DP|PG|AB|JT|TA|SO|LID|AID)[ \t]*- ")
_ENDNOTE_TAG = re.compile(r"^%[0-9A-Z@] ")
_BIBTEX_ENTRY = re.compile(r"^\s*@[A-Za-z]+\s*[{(]")
EXTENSIONS = {
    ".ris": "ris",
    ".nbib": "medline",
    ".medline": "medline",
    ".enw": "endnote",
    ".enl": "endnote",
    ".bib": "bibtex",
    ".csv": "csv",
    ".tsv": "csv",
}


def detect(path: str | Path, lines: list[str]) -> str:
    """One of :data:`FORMATS` for the export at ``path`` with these physical ``lines``."""
    path = Path(path)
    head = [line for line in lines[:_SNIFF_LINES] if line.strip()]
    first = head[0].lstrip("\ufeff") if head else ""
    if any(_RIS_START.match(line) for line in head):
        return "ris"
    if _WOS_START.match(first):
        return "wos"
    if _REFWORKS_START.match(first):
        return "refworks"
    if "\t" in first and tables.is_wos_tab(first):
        return "wos_tab"
    if any(_BIBTEX_ENTRY.match(line) for line in head):
        return "bibtex"
    if any(_ENDNOTE_TAG.match(line) for line in head):
        return "endnote"
    if any(_MEDLINE_TAG.match(line) for line in head):
        return "medline"
    by_extension = EXTENSIONS.get(path.suffix.lower())
    if by_extension:
        return by_extension
    if any(d in first for d in ",;\t"):
        return "csv"
    raise CitationFileError(
        f"{path}: cannot tell the format from its first lines; expected RIS ('TY  - '), MEDLINE ('PMID- '), "
        "EndNote tagged ('%T '), RefWorks ('RT '), BibTeX ('@article{'), Web of Science ('FN ', 'PT J') or a CSV/tab-delimited table"
    )
