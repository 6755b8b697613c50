"""The deduplication policy as config keys: ``link.merge_abstracts`` and ``link.merge_preprints``.

A copied demo project (one review, maher2017, which cites Sigtermans 2009 as its reference 3)
gets a small Embase export of two SYNTHETIC records of that paper: a preprint (medRxiv, a
10.1101 DOI) and a congress abstract. Off (the default) each stays a publication of its own;
each key, switched on, makes its record a duplicate of the PubMed record pmid:19604642.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from conftest import copy_project, run_snakemake
from litcurate.io import read_csv

TITLE = "Ketamine produces effective and long-term pain relief in patients with Complex Regional Pain Syndrome Type 1"
# SYNTHETIC records: no such preprint or abstract exists; the DOI prefix is medRxiv's, the suffix made up.
PREPRINT = f"""TY  - JOUR
ID  - synthetic-preprint
AU  - Sigtermans, M. J.
AU  - van Hilten, J. J.
AU  - Bauer, M. C. R.
TI  - {TITLE}
JO  - medRxiv
PY  - 2009
DO  - 10.1101/2009.01.01.000001
ER  -
"""
ABSTRACT = f"""TY  - ABST
ID  - synthetic-abstract
AU  - Sigtermans, M. J.
AU  - van Hilten, J. J.
AU  - Bauer, M. C. R.
TI  - {TITLE}
JO  - European Journal of Pain. Conference: 6th Congress of the European Federation of IASP Chapters
PY  - 2009
VL  - 13
IS  - S1
SP  - S123
ER  -
"""
PAPER = "pmid:19604642"


def _project(workdir: Path, export: str, link: dict) -> Path:
    """One review (maher2017) and an Embase export, in a project folder (a copy of the finished
    demo, so the review's extraction is reused)."""
    sheet = (workdir / "config/reviews.tsv").read_text().splitlines()
    (workdir / "config/reviews.tsv").write_text(
        "\n".join(line for line in sheet if "maher2017" in line or "pdf" in line)
    )
    (workdir / "exports").mkdir(exist_ok=True)
    (workdir / "exports/embase.ris").write_text(export)
    config = yaml.safe_load((workdir / "config/config.yaml").read_text())
    config["other_sources"] = [{"database": "Embase", "path": "exports/embase.ris"}]
    config["link"].update(link)
    (workdir / "config/config.yaml").write_text(yaml.safe_dump(config))
    return workdir


def _linked_records(workdir: Path):
    result = run_snakemake(workdir, "--cores", "2", "results/link/records.csv")
    assert result.returncode == 0, result.stderr[-3000:]
    return read_csv(workdir / "results/link/records.csv").set_index("record_id")


def test_by_default_a_preprint_and_an_abstract_stay_apart_from_the_paper(demo_copy):
    records = _linked_records(_project(demo_copy, PREPRINT + ABSTRACT, {}))
    for record in ("Embase:synthetic-preprint", "Embase:synthetic-abstract"):
        assert records.loc[record, "publication_id"] != records.loc[PAPER, "publication_id"]
        assert pd.isna(records.loc[record, "duplicate_of"])


@pytest.mark.parametrize(
    "key, export, record",
    [
        ("merge_preprints", PREPRINT, "Embase:synthetic-preprint"),
        ("merge_abstracts", ABSTRACT, "Embase:synthetic-abstract"),
    ],
)
def test_the_config_key_makes_the_record_the_papers_duplicate(demo_copy, key, export, record):
    records = _linked_records(_project(demo_copy, export, {key: True}))
    assert records.loc[record, "duplicate_of"] == PAPER
    assert records.loc[record, "publication_id"] == records.loc[PAPER, "publication_id"]


def test_a_policy_key_that_is_not_a_boolean_is_named(tmp_path):
    workdir = _project(copy_project(tmp_path), PREPRINT, {"merge_preprints": "yes"})
    result = run_snakemake(workdir, "--cores", "1", "--dry-run")
    assert result.returncode != 0
    assert "config error at 'link.merge_preprints'" in result.stdout + result.stderr
