"""The drop guard: a run that loses many records or studies is not published unasked.

A search that failed quietly, a narrowed query or a broken step shows up as records or
studies vanishing from one version to the next. Up to ``max_drop`` of them (a share, default
10 %) may go, as retractions and re-screening make some do; more needs ``--allow-drop``.
"""

from __future__ import annotations

from typing import Any

from litcurate.errors import PublishError

DEFAULT_MAX_DROP = 0.10


def check_max_drop(max_drop: float) -> None:
    """Refuse a share outside 0..1."""
    if not 0 <= max_drop <= 1:
        raise PublishError(f"--max-drop {max_drop}: expected a share between 0 and 1 (0.1 means 10 %)")


def check_drop(changes: dict[str, Any], before: dict[str, int], max_drop: float) -> None:
    """Raise PublishError when more than ``max_drop`` of the records or studies ``before``
    (their numbers in the current version) would be removed."""
    problems = []
    for kind in ("records", "studies"):
        removed, total = len(changes[kind]["removed"]), before[kind]
        if total and removed / total > max_drop:
            problems.append(f"{removed} of {total} {kind} ({100 * removed / total:.1f} %)")
    if problems:
        raise PublishError(
            f"this run would drop {' and '.join(problems)}, more than {100 * max_drop:g} % of version "
            f"{changes['previous']}; check the run (a failed or narrowed search?), then publish with "
            "--allow-drop (or a higher --max-drop) if the drop is meant"
        )
