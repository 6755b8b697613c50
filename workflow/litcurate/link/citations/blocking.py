"""Candidate generation: only records sharing a blocking key are ever compared.

Keys (a record gets several, so one bad field does not hide a duplicate):
  * ``doi`` / ``pmid`` / ``url``: the identifier itself;
  * ``author``: phonetic code of the first author's surname with the year and the year
    after, so records one year apart (epub vs print) still meet;
  * ``title-head`` / ``title-tail``: the first / last four title words, which survive a
    misspelt author and a typo at the other end of the title;
  * ``volume-page``: journal initial, volume and first page;
  * ``body-head``: the first four words of the citation text of an entry without a journal
    locator (a web page, label or report, whose author and title fields are unreliable).

Blocks larger than ``max_block`` are skipped (reported) so work stays near-linear: a
common surname in a common year still meets its duplicates through the other keys.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterator

import numpy as np
import pandas as pd

from litcurate.link.citations.citation import Record, make_records

DEFAULT_MAX_BLOCK = 100
TITLE_KEY_WORDS = 4


def blocking_keys(record: Record) -> list[tuple]:
    """Every blocking key of one record (see the module docstring)."""
    keys: list[tuple] = []
    if record.doi:
        keys.append(("doi", record.doi))
    if record.pmid:
        keys.append(("pmid", record.pmid))
    if record.url:
        keys.append(("url", record.url))
    if record.first_key and record.year is not None:
        keys.append(("author", record.first_key, record.year))
        keys.append(("author", record.first_key, record.year + 1))
    words = record.title.split()
    if len(words) >= TITLE_KEY_WORDS:
        keys.append(("title-head", " ".join(words[:TITLE_KEY_WORDS])))
        keys.append(("title-tail", " ".join(words[-TITLE_KEY_WORDS:])))
    elif words:
        keys.append(("title-head", " ".join(words)))
    body_words = record.body.split()
    if body_words and not record.journal and not record.volume and record.pages is None:
        keys.append(("body-head", " ".join(body_words[:TITLE_KEY_WORDS])))
    if record.volume and record.pages is not None:
        initial = record.journal[0][0] if record.journal else ""
        keys.append(("volume-page", initial, record.volume, record.pages[0]))
    return keys


@dataclass
class Candidates:
    """Unique candidate pairs ``(i, j)`` of row positions with ``i < j``, plus how they were found."""

    pairs: np.ndarray  # shape (k, 2), int64, sorted
    n_records: int
    blocks: int = 0
    skipped_blocks: list[tuple] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.pairs)

    def __iter__(self) -> Iterator[tuple[int, int]]:
        for i, j in self.pairs.tolist():
            yield i, j

    def summary(self) -> dict:
        """Counts for run statistics: records, candidate pairs, blocks used and skipped."""
        return {
            "records": self.n_records,
            "candidate_pairs": len(self),
            "blocks": self.blocks,
            "skipped_blocks": len(self.skipped_blocks),
        }


def _block_members(records: list[Record]) -> dict[tuple, list[int]]:
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for position, record in enumerate(records):
        for key in blocking_keys(record):
            blocks[key].append(position)
    return blocks


def candidate_pairs_for(records: list[Record], max_block: int = DEFAULT_MAX_BLOCK) -> Candidates:
    """Candidate pairs of already normalised records."""
    n = len(records)
    chunks: list[np.ndarray] = []
    used = 0
    skipped: list[tuple] = []
    for key, members in _block_members(records).items():
        if len(members) < 2:
            continue
        if len(members) > max_block:
            skipped.append(key)
            continue
        used += 1
        idx = np.asarray(members, dtype=np.int64)
        left, right = np.triu_indices(len(idx), k=1)
        chunks.append(idx[left] * n + idx[right])
    if chunks:
        codes = np.unique(np.concatenate(chunks))
        pairs = np.stack([codes // n, codes % n], axis=1)
    else:
        pairs = np.empty((0, 2), dtype=np.int64)
    return Candidates(pairs=pairs, n_records=n, blocks=used, skipped_blocks=sorted(skipped, key=repr))


def candidate_pairs(frame: pd.DataFrame, max_block: int = DEFAULT_MAX_BLOCK) -> Candidates:
    """Candidate pairs of row positions of ``frame``; ``len(result)`` is the number examined."""
    return candidate_pairs_for(make_records(frame), max_block=max_block)
