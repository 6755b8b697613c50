"""Pairwise scores on citations printed by the ketamine reviews, and the classic traps."""

from hypothesis import given, settings
from hypothesis import strategies as st

from litcurate.link.citations import score_pair

AUTO = 0.9
REVIEW = 0.5

KIEFER_PHASE2_COHEN = {
    "id": "cohen-225",
    "authors": "Kiefer RT, Rohr P, Ploppa A",
    "title": "Efficacy of ketamine in anesthetic dosage for the treatment of refractory complex regional pain syndrome: an open-label phase II study",
    "year": 2008,
    "journal": "Pain Med",
    "volume": "9",
    "pages": "1173–1201",
}
KIEFER_PHASE2_ZHAO = {
    "id": "zhao-9",
    "authors": "Kiefer RT, Rohr P, Ploppa A, Dieterich HJ, Grothusen J, Koffler S",
    "title": "Efficacy of ketamine in anesthetic dosage for the treatment of refractory complex regional pain syndrome: an open-label phase II study",
    "year": 2008,
    "journal": "Pain Med",
    "volume": "9",
    "number": "8",
    "pages": "1173–201",
    "doi": "https://doi.org/10.1111/j.1526-4637.2007.00402.x",
}
KIEFER_PILOT_ZHAO = {
    "id": "zhao-10",
    "authors": "Kiefer RT, Rohr P, Ploppa A, Nohe B, Dieterich HJ, Grothusen J",
    "title": "A pilot open-label study of the efficacy of subanesthetic isomeric s(+)-ketamine in refractory CRPS patients",
    "year": 2008,
    "journal": "Pain Med (Malden, Mass.)",
    "volume": "9",
    "pages": "44–54",
}
CORRELL_COHEN = {
    "id": "cohen-245",
    "authors": "Correll GE, Maleki J, Gracely EJ, Muir JJ, Harbut RE",
    "title": "Subanesthetic ketamine infusion therapy: a retrospective analysis of a novel therapeutic approach to complex regional pain syndrome",
    "year": 2004,
    "journal": "Pain Med",
    "volume": "5",
    "pages": "263–275",
}
CORRELL_LII = {
    "id": "lii-75",
    "authors": "Correll GE, Maleki J, Gracely EJ, et al",
    "title": "Subanesthetic Ketamine Infusion Therapy: A Retrospective Analysis of a Novel Therapeutic Approach to Complex Regional Pain Syndrome",
    "year": 2004,
    "journal": "Pain Medicine",
    "volume": "5",
    "number": "3",
    "pages": "263–75",
    "pmid": "15367304",
}
SIGTERMANS_PAIN = {
    "id": "maher-3",
    "authors": "Sigtermans MJ, van Hilten JJ, Bauer MC",
    "title": "Ketamine produces effective and long-term pain relief in patients with Complex Regional Pain Syndrome Type 1",
    "year": 2009,
    "journal": "Pain",
    "volume": "145",
    "pages": "304–311",
}
SIGTERMANS_ANESTHESIOLOGY = {
    "id": "maher-x",
    "authors": "Sigtermans M, Dahan A, Moore R",
    "title": "S(+)-ketamine effect on experimental pain and cardiac output: a population pharmacokinetic-pharmacodynamic modeling study in healthy volunteers",
    "year": 2009,
    "journal": "Anesthesiology",
    "volume": "111",
    "pages": "892–903",
}


def test_same_paper_cited_differently_by_two_reviews_merges():
    score, reason = score_pair(KIEFER_PHASE2_COHEN, KIEFER_PHASE2_ZHAO)
    assert score >= AUTO, reason
    assert "pages same" in reason
    score, reason = score_pair(CORRELL_COHEN, CORRELL_LII)
    assert score >= AUTO, reason
    assert "journal same" in reason


def test_two_kiefer_2008_pain_med_papers_stay_apart():
    score, reason = score_pair(KIEFER_PHASE2_COHEN, KIEFER_PILOT_ZHAO)
    assert score < REVIEW, reason
    assert "pages conflict" in reason


