"""Link every source of the workflow to publications and studies.

Sources are the reference entries of every review (``ref:<review>:<n>``) and every
database record (``pmid:<n>`` or ``<database>:<id>``). The citation linker clusters
them into publications (same article); reviewer overrides then group publications
into studies (a secondary analysis or PK-PD re-analysis shares the study of its
parent trial). Each table row of each review is tied to a publication through the
reference it cites.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from litcurate.errors import InputError, OverrideError
from litcurate.link.citations.clusters import ConstrainedClusters
from litcurate.link.citations.linker import link
from litcurate.link.citations.normalise import is_missing, parse_year
from litcurate.link.citations.scoring import DEFAULT_POLICY, Policy
from litcurate.link.parts import part_warnings, split_parts
from litcurate.link.reanalysis import Evidence, find_reanalyses, publication_authors
from litcurate.link.rows import candidate_references, choose_reference, eliminate
from litcurate.names import first_author, slug, surname
from litcurate.suggest import did_you_mean
from litcurate.tsv import read_tsv
from litcurate.warnings import StageWarning

RELATIONS = ["same_publication", "different_publication", "same_study", "different_study"]
CITATION_COLUMNS = [
    "id",
    "authors",
    "title",
    "year",
    "journal",
    "volume",
    "number",
    "pages",
    "doi",
    "pmid",
    "url",
    "body",
]


@dataclass(frozen=True)
class Linked:
    review_rows: pd.DataFrame
    references: pd.DataFrame
    records: pd.DataFrame
    publications: pd.DataFrame
    to_review: pd.DataFrame
    relations: pd.DataFrame | None = None
    warnings: list[StageWarning] = ()
    study_warnings: list[StageWarning] = ()


def relations_table(relations: pd.DataFrame, id_to_pub: dict[str, str]) -> pd.DataFrame:
    """Each erratum / reply / comment / retraction source (record or reference entry) with its
    publication and the publication of the paper it concerns: a relation, never a merge."""
    table = pd.DataFrame(
        {
            "id": relations["ID"],
            "publication_id": relations["ID"].map(id_to_pub),
            "relation": relations["relation"],
            "related_publication_id": relations["related_id"].map(id_to_pub),
        }
    )
    return table.sort_values("id", ignore_index=True)


def reference_id(review_id: str, ref_no: object) -> str:
    """The id of a review's reference entry: ``ref:<review>:<n>``."""
    return f"ref:{review_id}:{int(float(ref_no))}"


def citations_frame(references: pd.DataFrame, records: pd.DataFrame) -> pd.DataFrame:
    """Reference entries and database records as one frame for the citation linker."""
    refs = pd.DataFrame(
        {
            "id": [reference_id(r, n) for r, n in zip(references["review_id"], references["ref_no"])],
            "authors": references["authors"],
            "title": references["title"],
            "year": references["year"],
            "journal": references["journal"],
            "volume": references["volume"],
            "number": references["issue"],
            "pages": references["pages"],
            "doi": references["doi"],
            "pmid": references["pmid"],
            # The entry's text holds a cited page's address and, for web pages and labels whose
            # fields were not parsed, the only words to compare.
            "url": references["text"] if "text" in references.columns else "",
            "body": references["text"] if "text" in references.columns else "",
        }
    )
    recs = pd.DataFrame(
        {
            "id": records["record_id"],
            "authors": records["authors"],
            "title": records["title"],
            "year": records["year"],
            "journal": records["journal"],
            "volume": records["volume"],
            "number": records["issue"],
            "pages": records["pages"],
            "doi": records["doi"],
            "pmid": records["pmid"],
            "url": records["url"] if "url" in records.columns else "",
            "body": "",
        }
    )
    return pd.concat([refs, recs], ignore_index=True)[CITATION_COLUMNS]


def read_overrides(path: str | Path | None) -> pd.DataFrame:
    """The reviewer's link overrides (none when the file does not exist); relations are checked."""
    columns = ["id_a", "id_b", "relation", "reason", "reviewer", "date", "line"]
    if not path or not Path(path).exists():
        return pd.DataFrame(columns=columns)
    try:
        frame, lines = read_tsv(path)
    except InputError as exc:
        raise OverrideError(str(exc)) from None
    missing = [c for c in ["id_a", "id_b", "relation"] if c not in frame.columns]
    if missing:
        raise OverrideError(f"{path}: missing column(s) {', '.join(missing)}")
    frame = frame.assign(line=lines)  # physical lines, comments counted
    bad = frame[~frame["relation"].isin(RELATIONS)]
    if len(bad):
        raise OverrideError(
            f"{path}, line {bad.iloc[0]['line']}: relation {bad.iloc[0]['relation']!r} is not one of "
            f"{', '.join(RELATIONS)}"
        )
    return frame


