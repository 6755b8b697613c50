"""Find reports that re-analyse an earlier trial, so they share its study.

A secondary analysis or a PK-PD re-analysis is a report of the same patients, not a new
study. The evidence is its title (it says what it is), authors shared with the trial, the
same condition, and a sample size that matches the trial or one of its arms. Only a
report whose title says it is a secondary/post hoc/re-analysis, or a PK-PD model whose n
matches, is joined automatically, and only when exactly one earlier trial fits; other
fits are offered to a reviewer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from litcurate.link.citations.normalise import is_missing
from litcurate.names import surname_keys

EXPLICIT = re.compile(r"\b(secondary analysis|post[- ]hoc|re-?analys[ie]s|follow-up (study )?of)\b", re.I)
MODELLING = re.compile(r"pharmacokinetic[- ]pharmacodynamic|\bpk[- ]?pd\b", re.I)
TRIAL = re.compile(r"placebo|randomi[sz]ed|controlled", re.I)
TRIAL_DESIGNS = {"RCT", "RCT parallel", "RCT crossover"}


@dataclass(frozen=True)
class Evidence:
    report: str
    trial: str
    automatic: bool
    reason: str
    joins_as: str = "re-analysis"  # what the report is of the trial, in the study's reason


def _profile(publication: dict, authors: set[str], rows: pd.DataFrame) -> dict:
    own = rows[rows["publication_id"] == publication["publication_id"]]
    numbers = {
        int(float(v)) for col in ("n_randomised", "n_analysed") if col in own for v in own[col] if not is_missing(v)
    }
    return {
        "id": publication["publication_id"],
        "title": "" if is_missing(publication["title"]) else str(publication["title"]),
        "year": None if is_missing(publication["year"]) else int(float(publication["year"])),
        "authors": authors,
        "conditions": {str(c) for c in own.get("condition", pd.Series(dtype=str)) if not is_missing(c)},
        "designs": {str(d) for d in own.get("design", pd.Series(dtype=str)) if not is_missing(d)},
        "n": numbers,
    }


def _is_trial(p: dict) -> bool:
    return bool(TRIAL.search(p["title"])) or bool(p["designs"] & TRIAL_DESIGNS)


def _n_matches(report: dict, trial: dict) -> bool:
    arms = {n // 2 for n in trial["n"]} | trial["n"]
    return bool(report["n"] & arms)


def _fits(report: dict, trial: dict) -> list[str] | None:
    if trial["id"] == report["id"] or trial["year"] is None or report["year"] is None:
        return None
    if trial["year"] > report["year"] or not _is_trial(trial):
        return None
    shared = sorted(report["authors"] & trial["authors"])
    if not shared:
        return None
    if report["conditions"] and trial["conditions"] and not report["conditions"] & trial["conditions"]:
        return None
    why = [f"shares author(s) {', '.join(shared)}"]
    if report["conditions"] & trial["conditions"]:
        why.append(f"same condition ({', '.join(sorted(report['conditions'] & trial['conditions']))})")
    if _n_matches(report, trial):
        why.append(f"n {sorted(report['n'])} matches the trial or an arm ({sorted(trial['n'])})")
    return why


def find_reanalyses(publications: pd.DataFrame, authors: dict[str, set[str]], rows: pd.DataFrame) -> list[Evidence]:
    """``authors``: publication id -> author surnames from every source of that publication.
    ``rows``: table rows with publication_id and the harmonised n, condition and design."""
    profiles = [_profile(p, authors.get(p["publication_id"], set()), rows) for p in publications.to_dict("records")]
    found = []
    for report in profiles:
        explicit, modelling = EXPLICIT.search(report["title"]), MODELLING.search(report["title"])
        if not (explicit or modelling):
            continue
        by_id = {t["id"]: t for t in profiles}
        fits = {t["id"]: why for t in profiles if (why := _fits(report, t)) is not None}
        weights = {t: _weight(report, by_id[t]) for t in fits if explicit or _n_matches(report, by_id[t])}
        ranked = sorted(weights.items(), key=lambda item: (-item[1], item[0]))
        clear = (
            bool(ranked) and ranked[0][1] >= MIN_WEIGHT and (len(ranked) == 1 or ranked[0][1] - ranked[1][1] >= MARGIN)
        )
        kind = f"title says {(explicit or modelling).group(0).lower()!r}"
        for trial, why in sorted(fits.items()):
            automatic = clear and trial == ranked[0][0]
            found.append(Evidence(report["id"], trial, automatic, "; ".join([kind, *why])))
    return found


MIN_WEIGHT = 3
MARGIN = 2


def _weight(report: dict, trial: dict) -> int:
    """How much points to this trial: shared authors, same condition, matching n, and a
    report that calls its source placebo-controlled pointing at a placebo-controlled trial."""
    weight = len(report["authors"] & trial["authors"])
    weight += 1 if report["conditions"] & trial["conditions"] else 0
    weight += 2 if _n_matches(report, trial) else 0
    if re.search(r"placebo", report["title"], re.I) and (
        re.search(r"placebo", trial["title"], re.I) or trial["designs"] & TRIAL_DESIGNS
    ):
        weight += 1
    return weight


def publication_authors(
    citations: pd.DataFrame, clusters: dict[str, str], pub_of_cluster: dict[str, str]
) -> dict[str, set[str]]:
    """Author surnames from every source of each publication."""
    out: dict[str, set[str]] = {}
    for ident, value in zip(citations["id"], citations["authors"]):
        pub = pub_of_cluster[clusters[ident]]
        out.setdefault(pub, set()).update(surname_keys(value))
    return out
