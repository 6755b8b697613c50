"""Per-row link truth: every trial-table row of the demo -> the reference it cites and its PubMed record.

The grouping score (test_workflow_e2e, tests/data/link_truth.tsv) cannot see a row linked to the
wrong publication when that publication occurs in one row only; this checks each row by itself.
The truth file is hand-made; its reference numbers are checked against the seeds' reference lists.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from conftest import REPO, SHARED, require_shared
from litcurate.io import read_csv

ROW_TRUTH = REPO / "tests/data/link_row_truth.tsv"
KEY = ["review_id", "table_id", "row"]


def _truth() -> pd.DataFrame:
    return pd.read_csv(ROW_TRUTH, sep="\t", dtype=str, comment="#", keep_default_na=False)


def test_every_row_of_the_grouping_labels_has_row_truth():
    grouping = pd.read_csv(REPO / "tests/data/link_truth.tsv", sep="\t", dtype=str, comment="#")
    assert set(map(tuple, grouping[KEY].values)) <= set(map(tuple, _truth()[KEY].values))


def test_each_row_cites_its_reference_and_its_pubmed_record(demo_run):
    rows = read_csv(demo_run / "results/link/review_rows.csv").fillna("").astype({"row": str})
    pmids = read_csv(demo_run / "results/link/publications.csv").fillna("").set_index("publication_id")["pmid"]
    found = rows.set_index(KEY)
    wrong = []
    for _, truth in _truth().iterrows():
        row = found.loc[(truth["review_id"], truth["table_id"], truth["row"])]
        cited = f"ref:{truth['review_id']}:{truth['cited_ref']}" if truth["cited_ref"] else ""
        got_cited = row["cites"] if row["cites"].startswith("ref:") else ""
        got_pmid = pmids.get(row["publication_id"], "")
        if (got_cited, got_pmid) != (cited, truth["pmid"]):
            wrong.append(
                f"{'/'.join(truth[KEY])}: cites {got_cited!r} pmid {got_pmid!r}, expected {cited!r} {truth['pmid']!r}"
            )
    assert wrong == []


def _seed_entries(review: str) -> dict[str, str]:
    """The reference list after a seed text's References heading, numbered in order: entries are
    "- ..." bullets or "12. ..." lines (a number that does not continue the count is not an entry)."""
    lines = (SHARED / "seeds" / f"{review}.txt").read_text(encoding="utf-8").splitlines()
    heading = max(i for i, line in enumerate(lines) if re.fullmatch(r"#*\s*references\s*", line, flags=re.IGNORECASE))
    entries: dict[str, str] = {}
    for line in lines[heading + 1 :]:
        numbered = re.match(r"^(\d+)\. (.+)$", line)
        if numbered and int(numbered.group(1)) == len(entries) + 1:
            entries[numbered.group(1)] = numbered.group(2)
        elif line.startswith("- "):
            entries[str(len(entries) + 1)] = line[2:]
    return entries


def test_row_truth_agrees_with_the_seeds_reference_lists():
    require_shared(SHARED / "seeds", "seed texts of the demo reviews")
    truth = _truth()
    problems = []
    for review, rows in truth[truth["cited_ref"] != ""].groupby("review_id"):
        entries = _seed_entries(review)
        for _, row in rows.iterrows():
            entry = entries.get(row["cited_ref"], "")
            if not entry.startswith(row["first_author"]) or row["year"] not in entry:
                problems.append(
                    f"{review} {row['cited_ref']}: {entry[:80]!r} is not {row['first_author']} {row['year']}"
                )
    assert problems == []


@pytest.mark.parametrize("review", ["cohen2018", "lii2023", "maher2017", "orhurhu2019", "zhao2018"])
def test_rows_of_one_publication_cite_one_reference(review):
    """Rows the grouping labels put in one publication cite the same entry of their review's list."""
    grouping = pd.read_csv(REPO / "tests/data/link_truth.tsv", sep="\t", dtype=str, comment="#")
    both = grouping.merge(_truth(), on=KEY)
    both = both[(both["review_id"] == review) & (both["cited_ref"] != "")]
    assert (both.groupby("publication")["cited_ref"].nunique() == 1).all()
    assert (both.groupby("cited_ref")["publication"].nunique() == 1).all()
