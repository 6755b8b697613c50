"""``litcurate extract PDF``: the summary a user tunes hints with, and the files it can write."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd

from conftest import REPO

PDF = REPO / "resources" / "reviews" / "zhao2018.pdf"


def _extract(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "litcurate.cli", "extract", *args], capture_output=True, text=True, timeout=600
    )


def test_summary_names_the_table_its_rows_and_the_references(tmp_path):
    done = _extract(str(PDF), "--outdir", str(tmp_path))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("zhao2018.pdf: ")
    # zhao2018's Table 1 prints 15 study rows and 16 columns (resources/facts/zhao2018.yaml).
    assert any(ln.strip().startswith("table table1 ") and "15 study rows x 16 columns" in ln for ln in lines)
    assert "label column 'Study'" in done.stdout
    table = pd.read_csv(tmp_path / "tables" / "table1.csv")
    assert len(table) == 15 and table.loc[0, "_label"] == "Correl, G et al"
    assert (tmp_path / "report.json").is_file() and (tmp_path / "extract_warnings.csv").is_file()


def test_pages_without_the_table_say_so_and_exit_1():
    done = _extract(str(PDF), "--pages", "1")
    assert done.returncode == 1
    assert "no study table found: try --pages" in done.stdout


def test_a_bad_pages_hint_is_refused_by_name():
    done = _extract(str(PDF), "--pages", "4-x")
    assert done.returncode == 2
    assert "litcurate extract: error:" in done.stderr and "--pages" in done.stderr
