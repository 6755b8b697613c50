"""``make mutation``: mutmut over the core modules, one worker, and the score per module.

mutmut 3 imports the code under test from ``src/``, ``source/`` or the project root, while
litcurate lives in ``workflow/litcurate`` (with ``schemas/`` installed as ``litcurate.schemas``).
So the run happens in a staging folder (``build/mutation`` by default) laid out the way mutmut
expects (one folder per group): ``src/litcurate`` (package and schemas), ``tests/``, and the demo's ``config/`` and
``resources/`` that some tests read. mutmut keeps its results there, so a second run only
retests what changed. Workflow tests (marked ``workflow``) are left out: they run Snakemake in
a subprocess, which never sees a mutant.

    python tests/mutation_score.py                  # run, then print the scores
    python tests/mutation_score.py --only prisma    # one group (by a word of its name)
    python tests/mutation_score.py --report         # print the scores of the last run
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# Core modules (paths under the package) and the test files that exercise them.
# "deselect": words of test names left out of the mutation run only (too slow to repeat per mutant).
GROUPS: dict[str, dict[str, list[str]]] = {
    "linker and scoring": {
        "modules": ["link/citations/linker.py", "link/citations/scoring.py", "link/citations/clusters.py"],
        "tests": [
            "tests/test_link_scoring_evidence.py",
            "tests/test_link_scoring_fields.py",
            "tests/test_link_linker.py",
            "tests/test_link_scoring.py",
            "tests/test_link_clusters.py",
            "tests/test_dedup_options.py",
            # behaviour of the linker on labelled sets, policies and reference lists
            "tests/test_dedup_policy.py",
            "tests/test_dedup_labelled.py",
            "tests/test_link_references.py",
        ],
    },
    "PubMed client and rate limiter": {
        "modules": ["search/pubmed/eutils.py", "search/pubmed/ratelimit.py", "search/retrying_get.py"],
        "tests": [
            "tests/test_eutils_client_requests.py",
            "tests/test_pubmed_search.py",
            "tests/test_pubmed_ratelimit.py",
            "tests/test_registers_ctgov.py",
        ],
        # the 10,000-record searches take seconds each; their limit is a constant of search.py
        "deselect": ["history_limit", "large_set"],
    },
    "PRISMA arithmetic": {
        "modules": ["report/prisma.py"],
        "tests": [
            "tests/test_prisma_identities.py",
            "tests/test_screening_prisma.py",
            "tests/test_prisma_registers.py",
        ],
    },
    "reference resolution": {
        "modules": ["extract/resolve_refs.py"],
        "tests": [
            "tests/test_reference_resolution.py",
            "tests/test_reference_resolution_without_author.py",
            "tests/test_extract_units.py",
        ],
    },
    "cut words": {
        "modules": ["extract/split_words.py"],
        "tests": ["tests/test_extract_cut_words.py", "tests/test_extract_layout_mixes.py"],
    },
    "harmonise parsers": {
        "modules": [
            "harmonise/numbers.py",
            "harmonise/pain.py",
            "harmonise/dose.py",
            "harmonise/duration.py",
            "harmonise/sample_size.py",
            "harmonise/population.py",
            "harmonise/design.py",
            "harmonise/parsers.py",
            "harmonise/units.py",
        ],
        "tests": [
            "tests/test_harmonise_parsers.py",
            "tests/test_harmonise_properties.py",
            "tests/test_harmonise_table.py",
            "tests/test_harmonise_headers.py",
            "tests/test_codebook.py",
            "tests/test_harmonise_cells_by_hand.py",
            "tests/test_harmonise_codebook_parsers.py",
        ],
        # Snakemake in a subprocess (never sees a mutant); README and source-tree files (not staged)
        "deselect": ["stops_the_workflow", "readme", "builtin_fields_yaml"],
    },
    "schemas": {
        # mutmut 3 mutates function bodies only: the schemas' checks written as functions.
        "modules": [
            "schemas/studies.py",
            "schemas/outcomes.py",
            "schemas/prisma.py",
            "schemas/dedup.py",
            "schemas/records.py",
            "schemas/dataset.py",
        ],
        "tests": [
            "tests/test_schemas_refuse_bad_studies_and_outcomes.py",
            "tests/test_schemas_refuse_bad_tables.py",
            "tests/test_studies_schema_ranges.py",
            "tests/test_report_outputs.py",
            "tests/test_dedup_cli.py",
            "tests/test_screening_prisma.py",
        ],
    },
}
STATUS_KILLED = {"killed", "timeout"}  # a mutant that makes the tests hang is caught too
STATUS_UNCHECKED = {"not checked", "check was interrupted by user"}


def _chosen(only: str | None) -> dict[str, dict[str, list[str]]]:
    if not only:
        return GROUPS
    chosen = {name: group for name, group in GROUPS.items() if only.lower() in name.lower()}
    if not chosen:
        raise SystemExit(f"--only {only!r} matches no group; groups: {', '.join(GROUPS)}")
    return chosen


def _staged(module: str) -> str:
    return "src/litcurate/" + module


def stage(workdir: Path, groups: dict[str, dict[str, list[str]]]) -> None:
    """Lay out (or refresh) the staging folder; mutmut's own ``mutants/`` results are kept."""
    package = workdir / "src/litcurate"
    if package.exists():
        shutil.rmtree(package)
    shutil.copytree(REPO / "workflow/litcurate", package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "schemas", package / "schemas", ignore=shutil.ignore_patterns("__pycache__"))
    for folder in ("tests", "config", "resources"):
        if (workdir / folder).exists():
            shutil.rmtree(workdir / folder)
        shutil.copytree(REPO / folder, workdir / folder, ignore=shutil.ignore_patterns("__pycache__"))
    modules = [_staged(m) for group in groups.values() for m in group["modules"]]
    tests = sorted({t for group in groups.values() for t in group["tests"]})
    deselect = [word for group in groups.values() for word in group.get("deselect", [])]
    pytest_args = ["-m", "not workflow", "-p", "no:xdist", "-p", "no:cacheprovider", "-q"]
    if deselect:
        pytest_args += ["-k", " and ".join(f"not {word}" for word in deselect)]
    (workdir / "pyproject.toml").write_text(
        "# Written by tests/mutation_score.py for mutmut; not the project's pyproject.\n"
        "[tool.mutmut]\n"
        'source_paths = ["src"]\n'
        f"only_mutate = {json.dumps(modules)}\n"
        'also_copy = ["config", "resources"]\n'
        f"pytest_add_cli_args_test_selection = {json.dumps(tests)}\n"
        f"pytest_add_cli_args = {json.dumps(pytest_args)}\n\n"
        "[tool.pytest.ini_options]\n"
        'testpaths = ["tests"]\n'
    )


