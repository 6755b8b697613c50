"""The synthetic export fixtures in tests/data/exports, one per format and variation class; every
expected value below was written by hand from the fixture (see its README)."""

from pathlib import Path

import pytest

from litcurate.errors import CitationFileError
from litcurate.search.imports import detect_format, read_export

DATA = Path(__file__).parent / "data" / "exports"

# file -> (format, {source_line: {column: value}}) for every record of the file.
EXPECTED = {
    "ris_vendor_header.ris": (
        "ris",
        {
            "5": {
                "title": "Synthetic fixture: first vendor record",
                "author": "Alpha, A",
                "year": "2011",
                "journal": "Synthetic Journal",
                "volume": "3",
                "pages": "10-19",
                "ENTRYTYPE": "article",
                "source_database": "Synthetic Index",
            },
            "18": {
                "title": "Synthetic fixture: second vendor record",
                "author": "Beta, B; Gamma, C",
                "year": "2012",
                "journal": "Synthetic Book",
                "ENTRYTYPE": "incollection",
                "source_database": "Second Synthetic Index",
            },
        },
    ),
    "ris_spacing_no_er.ris": (
        "ris",
        {
            "1": {
                "title": "Synthetic fixture: a title wrapped onto a second line",
                "author": "Delta, D",
                "year": "2015",
                "journal": "Synthetic Journal of Tests",
                "number": "2",
                "doi": "10.5555/synthetic.0001",
                "url": "https://example.org/synthetic/0001",
                "abstract": "An abstract on two lines.",
            },
            "14": {
                "title": "Synthetic fixture: a book",
                "ENTRYTYPE": "book",
                "year": "2019",
                "isbn": "978-0-00-000000-2",
                "accession": "SYN-0002",
                "url": "https://example.org/synthetic/0002.pdf",
            },
        },
    ),
    "ris_broken_line.ris": (
        "ris",
        {
            "1": {"title": "Synthetic fixture: before the stray line", "author": "Zeta, Z", "year": "2001"},
            "10": {"title": "Synthetic fixture: after the stray line", "author": "", "year": "2002"},
        },
    ),
    "medline.nbib": (
        "medline",
        {
            "1": {
                "title": "Synthetic fixture: a MEDLINE title that wraps onto a continuation line.",
                "author": "Eta E; Theta T",
                "year": "2009",
                "journal": "Synthetic medline journal",
                "volume": "145",
                "number": "3",
                "pages": "304-11",
                "doi": "10.5555/synthetic.0003",
                "pmid": "",
                "trial_ids": "",
            },
            "15": {
                "title": "Synthetic fixture: second MEDLINE record.",
                "author": "Iota, Ivan",
                "year": "2010",
                "doi": "10.5555/synthetic.0004",
                "trial_ids": "SYNTHETIC-NCT-0003; SYNTHETIC-ISRCTN-0002",  # its SI lines, register prefix dropped
            },
        },
    ),
    "endnote_utf16.enw": (
        "endnote",
        {
            "1": {
                "title": "Synthetic fixture: EndNote on Windows",
                "author": "Kappa, K; Lambda, L",
                "year": "2018",
                "journal": "Synthetic Journal",
                "volume": "7",
                "number": "1",
                "pages": "1-9",
                "doi": "10.5555/synthetic.0005",
                "url": "https://example.org/synthetic/0005",
                "abstract": "An abstract that wraps onto a second line.",
                "ENTRYTYPE": "article",
            },
            "15": {
                "title": "Synthetic fixture: record without a type, caf\u00e9",
                "author": "Mu, M",
                "year": "2020",
                "journal": "Synthetic Proceedings",
                "isbn": "978-0-00-000000-2",
                "source_database": "Synthetic Library",
            },
        },
    ),
    "bibtex.bib": (
        "bibtex",
        {
            "2": {
                "ID": "nu2003",
                "title": "Synthetic fixture: BibTeX article",
                "author": "Nu, Nadia; Xi, Xavier",
                "journal": "Synthetic Letters",
                "year": "2003",
                "volume": "12",
                "number": "4",
                "pages": "100-110",
                "doi": "10.5555/synthetic.0006",
                "ENTRYTYPE": "article",
            },
            "13": {
                "ID": "omicron2004",
                "journal": "Synthetic Conference",
                "ENTRYTYPE": "inproceedings",
                "isbn": "978-0-00-000000-2",
            },
            "24": {"ID": "pi2006", "ENTRYTYPE": "misc", "year": "2006", "url": "https://example.org/synthetic/0007"},
        },
    ),
    "wos_plain.txt": (
        "wos",
        {
            "3": {
                "title": "Synthetic fixture: a Web of Science title wrapped over two lines",
                "author": "Rho, R; Sigma, S",
                "journal": "SYNTHETIC JOURNAL OF INDEXING",
                "volume": "21",
                "number": "5",
                "pages": "501-512",
                "doi": "10.5555/synthetic.0008",
                "year": "2016",
                "accession": "WOS:000000000000001",
                "ENTRYTYPE": "article",
                "source_database": "Web of Science",
            },
            "20": {"author": "Tau, T", "ENTRYTYPE": "book", "isbn": "978-0-00-000000-2", "year": "2017"},
        },
    ),
    "wos_tab.txt": (
        "wos_tab",
        {
            "2": {
                "title": "Synthetic fixture: tab-delimited one",
                "author": "Upsilon, U; Phi, P",
                "journal": "SYNTHETIC REVIEWS",
                "year": "2014",
                "volume": "8",
                "number": "2",
                "pages": "33-41",
                "doi": "10.5555/synthetic.0009",
                "accession": "WOS:000000000000003",
                "source_database": "Web of Science",
            },
            "3": {"ENTRYTYPE": "inproceedings", "abstract": 'An abstract with "quotes".', "pages": ""},
        },
    ),
    "scopus.csv": (
        "csv",
        {
            "2": {
                "title": "Synthetic fixture: Scopus, with a comma",
                "author": "Psi P.; Omega O.",
                "year": "2021",
                "journal": "Synthetic Scopus Journal",
                "volume": "30",
                "number": "1",
                "pages": "11-22",
                "doi": "10.5555/synthetic.0010",
                "url": "https://example.org/synthetic/0010",
                "abstract": "An abstract\non two lines.",
                "ENTRYTYPE": "article",
                "accession": "2-s2.0-00000000001",
                "source_database": "Scopus",
            },
            "4": {"author": "Alpha A.", "isbn": "9780000000002", "ENTRYTYPE": "incollection", "year": "2022"},
        },
    ),
    "embase.csv": (
        "csv",
        {
            "2": {
                "title": "Synthetic fixture: Embase record",
                "author": "Beta B.; Gamma G.H.",
                "journal": "Synthetic Embase Journal",
                "year": "2013",
                "volume": "14",
                "number": "6",
                "pages": "600-611",
                "doi": "10.5555/synthetic.0011",
                "accession": "L0000000001",
                "url": "https://example.org/synthetic/0011",
                "source_database": "Embase",
            },
            "3": {"author": "Delta D.", "pages": "S12", "number": "", "year": "2019"},
        },
    ),
    "preamble_pubmed_style.csv": (
        "csv",
        {
            "3": {
                "title": "Synthetic fixture: after a preamble line",
                "author": "Alpha A; Beta BC",
                "journal": "Synthetic Journal",
                "year": "2016",
                "pmid": "",
                "doi": "10.5555/synthetic.0012",
            }
        },
    ),
    "venue_as_source.csv": (
        "csv",
        {
            "2": {
                "title": "Synthetic fixture: venue in Source",
                "author": "Gamma, G; Delta, D",
                "journal": "Synthetic Venue",
                "source_database": "",
                "url": "https://example.org/synthetic/0013",
            }
        },
    ),
    "refworks.txt": (
        "refworks",
        {
            "1": {
                "title": "Synthetic fixture: a RefWorks record",
                "author": "Omega, Olivia; Psi, Peter",
                "journal": "Synthetic RefWorks Journal",
                "year": "2007",
                "volume": "9",
                "number": "2",
                "pages": "40-48",
                "doi": "10.5555/synthetic.0014",
                "url": "https://example.org/synthetic/0014",
                "ENTRYTYPE": "article",
                "source_database": "Synthetic Database",
            },
            "15": {
                "title": "Synthetic fixture: a chapter after a missing blank line",
                "author": "Chi, Chen",
                "ENTRYTYPE": "incollection",
                "year": "2008",
            },
        },
    ),
    "generic_ragged.csv": (
        "csv",
        {
            "2": {"ID": "g1", "title": "Synthetic fixture: generic one", "year": "2010", "pages": "1-2"},
            "4": {"ID": "g3", "title": "Synthetic fixture: generic three", "year": "", "author": "Gamma, C"},
        },
    ),
}

