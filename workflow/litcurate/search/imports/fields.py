"""Field clean-up shared by the readers: years, pages, DOIs, ISBNs, vendor header lines."""

from __future__ import annotations

import re

_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)")
_DOI = re.compile(r"\b(10\.\d{4,9}/\S+)")
_HEADER = re.compile(r"^\s*([A-Za-z][A-Za-z ]{0,40}):(?:\s+(.*))?$")
_COMMENT = re.compile(r"^\s*[%#]")


def first(fields: dict[str, list[str]], *tags: str) -> str:
    """The first non-blank value among ``tags``, in the order given."""
    for tag in tags:
        for value in fields.get(tag, ()):
            if value.strip():
                return value.strip()
    return ""


def year(*values: str) -> str:
    """The first plausible 4-digit year in ``values`` ('Start date: 20170812' -> '2017')."""
    for value in values:
        found = _YEAR.search(value or "")
        if found:
            return found.group(1)
    return ""


def pages(start: str, end: str) -> str:
    """``start-end``, or ``start`` alone when the end is missing or the same."""
    start, end = start.strip(), end.strip()
    if start and end and end != start:
        return f"{start}-{end}"
    return start or end


def doi(*values: str) -> str:
    """The DOI in the first value that holds one (bare, a doi.org URL, or 'x [doi]')."""
    for value in values:
        found = _DOI.search(value or "")
        if found:
            return found.group(1).rstrip(".,;")
    return ""


def isbn(*values: str) -> str:
    """The first value that is an ISBN (10 or 13 digits, X allowed last), not an ISSN (8)."""
    for value in values:
        for part in re.split(r"[;,\s]+(?=\S)", value or ""):
            digits = re.sub(r"[^0-9Xx]", "", part)
            if len(digits) in (10, 13) and digits[:-1].isdigit():
                return part.strip()
    return ""


def join(values: list[str]) -> str:
    """Non-blank values joined with '; ' (authors)."""
    return "; ".join(v.strip() for v in values if v.strip())


def vendor_header(line: str) -> tuple[str, str] | None:
    """``('Database', 'X')`` for a vendor's header line such as 'Database: X', else None."""
    match = _HEADER.match(line)
    return (match.group(1).strip(), (match.group(2) or "").strip()) if match else None


def is_comment(line: str) -> bool:
    """A comment line ('% ...', '# ...') that some tools write between records."""
    return bool(_COMMENT.match(line))