def _surname(authors: object) -> str:
    """The first author's surname as an id stem: ``"Myers FA Jr; Bluth MH"`` -> ``myers``."""
    return slug(surname(first_author(authors))) or "anon"


def _year(value: object) -> str:
    year = parse_year(value)
    return str(year) if year is not None else "nd"


TITLE_STOPWORDS = {"a", "an", "the", "of", "on", "in", "and", "for", "to", "with", "is", "are"}


def _title_word(title: object) -> str:
    words = [slug(w) for w in str("" if is_missing(title) else title).split()]
    return next((w for w in words if w and w not in TITLE_STOPWORDS), "")


def _lead_order(member: dict) -> tuple:
    """The member that names a group: the earliest (the trial before its re-analyses), then by id."""
    year = _year(member.get("year"))
    return (year if year != "nd" else "9999", member["id"])


def name_groups(members: dict[str, list[dict]]) -> dict[str, str]:
    """Readable, deterministic ids: ``<surname><year>``; when two groups share that stem,
    ``-<first title word>`` is added, and a, b, ... only if that still collides. Ids thus
    stay put when an unrelated paper by the same author and year joins the run."""
    leads = {key: min(group, key=_lead_order) for key, group in members.items()}
    stems: dict[str, list[str]] = {}
    for key in sorted(members):
        lead = leads[key]
        stems.setdefault(f"{_surname(lead['authors'])}{_year(lead['year'])}", []).append(key)
    names = {}
    for stem, keys in stems.items():
        if len(keys) == 1:
            names[keys[0]] = stem
            continue
        worded: dict[str, list[str]] = {}
        for key in keys:
            word = _title_word(leads[key].get("title"))
            worded.setdefault(f"{stem}-{word}" if word else stem, []).append(key)
        for name, same in worded.items():
            for i, key in enumerate(sorted(same)):
                names[key] = name if len(same) == 1 else f"{name}{chr(ord('a') + i)}"
    return names


@dataclass(frozen=True)
class RowLinks:
    cites: list[str]
    scores: list[float]
    reasons: list[str]
    standins: pd.DataFrame
    to_review: pd.DataFrame


def _printed_reference(row: dict, reference_ids: set[str]) -> str | None:
    """The entry the row cites. Where the extractor checked the printed number, only its
    verdict counts: an empty ``ref_no_resolved`` means the printed number was rejected."""
    key = "ref_no_resolved" if "ref_no_resolved" in row else "ref_no"
    number = re.match(r"\d+", "" if is_missing(row.get(key)) else str(row[key]))
    if number and reference_id(row["review_id"], number.group(0)) in reference_ids:
        return reference_id(row["review_id"], number.group(0))
    return None


def co_cited_reports(rows: pd.DataFrame, id_to_pub: dict[str, str]) -> list[Evidence]:
    """A row that cites several entries ("Chen et al. 2012a, b"; printed numbers "9,10" that
    all fit its author and year) names several reports of its one study: each later entry's
    publication joins the first's study. Only numbers the extractor checked count."""
    found = []
    for row in rows.to_dict("records"):
        checked = row.get("ref_no_resolved")
        if is_missing(checked):
            continue
        ids = [reference_id(row["review_id"], n) for n in re.findall(r"\d+", str(checked))]
        publications = list(dict.fromkeys(id_to_pub[i] for i in ids if i in id_to_pub))
        where = f"cited with it in {row['review_id']} {row['table_id']} row {row['row']}"
        found += [Evidence(other, publications[0], True, where, "another report") for other in publications[1:]]
    return found


def _printed_reason(row: dict, ref_id: str) -> str:
    printed, resolved = row.get("ref_no"), row.get("ref_no_resolved")
    if is_missing(printed):
        return f"no number printed; first author and year match {ref_id}"
    if not is_missing(resolved) and str(resolved) != str(printed):
        return f"printed reference {printed} cannot be this study; first author and year match {ref_id}"
    return f"cites reference {printed} of {row['review_id']}"


def row_id(review_id: str, table_id: str, row: object) -> str:
    """The id of a table row: ``row:<review>:<table>:<row>``."""
    return f"row:{review_id}:{table_id}:{int(row)}"