# file -> [(line, start of the text, words of the message)] for every problem reported.
PROBLEMS = {
    "ris_spacing_no_er.ris": [(14, "TY   - BOOK", "no closing 'ER'")],
    "ris_broken_line.ris": [
        (8, "this line belongs to no record", "unreadable line"),
        (9, "AU  - Orphan, O", "tag AU outside a record"),
    ],
    "medline.nbib": [(11, "some junk that is not a tag", "unreadable line")],
    "bibtex.bib": [(21, "@article{broken2005,", "unreadable BibTeX block: Unexpected block start: `@misc`")],
    "generic_ragged.csv": [
        (3, "g2,Synthetic fixture: shifted,2011,Beta,B,", "row has 10 cells for 8 columns; left out"),
        (4, "in press", "column year: expected a 4-digit year"),
    ],
}


def test_every_fixture_is_covered():
    assert sorted(p.name for p in DATA.iterdir() if p.name not in ("README.md", "ris_latin1.ris")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_records_and_fields(name):
    fmt, records = EXPECTED[name]
    assert detect_format(DATA / name) == fmt
    result = read_export(DATA / name)
    frame = result.records.set_index("source_line", drop=False)
    assert list(frame.index) == list(records)
    for line, expected in records.items():
        assert {column: frame.at[line, column] for column in expected} == expected, (name, line)
    assert set(frame["source_file"]) == {str(DATA / name)}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_problems_name_file_line_and_text(name):
    found = read_export(DATA / name).problems
    assert [(p.line, p.text[: len(text)]) for p, (_, text, _) in zip(found, PROBLEMS.get(name, []))] == [
        (line, text) for line, text, _ in PROBLEMS.get(name, [])
    ]
    assert len(found) == len(PROBLEMS.get(name, []))
    for problem, (_, _, words) in zip(found, PROBLEMS.get(name, [])):
        assert words in problem.message and problem.file == str(DATA / name)


def test_other_encodings_are_refused_naming_the_file():
    with pytest.raises(CitationFileError, match=r"ris_latin1.ris: line 2, byte 39: not UTF-8 text; expected UTF-8"):
        read_export(DATA / "ris_latin1.ris")


RIS_TEXT = "TY  - JOUR\nTI  - Synthetic fixture: caf\u00e9\nER  - \n"


@pytest.mark.parametrize(
    "encoding, bom",
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("utf-16-le", b""),
    ],
)
def test_utf8_and_utf16_with_or_without_bom(tmp_path, encoding, bom):
    path = tmp_path / "x.ris"
    path.write_bytes(bom + RIS_TEXT.encode(encoding))
    frame = read_export(path).records
    assert list(frame["title"]) == ["Synthetic fixture: caf\u00e9"]