def run(workdir: Path) -> None:
    """mutmut with one worker, so the machine stays usable. mutmut remembers results and retests
    only changed source; the survivors of earlier runs are retested too, since tests may have
    been added since."""
    mutmut = [str(Path(sys.executable).with_name("mutmut")), "run", "--max-children", "1"]
    # mutants never checked (a run stopped early) are run by the first call anyway
    survivors = [name for name, status in statuses(workdir).items() if status not in STATUS_KILLED | STATUS_UNCHECKED]
    # mutmut keeps which functions each test reaches; a test unchanged since then would not be
    # tried against mutants of functions added or changed since, so the record is made afresh.
    (workdir / "mutants/mutmut-stats.json").unlink(missing_ok=True)
    subprocess.call(mutmut, cwd=workdir)
    if survivors:
        subprocess.call(mutmut + survivors, cwd=workdir)


def statuses(workdir: Path) -> dict[str, str]:
    """mutant name -> status, from ``mutmut results --all true``."""
    mutmut = Path(sys.executable).with_name("mutmut")
    if not (workdir / "mutants").is_dir():
        return {}
    out = subprocess.run(
        [str(mutmut), "results", "--all", "true"], cwd=workdir, capture_output=True, text=True, check=True
    ).stdout
    found = {}
    for line in out.splitlines():
        match = re.fullmatch(r"\s*([\w.]+__mutmut_\d+): (.+)", line)
        if match:
            found[match.group(1)] = match.group(2).strip()
    return found


def _module_of(mutant: str) -> str:
    """'litcurate.report.prisma.x_build_flow__mutmut_3' -> 'report/prisma.py'."""
    dotted = mutant.rsplit(".", 1)[0].removeprefix("litcurate.")
    return dotted.replace(".", "/") + ".py"


def report(workdir: Path, groups: dict[str, dict[str, list[str]]]) -> int:
    """Print killed / checked per module and per group (a run stopped early leaves mutants not
    checked: they are counted apart, not as survivors); non-zero when a group is under 85 %."""
    per_module: dict[str, Counter] = {}
    for name in groups:
        for mutant, status in statuses(_group_folder(workdir, name)).items():
            per_module.setdefault(_module_of(mutant), Counter())[status] += 1
    below = 0
    print(f"{'module':45} {'killed':>7} {'checked':>8} {'of':>5} {'score':>7}   not killed")
    for name, group in groups.items():
        total = Counter()
        for module in group["modules"]:
            counts = per_module.get(module, Counter())
            total += counts
            _print_row(module, counts)
        _print_row(f"== {name}", total)
        checked = _checked(total)
        below += not checked or _killed(total) / checked < 0.85
    return 1 if below else 0


def _killed(counts: Counter) -> int:
    return sum(n for status, n in counts.items() if status in STATUS_KILLED)


def _checked(counts: Counter) -> int:
    return sum(n for status, n in counts.items() if status not in STATUS_UNCHECKED)


def _print_row(label: str, counts: Counter) -> None:
    killed, checked = _killed(counts), _checked(counts)
    score = f"{100 * killed / checked:6.1f}%" if checked else "     -"
    rest = ", ".join(f"{s} {n}" for s, n in sorted(counts.items()) if s not in STATUS_UNCHECKED | {"killed"})
    print(f"{label:45} {killed:7d} {checked:8d} {sum(counts.values()):5d} {score:>7}   {rest}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, default=REPO / "build/mutation")
    parser.add_argument("--only", help="run one group, chosen by a word of its name")
    parser.add_argument("--report", action="store_true", help="only print the scores of the last run")
    args = parser.parse_args(argv)
    groups = _chosen(args.only)
    if not args.report:
        for name, group in groups.items():
            folder = _group_folder(args.workdir, name)
            folder.mkdir(parents=True, exist_ok=True)
            stage(folder, {name: group})
            run(folder)
    return report(args.workdir, groups)


def _group_folder(workdir: Path, name: str) -> Path:
    """One staging folder per group: mutmut keeps its results per folder and does not notice a
    file newly chosen for mutation in a folder it has run in before."""
    return workdir / re.sub(r"\W+", "-", name).strip("-")


if __name__ == "__main__":
    sys.exit(main())