def pair_warnings(to_review: pd.DataFrame, rows: pd.DataFrame, references: pd.DataFrame) -> list[StageWarning]:
    """A warning per pair awaiting a decision, placed at the table row it concerns (a row
    beats a reference entry, which names only its review)."""
    at_row = {row_id(r, t, n): (r, t, int(n)) for r, t, n in zip(rows["review_id"], rows["table_id"], rows["row"])}
    at_ref = dict(zip(references["reference_id"], references["review_id"]))
    found = []
    for pair in to_review.to_dict("records"):
        ids = (pair["id_a"], pair["id_b"])
        place = next((at_row[i] for i in ids if i in at_row), None)
        place = place or next(((at_ref[i], None, None) for i in ids if i in at_ref), (None, None, None))
        message = f"link pair awaiting a decision (score {float(pair['score']):.2f}): {pair['reason']}"
        found.append(StageWarning("link", message, *place, value=f"{pair['id_a']} ~ {pair['id_b']}"))
    return found


def resolve_rows(rows: pd.DataFrame, references: pd.DataFrame, clusters: dict[str, str]) -> RowLinks:
    """Tie every table row to a reference entry, or to a stand-in citation of its own.

    Rows whose printed (or extractor-resolved) number names an entry are tied first; the
    rest are resolved by author and year, using those first links as evidence when several
    entries fit (see :mod:`litcurate.link.rows`).
    """
    reference_ids = set(references["reference_id"])
    records = rows.to_dict("records")
    cites: list[str | None] = [_printed_reference(r, reference_ids) for r in records]
    scores = [1.0 if c else 0.0 for c in cites]
    reasons = [_printed_reason(r, c) if c else "" for r, c in zip(records, cites)]
    linked = rows.assign(_cluster=[clusters.get(c) if c else None for c in cites])
    by_cluster = {key: grp for key, grp in linked.dropna(subset=["_cluster"]).groupby("_cluster")}
    rows_of = {ref: by_cluster.get(clusters[ref], pd.DataFrame()) for ref in reference_ids}
    standins, review = [], []
    pending = {i: candidate_references(row, references) for i, row in enumerate(records) if not cites[i]}
    choices = {i: choose_reference(records[i], found, rows_of) for i, found in pending.items() if found}
    for i, choice in choices.items():
        if choice.reference_id:
            cites[i], scores[i], reasons[i] = choice.reference_id, choice.score, choice.reason
    for i, choice in choices.items():
        if not choice.reference_id:
            elimination = eliminate(records[i], choice, records, cites)
            if elimination.reference_id:
                cites[i], scores[i], reasons[i] = elimination.reference_id, elimination.score, elimination.reason
                review += [
                    {
                        "id_a": row_id(records[i]["review_id"], records[i]["table_id"], records[i]["row"]),
                        "id_b": elimination.reference_id,
                        "score": elimination.score,
                        "reason": elimination.reason,
                    }
                ]
    for i, row in enumerate(records):
        if cites[i]:
            continue
        candidates = pending.get(i, [])
        choice = choices.get(i)
        own_id = row_id(row["review_id"], row["table_id"], row["row"])
        cites[i] = own_id
        reasons[i] = choice.reason if choice else "no reference entry fits its first author and year"
        standins.append({"id": own_id, "authors": row.get("first_author"), "year": row.get("year")})
        review += [{"id_a": own_id, "id_b": ref, "score": 0.5, "reason": reasons[i]} for ref in candidates]
        if not candidates:
            review += [
                {
                    "id_a": own_id,
                    "id_b": ref,
                    "score": 0.3,
                    "reason": "same first author one year apart: another paper, or a misprinted year?",
                }
                for ref in candidate_references(row, references, year_tolerance=1)
            ]
    return RowLinks(
        cites,
        scores,
        reasons,
        pd.DataFrame(standins, columns=["id", "authors", "year"]),
        pd.DataFrame(review, columns=["id_a", "id_b", "score", "reason"]),
    )


def _pick_metadata(members: pd.DataFrame) -> dict:
    """Database records describe a publication best; otherwise the fullest reference entry."""
    ranked = members.assign(
        _is_record=~members["id"].str.startswith(("ref:", "row:")),
        _filled=members[["title", "journal", "volume", "pages", "doi"]].notna().sum(axis=1),
    ).sort_values(["_is_record", "_filled", "id"], ascending=[False, False, True])
    return ranked.iloc[0].to_dict()


def _ids(members: pd.DataFrame, prefix_test) -> str:
    return "; ".join(sorted(i for i in members["id"] if prefix_test(i)))


