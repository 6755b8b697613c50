"""Fuzzy linking of citation records: the same publication across exports, reviews and PubMed.

Public API::

    candidate_pairs(frame) -> Candidates          # blocking; len() = pairs examined
    score_pair(a, b) -> (score, reason)           # two raw records
    link(frame, auto_threshold, review_threshold, overrides) -> LinkResult(clusters, pairs, stats)
"""

from litcurate.link.citations.blocking import Candidates, candidate_pairs
from litcurate.link.citations.linker import LinkResult, link
from litcurate.link.citations.scoring import score_pair

__all__ = ["Candidates", "LinkResult", "candidate_pairs", "link", "score_pair"]
