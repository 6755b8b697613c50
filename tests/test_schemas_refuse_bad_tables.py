"""The fixed-shape schemas (dataset, records, PRISMA template CSV, dedup) refuse one wrong value.

Each schema is built inside its test by the function the module calls, so a mutant of that
function is what the test sees. Tables are written by hand; expected failures name the row,
the column and pandera's check (or the error text the schema declares).
"""

from __future__ import annotations

import pandas as pd
import pytest

from litcurate.harmonise.codebook import Codebook, Field
from litcurate.schemas.dataset import (
    conflicts_schema,
    dataset_fields,
    dataset_studies_schema,
    dictionary,
    dictionary_markdown,
    dictionary_table_schema,
    shared_studies_schema,
    studies_columns,
)
from litcurate.schemas.dedup import dedup_output_schema, dedup_pairs_schema, dedup_relations_schema
from litcurate.schemas.prisma import prisma2020_schema
from litcurate.schemas.records import COLUMNS as RECORD_COLUMNS
from litcurate.schemas.records import records_schema, write_records_csv
from litcurate.validate import TableInvalid, validate


def failures(frame: pd.DataFrame, schema) -> list[tuple]:
    """(row, column, check) of every failure, or [] when the table passes."""
    try:
        validate(frame, schema, "table.csv")
    except TableInvalid as exc:
        return sorted({(f["row"], f["column"], f["check"]) for f in exc.failures}, key=str)
    return []


def failed_values(frame: pd.DataFrame, schema, column: str) -> list[tuple]:
    """(row, value) of the failures in ``column``: text columns report the cell as text."""
    with pytest.raises(TableInvalid) as refused:
        validate(frame, schema, "table.csv")
    return [(f["row"], f["value"]) for f in refused.value.failures if f["column"] == column]


def checks_failed(frame: pd.DataFrame, schema) -> set[str]:
    return {check for _, _, check in failures(frame, schema)}


# --- results/dataset/ -----------------------------------------------------------------------------

CODEBOOK = Codebook(
    path="tiny.yaml",
    fields=(
        Field("first_author", "text", "First author"),
        Field("year", "integer", "Year", range=(1950, 2030)),
        Field("n", "integer", "Patients | randomised", range=(1, None)),
        Field("arm", "category", "Arm", values=("drug", "placebo")),
        Field("dose", "number", "Dose", unit="mg"),
    ),
    composites={},
    checks=(),
)
IDENTITY = [
    "study_id",
    "first_author",
    "year",
    "title",
    "journal",
    "pmid",
    "doi",
    "publication_ids",
    "record_ids",
    "registrations",
    "reviews",
    "sources",
    "n_sources",
]
STUDY_COLUMNS = [*IDENTITY, "n", "arm", "dose", "conflict_fields"]


def study(**values) -> dict:
    row = {
        "study_id": "webster2006",
        "first_author": "Webster",
        "year": 2006,
        "title": "Open-label ketamine infusion",
        "journal": "Pain Med",
        "pmid": "16898949",
        "doi": "10.1111/j.1526-4637.2006.00169.x",
        "publication_ids": "webster2006",
        "record_ids": "pmid:16898949",
        "registrations": None,
        "reviews": "zhao2018",
        "sources": "zhao2018:table1:2",
        "n_sources": 1,
        "n": 13,
        "arm": "drug",
        "dose": 120.0,
        "conflict_fields": None,
    }
    row.update(values)
    return row


def studies(*rows: dict, columns=STUDY_COLUMNS) -> pd.DataFrame:
    return pd.DataFrame(list(rows) or [study()], columns=columns)


def test_dataset_fields_are_the_codebook_columns_after_the_identity():
    assert dataset_fields(CODEBOOK) == ["n", "arm", "dose"]
    assert studies_columns(CODEBOOK) == [c for c in STUDY_COLUMNS if c != "registrations"]


