"""Publishing runs as versions (publish) and the nightly job (nightly), on a real demo run."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from conftest import copy_project
from litcurate.cli import main
from litcurate.errors import PublishError
from litcurate.io import read_csv, write_csv
from litcurate.publish import checks as publish_checks
from litcurate.publish import install as publish_install
from litcurate.publish.nightly import failure_reason
from litcurate.publish.step import publish, publish_run

SYNTHETIC_RECORD = "synthetic:publish-test-1"


@pytest.fixture
def results(demo_run, tmp_path) -> Path:
    """A private copy of the demo run's results, free to be edited by the test."""
    return Path(shutil.copytree(demo_run / "results", tmp_path / "results"))


@pytest.fixture
def published(tmp_path) -> Path:
    return tmp_path / "published"


def tree(folder: Path) -> dict[str, str]:
    """Every entry under ``folder`` (hidden ones too): file hash, symlink target or 'dir'."""
    out = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root) / name
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                out[rel] = "-> " + os.readlink(path)
            elif path.is_dir():
                out[rel] = "dir"
            else:
                out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def run_date(results: Path) -> str:
    return json.loads((results / "search/search_log.json").read_text())["run_timestamp"][:10]


def changes_of(version: Path) -> dict:
    return json.loads((version / "changes.json").read_text())


def edit_results(results: Path) -> dict:
    """One changed study value and one added (synthetic) record excluded at screening,
    with the PRISMA flow updated so it still adds up. Returns the study change made."""
    studies = read_csv(results / "dataset/studies.csv")
    row = studies["n_randomised"].first_valid_index()
    old = studies.at[row, "n_randomised"]
    studies.at[row, "n_randomised"] = str(int(old) + 1)
    write_csv(results / "dataset/studies.csv", studies)

    records = read_csv(results / "records/all.csv")
    added = pd.DataFrame(
        [{"record_id": SYNTHETIC_RECORD, "database": "Synthetic", "title": "synthetic record for the publish tests"}],
        columns=records.columns,
    )
    write_csv(results / "records/all.csv", pd.concat([records, added], ignore_index=True))
    screened = read_csv(results / "screen/records.csv")
    reason = "synthetic record for the publish tests"
    screened_row = {"record_id": SYNTHETIC_RECORD, "database": "Synthetic", "publication_id": "synthetic-1"}
    screened_row |= {"decision": "exclude", "reason": reason, "reviewer": "test", "date": "2024-01-01"}
    added_screened = pd.DataFrame([screened_row], columns=screened.columns)
    write_csv(results / "screen/records.csv", pd.concat([screened, added_screened], ignore_index=True))

    flow = json.loads((results / "prisma/flow.json").read_text())
    db = flow["databases"]
    db["records_identified"]["Synthetic"] = 1
    for key in ("records_identified_total", "records_screened", "records_excluded"):
        db[key] += 1
    db["records_excluded_reasons"][reason] = db["records_excluded_reasons"].get(reason, 0) + 1
    (results / "prisma/flow.json").write_text(json.dumps(flow, indent=2, sort_keys=True) + "\n")
    return {"study_id": studies.at[row, "study_id"], "field": "n_randomised", "old": old, "new": str(int(old) + 1)}


