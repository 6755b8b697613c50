"""Policy switches and the identifiers that separate records (synthetic records, marked so)."""

import pandas as pd

from litcurate.link.citations import link
from litcurate.link.citations.scoring import Policy

TITLE = "Complement inhibition for relapsing haemolytic uraemic syndrome: a multicentre cohort"
AUTHORS = "Halvorsen, K and Dube, N and Ferreira, L"
PAPER = {
    "id": "synthetic-paper",
    "title": TITLE,
    "authors": AUTHORS,
    "year": "2021",
    "journal": "Journal of Synthetic Nephrology",
    "volume": "14",
    "number": "6",
    "pages": "401-412",
}
ABSTRACT = {
    "id": "synthetic-abstract",
    "title": TITLE,
    "authors": AUTHORS,
    "year": "2020",
    "journal": "Journal of Synthetic Nephrology. Conference: 9th Annual Meeting of the Synthetic Society",
    "volume": "13",
    "number": "Suppl 1",
    "pages": "77",
}
PREPRINT = {"id": "synthetic-preprint", "title": TITLE, "authors": AUTHORS, "year": "2020", "journal": "medRxiv"}
# One page under the paper's title in a later issue of the same volume: a correction notice.
NOTICE = {**PAPER, "id": "synthetic-notice", "number": "9", "pages": "650"}


def clusters_of(rows, policy=Policy()):
    return link(pd.DataFrame(rows), policy=policy)


def test_abstract_and_paper_stay_apart_by_default_and_merge_when_the_policy_says_so():
    assert len(set(clusters_of([PAPER, ABSTRACT]).clusters.values())) == 2
    merged = clusters_of([PAPER, ABSTRACT], Policy(merge_abstracts=True)).clusters
    assert merged["synthetic-abstract"] == merged["synthetic-paper"]


def test_preprint_and_paper_stay_apart_by_default_and_merge_when_the_policy_says_so():
    assert len(set(clusters_of([PAPER, PREPRINT]).clusters.values())) == 2
    merged = clusters_of([PAPER, PREPRINT], Policy(merge_preprints=True)).clusters
    assert merged["synthetic-preprint"] == merged["synthetic-paper"]


def test_a_correction_notice_is_a_relation_even_when_abstracts_merge():
    for policy in (Policy(), Policy(merge_abstracts=True)):
        result = clusters_of([PAPER, NOTICE], policy)
        assert result.clusters["synthetic-notice"] == "synthetic-notice"
        assert result.relations.values.tolist() == [["synthetic-notice", "erratum", "synthetic-paper"]]


def test_urls_link_web_pages_cited_without_authors_or_years():
    page = {
        "id": "synthetic-web-a",
        "title": "Drug label: ketamine hydrochloride injection",
        "url": "https://www.synthetic-labels.example/label/ketamine/",
    }
    same = {
        "id": "synthetic-web-b",
        "title": "Ketamine hydrochloride (label)",
        "url": "Available at: http://synthetic-labels.example/label/ketamine. Accessed 2019",
    }
    other = {
        "id": "synthetic-web-c",
        "title": "Drug label: ketamine hydrochloride injection",
        "url": "https://www.synthetic-labels.example/label/esketamine",
    }
    clusters = clusters_of([page, same, other]).clusters
    assert clusters["synthetic-web-b"] == "synthetic-web-a"
    assert clusters["synthetic-web-c"] == "synthetic-web-c"


def test_different_isbns_never_merge():
    book = {
        "id": "synthetic-book-1",
        "title": "Handbook of synthetic pain medicine",
        "authors": "Quist, R",
        "year": "2015",
        "isbn": "978-0-306-40615-7",
        "entrytype": "book",
    }
    second_edition = {**book, "id": "synthetic-book-2", "isbn": "0-306-40616-0"}
    assert len(set(clusters_of([book, second_edition]).clusters.values())) == 2
    assert (
        clusters_of([book, {**book, "id": "synthetic-book-3", "isbn": "0-306-40615-2"}]).clusters["synthetic-book-3"]
        == "synthetic-book-1"
    )
