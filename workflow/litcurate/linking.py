"""Link every source of the workflow to publications and studies.

Sources are the reference entries of every review (``ref:<review>:<n>``) and every
database record (``pmid:<n>`` or ``<database>:<id>``). The citation linker clusters
them into publications (same article); reviewer overrides then group publications
into studies (a secondary analysis or PK-PD re-analysis shares the study of its
parent trial). Each table row of each review is tied to a publication through the
reference it cites.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from litcurate.link.api import link_citations

RELATIONS = ["same_publication", "different_publication", "same_study", "different_study"]
CITATION_COLUMNS = ["id", "authors", "title", "year", "journal", "volume", "number", "pages", "doi", "pmid"]


class OverrideError(ValueError):
    pass


@dataclass(frozen=True)
class Linked:
    review_rows: pd.DataFrame
    references: pd.DataFrame
    records: pd.DataFrame
    publications: pd.DataFrame
    to_review: pd.DataFrame


def reference_id(review_id: str, ref_no: object) -> str:
    return f"ref:{review_id}:{int(float(ref_no))}"


def citations_frame(references: pd.DataFrame, records: pd.DataFrame) -> pd.DataFrame:
    refs = pd.DataFrame({
        "id": [reference_id(r, n) for r, n in zip(references["review_id"], references["ref_no"])],
        "authors": references["authors"], "title": references["title"], "year": references["year"],
        "journal": references["journal"], "volume": references["volume"], "number": references["issue"],
        "pages": references["pages"], "doi": references["doi"], "pmid": references["pmid"],
    })
    recs = pd.DataFrame({
        "id": records["record_id"], "authors": records["authors"], "title": records["title"],
        "year": records["year"], "journal": records["journal"], "volume": records["volume"],
        "number": records["issue"], "pages": records["pages"], "doi": records["doi"], "pmid": records["pmid"],
    })
    return pd.concat([refs, recs], ignore_index=True)[CITATION_COLUMNS]


def read_overrides(path: str | Path | None) -> pd.DataFrame:
    columns = ["id_a", "id_b", "relation", "reason", "reviewer", "date"]
    if not path or not Path(path).exists():
        return pd.DataFrame(columns=columns)
    frame = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, comment="#")
    missing = [c for c in ["id_a", "id_b", "relation"] if c not in frame.columns]
    if missing:
        raise OverrideError(f"{path}: missing column(s) {', '.join(missing)}")
    bad = frame[~frame["relation"].isin(RELATIONS)]
    if len(bad):
        line = bad.index[0] + 2
        raise OverrideError(
            f"{path}, line {line}: relation {bad.iloc[0]['relation']!r} is not one of {', '.join(RELATIONS)}"
        )
    return frame


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "", ascii_text.lower())


def _surname(authors: object) -> str:
    first = str(authors or "").replace(" and ", ";").split(";")[0].strip()
    first = first.split(",")[0].strip() if "," in first else first
    words = first.split()
    if len(words) > 1 and re.fullmatch(r"[A-Z]{1,3}\.?", words[-1]):
        words = words[:-1]
    return _slug(" ".join(words)) or "anon"


def _year(value: object) -> str:
    match = re.search(r"\d{4}", str(value or ""))
    return match.group(0) if match else "nd"


def name_groups(members: dict[str, list[dict]]) -> dict[str, str]:
    """Readable, deterministic ids: ``<surname><year>`` plus a, b, ... when two collide."""
    base: dict[str, list[str]] = {}
    for key in sorted(members):
        lead = min(members[key], key=lambda m: m["id"])
        base.setdefault(f"{_surname(lead['authors'])}{_year(lead['year'])}", []).append(key)
    names = {}
    for stem, keys in base.items():
        for i, key in enumerate(sorted(keys)):
            names[key] = stem if len(keys) == 1 else f"{stem}{chr(ord('a') + i)}"
    return names


class _UnionFind:
    def __init__(self, items) -> None:
        self.parent = {i: i for i in items}

    def find(self, item):
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