def test_first_publication_copies_the_run_and_lists_everything_as_new(results, published):
    version = publish(results, published)
    date = run_date(results)
    assert version == published / "versions" / date
    assert os.readlink(published / "current") == f"versions/{date}"
    for rel in publish_checks.REQUIRED:
        assert (published / "current" / rel).read_bytes() == (results / rel).read_bytes(), rel
    manifest = json.loads((version / "manifest.json").read_text())
    present = [rel for rel in publish_checks.OPTIONAL if (results / rel).is_file()]
    assert sorted(manifest["files"]) == sorted([*publish_checks.REQUIRED, *present])
    assert (
        manifest["files"]["dataset/studies.csv"]["sha256"]
        == hashlib.sha256((results / "dataset/studies.csv").read_bytes()).hexdigest()
    )

    changes = changes_of(version)
    records = pd.read_csv(results / "records/all.csv", dtype=str)
    studies = pd.read_csv(results / "dataset/studies.csv", dtype=str)
    flow = json.loads((results / "prisma/flow.json").read_text())
    assert changes["previous"] is None
    assert changes["records"] == {"new": sorted(records["record_id"]), "removed": []}
    assert changes["studies"] == {"new": sorted(studies["study_id"]), "removed": [], "changed": []}
    prisma = {c["count"]: c for c in changes["prisma"]}
    assert prisma["included.studies"] == {"count": "included.studies", "old": None, "new": flow["included"]["studies"]}
    assert all(c["old"] is None for c in changes["prisma"])
    changelog = (published / "CHANGELOG.md").read_text()
    assert f"\n## {date}\n" in changelog and "first publication" in changelog


def test_publishing_the_same_results_again_changes_nothing(results, published):
    first = publish(results, published)
    before = tree(published)
    again = publish_run(results, published)
    assert again.status == "unchanged" and again.path == first and again.changes is None
    assert tree(published) == before


def test_changed_value_and_new_record_make_a_new_version_with_its_changelog(results, published):
    first = publish(results, published)
    old_version = tree(first)
    study_change = edit_results(results)

    publication = publish_run(results, published)
    date = run_date(results)
    assert publication.status == "published"
    assert publication.path == published / "versions" / f"{date}-2"
    assert os.readlink(published / "current") == f"versions/{date}-2"
    assert tree(first) == old_version

    changes = changes_of(publication.path)
    assert changes["previous"] == date and changes["label"] == f"{date}-2"
    assert changes["records"] == {"new": [SYNTHETIC_RECORD], "removed": []}
    assert changes["studies"] == {"new": [], "removed": [], "changed": [study_change]}
    prisma = {c["count"]: (c["old"], c["new"]) for c in changes["prisma"]}
    screened = json.loads((first / "prisma/flow.json").read_text())["databases"]["records_screened"]
    assert prisma["databases.records_identified.Synthetic"] == (None, 1)
    assert prisma["databases.records_screened"] == (screened, screened + 1)
    assert "included.studies" not in prisma
    assert changes["files"]["changed"] == ["dataset/studies.csv", "prisma/flow.json", "records/all.csv"]

    changelog = (published / "CHANGELOG.md").read_text()
    assert changelog.index(f"\n## {date}\n") < changelog.index(f"\n## {date}-2\n")
    assert f"- {SYNTHETIC_RECORD}\n" in changelog
    c = study_change
    assert f"- {c['study_id']} n_randomised: {c['old']} -> {c['new']}\n" in changelog


def _remove_conflicts(results: Path) -> None:
    (results / "dataset/conflicts.csv").unlink()


def _break_flow(results: Path) -> None:
    path = results / "prisma/flow.json"
    flow = json.loads(path.read_text())
    flow["databases"]["records_screened"] += 1
    path.write_text(json.dumps(flow))


def _break_studies_schema(results: Path) -> None:
    studies = read_csv(results / "dataset/studies.csv")
    studies.loc[0, "year"] = "in press"
    write_csv(results / "dataset/studies.csv", studies)


BREAKERS = [
    (_remove_conflicts, r"missing: .*dataset/conflicts\.csv"),
    (_break_flow, r"flow\.json: PRISMA counts do not add up: screened"),
    (_break_studies_schema, r"(?s)studies\.csv: .*row 1, column year"),
]


@pytest.mark.parametrize("breaker, message", BREAKERS, ids=["missing file", "flow arithmetic", "studies schema"])
def test_an_incomplete_or_invalid_run_is_refused_and_nothing_changes(results, published, breaker, message):
    publish(results, published)
    edit_results(results)  # so that only the breakage stands between the run and a new version
    breaker(results)
    before = tree(published)
    with pytest.raises(PublishError, match=message):
        publish(results, published)
    assert tree(published) == before