def test_a_good_dataset_table_passes_with_or_without_registrations():
    schema = dataset_studies_schema(CODEBOOK)
    assert schema.name == "dataset studies"
    out = validate(studies(study(year="2006", n="13")), schema, "studies.csv")
    assert (out["year"].iloc[0], out["n"].iloc[0]) == (2006, 13)
    assert str(out["year"].dtype) == "Int64"
    without = [c for c in STUDY_COLUMNS if c != "registrations"]
    assert failures(studies(study(), columns=without), schema) == []
    optional = dict.fromkeys(["first_author", "year", "title", "journal", "pmid", "doi", "record_ids"])
    optional.update(dict.fromkeys(["reviews", "sources", "n", "arm", "dose"]))
    assert failures(studies(study(**optional)), schema) == []


# (column, wrong value, check); every schema of the dataset's studies shares the identity checks.
BAD_IDENTITY = [
    ("study_id", "Webster 2006", r"str_matches('^[a-z0-9]+(-[a-z0-9]+)?[a-z]?(-part[a-z0-9]+)?$')"),
    ("study_id", None, "not_nullable"),
    ("year", 1899, "in_range(1900, 2100)"),
    ("year", 2101, "in_range(1900, 2100)"),
    ("pmid", "PMID16898949", r"str_matches('^\d+$')"),
    ("doi", "doi:10.1111/x", r"str_matches('^10\.\S+/\S+$')"),
    ("doi", "10.1111", r"str_matches('^10\.\S+/\S+$')"),
    ("publication_ids", None, "not_nullable"),
    ("n_sources", -1, "greater_than_or_equal_to(0)"),
]


@pytest.mark.parametrize("column, value, check", BAD_IDENTITY, ids=[f"{c}={v}" for c, v, _ in BAD_IDENTITY])
def test_one_wrong_identity_cell_is_refused_by_both_studies_schemas(column, value, check):
    frame = studies(study(**{column: value}))
    assert failures(frame, dataset_studies_schema(CODEBOOK)) == [(1, column, check)]
    assert failures(frame, shared_studies_schema()) == [(1, column, check)]


def test_a_count_of_sources_is_required():
    # n_sources is a plain integer column: an empty cell cannot even be read as one
    assert (1, "n_sources", "coerce_dtype('int64')") in failures(
        studies(study(n_sources=None)), dataset_studies_schema(CODEBOOK)
    )


def test_a_study_id_is_unique():
    frame = studies(study(), study(sources="lii2023:table1:4"))
    expected = [(1, "study_id", "field_uniqueness"), (2, "study_id", "field_uniqueness")]
    assert failures(frame, dataset_studies_schema(CODEBOOK)) == expected
    assert failures(frame, shared_studies_schema()) == expected
    assert failures(studies(study(), study(study_id="webster2006b")), dataset_studies_schema(CODEBOOK)) == []


@pytest.mark.parametrize(
    "column, value, check",
    [("n", 0, "greater_than_or_equal_to(1)"), ("arm", "Drug", "isin(['drug', 'placebo'])")],
)
def test_the_codebook_fields_keep_their_checks_in_the_dataset(column, value, check):
    assert failures(studies(study(**{column: value})), dataset_studies_schema(CODEBOOK)) == [(1, column, check)]
    assert failures(studies(study(**{column: value})), shared_studies_schema()) == []


def test_the_codebook_schema_is_strict_and_ordered_the_shared_one_is_not():
    extra = studies().assign(extra="x")
    swapped = studies()[["first_author", "study_id", *STUDY_COLUMNS[2:]]]
    schema = dataset_studies_schema(CODEBOOK)
    assert failures(extra, schema) == [("-", "dataset studies", "column_in_schema")]
    assert failures(swapped, schema) == [("-", "dataset studies", "column_ordered")]
    shared = shared_studies_schema()
    assert shared.name == "dataset studies"
    assert failures(extra, shared) == [] and failures(swapped, shared) == []
    assert failures(studies().drop(columns=["conflict_fields"]), shared) == [
        ("-", "dataset studies", "column_in_dataframe")
    ]
    out = validate(studies(study(year="2006", conflict_fields=None)), shared, "studies.csv")
    assert str(out["year"].dtype) == "Int64"


