"""The link step: read every review's rows and references and the records, write link tables."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from litcurate.io import read_csv
from litcurate.linking import Linked, link_sources, read_overrides
from litcurate.schemas import link as schemas
from litcurate.validate import write_validated_csv


def _review_references(paths) -> pd.DataFrame:
    """references.csv lives in results/extract/<review>/: the folder names the review."""
    frames = [read_csv(p).assign(review_id=Path(p).parent.name) for p in paths]
    return pd.concat(frames, ignore_index=True)


def run_link(inputs, outputs, config: dict) -> Linked:
    rows = pd.concat([read_csv(p) for p in inputs.studies], ignore_index=True)
    overrides_path = inputs.overrides[0] if inputs.overrides else None
    linked = link_sources(
        rows, _review_references(inputs.references), read_csv(inputs.records), read_overrides(overrides_path),
        auto_merge=config["auto_merge"], review_min=config["review_min"], overrides_path=overrides_path,
    )
    write_validated_csv(outputs.review_rows, linked.review_rows, schemas.review_rows)
    write_validated_csv(outputs.references, linked.references, schemas.references)
    write_validated_csv(outputs.records, linked.records, schemas.records)
    write_validated_csv(outputs.publications, linked.publications, schemas.publications)
    write_validated_csv(outputs.to_review, linked.to_review, schemas.to_review)
    return linked