@pytest.mark.parametrize(
    "text, message",
    [
        ("", r"empty.txt: cannot tell the format"),
        ("\n\n% only a comment\n", r"empty.txt: cannot tell the format"),
        ("ER  - \n", r"empty.txt: no records found reading it as ris; line 1: 'ER' outside a record"),
    ],
)
def test_files_without_records_are_refused(tmp_path, text, message):
    path = tmp_path / "empty.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CitationFileError, match=message):
        read_export(path)


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "export.ris"
    path.write_bytes(b"PK\x03\x04\x00\x00\xff\xfe\x00\x01" * 10)
    with pytest.raises(CitationFileError, match=r"export.ris: a ZIP archive or Excel workbook \(.xlsx\), not a text"):
        read_export(path)
    path.write_bytes(b"\x01\x02\x00\x00\x00\x07binary" * 10)
    with pytest.raises(CitationFileError, match=r"export.ris: binary file; expected a text export"):
        read_export(path)


def test_dedup_command_names_the_lines_it_did_not_read(tmp_path, capfd):
    from litcurate.cli import main

    out = tmp_path / "out.csv"
    assert main(["dedup", str(DATA / "ris_broken_line.ris"), "--out", str(out), "--quiet"]) == 0
    err = capfd.readouterr().err
    assert "ris_broken_line.ris: line 8: unreadable line" in err
    assert "ris_broken_line.ris: line 9: tag AU outside a record" in err
    assert out.read_text().splitlines()[0] == "ID,cluster_id,kept"


def test_records_joined_without_a_blank_line_are_still_two(tmp_path):
    endnote = tmp_path / "joined.enw"
    endnote.write_text("%0 Journal Article\n%T Synthetic fixture: one\n%0 Book\n%T Synthetic fixture: two\n")
    frame = read_export(endnote).records
    assert list(zip(frame["source_line"], frame["title"], frame["ENTRYTYPE"])) == [
        ("1", "Synthetic fixture: one", "article"),
        ("3", "Synthetic fixture: two", "book"),
    ]


def test_search_log_entry_of_an_export_lists_its_unread_lines():
    from litcurate.search.imports import read_export
    from litcurate.search.sources import export_source

    path = str(DATA / "ris_broken_line.ris")
    entry = export_source("Synthetic Index", path, read_export(path))
    assert (entry["database"], entry["kind"], entry["format"], entry["records"]) == (
        "Synthetic Index",
        "database",
        "ris",
        2,
    )
    assert [(p["line"], p["text"]) for p in entry["problems"]] == [
        (8, "this line belongs to no record"),
        (9, "AU  - Orphan, O"),
    ]
    assert {p["file"] for p in entry["problems"]} == {str(DATA / "ris_broken_line.ris")}
