"""Parser, records schema and snapshot round trip, on hand-written SYNTHETIC XML."""

from __future__ import annotations

import pandas as pd
import pytest

from litcurate.io import read_csv
from litcurate.schemas.records import COLUMNS, RECORDS_SCHEMA, write_records_csv
from litcurate.search.pubmed import build_pubmed_article, parse_pubmed_xml, write_snapshot
from litcurate.search.pubmed.articleset import split_article_set
from litcurate.validate import TableInvalid, validate

DOCTYPE = (
    '<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, '
    '1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n'
)

# Synthetic PMIDs; 9000000010 has ten digits so that text order and number order differ.
STRUCTURED = """
<PubmedArticle>
  <MedlineCitation Status="MEDLINE" Owner="NLM">
    <PMID Version="1">900000101</PMID>
    <Article PubModel="Print">
      <Journal>
        <JournalIssue CitedMedium="Print"><Volume>12</Volume><Issue>6</Issue>
          <PubDate><MedlineDate>2009 Nov-Dec</MedlineDate></PubDate></JournalIssue>
        <Title>Synthetic Journal of Pain Fixtures</Title>
        <ISOAbbreviation>Synth J Pain Fixt</ISOAbbreviation>
      </Journal>
      <ArticleTitle>Synthetic  infusion
        study.</ArticleTitle>
      <Abstract>
        <AbstractText Label="BACKGROUND" NlmCategory="BACKGROUND">Why it was done.</AbstractText>
        <AbstractText Label="RESULTS" NlmCategory="RESULTS">Pain fell from <b>7</b> to 4.</AbstractText>
      </Abstract>
      <AuthorList CompleteYN="Y">
        <Author ValidYN="Y"><LastName>Sørensen</LastName><ForeName>Jens</ForeName><Initials>J</Initials></Author>
        <Author ValidYN="Y"><LastName>Jørum</LastName><ForeName>Ellen</ForeName><Initials>E</Initials></Author>
        <Author ValidYN="N"><LastName>Withdrawn</LastName><Initials>W</Initials></Author>
      </AuthorList>
      <Language>eng</Language>
      <PublicationTypeList>
        <PublicationType UI="D016428">Journal Article</PublicationType>
        <PublicationType UI="D016449">Randomized Controlled Trial</PublicationType>
      </PublicationTypeList>
    </Article>
    <MeshHeadingList>
      <MeshHeading><DescriptorName UI="D007649" MajorTopicYN="Y">Ketamine</DescriptorName>
        <QualifierName UI="Q000008" MajorTopicYN="N">administration &amp; dosage</QualifierName></MeshHeading>
      <MeshHeading><DescriptorName UI="D059350" MajorTopicYN="N">Chronic Pain</DescriptorName></MeshHeading>
    </MeshHeadingList>
  </MedlineCitation>
  <PubmedData>
    <History>
      <PubMedPubDate PubStatus="pubmed"><Year>2009</Year><Month>12</Month><Day>2</Day></PubMedPubDate>
      <PubMedPubDate PubStatus="entrez"><Year>2009</Year><Month>12</Month><Day>1</Day></PubMedPubDate>
    </History>
    <ArticleIdList>
      <ArticleId IdType="pubmed">900000101</ArticleId>
      <ArticleId IdType="doi">10.99999/synthetic.0101</ArticleId>
    </ArticleIdList>
    <ReferenceList><Reference><Citation>Cited paper.</Citation>
      <ArticleIdList><ArticleId IdType="doi">10.99999/cited.paper</ArticleId></ArticleIdList>
    </Reference></ReferenceList>
  </PubmedData>
</PubmedArticle>"""

