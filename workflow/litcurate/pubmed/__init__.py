"""PubMed search stage: E-utilities client, snapshot mode, MEDLINE XML parser, refresh."""
from litcurate.pubmed.errors import ConfigError, CountMismatch, EutilsHTTPError, MalformedResponse, SearchError
from litcurate.pubmed.medline_xml import parse_pubmed_xml
from litcurate.pubmed.refresh import run_refresh
from litcurate.pubmed.search import run_search
from litcurate.pubmed.snapshot import build_pubmed_article, write_snapshot

__all__ = [
    "ConfigError", "CountMismatch", "EutilsHTTPError", "MalformedResponse", "SearchError",
    "build_pubmed_article", "parse_pubmed_xml", "run_refresh", "run_search", "write_snapshot",
]