def test_a_refused_first_publication_creates_nothing(results, published):
    _break_flow(results)
    with pytest.raises(PublishError):
        publish(results, published)
    assert not published.exists()


def _fail_switch(real):
    def replace(src, dst, *args, **kwargs):
        if Path(dst).name == "current":
            raise OSError("simulated crash before switching current")
        return real(src, dst, *args, **kwargs)

    return replace


def _fail_always(real):
    def replace(src, dst, *args, **kwargs):
        raise OSError("simulated crash")

    return replace


@pytest.mark.parametrize(
    "function, fault",
    [("replace", _fail_switch), ("replace", _fail_always), ("rename", _fail_always)],
    ids=["switch", "while building", "moving into versions"],
)
def test_a_crash_before_the_switch_leaves_the_old_version_current(results, published, monkeypatch, function, fault):
    first = publish(results, published)
    edit_results(results)
    before = tree(published)
    monkeypatch.setattr(os, function, fault(getattr(os, function)))
    with pytest.raises(PublishError, match="left as it was"):
        publish(results, published)
    monkeypatch.undo()

    assert tree(published) == before
    assert (published / "current").resolve() == first.resolve()
    assert [p.name for p in (published / "versions").iterdir()] == [first.name]
    assert not [p for p in published.iterdir() if p.name.startswith(".")]
    # Nothing left behind blocks the next publication.
    assert publish_run(results, published).status == "published"


def test_a_changelog_entry_lost_after_the_switch_is_added_next_time(results, published, monkeypatch):
    warnings = results / "qc/warnings.csv"
    content = warnings.read_bytes() if warnings.is_file() else b"stage,message\nlink,synthetic warning\n"
    warnings.unlink(missing_ok=True)
    first = publish(results, published)
    edit_results(results)
    real_write = publish_install.write_text

    def write_text(path, text):
        if Path(path).name == "CHANGELOG.md":
            raise OSError("disk full")
        return real_write(path, text)

    monkeypatch.setattr(publish_install, "write_text", write_text)
    with pytest.raises(PublishError, match="could not update .*CHANGELOG.md"):
        publish(results, published)
    monkeypatch.undo()
    second = (published / "current").resolve()
    assert second != first.resolve()
    assert f"## {second.name}\n" not in (published / "CHANGELOG.md").read_text()

    warnings.parent.mkdir(exist_ok=True)
    warnings.write_bytes(content)
    third = publish(results, published)
    changelog = (published / "CHANGELOG.md").read_text()
    headings = [line for line in changelog.splitlines() if line.startswith("## ")]
    assert headings == [f"## {first.name}", f"## {second.name}", f"## {third.name}"]
    assert changes_of(third)["files"] == {"added": ["qc/warnings.csv"], "changed": [], "removed": []}


def test_explicit_labels(results, published):
    assert publish(results, published, label="v1") == published / "versions" / "v1"
    edit_results(results)
    before = tree(published)
    with pytest.raises(PublishError, match="already exists"):
        publish(results, published, label="v1")
    with pytest.raises(PublishError, match="label"):
        publish(results, published, label="../v2")
    assert tree(published) == before


def test_publish_command(results, published, capsys):
    args = ["publish", "--results", str(results), "--published", str(published)]
    assert main(args) == 0
    assert capsys.readouterr().out.startswith(f"published {published / 'versions'}")
    assert main(args) == 0
    assert capsys.readouterr().out.startswith("unchanged: ")
    _break_flow(results)
    edit_results(results)
    assert main(args) == 1
    assert "do not add up" in capsys.readouterr().err