CONFLICT_COLUMNS = ["study_id", "field", "review_id", "table_id", "row", "page", "value", "raw"]


def conflict(**values) -> pd.DataFrame:
    row = {
        "study_id": "webster2006",
        "field": "n",
        "review_id": "zhao2018",
        "table_id": "table1",
        "row": 2,
        "page": 2,
        "value": 13,
        "raw": "13",
    }
    row.update(values)
    return pd.DataFrame([row], columns=CONFLICT_COLUMNS)


def test_a_good_conflict_passes_and_keeps_its_value_as_text():
    for schema in (conflicts_schema(CODEBOOK), conflicts_schema()):
        assert schema.name == "dataset conflicts"
        out = validate(conflict(row="2", page=None, raw=None), schema, "conflicts.csv")
        assert (out["value"].iloc[0], out["row"].iloc[0]) == ("13", 2)


@pytest.mark.parametrize(
    "column, value, check",
    [
        ("row", 0, "greater_than_or_equal_to(1)"),
        ("page", 0, "greater_than_or_equal_to(1)"),
        ("study_id", None, "not_nullable"),
        ("review_id", None, "not_nullable"),
        ("table_id", None, "not_nullable"),
        ("value", None, "not_nullable"),
    ],
)
def test_one_wrong_conflict_cell_is_refused(column, value, check):
    assert failures(conflict(**{column: value}), conflicts_schema(CODEBOOK)) == [(1, column, check)]
    assert failures(conflict(**{column: value}), conflicts_schema()) == [(1, column, check)]


def test_a_conflict_names_a_dataset_field_of_the_codebook():
    assert failures(conflict(field="year"), conflicts_schema(CODEBOOK)) == [(1, "field", "isin(['n', 'arm', 'dose'])")]
    assert failures(conflict(field="year"), conflicts_schema()) == []  # no codebook at hand
    assert failures(conflict().assign(extra=1), conflicts_schema()) == [("-", "dataset conflicts", "column_in_schema")]


def test_the_dictionary_documents_identity_and_codebook_columns():
    table = dictionary(["study_id", "n_sources", "arm", "dose"], CODEBOOK)
    assert list(table.columns) == ["column", "type", "unit", "meaning", "source"]
    rows = table.to_dict("records")
    identity_source = "link + PubMed record / reference list"
    field_source = "review trial tables (harmonised; raw text in results/extract/{review}/studies.csv)"
    assert rows[0]["type"] == "string" and rows[0]["unit"] == "" and rows[0]["source"] == identity_source
    assert rows[0]["meaning"].startswith("Stable study identifier")
    assert rows[1] == {
        "column": "n_sources",
        "type": "integer",
        "unit": "rows",
        "meaning": "Number of table rows behind the study",
        "source": identity_source,
    }
    assert rows[2] == {
        "column": "arm",
        "type": "string",
        "unit": "",
        "meaning": "Arm: drug, placebo",
        "source": field_source,
    }
    assert rows[3] == {"column": "dose", "type": "number", "unit": "mg", "meaning": "Dose", "source": field_source}
    assert dictionary([], CODEBOOK).columns.tolist() == ["column", "type", "unit", "meaning", "source"]
    with pytest.raises(KeyError):
        dictionary(["not_a_column"], CODEBOOK)
    validate(table, dictionary_table_schema(), "dictionary.csv")


