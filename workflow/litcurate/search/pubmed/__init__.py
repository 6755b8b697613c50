"""PubMed through E-utilities: client, snapshot mode, MEDLINE XML parser, incremental refresh."""

from litcurate.search.pubmed.medline_xml import parse_pubmed_xml
from litcurate.search.pubmed.refresh import run_refresh
from litcurate.search.pubmed.search import run_search
from litcurate.search.pubmed.snapshot import build_pubmed_article, write_snapshot

__all__ = ["build_pubmed_article", "parse_pubmed_xml", "run_refresh", "run_search", "write_snapshot"]
