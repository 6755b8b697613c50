"""``publish --label`` and ``nightly --snakefile`` through the command line, on the session's demo run."""

from __future__ import annotations

import shutil

from conftest import REPO
from litcurate.cli import main


def test_publish_label_names_the_version_and_a_bad_label_changes_nothing(demo_run, tmp_path, capsys):
    results = shutil.copytree(demo_run / "results", tmp_path / "results")
    published = tmp_path / "published"
    base = ["publish", "--results", str(results), "--published", str(published)]
    assert main(base + ["--label", "spring-2026"]) == 0
    assert capsys.readouterr().out.startswith(f"published {published / 'versions' / 'spring-2026'}")
    assert (published / "current").resolve() == (published / "versions" / "spring-2026").resolve()
    assert (published / "versions/spring-2026/dataset/studies.csv").read_bytes() == (
        results / "dataset/studies.csv"
    ).read_bytes()
    assert "## spring-2026" in (published / "CHANGELOG.md").read_text()

    before = sorted(p.relative_to(published) for p in published.rglob("*"))
    assert main(base + ["--label", "../escape"]) != 0
    assert "label" in capsys.readouterr().err
    assert sorted(p.relative_to(published) for p in published.rglob("*")) == before
    assert not (tmp_path / "escape").exists()


def test_nightly_runs_the_snakefile_it_is_given(demo_copy, tmp_path, capsys):
    custom = tmp_path / "custom" / "Snakefile"
    custom.parent.mkdir()
    custom.write_text(
        "from pathlib import Path\n\n"
        f'include: "{REPO / "Snakefile"}"\n\n'
        "onsuccess:\n"
        '    Path("ran-the-custom-snakefile").write_text("yes")\n'
    )
    published = tmp_path / "published"
    code = main(
        [
            "nightly",
            "--configfile",
            str(demo_copy / "config/config.yaml"),
            "--published",
            str(published),
            "--directory",
            str(demo_copy),
            "--snakefile",
            str(custom),
            "--cores",
            "2",
        ]
    )
    err = capsys.readouterr().err
    assert code == 0, err[-3000:]
    assert f"--snakefile {custom}" in err
    assert (demo_copy / "ran-the-custom-snakefile").read_text() == "yes"
    assert (published / "current/dataset/studies.csv").read_bytes() == (
        demo_copy / "results/dataset/studies.csv"
    ).read_bytes()


def test_nightly_with_a_missing_snakefile_publishes_nothing(demo_copy, tmp_path, capsys):
    published = tmp_path / "published"
    missing = tmp_path / "nowhere" / "Snakefile"
    code = main(
        [
            "nightly",
            "--configfile",
            str(demo_copy / "config/config.yaml"),
            "--published",
            str(published),
            "--directory",
            str(demo_copy),
            "--snakefile",
            str(missing),
        ]
    )
    assert code == 1
    err = capsys.readouterr().err
    assert "workflow failed" in err and "nothing published" in err
    assert not (published / "current").exists()