def test_the_dictionary_schema_refuses_an_undocumented_or_repeated_column():
    schema = dictionary_table_schema()
    assert schema.name == "data dictionary"
    row = {"column": "dose", "type": "number", "unit": None, "meaning": "Dose", "source": "tables"}
    assert failures(pd.DataFrame([row]), schema) == []
    assert failures(pd.DataFrame([row | {"meaning": ""}]), schema) == [(1, "meaning", "str_length(1, None)")]
    assert failures(pd.DataFrame([row, row | {"type": "integer"}]), schema) == [
        (1, "column", "field_uniqueness"),
        (2, "column", "field_uniqueness"),
    ]
    for column in ("column", "type", "source"):
        assert failures(pd.DataFrame([row | {column: None}]), schema) == [(1, column, "not_nullable")]
    assert failures(pd.DataFrame([row | {"extra": 1}]), schema) == [("-", "data dictionary", "column_in_schema")]
    out = validate(pd.DataFrame([row | {"unit": 5}]), schema, "dictionary.csv")
    assert out["unit"].tolist() == ["5"]


def test_the_dictionary_as_markdown():
    text = dictionary_markdown(CODEBOOK)
    lines = text.split("\n")
    assert text.endswith("|\n")
    assert lines[:2] == ["| column | type | unit | meaning |", "|---|---|---|---|"]
    assert len(lines) == 2 + len(studies_columns(CODEBOOK)) + 1  # the last is the empty string after "\n"
    assert lines[-5:] == [
        r"| `n` | integer |  | Patients \| randomised |",
        "| `arm` | string |  | Arm: drug, placebo |",
        "| `dose` | number | mg | Dose |",
        "| `conflict_fields` | string |  | Canonical fields on which the sources disagree (see conflicts.csv); "
        "such cells are left empty |",
        "",
    ]
    assert lines[4] == "| `year` | integer | year | Publication year of the primary report |"


# --- results/records/records.csv ------------------------------------------------------------------


def record(**values) -> dict:
    row = dict.fromkeys(RECORD_COLUMNS)
    row.update(
        record_id="pmid:16898949",
        source="PubMed",
        pmid="16898949",
        doi="10.1111/j.1526-4637.2006.00169.x",
        title="Open-label ketamine infusion",
        year=2006,
        entrez_date="2006-08-09",
    )
    row.update(values)
    return row


def records(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows) or [record()], columns=RECORD_COLUMNS)


def test_a_good_record_passes():
    schema = records_schema()
    assert schema.name == "records"
    out = validate(records(record(year="2006", pmid=16898949)), schema, "records.csv")
    assert (out["year"].iloc[0], out["pmid"].iloc[0]) == (2006, "16898949")
    assert str(out["year"].dtype) == "Int64"
    nothing_known = dict.fromkeys(["doi", "title", "authors", "first_author", "year", "journal", "entrez_date"])
    assert failures(records(record(**nothing_known)), schema) == []
    assert failures(records(record(year=1800), record(record_id="pmid:2", pmid="2", year=2100)), schema) == []


@pytest.mark.parametrize(
    "column, value, check",
    [
        ("source", "Embase", "isin(['PubMed'])"),
        ("source", None, "not_nullable"),
        ("doi", "10.111/x", r"str_matches('^10\.\d{4,9}/\S+$')"),
        ("doi", "10.1111/a b", r"str_matches('^10\.\d{4,9}/\S+$')"),
        ("year", 1799, "in_range(1800, 2100)"),
        ("year", 2101, "in_range(1800, 2100)"),
        ("entrez_date", "2006/08/09", r"str_matches('^\d{4}-\d{2}-\d{2}$')"),
    ],
)
def test_one_wrong_record_cell_is_refused(column, value, check):
    assert failures(records(record(**{column: value})), records_schema()) == [(1, column, check)]


