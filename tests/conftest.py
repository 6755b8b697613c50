"""Shared test helpers: where the repository is and how to run the real workflow.

The demo workflow runs once per test session (:func:`demo_run`); tests that only read its
results use that folder, tests that change one input work on a copy of it (:func:`demo_copy`)
so Snakemake reruns only the steps the change affects. Under pytest-xdist (``make test``:
``--dist loadfile``) the workers share the one run through a file lock: the first to need it
runs it, the others wait for it.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# A safety net against a hung workflow, never a speed requirement: a busy machine must not fail a test.
WORKFLOW_TIMEOUT = 3600


def _shared_folder() -> Path:
    """The workplace's shared folder (real review PDFs, labelled benchmarks): beside the
    checkout, or where LITCURATE_SHARED points when the clone lives elsewhere."""
    if os.environ.get("LITCURATE_SHARED"):
        return Path(os.environ["LITCURATE_SHARED"])
    return REPO.parent / "shared"


SHARED = _shared_folder()
ON_CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def require_shared(path: Path, what: str) -> None:
    """Skip a test whose ``../shared`` material is missing; in CI (``CI=true``) fail instead."""
    if path.exists():
        return
    message = f"{what} not found at {path} (set LITCURATE_SHARED)"
    if ON_CI:
        pytest.fail(f"CI=true but {message}", pytrace=False)
    pytest.skip(message)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """With CI=true, any test skipped because something under ../shared is missing fails instead.

    This covers ``skipif`` marks and ``pytest.skip`` calls alike, as long as the reason names the
    missing path (every such skip in this suite does).
    """
    outcome = yield
    report = outcome.get_result()
    if not (ON_CI and report.skipped and isinstance(report.longrepr, tuple)):
        return
    reason = str(report.longrepr[2]).removeprefix("Skipped: ")
    if str(SHARED) in reason:
        report.outcome = "failed"
        report.longrepr = f"CI=true but ../shared material is missing: {reason}"


WORKFLOW_FIXTURES = {"demo_run", "demo_copy"}


SNAKEMAKE_PROFILE = Path(__file__).parent / "snakemake_profile"


def pytest_configure(config):
    config.addinivalue_line("markers", "workflow: runs the real Snakemake workflow or reads the session's demo run")
    # Every Snakemake the tests start (directly or through `litcurate nightly`) reads this profile.
    os.environ["SNAKEMAKE_PROFILE"] = str(SNAKEMAKE_PROFILE)


def pytest_collection_modifyitems(config, items):
    """Mark every workflow test (``-m "not workflow"`` runs the unit tests alone)."""
    for item in items:
        if item.path.name.startswith("test_workflow_") or WORKFLOW_FIXTURES & set(item.fixturenames):
            item.add_marker(pytest.mark.workflow)


def copy_project(dest: Path) -> Path:
    """A fresh project folder holding the demo's config and resources (not results)."""
    for name in ("config", "resources"):
        shutil.copytree(REPO / name, dest / name)
    return dest


def run_snakemake(
    workdir: Path, *args: str, timeout: int = WORKFLOW_TIMEOUT, processes: bool = False
) -> subprocess.CompletedProcess:
    """Snakemake on ``workdir``; with ``processes`` its jobs are spawned processes, as under
    ``make run``, without the suite's profile (jobs in threads, see tests/snakemake_profile)."""
    cmd = [sys.executable, "-m", "snakemake", "-s", str(REPO / "Snakefile"), "-d", str(workdir), *args]
    env = {k: v for k, v in os.environ.items() if not (processes and k == "SNAKEMAKE_PROFILE")}
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)


def jobs_run(result: subprocess.CompletedProcess) -> dict[str, int]:
    """Snakemake's 'Job stats' table of a run: rule -> number of jobs it scheduled (no 'all'/'total')."""
    text = result.stdout + result.stderr
    start = text.find("Job stats:")
    if start < 0:
        return {}
    jobs = {}
    for line in text[start:].splitlines()[3:]:
        match = re.fullmatch(r"(\w+)\s+(\d+)", line.strip())
        if not match:
            break
        jobs[match.group(1)] = int(match.group(2))
    jobs.pop("all", None)
    jobs.pop("total", None)
    return jobs


def _session_root(tmp_path_factory) -> Path:
    """A folder shared by every xdist worker of this session (the session's own base otherwise)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory) -> Path:
    """The demo workflow, run once for the whole session; tests only read its results."""
    root = _session_root(tmp_path_factory)
    workdir, failed = root / "demo_run", root / "demo_run.failed"
    with open(root / "demo_run.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the first worker runs it, the others wait and reuse it
        if not (workdir / "results").is_dir() and not failed.exists():
            copy_project(workdir)
            result = run_snakemake(workdir, "--cores", "2")
            if result.returncode != 0:
                failed.write_text(result.stderr[-6000:])
    if failed.exists():
        pytest.fail(f"demo workflow failed:\n{failed.read_text()}")
    return workdir


def copy_finished_demo(demo_run: Path, dest: Path) -> Path:
    """Copy the finished demo project (results and Snakemake's records, times kept) to ``dest``."""
    shutil.copytree(demo_run, dest, symlinks=True, ignore=shutil.ignore_patterns("log", "locks"))
    return dest


@pytest.fixture
def demo_copy(demo_run, tmp_path) -> Path:
    """A copy of the finished demo project to change and rerun (only the affected steps run again)."""
    return copy_finished_demo(demo_run, tmp_path / "project")
