"""Shared test helpers: where the repository is and how to run the real workflow."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _shared_folder() -> Path:
    """The workplace's shared folder (real review PDFs, labelled benchmarks): beside the
    checkout, or where LITCURATE_SHARED points when the clone lives elsewhere."""
    if os.environ.get("LITCURATE_SHARED"):
        return Path(os.environ["LITCURATE_SHARED"])
    return REPO.parent / "shared"


SHARED = _shared_folder()


def copy_project(dest: Path) -> Path:
    """A fresh project folder holding the demo's config and resources (not results)."""
    for name in ("config", "resources"):
        shutil.copytree(REPO / name, dest / name)
    return dest


def run_snakemake(workdir: Path, *args: str, timeout: int = 900) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "snakemake", "-s", str(REPO / "Snakefile"), "-d", str(workdir), *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory) -> Path:
    """The demo workflow run once for the whole session; tests read its results."""
    workdir = copy_project(tmp_path_factory.mktemp("demo"))
    result = run_snakemake(workdir, "--cores", "2")
    if result.returncode != 0:
        pytest.fail(f"demo workflow failed:\n{result.stderr[-6000:]}")
    return workdir