COLLECTIVE = """
<PubmedArticle>
  <MedlineCitation Status="MEDLINE" Owner="NLM">
    <PMID Version="1">900000002</PMID>
    <Article PubModel="Print-Electronic">
      <Journal>
        <JournalIssue CitedMedium="Internet"><Volume>3</Volume>
          <PubDate><Year>2021</Year><Month>Mar</Month></PubDate></JournalIssue>
        <Title>Synthetic Trials Journal</Title>
        <ISOAbbreviation>Synth Trials J</ISOAbbreviation>
      </Journal>
      <ArticleTitle>A <i>synthetic</i> consortium trial.</ArticleTitle>
      <Pagination><StartPage>101</StartPage><EndPage>109</EndPage></Pagination>
      <ELocationID EIdType="pii" ValidYN="Y">S0000-0000(21)00000-0</ELocationID>
      <ELocationID EIdType="doi" ValidYN="Y">10.99999/synthetic.0002</ELocationID>
      <Abstract><AbstractText>Unstructured synthetic abstract.</AbstractText></Abstract>
      <AuthorList CompleteYN="Y">
        <Author ValidYN="Y"><CollectiveName>Synthetic Pain Consortium</CollectiveName></Author>
        <Author ValidYN="Y"><LastName>Fixture</LastName><ForeName>Ann B</ForeName><Initials>AB</Initials></Author>
      </AuthorList>
      <Language>eng</Language>
      <Language>ger</Language>
      <PublicationTypeList><PublicationType UI="D016428">Journal Article</PublicationType></PublicationTypeList>
    </Article>
  </MedlineCitation>
  <PubmedData>
    <History><PubMedPubDate PubStatus="entrez"><Year>2021</Year><Month>2</Month><Day>9</Day></PubMedPubDate></History>
    <ArticleIdList><ArticleId IdType="pubmed">900000002</ArticleId></ArticleIdList>
  </PubmedData>
</PubmedArticle>"""

BARE = """
<PubmedArticle>
  <MedlineCitation Status="Publisher" Owner="NLM">
    <PMID Version="1">9000000010</PMID>
    <Article PubModel="Electronic">
      <Journal>
        <JournalIssue CitedMedium="Internet"><PubDate><Year>1998</Year></PubDate></JournalIssue>
        <Title>Synthetic Journal Without Abbreviation</Title>
      </Journal>
      <ArticleTitle>Bare synthetic record.</ArticleTitle>
      <Language>fre</Language>
      <PublicationTypeList><PublicationType UI="D016428">Journal Article</PublicationType></PublicationTypeList>
    </Article>
  </MedlineCitation>
  <PubmedData><ArticleIdList><ArticleId IdType="pubmed">9000000010</ArticleId></ArticleIdList></PubmedData>
</PubmedArticle>"""


@pytest.fixture
def records(tmp_path) -> pd.DataFrame:
    path = tmp_path / "pubmed.xml"
    path.write_text(
        DOCTYPE + "<PubmedArticleSet>" + STRUCTURED + COLLECTIVE + BARE + "</PubmedArticleSet>\n", encoding="utf-8"
    )
    return parse_pubmed_xml(path).set_index("pmid", drop=False)


def test_rows_sorted_by_pmid_as_number_with_schema_columns(records):
    assert list(records.columns) == COLUMNS
    assert list(records["pmid"]) == ["900000002", "900000101", "9000000010"]
    assert list(records["record_id"]) == ["pmid:900000002", "pmid:900000101", "pmid:9000000010"]
    assert set(records["source"]) == {"PubMed"}


def test_structured_abstract_medline_date_and_non_ascii_names(records):
    row = records.loc["900000101"]
    assert row["year"] == 2009
    assert row["authors"] == "Sørensen J; Jørum E"
    assert row["first_author"] == "Sørensen"
    assert row["abstract"] == "BACKGROUND: Why it was done.\nRESULTS: Pain fell from 7 to 4."
    assert row["title"] == "Synthetic infusion study."
    assert row["journal"] == "Synth J Pain Fixt"
    assert (row["volume"], row["issue"]) == ("12", "6")
    assert pd.isna(row["pages"])
    assert row["publication_types"] == "Journal Article; Randomized Controlled Trial"
    assert row["mesh_terms"] == "Ketamine; Chronic Pain"
    assert row["entrez_date"] == "2009-12-01"


def test_doi_from_article_ids_not_from_cited_references(records):
    assert records.loc["900000101", "doi"] == "10.99999/synthetic.0101"


def test_collective_author_elocation_doi_and_page_range(records):
    row = records.loc["900000002"]
    assert row["authors"] == "Synthetic Pain Consortium; Fixture AB"
    assert row["first_author"] == "Synthetic Pain Consortium"
    assert row["doi"] == "10.99999/synthetic.0002"
    assert row["pages"] == "101-109"
    assert row["title"] == "A synthetic consortium trial."
    assert row["language"] == "eng; ger"
    assert row["abstract"] == "Unstructured synthetic abstract."
    assert row["year"] == 2021


def test_missing_doi_authors_abstract_and_abbreviation(records):
    row = records.loc["9000000010"]
    for column in ("doi", "authors", "first_author", "abstract", "pages", "volume", "mesh_terms", "entrez_date"):
        assert pd.isna(row[column]), column
    assert row["journal"] == "Synthetic Journal Without Abbreviation"
    assert row["year"] == 1998


