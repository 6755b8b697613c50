"""Parse PubMed EFetch XML (PubmedArticleSet) into the records table, one row per article."""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from typing import Any, BinaryIO, Iterator

import pandas as pd

from litcurate.schemas.records import COLUMNS

_YEAR = re.compile(r"\b(\d{4})\b")
_SPACE = re.compile(r"\s+")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_MONTHS = {
    m: i
    for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)
}


def _text(elem: ET.Element | None) -> str | None:
    """All text inside ``elem`` (inline markup such as <i> kept as its text), one-spaced."""
    if elem is None:
        return None
    text = _SPACE.sub(" ", "".join(elem.itertext())).strip()
    return text or None


def _join(values: list[str | None]) -> str | None:
    kept = [v for v in values if v]
    return "; ".join(kept) if kept else None


def _doi(value: str | None) -> str | None:
    if not value:
        return None
    return _DOI_PREFIX.sub("", value.strip()) or None


def _author(author: ET.Element) -> tuple[str, str] | None:
    """(display name "Surname Initials", surname) of one author."""
    collective = _text(author.find("CollectiveName"))
    if collective:
        return collective, collective
    last = _text(author.find("LastName"))
    if not last:
        return None
    initials = _text(author.find("Initials"))
    return (f"{last} {initials}" if initials else last), last


def _authors(author_list: ET.Element | None) -> list[tuple[str, str]]:
    if author_list is None:
        return []
    found = [_author(a) for a in author_list.findall("Author") if a.get("ValidYN", "Y") != "N"]
    return [a for a in found if a]


def _year(article: ET.Element, pub_date: ET.Element | None) -> int | None:
    if pub_date is not None:
        for source in (pub_date.findtext("Year"), pub_date.findtext("MedlineDate")):
            match = _YEAR.search(source or "")
            if match:
                return int(match.group(1))
    match = _YEAR.search(article.findtext("ArticleDate/Year") or "")
    return int(match.group(1)) if match else None


def _pages(pagination: ET.Element | None) -> str | None:
    if pagination is None:
        return None
    medline = _text(pagination.find("MedlinePgn"))
    if medline:
        return medline
    start, end = _text(pagination.find("StartPage")), _text(pagination.find("EndPage"))
    if start and end:
        return f"{start}-{end}"
    return start


def _abstract(abstract: ET.Element | None) -> str | None:
    if abstract is None:
        return None
    paragraphs = []
    for section in abstract.findall("AbstractText"):
        text = _text(section)
        if not text:
            continue
        label = section.get("Label")
        paragraphs.append(f"{label}: {text}" if label else text)
    return "\n".join(paragraphs) or None


def _entrez_date(pubmed_data: ET.Element | None) -> str | None:
    if pubmed_data is None:
        return None
    for stamp in pubmed_data.findall("History/PubMedPubDate"):
        if stamp.get("PubStatus") != "entrez":
            continue
        year, month, day = (stamp.findtext(k, "").strip() for k in ("Year", "Month", "Day"))
        month_no = int(month) if month.isdigit() else _MONTHS.get(month[:3].lower())
        if year.isdigit() and month_no and day.isdigit():
            return f"{int(year):04d}-{month_no:02d}-{int(day):02d}"
    return None


def _article_doi(article: ET.Element, pubmed_data: ET.Element | None) -> str | None:
    for eloc in article.findall("ELocationID"):
        if eloc.get("EIdType") == "doi" and eloc.get("ValidYN", "Y") == "Y":
            return _doi(eloc.text)
    if pubmed_data is not None:
        # Only the article's own ID list: ReferenceList holds the DOIs of cited papers.
        for article_id in pubmed_data.findall("ArticleIdList/ArticleId"):
            if article_id.get("IdType") == "doi":
                return _doi(article_id.text)
    return None


