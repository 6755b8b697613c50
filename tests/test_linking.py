"""Linking review rows, reference entries and records into publications and studies."""

from __future__ import annotations

import pandas as pd

from litcurate.link.rows import Resolution, choose_reference, eliminate
from litcurate.link.sources import link_sources, name_groups, read_overrides
from litcurate.report.dataset import build_dataset, merge_fields

REF_COLUMNS = [
    "review_id",
    "ref_no",
    "authors",
    "first_author",
    "title",
    "journal",
    "year",
    "volume",
    "issue",
    "pages",
    "doi",
    "pmid",
]
ROW_COLUMNS = [
    "review_id",
    "table_id",
    "row",
    "page",
    "label",
    "ref_no",
    "ref_no_resolved",
    "first_author",
    "year",
    "n_randomised",
    "n_analysed",
    "rate_max_mg_kg_h",
    "condition",
]

# Citations as printed in the seeds (zhao2018, maher2017, lii2023 reference lists).
SIGTERMANS = (
    "Sigtermans MJ; van Hilten JJ; Bauer MC",
    "Sigtermans",
    "Ketamine produces effective and long-term pain relief in patients with complex regional pain syndrome type 1",
    "Pain",
    "2009",
    "145",
    "3",
    "304-11",
)
KIEFER_ANESTHETIC = (
    "Kiefer RT; Rohr P; Ploppa A",
    "Kiefer",
    "Efficacy of ketamine in anesthetic dosage for the treatment of refractory complex regional pain syndrome: an open-label phase II study",
    "Pain Med",
    "2008",
    "9",
    "8",
    "1173-201",
)
KIEFER_PILOT = (
    "Kiefer RT; Rohr P; Ploppa A; Nohe B",
    "Kiefer",
    "A pilot open-label study of the efficacy of subanesthetic isomeric s(+)-ketamine in refractory CRPS patients",
    "Pain Med",
    "2008",
    "9",
    "",
    "44-54",
)


def _ref(review, number, fields, pmid=""):
    authors, first, title, journal, year, volume, issue, pages = fields
    return dict(
        zip(REF_COLUMNS, [review, str(number), authors, first, title, journal, year, volume, issue, pages, "", pmid])
    )


def _row(review, row, first, year, ref_no="", n=None, rate=None, label=None):
    # the extractor confirms a printed number that fits by repeating it in ref_no_resolved
    return dict(
        zip(
            ROW_COLUMNS,
            [
                review,
                "table1",
                str(row),
                "1",
                label or f"{first} et al",
                ref_no,
                ref_no,
                first,
                year,
                n,
                None,
                rate,
                "CRPS",
            ],
        )
    )


def _records():
    authors, first, title, journal, year, volume, issue, pages = SIGTERMANS
    return pd.DataFrame(
        [
            {
                "record_id": "pmid:19604642",
                "database": "PubMed",
                "pmid": "19604642",
                "doi": None,
                "title": title,
                "authors": authors,
                "first_author": first,
                "year": year,
                "journal": journal,
                "volume": volume,
                "issue": issue,
                "pages": "304",
            }
        ]
    )


def _scenario(overrides=None):
    references = pd.DataFrame(
        [
            _ref("maher2017", 3, SIGTERMANS),
            _ref("maher2017", 6, KIEFER_ANESTHETIC),
            _ref("zhao2018", 9, KIEFER_ANESTHETIC),
            _ref("zhao2018", 10, KIEFER_PILOT),
            _ref("zhao2018", 20, SIGTERMANS),
        ]
    )
    rows = pd.DataFrame(
        [
            _row("maher2017", 1, "Sigtermans", "", "3", n="60"),
            _row("maher2017", 2, "Kiefer", "", "6", n="20", rate="7"),
            # zhao2018 prints no numbers: two Kiefer 2008 rows, one Sigtermans 2009 row
            _row("zhao2018", 1, "Kiefer", "2008", n="20", rate="7"),
            _row("zhao2018", 2, "Kiefer", "2008", n="4"),
            _row("zhao2018", 3, "Sigtermans", "2009", n="30"),
        ]
    )
    return link_sources(
        rows,
        references,
        _records(),
        overrides if overrides is not None else read_overrides(None),
        auto_merge=0.9,
        review_min=0.7,
    )


