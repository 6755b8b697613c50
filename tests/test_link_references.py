"""Reference entries of different reviews that cite one work link, whatever the wording:
web pages, labels and guidelines by address or citation text, a Cochrane review whatever its
volume slot holds, an ahead-of-print citation, a main title without its subtitle.

Fields are transcribed by hand from the reference lists in ../shared/seeds (review:number),
as the extractor would split them, with the entry's whole text as ``body`` and ``url``."""

import pandas as pd
import pytest

from litcurate.link.citations import link


def entry(id_, text, authors="", title="", journal="", year="", volume="", pages=""):
    return {
        "id": id_,
        "authors": authors,
        "title": title,
        "journal": journal,
        "year": year,
        "volume": volume,
        "pages": pages,
        "url": text,
        "body": text,
    }


MEDSCAPE = [
    entry(
        "cohen2018:4",
        "Anderson P. Ketamine for chronic pain on the rise. <http://www.medscape.com/viewarticle/878159>. "
        "Published April 4, 2017. Accessed November 3, 2017.",
        "Anderson P",
        "Ketamine for chronic pain on the rise",
    ),
    entry(
        "orhurhu2019:2",
        "Anderson P, ed. Ketamine for chronic pain on the rise. Available at: "
        "<https://www.medscape.com/viewarticle/878159>. Accessed November 30, 2017.",
        "Anderson P",
        "Ketamine for chronic pain on the rise",
    ),
]
FDA_LABEL = [
    entry(
        "cohen2018:91",
        "Ketalar (ketamine hydrochloride) injection. Available at: https://www.accessdata.fda.gov/"
        "drugsatfda_docs/label/2017/016812s0431bl.pdf. Accessed on November 11, 2017.",
        "Ketalar (ketamine hydrochloride) injection",
    ),
    entry(
        "orhurhu2019:1",
        "US Food and Drug Administration. KETALAR (ketamine hydrochloride) Injection. Available at: "
        "https://www.accessdata.fda.gov/drugsatfda_docs/label/2017/016812s0431bl.pdf. Published May 2, 2017. "
        "Accessed November 30, 2017.",
        "US Food and Drug Administration",
        "KETALAR (ketamine hydrochloride) Injection",
    ),
]
OCEBM = [  # one document at two addresses; the extractor found no title in either
    entry(
        "cohen2018:8",
        "Oxford Centre for Evidence-Based Medicine—Levels of Evidence (March 2009). Available at: "
        "<http://www.cebm.net/blog/2009/06/11/oxford-centre-evidence-based-medicine-levels-evidence-march-2009>. "
        "Accessed January 15, 2018.",
        "Oxford Centre for Evidence-Based Medicine—Levels of Evidence (March 2009)",
    ),
    entry(
        "maher2017:39",
        "Oxford Centre for Evidence-Based Medicine—Levels of Evidence. March 2009. "
        "<http://www.cebm.net/ocebml-levels-of-evidence/>. Oxford University Center for Evidence Based Medicine.",
        "Oxford Centre for Evidence-Based Medicine—Levels of Evidence",
        "March",
        year="2009",
    ),
]
GRADE = [
    entry(
        "cohen2018:9",
        "The GRADE Working Group. GRADE. Available at: <http://www.gradeworkinggroup.org>. "
        "Updated April 2016. Accessed January 18, 2018.",
        "The GRADE Working Group",
        "GRADE",
    ),
    entry(
        "orhurhu2019:22",
        "The GRADE Working Group. GRADE. Available at: <http://www.gradeworkinggroup.org>. Accessed October 10, 2017.",
        "The GRADE Working Group",
        "GRADE",
    ),
]
USPSTF = [  # another organisation's page: must stay apart from GRADE
    entry(
        "cohen2018:6",
        "U.S. Preventive Task Force. Grade definitions. Available at: <https://www.uspreventiveservices"
        "taskforce.org/Page/Name/grade-definitions>. Accessed November 3, 2017.",
        "U.S. Preventive Task Force",
        "Grade definitions",
    ),
]
COCHRANE = [
    entry(
        "cohen2018:244",
        "",
        "O'Connell NE; Wand BM; McAuley J; Marston L; Moseley GL",
        "Interventions for treating pain and disability in adults with complex regional pain syndrome",
        "Cochrane Database Syst Rev",
        "2013",
        "30",
    ),
    entry(
        "lii2023:20",
        "",
        "O'Connell NE; Wand BM; McAuley JH",
        "Interventions for treating pain and disability in adults with complex regional pain syndrome- an overview "
        "of systematic reviews",
        "Cochrane Database Syst Rev",
        "2013",
        "4",
    ),
]
GUIDELINES = [  # ahead-of-print "2018;1" against the printed volume; acronyms in one title
    entry(
        "lii2023:21",
        "",
        "Cohen SP; Bhatia A; Buvanendran A",
        "Consensus Guidelines on the Use of Intravenous "
        "Ketamine Infusions for Chronic Pain From the American Society of Regional Anesthesia and Pain Medicine, the "
        "American Academy of Pain Medicine, and the American Society of Anesthesiologists",
        "Reg Anesth Pain Med",
        "2018",
        "1",
    ),
    entry(
        "orhurhu2019:3",
        "",
        "Cohen SP; Bhatia A; Buvanendran A",
        "Consensus guidelines on the use of intravenous "
        "ketamine infusions for chronic pain from the American Society of Regional Anesthesia & Pain Medicine (ASRA), "
        "the American Academy of Pain Medicine (AAPM) and the American Society of Anesthesiologists (ASA)",
        "Reg Anesth Pain Med",
        "2018",
        "43",
        "521–546",
    ),
]
ACUTE_GUIDELINES = [  # the companion guideline on acute pain: a different work
    entry(
        "orhurhu2019:47",
        "",
        "Schwenk ES; Viscusi ER; Buvanendran A",
        "Consensus guidelines on the use of "
        "intravenous ketamine infusions for acute pain management from the American Society of Regional Anesthesia "
        "and Pain Medicine, the American Academy of Pain Medicine, and the American Society of Anesthesiologists",
        "Reg Anesth Pain Med",
        "2018",
        "43",
        "456–466",
    ),
]
MAIN_TITLE = [
    entry(
        "lii2023:57",
        "",
        "Kronenberg RH",
        "Ketamine as an Analgesic",
        "J Pain Palliat Care Pharmacother",
        "2002",
        "16",
        "27–35",
    ),
    entry(
        "maher2017:2",
        "",
        "Kronenberg RH",
        "Ketamine as an analgesic: parenteral, oral, rectal, subcutaneous, transdermal and intranasal administration",
        "J Pain Palliat Care Pharmacother",
        "2002",
        "16",
        "27–35",
    ),
]
WHO_SHEETS = [  # synthetic: one site, two pages whose short citations differ by a word
    entry("synthetic:who-a", "World Health Organization. Fact sheet. Available at: https://www.who.example/fs/1."),
    entry(
        "synthetic:who-b", "World Health Organization. Fact sheet: pain. Available at: https://www.who.example/fs/2."
    ),
]
SAME_WORK = [MEDSCAPE, FDA_LABEL, OCEBM, GRADE, COCHRANE, GUIDELINES, MAIN_TITLE]


@pytest.fixture(scope="module")
def clusters():
    rows = [row for group in SAME_WORK for row in group] + USPSTF + ACUTE_GUIDELINES + WHO_SHEETS
    return link(pd.DataFrame(rows)).clusters


@pytest.mark.parametrize("group", SAME_WORK, ids=lambda g: g[0]["id"])
def test_entries_citing_one_work_link(clusters, group):
    assert len({clusters[row["id"]] for row in group}) == 1


def test_different_works_stay_apart(clusters):
    groups = [{clusters[row["id"]] for row in group} for group in SAME_WORK]
    groups += [{clusters[id_]} for id_ in ("cohen2018:6", "orhurhu2019:47", "synthetic:who-a", "synthetic:who-b")]
    names = [name for group in groups for name in group]
    assert len(names) == len(set(names)) == len(SAME_WORK) + 4
