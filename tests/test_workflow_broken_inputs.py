"""The real workflow on deliberately broken inputs: the right error and no partial outputs."""

from __future__ import annotations

import pytest

from conftest import copy_project, run_snakemake
from fixtures.bad_pdfs import write_corrupt_pdf, write_scanned_pdf


def _output(result) -> str:
    return result.stdout + result.stderr


@pytest.mark.parametrize("writer, message", [(write_corrupt_pdf, "not a readable PDF"), (write_scanned_pdf, "scanned")])
def test_a_bad_pdf_fails_its_review_only(tmp_path, writer, message):
    workdir = copy_project(tmp_path)
    writer(workdir / "resources/reviews/maher2017.pdf")
    result = run_snakemake(workdir, "--cores", "2", "--keep-going")
    assert result.returncode != 0
    log = (workdir / "logs/extract/maher2017.log").read_text()
    assert "maher2017.pdf" in log and message in log
    assert not (workdir / "results/extract/maher2017/references.csv").exists()
    for other in ("cohen2018", "lii2023", "orhurhu2019", "zhao2018"):
        assert (workdir / f"results/extract/{other}/studies.csv").is_file(), other
    # nothing downstream pretends to be complete without the failed review
    assert not (workdir / "results/link").exists()
    assert not (workdir / "results/dataset").exists()


def test_a_missing_pdf_is_named_before_anything_runs(tmp_path):
    workdir = copy_project(tmp_path)
    (workdir / "resources/reviews/lii2023.pdf").unlink()
    result = run_snakemake(workdir, "--cores", "1")
    assert result.returncode != 0
    assert "config/reviews.tsv, line 3: PDF for review 'lii2023' not found: resources/reviews/lii2023.pdf" in _output(
        result
    )
    assert not (workdir / "results").exists()


def test_a_schema_violation_stops_the_step_naming_file_row_and_check(tmp_path):
    workdir = copy_project(tmp_path)
    with open(workdir / "config/screening.tsv", "a") as decisions:
        decisions.write("pmid:10965008\tfull_text\tmaybe\t\tdemo\t2026-11-22\n")
    result = run_snakemake(workdir, "--cores", "2")
    output = _output(result)
    assert result.returncode != 0
    assert "config/screening.tsv" in output
    assert "column decision: check isin" in output and "'maybe'" in output
    assert not (workdir / "results/screen").exists()
    assert not (workdir / "results/prisma").exists()


def test_an_interrupted_run_resumes_to_the_same_result(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    from conftest import REPO

    workdir = copy_project(tmp_path)
    cmd = [sys.executable, "-m", "snakemake", "-s", str(REPO / "Snakefile"), "-d", str(workdir), "--cores", "1"]
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while not list((workdir / "results/extract").glob("*/studies.csv")) and time.time() < deadline:
        time.sleep(0.2)
    process.send_signal(signal.SIGINT)  # Ctrl-C, or the scheduler's stop signal
    process.wait(timeout=120)
    resumed = run_snakemake(workdir, "--cores", "2", "--rerun-incomplete")
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    clean = copy_project(tmp_path / "clean")
    assert run_snakemake(clean, "--cores", "2").returncode == 0
    for name in ("results/dataset/studies.csv", "results/prisma/flow.json", "results/link/review_rows.csv"):
        assert (workdir / name).read_bytes() == (clean / name).read_bytes(), name
