"""PRISMA's "records identified from registers" box, from a hand-made set of records."""

import xml.etree.ElementTree as ET

import pandas as pd

from litcurate.report.prisma import arithmetic_errors, build_flow
from litcurate.report.prisma_csv import template_counts
from litcurate.report.prisma_svg import render_flow_svg

RECORDS = pd.DataFrame(
    {
        "record_id": ["pmid:1", "pmid:2", "ClinicalTrials.gov:SYNTHETIC-NCT-0001", "WHO_ICTRP:SYNTHETIC-NCT-0001"],
        "database": ["PubMed", "PubMed", "ClinicalTrials.gov", "WHO ICTRP"],
        "duplicate_of": [None, None, None, "ClinicalTrials.gov:SYNTHETIC-NCT-0001"],
    }
)
SCREENED = pd.DataFrame(
    {
        "id": ["pmid:1", "pmid:2", "ClinicalTrials.gov:SYNTHETIC-NCT-0001"],
        "decision": ["include", "exclude", "undecided"],
        "reason": [None, "off topic", None],
    }
)
REPORTS = pd.DataFrame(
    {"publication_id": ["p1"], "study_id": ["s1"], "route": ["databases"], "decision": ["include"], "reason": [None]}
)


def test_register_records_fill_the_registers_box():
    flow = build_flow(RECORDS, SCREENED, REPORTS)
    db = flow["databases"]
    # 2 PubMed records; 2 register records of which 1 is the other's duplicate: 2 + 2 - 1 = 3 screened
    assert (db["records_identified"], db["records_identified_total"]) == ({"PubMed": 2}, 2)
    assert db["registers_identified"] == {"ClinicalTrials.gov": 1, "WHO ICTRP": 1}
    assert db["registers_identified_total"] == 2
    assert (db["duplicates_removed"], db["records_screened"], db["reports_sought"]) == (1, 3, 1)
    assert arithmetic_errors(flow) == []
    flow["databases"]["registers_identified_total"] = 3
    assert "registers identified = sum per register: 3 != 2" in arithmetic_errors(flow)


def test_registers_in_the_diagram_and_the_template():
    flow = build_flow(RECORDS, SCREENED, REPORTS)
    texts = [t.text for t in ET.fromstring(render_flow_svg(flow)).iter("{http://www.w3.org/2000/svg}text")]
    assert texts[1:7] == [
        "Records identified from databases (n = 2)",
        "PubMed (n = 2)",
        "Records identified from registers (n = 2)",
        "ClinicalTrials.gov (n = 1)",
        "WHO ICTRP (n = 1)",
        "Duplicate records removed (n = 1)",
    ]
    counts = template_counts(flow)
    assert counts["register_results"] == "2"
    assert counts["register_specific_results"] == "ClinicalTrials.gov, 1; WHO ICTRP, 1"


def test_without_registers_the_flow_keeps_its_shape():
    flow = build_flow(RECORDS[RECORDS["database"] == "PubMed"], SCREENED.iloc[:2], REPORTS)
    assert "registers_identified" not in flow["databases"]
    assert template_counts(flow)["register_results"] == "0"
    assert template_counts(flow)["register_specific_results"] == "0"
