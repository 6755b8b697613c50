"""With CI=true a test whose ../shared material is missing fails; on a developer's clone it is skipped."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from conftest import REPO

PROBE = """
import pytest
from conftest import SHARED, require_shared

MISSING = SHARED / "benchmarks" / "nothing-here"


@pytest.mark.skipif(not MISSING.exists(), reason=f"labelled sets not present at {MISSING}")
def test_marked_skip():
    pass


def test_required_in_the_body():
    require_shared(MISSING, "labelled sets")


def test_unrelated_skip():
    pytest.skip("no Unicode TTF installed")
"""


def _run_probe(tmp_path, ci: str | None) -> str:
    shutil.copy(REPO / "tests/conftest.py", tmp_path / "conftest.py")
    (tmp_path / "test_probe.py").write_text(PROBE)
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "PYTEST_XDIST_WORKER", "PYTEST_ADDOPTS")}
    env["LITCURATE_SHARED"] = str(tmp_path / "no-shared-folder")
    if ci is not None:
        env["CI"] = ci
    cmd = [sys.executable, "-m", "pytest", "-q", "-rfs", "-p", "no:cacheprovider", "-p", "no:xdist", str(tmp_path)]
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path, env=env, timeout=600)
    return result.stdout + result.stderr


@pytest.mark.parametrize("ci", ["true", "1"])
def test_in_ci_missing_shared_fails(tmp_path, ci):
    output = _run_probe(tmp_path, ci)
    # a skipif mark fails in setup (an error), a require_shared call in the test (a failure)
    assert "1 failed, 1 skipped, 1 error" in output, output
    assert "CI=true but ../shared material is missing: labelled sets not present at" in output
    assert "CI=true but labelled sets not found at" in output


@pytest.mark.parametrize("ci", [None, "false"])
def test_outside_ci_missing_shared_skips(tmp_path, ci):
    output = _run_probe(tmp_path, ci)
    assert "3 skipped" in output, output
