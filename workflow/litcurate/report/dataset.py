"""The harmonised dataset: one row per included study, conflicts kept apart.

Canonical values come from the table rows of every review that tabulates the
study. Where the sources agree the value is kept; where they disagree the dataset
cell stays empty, the field is named in ``conflict_fields`` and every source's value
with its provenance goes to the conflicts table. Nothing is silently picked.
"""

from __future__ import annotations

import pandas as pd

from litcurate.link.parts import split_study_ids

IDENTITY_COLUMNS = [
    "study_id",
    "first_author",
    "year",
    "title",
    "journal",
    "pmid",
    "doi",
    "publication_ids",
    "record_ids",
    "reviews",
    "sources",
    "n_sources",
]
PROVENANCE = ["review_id", "table_id", "row", "page"]


# A field's ``merge`` in the codebook: free text differs in wording between reviews without
# disagreeing, so it is collected per source instead of compared; list fields are merged as
# the union of their items; every other field is compared.
FREE_TEXT = "free_text"
LIST = "list"
NOT_STATED = {"unknown"}


def _comparable(value: object) -> object:
    """Values equal for a reader compare equal: 19 == 19.0, ' IP' == 'IP'; 'unknown' says nothing."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return None
    text = str(value).strip()
    if text == "" or text.lower() in NOT_STATED:
        return None
    try:
        number = float(text)
    except ValueError:
        return text
    return float(f"{number:.3g}")


def _most_specific(values: set) -> object | None:
    """'RCT' and 'RCT crossover' agree: the general term is a prefix of the specific one."""
    texts = sorted(values, key=lambda v: len(str(v)), reverse=True)
    longest = str(texts[0])
    if all(isinstance(v, str) and longest.startswith(v) for v in texts):
        return texts[0]
    return None


def _per_source(rows: pd.DataFrame, field: str) -> str | None:
    parts = [f"{r['review_id']}: {r[field]}" for r in rows.to_dict("records") if _comparable(r[field]) is not None]
    return " | ".join(parts) or None


def _union(rows: pd.DataFrame, field: str) -> str | None:
    items = {item.strip() for v in rows[field] if _comparable(v) is not None for item in str(v).split(";")}
    return "; ".join(sorted(i for i in items if i)) or None


def _primary_publication(pubs: pd.DataFrame) -> pd.Series:
    """The report that names the study: one with a PMID, then the earliest, then by id."""
    ranked = pubs.assign(
        _has_pmid=pubs["pmid"].fillna("").eq("").astype(int),
        _year=pd.to_numeric(pubs["year"], errors="coerce").fillna(9999),
    ).sort_values(["_has_pmid", "_year", "publication_id"])
    return ranked.iloc[0]


def _join(values) -> str:
    return "; ".join(sorted({str(v) for v in values if str(v) not in ("", "nan", "None")}))


def merge_fields(
    rows: pd.DataFrame, fields: list[str], study_id: str, merges: dict[str, str] | None = None
) -> tuple[dict, list[dict]]:
    """One value per field over a study's rows; disagreeing sources go to the conflicts.
    ``merges``: field -> free_text / list (the codebook's ``merge``); other fields are compared."""
    merges = merges or {}
    merged, conflicts = {}, []
    for field in fields:
        if field not in rows.columns:
            merged[field] = None
            continue
        if merges.get(field) == FREE_TEXT:
            merged[field] = _per_source(rows, field)
            continue
        if merges.get(field) == LIST:
            merged[field] = _union(rows, field)
            continue
        present = rows[rows[field].map(_comparable).notna()]
        distinct = {_comparable(v) for v in present[field]}
        if len(distinct) == 1:
            merged[field] = present[field].iloc[0]
            continue
        specific = _most_specific(distinct) if len(distinct) > 1 else None
        if specific is not None:
            merged[field] = specific
            continue
        merged[field] = None
        if len(distinct) > 1:
            raw_col = f"{field}_raw"
            for src in present.to_dict("records"):
                conflicts.append(
                    {
                        "study_id": study_id,
                        "field": field,
                        **{k: src.get(k) for k in PROVENANCE},
                        "value": src[field],
                        "raw": src.get(raw_col),
                    }
                )
    merged["conflict_fields"] = "; ".join(sorted({c["field"] for c in conflicts}))
    return merged, conflicts


def build_dataset(
    included: pd.DataFrame,
    publications: pd.DataFrame,
    rows: pd.DataFrame,
    fields: list[str],
    merges: dict[str, str] | None = None,
    registrations: dict[str, list[str]] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``included``: screened reports with decision include (publication_id, study_id).
    ``rows``: every review table row with publication_id, study_id, provenance and the codebook's fields;
    ``merges``: how each field is merged over sources (the codebook's ``merge``);
    ``registrations`` (record id -> trial register ids; only when registers were searched) adds the
    ``registrations`` column after ``record_ids``."""
    studies, conflicts = [], []
    for study_id in sorted({s for ids in included["study_id"] for s in split_study_ids(ids)}):
        pubs = publications[publications["study_id"].map(lambda ids: study_id in split_study_ids(ids))]
        lead = _primary_publication(pubs)
        study_rows = rows[rows["study_id"] == study_id].sort_values(["review_id", "table_id", "row"])
        values, found = merge_fields(study_rows, fields, study_id, merges)
        conflicts.extend(found)
        record_ids = _join(v for ids in pubs["record_ids"].fillna("") for v in ids.split("; "))
        sources = [
            f"{r}:{t}:{int(n)}" for r, t, n in zip(study_rows["review_id"], study_rows["table_id"], study_rows["row"])
        ]
        studies.append(
            {
                "study_id": study_id,
                "first_author": lead["first_author"],
                "year": lead["year"],
                "title": lead["title"],
                "journal": lead["journal"],
                "pmid": lead["pmid"],
                "doi": lead["doi"],
                "publication_ids": _join(pubs["publication_id"]),
                "record_ids": record_ids,
                "reviews": _join(study_rows["review_id"]),
                "sources": "; ".join(sources),
                "n_sources": len(sources),
                **values,
            }
        )
        if registrations is not None:
            studies[-1]["registrations"] = _join(t for r in record_ids.split("; ") for t in registrations.get(r, ()))
    identity = IDENTITY_COLUMNS
    if registrations is not None:
        at = IDENTITY_COLUMNS.index("record_ids") + 1
        identity = [*IDENTITY_COLUMNS[:at], "registrations", *IDENTITY_COLUMNS[at:]]
    columns = identity + fields + ["conflict_fields"]
    conflict_columns = ["study_id", "field", *PROVENANCE, "value", "raw"]
    return pd.DataFrame(studies, columns=columns), pd.DataFrame(conflicts, columns=conflict_columns)


def dataset_extra_cells(per_review: list[pd.DataFrame], review_rows: pd.DataFrame) -> pd.DataFrame:
    """Every review's unclaimed printed cells with the study its table row belongs to."""
    from litcurate.schemas.extra import DATASET_EXTRA_COLUMNS, EXTRA_COLUMNS

    frames = [f for f in per_review if len(f)]
    if not frames:
        return pd.DataFrame(columns=DATASET_EXTRA_COLUMNS)
    cells = pd.concat(frames, ignore_index=True)[EXTRA_COLUMNS]
    keys = ["review_id", "table_id", "row"]
    links = review_rows[keys + ["study_id"]].copy()
    for frame in (cells, links):
        frame["row"] = pd.to_numeric(frame["row"]).astype("Int64")
    merged = cells.merge(links, on=keys, how="left", validate="many_to_one")
    merged = merged.sort_values(["study_id", "review_id", "table_id", "row", "header"], kind="stable")
    return merged[DATASET_EXTRA_COLUMNS].reset_index(drop=True)