def test_records_validate_and_survive_csv_round_trip(records, tmp_path):
    out = tmp_path / "records.csv"
    written = write_records_csv(out, records.reset_index(drop=True))
    back = validate(read_csv(out), RECORDS_SCHEMA, out)
    assert back["year"].tolist() == written["year"].tolist() == [2021, 2009, 1998]
    assert back.loc[1, "authors"] == "Sørensen J; Jørum E"
    assert back.loc[1, "abstract"].count("\n") == 1


def test_schema_rejects_duplicate_pmid_and_impossible_year(records, tmp_path):
    bad = records.reset_index(drop=True)
    bad = pd.concat([bad, bad.iloc[[0]]], ignore_index=True)
    bad.loc[1, "year"] = 1700
    out = tmp_path / "bad.csv"
    with pytest.raises(TableInvalid) as err:
        write_records_csv(out, bad)
    message = str(err.value)
    assert "pmid" in message and "1700" in message
    assert not out.exists()


def test_schema_rejects_record_id_not_matching_pmid(records):
    bad = records.reset_index(drop=True)
    bad.loc[0, "record_id"] = "pmid:900000999"
    with pytest.raises(TableInvalid, match="record_id_is_pmid"):
        validate(bad, RECORDS_SCHEMA, "records.csv")


SNAPSHOT_ARTICLES = [
    {
        "pmid": "900000203",
        "title": "Synthetic snapshot record B.",
        "authors": ["Sørensen J", "Jørum E"],
        "journal": "Synthetic Journal of Snapshots",
        "year": 2012,
        "volume": "5",
        "issue": "2",
        "pages": "10-19",
        "doi": "10.99999/synthetic.snap.b",
    },
    {
        "pmid": "900000201",
        "title": "Synthetic snapshot record A & <co>.",
        "authors": [{"collective": "Synthetic Group"}],
        "journal": "Synthetic Journal of Snapshots",
        "medline_date": "2009 Nov-Dec",
        "abstract": [("METHODS", "Synthetic methods."), ("RESULTS", "Synthetic results.")],
    },
]


def test_snapshot_round_trip(tmp_path):
    write_snapshot(SNAPSHOT_ARTICLES, "synthetic query", tmp_path, "2024-05-01")
    assert (
        (tmp_path / "efetch.xml")
        .read_text(encoding="utf-8")
        .splitlines()[1]
        .startswith('<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle')
    )
    esearch = (tmp_path / "esearch.xml").read_text(encoding="utf-8")
    assert "<Count>2</Count>" in esearch and "<Id>900000203</Id><Id>900000201</Id>" in esearch
    frame = parse_pubmed_xml(tmp_path / "efetch.xml").set_index("pmid")
    b, a = frame.loc["900000203"], frame.loc["900000201"]
    assert (b["title"], b["authors"], b["first_author"], b["journal"]) == (
        "Synthetic snapshot record B.",
        "Sørensen J; Jørum E",
        "Sørensen",
        "Synthetic Journal of Snapshots",
    )
    assert (b["year"], b["volume"], b["issue"], b["pages"], b["doi"]) == (
        2012,
        "5",
        "2",
        "10-19",
        "10.99999/synthetic.snap.b",
    )
    assert (a["title"], a["authors"], a["year"]) == ("Synthetic snapshot record A & <co>.", "Synthetic Group", 2009)
    assert a["abstract"] == "METHODS: Synthetic methods.\nRESULTS: Synthetic results."
    assert pd.isna(a["doi"])
    validate(frame.reset_index()[COLUMNS], RECORDS_SCHEMA, "snapshot")


def test_build_pubmed_article_rejects_non_numeric_pmid():
    with pytest.raises(ValueError):
        build_pubmed_article({"pmid": "PMC123", "title": "x"})


def test_split_keeps_article_bytes_exactly():
    body = (DOCTYPE + "<PubmedArticleSet>" + STRUCTURED + COLLECTIVE + "</PubmedArticleSet>").encode("utf-8")
    split = split_article_set(body)
    assert [a.pmid for a in split.articles] == ["900000101", "900000002"]
    assert split.articles[0].xml == STRUCTURED.strip().encode("utf-8")
    assert split.articles[1].xml == COLLECTIVE.strip().encode("utf-8")
    assert split.head.endswith(b"<PubmedArticleSet>")
