"""The second example project (examples/cancer-biomarkers): three real meta-analyses of
observational cancer studies, its own codebook, no PubMed records, run end to end once.

Expected values are transcribed by hand from the gold tables in tests/data/real_pdfs/ (made
from the printed pages, never from litcurate's output)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from conftest import REPO, SHARED, run_snakemake

EXAMPLE = REPO / "examples" / "cancer-biomarkers"
REAL_PDFS = SHARED / "real-pdfs"
GOLD = REPO / "tests" / "data" / "real_pdfs"
PDF_OF = {
    "hif2016": "10.1186_s40064-016-3064-x",
    "cox2016": "10.5114_aoms.2016.61916",
    "adenoma2016": "10.1186_s12885-016-2685-3",
}

# (review, table row, surname in the gold label) -> hand-transcribed mapped values.
# design: the printed 'prospective' is coded 'prospective observational'; NR/ND and ranges give no value.
EXPECTED = {
    ("hif2016", 1, "Zhao"): {"country": "China", "n_randomised": 88, "followup_months": None, "quality_score": "7"},
    ("hif2016", 2, "Kim"): {"country": "Korea", "n_randomised": 55, "age_mean": 57.0, "followup_months": 38.0},
    ("hif2016", 5, "Smeland"): {"country": "Norway and Russia", "n_randomised": 200, "followup_months": 37.6},
    ("cox2016", 2, "Tang"): {"country": "Hong Kong", "year": 2005, "n_randomised": 100, "followup_months": 60.0},
    ("cox2016", 4, "El-Bassiouny"): {"n_randomised": 30, "age_mean": None, "followup_months": None},
    ("cox2016", 11, "Soon"): {"country": "Korea", "n_randomised": 168, "followup_months": 80.0},
    ("adenoma2016", 1, "Dash"): {"design": "retrospective", "n_randomised": 3668, "age_mean": 54.6, "sex_male_n": 0},
    ("adenoma2016", 2, "Ursula"): {"design": "prospective observational", "n_randomised": 1554, "sex_male_n": 670},
    ("adenoma2016", 11, "Kawai"): {"design": "prospective observational", "n_randomised": 176, "age_mean": 63.1},
    ("adenoma2016", 12, "Kono"): {"design": "retrospective", "n_randomised": 5193, "age_mean": None},
}

# Printed columns the example codebook does not claim, with the number of non-empty cells the
# gold prints in each (headers as litcurate names them: the repeated 'Study' header of hif2016's
# two design columns and its unnamed 15th column).
UNCLAIMED = {
    ("hif2016", "Study duration"): 16,
    ("hif2016", "Antibody"): 16,
    ("hif2016", "Dilution"): 16,
    ("hif2016", "Study (2)"): 16,
    ("hif2016", "column 14"): 16,
    ("cox2016", "Time of collection"): 11,
    ("cox2016", "Pathological stage"): 11,
    ("adenoma2016", "Category of exposure (N)"): 17,
    ("adenoma2016", "Outcome"): 17,
    ("adenoma2016", "Adjusted variable"): 17,
}
# A few unclaimed cells as printed (gold).
UNCLAIMED_CELLS = [
    ("hif2016", 5, "Dilution", "1: 3500"),
    ("hif2016", 5, "Study duration", "1973–2006"),
    ("hif2016", 11, "Study (2)", "Re"),
    ("hif2016", 3, "column 14", "M"),
    ("cox2016", 2, "Time of collection", "1998–2001"),
    ("adenoma2016", 2, "Outcome", "Colorectal neoplasia (389)"),
]


def _shared_or_fail() -> None:
    missing = [name for name in PDF_OF.values() if not (REAL_PDFS / f"{name}.pdf").is_file()]
    if not missing:
        return
    message = f"real PDFs not available in {REAL_PDFS}: {', '.join(missing)}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def example_run(tmp_path_factory) -> Path:
    """The example project run once, in a copy whose reviews sheet points at the shared PDFs."""
    _shared_or_fail()
    workdir = tmp_path_factory.mktemp("example")
    project = workdir / "examples" / EXAMPLE.name
    shutil.copytree(EXAMPLE, project)
    sheet = project / "reviews.tsv"
    sheet.write_text(
        sheet.read_text(encoding="utf-8").replace("../shared/real-pdfs/", f"{REAL_PDFS}/"), encoding="utf-8"
    )
    result = run_snakemake(workdir, "--cores", "2", "--configfile", str(project / "config.yaml"))
    if result.returncode != 0:
        pytest.fail(f"example workflow failed:\n{result.stderr[-6000:]}")
    return workdir


def _gold_label(review: str, row: int) -> str:
    gold = yaml.safe_load((GOLD / f"{PDF_OF[review]}.yaml").read_text(encoding="utf-8"))
    table = next(t for t in gold["tables"] if t["kind"] == "trial")
    return table["rows"][row - 1]["cells"][0]


def _study_of(studies: pd.DataFrame, review: str, row: int) -> pd.Series:
    pattern = re.compile(rf"(^|; ){re.escape(review)}:[^:;]+:{row}(;|$)")
    hits = studies[studies["sources"].fillna("").map(lambda s: bool(pattern.search(s)))]
    assert len(hits) == 1, (review, row, list(hits["study_id"]))
    return hits.iloc[0]


def test_expected_rows_are_the_gold_rows():
    """The hand-written row numbers name the studies the gold prints there."""
    for review, row, surname in EXPECTED:
        assert surname in _gold_label(review, row), (review, row)


def test_mapped_values_of_several_studies(example_run):
    studies = pd.read_csv(example_run / "results/dataset/studies.csv", dtype={"quality_score": str})
    for (review, row, surname), expected in EXPECTED.items():
        study = _study_of(studies, review, row)
        for column, value in expected.items():
            got = study[column]
            if value is None:
                assert pd.isna(got), (review, surname, column, got)
            elif isinstance(value, float):
                assert got == pytest.approx(value), (review, surname, column)
            else:
                assert got == value, (review, surname, column, got)


def test_every_study_is_in_the_dataset_and_no_pubmed_record(example_run):
    studies = pd.read_csv(example_run / "results/dataset/studies.csv")
    assert len(studies) == 16 + 11 + 17  # study rows of the three gold tables
    assert pd.read_csv(example_run / "results/records/all.csv").empty
    columns = list(studies.columns)
    assert "ketamine_form" not in columns and "followup_months" in columns and "histology" in columns


def test_every_unclaimed_printed_column_is_in_extra_csv_and_qc(example_run):
    extra = pd.read_csv(example_run / "results/dataset/extra.csv", dtype=str, keep_default_na=False)
    counts = extra.groupby(["review_id", "header"]).size().to_dict()
    assert counts == UNCLAIMED
    assert (extra["study_id"] != "").all()
    for review, row, header, value in UNCLAIMED_CELLS:
        hit = extra[(extra["review_id"] == review) & (extra["row"] == str(row)) & (extra["header"] == header)]
        assert hit["value"].tolist() == [value], (review, row, header)
    qc = pd.read_csv(example_run / "results/qc/warnings.csv", dtype=str, keep_default_na=False)
    listed = qc[(qc["stage"] == "harmonise") & (qc["row"] == "0")]
    assert set(zip(listed["review_id"], listed["column"])) == set(UNCLAIMED)


def test_dictionary_is_the_example_codebook(example_run):
    dictionary = pd.read_csv(example_run / "results/dataset/dictionary.csv", keep_default_na=False)
    followup = dictionary[dictionary["column"] == "followup_months"].iloc[0]
    assert (followup["type"], followup["unit"]) == ("number", "months")
    histology = dictionary[dictionary["column"] == "histology"].iloc[0]
    assert histology["meaning"].endswith(": OS, STS, CS")
