"""Errata, retractions, replies and comments in the workflow: results/link/relations.csv.

A notice is linked to the paper it concerns and stays a publication of its own: never its
paper's duplicate, never a removed record. The case: Sigtermans 2009 (PubMed record
pmid:19604642, cited by maher2017 as reference 3) and two SYNTHETIC Embase records that
concern it, an erratum and a reply, both in Pain, one year later.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

from conftest import run_snakemake
from litcurate.io import read_csv
from litcurate.link.sources import link_sources, read_overrides
from litcurate.schemas import link as schemas

TITLE = "Ketamine produces effective and long-term pain relief in patients with Complex Regional Pain Syndrome Type 1"
PAPER = "pmid:19604642"
# SYNTHETIC records: no such erratum or reply was published.
NOTICES_RIS = f"""TY  - JOUR
ID  - synthetic-erratum
TI  - Erratum: {TITLE}
JO  - Pain
PY  - 2010
VL  - 148
IS  - 1
SP  - 171
ER  -
TY  - JOUR
ID  - synthetic-reply
AU  - Sigtermans, M. J.
TI  - {TITLE} - Reply
JO  - Pain
PY  - 2010
VL  - 149
IS  - 2
SP  - 402
ER  -
"""


def _record(record_id, database, title, year, volume, issue, pages, authors=None, pmid=None):
    return {
        "record_id": record_id,
        "database": database,
        "pmid": pmid,
        "doi": None,
        "title": title,
        "authors": authors,
        "first_author": authors.split(" ")[0] if authors else None,
        "year": year,
        "journal": "Pain",
        "volume": volume,
        "issue": issue,
        "pages": pages,
    }


def test_a_notice_is_related_to_its_paper_and_never_merged_with_it():
    records = pd.DataFrame(
        [
            _record(PAPER, "PubMed", TITLE, "2009", "145", "3", "304-11", "Sigtermans MJ; van Hilten JJ", "19604642"),
            _record("Embase:synthetic-erratum", "Embase", f"Erratum: {TITLE}", "2010", "148", "1", "171"),
            _record("Embase:synthetic-reply", "Embase", f"{TITLE} - Reply", "2010", "149", "2", "402", "Sigtermans MJ"),
        ]
    )
    empty = pd.DataFrame(columns=["review_id", "ref_no", "authors", "first_author", "title", "journal", "year"])
    empty = empty.assign(volume=None, issue=None, pages=None, doi=None, pmid=None)
    rows = pd.DataFrame(columns=["review_id", "table_id", "row", "page", "label", "ref_no", "first_author", "year"])
    linked = link_sources(rows, empty, records, read_overrides(None), auto_merge=0.9, review_min=0.7)
    relations = schemas.relations.validate(linked.relations)
    publication = dict(zip(linked.records["record_id"], linked.records["publication_id"]))
    assert relations.to_dict("records") == [
        {
            "id": "Embase:synthetic-erratum",
            "publication_id": publication["Embase:synthetic-erratum"],
            "relation": "erratum",
            "related_publication_id": publication[PAPER],
        },
        {
            "id": "Embase:synthetic-reply",
            "publication_id": publication["Embase:synthetic-reply"],
            "relation": "reply",
            "related_publication_id": publication[PAPER],
        },
    ]
    assert len(set(publication.values())) == 3
    assert linked.records["duplicate_of"].isna().all()


def test_the_workflow_writes_relations_and_counts_no_notice_as_a_duplicate(demo_copy: Path):
    workdir = demo_copy  # the finished demo: maher2017's extraction is reused
    sheet = (workdir / "config/reviews.tsv").read_text().splitlines()
    (workdir / "config/reviews.tsv").write_text(
        "\n".join(line for line in sheet if "maher2017" in line or "pdf" in line)
    )
    (workdir / "exports").mkdir(exist_ok=True)
    (workdir / "exports/embase.ris").write_text(NOTICES_RIS)
    config = yaml.safe_load((workdir / "config/config.yaml").read_text())
    config["other_sources"] = [{"database": "Embase", "path": "exports/embase.ris"}]
    (workdir / "config/config.yaml").write_text(yaml.safe_dump(config))
    result = run_snakemake(workdir, "--cores", "2", "results/link/relations.csv")
    assert result.returncode == 0, result.stderr[-3000:]

    relations = read_csv(workdir / "results/link/relations.csv")
    records = read_csv(workdir / "results/link/records.csv").set_index("record_id")
    paper = records.loc[PAPER, "publication_id"]
    assert list(relations["id"]) == ["Embase:synthetic-erratum", "Embase:synthetic-reply"]
    assert list(relations["relation"]) == ["erratum", "reply"]
    assert set(relations["related_publication_id"]) == {paper}
    assert paper not in set(relations["publication_id"])
    assert records.loc[["Embase:synthetic-erratum", "Embase:synthetic-reply"], "duplicate_of"].isna().all()
    # PRISMA's "duplicates removed" counts records.csv's duplicate_of: no notice is among them
    assert records["duplicate_of"].isna().all()
