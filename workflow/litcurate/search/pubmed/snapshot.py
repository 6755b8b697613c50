"""Saved searches: render PubmedArticle elements, write a snapshot folder, read it back.

A snapshot folder holds what a live search would have received --
``esearch.xml`` (an eSearchResult with Count and IdList) and ``efetch.xml`` (a
PubmedArticleSet with PubMed's DOCTYPE line) -- plus ``snapshot.json`` recording the
query and the date the search was run, which stands in for the run timestamp so that
reruns from the snapshot are byte-identical.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path
from typing import Any, Iterable
from xml.sax.saxutils import escape, quoteattr

from litcurate.errors import MalformedResponse, SearchConfigError
from litcurate.io import write_bytes, write_json
from litcurate.search.pubmed.articleset import PUBMED_PROLOG, ArticleSet, split_article_set
from litcurate.search.pubmed.eutils import SearchResult, parse_esearch

ESEARCH_PROLOG = (
    '<?xml version="1.0" encoding="UTF-8" ?>\n'
    '<!DOCTYPE eSearchResult PUBLIC "-//NLM//DTD esearch 20060628//EN" '
    '"https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20060628/esearch.dtd">\n'
)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _el(tag: str, text: object, attrs: str = "") -> str:
    return f"<{tag}{attrs}>{escape(str(text))}</{tag}>"


def _author(author: Any) -> str:
    if isinstance(author, str):
        last, _, initials = author.strip().rpartition(" ")
        author = {"last": last, "initials": initials} if last else {"last": initials}
    if "collective" in author:
        return f'<Author ValidYN="Y">{_el("CollectiveName", author["collective"])}</Author>'
    parts = [_el("LastName", author["last"])]
    if author.get("fore"):
        parts.append(_el("ForeName", author["fore"]))
    if author.get("initials"):
        parts.append(_el("Initials", author["initials"]))
    return '<Author ValidYN="Y">' + "".join(parts) + "</Author>"


def _pub_date(fields: dict) -> str:
    if fields.get("medline_date"):
        return "<PubDate>" + _el("MedlineDate", fields["medline_date"]) + "</PubDate>"
    parts = []
    if fields.get("year") is not None:
        parts.append(_el("Year", fields["year"]))
    if fields.get("month"):
        parts.append(_el("Month", MONTHS[int(fields["month"]) - 1]))
        if fields.get("day"):
            parts.append(_el("Day", f"{int(fields['day']):02d}"))
    return "<PubDate>" + "".join(parts) + "</PubDate>"


def _abstract(abstract: Any) -> str:
    if not abstract:
        return ""
    if isinstance(abstract, str):
        return "<Abstract>" + _el("AbstractText", abstract) + "</Abstract>"
    sections = "".join(_el("AbstractText", text, f" Label={quoteattr(label)}") for label, text in abstract)
    return "<Abstract>" + sections + "</Abstract>"


def _entrez_date(text: str | None) -> str:
    if not text:
        return ""
    year, month, day = (int(p) for p in str(text).split("-"))
    return (
        '<History><PubMedPubDate PubStatus="entrez">'
        f"<Year>{year}</Year><Month>{month}</Month><Day>{day}</Day>"
        "</PubMedPubDate></History>"
    )


def build_pubmed_article(fields: dict) -> str:
    """One PubmedArticle element (as PubMed's EFetch XML) from citation fields.

    Keys: ``pmid`` (required), ``title``, ``authors`` (``"Surname Initials"`` strings or
    dicts with ``last``/``fore``/``initials`` or ``collective``), ``journal``,
    ``iso_abbreviation``, ``year``/``month``/``day`` or ``medline_date``, ``volume``,
    ``issue``, ``pages``, ``doi``, ``abstract`` (text or ``[(label, text), ...]``),
    ``publication_types``, ``mesh_terms``, ``language`` (default ``eng``), ``entrez_date``
    (``YYYY-MM-DD``).
    """
    pmid = str(fields["pmid"])
    if not pmid.isdigit():
        raise ValueError(f"pmid {pmid!r} is not digits")
    issue = "".join(_el(tag, fields[key]) for tag, key in (("Volume", "volume"), ("Issue", "issue")) if fields.get(key))
    journal = '<JournalIssue CitedMedium="Internet">' + issue + _pub_date(fields) + "</JournalIssue>"
    if fields.get("journal"):
        journal += _el("Title", fields["journal"])
    if fields.get("iso_abbreviation"):
        journal += _el("ISOAbbreviation", fields["iso_abbreviation"])
    article = ["<Journal>" + journal + "</Journal>", _el("ArticleTitle", fields.get("title", ""))]
    if fields.get("pages"):
        article.append("<Pagination>" + _el("MedlinePgn", fields["pages"]) + "</Pagination>")
    if fields.get("doi"):
        article.append(_el("ELocationID", fields["doi"], ' EIdType="doi" ValidYN="Y"'))
    article.append(_abstract(fields.get("abstract")))
    if fields.get("authors"):
        authors = "".join(_author(a) for a in fields["authors"])
        article.append('<AuthorList CompleteYN="Y">' + authors + "</AuthorList>")
    article.append(_el("Language", fields.get("language") or "eng"))
    types = fields.get("publication_types") or ["Journal Article"]
    article.append(
        "<PublicationTypeList>" + "".join(_el("PublicationType", t) for t in types) + "</PublicationTypeList>"
    )
    mesh = ""
    if fields.get("mesh_terms"):
        mesh = (
            "<MeshHeadingList>"
            + "".join(
                "<MeshHeading>" + _el("DescriptorName", t, ' MajorTopicYN="N"') + "</MeshHeading>"
                for t in fields["mesh_terms"]
            )
            + "</MeshHeadingList>"
        )
    ids = _el("ArticleId", pmid, ' IdType="pubmed"')
    if fields.get("doi"):
        ids += _el("ArticleId", fields["doi"], ' IdType="doi"')
    return (
        "<PubmedArticle>"
        '<MedlineCitation Status="MEDLINE" Owner="NLM">'
        + _el("PMID", pmid, ' Version="1"')
        + '<Article PubModel="Print">'
        + "".join(article)
        + "</Article>"
        + mesh
        + "</MedlineCitation>"
        + "<PubmedData>"
        + _entrez_date(fields.get("entrez_date"))
        + "<PublicationStatus>ppublish</PublicationStatus>"
        + "<ArticleIdList>"
        + ids
        + "</ArticleIdList>"
        + "</PubmedData>"
        "</PubmedArticle>"
    )


def render_esearch(pmids: list[str]) -> str:
    """An eSearchResult body for ``pmids``."""
    ids = "".join(f"<Id>{p}</Id>" for p in pmids)
    return (
        ESEARCH_PROLOG
        + f"<eSearchResult><Count>{len(pmids)}</Count><RetMax>{len(pmids)}</RetMax>"
        + f"<RetStart>0</RetStart><IdList>{ids}</IdList></eSearchResult>\n"
    )


def write_snapshot(
    articles: Iterable[dict | str],
    query: str,
    snapshot_dir: str | os.PathLike,
    date: str | Date,
    *,
    datetype: str | None = None,
    mindate: str | None = None,
    maxdate: str | None = None,
) -> None:
    """Write ``esearch.xml``, ``efetch.xml`` and ``snapshot.json`` for ``articles``.

    ``articles`` are field dicts (rendered with :func:`build_pubmed_article`) or
    PubmedArticle XML strings; ``date`` is when the search was run (``YYYY-MM-DD``).
    """
    rendered = [a if isinstance(a, str) else build_pubmed_article(a) for a in articles]
    efetch = PUBMED_PROLOG.decode() + "<PubmedArticleSet>\n" + "\n".join(rendered) + "\n</PubmedArticleSet>\n"
    pmids = [a.pmid for a in split_article_set(efetch.encode("utf-8")).articles]
    if len(set(pmids)) != len(pmids):
        raise ValueError("snapshot articles repeat a PMID")
    folder = Path(snapshot_dir)
    write_bytes(folder / "esearch.xml", render_esearch(pmids).encode("utf-8"))
    write_bytes(folder / "efetch.xml", efetch.encode("utf-8"))
    meta = {
        "query": query,
        "date": str(date),
        "count": len(pmids),
        "datetype": datetype,
        "mindate": mindate,
        "maxdate": maxdate,
    }
    write_json(folder / "snapshot.json", meta)


@dataclass(frozen=True)
class Snapshot:
    search: SearchResult
    efetch: bytes
    articles: ArticleSet
    meta: dict


def read_snapshot(snapshot_dir: str | os.PathLike) -> Snapshot:
    """The saved search in ``snapshot_dir`` (esearch.xml, efetch.xml, snapshot.json)."""
    folder = Path(snapshot_dir)
    paths = {name: folder / name for name in ("esearch.xml", "efetch.xml", "snapshot.json")}
    for name, path in paths.items():
        if not path.is_file():
            raise SearchConfigError(f"snapshot {folder}: missing {name}")
    meta = json.loads(paths["snapshot.json"].read_text(encoding="utf-8"))
    if not meta.get("date") or not meta.get("query"):
        raise SearchConfigError(f"snapshot {folder}: snapshot.json must record 'query' and 'date'")
    efetch = paths["efetch.xml"].read_bytes()
    try:
        search = parse_esearch(paths["esearch.xml"].read_bytes())
        articles = split_article_set(efetch)
    except MalformedResponse as exc:
        raise MalformedResponse(f"snapshot {folder}: {exc}") from None
    return Snapshot(search, efetch, articles, meta)