def publications_table(citations: pd.DataFrame, clusters: dict[str, str], cited: set[str]) -> pd.DataFrame:
    """One row per cluster of citations: its readable id, metadata and sources."""
    frame = citations.assign(cluster=citations["id"].map(clusters))
    groups = {key: grp for key, grp in frame.groupby("cluster", sort=True)}
    names = name_groups({key: grp.to_dict("records") for key, grp in groups.items()})
    rows = []
    for key, members in groups.items():
        meta = _pick_metadata(members)
        record_ids = _ids(members, lambda i: not i.startswith(("ref:", "row:")))
        rows.append(
            {
                "cluster": key,
                "publication_id": names[key],
                "first_author": first_author(meta["authors"]) or None,
                "year": meta["year"],
                "title": meta["title"],
                "journal": meta["journal"],
                "pmid": meta["pmid"],
                "doi": meta["doi"],
                "record_ids": record_ids or None,
                "reference_ids": _ids(members, lambda i: i.startswith(("ref:", "row:"))) or None,
                "in_database": int(bool(record_ids)),
                "cited_by_tables": int(any(i in cited for i in members["id"])),
            }
        )
    return pd.DataFrame(rows)


def assign_studies(
    publications: pd.DataFrame, overrides: pd.DataFrame, id_to_pub: dict[str, str], evidence: list[Evidence] = ()
) -> tuple[pd.Series, pd.Series]:
    """Group publications into studies: a reviewer's same_study override, or a report the
    evidence shows to re-analyse an earlier trial. different_study overrides always win.
    Returns each publication's study id and why it joined another publication's study."""
    groups = ConstrainedClusters(publications["publication_id"])
    for row in overrides.to_dict("records"):
        a, b = id_to_pub[row["id_a"]], id_to_pub[row["id_b"]]
        if row["relation"] == "different_study":
            groups.cannot_link(a, b)
    reasons: dict[str, str] = {}
    for row in overrides.to_dict("records"):
        if row["relation"] == "same_study":
            a, b = id_to_pub[row["id_a"]], id_to_pub[row["id_b"]]
            if groups.conflict(a, b):
                raise OverrideError(
                    f"overrides contradict each other: line {row.get('line')} makes {row['id_a']} and "
                    f"{row['id_b']} one study, a different_study override keeps them apart"
                )
            groups.union(a, b, force=True)
            reasons[a] = f"reviewer: same study as {b}" + (f" ({row['reason']})" if row.get("reason") else "")
    for found in evidence:
        if (
            found.automatic
            and not groups.same(found.report, found.trial)
            and not groups.conflict(found.report, found.trial)
        ):
            groups.union(found.report, found.trial)
            reasons[found.report] = f"{found.joins_as} of {found.trial}: {found.reason}"
    members: dict[str, list[dict]] = {}
    meta = publications.set_index("publication_id")
    for pub in publications["publication_id"]:
        members.setdefault(groups.find(pub), []).append(
            {
                "id": pub,
                "authors": meta.at[pub, "first_author"],
                "year": meta.at[pub, "year"],
                "title": meta.at[pub, "title"],
            }
        )
    names = name_groups(members)
    ids = publications["publication_id"]
    return ids.map(lambda pub: names[groups.find(pub)]), ids.map(reasons)


def _check_override_ids(overrides: pd.DataFrame, known: set[str], path: object) -> None:
    for row in overrides.to_dict("records"):
        for key in ("id_a", "id_b"):
            if row[key] not in known:
                raise OverrideError(
                    f"{path}, line {row['line']}: {key} {row[key]!r} names no record or reference entry"
                    + did_you_mean(row[key], known)
                )


