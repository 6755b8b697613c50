"""The real workflow on deliberately broken inputs: the right error, no partial outputs, and a
changed input reruns only the steps it affects (on a copy of the finished demo project)."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time

import pytest

from conftest import REPO, WORKFLOW_TIMEOUT, copy_project, jobs_run, run_snakemake
from fixtures.bad_pdfs import write_corrupt_pdf, write_scanned_pdf

OTHER_REVIEWS = ("cohen2018", "lii2023", "orhurhu2019", "zhao2018")


def _output(result) -> str:
    return result.stdout + result.stderr


def _mtimes(folder) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("writer, message", [(write_corrupt_pdf, "not a readable PDF"), (write_scanned_pdf, "scanned")])
def test_a_bad_pdf_fails_its_review_only(demo_copy, writer, message):
    # A project whose four other reviews are extracted; maher2017's PDF is replaced by a bad one.
    results = demo_copy / "results"
    for path in results.iterdir():
        if path.name != "extract":
            shutil.rmtree(path)
    shutil.rmtree(results / "extract/maher2017")
    before = {review: _mtimes(results / "extract" / review) for review in OTHER_REVIEWS}
    writer(demo_copy / "resources/reviews/maher2017.pdf")

    result = run_snakemake(demo_copy, "--cores", "2", "--keep-going")
    assert result.returncode != 0
    jobs = jobs_run(result)
    assert jobs["extract"] == 1 and jobs["harmonise"] == 1, jobs  # only maher2017's steps were scheduled
    log = (demo_copy / "logs/extract/maher2017.log").read_text()
    assert "maher2017.pdf" in log and message in log
    assert not (results / "extract/maher2017/references.csv").exists()
    assert {review: _mtimes(results / "extract" / review) for review in OTHER_REVIEWS} == before
    # nothing downstream pretends to be complete without the failed review
    for stage in ("link", "screen", "dataset", "prisma"):
        assert not (results / stage).exists(), stage


def test_a_missing_pdf_is_named_before_anything_runs(tmp_path):
    workdir = copy_project(tmp_path)
    (workdir / "resources/reviews/lii2023.pdf").unlink()
    result = run_snakemake(workdir, "--cores", "1")
    assert result.returncode != 0
    assert "config/reviews.tsv, line 3: PDF for review 'lii2023' not found: resources/reviews/lii2023.pdf" in _output(
        result
    )
    assert not (workdir / "results").exists()


def test_a_schema_violation_stops_the_step_naming_file_row_and_check(demo_copy):
    for stage in ("screen", "prisma", "dataset", "qc"):
        shutil.rmtree(demo_copy / "results" / stage)
    with open(demo_copy / "config/screening.tsv", "a") as decisions:
        decisions.write("pmid:10965008\tfull_text\tmaybe\t\tdemo\t2026-11-22\n")
    result = run_snakemake(demo_copy, "--cores", "2")
    output = _output(result)
    assert result.returncode != 0
    # only the steps after screening were scheduled: extraction and linking stand
    assert jobs_run(result) == {"screen": 1, "dataset": 1, "prisma": 1, "qc": 1}
    assert "config/screening.tsv" in output
    assert "column decision: check isin" in output and "'maybe'" in output
    assert not (demo_copy / "results/screen").exists()
    assert not (demo_copy / "results/prisma").exists()


def test_a_changed_decision_reruns_only_screening_and_after(demo_copy):
    before = _mtimes(demo_copy / "results")
    with open(demo_copy / "config/screening.tsv", "a") as decisions:
        decisions.write("pmid:32243301\tfull_text\texclude\tcase report\tdemo\t2026-11-22\n")
    # each job a process of its own, as under `make run` (the suite's other runs use threads)
    result = run_snakemake(demo_copy, "--cores", "2", processes=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert jobs_run(result) == {"screen": 1, "dataset": 1, "prisma": 1, "qc": 1}
    after = _mtimes(demo_copy / "results")
    changed = {name.split("/")[0] for name in after if after[name] != before.get(name)}
    assert changed == {"screen", "dataset", "prisma", "qc"}
    flow = json.loads((demo_copy / "results/prisma/flow.json").read_text())
    # Kirkpatrick 2020 leaves "awaiting" (2 -> 1) for "excluded: case report" (0 -> 1).
    assert flow["databases"]["reports_awaiting_decision"] == 1
    assert flow["databases"]["reports_excluded"] == {"case report": 1}
    assert flow["databases"]["reports_included"] == 9 and flow["included"]["reports"] == 40


def test_an_interrupted_run_resumes_to_the_same_result(demo_copy, demo_run):
    """Ctrl-C while two reviews are being extracted, then --rerun-incomplete: every output equals
    the uninterrupted demo run byte for byte (so a rerun of every step after extraction, and of
    those two extractions, gives identical files)."""
    workdir = demo_copy
    results = workdir / "results"
    for path in results.iterdir():
        if path.name != "extract":
            shutil.rmtree(path)
    redone = ("orhurhu2019", "zhao2018")
    for review in redone:
        shutil.rmtree(results / "extract" / review)
    cmd = [sys.executable, "-m", "snakemake", "-s", str(REPO / "Snakefile"), "-d", str(workdir), "--cores", "1"]
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + WORKFLOW_TIMEOUT  # a safety net only: it stops as soon as one review is done
    while time.monotonic() < deadline and process.poll() is None:
        if any((results / "extract" / review / "studies.csv").exists() for review in redone):
            break
        time.sleep(0.2)
    process.send_signal(signal.SIGINT)  # Ctrl-C, or the scheduler's stop signal
    process.wait(timeout=WORKFLOW_TIMEOUT)
    resumed = run_snakemake(workdir, "--cores", "2", "--rerun-incomplete")
    assert resumed.returncode == 0, resumed.stderr[-3000:]

    first = sorted(p.relative_to(demo_run) for p in (demo_run / "results").rglob("*") if p.is_file())
    second = sorted(p.relative_to(workdir) for p in (workdir / "results").rglob("*") if p.is_file())
    assert first == second
    assert {
        "results/prisma/flow.png",
        "results/prisma/flow.csv",
        "results/dataset/outcomes.csv",
        "results/qc/warnings.csv",
    } <= {str(p) for p in first}
    different = [str(p) for p in first if (demo_run / p).read_bytes() != (workdir / p).read_bytes()]
    assert different == []
