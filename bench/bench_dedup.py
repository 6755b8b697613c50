"""Benchmark ``litcurate dedup``: labelled real exports and synthetic noisy records at scale.

    .venv/bin/python bench/bench_dedup.py                      # labelled sets + synthetic 10k and 100k
    .venv/bin/python bench/bench_dedup.py --sizes 10000        # choose synthetic sizes (0 = none)
    .venv/bin/python bench/bench_dedup.py --labelled-only

Labelled sets (``--data``, default ../shared/benchmarks/dedup) run through the real
command (``litcurate.cli.main(["dedup", ...])``), with the default policy and with
``--merge-abstracts``, and are scored with bib-dedupe's record-level rule plus pairwise
precision/recall. bib-dedupe runs side by side on the same files when its own venv
exists (it is not a dependency of litcurate; the bench prints this command otherwise):

    python3 -m venv .bench-venvs/bib-dedupe && .bench-venvs/bib-dedupe/bin/pip install bib-dedupe==0.11.0

It is called as a subprocess (bench/bib_dedupe_run.py, one CPU like litcurate).
litcurate runs the same way in its own runtime-only venv when that exists, as a user's
``pip install`` has it (the test extras are not there: pandera imports hypothesis at its first
validation when hypothesis is installed, about 0.1 s):

    python3 -m venv .bench-venvs/litcurate && .bench-venvs/litcurate/bin/pip install -c requirements.lock -e .

Without it, litcurate runs in the development venv and the bench says so. Synthetic records are generated
with a fixed seed; every one is marked synthetic (ID prefix ``synthetic-``, journal
names and words made up, DOIs under the 10.5555 test prefix). Each synthetic size
runs in a fresh subprocess so its peak memory (ru_maxrss) is its own.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from litcurate.cli import main as litcurate_main
from litcurate.io import read_csv, write_csv
from litcurate.link.citations.evaluate import pairwise, record_level, truth_labels

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "benchmarks" / "dedup"
BIB_DEDUPE_PYTHON = REPO / ".bench-venvs" / "bib-dedupe" / "bin" / "python"
BIB_DEDUPE_RUNNER = REPO / "bench" / "bib_dedupe_run.py"
USER_VENV_PYTHON = REPO / ".bench-venvs" / "litcurate" / "bin" / "python"
LITCURATE_RUNNER = REPO / "bench" / "litcurate_dedup_run.py"
BIB_DEDUPE_SETUP = (
    "python3 -m venv .bench-venvs/bib-dedupe && .bench-venvs/bib-dedupe/bin/pip install bib-dedupe==0.11.0"
)
LABELLED_SETS = ("cytology_screening", "haematology", "special_cases")
PUBLISHED = {"cytology_screening": "bib-dedupe 0.9922 / 1.0 in 7 s", "haematology": "bib-dedupe 0.8889 / 1.0 in 6 s"}


# --- labelled sets ------------------------------------------------------------


def _timed(command: list[str], what: str) -> tuple[float, float]:
    """Run one tool in a fresh process: ``(its own seconds as it prints them, whole-process wall seconds)``."""
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{what} failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
    return float(done.stdout.strip().splitlines()[-1]), wall


def run_dedup_command(source: Path, out: Path, *options: str) -> tuple[float, float]:
    """``litcurate dedup`` in a fresh process; its own seconds cover the whole command after
    start-up: reading, deduplicating, validating and writing."""
    command = [str(litcurate_python()), str(LITCURATE_RUNNER), str(source), str(out), *options]
    return _timed(command, f"litcurate dedup on {source}")


def litcurate_python() -> Path:
    """The runtime-only venv's python when it exists, else this (development) one."""
    return USER_VENV_PYTHON if USER_VENV_PYTHON.exists() else Path(sys.executable)


