"""Hand-made inputs of ``link_sources``: reference entries, table rows and an empty record set."""

from __future__ import annotations

import pandas as pd


def reference(review: str, number: int, fields: tuple) -> dict:
    """One parsed reference entry; ``fields`` = (authors, first author, title, journal, year, volume, issue, pages)."""
    authors, first, title, journal, year, volume, issue, pages = fields
    return {
        "review_id": review,
        "ref_no": str(number),
        "authors": authors,
        "first_author": first,
        "title": title,
        "journal": journal,
        "year": year,
        "volume": volume,
        "issue": issue,
        "pages": pages,
        "doi": None,
        "pmid": None,
    }


def table_row(review: str, row: int, label: str, printed: str, resolved: str, n: str = "") -> dict:
    """One trial-table row: its printed reference number and the extractor's checked one."""
    return {
        "review_id": review,
        "table_id": "table1",
        "row": str(row),
        "page": "1",
        "label": label,
        "ref_no": printed,
        "ref_no_resolved": resolved,
        "first_author": label.split()[0],
        "year": "",
        "n_randomised": n,
    }


def no_records() -> pd.DataFrame:
    """A search that found nothing."""
    return pd.DataFrame(
        columns=["record_id", "database", "pmid", "doi", "title", "authors", "first_author", "year"]
        + ["journal", "volume", "issue", "pages"]
    )
