"""The link rule's call: every review's rows and references and the records -> the link tables."""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from litcurate.io import read_csv
from litcurate.link.citations.scoring import Policy
from litcurate.link.sources import Linked, link_sources, read_overrides
from litcurate.logs import step_log
from litcurate.schemas import link as schemas
from litcurate.validate import write_validated_csv
from litcurate.warnings import write_warnings

logger = logging.getLogger(__name__)


def _review_references(paths) -> pd.DataFrame:
    """references.csv lives in results/extract/<review>/: the folder names the review."""
    frames = [read_csv(p).assign(review_id=Path(p).parent.name) for p in paths]
    return pd.concat(frames, ignore_index=True)


def dedup_policy(config: dict) -> Policy:
    """The deduplication policy the config's ``link.merge_abstracts`` / ``link.merge_preprints`` set."""
    return Policy(
        merge_abstracts=bool(config.get("merge_abstracts", False)),
        merge_preprints=bool(config.get("merge_preprints", False)),
    )


def link_files(input, output, config: dict) -> Linked:
    """Link the rule's inputs and write its outputs; ``config`` is the config's ``link`` section."""
    rows = pd.concat([read_csv(p) for p in input.studies], ignore_index=True)
    overrides_path = input.overrides[0] if input.overrides else None
    linked = link_sources(
        rows,
        _review_references(input.references),
        read_csv(input.records),
        read_overrides(overrides_path),
        auto_merge=config["auto_merge"],
        review_min=config["review_min"],
        overrides_path=overrides_path,
        policy=dedup_policy(config),
    )
    write_validated_csv(output.review_rows, linked.review_rows, schemas.review_rows)
    write_validated_csv(output.references, linked.references, schemas.references)
    write_validated_csv(output.records, linked.records, schemas.records)
    write_validated_csv(output.publications, linked.publications, schemas.publications)
    write_validated_csv(output.to_review, linked.to_review, schemas.to_review)
    write_validated_csv(output.relations, linked.relations, schemas.relations)
    located = [w.located(file=str(output.review_rows)) for w in linked.study_warnings]
    write_warnings(output.warnings, [*linked.warnings, *located], file=output.to_review)
    return linked


def run(input, output, params, log) -> None:
    """Write every output of the link rule; ``params.link`` is the config's ``link`` section."""
    with step_log(log):
        linked = link_files(input, output, params.link)
        logger.info("link: %d publications, %d pairs to review", len(linked.publications), len(linked.to_review))
