"""Delimited exports: the dedup engine's own CSV, Scopus and Embase CSV, Web of Science
tab-delimited, and any table whose header names its columns recognisably.

Headers are matched case- and punctuation-blind against :data:`SYNONYMS`; a table without a title
column is refused naming the columns it has. A row with more cells than the header is reported
(its cells would land in the wrong columns) and left out; a short row is padded.
"""

from __future__ import annotations

import csv
import io
import re

from litcurate.errors import CitationFileError
from litcurate.search.imports import fields as f
from litcurate.search.imports.model import ImportProblem, new_row
from litcurate.search.imports.tagged import Segmented
from litcurate.search.imports.wos import row_from_tags

# canonical column -> header spellings, compared after lower-casing and dropping non-alphanumerics
SYNONYMS = {
    "ID": ["id", "key", "recordid", "citationkey"],
    "title": ["title", "articletitle", "documenttitle", "ti"],
    "year": ["year", "publicationyear", "pubyear", "publishedyear", "py"],
    "author": ["author", "authors", "authornames", "au"],
    "journal": [
        "journal",
        "sourcetitle",
        "journaltitle",
        "publicationtitle",
        "pubtitle",
        "journalbook",
        "so",
        "booktitle",
        "source",  # Publish or Perish names the venue 'Source'; Scopus has 'Source title' for it
    ],
    "volume": ["volume", "vol", "vl"],
    "number": ["number", "issue", "issuenumber", "is"],
    "pages": ["pages", "pagerange", "pagination", "pg"],
    "page_start": ["pagestart", "firstpage", "startpage", "bp", "sp"],
    "page_end": ["pageend", "lastpage", "endpage", "ep"],
    "doi": ["doi", "digitalobjectidentifier", "di"],
    "abstract": ["abstract", "abstractnote", "ab"],
    "pmid": ["pmid", "pubmedid", "medlinepmid", "pm"],
    "ENTRYTYPE": ["entrytype", "documenttype", "publicationtype", "itemtype", "dt"],
    "url": ["url", "link", "embaselink", "links", "documenturl", "articleurl", "externalurl", "pdflink"],
    "isbn": ["isbn", "isbns", "bn"],
    "accession": [
        "accession",
        "accessionnumber",
        "eid",
        "embaseaccessionid",
        "embaseaccessionnumber",
        "lensid",
        "publicationid",
        "ut",
        "an",
    ],
    "source_database": ["database", "db", "source"],
}
REQUIRED = ["title"]
PREAMBLE_LINES = 10  # lines a vendor may write before the header ('About the data: ...')
DOCUMENT_TYPES = {
    "article": "article",
    "review": "article",
    "letter": "article",
    "editorial": "article",
    "note": "article",
    "article in press": "article",
    "conference paper": "inproceedings",
    "conference review": "inproceedings",
    "conference abstract": "abstract",
    "book": "book",
    "book chapter": "incollection",
}
WOS_TAB_COLUMNS = {"PT", "AU", "TI", "SO", "UT"}


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _delimiter(header: str) -> str:
    return max(("\t", ",", ";"), key=header.count)


def is_wos_tab(header: str) -> bool:
    """A Web of Science tab-delimited header ('PT\\tAU\\tBA\\t...')."""
    return WOS_TAB_COLUMNS <= {c.strip() for c in header.split("\t")}


def parse(file: str, text: str) -> tuple[list[dict], Segmented]:
    """The rows of a delimited export's ``text`` as records, and the rows that could not be read."""
    text = text.lstrip("\ufeff")
    skipped = _preamble(text)
    body = text.split("\n", skipped)[-1] if skipped else text
    header_line = body.split("\n", 1)[0]
    wos = is_wos_tab(header_line)
    delimiter = "\t" if wos else _delimiter(header_line)
    quoting = csv.QUOTE_NONE if wos else csv.QUOTE_MINIMAL
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter, quoting=quoting)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise CitationFileError(f"{file}: empty file; expected a header line and one row per record") from None
    except csv.Error as exc:
        raise CitationFileError(f"{file}: line {skipped + 1}: not a readable table header ({exc})") from None
    columns = _columns(file, header, wos, skipped + 1)
    embase = any("embase" in _key(name) for name in header)
    found = Segmented()
    rows = []
    line = skipped + reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            found.problems.append(ImportProblem(file, skipped + reader.line_num, "", f"unreadable row: {exc}"))
            break
        start, line = line, skipped + reader.line_num + 1
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
            found.problems.append(
                ImportProblem(
                    file,
                    start,
                    delimiter.join(cells),
                    f"row has {len(cells)} cells for {len(header)} columns; left out",
                )
            )
            continue
        cells = cells + [""] * (len(header) - len(cells))
        if wos:
            rows.append(_wos_row(file, start, header, cells))
        else:
            rows.append(_row(file, start, columns, cells))
            if embase:
                rows[-1]["source_database"] = "Embase"
    if wos:
        return rows, found
    _check_years(file, rows, found)
    return rows, found