def test_nightly_publishes_a_good_run_and_a_failed_night_keeps_current(demo_copy, tmp_path, capsys):
    project = demo_copy  # the finished demo: the night reruns the search and what follows it
    published = tmp_path / "published"
    base = ["nightly", "--published", str(published), "--directory", str(project), "--cores", "2"]

    assert main(base + ["--configfile", str(project / "config/config.yaml")]) == 0
    version = published / "current"
    assert (version / "dataset/studies.csv").read_bytes() == (project / "results/dataset/studies.csv").read_bytes()
    err = capsys.readouterr().err
    assert "--forcerun search" in err and "published " in err

    sheet = (project / "config/reviews.tsv").read_text().replace("zhao2018.pdf", "zhao2018-missing.pdf")
    (project / "config/missing_pdf.tsv").write_text(sheet)
    config = (project / "config/config.yaml").read_text().replace("config/reviews.tsv", "config/missing_pdf.tsv")
    (project / "config/missing_pdf.yaml").write_text(config)
    before = tree(published)
    assert main(base + ["--configfile", str(project / "config/missing_pdf.yaml")]) == 1
    assert tree(published) == before
    err = capsys.readouterr().err
    assert "workflow failed" in err and "zhao2018-missing.pdf" in err and "nothing published" in err

    # A night whose search step fails: Snakemake deletes the search's outputs (--forcerun search
    # removes them before the step runs), yet the working results/ of the last good run stay whole.
    good_results = tree(project / "results")
    config = (project / "config/config.yaml").read_text().replace("CRPS* OR", "CRPS OR")
    (project / "config/other_query.yaml").write_text(config)
    assert main(base + ["--configfile", str(project / "config/other_query.yaml")]) == 1
    err = capsys.readouterr().err
    assert "workflow failed" in err and "different query" in err
    assert tree(published) == before
    assert tree(project / "results") == good_results
    assert not (project / ".nightly/results").exists()
    failed = project / ".nightly/failed-results"
    assert failed.is_dir()
    assert not any((failed / "search" / name).exists() for name in ("pubmed.xml", "pubmed_log.json", "records.csv"))


def test_failure_reason_follows_snakemake_error_lines_to_the_message():
    lines = [
        "Building DAG of jobs...",
        "RuleException:",
        'ValueError in file "rules/x.smk", line 3:',
        "PRISMA counts do not add up",
        '  File "x.py", line 1',
    ]
    assert failure_reason(lines, 1) == (
        'RuleException: ValueError in file "rules/x.smk", line 3: PRISMA counts do not add up'
    )
    assert failure_reason(["Killed"], 137) == "snakemake exited with code 137"


# --- a run still being written is never published --------------------------------------------
# The project folder of the `results` fixture is its parent (tmp_path), where Snakemake keeps
# .snakemake/. Markers are written as Snakemake 9 writes them (persistence/file.py): a lock file
# listing the paths the running workflow holds, an incomplete marker named by the urlsafe base64
# of the output's path.


def _hold_lock(project: Path) -> Path:
    lock = project / ".snakemake/locks/0.output.lock"
    lock.parent.mkdir(parents=True)
    lock.write_text(f"{project / 'results/dataset/studies.csv'}\n{project / 'results/prisma/flow.json'}\n")
    return lock


def _mark_incomplete(project: Path) -> Path:
    name = base64.urlsafe_b64encode(b"results/dataset/studies.csv").decode()
    marker = project / ".snakemake/incomplete" / name
    marker.parent.mkdir(parents=True)
    marker.write_text('{"external_jobid": null}')
    return marker


def test_a_run_holding_the_workflow_lock_is_not_published(results, published):
    lock = _hold_lock(results.parent)
    with pytest.raises(PublishError, match=rf"workflow is running in {results.parent}.*{lock}"):
        publish(results, published)
    assert not published.exists()
    lock.unlink()
    assert publish_run(results, published).status == "published"


def test_a_run_with_an_incomplete_output_is_not_published(results, published):
    publish(results, published)
    edit_results(results)
    before = tree(published)
    marker = _mark_incomplete(results.parent)
    with pytest.raises(PublishError, match=r"incomplete.*results/dataset/studies\.csv.*--rerun-incomplete"):
        publish(results, published)
    assert tree(published) == before
    marker.unlink()
    assert publish_run(results, published).status == "published"