def test_same_article_in_two_reviews_and_pubmed_is_one_publication():
    linked = _scenario()
    rows = linked.review_rows.set_index(["review_id", "row"])
    assert rows.loc[("maher2017", 1), "publication_id"] == rows.loc[("zhao2018", 3), "publication_id"]
    pub = linked.publications.set_index("publication_id").loc[rows.loc[("maher2017", 1), "publication_id"]]
    assert pub["record_ids"] == "pmid:19604642"
    assert int(pub["in_database"]) == 1
    records = linked.records.set_index("record_id")
    assert records.loc["pmid:19604642", "publication_id"] == pub.name


def test_same_author_and_year_different_papers_stay_apart_and_rows_resolve_on_evidence():
    linked = _scenario()
    rows = linked.review_rows.set_index(["review_id", "row"])
    anesthetic = rows.loc[("maher2017", 2), "publication_id"]
    assert rows.loc[("zhao2018", 1), "publication_id"] == anesthetic  # n and rate agree with maher's row
    assert "n_randomised" in rows.loc[("zhao2018", 1), "reason"]
    assert rows.loc[("zhao2018", 2), "publication_id"] != anesthetic  # the pilot, by elimination
    assert rows.loc[("zhao2018", 2), "cites"] == "ref:zhao2018:10"
    assert {"kiefer2008-efficacy", "kiefer2008-pilot"} <= set(linked.publications["publication_id"])
    # the elimination is a lower-confidence link: it is listed for a human
    assert "row:zhao2018:table1:2" in set(linked.to_review["id_a"])


def test_same_study_override_groups_reports_into_one_study(tmp_path):
    path = tmp_path / "overrides.tsv"
    path.write_text("id_a\tid_b\trelation\nref:zhao2018:10\tpmid:19604642\tsame_study\n")
    linked = _scenario(read_overrides(path))
    pubs = linked.publications.set_index("publication_id")
    assert pubs.loc["kiefer2008-pilot", "study_id"] == pubs.loc["sigtermans2009", "study_id"]
    assert pubs.loc["kiefer2008-efficacy", "study_id"] != pubs.loc["sigtermans2009", "study_id"]


def test_a_printed_number_the_extractor_rejected_is_not_followed():
    references = pd.DataFrame([_ref("lii2023", 56, KIEFER_PILOT)])
    row = _row("lii2023", 1, "Mangnus", "2021", "56")
    row["ref_no_resolved"] = ""
    linked = link_sources(pd.DataFrame([row]), references, _records(), read_overrides(None), 0.9, 0.7)
    assert linked.review_rows.loc[0, "cites"] == "row:lii2023:table1:1"
    assert linked.review_rows.loc[0, "publication_id"] == "mangnus2021"


def test_choose_reference_refuses_a_tie():
    row = {"review_id": "zhao2018", "n_randomised": "20"}
    others = pd.DataFrame([{"review_id": "lii2023", "table_id": "table1", "row": 1, "n_randomised": "20"}])
    both = {"ref:a": others, "ref:b": others}
    result = choose_reference(row, ["ref:a", "ref:b"], both)
    assert result.reference_id is None
    assert "do not say which" in result.reason


def test_eliminate_needs_exactly_one_left():
    undecided = Resolution(None, 0.0, "", ("ref:a", "ref:b", "ref:c"))
    rows = [{"review_id": "r", "table_id": "t"}, {"review_id": "r", "table_id": "t"}]
    assert eliminate(rows[0], undecided, rows, [None, "ref:a"]).reference_id is None
    assert (
        eliminate(rows[0], Resolution(None, 0.0, "", ("ref:a", "ref:b")), rows, [None, "ref:a"]).reference_id == "ref:b"
    )


def test_name_groups_disambiguates_by_title_word_and_is_stable():
    groups = {
        "c1": [{"id": "pmid:1", "authors": "Schwartzman RJ", "year": "2009", "title": "The natural history of CRPS"}],
        "c2": [
            {"id": "pmid:2", "authors": "Schwartzman RJ", "year": "2009", "title": "Outpatient intravenous ketamine"}
        ],
        "c3": [{"id": "pmid:3", "authors": "Jørum E", "year": "2003", "title": "Cold allodynia"}],
    }
    names = name_groups(groups)
    assert names == {"c1": "schwartzman2009-natural", "c2": "schwartzman2009-outpatient", "c3": "jorum2003"}
    groups["c4"] = [{"id": "pmid:4", "authors": "Other A", "year": "2009", "title": "x"}]
    assert name_groups(groups)["c2"] == "schwartzman2009-outpatient"