def _preamble(text: str) -> int:
    """How many lines stand before the header: the first of the first lines naming a title column."""
    lines = text.split("\n", PREAMBLE_LINES + 1)[:PREAMBLE_LINES]
    for k, line in enumerate(lines):
        cells = next(csv.reader([line], delimiter=_delimiter(line)), [])
        if is_wos_tab(line) or any(_key(c) in SYNONYMS["title"] for c in cells):
            return k
    return 0


def _columns(file: str, header: list[str], wos: bool, line: int = 1) -> dict[str, list[int]]:
    """Canonical column -> the positions of every header spelling of it, in synonym order
    (a blank journal cell falls back to booktitle, as CoLRev and BibTeX-derived CSVs need)."""
    if wos:
        return {}
    keys = [_key(name) for name in header]
    columns = {}
    for column, spellings in SYNONYMS.items():
        found = [k for spelling in spellings for k, key in enumerate(keys) if key == spelling]
        if found:
            columns[column] = found
    if "sourcetitle" in keys and "journal" in columns:  # Scopus: 'Source' names the database, not the venue
        columns["journal"] = [k for k in columns["journal"] if keys[k] != "source"]
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise CitationFileError(
            f"{file}: line {line}: no {', '.join(missing)} column among {', '.join(header) or '(none)'}; expected a "
            "header such as ID,title,year,author,journal,volume,number,pages (Scopus, Embase and Web of Science "
            "headers are recognised)"
        )
    return columns


def _row(file: str, line: int, columns: dict[str, list[int]], cells: list[str]) -> dict:
    value = {column: next((cells[k].strip() for k in ks if cells[k].strip()), "") for column, ks in columns.items()}
    row = new_row(file, line)
    for column in row:
        if column in value and column not in ("source_file", "source_line"):
            row[column] = value[column]
    row["pages"] = value.get("pages") or f.pages(value.get("page_start", ""), value.get("page_end", ""))
    row["author"] = _authors(value.get("author", ""))
    row["doi"] = f.doi(value.get("doi", "")) or value.get("doi", "")
    row["isbn"] = f.isbn(value.get("isbn", ""))
    row["ENTRYTYPE"] = DOCUMENT_TYPES.get(value.get("ENTRYTYPE", "").lower(), value.get("ENTRYTYPE", ""))
    if row["source_database"] == row["journal"]:  # one 'Source' column read as both: it names the venue
        row["source_database"] = ""
    if not row["pmid"].isdigit():
        row["pmid"] = ""
    return row


_SURNAME_INITIALS = re.compile(r"^[^,;]+ [A-Z]{1,4}\.?(, [^,;]+ [A-Z]{1,4}\.?)+$")


def _authors(text: str) -> str:
    """Authors as '; '-separated names: Scopus and Embase write 'Smith J., Doe A.B.', PubMed's CSV
    'Smith J, Doe A'; names that hold their own comma ('Smith, John') need ';' between them."""
    if ";" not in text and re.search(r"\.,\s", text):
        return "; ".join(a.strip() for a in re.split(r"(?<=\.),\s+", text) if a.strip())
    if ";" not in text and _SURNAME_INITIALS.match(text.strip()):
        return "; ".join(a.strip() for a in text.split(", "))
    return "; ".join(a.strip() for a in text.split(";") if a.strip())


def _wos_row(file: str, line: int, header: list[str], cells: list[str]) -> dict:
    fields = {name.strip(): [cell.strip()] for name, cell in zip(header, cells)}
    for tag in ("AU", "AF"):
        fields[tag] = [a.strip() for a in fields.get(tag, [""])[0].split(";") if a.strip()]
    return row_from_tags(file, line, fields)


def _check_years(file: str, rows: list[dict], found: Segmented) -> None:
    """A year cell that holds no year is reported and left blank."""
    for row in rows:
        raw = row["year"]
        row["year"] = f.year(raw)
        if raw and not row["year"]:
            found.problems.append(
                ImportProblem(file, int(row["source_line"]), raw, "column year: expected a 4-digit year; left blank")
            )
