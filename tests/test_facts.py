"""Structure checks for the transcribed review facts in resources/facts/*.yaml.

Each file holds, for one review, its own bibliographic header, the tables as
printed (cells keep typos and shifted content on purpose) and the numbered
reference list. These tests only guard the structure and the conventions the
rest of the project relies on; they do not judge the content.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

FACTS_DIR = Path(__file__).resolve().parents[1] / "resources" / "facts"
REVIEW_IDS = ["cohen2018", "lii2023", "maher2017", "orhurhu2019", "zhao2018"]

TOP_KEYS = {"review_id", "review", "tables", "references"}
REVIEW_KEYS = {"first_author", "authors", "title", "journal", "year"}
TABLE_KEYS = {"table_id", "caption", "kind", "header", "rows", "footnotes"}
REF_KEYS = {
    "ref_no",
    "text",
    "authors",
    "et_al",
    "title",
    "journal",
    "year",
    "volume",
    "issue",
    "pages",
    "doi",
    "pmid",
}
STRING_REF_FIELDS = ("text", "title", "journal", "volume", "issue", "pages", "doi", "pmid")

# (number of tables, rows per table, number of references) as transcribed
EXPECTED_COUNTS = {
    "cohen2018": ([("table2", 7), ("table3", 5), ("table5", 7)], 268),
    "lii2023": ([("table1", 7)], 77),
    "maher2017": ([("table1", 2), ("table2", 27)], 41),
    "orhurhu2019": ([("table1", 7), ("table2", 7)], 59),
    "zhao2018": ([("table1", 15)], 22),
}

MARKUP = re.compile(r"\^\{([^{}]*)\}")
MARKUP_ITEM = r"(?:\d+(?:-\d+)?|[A-Za-z])"
MARKUP_BODY = re.compile(rf"^{MARKUP_ITEM}(?:,{MARKUP_ITEM})*$")
UNICODE_SUPERSCRIPTS = set("⁰¹²³⁴⁵⁶⁷⁸⁹")


def _path(review_id: str) -> Path:
    return FACTS_DIR / f"{review_id}.yaml"


@pytest.fixture(scope="module", params=REVIEW_IDS)
def facts(request):
    path = _path(request.param)
    assert path.is_file(), f"missing facts file {path}"
    raw = path.read_text(encoding="utf-8")
    return request.param, yaml.safe_load(raw), raw


def _cells(data):
    for table in data["tables"]:
        for i, row in enumerate(table["rows"]):
            for j, cell in enumerate(row["cells"]):
                yield table["table_id"], i, j, cell


def _cited_numbers(body: str) -> list[int]:
    numbers: list[int] = []
    for item in body.split(","):
        if re.fullmatch(r"\d+-\d+", item):
            lo, hi = (int(x) for x in item.split("-"))
            numbers.extend(range(lo, hi + 1))
        elif item.isdigit():
            numbers.append(int(item))
    return numbers


def test_all_files_present():
    found = sorted(p.stem for p in FACTS_DIR.glob("*.yaml"))
    assert found == sorted(REVIEW_IDS)


def test_top_level_and_review_header(facts):
    review_id, data, _ = facts
    assert set(data) == TOP_KEYS
    assert data["review_id"] == review_id
    review = data["review"]
    assert set(review) == REVIEW_KEYS
    assert isinstance(review["first_author"], str) and review["first_author"]
    assert isinstance(review["authors"], list) and review["authors"]
    assert all(isinstance(a, str) and a for a in review["authors"])
    assert review["authors"][0].split(" ")[0] == review["first_author"]
    assert isinstance(review["title"], str) and review["title"]
    assert isinstance(review["journal"], str) and review["journal"]
    assert isinstance(review["year"], int) and 1900 <= review["year"] <= 2030


def test_tables_structure(facts):
    review_id, data, _ = facts
    tables = data["tables"]
    assert isinstance(tables, list) and tables
    ids = [t["table_id"] for t in tables]
    assert len(ids) == len(set(ids)), f"{review_id}: duplicate table_id"
    assert any(t["kind"] == "trial" for t in tables), f"{review_id}: no trial table"
    for table in tables:
        tid = table["table_id"]
        assert set(table) == TABLE_KEYS, tid
        m = re.fullmatch(r"table(\d+)", tid)
        assert m, tid
        assert re.match(rf"(?i)table {m.group(1)}\b", table["caption"]), (tid, table["caption"])
        assert table["kind"] in {"trial", "other"}
        header = table["header"]
        assert isinstance(header, list) and header
        assert all(isinstance(h, str) for h in header)
        assert isinstance(table["rows"], list) and table["rows"]
        for i, row in enumerate(table["rows"]):
            assert set(row) == {"cells"}, (tid, i)
            cells = row["cells"]
            assert isinstance(cells, list)
            assert len(cells) == len(header), f"{review_id} {tid} row {i}: {len(cells)} cells vs {len(header)} headers"
            assert all(isinstance(c, str) for c in cells), (tid, i)
            assert any(c.strip() for c in cells), (tid, i)
        assert isinstance(table["footnotes"], list)
        assert all(isinstance(f, str) and f for f in table["footnotes"])


def test_expected_counts(facts):
    review_id, data, _ = facts
    tables, n_refs = EXPECTED_COUNTS[review_id]
    assert [(t["table_id"], len(t["rows"])) for t in data["tables"]] == tables
    assert len(data["references"]) == n_refs


def test_superscript_markup(facts):
    review_id, data, _ = facts
    texts = [(f"{tid} row {i} col {j}", c) for tid, i, j, c in _cells(data)]
    for table in data["tables"]:
        texts += [(f"{table['table_id']} header", h) for h in table["header"]]
        texts += [(f"{table['table_id']} footnote", f) for f in table["footnotes"]]
    for where, text in texts:
        for m in MARKUP.finditer(text):
            assert MARKUP_BODY.match(m.group(1)), f"{review_id} {where}: bad markup {m.group(0)!r}"
        stripped = MARKUP.sub("", text)
        assert "^" not in stripped, f"{review_id} {where}: stray '^' in {text!r}"
        assert "{" not in stripped and "}" not in stripped, f"{review_id} {where}: stray brace in {text!r}"
        assert not (UNICODE_SUPERSCRIPTS & set(text)), f"{review_id} {where}: unicode superscript left in {text!r}"
        assert "*" not in text and "$" not in text, f"{review_id} {where}: markdown/LaTeX left in {text!r}"
        assert not re.search(r"</?[a-zA-Z][^>]*>", text), f"{review_id} {where}: HTML left in {text!r}"
        assert text == text.strip() and "  " not in text, f"{review_id} {where}: whitespace not normalised"


def test_trial_table_citations_resolve(facts):
    review_id, data, _ = facts
    ref_nos = {r["ref_no"] for r in data["references"]}
    for table in data["tables"]:
        if table["kind"] != "trial":
            continue
        for i, row in enumerate(table["rows"]):
            for cell in row["cells"]:
                for m in MARKUP.finditer(cell):
                    for n in _cited_numbers(m.group(1)):
                        assert n in ref_nos, f"{review_id} {table['table_id']} row {i} cites missing ref {n}"


def test_references_structure(facts):
    review_id, data, _ = facts
    refs = data["references"]
    assert isinstance(refs, list) and refs
    numbers = [r["ref_no"] for r in refs]
    assert all(isinstance(n, int) for n in numbers)
    assert len(numbers) == len(set(numbers)), f"{review_id}: duplicate ref_no"
    assert all(a < b for a, b in zip(numbers, numbers[1:])), f"{review_id}: ref_no not increasing"
    for ref in refs:
        where = f"{review_id} ref {ref['ref_no']}"
        assert set(ref) == REF_KEYS, where
        for field in STRING_REF_FIELDS:
            assert isinstance(ref[field], str), (where, field)
        assert ref["text"] and ref["title"], where
        assert "*" not in ref["text"] and "](" not in ref["text"], f"{where}: markdown left in text"
        assert isinstance(ref["et_al"], bool), where
        assert isinstance(ref["authors"], list), where
        for author in ref["authors"]:
            assert isinstance(author, str) and author == author.strip() and author, where
            assert "et al" not in author, f"{where}: 'et al' belongs in et_al, not authors"
        if ref["et_al"]:
            assert "et al" in ref["text"], f"{where}: et_al true but not printed"
        year = ref["year"]
        assert year is None or (isinstance(year, int) and not isinstance(year, bool) and 1900 <= year <= 2030), where
        if year is not None:
            assert str(year) in ref["text"], f"{where}: year {year} not printed in text"
        if ref["doi"]:
            assert not ref["doi"].lower().startswith("http"), f"{where}: doi keeps the resolver prefix"
            assert ref["doi"] in ref["text"], f"{where}: doi not printed in text"
        if ref["pmid"]:
            assert ref["pmid"].isdigit(), where
            assert f"PubMed: {ref['pmid']}" in ref["text"], f"{where}: pmid not printed in text"


def test_null_years_are_explained(facts):
    review_id, data, raw = facts
    n_null = sum(1 for r in data["references"] if r["year"] is None)
    explained = re.findall(r"^\s+year: null\s+#\s*\S.*$", raw, flags=re.M)
    bare = re.findall(r"^\s+year: (?:null|~)?\s*$", raw, flags=re.M)
    assert not bare, f"{review_id}: year left empty without an explanation"
    assert len(explained) == n_null, f"{review_id}: {n_null} null years but {len(explained)} explained"
