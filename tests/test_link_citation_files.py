"""Reading RIS, MEDLINE and CSV exports; bad input names the file, the place and what was expected."""

import pytest

from litcurate.link.citations.citation_files import CitationFileError, detect_format, read_citations

RIS = """TY  - JOUR
AU  - Correll, G E
AU  - Maleki, J
TI  - Subanesthetic ketamine infusion therapy: a retrospective analysis of a novel
      therapeutic approach to complex regional pain syndrome
PY  - 2004
JO  - Pain Med
VL  - 5
IS  - 3
SP  - 263
EP  - 275
ER  - 

TY  - CONF
AU  - Kiefer, R T
TI  - A synthetic meeting abstract
PY  - 2008
T2  - Synthetic Meeting
ER  - 
"""

MEDLINE = """PMID- 15367304
TI  - Subanesthetic ketamine infusion therapy: a retrospective analysis of a novel
      therapeutic approach to complex regional pain syndrome.
DP  - 2004 Sep
AU  - Correll GE
AU  - Maleki J
TA  - Pain Med
JT  - Pain medicine (Malden, Mass.)
VI  - 5
IP  - 3
PG  - 263-75

PMID- 19604642
TI  - Ketamine produces effective and long-term pain relief in patients with Complex
      Regional Pain Syndrome Type 1.
DP  - 2009
AU  - Sigtermans MJ
JT  - Pain
VI  - 145
IP  - 3
PG  - 304-11
"""

CSV_HEADER = "ID,title,year,author,journal,volume,number,pages\n"


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_ris_records_with_wrapped_lines(tmp_path):
    frame = read_citations(write(tmp_path, "export.ris", RIS))
    assert list(frame["ID"]) == ["rec000001", "rec000002"]
    first = frame.iloc[0]
    assert first["title"].endswith("novel therapeutic approach to complex regional pain syndrome")
    assert first["author"] == "Correll, G E; Maleki, J"
    assert (first["pages"], first["volume"], first["number"], first["journal"]) == ("263-275", "5", "3", "Pain Med")
    assert list(frame["ENTRYTYPE"]) == ["article", "inproceedings"]


def test_medline_records(tmp_path):
    frame = read_citations(write(tmp_path, "pubmed.nbib", MEDLINE))
    assert list(frame["ID"]) == ["15367304", "19604642"]
    assert list(frame["pmid"]) == ["15367304", "19604642"]
    assert frame.iloc[0]["journal"] == "Pain medicine (Malden, Mass.)"
    assert frame.iloc[1]["title"].startswith(
        "Ketamine produces effective and long-term pain relief in patients with Complex Regional"
    )
    assert frame.iloc[0]["year"] == "2004"


def test_repeated_pmids_fall_back_to_record_numbers(tmp_path):
    twice = MEDLINE + "\n" + MEDLINE
    frame = read_citations(write(tmp_path, "twice.txt", twice))
    assert list(frame["ID"]) == ["rec000001", "rec000002", "rec000003", "rec000004"]


def test_format_detected_by_content_before_extension(tmp_path):
    assert detect_format(write(tmp_path, "x.txt", RIS)) == "ris"
    assert detect_format(write(tmp_path, "x.csv", MEDLINE)) == "medline"
    assert detect_format(write(tmp_path, "x.csv", CSV_HEADER)) == "csv"


def test_csv_with_issue_column_and_optional_doi(tmp_path):
    text = 'ID,title,year,author,journal,volume,issue,pages,doi\na1,T,2004,"Correll, G",Pain Med,5,3,263-75,10.5555/x\n'
    frame = read_citations(write(tmp_path, "x.csv", text))
    assert frame.iloc[0]["number"] == "3" and frame.iloc[0]["doi"] == "10.5555/x"


@pytest.mark.parametrize(
    "name, text, message",
    [
        ("bad.csv", "year,author\n2004,x\n", r"bad.csv: line 1: no title column among year, author"),
        (
            "dup.csv",
            CSV_HEADER + "a,x,2004,A,J,1,1,1\na,y,2005,B,J,1,1,2\n",
            r"dup.csv: lines 2, 3, column ID: expected unique identifiers, 'a' repeats",
        ),
        (
            "empty_id.csv",
            CSV_HEADER + "a,x,2004,A,J,1,1,1\n,y,2005,B,J,1,1,2\n",
            r"empty_id.csv: line 3 \(row 2\), column ID: expected a non-empty identifier",
        ),
        (
            "stray.ris",
            "TI  - x\nER  - \n",
            r"stray.ris: no records found reading it as ris; line 1: tag TI outside a record; expected 'TY' to start one",
        ),
    ],
)
def test_bad_input_names_file_place_and_expectation(tmp_path, name, text, message):
    with pytest.raises(CitationFileError, match=message):
        read_citations(write(tmp_path, name, text))


def test_missing_file(tmp_path):
    with pytest.raises(CitationFileError, match="file not found"):
        read_citations(tmp_path / "nope.ris")