def _one_study_too_many(results: Path) -> None:
    """studies.csv rewritten by a run still going while flow.json is the last run's (37 vs 38)."""
    studies = read_csv(results / "dataset/studies.csv")
    extra = studies.iloc[[0]].assign(study_id="synthetic1")
    write_csv(results / "dataset/studies.csv", pd.concat([studies, extra], ignore_index=True))


def _one_report_fewer_included(results: Path) -> None:
    reports = read_csv(results / "screen/reports.csv")
    row = reports.index[reports["decision"] == "include"][-1]
    reports.loc[row, ["decision", "reason"]] = ["exclude", "synthetic: changed after the flow was counted"]
    write_csv(results / "screen/reports.csv", reports)


def _one_record_more(results: Path) -> None:
    records = read_csv(results / "records/all.csv")
    write_csv(results / "records/all.csv", pd.concat([records, records.iloc[[0]].assign(record_id="syn:1")]))


def _one_screened_record_fewer(results: Path) -> None:
    write_csv(results / "screen/records.csv", read_csv(results / "screen/records.csv").iloc[:-1])


def _counts(results: Path) -> dict:
    flow = json.loads((results / "prisma/flow.json").read_text())
    return {
        "studies": flow["included"]["studies"],
        "reports": flow["included"]["reports"],
        "identified": flow["databases"]["records_identified_total"],
        "screened": flow["databases"]["records_screened"],
    }


MISMATCHES = [
    (_one_study_too_many, "{r}/dataset/studies.csv has {s1} rows, {r}/prisma/flow.json counts {studies} studies"),
    (_one_report_fewer_included, "{r}/screen/reports.csv includes {r0} reports, {r}/prisma/flow.json counts {reports}"),
    (_one_record_more, "{r}/records/all.csv has {i1} records, {r}/prisma/flow.json counts {identified} identified"),
    (_one_screened_record_fewer, "{r}/screen/records.csv has {sc0} records, {r}/prisma/flow.json counts {screened}"),
]


@pytest.mark.parametrize("breaker, message", MISMATCHES, ids=["studies", "reports", "records", "screened"])
def test_files_that_disagree_with_the_flow_are_not_published(results, published, breaker, message):
    publish(results, published)
    edit_results(results)
    before = tree(published)
    n = _counts(results)
    breaker(results)
    expected = message.format(
        r=results, s1=n["studies"] + 1, r0=n["reports"] - 1, i1=n["identified"] + 1, sc0=n["screened"] - 1, **n
    )
    with pytest.raises(PublishError, match=re.escape(expected)):
        publish(results, published)
    assert tree(published) == before


# --- a publication that would drop many records or studies needs --allow-drop ----------------


def add_synthetic_records(results: Path, k: int) -> None:
    """``k`` synthetic database records, each excluded at title/abstract; the flow updated."""
    records, screened = read_csv(results / "records/all.csv"), read_csv(results / "screen/records.csv")
    ids = [f"synthetic:drop-{i}" for i in range(k)]
    new = pd.DataFrame([{"record_id": i, "database": "Synthetic", "title": "synthetic"} for i in ids])
    decided = {"decision": "exclude", "reason": "synthetic", "reviewer": "test", "date": "2024-01-01"}
    new_screened = pd.DataFrame(
        [{"record_id": i, "database": "Synthetic", "publication_id": i, **decided} for i in ids]
    )
    write_csv(results / "records/all.csv", pd.concat([records, new.reindex(columns=records.columns)]))
    write_csv(results / "screen/records.csv", pd.concat([screened, new_screened.reindex(columns=screened.columns)]))
    flow = json.loads((results / "prisma/flow.json").read_text())
    db = flow["databases"]
    db["records_identified"]["Synthetic"] = k
    for key in ("records_identified_total", "records_screened", "records_excluded"):
        db[key] += k
    db["records_excluded_reasons"]["synthetic"] = k
    (results / "prisma/flow.json").write_text(json.dumps(flow, indent=2, sort_keys=True) + "\n")


