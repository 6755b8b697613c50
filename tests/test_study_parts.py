"""Two studies reported in one article ("Part 1", "Part 2" rows): one publication, two studies.

Synthetic case, built by hand: review A tabulates one article as "(Part 1)" n 29 and
"(Part 2)" n 15, both citing its reference 4; review B cites the same article (its
reference 7) in one row without a part marker; a third row in A is a plain one-study
article. Expected by hand: 3 publications; studies art2000-part1, art2000-part2, other2001;
B's row joins no study and is warned about; screening the two articles in gives
2 reports, 3 studies.
"""

from __future__ import annotations

import pandas as pd
import pytest

from link_inputs import no_records, reference, table_row
from litcurate.link.parts import part_of, split_study_ids
from litcurate.link.sources import link_sources, read_overrides
from litcurate.report.dataset import build_dataset
from litcurate.report.prisma import arithmetic_errors, build_flow
from litcurate.schemas import link as schemas
from litcurate.screen.decisions import known_ids, screen

ARTICLE = ("Art X; Bee Y", "Art", "Ketamine and muscle pain in two experiments", "Pain", "2000", "85", "", "483-491")
OTHER = ("Other Q", "Other", "An unrelated single trial of ketamine", "Anesth Analg", "2001", "93", "", "10-19")


def _linked():
    references = pd.DataFrame(
        [reference("reva", 4, ARTICLE), reference("reva", 5, OTHER), reference("revb", 7, ARTICLE)]
    )
    rows = pd.DataFrame(
        [
            table_row("reva", 1, "Art et al (Part 1)", "4", "4", "29"),
            table_row("reva", 2, "Art et al (Part 2)", "4", "4", "15"),
            table_row("reva", 3, "Other et al", "5", "5", "40"),
            table_row("revb", 1, "Art 2000", "7", "7", "29"),
        ]
    )
    return rows, link_sources(rows, references, no_records(), read_overrides(None), auto_merge=0.9, review_min=0.7)


@pytest.mark.parametrize(
    "label, part",
    [
        ("Graven-Nielsen et al (Part 1)", "1"),
        ("Graven-Nielsen et al (Part 2)", "2"),
        ("Smith 2004, Study 2", "2"),
        ("Jones (Experiment A)", "a"),
        ("Brown Trial II", "2"),
        ("Lee exp. 3", "3"),
        ("Graven-Nielsen et al", None),
        ("Smith study 1995", None),  # a year is no ordinal
        ("Counterpart 1 et al", None),  # 'part' inside a word is no marker
        ("Phase II trial", None),  # the ordinal must follow the word
        ("Trial IIII", None),  # not a Roman numeral
        (None, None),
    ],
)
def test_part_markers_in_row_labels(label, part):
    assert part_of(label) == part


def test_marked_rows_are_two_studies_of_one_publication():
    _, linked = _linked()
    rows = linked.review_rows.set_index(["review_id", "row"])
    assert rows.loc[("reva", 1), "publication_id"] == rows.loc[("reva", 2), "publication_id"] == "art2000"
    assert rows.loc[("reva", 1), "study_id"] == "art2000-part1"
    assert rows.loc[("reva", 2), "study_id"] == "art2000-part2"
    assert rows.loc[("reva", 3), "study_id"] == "other2001"
    pubs = linked.publications.set_index("publication_id")
    assert pubs.loc["art2000", "study_id"] == "art2000-part1; art2000-part2"
    assert "2 studies" in pubs.loc["art2000", "study_reason"]
    assert pubs.loc["other2001", "study_id"] == "other2001"
    schemas.review_rows.validate(linked.review_rows)
    schemas.publications.validate(linked.publications)


def test_an_unmarked_row_citing_the_article_links_to_it_but_joins_no_part():
    _, linked = _linked()
    rows = linked.review_rows.set_index(["review_id", "row"])
    assert rows.loc[("revb", 1), "publication_id"] == "art2000"
    assert pd.isna(rows.loc[("revb", 1), "study_id"])
    [warning] = linked.study_warnings
    assert (warning.review_id, warning.table_id, warning.row) == ("revb", "table1", 1)
    assert "art2000-part1; art2000-part2" in warning.message


def test_screening_prisma_and_dataset_count_one_report_two_studies():
    rows, linked = _linked()
    publications = linked.publications
    assert {"art2000-part1", "art2000-part2", "art2000"} <= known_ids(publications)
    records = pd.DataFrame(columns=["record_id", "database", "publication_id", "title", "duplicate_of"])
    decisions = pd.DataFrame(
        [
            # a full-text decision on one part reaches the report of both
            {"id": "art2000-part2", "stage": "full_text", "decision": "include", "line": 2},
            {"id": "other2001", "stage": "full_text", "decision": "include", "line": 3},
        ]
    ).assign(reason=None, reviewer="amy", date="2026-01-02")
    screened = screen(records, publications, decisions)
    reports = screened.reports.set_index("publication_id")
    assert list(reports["decision"]) == ["include", "include"]
    assert split_study_ids(reports.loc["art2000", "study_id"]) == ["art2000-part1", "art2000-part2"]
    flow = build_flow(records, screened.records, screened.reports)
    assert flow["included"] == {"studies": 3, "reports": 2}
    assert arithmetic_errors(flow) == []

    table = linked.review_rows.assign(n_randomised=list(rows["n_randomised"]))
    studies, conflicts = build_dataset(screened.reports, publications, table, ["n_randomised"])
    assert list(studies["study_id"]) == ["art2000-part1", "art2000-part2", "other2001"]
    assert list(studies["n_randomised"]) == ["29", "15", "40"]
    assert list(studies["publication_ids"]) == ["art2000", "art2000", "other2001"]
    assert list(studies["sources"]) == ["reva:table1:1", "reva:table1:2", "reva:table1:3"]  # revb's row joins none
    assert conflicts.empty


def test_rows_joining_no_study_are_not_paired_by_the_accuracy_measure():
    from litcurate.link.accuracy import link_accuracy

    keys = {"review_id": ["a", "a", "b"], "table_id": ["t1", "t1", "t1"], "row": ["1", "2", "1"]}
    predicted = pd.DataFrame({**keys, "publication_id": ["p", "p", "p"], "study_id": [None, None, "p-part1"]})
    truth = pd.DataFrame({**keys, "publication": ["p", "p", "p"], "study": [None, None, "p-part1"]})
    report = link_accuracy(predicted.astype({"row": int}), truth)
    assert report["study"]["predicted_pairs"] == report["study"]["true_pairs"] == 0
    assert report["publication"]["correct_pairs"] == 3