def run_bib_dedupe(source: Path, out: Path) -> tuple[float, float]:
    """bib-dedupe in its own venv, as a fresh process; its own seconds exclude reading the CSV."""
    return _timed([str(BIB_DEDUPE_PYTHON), str(BIB_DEDUPE_RUNNER), str(source), str(out)], f"bib-dedupe on {source}")


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _groups(folder: Path) -> list[list[str]]:
    return [g.split(";") for g in pd.read_csv(folder / "merged_record_ids.csv", dtype=str)["merged_ids"]]


def _relation_misses(groups: list[list[str]], clusters: dict[str, str], relations: Path | None) -> int:
    """Labelled duplicates left unmerged but linked to their group as erratum/reply/comment/retraction."""
    if relations is None or not relations.exists():
        return 0
    related = dict(zip(*[read_csv(relations)[c] for c in ("ID", "related_id")]))
    group_of = {id_: n for n, group in enumerate(groups) for id_ in group}
    return sum(
        1
        for id_, target in related.items()
        if id_ in group_of and group_of.get(target) == group_of[id_] and clusters[id_] != clusters[target]
    )


def score_run(tool: str, name: str, folder: Path, out: Path, times: list[tuple[float, float]], relations=None) -> dict:
    result = read_csv(out)
    groups = _groups(folder)
    kept = dict(zip(result["ID"], result["kept"].astype(int)))
    clusters = dict(zip(result["ID"], result["cluster_id"]))
    return {
        "set": name,
        "tool": tool,
        "records": len(result),
        **record_level(kept, groups),
        **pairwise(clusters, truth_labels(result["ID"], groups)),
        "related_fn": _relation_misses(groups, clusters, relations),
        "wrong_merges": wrong_merges(folder / "records_pre_merged.csv", clusters, groups),
        "seconds": round(_median([own for own, _ in times]), 2),
        "process_seconds": round(_median([wall for _, wall in times]), 2),
    }


def wrong_merges(source: Path, clusters: dict[str, str], groups: list[list[str]]) -> list[str]:
    """Each pair of records put in one cluster that the labels keep apart, with the fields in
    which the two records differ: enough to judge the merge (or the label) by eye."""
    records = read_csv(source).fillna("").astype(str).set_index("ID")
    group_of = {id_: n for n, group in enumerate(groups) for id_ in group}
    members: dict[str, list[str]] = {}
    for id_, cluster in sorted(clusters.items()):
        members.setdefault(cluster, []).append(id_)
    lines = []
    for ids in members.values():
        for n, a in enumerate(ids):
            for b in ids[n + 1 :]:
                if group_of.get(a, a) != group_of.get(b, b):
                    differ = [c for c in records.columns if records.at[a, c] != records.at[b, c]]
                    lines.append(f"{a} + {b}: differ in {', '.join(differ) or 'no field'}")
    return lines


def score_labelled(name: str, data: Path, workdir: Path, with_bib_dedupe: bool, repeats: int) -> list[dict]:
    """litcurate (default policy, then ``--merge-abstracts``) and, when installed, bib-dedupe on
    one set; each tool runs ``repeats`` times in turn (A B A B ...), so both see the same load."""
    folder = data / name
    source = folder / "records_pre_merged.csv"
    runs = [("litcurate", ()), ("litcurate --merge-abstracts", ("--merge-abstracts",))]
    runs += [("bib-dedupe", None)] if with_bib_dedupe else []
    times: dict[str, list[tuple[float, float]]] = {tool: [] for tool, _ in runs}
    for _ in range(repeats):
        for n, (tool, options) in enumerate(runs):
            out, relations = workdir / f"{name}-{n}.csv", workdir / f"{name}-{n}-relations.csv"
            if options is None:
                times[tool].append(run_bib_dedupe(source, out))
            else:
                times[tool].append(run_dedup_command(source, out, "--relations", str(relations), *options))
    rows = []
    for n, (tool, options) in enumerate(runs):
        relations = workdir / f"{name}-{n}-relations.csv" if options is not None else None
        rows.append(score_run(tool, name, folder, workdir / f"{name}-{n}.csv", times[tool], relations))
    return rows


