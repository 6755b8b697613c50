"""Split an EFetch PubmedArticleSet into its article elements, byte for byte, and join
several sets back into one.

The raw XML output must hold every article exactly as PubMed returned it, so articles are
cut out of the response by byte offsets (from expat) instead of being re-serialised.
"""

from __future__ import annotations

import xml.parsers.expat
from dataclasses import dataclass

from litcurate.errors import MalformedResponse

ROOT = "PubmedArticleSet"
RECORD_TAGS = {"PubmedArticle": "MedlineCitation", "PubmedBookArticle": "BookDocument"}

PUBMED_PROLOG = (
    b'<?xml version="1.0" ?>\n'
    b'<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" '
    b'"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n'
)


@dataclass(frozen=True)
class RawArticle:
    pmid: str
    xml: bytes


@dataclass(frozen=True)
class ArticleSet:
    head: bytes  # everything up to and including the <PubmedArticleSet ...> start tag
    articles: list[RawArticle]
    data: bytes  # the whole body as received


class _Splitter:
    def __init__(self, data: bytes):
        self.data = data
        self.parser = xml.parsers.expat.ParserCreate()
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.CharacterDataHandler = self._text
        self.stack: list[str] = []
        self.head_end: int | None = None
        self.article_start = 0
        self.pmid_parts: list[str] | None = None
        self.pmid = ""
        self.articles: list[RawArticle] = []

    def run(self) -> ArticleSet:
        try:
            self.parser.Parse(self.data, True)
        except xml.parsers.expat.ExpatError as exc:
            raise MalformedResponse(f"EFetch response is not well-formed XML ({exc})") from None
        if self.head_end is None:
            raise MalformedResponse(f"EFetch response has no {ROOT} root element")
        return ArticleSet(self.data[: self.head_end], self.articles, self.data)

    def _tag_end(self, offset: int) -> int:
        return self.data.index(b">", offset) + 1

    def _start(self, name: str, attrs: dict) -> None:
        depth = len(self.stack)
        self.stack.append(name)
        if depth == 0:
            if name != ROOT:
                raise MalformedResponse(f"EFetch response root is {name}, not {ROOT}")
            self.head_end = self._tag_end(self.parser.CurrentByteIndex)
        elif depth == 1 and name in RECORD_TAGS:
            self.article_start = self.parser.CurrentByteIndex
            self.pmid = ""
        elif depth == 3 and name == "PMID" and self.stack[2] == RECORD_TAGS.get(self.stack[1]):
            self.pmid_parts = []

    def _text(self, text: str) -> None:
        if self.pmid_parts is not None:
            self.pmid_parts.append(text)

    def _end(self, name: str) -> None:
        depth = len(self.stack) - 1
        if self.pmid_parts is not None and name == "PMID":
            self.pmid = "".join(self.pmid_parts).strip()
            self.pmid_parts = None
        elif depth == 1 and name in RECORD_TAGS:
            if not self.pmid.isdigit():
                raise MalformedResponse(f"a {name} in the EFetch response has no valid PMID")
            end = self._tag_end(self.parser.CurrentByteIndex)
            self.articles.append(RawArticle(self.pmid, self.data[self.article_start : end]))
        self.stack.pop()


def split_article_set(data: bytes) -> ArticleSet:
    """Parse one EFetch body; raise :class:`MalformedResponse` if it is not a whole set."""
    return _Splitter(data).run()


def join_article_sets(head: bytes | None, articles: list[RawArticle]) -> bytes:
    """One well-formed PubmedArticleSet holding ``articles`` in order, under ``head``."""
    start = head if head is not None else PUBMED_PROLOG + b"<" + ROOT.encode() + b">"
    body = b"".join(b"\n" + article.xml for article in articles)
    return start + body + b"\n</" + ROOT.encode() + b">\n"
