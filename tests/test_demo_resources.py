"""``make demo-resources`` rebuilds the committed demo inputs byte for byte from resources/facts."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO

REBUILT = ["resources/reviews", "resources/pubmed"]


def test_make_demo_resources_reproduces_the_committed_files(tmp_path):
    clone = tmp_path / "clone"
    clone.mkdir()
    for name in ("Makefile", "pyproject.toml", "requirements.lock"):
        shutil.copy2(REPO / name, clone / name)
    for folder in ("config", "resources/facts", "tests/fixtures"):
        shutil.copytree(REPO / folder, clone / folder, ignore=shutil.ignore_patterns("__pycache__"))
    venv = Path(sys.executable).parent.parent
    # This interpreter's environment stands in for .venv; -o: never (re)install it from here.
    result = subprocess.run(
        ["make", "-C", str(clone), f"VENV={venv}", "-o", f"{venv}/.installed", "demo-resources"],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    for folder in REBUILT:
        committed = sorted(p.relative_to(REPO) for p in (REPO / folder).iterdir())
        rebuilt = sorted(p.relative_to(clone) for p in (clone / folder).iterdir())
        assert rebuilt == committed
        different = [str(p) for p in committed if (REPO / p).read_bytes() != (clone / p).read_bytes()]
        assert different == []