def test_record_id_is_the_pmid():
    schema = records_schema()
    rule = "record_id_is_pmid"
    assert checks_failed(records(record(record_id="pmid:1")), schema) == {rule}
    assert (1, "record_id", r"str_matches('^pmid:\d+$')") in failures(records(record(record_id="16898949")), schema)
    assert (1, "pmid", r"str_matches('^\d+$')") in failures(records(record(record_id="pmid:1a", pmid="1a")), schema)
    assert (1, "record_id", "not_nullable") in failures(records(record(record_id=None)), schema)
    assert (1, "pmid", "not_nullable") in failures(records(record(pmid=None)), schema)
    twice = failures(records(record(), record(title="Another copy")), schema)
    assert {(r, c) for r, c, check in twice if check == "field_uniqueness"} == {
        (1, "record_id"),
        (2, "record_id"),
        (1, "pmid"),
        (2, "pmid"),
    }


def test_records_columns_are_fixed_and_ordered():
    schema = records_schema()
    assert failures(records().assign(extra=1), schema) == [("-", "records", "column_in_schema")]
    swapped = records()[["source", "record_id", *RECORD_COLUMNS[2:]]]
    assert failures(swapped, schema) == [("-", "records", "column_ordered")]


def test_write_records_csv_writes_only_a_valid_table(tmp_path):
    path = tmp_path / "records.csv"
    out = write_records_csv(path, records(record(year="2006")))
    assert out["year"].tolist() == [2006]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == ",".join(RECORD_COLUMNS)
    assert lines[1].startswith("pmid:16898949,PubMed,16898949,10.1111/j.1526-4637.2006.00169.x,")
    bad = tmp_path / "bad.csv"
    with pytest.raises(TableInvalid, match="against schema 'records'") as refused:
        write_records_csv(bad, records(record(source="Embase")))
    assert "row 1, column source: check isin(['PubMed'])" in str(refused.value)
    assert not bad.exists()


# --- results/prisma/prisma2020.csv ----------------------------------------------------------------

PRISMA_COLUMNS = ["data", "node", "box", "description", "boxtext", "tooltips", "url", "n"]


def box(data: str, n: str, node: str = "node5", **values) -> dict:
    row = dict(data=data, node=node, box="box1", description="Records identified", boxtext="Databases")
    row.update(tooltips="Records from databases", url="database_results.html", n=n)
    row.update(values)
    return row


GOOD_BOXES = [
    box("identification", "0", node="NA"),
    box("NA", "0", node="NA"),
    box("NA", "0", node="NA"),  # untitled rows may repeat
    box("database_results", "120"),
    box("database_specific_results", "MEDLINE, 100; Embase, 20"),
    box("dbr_excluded", "wrong population, 3; no outcome, 2"),
    box("other_excluded", "0"),
    box("register_specific_results", "ClinicalTrials.gov, 4"),
]


def prisma(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=PRISMA_COLUMNS)


def test_a_good_prisma_table_passes():
    schema = prisma2020_schema()
    assert schema.name == "PRISMA 2020 template CSV"
    assert failures(prisma(*GOOD_BOXES), schema) == []
    out = validate(prisma(box("duplicates", 7)), schema, "prisma2020.csv")
    assert out["n"].tolist() == ["7"]


N_FORMAT = "n must be a whole number, or 'label, n; label, n' on breakdown rows"


@pytest.mark.parametrize(
    "row, column, check",
    [
        (box("records", "3"), "data", "isin"),
        (box("duplicates", "3", node="n5"), "node", r"str_matches('^(node\d+|NA)$')"),
        (box("duplicates", "3", node="node"), "node", r"str_matches('^(node\d+|NA)$')"),
        (box("duplicates", "3", box=""), "box", "str_length(1, None)"),
        (box("duplicates", "3", description=""), "description", "str_length(1, None)"),
        (box("duplicates", "3", boxtext=""), "boxtext", "str_length(1, None)"),
        (box("duplicates", "3", tooltips=""), "tooltips", "str_length(1, None)"),
        (box("duplicates", "3", url=""), "url", "str_length(1, None)"),
        (box("duplicates", None), "n", "not_nullable"),
    ],
)
def test_one_wrong_prisma_cell_is_refused(row, column, check):
    found = failures(prisma(row), prisma2020_schema())
    assert [(r, c) for r, c, _ in found if c == column] == [(1, column)]
    assert any(got.startswith(check) for _, c, got in found if c == column)