def test_two_sigtermans_2009_papers_stay_apart():
    score, reason = score_pair(SIGTERMANS_PAIN, SIGTERMANS_ANESTHESIOLOGY)
    assert score < REVIEW, reason


def test_conflicting_doi_vetoes_an_otherwise_identical_pair():
    a = dict(KIEFER_PHASE2_COHEN, doi="10.5555/synthetic.1")
    b = dict(KIEFER_PHASE2_COHEN, id="other", doi="10.5555/synthetic.2")
    score, reason = score_pair(a, b)
    assert score == 0.0
    assert reason.startswith("veto: DOI differs")


def test_erratum_and_reply_never_merge_with_the_paper():
    erratum = dict(SIGTERMANS_PAIN, id="e", title="Erratum: " + SIGTERMANS_PAIN["title"])
    reply = dict(SIGTERMANS_PAIN, id="r", title=SIGTERMANS_PAIN["title"] + " - Reply")
    for trap in (erratum, reply):
        score, reason = score_pair(SIGTERMANS_PAIN, trap)
        assert score == 0.0 and "publication kind differs" in reason


def test_meeting_abstract_and_full_paper_do_not_auto_merge():
    abstract = {
        "id": "abs",
        "authors": CORRELL_COHEN["authors"],
        "title": CORRELL_COHEN["title"],
        "year": 2004,
        "journal": "Pain Medicine. Conference: annual meeting of a pain society",
        "volume": "",
        "pages": "",
    }
    score, reason = score_pair(abstract, CORRELL_COHEN)
    assert score < AUTO, reason
    assert "meeting abstract vs paper" in reason


def test_missing_title_is_not_enough_evidence_to_auto_merge():
    untitled = dict(CORRELL_COHEN, id="untitled", title="")
    score, reason = score_pair(untitled, CORRELL_COHEN)
    assert REVIEW <= score < AUTO, reason


def test_extra_evidence_n_separates_two_table_rows_of_one_author_year():
    row_a = {"id": "zhao-row-5", "authors": "Kiefer, R et al", "year": 2008, "n": "20", "condition": "CRPS"}
    row_b = {"id": "zhao-row-6", "authors": "Kiefer, R et al", "year": 2008, "n": "4", "condition": "CRPS"}
    row_c = {"id": "lii-row-4", "authors": "Kiefer et al", "year": 2008, "n": "20", "condition": "CRPS"}
    assert score_pair(row_a, row_c)[0] > score_pair(row_a, row_b)[0]
    assert "n 20/4 (-3.0)" in score_pair(row_a, row_b)[1]


SURNAMES = ["Kiefer RT", "Correll GE", "Correl, G", "Sigtermans MJ", "Schwartzman RJ", "van Hilten JJ"]
TITLES = [
    KIEFER_PHASE2_COHEN["title"],
    KIEFER_PILOT_ZHAO["title"],
    CORRELL_COHEN["title"],
    SIGTERMANS_PAIN["title"],
    "",
    "Erratum: " + SIGTERMANS_PAIN["title"],
]
record = st.fixed_dictionaries(
    {
        "id": st.text("abc", min_size=1, max_size=3),
        "authors": st.lists(st.sampled_from(SURNAMES), max_size=3).map("; ".join),
        "title": st.sampled_from(TITLES),
        "year": st.sampled_from([2004, 2008, 2009, None]),
        "journal": st.sampled_from(["Pain Med", "Pain Medicine", "Pain", "Anesthesiology", ""]),
        "volume": st.sampled_from(["5", "9", ""]),
        "pages": st.sampled_from(["263-75", "263–275", "1173-201", "44-54", "", "e12"]),
        "doi": st.sampled_from(["", "10.5555/test.1", "10.5555/test.2"]),
        "n": st.sampled_from(["", "20", "4", "33"]),
    }
)


@settings(max_examples=300, deadline=None)
@given(record, record)
def test_score_is_symmetric_and_bounded(a, b):
    forward, backward = score_pair(a, b), score_pair(b, a)
    assert forward[0] == backward[0]
    assert 0.0 <= forward[0] <= 1.0
