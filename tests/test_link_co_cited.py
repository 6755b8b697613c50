"""A table row that cites two reference entries names two reports of one study.

Synthetic case, built by hand in the style of hif2016's author-year list: review A's row 1
prints "Chen et al. 2012a, b", which the extractor resolved to its references 3 and 4 (two
papers of Chen Y in 2012, different titles and journals); row 2 cites reference 5 alone.
Expected by hand: 3 publications and 2 studies; the 2012b paper joins the 2012a paper's study
as another report, and says so; a reviewer's different_study override keeps them apart and
puts the pair up for review instead.
"""

from __future__ import annotations

import pandas as pd

from link_inputs import no_records, reference, table_row
from litcurate.link.sources import link_sources, read_overrides

CHEN_A = ("Chen Y; Wang CM", "Chen", "Expression of HIF-1alpha in osteosarcoma", "Chin J Oncol", "2012", "34", "12", "")
CHEN_B = ("Chen Y; Yang Y", "Chen", "Predicting chemosensitivity in osteosarcoma", "Oncol Lett", "2012", "3", "5", "")
OTHER = ("Other Q", "Other", "An unrelated single trial of ketamine", "Anesth Analg", "2001", "93", "", "")


def _link(overrides: pd.DataFrame | None = None):
    references = pd.DataFrame([reference("reva", n, fields) for n, fields in ((3, CHEN_A), (4, CHEN_B), (5, OTHER))])
    rows = pd.DataFrame(
        [table_row("reva", 1, "Chen et al. 2012a, b", "", "3,4"), table_row("reva", 2, "Other et al", "5", "5")]
    )
    chosen = read_overrides(None) if overrides is None else overrides
    linked = link_sources(rows, references, no_records(), chosen, 0.9, 0.7)
    pub = dict(zip(linked.references["ref_no"], linked.references["publication_id"]))
    return linked, pub[3], pub[4], pub[5]


def test_the_second_paper_a_row_cites_joins_the_first_papers_study():
    linked, first, second, other = _link()
    publications = linked.publications.set_index("publication_id")
    assert len(publications) == 3 and len({first, second, other}) == 3
    study = publications.at[first, "study_id"]
    assert publications.at[second, "study_id"] == study
    assert publications.at[other, "study_id"] != study
    assert publications.at[second, "study_reason"] == f"another report of {first}: cited with it in reva table1 row 1"
    assert linked.review_rows.set_index("row").at[1, "study_id"] == study


def test_a_different_study_override_keeps_the_two_papers_apart_and_asks():
    _, first, second, _ = _link()
    override = pd.DataFrame(
        [{"id_a": "ref:reva:3", "id_b": "ref:reva:4", "relation": "different_study", "reason": "", "line": 2}]
    )
    linked, first, second, _ = _link(override)
    publications = linked.publications.set_index("publication_id")
    assert publications.at[first, "study_id"] != publications.at[second, "study_id"]
    asked = linked.to_review[(linked.to_review["id_a"] == second) & (linked.to_review["id_b"] == first)]
    assert list(asked["reason"]) == ["same study? cited with it in reva table1 row 1"]