def parse_article(elem: ET.Element) -> dict[str, Any]:
    """One records-table row from a PubmedArticle element."""
    citation = elem.find("MedlineCitation")
    pmid = (citation.findtext("PMID") or "").strip()
    article = citation.find("Article")
    journal = article.find("Journal")
    issue = journal.find("JournalIssue") if journal is not None else None
    pubmed_data = elem.find("PubmedData")
    authors = _authors(article.find("AuthorList"))
    journal_name = None
    if journal is not None:
        journal_name = _text(journal.find("ISOAbbreviation")) or _text(journal.find("Title"))
    journal_name = journal_name or _text(citation.find("MedlineJournalInfo/MedlineTA"))
    return {
        "record_id": f"pmid:{pmid}",
        "source": "PubMed",
        "pmid": pmid,
        "doi": _article_doi(article, pubmed_data),
        "title": _text(article.find("ArticleTitle")) or _text(article.find("VernacularTitle")),
        "authors": _join([a[0] for a in authors]),
        "first_author": authors[0][1] if authors else None,
        "year": _year(article, issue.find("PubDate") if issue is not None else None),
        "journal": journal_name,
        "volume": _text(issue.find("Volume")) if issue is not None else None,
        "issue": _text(issue.find("Issue")) if issue is not None else None,
        "pages": _pages(article.find("Pagination")),
        "abstract": _abstract(article.find("Abstract")),
        "publication_types": _join([_text(t) for t in article.findall("PublicationTypeList/PublicationType")]),
        "mesh_terms": _join([_text(d) for d in citation.findall("MeshHeadingList/MeshHeading/DescriptorName")]),
        "language": _join([_text(lang) for lang in article.findall("Language")]),
        "entrez_date": _entrez_date(pubmed_data),
    }


def _articles(path: str | os.PathLike | BinaryIO) -> Iterator[ET.Element]:
    """Each top-level PubmedArticle of the file, cleared once the caller has read it."""
    depth = 0
    source = path if hasattr(path, "read") else os.fspath(path)
    for event, elem in ET.iterparse(source, events=("start", "end")):
        if event == "start":
            depth += 1
            continue
        depth -= 1
        if depth == 1 and elem.tag == "PubmedArticle":
            yield elem
            elem.clear()


def parse_pubmed_xml(path: str | os.PathLike | BinaryIO) -> pd.DataFrame:
    """The records table of a PubmedArticleSet file (path or binary file object),
    sorted by PMID as an integer."""
    rows = [parse_article(article) for article in _articles(path)]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["year"] = frame["year"].astype("Int64")
    order = sorted(range(len(rows)), key=lambda i: _pmid_key(rows[i]["pmid"]))
    return frame.iloc[order].reset_index(drop=True)


def _pmid_key(pmid: str) -> tuple[int, str]:
    # A malformed PMID sorts first and is then reported by the schema, not here.
    return (int(pmid), "") if pmid.isdigit() else (-1, pmid)


def write_records(xml_path: str | os.PathLike, csv_out: str | os.PathLike) -> pd.DataFrame:
    """Parse ``xml_path`` and write the validated records table to ``csv_out``."""
    from litcurate.schemas.records import write_records_csv

    return write_records_csv(csv_out, parse_pubmed_xml(xml_path))


def trial_ids(path: str | os.PathLike | BinaryIO) -> dict[str, list[str]]:
    """PMID -> the accession numbers PubMed itself records for the article in MEDLINE's
    ``DataBankList`` (trial registers such as ClinicalTrials.gov and ISRCTN, and data banks),
    in the order given; articles without any are left out."""
    found: dict[str, list[str]] = {}
    for article in _articles(path):
        citation = article.find("MedlineCitation")
        pmid = (citation.findtext("PMID") or "").strip() if citation is not None else ""
        numbers = [
            _text(number)
            for number in article.findall(
                "MedlineCitation/Article/DataBankList/DataBank/AccessionNumberList/AccessionNumber"
            )
        ]
        numbers = list(dict.fromkeys(n for n in numbers if n))
        if pmid and numbers:
            found[pmid] = numbers
    return found
