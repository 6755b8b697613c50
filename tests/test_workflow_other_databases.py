"""A second database's RIS export joins PubMed: counted per database, duplicates removed once."""

from __future__ import annotations

import json

import yaml

from conftest import jobs_run, run_snakemake
from litcurate.io import read_csv

# Two citations as the seeds print them (zhao2018 refs 20 and 12), exported as an Embase RIS:
# the first is also in the PubMed snapshot, the second (a meeting abstract) is not.
EMBASE_RIS = """TY  - JOUR
ID  - emb-001
AU  - Sigtermans, M. J.
AU  - van Hilten, J. J.
AU  - Bauer, M. C.
TI  - Ketamine produces effective and long-term pain relief in patients with complex regional pain syndrome type 1
JO  - Pain
PY  - 2009
VL  - 145
IS  - 3
SP  - 304
EP  - 311
DO  - 10.1016/j.pain.2009.06.023
ER  -
TY  - ABST
ID  - emb-002
AU  - Kiefer, R.
AU  - Rohr, P.
AU  - Unertl, K.
TI  - Recovery from intractable complex regional pain syndrome type I (RSD) under high-dose intravenous ketamine-midazolam sedation
JO  - Neurology
PY  - 2002
ER  -
"""


def test_records_from_another_database_are_deduplicated_and_counted(demo_copy):
    workdir = demo_copy
    (workdir / "exports").mkdir()
    (workdir / "exports/embase.ris").write_text(EMBASE_RIS)
    config = yaml.safe_load((workdir / "config/config.yaml").read_text())
    config["other_sources"] = [{"database": "Embase", "path": "exports/embase.ris"}]
    (workdir / "config/config.yaml").write_text(yaml.safe_dump(config, sort_keys=False))

    result = run_snakemake(workdir, "--cores", "2")
    assert result.returncode == 0, result.stderr[-3000:]
    # a new export changes the records and what follows them; the reviews are not extracted again
    assert jobs_run(result) == {
        "search_log": 1,
        "records": 1,
        "link": 1,
        "screen": 1,
        "dataset": 1,
        "prisma": 1,
        "qc": 1,
    }
    records = read_csv(workdir / "results/link/records.csv").set_index("record_id")
    assert records.loc["Embase:emb-001", "duplicate_of"] == "pmid:19604642"
    assert records.loc["Embase:emb-001", "publication_id"] == records.loc["pmid:19604642", "publication_id"]
    flow = json.loads((workdir / "results/prisma/flow.json").read_text())
    assert flow["databases"]["records_identified"] == {"Embase": 2, "PubMed": 66}
    assert flow["databases"]["duplicates_removed"] == 1
    # the abstract resembles zhao2018's reference 12 without enough evidence to merge: a human decides
    to_review = read_csv(workdir / "results/link/to_review.csv")
    pair = to_review[(to_review["id_a"] == "Embase:emb-002") & (to_review["id_b"] == "ref:zhao2018:12")]
    assert len(pair) == 1 and "authors first = kiefer/kiefer" in pair.iloc[0]["reason"]
    assert flow["databases"]["records_awaiting_screening"] == 1