def test_disagreeing_sources_leave_the_cell_empty_and_list_each_value():
    rows = pd.DataFrame(
        [
            {
                "review_id": "zhao2018",
                "table_id": "table1",
                "row": 5,
                "page": 4,
                "n_randomised": "26",
                "n_randomised_raw": "19(26)",
                "setting": "outpatient",
            },
            {
                "review_id": "lii2023",
                "table_id": "table1",
                "row": 6,
                "page": 2,
                "n_randomised": "26.0",
                "n_randomised_raw": "26",
                "setting": "inpatient",
            },
        ]
    )
    merged, conflicts = merge_fields(rows, ["n_randomised", "setting"], "schwartzman2009")
    assert merged["n_randomised"] == "26"  # 26 and 26.0 agree
    assert merged["setting"] is None
    assert merged["conflict_fields"] == "setting"
    assert {(c["review_id"], c["value"]) for c in conflicts} == {("zhao2018", "outpatient"), ("lii2023", "inpatient")}


def test_dataset_has_one_row_per_included_study_with_provenance():
    linked = _scenario()
    included = linked.publications[["publication_id", "study_id"]].assign(decision="include")
    rows = linked.review_rows.assign(n_randomised=["60", "20", "20", "4", "30"])
    studies, conflicts = build_dataset(included, linked.publications, rows, ["n_randomised"])
    assert studies["study_id"].is_unique
    sig = studies[studies["pmid"] == "19604642"].iloc[0]
    assert sig["reviews"] == "maher2017; zhao2018"
    assert sig["n_sources"] == 2
    assert pd.isna(sig["n_randomised"]) and sig["conflict_fields"] == "n_randomised"
    assert set(conflicts["value"]) >= {"60", "30"}


def test_reanalysis_joins_its_trial_only_on_clear_evidence():
    from litcurate.link.reanalysis import find_reanalyses

    publications = pd.DataFrame(
        [
            {
                "publication_id": "sigtermans2009",
                "title": "Ketamine produces effective and long-term pain relief in patients "
                "with complex regional pain syndrome type 1",
                "year": "2009",
            },
            {
                "publication_id": "schilder2013",
                "title": "Pain relief is associated with improvement in motor function in "
                "complex regional pain syndrome type 1: secondary analysis of a placebo-controlled study on the effects of ketamine",
                "year": "2013",
            },
            {
                "publication_id": "niesters2013",
                "title": "Effect of subanesthetic ketamine on intrinsic functional brain "
                "connectivity: a placebo-controlled functional magnetic resonance imaging study in healthy male volunteers",
                "year": "2013",
            },
            {
                "publication_id": "webster2006",
                "title": "Safety and efficacy of prolonged outpatient ketamine infusions for neuropathic pain",
                "year": "2006",
            },
        ]
    )
    authors = {
        "sigtermans2009": {"sigtermans", "van hilten", "bauer"},
        "schilder2013": {"schilder", "sigtermans", "dahan"},
        "niesters2013": {"niesters", "dahan"},
        "webster2006": {"webster", "walker"},
    }
    rows = pd.DataFrame(
        [
            {
                "publication_id": "sigtermans2009",
                "n_randomised": "60",
                "n_analysed": None,
                "condition": "CRPS",
                "design": "RCT parallel",
            },
            {
                "publication_id": "schilder2013",
                "n_randomised": "30",
                "n_analysed": None,
                "condition": "CRPS",
                "design": None,
            },
        ]
    )
    found = {(e.report, e.trial): e for e in find_reanalyses(publications, authors, rows)}
    sig = found[("schilder2013", "sigtermans2009")]
    assert sig.automatic and "secondary analysis" in sig.reason and "sigtermans" in sig.reason
    assert not found[("schilder2013", "niesters2013")].automatic  # only a shared author: offered, not joined
    assert not any(report == "webster2006" for report, _ in found)  # nothing in its title says re-analysis
    # without the second review's n and condition the two candidates are too close to call
    weak = find_reanalyses(publications, {**authors, "niesters2013": {"niesters", "sigtermans"}}, rows.iloc[:0])
    assert not any(e.automatic for e in weak)
