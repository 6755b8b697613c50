"""Reviewer files: one decision per thing, and errors at the physical line (comments counted).

A decision reaching one record or report through two ids (its PMID and its publication id, a
table row and the publication) must not be settled by whichever is looked up first. Line
numbers are the ones an editor shows: 1-based, comment and blank lines counted.
"""

from __future__ import annotations

import pandas as pd
import pytest

from litcurate.errors import DecisionError, OverrideError, TableInvalid
from litcurate.link.sources import _check_override_ids, read_overrides
from litcurate.screen.decisions import check_known_ids, known_ids, read_decisions, screen

COMMENTS = "# Screening decisions of the guard tests\n# id: pmid:..., a publication or a study id\n#\n"
HEADER = "id\tstage\tdecision\treason\treviewer\tdate\n"


def publications() -> pd.DataFrame:
    """Two reports of one study: trial2009 (in PubMed, cited by a table row) and its
    secondary analysis reanalysis2013 (cited by a reference entry only)."""
    return pd.DataFrame(
        [
            {
                "publication_id": "trial2009",
                "study_id": "trial2009",
                "record_ids": "pmid:19604642",
                "reference_ids": "ref:rev2020:4; row:rev2020:table1:2",
                "in_database": "1",
                "cited_by_tables": "1",
                "label": "Trial 2009",
            },
            {
                "publication_id": "reanalysis2013",
                "study_id": "trial2009",
                "record_ids": None,
                "reference_ids": "ref:rev2020:9",
                "in_database": "0",
                "cited_by_tables": "1",
                "label": "Reanalysis 2013",
            },
        ]
    )


def records() -> pd.DataFrame:
    return pd.DataFrame([{"record_id": "pmid:19604642", "database": "PubMed", "publication_id": "trial2009"}])


def write(tmp_path, text: str, name: str = "screening.tsv"):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_an_unknown_id_is_named_at_its_physical_line(tmp_path):
    # line 1-3 comments, 4 header, 5 a decision, 6 blank, 7 a comment, 8 the unknown id
    path = write(
        tmp_path,
        COMMENTS
        + HEADER
        + "pmid:19604642\ttitle_abstract\tinclude\t\tamy\t2026-01-02\n"
        + "\n"
        + "# full text\n"
        + "pmid:999\ttitle_abstract\tinclude\t\tamy\t2026-01-02\n",
    )
    with pytest.raises(DecisionError, match=r"screening\.tsv: 1 decision\(s\) .*\(line 8: 'pmid:999'\)"):
        check_known_ids(read_decisions(path), known_ids(publications()), path)


@pytest.mark.parametrize(
    "ident, hint",
    [
        ("trial2008", " (did you mean trial2009?)"),  # a typo
        ("reanalysis2013-part1", " (did you mean reanalysis2013?)"),  # a suffix the study no longer has
        ("bettyreanalysis2013", " (did you mean reanalysis2013?)"),  # a given name the id no longer has
        ("pmid:999", ""),  # nothing alike
    ],
)
def test_an_unknown_id_comes_with_the_known_ids_it_probably_meant(tmp_path, ident, hint):
    path = write(tmp_path, HEADER + f"{ident}\ttitle_abstract\tinclude\t\tamy\t2026-01-02\n")
    with pytest.raises(DecisionError) as raised:
        check_known_ids(read_decisions(path), known_ids(publications()), path)
    assert str(raised.value).endswith(f"(line 2: {ident!r}{hint})")


def test_an_id_that_gained_a_suffix_lists_every_id_it_may_now_be(tmp_path):
    path = write(tmp_path, HEADER + "chen2012\tfull_text\tinclude\t\tamy\t2026-01-02\n")
    known = {"chen2011", "chen2012-expression", "chen2012-predicting", "chen2008"}
    with pytest.raises(DecisionError) as raised:
        check_known_ids(read_decisions(path), known, path)
    assert str(raised.value).endswith(
        "(line 2: 'chen2012' (did you mean chen2012-expression, chen2012-predicting, chen2011?))"
    )


def test_a_broken_decision_is_named_at_its_physical_line(tmp_path):
    path = write(
        tmp_path,
        COMMENTS
        + HEADER
        + "pmid:19604642\ttitle_abstract\tinclude\t\tamy\t2026-01-02\n"
        + "# next one is dated wrongly\n"
        + "trial2009\tfull_text\tinclude\t\tamy\t02/01/2026\n",
    )
    with pytest.raises(TableInvalid, match=r"line 7, column date: .*'02/01/2026'"):
        read_decisions(path)


