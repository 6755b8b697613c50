"""An output named like an input is refused before anything is read or written.

``litcurate dedup x.csv --out x.csv`` used to overwrite the reviewer's export with the
ID,cluster_id,kept table: the input was lost.
"""

from __future__ import annotations

import os
import re

import pytest

from litcurate.cli import main

CSV = (
    "ID,title,year,author,journal,volume,number,pages\n"
    "a,Ketamine infusion for CRPS: a synthetic fixture,2009,Synthetic A,Synth J,1,1,1-2\n"
    "b,Ketamine infusion for CRPS: a synthetic fixture,2009,Synthetic A,Synth J,1,1,1-2\n"
)
OVERRIDES = "id_a,id_b,decision\na,b,same\n"


@pytest.fixture
def files(tmp_path):
    (tmp_path / "x.csv").write_text(CSV)
    (tmp_path / "over.csv").write_text(OVERRIDES)
    return tmp_path


CASES = [
    (["x.csv", "--out", "x.csv"], r"--out .*x\.csv is the input IN"),
    (["x.csv", "--out", "./sub/../x.csv"], r"--out .*x\.csv is the input IN"),
    (["x.csv", "--out", "o.csv", "--pairs", "x.csv"], r"--pairs .*x\.csv is the input IN"),
    (["x.csv", "--out", "over.csv", "--overrides", "over.csv"], r"--out .*over\.csv is the input --overrides"),
    (["x.csv", "--out", "o.csv", "--stats", "o.csv"], r"--stats .*o\.csv is also --out"),
]


@pytest.mark.parametrize("argv, message", CASES, ids=["out", "out by another path", "pairs", "overrides", "twice"])
def test_an_output_that_is_an_input_is_refused_and_the_input_kept(files, capsys, monkeypatch, argv, message):
    monkeypatch.chdir(files)
    (files / "sub").mkdir()
    before = {p.name: p.read_bytes() for p in files.iterdir() if p.is_file()}
    assert main(["dedup", *argv, "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("litcurate dedup: error: ") and len(err.strip().splitlines()) == 1
    assert re.search(message, err), err
    assert {p.name: p.read_bytes() for p in files.iterdir() if p.is_file()} == before


def test_an_output_linked_to_the_input_is_refused(files, capsys, monkeypatch):
    monkeypatch.chdir(files)
    os.symlink("x.csv", "link.csv")
    assert main(["dedup", "x.csv", "--out", "link.csv", "--quiet"]) == 2
    assert "is the input IN" in capsys.readouterr().err
    assert (files / "x.csv").read_text() == CSV
