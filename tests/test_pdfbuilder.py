"""The review-PDF fixture builder: every layout must yield real, extractable text
where the manifest says it is, look like a journal table, and be deterministic."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from pdfplumber.utils.exceptions import PdfminerException

from fixtures import bad_pdfs
from fixtures import pdfbuilder as pb
from fixtures.pdfbuilder import LAYOUTS, Layout, build_review_pdf, load_facts, plain_text

HERE = Path(__file__).resolve().parent
SAMPLE = HERE / "fixtures" / "sample_facts.yaml"
FACTS_DIR = HERE.parent / "resources" / "facts"
FONTS = pb.register_fonts()


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def expected(text) -> str:
    return squash(FONTS.text(plain_text(str(text))))


@pytest.fixture(scope="module")
def facts() -> dict:
    return load_facts(SAMPLE)


@pytest.fixture(scope="module")
def built(facts, tmp_path_factory):
    """Build the sample facts once per layout: name -> (path, manifest)."""
    out = tmp_path_factory.mktemp("layouts")
    cache = {}

    def get(name: str):
        if name not in cache:
            path = out / f"{name}.pdf"
            cache[name] = (path, build_review_pdf(facts, path, LAYOUTS[name]))
        return cache[name]

    return get


def blocks(manifest, table_id=None):
    for table in manifest["tables"]:
        if table_id in (None, table["table_id"]):
            for block in table["blocks"]:
                yield table, block


# -- every layout ------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_page_count_and_orientation(built, name):
    path, manifest = built(name)
    layout = LAYOUTS[name]
    table_pages = {b["page"] for _, b in blocks(manifest)}
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == manifest["page_count"]
        for number, page in enumerate(pdf.pages, start=1):
            rotated = layout.orientation == "rotated" and number in table_pages
            assert page.rotation == (90 if rotated else 0)
            landscape = layout.orientation == "landscape" or rotated
            assert (page.width > page.height) == landscape


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_captions_first_and_continued(built, facts, name):
    path, manifest = built(name)
    style = LAYOUTS[name].continued_caption
    with pdfplumber.open(path) as pdf:
        for table, block in blocks(manifest):
            text = collapse(pdf.pages[block["page"] - 1].extract_text())
            if block["continued"]:
                assert pb.continued_caption(table["caption"], style) in text
            else:
                assert collapse(table["caption"]) in text
    first = [b for _, b in blocks(manifest)]
    assert not first[0]["continued"]


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_every_header_and_cell_is_inside_its_box(built, facts, name):
    """Header repeated on every page of a table; every cell's text found, whole,
    inside the box the manifest gives (whitespace ignored: cells wrap)."""
    path, manifest = built(name)
    tables = {t["table_id"]: t for t in facts["tables"]}
    with pdfplumber.open(path) as pdf:
        for table, block in blocks(manifest):
            page = pdf.pages[block["page"] - 1]
            source = tables[table["table_id"]]
            for j, box in zip(block["columns"], block["header_bboxes"]):
                assert squash(page.within_bbox(box).extract_text()) == expected(source["header"][j])
            for i, boxes in zip(block["rows"], block["cell_bboxes"]):
                for j, box in zip(block["columns"], boxes):
                    got = squash(page.within_bbox(box).extract_text())
                    assert got == expected(source["rows"][i]["cells"][j]), (table["table_id"], i, j)


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_rows_are_never_split_or_lost(built, facts, name):
    _, manifest = built(name)
    for table in manifest["tables"]:
        n = len(next(t for t in facts["tables"] if t["table_id"] == table["table_id"])["rows"])
        halves = sorted({str(b["half"]) for b in table["blocks"]})
        for half in halves:
            rows = [i for b in table["blocks"] if str(b["half"]) == half for i in b["rows"]]
            assert rows == list(range(n))


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_continued_line_and_footnotes(built, facts, name):
    path, manifest = built(name)
    notes = {t["table_id"]: t.get("footnotes") or [] for t in facts["tables"]}
    with pdfplumber.open(path) as pdf:
        for table, block in blocks(manifest):
            text = collapse(pdf.pages[block["page"] - 1].extract_text())
            last = block is table["blocks"][-1]
            assert block["continues"] != last
            assert ("(Continued)" in text) == (
                block["continues"] or any(b["continues"] for _, b in blocks(manifest) if b["page"] == block["page"])
            )
            for note in notes[table["table_id"]]:
                # the footnote prints once, under the table's last block
                assert (squash(FONTS.text(plain_text(note))) in squash(text)) == last or any(
                    b is not block and b["page"] == block["page"] for _, b in blocks(manifest, table["table_id"])
                )


def reading_order_text(page, columns: int) -> str:
    """Page text column by column (a two-column page read left column first)."""
    if columns == 1:
        return page.extract_text()
    middle = page.width / 2
    halves = [(0, 0, middle, page.height), (middle, 0, page.width, page.height)]
    return "\n".join(page.within_bbox(box).extract_text() for box in halves)


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_references_listed_in_order(built, facts, name):
    path, manifest = built(name)
    columns = LAYOUTS[name].columns
    with pdfplumber.open(path) as pdf:
        text = "\n".join(reading_order_text(pdf.pages[p - 1], columns) for p in manifest["references"]["pages"])
    assert "References" in text
    positions = [squash(text).find(f"{r['ref_no']}.{squash(r['text'])[:30]}") for r in facts["references"]]
    assert -1 not in positions
    assert positions == sorted(positions)


# -- specific layouts ----------------------------------------------------------


def horizontal_and_vertical(page, box):
    """Lines drawn within the vertical span of a table block (header top to last row)."""
    top, bottom = box
    lines = [ln for ln in page.lines if top - 1 <= ln["top"] <= bottom + 1]
    horizontal = [ln for ln in lines if abs(ln["top"] - ln["bottom"]) < 0.5]
    vertical = [ln for ln in lines if abs(ln["x0"] - ln["x1"]) < 0.5]
    return horizontal, vertical


def block_span(block):
    return block["header_bboxes"][0][1], block["cell_bboxes"][-1][0][3]


@pytest.mark.parametrize(
    "name,expect", [("springer_booktabs", "booktabs"), ("ruled_grid", "ruled"), ("unruled", "unruled")]
)
def test_rules(built, name, expect):
    path, manifest = built(name)
    table, block = next(blocks(manifest, "table2"))
    with pdfplumber.open(path) as pdf:
        horizontal, vertical = horizontal_and_vertical(pdf.pages[block["page"] - 1], block_span(block))
    if expect == "booktabs":
        assert (len(horizontal), len(vertical)) == (3, 0)
    elif expect == "ruled":
        assert len(horizontal) == 3 + len(block["rows"]) - 1
        assert len(vertical) == len(block["columns"]) + 1
    else:
        assert (len(horizontal), len(vertical)) == (0, 0)


def test_zebra_shades_alternate_rows(built):
    path, manifest = built("zebra")
    with pdfplumber.open(path) as pdf:
        for _, block in blocks(manifest):
            page = pdf.pages[block["page"] - 1]
            shaded = [r for r in page.rects if r["fill"] and not r["stroke"]]
            odd = [boxes[0] for i, boxes in zip(block["rows"], block["cell_bboxes"]) if i % 2]
            tops = sorted(r["top"] for r in shaded if block_span(block)[0] <= r["top"] <= block_span(block)[1])
            assert tops == pytest.approx(sorted(b[1] for b in odd), abs=0.05)
    _, plain = built("springer_booktabs")
    with pdfplumber.open(plain["path"]) as pdf:
        assert not any(r["fill"] for p in pdf.pages for r in p.rects)


def test_superscripts_are_small_and_raised(built):
    path, manifest = built("springer_booktabs")
    _, block = next(blocks(manifest, "table2"))
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[block["page"] - 1]
        chars = page.within_bbox(block["cell_bboxes"][0][0]).chars  # "Sigtermans et al^{3}"
    body = [c for c in chars if c["text"] == "l"]
    sup = [c for c in chars if c["text"] == "3"]
    assert body and len(sup) == 1
    assert sup[0]["size"] < 0.75 * body[-1]["size"]
    assert sup[0]["bottom"] < body[-1]["bottom"] - 1.0  # raised baseline
    assert sup[0]["x0"] >= body[-1]["x1"] - 0.01  # printed right after "al"


def test_rotated_tables_read_upright(built, facts):
    path, manifest = built("rotated")
    _, block = next(blocks(manifest, "table1"))
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[block["page"] - 1]
        assert page.page_obj.attrs["Rotate"] == 90
        assert page.page_obj.attrs["MediaBox"][2] < page.page_obj.attrs["MediaBox"][3]
        assert all(c["upright"] for c in page.chars)
        assert collapse(facts["tables"][0]["caption"]) in collapse(page.extract_text())
        assert pdf.pages[0].rotation == 0  # the header block stays portrait


@pytest.mark.parametrize("name,label_repeated", [("split_halves", True), ("split_halves_no_label", False)])
def test_split_halves(built, facts, name, label_repeated):
    path, manifest = built(name)
    table = manifest["tables"][0]
    left = [b for b in table["blocks"] if b["half"] == 0]
    right = [b for b in table["blocks"] if b["half"] == 1]
    n_cols = len(facts["tables"][0]["header"])
    assert left and right and left[0]["columns"][0] == 0
    assert min(b["page"] for b in right) > max(b["page"] for b in left)
    assert (right[0]["columns"][0] == 0) == label_repeated
    covered = set(left[0]["columns"]) | set(right[0]["columns"])
    assert covered == set(range(n_cols))
    assert all(b["continued"] for b in right) and left[-1]["continues"]
    with pdfplumber.open(path) as pdf:
        text = collapse(pdf.pages[right[0]["page"] - 1].extract_text())
    assert "Table 1. Continued" in text


def test_rows_per_page_cap_forces_continuations(built):
    _, manifest = built("paged")
    cap = LAYOUTS["paged"].rows_per_page
    for table in manifest["tables"]:
        assert max(table["rows_per_page"]) <= cap
        assert len(table["pages"]) >= 2
    assert manifest["tables"][0]["rows_per_page"] == [2, 2, 1]


def test_two_column_references(built):
    path, manifest = built("two_column_refs")
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[manifest["references"]["pages"][0] - 1]
        labels = [w for w in page.extract_words() if re.fullmatch(r"\d+\.", w["text"])]
    assert any(w["x0"] < page.width / 2 for w in labels)
    assert any(w["x0"] > page.width / 2 for w in labels)


def test_reference_hanging_indent(built, facts):
    path, manifest = built("springer_booktabs")
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[manifest["references"]["pages"][0] - 1]
        lines = page.extract_text_lines()
    ref = next(i for i, ln in enumerate(lines) if ln["text"].startswith("3. Sigtermans"))
    label_x = lines[ref]["x0"]
    continuation_x = lines[ref + 1]["x0"]
    first_text_x = next(c["x0"] for c in lines[ref]["chars"] if c["text"] == "S")
    assert continuation_x > label_x + 5
    assert abs(continuation_x - first_text_x) < 0.5


def test_unicode_characters_are_real_text(built):
    path, _ = built("springer_booktabs")
    with pdfplumber.open(path) as pdf:
        text = "".join(p.extract_text() for p in pdf.pages)
    if not FONTS.unicode:
        pytest.skip("no Unicode TTF installed")
    for ch in "µ±–≥≤øé₄ö":
        assert ch in text


def test_header_block_has_citation_facts(built, facts):
    path, manifest = built("two_column_refs")
    with pdfplumber.open(path) as pdf:
        text = collapse(pdf.pages[0].extract_text())
    review = facts["review"]
    for piece in (review["title"][:40], review["authors"][0], review["journal"], str(review["year"])):
        assert piece in text


def test_font_size_option_changes_text_size(built, facts, tmp_path):
    small = build_review_pdf(facts, tmp_path / "s.pdf", Layout(orientation="landscape", font_size=6.0))
    large = build_review_pdf(facts, tmp_path / "l.pdf", Layout(orientation="landscape", font_size=9.0))
    assert small["tables"][1]["font_size"] == 6.0 and large["tables"][1]["font_size"] == 9.0
    assert large["page_count"] > small["page_count"]


def test_too_many_columns_shrink_then_break(built):
    _, portrait = built("springer_booktabs")
    _, landscape = built("landscape")
    assert portrait["tables"][0]["font_size"] < LAYOUTS["springer_booktabs"].font_size
    assert portrait["tables"][0]["hard_breaks"] > 0
    assert landscape["tables"][0]["hard_breaks"] == 0


# -- determinism ---------------------------------------------------------------


def test_two_builds_are_byte_identical(facts, tmp_path):
    a = tmp_path / "a" / "x.pdf"
    b = tmp_path / "b" / "y.pdf"
    build_review_pdf(facts, a, LAYOUTS["rotated"])
    build_review_pdf(facts, b, LAYOUTS["rotated"])
    assert a.read_bytes() == b.read_bytes()


def test_build_in_a_fresh_process_is_byte_identical(facts, tmp_path):
    here = tmp_path / "here.pdf"
    there = tmp_path / "there.pdf"
    build_review_pdf(facts, here, LAYOUTS["zebra"])
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from fixtures.pdfbuilder import *;"
        "build_review_pdf(load_facts(sys.argv[2]), sys.argv[3], LAYOUTS['zebra'])"
    )
    subprocess.run([sys.executable, "-c", code, str(HERE), str(SAMPLE), str(there)], check=True)
    assert here.read_bytes() == there.read_bytes()


# -- small units and errors ------------------------------------------------------


def test_parse_markup_finds_superscripts():
    assert pb.parse_markup("Amr,^{155} 2010") == [("Amr,", False), ("155", True), (" 2010", False)]
    assert pb.parse_markup("^{23-29}") == [("23-29", True)]
    assert plain_text("criteria^{10,11}") == "criteria10,11"


def test_wrap_breaks_at_spaces_and_only_breaks_words_when_forced():
    style = pb.Style(FONTS.regular, 7.0)
    wrapped = pb.wrap("Elevations of liver enzymes, Inebriation", 60, style)
    assert len(wrapped.lines) > 1 and wrapped.hard_breaks == 0
    assert all(pb.word_width(w, style) <= 60 for line in wrapped.lines for w in line)
    narrow = pb.wrap("0.08-0.26mg/hr/kg", 25, style)
    assert narrow.hard_breaks >= 1
    assert "".join(ch for line in narrow.lines for w in line for ch, _ in w) == "0.08-0.26mg/hr/kg"


def test_fill_widths_gives_wordy_columns_more_room():
    widths = pb.fill_widths([20, 20, 20], [30, 300, 60], [30, 900, 60], 200)
    assert abs(sum(widths) - 200) < 1e-6
    assert widths[1] > widths[2] > widths[0] - 1e-9
    assert widths[0] <= 30 + 1e-9
    capped = pb.cap_widths([10, 10, 100], 80)
    assert capped[:2] == [10, 10] and abs(sum(capped) - 80) < 1e-6


def test_continued_caption_styles():
    assert pb.continued_caption("Table 2. Summary", "dot") == "Table 2. Continued"
    assert pb.continued_caption("TABLE 3. Outcomes", "dot") == "TABLE 3. Continued"
    assert pb.continued_caption("Table 1 Characteristics", "paren") == "Table 1 (continued)"
    assert pb.continued_caption("Table 1 Characteristics", "full") == ("Table 1 Characteristics (continued)")


def test_load_facts_names_the_bad_row(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "review_id: x\nreview: {first_author: A, authors: [A], title: T, "
        "journal: J, year: 2000}\ntables:\n  - {table_id: t1, caption: C, "
        "header: [a, b], rows: [{cells: [1, 2]}, {cells: [1]}]}\n"
    )
    with pytest.raises(ValueError, match=r"t1 row 1: 1 cells, header has 2"):
        load_facts(bad)


def test_row_taller_than_a_page_is_an_error(facts, tmp_path):
    huge = {
        **facts,
        "tables": [
            {"table_id": "t", "caption": "Table 9 Huge", "header": ["a"], "rows": [{"cells": ["word " * 3000]}]}
        ],
    }
    with pytest.raises(ValueError, match="table t row 0"):
        build_review_pdf(huge, tmp_path / "huge.pdf", LAYOUTS["springer_booktabs"])


def test_helvetica_fallback_transliterates(facts, tmp_path, monkeypatch):
    monkeypatch.setattr(pb, "find_ttf_pair", lambda: None)
    manifest = build_review_pdf(facts, tmp_path / "h.pdf", LAYOUTS["landscape"])
    assert manifest["fonts"]["unicode"] is False
    with pdfplumber.open(tmp_path / "h.pdf") as pdf:
        text = "".join(p.extract_text() for p in pdf.pages)
    assert ">=30% relief" in text and "CYP3A4" in text and "µg/dL" in text


# -- broken PDFs -----------------------------------------------------------------


def test_scanned_pdf_has_an_image_and_no_text(tmp_path):
    path = bad_pdfs.write_scanned_pdf(tmp_path / "scan.pdf")
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == 1
        assert pdf.pages[0].chars == [] and len(pdf.pages[0].images) == 1


def test_encrypted_pdf_needs_the_password(tmp_path):
    path = bad_pdfs.write_encrypted_pdf(tmp_path / "enc.pdf")
    with pytest.raises(PdfminerException):
        pdfplumber.open(path)
    with pdfplumber.open(path, password=bad_pdfs.USER_PASSWORD) as pdf:
        assert "Correl, G et al" in pdf.pages[0].extract_text()


@pytest.mark.parametrize("writer", [bad_pdfs.write_corrupt_pdf, bad_pdfs.write_zero_byte_pdf])
def test_unreadable_pdfs_raise(tmp_path, writer):
    path = writer(tmp_path / "x.pdf")
    with pytest.raises(PdfminerException):
        with pdfplumber.open(path) as pdf:
            pdf.pages[0].extract_text()


def test_empty_pdf_is_valid_but_blank(tmp_path):
    path = bad_pdfs.write_empty_pdf(tmp_path / "empty.pdf")
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == 1
        assert pdf.pages[0].chars == [] and pdf.pages[0].images == []


def test_bad_pdfs_are_deterministic(tmp_path):
    first = bad_pdfs.write_all(tmp_path / "a")
    second = bad_pdfs.write_all(tmp_path / "b")
    assert set(first) == {"scanned", "encrypted", "corrupt", "empty", "zero_byte"}
    for kind in first:
        assert first[kind].read_bytes() == second[kind].read_bytes(), kind


# -- the demo facts ----------------------------------------------------------------

DEMO_FACTS = sorted(FACTS_DIR.glob("*.yaml"))


@pytest.mark.skipif(not DEMO_FACTS, reason="no resources/facts yet")
@pytest.mark.parametrize("facts_path", DEMO_FACTS, ids=lambda p: p.stem)
def test_demo_facts_round_trip_in_their_default_layout(facts_path, tmp_path):
    from fixtures.build_demo_pdfs import layout_for

    demo = load_facts(facts_path)
    layout = LAYOUTS[layout_for(demo["review_id"], None)]
    manifest = build_review_pdf(demo, tmp_path / "demo.pdf", layout)
    assert all(t["hard_breaks"] == 0 for t in manifest["tables"])
    tables = {t["table_id"]: t for t in demo["tables"]}
    with pdfplumber.open(tmp_path / "demo.pdf") as pdf:
        for table, block in blocks(manifest):
            page = pdf.pages[block["page"] - 1]
            rows = tables[table["table_id"]]["rows"]
            for i, boxes in zip(block["rows"], block["cell_bboxes"]):
                for j, box in zip(block["columns"], boxes):
                    assert squash(page.within_bbox(box).extract_text()) == expected(rows[i]["cells"][j])
