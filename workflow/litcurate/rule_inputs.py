"""Input lists the rules need that depend on the config (kept out of the .smk files)."""
from __future__ import annotations

from pathlib import Path

SNAPSHOT_FILES = ("esearch.xml", "efetch.xml", "snapshot.json")


def search_inputs(pubmed: dict) -> list[str]:
    """A snapshot search depends on its files; a live search has no file inputs."""
    if pubmed["source"] != "snapshot":
        return []
    return [str(Path(pubmed["snapshot_dir"]) / name) for name in SNAPSHOT_FILES]


def optional_file(path: str) -> list[str]:
    """A reviewer file that may not exist yet (no overrides recorded) is no input at all."""
    return [path] if Path(path).exists() else []