def test_a_hash_inside_a_reason_is_kept(tmp_path):
    path = write(tmp_path, HEADER + "pmid:19604642\ttitle_abstract\texclude\tdrug #2 only\tamy\t2026-01-02\n")
    assert read_decisions(path)["reason"].tolist() == ["drug #2 only"]


def test_a_pmid_and_a_publication_id_that_disagree_stop_the_run_naming_both_lines(tmp_path):
    path = write(
        tmp_path,
        COMMENTS
        + HEADER
        + "pmid:19604642\ttitle_abstract\tinclude\t\tamy\t2026-01-02\n"
        + "trial2009\ttitle_abstract\texclude\tnot a trial\tbob\t2026-01-03\n",
    )
    with pytest.raises(DecisionError) as err:
        screen(records(), publications(), read_decisions(path), source=path)
    message = str(err.value)
    assert message.startswith(f"{path}: line 5 (pmid:19604642: include) and line 6 (trial2009: exclude, not a trial)")
    assert "record pmid:19604642" in message and "title_abstract" in message


def test_a_table_row_and_its_publication_that_disagree_at_full_text_stop_the_run(tmp_path):
    path = write(
        tmp_path,
        HEADER
        + "pmid:19604642\ttitle_abstract\tinclude\t\tamy\t2026-01-02\n"
        + "row:rev2020:table1:2\tfull_text\tinclude\t\tamy\t2026-01-02\n"
        + "trial2009\tfull_text\texclude\twrong dose\tbob\t2026-01-03\n",
    )
    # trial2009 is the study id too: the report's own ids disagree whatever the study says
    with pytest.raises(DecisionError, match=r"line 3 \(row:rev2020:table1:2: include\) and line 4 \(trial2009: "):
        screen(records(), publications(), read_decisions(path), source=path)


def test_two_ids_that_agree_and_a_study_decision_below_a_report_decision_are_fine(tmp_path):
    path = write(
        tmp_path,
        HEADER
        + "pmid:19604642\ttitle_abstract\tinclude\t\tamy\t2026-01-02\n"
        + "trial2009\ttitle_abstract\tinclude\t\tbob\t2026-01-03\n"
        + "ref:rev2020:9\tfull_text\texclude\tconference abstract\tamy\t2026-01-04\n"
        + "trial2009\tfull_text\tinclude\t\tamy\t2026-01-04\n",
    )
    result = screen(records(), publications(), read_decisions(path), source=path)
    decided = dict(zip(result.reports["publication_id"], result.reports["decision"]))
    # A study's decision applies to its reports without one of their own (documented).
    assert decided == {"reanalysis2013": "exclude", "trial2009": "include"}


OVERRIDES_HEADER = "id_a\tid_b\trelation\treason\treviewer\tdate\n"


def test_an_override_with_an_unknown_relation_is_named_at_its_physical_line(tmp_path):
    path = write(
        tmp_path,
        COMMENTS + OVERRIDES_HEADER + "ref:rev2020:4\tpmid:19604642\tsame_publication\t\tamy\t2026-01-02\n"
        "# a typo follows\n"
        "ref:rev2020:9\tpmid:19604642\tsame_studdy\t\tamy\t2026-01-02\n",
        "overrides.tsv",
    )
    with pytest.raises(OverrideError, match=r"overrides\.tsv, line 7: relation 'same_studdy'"):
        read_overrides(path)


def test_an_override_naming_an_unknown_id_is_named_at_its_physical_line(tmp_path):
    path = write(
        tmp_path,
        COMMENTS + OVERRIDES_HEADER + "\n# next\nref:rev2020:4\tpmid:1\tsame_publication\t\tamy\t2026-01-02\n",
        "overrides.tsv",
    )
    with pytest.raises(OverrideError, match=r"overrides\.tsv, line 7: id_b 'pmid:1' names no record"):
        _check_override_ids(read_overrides(path), {"ref:rev2020:4", "pmid:19604642"}, path)


def test_an_override_with_a_mistyped_id_names_the_id_it_probably_meant(tmp_path):
    path = write(tmp_path, OVERRIDES_HEADER + "pmid:19604642\tref:rev2002:4\tsame_publication\t\tamy\t2026-01-02\n")
    with pytest.raises(OverrideError) as raised:
        _check_override_ids(read_overrides(path), {"ref:rev2020:4", "pmid:19604642"}, path)
    assert str(raised.value).endswith(
        "line 2: id_b 'ref:rev2002:4' names no record or reference entry (did you mean ref:rev2020:4?)"
    )