def print_labelled(rows: list[dict]) -> None:
    print("labelled sets (record level as bib-dedupe scores it; false merges = records wrongly removed;")
    print("pairwise P/R over clustered pairs; 'related' = labelled duplicates kept apart but linked as")
    print("erratum/reply/comment/retraction, counted in FN; one core each, fresh process per run, medians:")
    print("'secs' = the tool's own run after start-up (litcurate: reading, dedup, validation, writing;")
    print("bib-dedupe: prep, block, match, cluster), 'process' = the whole process, start-up included)")
    if litcurate_python() == USER_VENV_PYTHON:
        print(f"litcurate runs in its runtime-only venv {USER_VENV_PYTHON.parent.parent.relative_to(REPO)}")
    else:
        print("litcurate runs in the development venv (test extras installed; see the docstring for the user's one)")
    header = (
        f"{'set':<20}{'tool':<28}{'records':>8}{'sens':>8}{'spec':>8}{'false merges':>13}{'FN':>5}{'related':>8}"
        f"{'pair P':>8}{'pair R':>8}{'secs':>7}{'process':>9}"
    )
    print(header)
    for r in rows:
        print(
            f"{r['set']:<20}{r['tool']:<28}{r['records']:>8}{r['sensitivity']:>8.4f}{r['specificity']:>8.4f}"
            f"{r['FP']:>13}{r['FN']:>5}{r['related_fn']:>8}{r['precision']:>8.4f}{r['recall']:>8.4f}"
            f"{r['seconds']:>7.2f}{r['process_seconds']:>9.2f}"
        )
    for r in rows:
        for line in r["wrong_merges"]:
            print(f"merged against the labels: {r['set']} {r['tool']}: {line}")
    for name, figure in PUBLISHED.items():
        print(f"published: {name} {figure}")
    for line in speedups(rows):
        print(line)


def speedups(rows: list[dict]) -> list[str]:
    """How many times faster litcurate (default policy) ran than bib-dedupe, per set."""
    by_key = {(r["set"], r["tool"]): r for r in rows}
    lines = []
    for (name, tool), ours in by_key.items():
        theirs = by_key.get((name, "bib-dedupe"))
        if tool == "litcurate" and theirs:
            own = theirs["seconds"] / max(ours["seconds"], 0.005)
            whole = theirs["process_seconds"] / max(ours["process_seconds"], 0.005)
            lines.append(f"speed-up over bib-dedupe: {name} {own:.1f}x own run, {whole:.1f}x whole process")
    return lines


# --- synthetic records -----------------------------------------------------------


def _word(rng: random.Random, syllables: list[str], parts: tuple[int, int]) -> str:
    return "".join(rng.choice(syllables) for _ in range(rng.randint(*parts)))


