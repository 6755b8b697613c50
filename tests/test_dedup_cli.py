"""``litcurate dedup`` end to end: output contract, kept choice, errors, and the labelled benchmark."""

import gc

import pandas as pd
import pytest

from conftest import SHARED
from litcurate.cli import console, main
from litcurate.io import read_csv
from litcurate.link.citations.evaluate import pairwise, record_level, truth_labels
from litcurate.schemas.dedup import DEDUP_OUTPUT
from litcurate.validate import TableInvalid, validate

BENCHMARKS = SHARED / "benchmarks" / "dedup"

# Real citations from the reviews' reference lists; the last row is a synthetic near-copy
# without DOI, and the Kiefer pilot study is a different paper by the same author and year.
CSV = """ID,title,year,author,journal,volume,number,pages,doi
k1,Efficacy of ketamine in anesthetic dosage for the treatment of refractory complex regional pain syndrome: an open-label phase II study,2008,"Kiefer, R T and Rohr, P and Ploppa, A",Pain Med,9,8,1173–201,10.1111/j.1526-4637.2007.00402.x
k2,A pilot open-label study of the efficacy of subanesthetic isomeric S(+)-ketamine in refractory CRPS patients,2008,"Kiefer, R T and Rohr, P and Ploppa, A",Pain Med (Malden Mass.),9,,44–54,
c1,Subanesthetic ketamine infusion therapy: a retrospective analysis of a novel therapeutic approach to complex regional pain syndrome,2004,"Correll, G E and Maleki, J",Pain Med,5,,263–275,
c2,Subanesthetic Ketamine Infusion Therapy: A Retrospective Analysis of a Novel Therapeutic Approach to Complex Regional Pain Syndrome.,2004,"Correll, G E and Maleki, J and Gracely, E J",Pain Medicine,5,3,263-75,
k3,Efficacy of ketamine in anesthetic dosage for the treatment of refractory complex regional pain syndrome: an open-label phase II study,2008,"Kiefer, R T and Rohr, P",Pain Medicine,9,,1173-1201,
"""


def run_dedup(tmp_path, text, name="in.csv", *extra):
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out.csv"
    code = main(["dedup", str(source), "--out", str(out), "--quiet", *extra])
    return code, out


def test_dedup_clusters_and_keeps_the_most_complete_record(tmp_path):
    code, out = run_dedup(tmp_path, CSV, "in.csv", "--pairs", str(tmp_path / "pairs.csv"))
    assert code == 0
    result = read_csv(out)
    assert list(result.columns) == ["ID", "cluster_id", "kept"]
    assert list(result["ID"]) == ["k1", "k2", "c1", "c2", "k3"]
    clusters = dict(zip(result["ID"], result["cluster_id"]))
    kept = dict(zip(result["ID"], result["kept"].astype(int)))
    assert clusters == {"k1": "k1", "k2": "k2", "c1": "c1", "c2": "c1", "k3": "k1"}
    assert kept == {"k1": 1, "k2": 1, "c1": 0, "c2": 1, "k3": 0}  # c2 has the issue number
    pairs = read_csv(tmp_path / "pairs.csv")
    assert set(pairs["decision"]) == {"merge"}


def test_ties_in_completeness_keep_the_smallest_id(tmp_path):
    rows = CSV.splitlines()
    text = "\n".join([rows[0], rows[3].replace("c1,", "z9,", 1), rows[3]]) + "\n"
    code, out = run_dedup(tmp_path, text)
    result = read_csv(out)
    assert dict(zip(result["ID"], result["kept"].astype(int))) == {"z9": 0, "c1": 1}


def test_output_is_byte_identical_on_rerun(tmp_path):
    _, out = run_dedup(tmp_path, CSV)
    first = out.read_bytes()
    _, out = run_dedup(tmp_path, CSV)
    assert out.read_bytes() == first


def test_ris_input(tmp_path):
    ris = "".join(
        f"TY  - JOUR\nAU  - Correll, G E\nTI  - Subanesthetic ketamine infusion therapy\nPY  - 2004\nJO  - {j}\nVL  - 5\nSP  - 263\nEP  - {e}\nER  - \n\n"
        for j, e in (("Pain Med", "275"), ("Pain Medicine", "75"))
    )
    code, out = run_dedup(tmp_path, ris, "export.ris")
    assert code == 0
    assert read_csv(out)["cluster_id"].tolist() == ["rec000001", "rec000001"]


def test_bad_input_fails_with_a_clear_message_and_writes_nothing(tmp_path, capsys):
    code, out = run_dedup(tmp_path, "ID,year\n1,2004\n")
    assert code == 2
    assert not out.exists()
    err = capsys.readouterr().err
    assert "in.csv: line 1: no title column among ID, year" in err


def test_schema_rejects_two_kept_records_in_one_cluster():
    table = pd.DataFrame({"ID": ["a", "b"], "cluster_id": ["a", "a"], "kept": [1, 1]})
    with pytest.raises(TableInvalid, match="exactly_one_kept_per_cluster"):
        validate(table, DEDUP_OUTPUT, "out.csv")
    table = pd.DataFrame({"ID": ["a", "b"], "cluster_id": ["a", "x"], "kept": [1, 1]})
    with pytest.raises(TableInvalid, match="cluster_id_is_a_member_id"):
        validate(table, DEDUP_OUTPUT, "out.csv")


@pytest.mark.skipif(not BENCHMARKS.is_dir(), reason=f"labelled benchmark sets not present at {BENCHMARKS}")
@pytest.mark.parametrize(
    "name, min_sensitivity", [("cytology_screening", 0.99), ("haematology", 0.88), ("special_cases", 1.0)]
)
def test_labelled_benchmark_sets(tmp_path, name, min_sensitivity):
    folder = BENCHMARKS / name
    out = tmp_path / "out.csv"
    assert main(["dedup", str(folder / "records_pre_merged.csv"), "--out", str(out), "--quiet"]) == 0
    result = read_csv(out)
    groups = [g.split(";") for g in pd.read_csv(folder / "merged_record_ids.csv", dtype=str)["merged_ids"]]
    scores = record_level(dict(zip(result["ID"], result["kept"].astype(int))), groups)
    assert scores["sensitivity"] >= min_sensitivity
    pairs = pairwise(dict(zip(result["ID"], result["cluster_id"])), truth_labels(result["ID"], groups))
    if name == "special_cases":
        # id_0000007 and id_0000011 are identical records (same DOI, one stored under note)
        # that the labels keep apart; it is the only extra pair.
        assert pairs["predicted_pairs"] - pairs["correct_pairs"] == 1
    else:
        assert scores["specificity"] == 1.0
        assert pairs["precision"] == 1.0


def test_the_program_freezes_what_its_imports_built(tmp_path):
    # litcurate.cli.console is the installed program; it hides the imports' objects from the
    # garbage collector (gc.freeze) and still returns the command's own exit status.
    gc.unfreeze()
    try:
        code = console(["dedup", str(tmp_path / "missing.csv"), "--out", str(tmp_path / "out.csv")])
        assert code == 2
        assert gc.get_freeze_count() > 0
        assert not (tmp_path / "out.csv").exists()
    finally:
        gc.unfreeze()
