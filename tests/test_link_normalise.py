"""Normalisation of citation fields, on strings as the five ketamine reviews print them."""

import pytest

from litcurate.link.citations import normalise as nz


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("1173–201", ("1173", "1201")),
        ("1173-1201", ("1173", "1201")),
        ("263-75", ("263", "275")),
        ("263–275", ("263", "275")),
        ("47--65", ("47", "65")),
        ("263", ("263", "")),
        ("3924-3924", ("3924", "")),
        ("S417-S429", ("s417", "s429")),
        ("e12724", ("e12724", "")),
    ],
)
def test_parse_pages_accepts_every_printed_form(raw, expected):
    assert nz.parse_pages(raw) == expected


@pytest.mark.parametrize("raw", ["", "Suppl-29", "t-8", None, "June"])
def test_parse_pages_rejects_mangled_exports(raw):
    assert nz.parse_pages(raw) is None


@pytest.mark.parametrize(
    "a, b, relation",
    [
        ("1173–201", "1173-1201", "same"),
        ("263-75", "263", "same"),
        ("943-945", "943-944", "first"),
        ("2297-2108", "2097-2108", "last"),
        ("569", "567-569", "within"),
        ("44-54", "1173-1201", "conflict"),
        ("969-972", "a1754", "unknown"),
        ("c37-c42", "37-42", "same"),
        ("", "44-54", "unknown"),
    ],
)
def test_pages_relation(a, b, relation):
    assert nz.pages_relation(nz.parse_pages(a), nz.parse_pages(b)) == relation
    assert nz.pages_relation(nz.parse_pages(b), nz.parse_pages(a)) == relation


@pytest.mark.parametrize(
    "a, b, relation",
    [
        ("Pain Med (Malden, Mass.)", "Pain Medicine", "same"),
        ("Pain Med", "Pain Medicine", "same"),
        ("J Pain Symptom Manag", "Journal of Pain and Symptom Management", "same"),
        ("Eur J Pain (London)", "European Journal of Pain", "same"),
        ("Br J Haematol", "British Journal of Haematology", "same"),
        ("Seminars in Thrombosis & Hemostasis", "Seminars in Thrombosis and Hemostasis", "same"),
        ("Pain", "Pain Practice", "part"),
        ("Pain Med", "Anesthesiology", "different"),
        ("Pain Med", "Pain Pract", "different"),
        ("Americas Conference on Information Systems", "Amcis 2017 Proceedings", "part"),
        ("", "Pain", "unknown"),
    ],
)
def test_journal_relation_is_abbreviation_aware(a, b, relation):
    assert nz.journal_relation(a, b) == relation
    assert nz.journal_relation(b, a) == relation


def test_phonetic_key_makes_label_variants_meet():
    assert nz.phonetic_key("correl") == nz.phonetic_key("correll")
    assert nz.phonetic_key("kiefer") != nz.phonetic_key("correll")


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("[Clinical aspects of the complement system]. [Japanese]", "clinical aspects of the complement system"),
        (
            "Management of histologic abnormalities of the cervix. [Review] [43 refs]",
            "management of histologic abnormalities of the cervix",
        ),
        (
            "Eculizumab for atypical hemolytic-uremic syndrome.[Erratum appears in N Engl J Med. 2009 Jun 4;360(23):2487 Note: X [added]]",
            "eculizumab for atypical hemolytic uremic syndrome",
        ),
        (
            "Eculizumab for Atypical Hemolytic-Uremic Syndrome (vol 360, pg 542, 2009)",
            "eculizumab for atypical hemolytic uremic syndrome",
        ),
        (
            "Efficacy of Ketamine in Anesthetic Dosage: An Open-Label Phase II Study.",
            "efficacy of ketamine in anesthetic dosage an open label phase ii study",
        ),
    ],
)
def test_normalise_title_drops_database_notes(raw, expected):
    assert nz.normalise_title(raw) == expected


@pytest.mark.parametrize(
    "title, kind",
    [
        ("Erratum: Severe deficiency of ADAMTS 13 activity", "erratum"),
        ("Severe deficiency of ADAMTS 13 activity (vol 142, pg 310, 2003)", "erratum"),
        ("Atypical hemolytic uremic syndrome associated with group A streptococcus - Reply", "reply"),
        ("Comment on: ketamine for CRPS", "comment"),
        ("Retraction: ketamine and pain", "retraction"),
        ("Severe deficiency of ADAMTS 13.[Erratum appears in J Pediatr. 2003 Jun;142(6):616]", ""),
        ("Ketamine produces effective and long-term pain relief", ""),
    ],
)
def test_title_kind_spots_errata_replies_and_comments(title, kind):
    assert nz.title_kind(title) == kind


def test_doi_and_pmid_normalisation():
    assert nz.normalise_doi("https://doi.org/10.1111/J.1526-4637.2007.00402.x.") == "10.1111/j.1526-4637.2007.00402.x"
    assert nz.normalise_doi("doi: 10.1111/j.1526-4637.2007.00402.x") == "10.1111/j.1526-4637.2007.00402.x"
    assert nz.normalise_doi("not a doi") == ""
    assert nz.normalise_pmid("PMID: 18266808") == "18266808"
    assert nz.normalise_pmid("18266808x") == ""


def test_volume_issue_year():
    assert nz.normalise_volume("24 Suppl 3") == "24"
    assert nz.normalise_volume(9.0) == "9"
    assert nz.normalise_issue("Suppl 8") == "s8"
    assert nz.parse_year("2008 Nov-Dec") == 2008
    assert nz.parse_year("") is None


def test_isbn10_and_isbn13_of_one_book_agree():
    assert nz.normalise_isbn("0-306-40615-2") == nz.normalise_isbn("ISBN 978-0-306-40615-7") == "9780306406157"
    assert nz.normalise_isbn("no isbn here") == ""


def test_urls_compare_without_scheme_www_or_trailing_slash():
    assert nz.normalise_url("<http://www.medscape.com/viewarticle/878159>.") == "medscape.com/viewarticle/878159"
    assert nz.normalise_url("Available at: https://WWW.Medscape.com/viewarticle/878159/") == (
        "medscape.com/viewarticle/878159"
    )
    assert nz.normalise_url("Pain. 2009;145:304-311.") == ""


def test_generic_and_translated_titles_are_recognised():
    for title in ("Editor's comments", "Remarks from the Editor.", "In this issue", "Letter to the editor"):
        assert nz.generic_title(nz.normalise_title(title)), title
    assert not nz.generic_title(nz.normalise_title("Editorial decisions in pain trials: a survey of 120 journals"))
    assert nz.translated_title("[Indications of living-donor kidney transplantation]. [Spanish]")
    assert nz.translated_title("Indications for living kidney donations. [Spanish]")
    assert not nz.translated_title("Ketamine for CRPS [Review] [45 refs]")


def test_proceedings_of_an_academy_is_a_journal_not_a_meeting():
    assert not nz.looks_like_meeting_abstract("Proceedings of the National Academy of Sciences of the United States")
    assert nz.looks_like_meeting_abstract("Amcis 2017 Proceedings")
    assert nz.looks_like_meeting_abstract("Pediatric Nephrology. Conference: 44th Annual Scientific Meeting")
