"""Every export sample in ../shared/exports read, checked against counts and fields taken by hand.

Counts come from `grep -c '^TY  -'`, `grep -c '^%T'` and reading the files; lines are the
physical lines of each record's first tag (editor numbering, blank and comment lines counted).
"""

import os

import pytest

from conftest import SHARED
from litcurate.search.imports import read_export

EXPORTS = SHARED / "exports"

# file -> (format, records, {record index: {column: value}}), transcribed from the files by eye.
EXPECTED = {
    "abi_inform_proquest_ris.ris": (
        "ris",
        2,
        {
            0: {
                "source_line": "1",
                "ENTRYTYPE": "thesis",
                "title": "Thesis title",
                "author": "Smith, John",
                "year": "2020",
                "journal": "ProQuest Dissertations and Theses",
                "isbn": "9798373627394",
                "accession": "1234567890",
                "url": "https://www.proquest.com/dissertations-theses/title/docview/1234567890/se-2?accountid=1234",
                "source_database": "ProQuest Dissertations & Theses Global",
            },
            1: {
                "source_line": "31",
                "title": "Title of a journal article",
                "author": "Smith, John; Jones, Jeff; Doe, Jane",
                "volume": "10",
                "number": "2",
                "pages": "12345",
                "doi": "10.0001/1234567891",
                "accession": "1234567891",
                "source_database": "Coronavirus Research Database; Publicly Available Content Database",
            },
        },
    ),
    "ieee_ris.ris": (
        "ris",
        2,
        {
            0: {
                "source_line": "1",
                "ENTRYTYPE": "inproceedings",
                "title": "Title of a conference paper",
                "author": "A. Author-One; B. Author-Two; C. Author-Three; D. Author-Four; E. Author-Five",
                "pages": "183-186",
                "year": "2020",
                "doi": "10.1234/Random-name55555.2020.00050",
                "journal": "Secondary Title (booktitle title, if applicable)",
                "isbn": "",
            },
            1: {"source_line": "21", "volume": "50", "number": "3", "pages": "14-25", "doi": "10.1111/MC.2017.66"},
        },
    ),
    "ris_data.ris": (
        "ris",
        2,
        {
            0: {"source_line": "2", "title": "Title of a conference paper", "pmid": "12345678", "year": "2020"},
            1: {"source_line": "26", "title": "Title of a journal paper", "year": "2017", "pmid": ""},
        },
    ),
    "trid_ris.ris": (
        "ris",
        3,
        {
            0: {"source_line": "1", "ENTRYTYPE": "abstract", "year": "2017", "accession": "01611111", "author": ""},
            1: {
                "source_line": "14",
                "year": "2018",
                "journal": "Journalname",
                "volume": "78",
                "pages": "pp 37-64",
                "doi": "10.1444/j.hello.2018.05.005",
                "url": "http://www.sciencedirect.com/science/article/pii/S0006666667777777",
            },
            2: {
                "source_line": "34",
                "ENTRYTYPE": "report",
                "year": "2019",
                "author": "Author-One, A; Author-Two, B; Name of a Research Center; Name of a University",
            },
        },
    ),
    "eric_nbib.nbib": (
        "medline",
        1,
        {
            0: {
                "source_line": "2",
                "title": "Paper title",
                "author": "Smith, Tom; Hunter, Shawn",
                "journal": "Journal Name",
                "volume": "10",
                "number": "1",
                "pages": "1-9",
                "year": "2000",
                "doi": "10.1000/123456789",
                "accession": "EJ1131633",
                "source_database": "ERIC",
            }
        },
    ),
    "nbib_data.nbib": ("medline", 1, {0: {"source_line": "2", "title": "Paper title", "doi": "10.1000/123456789"}}),
    "enl_data.enl": (
        "endnote",
        3,
        {
            0: {
                "source_line": "1",
                "author": "Guo, Wenbo; Straub, Detmar W.; Zhang, Pengzhu; Cai, Zhao",
                "journal": "Management Information Systems Quarterly",
                "year": "2021",
                "volume": "45",
                "number": "3",
                "pages": "1309-1348",
                "url": "https://aisel.aisnet.org/misq/vol45/iss3/13",
                "ENTRYTYPE": "article",
            },
            1: {"source_line": "17", "author": "Obal, Lorie", "year": "2009", "volume": "24", "pages": ""},
            2: {"source_line": "29", "title": "MISQ Volume 45, Issue 3 Table of Contents", "pages": "i-ii"},
        },
    ),
    "ais_enl.txt": (
        "endnote",
        6,
        {
            0: {"source_line": "1", "year": "2021"},
            1: {"source_line": "17", "author": "", "pages": "i-ii"},
            2: {"source_line": "27", "title": "Subject Index for Volume 45", "number": "4", "pages": "2281-2284"},
            3: {
                "source_line": "37",
                "author": "Rokrok, Ebrahim; Shafie-khah, Miadreza; Os\u00f3rio, Gerardo; Carvalho, Jo\u00e3o P. P.; Catalao, Joao",
                "journal": "Hawaii International Conference on System Sciences 2019 (HICSS-52)",
                "year": "2019",
            },
            4: {
                "source_line": "50",
                "title": "A Thematic Analysis of Software Developers\u2019 Experience in online sourcing marketplaces",
            },
            5: {"source_line": "61", "journal": "Research Papers", "pages": "1044-1061", "year": "2017"},
        },
    ),
}


@pytest.fixture(scope="module")
def exports():
    if not EXPORTS.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"export samples missing at {EXPORTS} (CI=true: ../shared must be present)")
        pytest.skip(f"export samples not present at {EXPORTS}")
    return EXPORTS


def test_every_sample_is_covered(exports):
    files = sorted(p.name for p in exports.iterdir() if p.name != "README.md")
    assert files == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_records_and_fields(exports, name):
    fmt, count, fields = EXPECTED[name]
    result = read_export(exports / name)
    assert result.format == fmt
    assert len(result.records) == count
    assert set(result.records["source_file"]) == {str(exports / name)}
    for index, expected in fields.items():
        record = result.records.iloc[index]
        assert {column: record[column] for column in expected} == expected, (name, index)


def test_only_the_record_without_er_is_noted(exports):
    problems = {name: read_export(exports / name).problems for name in EXPECTED}
    assert {name: len(found) for name, found in problems.items() if found} == {"ris_data.ris": 1}
    (note,) = problems["ris_data.ris"]
    assert (note.line, note.text) == (2, "TY  - CONF")
    assert "no closing 'ER'" in note.message
