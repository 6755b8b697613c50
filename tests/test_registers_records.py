"""Register records from ClinicalTrials.gov JSON and an ICTRP export, and their links by id
(synthetic fixtures; expected values written by hand from tests/data/registers)."""

from pathlib import Path

import pandas as pd
import pytest

from ctgov_server import synthetic_study
from litcurate.errors import CitationFileError
from litcurate.search.registers.ictrp import read_ictrp
from litcurate.search.registers.links import register_links
from litcurate.search.registers.records import ctgov_frame

DATA = Path(__file__).parent / "data" / "registers"


def test_ctgov_studies_become_register_records():
    frame = ctgov_frame(
        [synthetic_study(2, references=["900000002"], secondary=["SYNTHETIC-EUCTR-X-2"]), synthetic_study(1)]
    )
    assert list(frame["record_id"]) == [
        "ClinicalTrials.gov:SYNTHETIC-NCT-0001",
        "ClinicalTrials.gov:SYNTHETIC-NCT-0002",
    ]
    second = frame.iloc[1]
    assert second["title"] == "Synthetic official title 2 (test fixture)"
    assert second["public_title"] == "Synthetic register record 2 (test fixture, not a real trial)"
    assert second["year"] == "2012"
    assert second["secondary_ids"] == "SYN-PROTOCOL-0002; SYNTHETIC-EUCTR-X-2"
    assert second["reference_pmids"] == "900000002"
    assert second["sponsor"] == "Synthetic Sponsor"


def test_ictrp_export_rows_and_the_row_without_an_id():
    frame, problems = read_ictrp(DATA / "ictrp_synthetic.csv")
    assert list(frame["record_id"]) == ["WHO_ICTRP:SYNTHETIC-ISRCTN-0002", "WHO_ICTRP:SYNTHETIC-NCT-0001"]
    two = frame.iloc[0]
    assert two["title"] == "Synthetic scientific title two,\nwrapped over two lines (test fixture)"
    assert (two["year"], two["source_line"], two["sponsor"]) == ("2015", "3", "Synthetic University")
    assert two["secondary_ids"] == "SYN-PROTOCOL-0002; SYNTHETIC-NCT-0009"
    one = frame.iloc[1]
    assert (one["year"], one["source_line"], one["url"]) == ("2011", "2", "https://example.org/synthetic/trial/1")
    assert [(p.line, p.message) for p in problems] == [(5, "row has no TrialID; left out")]


def test_ictrp_without_trial_id_column_is_refused(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("Title,Year\nx,2001\n", encoding="utf-8")
    with pytest.raises(CitationFileError, match=r"x.csv: line 1: expected an ICTRP export with TrialID"):
        read_ictrp(path)


def test_links_by_listed_pmid_by_id_in_text_and_across_registers():
    ctgov = ctgov_frame([synthetic_study(1, references=["900000001"]), synthetic_study(9)])
    ictrp, _ = read_ictrp(DATA / "ictrp_synthetic.csv")
    registers = pd.concat([ctgov, ictrp], ignore_index=True)
    publications = pd.DataFrame(
        {
            "record_id": ["pmid:900000001", "Embase:e1", "Embase:e2", "Embase:e3"],
            "pmid": ["900000001", "", "", ""],
            "title": ["Synthetic publication one", "Synthetic trial (synthetic-isrctn-0002)", "No id here", "x"],
            "abstract": ["", "", "Registered as SYNTHETIC-NCT-00012 (not 0001).", "Protocol SYN-PROTOCOL-0009."],
        }
    )
    links = register_links(registers, publications)
    got = set(links[["register_record_id", "record_id", "matched_id", "how"]].itertuples(index=False, name=None))
    assert got == {
        ("ClinicalTrials.gov:SYNTHETIC-NCT-0001", "pmid:900000001", "900000001", "register lists the PMID"),
        (
            "ClinicalTrials.gov:SYNTHETIC-NCT-0001",
            "WHO_ICTRP:SYNTHETIC-NCT-0001",
            "SYNTHETIC-NCT-0001",
            "same trial id in two registers",
        ),
        (
            "WHO_ICTRP:SYNTHETIC-NCT-0001",
            "ClinicalTrials.gov:SYNTHETIC-NCT-0001",
            "SYNTHETIC-NCT-0001",
            "same trial id in two registers",
        ),
        ("WHO_ICTRP:SYNTHETIC-ISRCTN-0002", "Embase:e1", "synthetic-isrctn-0002", "publication names the trial id"),
        ("ClinicalTrials.gov:SYNTHETIC-NCT-0009", "Embase:e3", "SYN-PROTOCOL-0009", "publication names the trial id"),
        (
            "ClinicalTrials.gov:SYNTHETIC-NCT-0009",
            "WHO_ICTRP:SYNTHETIC-ISRCTN-0002",
            "SYNTHETIC-NCT-0009",
            "same trial id in two registers",
        ),
        (
            "WHO_ICTRP:SYNTHETIC-ISRCTN-0002",
            "ClinicalTrials.gov:SYNTHETIC-NCT-0009",
            "SYNTHETIC-NCT-0009",
            "same trial id in two registers",
        ),
    }