def link_sources(
    rows: pd.DataFrame,
    references: pd.DataFrame,
    records: pd.DataFrame,
    overrides: pd.DataFrame,
    auto_merge: float,
    review_min: float,
    overrides_path: object = None,
    policy: Policy = DEFAULT_POLICY,
) -> Linked:
    """Tie every table row, reference entry and record to a publication and a study."""
    rows = rows.assign(row=pd.to_numeric(rows["row"]).astype(int)).sort_values(
        ["review_id", "table_id", "row"], ignore_index=True
    )
    references = references.assign(
        reference_id=[reference_id(r, n) for r, n in zip(references["review_id"], references["ref_no"])]
    )
    citations = citations_frame(references, records)
    _check_override_ids(overrides, set(citations["id"]), overrides_path)
    pair_overrides = [
        (r["id_a"], r["id_b"], "same" if r["relation"] == "same_publication" else "different")
        for r in overrides.to_dict("records")
        if r["relation"] in ("same_publication", "different_publication")
    ]
    result = link(
        citations, auto_threshold=auto_merge, review_threshold=review_min, overrides=pair_overrides, policy=policy
    )
    row_links = resolve_rows(rows, references, result.clusters)
    clusters = {**result.clusters, **{i: i for i in row_links.standins["id"]}}
    citations = pd.concat([citations, row_links.standins], ignore_index=True)
    publications = publications_table(citations, clusters, set(row_links.cites))
    pub_of_cluster = dict(zip(publications["cluster"], publications["publication_id"]))
    id_to_pub = {i: pub_of_cluster[c] for i, c in clusters.items()}
    study_rows = rows.assign(publication_id=[id_to_pub[c] for c in row_links.cites])
    evidence = find_reanalyses(publications, publication_authors(citations, clusters, pub_of_cluster), study_rows)
    evidence += co_cited_reports(rows, id_to_pub)
    publications["study_id"], publications["study_reason"] = assign_studies(
        publications, overrides, id_to_pub, evidence
    )
    pub_study = dict(zip(publications["publication_id"], publications["study_id"]))
    publications["label"] = [
        f"{a or '?'} {'' if is_missing(y) else int(float(y))}: {'' if is_missing(t) else t}".strip()
        for a, y, t in zip(publications["first_author"], publications["year"], publications["title"])
    ]

    review_rows = rows[["review_id", "table_id", "row", "page", "label", "ref_no"]].copy()
    review_rows["cites"] = row_links.cites
    review_rows["publication_id"] = review_rows["cites"].map(id_to_pub)
    parts = split_parts(rows, list(review_rows["publication_id"].map(pub_study)), pub_study)
    review_rows["study_id"] = parts.row_studies
    publications["study_id"] = publications["publication_id"].map(parts.publication_studies)
    publications["study_reason"] = [
        "; ".join(r for r in (reason, parts.publication_reasons.get(pub)) if not is_missing(r)) or None
        for pub, reason in zip(publications["publication_id"], publications["study_reason"])
    ]
    review_rows["score"] = row_links.scores
    review_rows["reason"] = row_links.reasons

    cited = set(row_links.cites)
    linked_refs = references[["review_id", "ref_no", "reference_id", "first_author", "year", "title"]].copy()
    linked_refs["publication_id"] = linked_refs["reference_id"].map(id_to_pub)
    linked_refs["cited_by_tables"] = linked_refs["reference_id"].isin(cited).astype(int)

    linked_records = records[["record_id", "database", "pmid", "first_author", "year", "title"]].copy()
    linked_records["publication_id"] = linked_records["record_id"].map(id_to_pub)
    # Of duplicate records the PubMed one is kept (fullest metadata), then by database and id.
    preference = linked_records.assign(_other_db=linked_records["database"] != "PubMed")
    first_record = (
        preference.sort_values(["_other_db", "database", "record_id"]).groupby("publication_id")["record_id"].first()
    )
    kept = linked_records["publication_id"].map(first_record)
    linked_records["duplicate_of"] = kept.where(kept != linked_records["record_id"])

    grey = result.pairs[result.pairs["decision"] == "review"][["id_a", "id_b", "score", "reason"]]
    suggested = pd.DataFrame(
        [
            {"id_a": e.report, "id_b": e.trial, "score": 0.5, "reason": f"same study? {e.reason}"}
            for e in evidence
            if pub_study[e.report] != pub_study[e.trial]
        ],
        columns=["id_a", "id_b", "score", "reason"],
    )
    to_review = pd.concat([grey, row_links.to_review, suggested], ignore_index=True).sort_values(
        ["id_a", "id_b"], ignore_index=True
    )
    columns = [
        "publication_id",
        "study_id",
        "study_reason",
        "label",
        "first_author",
        "year",
        "title",
        "journal",
        "pmid",
        "doi",
        "record_ids",
        "reference_ids",
        "in_database",
        "cited_by_tables",
    ]
    linked_refs["ref_no"] = pd.to_numeric(linked_refs["ref_no"])
    return Linked(
        review_rows=review_rows,
        references=linked_refs.sort_values(["review_id", "ref_no"], ignore_index=True),
        records=linked_records.sort_values("record_id", ignore_index=True),
        publications=publications[columns].sort_values("publication_id", ignore_index=True),
        to_review=to_review,
        relations=relations_table(result.relations, id_to_pub),
        warnings=pair_warnings(to_review, rows, references),
        study_warnings=part_warnings(review_rows, parts),
    )
