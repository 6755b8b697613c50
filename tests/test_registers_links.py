"""Register records tied to publications by PubMed's own trial ids (MEDLINE DataBankList) and, for
publications no id ties to a trial, by title and year: conservative, with score and evidence.
Synthetic fixtures only; expected links worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ctgov_server import synthetic_study
from litcurate.search.databases import export_records
from litcurate.search.pubmed.medline_xml import trial_ids
from litcurate.search.registers.ictrp import read_ictrp
from litcurate.search.registers.links import register_links
from litcurate.search.registers.records import ctgov_frame

DATA = Path(__file__).parent / "data" / "registers"
ID_LISTED = "PubMed lists the trial id"  # MEDLINE's own trial ids, from PubMed XML or an export's SI lines
REGISTER_TITLE = "Ketamine infusion for complex regional pain syndrome: a synthetic randomised trial (test fixture)"


def test_medline_databank_accession_numbers_by_pmid():
    # by hand from the fixture: the first lists one ClinicalTrials.gov id, the second an ISRCTN id
    # (written twice, once with spaces) and a GenBank number; the third none
    assert trial_ids(DATA / "pubmed_databank_synthetic.xml") == {
        "900000101": ["SYNTHETIC-NCT-0003"],
        "900000102": ["SYNTHETIC-ISRCTN-0002", "SYNTHETIC-GB-0001"],
    }


def _registers() -> pd.DataFrame:
    titled = synthetic_study(5)  # starts 2015-03
    titled["protocolSection"]["identificationModule"]["officialTitle"] = REGISTER_TITLE
    ctgov = ctgov_frame([synthetic_study(3), titled])
    ictrp, _ = read_ictrp(DATA / "ictrp_synthetic.csv")
    return pd.concat([ctgov, ictrp], ignore_index=True)


def _publications(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["record_id", "pmid", "title", "abstract", "year", "trial_ids"]).astype(
        {"year": "Int64"}
    )


def _links(publications: pd.DataFrame) -> set[tuple]:
    links = register_links(_registers(), publications)
    links = links[~links["how"].eq("same trial id in two registers")]
    return set(links[["register_record_id", "record_id", "matched_id", "how"]].itertuples(index=False, name=None))


def test_pubmed_trial_ids_link_by_id():
    publications = _publications(
        [
            ("pmid:900000101", "900000101", "Synthetic publication one (test fixture)", "", 2014, "SYNTHETIC-NCT-0003"),
            ("pmid:900000102", "900000102", "Synthetic publication two", "", 2016, "SYNTHETIC-ISRCTN-0002; SYN-GB-1"),
        ]
    )
    assert _links(publications) == {
        ("ClinicalTrials.gov:SYNTHETIC-NCT-0003", "pmid:900000101", "SYNTHETIC-NCT-0003", "PubMed lists the trial id"),
        ("WHO_ICTRP:SYNTHETIC-ISRCTN-0002", "pmid:900000102", "SYNTHETIC-ISRCTN-0002", "PubMed lists the trial id"),
    }


def test_title_links_are_conservative_and_carry_score_and_evidence():
    same = "Ketamine infusion for complex regional pain syndrome. A synthetic randomized trial (test fixture)"
    other_drug = REGISTER_TITLE.replace("Ketamine", "Lidocaine")
    publications = _publications(
        [
            ("Embase:same", "", same, "", 2017, ""),  # spelling and punctuation differ; 2 years after the start
            ("Embase:late", "", REGISTER_TITLE, "", 2026, ""),  # 11 years after the start: outside the window
            ("Embase:early", "", REGISTER_TITLE, "", 2013, ""),  # 2 years before the start: outside the window
            ("Embase:drug", "", other_drug, "", 2016, ""),  # another drug: never the same trial
            ("Embase:noyear", "", REGISTER_TITLE, "", None, ""),  # no year: no title link
            ("Embase:phase", "", REGISTER_TITLE.replace("a synthetic", "a phase 2 synthetic"), "", 2016, ""),
        ]
    )
    links = register_links(_registers(), publications)
    by_title = links[links["how"] == "title and year match"]
    assert list(by_title["record_id"]) == ["Embase:same"]
    (row,) = by_title.to_dict("records")
    assert row["register_record_id"] == "ClinicalTrials.gov:SYNTHETIC-NCT-0005"
    assert 0.93 <= row["score"] < 1
    assert row["evidence"] == "register title ~ publication title; years 2015 / 2017"


def test_a_publication_tied_by_id_gets_no_title_link():
    publications = _publications(
        [("Embase:both", "", REGISTER_TITLE, "Registered as SYNTHETIC-NCT-0003.", 2016, "")],
    )
    assert _links(publications) == {
        ("ClinicalTrials.gov:SYNTHETIC-NCT-0003", "Embase:both", "SYNTHETIC-NCT-0003", "publication names the trial id")
    }


def test_a_medline_exports_trial_ids_link_by_id():
    # tests/data/exports/medline.nbib: its second record's SI lines name SYNTHETIC-NCT-0003 and
    # SYNTHETIC-ISRCTN-0002, the trial ids of the synthetic ClinicalTrials.gov and ICTRP records
    exported = export_records("MEDLINE (Ovid)", str(Path(__file__).parent / "data" / "exports" / "medline.nbib"))
    publications = exported[["record_id", "pmid", "title", "abstract", "year", "trial_ids"]]
    assert _links(publications) == {
        ("ClinicalTrials.gov:SYNTHETIC-NCT-0003", "MEDLINE_Ovid_:rec000002", "SYNTHETIC-NCT-0003", ID_LISTED),
        ("WHO_ICTRP:SYNTHETIC-ISRCTN-0002", "MEDLINE_Ovid_:rec000002", "SYNTHETIC-ISRCTN-0002", ID_LISTED),
    }