@pytest.mark.parametrize(
    "row",
    [
        box("records_screened", "16 records"),
        box("records_screened", "-3"),
        box("records_screened", "MEDLINE, 16"),  # a breakdown on a count row
        box("database_specific_results", "120"),  # a count on a breakdown row
        box("dbr_excluded", "wrong population 3"),
        box("dbr_excluded", "wrong population, 3;no outcome, 2"),
        box("dbr_excluded", "wrong population, three"),
    ],
)
def test_n_is_a_count_or_a_breakdown_as_the_row_wants(row):
    assert checks_failed(prisma(box("identification", "0", node="NA"), row), prisma2020_schema()) == {N_FORMAT}


def test_a_named_count_appears_once():
    twice = prisma(box("duplicates", "3"), box("duplicates", "3"))
    assert checks_failed(twice, prisma2020_schema()) == {"each named count appears once"}


def test_prisma_columns_are_the_templates_in_order():
    schema = prisma2020_schema()
    assert failures(prisma(*GOOD_BOXES).assign(extra=1), schema) == [
        ("-", "PRISMA 2020 template CSV", "column_in_schema")
    ]
    swapped = prisma(*GOOD_BOXES)[["node", "data", *PRISMA_COLUMNS[2:]]]
    assert failures(swapped, schema) == [("-", "PRISMA 2020 template CSV", "column_ordered")]


# --- litcurate dedup ---------------------------------------------------------------------------------


def dedup(*rows: tuple) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["ID", "cluster_id", "kept"])


def test_a_good_dedup_output_passes():
    schema = dedup_output_schema()
    assert schema.name == "dedup_output"
    out = validate(dedup(("k1", "k1", "1"), ("k3", "k1", "0"), ("c2", "c2", 1)), schema, "out.csv")
    assert out["kept"].tolist() == [1, 0, 1]


@pytest.mark.parametrize(
    "table, expected",
    [
        (dedup(("k1", "k1", 2)), {(1, "kept", "isin([0, 1])")}),
        (dedup(("", "", 1)), {(1, "ID", "str_length(1, None)"), (1, "cluster_id", "str_length(1, None)")}),
        (dedup(("k1", "k1", 1), ("k1", "k1", 0)), {(1, "ID", "field_uniqueness"), (2, "ID", "field_uniqueness")}),
    ],
)
def test_one_wrong_dedup_cell_is_refused(table, expected):
    assert set(failures(table, dedup_output_schema())) >= expected
    assert {column for _, column, _ in failures(table, dedup_output_schema())} <= {"ID", "cluster_id", "kept"}


@pytest.mark.parametrize(
    "table, broken",
    [
        (dedup(("k1", "k1", 1), ("k3", "k1", 1)), "exactly_one_kept_per_cluster"),
        (dedup(("k1", "k1", 0), ("k3", "k1", 0)), "exactly_one_kept_per_cluster"),
        (dedup(("k1", "k9", 1)), "cluster_id_is_a_member_id"),
    ],
)
def test_each_cluster_keeps_one_record_and_is_named_after_one(table, broken):
    assert checks_failed(table, dedup_output_schema()) == {broken}


def test_dedup_output_columns_are_fixed_and_ordered():
    table = dedup(("k1", "k1", 1))
    assert failures(table.assign(extra=1), dedup_output_schema()) == [("-", "dedup_output", "column_in_schema")]
    assert failures(table[["cluster_id", "ID", "kept"]], dedup_output_schema()) == [
        ("-", "dedup_output", "column_ordered")
    ]


PAIR_COLUMNS = ["id_a", "id_b", "score", "decision", "reason"]