def add_synthetic_studies(results: Path, k: int) -> None:
    """``k`` synthetic studies, each with one included report found by citation searching."""
    studies, reports = read_csv(results / "dataset/studies.csv"), read_csv(results / "screen/reports.csv")
    ids = [f"synthetic{i}" for i in range(k)]
    new_studies = pd.concat([studies.iloc[[0]].assign(study_id=i) for i in ids])
    decided = {"decision": "include", "reason": None, "reviewer": "test", "date": "2024-01-01"}
    new_reports = pd.DataFrame([{"publication_id": i, "study_id": i, "route": "other_methods", **decided} for i in ids])
    write_csv(results / "dataset/studies.csv", pd.concat([studies, new_studies]))
    write_csv(results / "screen/reports.csv", pd.concat([reports, new_reports.reindex(columns=reports.columns)]))
    flow = json.loads((results / "prisma/flow.json").read_text())
    other = flow["other_methods"]
    method = sorted(other["records_identified"])[0]
    other["records_identified"][method] += k
    for key in ("records_identified_total", "reports_sought", "reports_assessed", "reports_included"):
        other[key] += k
    flow["included"]["studies"] += k
    flow["included"]["reports"] += k
    (results / "prisma/flow.json").write_text(json.dumps(flow, indent=2, sort_keys=True) + "\n")


def _backup(results: Path) -> Path:
    return Path(shutil.copytree(results, results.parent / "results-good"))


def test_dropping_more_than_a_tenth_of_the_records_needs_allow_drop(results, published, capsys):
    good = _backup(results)
    n = len(read_csv(results / "records/all.csv"))
    k = n // 9 + 1  # k of n + k is more than 10 %
    add_synthetic_records(results, k)
    publish(results, published)
    before = tree(published)
    share = f"{100 * k / (n + k):.1f} %"
    with pytest.raises(PublishError, match=re.escape(f"would drop {k} of {n + k} records ({share}), more than 10 %")):
        publish(good, published)
    assert tree(published) == before
    args = ["publish", "--results", str(good), "--published", str(published)]
    assert main(args) == 1
    assert "--allow-drop" in capsys.readouterr().err
    assert main([*args, "--max-drop", "0.5"]) == 0
    assert changes_of(published / "current")["records"]["removed"] == sorted(f"synthetic:drop-{i}" for i in range(k))


def test_dropping_more_than_a_tenth_of_the_studies_needs_allow_drop(results, published, capsys):
    good = _backup(results)
    n = len(read_csv(results / "dataset/studies.csv"))
    k = n // 9 + 1
    add_synthetic_studies(results, k)
    publish(results, published)
    before = tree(published)
    with pytest.raises(PublishError, match=re.escape(f"would drop {k} of {n + k} studies")):
        publish(good, published)
    assert tree(published) == before
    assert main(["publish", "--results", str(good), "--published", str(published), "--allow-drop"]) == 0
    assert len(changes_of(published / "current")["studies"]["removed"]) == k


def test_a_small_drop_is_published(results, published):
    good = _backup(results)
    add_synthetic_records(results, 1)
    publish(results, published)
    assert publish_run(good, published).changes["records"]["removed"] == ["synthetic:drop-0"]


def test_nightly_does_not_start_while_a_workflow_holds_the_project(tmp_path, capsys):
    project = copy_project(tmp_path / "project")
    (project / "results/dataset").mkdir(parents=True)
    (project / "results/dataset/studies.csv").write_text("being written by the other run\n")
    before = tree(project)
    lock = _hold_lock(project)
    published = tmp_path / "published"
    args = ["nightly", "--published", str(published), "--directory", str(project)]
    assert main([*args, "--configfile", str(project / "config/config.yaml")]) == 1
    assert "nightly not started: the workflow is running in" in capsys.readouterr().err
    lock.unlink()
    assert tree(project) == {**before, ".snakemake": "dir", ".snakemake/locks": "dir"}
    assert not published.exists()