class SyntheticCorpus:
    """Made-up works and noisy copies of them; ``truth`` maps record ID -> work."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        rng = self.rng
        consonants, vowels = "bcdfghklmnprstvz", "aeiou"
        syllables = sorted({c + v + rng.choice(["", "n", "r", "s", "l"]) for c in consonants for v in vowels})
        self.words = sorted({_word(rng, syllables, (2, 4)) for _ in range(6000)})
        self.surnames = sorted({_word(rng, syllables, (2, 4)).capitalize() for _ in range(20000)})
        self.journals = []
        for _ in range(300):
            topic = [_word(rng, syllables, (3, 4)) for _ in range(rng.randint(1, 3))]
            full = "Journal of " + " and ".join(w.capitalize() + "ology" for w in topic)
            abbreviated = "J " + " ".join(w[:5].capitalize() for w in topic)
            self.journals.append((full, abbreviated))

    def _surname(self) -> str:
        # Skewed so common surnames (and same-author-same-year different papers) occur.
        return self.surnames[
            min(int(self.rng.paretovariate(1.2)) - 1, len(self.surnames) - 1)
            if self.rng.random() < 0.3
            else self.rng.randrange(len(self.surnames))
        ]

    def work(self, number: int, sibling_of: dict | None = None) -> dict:
        rng = self.rng
        authors = [
            (self._surname(), rng.choice(string.ascii_uppercase) + rng.choice(["", rng.choice(string.ascii_uppercase)]))
            for _ in range(rng.randint(1, 6))
        ]
        journal = rng.randrange(len(self.journals))
        year = rng.randint(1990, 2024)
        if sibling_of is not None:  # same first author, year and journal; a different paper
            authors[0] = sibling_of["authors"][0]
            journal, year = sibling_of["journal"], sibling_of["year"]
        first = rng.randint(1, 3000)
        return {
            "work": number,
            "authors": authors,
            "title": " ".join(rng.choice(self.words) for _ in range(rng.randint(5, 14))).capitalize(),
            "year": year,
            "journal": journal,
            "volume": rng.randint(1, 200),
            "issue": rng.randint(1, 12),
            "first": first,
            "last": first + rng.randint(2, 15),
            "doi": f"10.5555/synthetic.{number}",
        }

    def copy(self, work: dict, record_id: str, noisy: bool) -> dict:
        rng = self.rng
        title, authors = work["title"], list(work["authors"])
        full, abbreviated = self.journals[work["journal"]]
        journal, pages = full, f"{work['first']}-{work['last']}"
        doi, year, volume, issue = work["doi"], work["year"], str(work["volume"]), str(work["issue"])
        style = "bibtex"
        if noisy:
            if rng.random() < 0.5:
                title = _typo(rng, title)
            if rng.random() < 0.3:
                title = title.upper() if rng.random() < 0.3 else title + "."
            if rng.random() < 0.5:
                journal = abbreviated
            if rng.random() < 0.5:
                doi = ""
            if rng.random() < 0.15 and len(authors) > 2:
                authors[1], authors[2] = authors[2], authors[1]
            if rng.random() < 0.1:
                authors[0] = (_typo(rng, authors[0][0]), authors[0][1])
            first, last = str(work["first"]), str(work["last"])
            elided = last[-2:] if len(last) > 2 and len(last) == len(first) and last[:-2] == first[:-2] else last
            pages = rng.choice([pages, f"{first}–{last}", f"{first}-{elided}", first, ""])
            if rng.random() < 0.05:
                year += rng.choice([-1, 1])
            if rng.random() < 0.1:
                volume = ""
            if rng.random() < 0.3:
                issue = ""
            style = rng.choice(["bibtex", "vancouver"])
        if style == "bibtex":
            author = " and ".join(f"{s}, {' '.join(i)}" for s, i in authors)
        else:
            author = "; ".join(f"{s} {i}" for s, i in authors)
        return {
            "ID": record_id,
            "title": title,
            "year": str(year),
            "author": author,
            "journal": journal,
            "volume": volume,
            "number": issue,
            "pages": pages,
            "doi": doi,
        }


def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 4:
        return text
    k = rng.randrange(1, len(text) - 1)
    return rng.choice(
        [
            text[:k] + text[k + 1 :],
            text[:k] + text[k + 1] + text[k] + text[k + 2 :],
            text[:k] + rng.choice("aeiou") + text[k + 1 :],
        ]
    )


def synthetic_frame(n_records: int, seed: int = 20240601) -> tuple[pd.DataFrame, dict[str, int]]:
    """About ``n_records`` synthetic records (~25% duplicates of another) and their true works."""
    corpus = SyntheticCorpus(seed)
    rows, truth, works = [], {}, []
    while len(rows) < n_records:
        sibling = works[-1] if works and corpus.rng.random() < 0.1 else None
        work = corpus.work(len(works), sibling)
        works.append(work)
        copies = 1 + (corpus.rng.random() < 0.25) + (corpus.rng.random() < 0.08)
        for copy in range(copies):
            record_id = f"synthetic-{len(rows) + 1:07d}"
            rows.append(corpus.copy(work, record_id, noisy=copy > 0))
            truth[record_id] = work["work"]
    rows = rows[:n_records]
    order = list(range(len(rows)))
    corpus.rng.shuffle(order)
    frame = pd.DataFrame([rows[k] for k in order])
    kept_ids = set(frame["ID"])
    return frame, {r: w for r, w in truth.items() if r in kept_ids}


def run_synthetic_size(n_records: int) -> dict:
    """Generate, write, dedup through the CLI and score one synthetic size (call in a fresh process)."""
    frame, truth = synthetic_frame(n_records)
    with tempfile.TemporaryDirectory() as tmp:
        source, out, stats_path = Path(tmp) / "synthetic.csv", Path(tmp) / "out.csv", Path(tmp) / "stats.json"
        write_csv(source, frame)
        started = time.perf_counter()
        code = litcurate_main(["dedup", str(source), "--out", str(out), "--stats", str(stats_path), "--quiet"])
        seconds = time.perf_counter() - started
        if code != 0:
            raise SystemExit(f"litcurate dedup failed on synthetic {n_records} (exit {code})")
        result = read_csv(out)
        captured = json.loads(stats_path.read_text())
    scores = pairwise(dict(zip(result["ID"], result["cluster_id"])), truth)
    return {
        "records": len(result),
        "true_duplicate_pairs": scores["true_pairs"],
        "candidate_pairs": captured.get("candidate_pairs"),
        "skipped_blocks": captured.get("skipped_blocks"),
        "seconds": round(seconds, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "precision": scores["precision"],
        "recall": scores["recall"],
    }


def print_synthetic(rows: list[dict]) -> None:
    print("synthetic noisy records (all marked synthetic; DOIs under 10.5555)")
    print(
        f"{'records':>9}{'true pairs':>12}{'pairs examined':>16}{'secs':>8}{'peak MB':>9}{'precision':>11}{'recall':>8}"
    )
    for r in rows:
        print(
            f"{r['records']:>9}{r['true_duplicate_pairs']:>12}{r['candidate_pairs']:>16}{r['seconds']:>8.2f}"
            f"{r['peak_rss_mb']:>9.1f}{r['precision']:>11.4f}{r['recall']:>8.4f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of labelled sets")
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000], help="synthetic sizes")
    parser.add_argument("--labelled-only", action="store_true")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each tool per labelled set (median)")
    parser.add_argument("--one-size", type=int, help=argparse.SUPPRESS)  # internal: run one size, print JSON
    argv = sys.argv[1:] if argv is None else argv
    args = parser.parse_args(argv)
    if args.one_size:
        print(json.dumps(run_synthetic_size(args.one_size)))
        return 0
    if args.data.is_dir():
        with_bib_dedupe = BIB_DEDUPE_PYTHON.exists()
        if not with_bib_dedupe:
            print(f"bib-dedupe side by side skipped: {BIB_DEDUPE_PYTHON} not found; create it with")
            print(f"    {BIB_DEDUPE_SETUP}")
        with tempfile.TemporaryDirectory() as tmp:
            rows = [
                row
                for name in LABELLED_SETS
                for row in score_labelled(name, args.data, Path(tmp), with_bib_dedupe, args.repeats)
            ]
        print_labelled(rows)
    else:
        print(f"labelled sets skipped: {args.data} not found")
    if not args.labelled_only and any(args.sizes):
        rows = []
        for size in (s for s in args.sizes if s > 0):
            done = subprocess.run([sys.executable, __file__, "--one-size", str(size)], capture_output=True, text=True)
            if done.returncode != 0:
                print(done.stderr, file=sys.stderr)
                return done.returncode
            rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print()
        print_synthetic(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