def pair(**values) -> pd.DataFrame:
    row = {"id_a": "c1", "id_b": "c2", "score": "0.97", "decision": "merge", "reason": "same DOI"}
    row.update(values)
    return pd.DataFrame([row], columns=PAIR_COLUMNS)


def test_dedup_pairs():
    schema = dedup_pairs_schema()
    assert schema.name == "dedup_pairs"
    assert validate(pair(), schema, "pairs.csv")["score"].tolist() == [0.97]
    assert failures(pair(score=0.0, decision="review"), schema) == []
    assert failures(pair(score=1.0), schema) == []
    assert failures(pair(score=1.01), schema) == [(1, "score", "in_range(0.0, 1.0)")]
    assert failures(pair(score=-0.01), schema) == [(1, "score", "in_range(0.0, 1.0)")]
    assert failures(pair(decision="maybe"), schema) == [(1, "decision", "isin(['merge', 'review'])")]
    assert checks_failed(pair(id_a="c2", id_b="c1"), schema) == {"id_a_before_id_b"}
    assert checks_failed(pair(id_b="c1"), schema) == {"id_a_before_id_b"}
    assert failures(pair().assign(extra=1), schema) == [("-", "dedup_pairs", "column_in_schema")]
    assert failures(pair()[["id_b", "id_a", *PAIR_COLUMNS[2:]]], schema) == [("-", "dedup_pairs", "column_ordered")]


def test_dedup_relations():
    schema = dedup_relations_schema()
    assert schema.name == "dedup_relations"

    def rel(*rows):
        return pd.DataFrame(rows, columns=["ID", "relation", "related_id"])

    good = rel(("e1", "erratum", "k1"), ("r1", "reply", "k1"), ("m1", "comment", "k1"), ("x1", "retraction", "k1"))
    assert failures(good, schema) == []
    assert failures(rel(("e1", "correction", "k1")), schema) == [
        (1, "relation", "isin(['erratum', 'reply', 'comment', 'retraction'])")
    ]
    assert failures(rel(("e1", "erratum", "")), schema) == [(1, "related_id", "str_length(1, None)")]
    assert failures(rel(("", "erratum", "k1")), schema) == [(1, "ID", "str_length(1, None)")]
    assert failures(rel(("e1", "erratum", "k1"), ("e1", "reply", "k2")), schema) == [
        (1, "ID", "field_uniqueness"),
        (2, "ID", "field_uniqueness"),
    ]
    assert failures(good.assign(extra=1), schema) == [("-", "dedup_relations", "column_in_schema")]
    assert failures(good[["relation", "ID", "related_id"]], schema) == [("-", "dedup_relations", "column_ordered")]
    assert validate(rel((1, "erratum", 2)), schema, "relations.csv")["ID"].tolist() == ["1"]


# --- free text is text: a number read into a text column comes out as text -----------------------


def test_dataset_text_columns_come_out_as_text():
    text = ["first_author", "title", "journal", "pmid", "publication_ids", "record_ids", "registrations"]
    text += ["reviews", "sources", "conflict_fields"]
    frame = studies(study(study_id=5, **dict.fromkeys(text, 5)))
    for schema in (dataset_studies_schema(CODEBOOK), shared_studies_schema()):
        out = validate(frame, schema, "studies.csv")
        assert out.loc[0, ["study_id", *text]].tolist() == ["5"] * (len(text) + 1)
        # a number is no DOI, and the failure names the row it is on
        assert failures(studies(study(doi=5)), schema) == [(1, "doi", r"str_matches('^10\.\S+/\S+$')")]


def test_conflict_and_dictionary_text_columns_come_out_as_text():
    out = validate(conflict(study_id=5, field=6, review_id=7, table_id=8, page="2", raw=9), conflicts_schema(), "c.csv")
    assert out.loc[0, "page"] == 2
    assert out.loc[0, ["study_id", "field", "review_id", "table_id", "value", "raw"]].tolist() == [
        "5",
        "6",
        "7",
        "8",
        "13",
        "9",
    ]
    row = {"column": 1, "type": 2, "unit": None, "meaning": 3, "source": 4}
    out = validate(pd.DataFrame([row]), dictionary_table_schema(), "dictionary.csv")
    assert out.loc[0, ["column", "type", "meaning", "source"]].tolist() == ["1", "2", "3", "4"]


def test_records_text_columns_come_out_as_text():
    text = ["title", "authors", "first_author", "journal", "volume", "issue", "pages", "abstract"]
    text += ["publication_types", "mesh_terms", "language"]
    out = validate(records(record(**dict.fromkeys(text, 5))), records_schema(), "records.csv")
    assert out.loc[0, text].tolist() == ["5"] * len(text)
    assert failures(records(record(doi=5)), records_schema()) == [(1, "doi", r"str_matches('^10\.\d{4,9}/\S+$')")]
    assert failures(records(record(source=5)), records_schema()) == [(1, "source", "isin(['PubMed'])")]


def test_records_and_prisma_declare_their_checks():
    assert [(c.name, c.error) for c in records_schema().checks] == [("record_id_is_pmid", "record_id_is_pmid")]
    assert [(c.name, c.error) for c in prisma2020_schema().checks] == [
        ("n_format", N_FORMAT),
        ("data_unique", "each named count appears once"),
    ]


def test_prisma_text_columns_come_out_as_text():
    row = box("duplicates", 3, box=1, description=2, boxtext=3, tooltips=4, url=5)
    out = validate(prisma(row), prisma2020_schema(), "prisma2020.csv")
    assert out.loc[0, ["box", "description", "boxtext", "tooltips", "url", "n"]].tolist() == list("123453")
    assert failures(prisma(box(5, "3")), prisma2020_schema())[0][:2] == (1, "data")
    assert failures(prisma(box("duplicates", "3", node=5)), prisma2020_schema()) == [
        (1, "node", r"str_matches('^(node\d+|NA)$')")
    ]


def test_dedup_text_columns_come_out_as_text():
    out = validate(dedup((5, 5, 1)), dedup_output_schema(), "out.csv")
    assert out.loc[0, ["ID", "cluster_id"]].tolist() == ["5", "5"]
    out = validate(pair(id_a=1, id_b=2, reason=3), dedup_pairs_schema(), "pairs.csv")
    assert out.loc[0, ["id_a", "id_b", "reason"]].tolist() == ["1", "2", "3"]
    assert failures(pair(decision=1), dedup_pairs_schema()) == [(1, "decision", "isin(['merge', 'review'])")]
    relations = pd.DataFrame([("e1", 1, "k1")], columns=["ID", "relation", "related_id"])
    assert failures(relations, dedup_relations_schema()) == [
        (1, "relation", "isin(['erratum', 'reply', 'comment', 'retraction'])")
    ]


def test_a_number_in_a_text_column_is_reported_as_the_text_read():
    assert failed_values(studies(study(doi=5)), dataset_studies_schema(CODEBOOK), "doi") == [(1, "5")]
    assert failed_values(studies(study(doi=5)), shared_studies_schema(), "doi") == [(1, "5")]
    assert failed_values(records(record(doi=5)), records_schema(), "doi") == [(1, "5")]
    assert failed_values(prisma(box(5, "3")), prisma2020_schema(), "data") == [(1, "5")]
    assert failed_values(prisma(box("duplicates", "3", node=5)), prisma2020_schema(), "node") == [(1, "5")]
    assert failed_values(pair(decision=1), dedup_pairs_schema(), "decision") == [(1, "1")]
    relations = pd.DataFrame([("e1", 1, "k1")], columns=["ID", "relation", "related_id"])
    assert failed_values(relations, dedup_relations_schema(), "relation") == [(1, "1")]
    assert failed_values(dedup((5, 6, 1)), dedup_output_schema(), "cluster_id") == [(1, "6")]
