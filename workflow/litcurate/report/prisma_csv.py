"""PRISMA 2020 flow counts in the CSV template of the PRISMA2020 R package and Shiny app.

The file loads straight into ``PRISMA2020::PRISMA_data(read.csv(...))`` (Haddaway et al.
2022) to redraw the diagram there. Rows, node and box names follow the package's template
(``inst/extdata/PRISMA.csv``); ``NA`` is written as the text ``NA`` as the template does.

What the template has no box for is kept in the tooltips: records still awaiting
screening and reports still awaiting a full-text decision. This is a new review, so the
"previous studies" boxes are 0 and the totals equal the new studies and reports.
"""

from __future__ import annotations

import re

import pandas as pd

from litcurate.schemas.prisma import COLUMNS

NA = "NA"

# (data, node, box, description, boxtext, tooltip) in the template's order.
_TEMPLATE = [
    (
        NA,
        "node4",
        "prevstud",
        "Grey title box; Previous studies",
        "Previous studies",
        "Grey title box; Previous studies",
    ),
    (
        "previous_studies",
        "node5",
        "box1",
        "Studies included in previous version of review",
        "Studies included in previous version of review",
        "Studies included in previous version of review",
    ),
    (
        "previous_reports",
        NA,
        "box1",
        "Reports of studies included in previous version of review",
        "Reports of studies included in previous version of review",
        NA,
    ),
    (
        NA,
        "node6",
        "newstud",
        "Yellow title box; Identification of new studies via databases and registers",
        "Identification of new studies via databases and registers",
        "Yellow title box; Identification of new studies via databases and registers",
    ),
    (
        "database_results",
        "node7",
        "box2",
        "Records identified from: Databases",
        "Databases",
        "Records identified from: Databases and Registers",
    ),
    ("database_specific_results", NA, "box2", "Records identified from: specific databases", "Specific Databases", NA),
    ("register_results", NA, "box2", "Records identified from: Registers", "Registers", NA),
    ("register_specific_results", NA, "box2", "Records identified from: specific registers", "Specific Registers", NA),
    (
        NA,
        "node16",
        "othstud",
        "Grey title box; Identification of new studies via other methods",
        "Identification of new studies via other methods",
        "Grey title box; Identification of new studies via other methods",
    ),
    (
        "website_results",
        "node17",
        "box11",
        "Records identified from: Websites",
        "Websites",
        "Records identified from: Websites, Organisations and Citation Searching",
    ),
    ("organisation_results", NA, "box11", "Records identified from: Organisations", "Organisations", NA),
    ("citations_results", NA, "box11", "Records identified from: Citation searching", "Citation searching", NA),
    ("duplicates", "node8", "box3", "Duplicate records", "Duplicate records", "Duplicate records"),
    (
        "excluded_automatic",
        NA,
        "box3",
        "Records marked as ineligible by automation tools",
        "Records marked as ineligible by automation tools",
        NA,
    ),
    ("excluded_other", NA, "box3", "Records removed for other reasons", "Records removed for other reasons", NA),
    (
        "records_screened",
        "node9",
        "box4",
        "Records screened (databases and registers)",
        "Records screened",
        "Records screened (databases and registers)",
    ),
    (
        "records_excluded",
        "node10",
        "box5",
        "Records excluded (databases and registers)",
        "Records excluded",
        "Records excluded (databases and registers)",
    ),
    (
        "dbr_sought_reports",
        "node11",
        "box6",
        "Reports sought for retrieval (databases and registers)",
        "Reports sought for retrieval",
        "Reports sought for retrieval (databases and registers)",
    ),
    (
        "dbr_notretrieved_reports",
        "node12",
        "box7",
        "Reports not retrieved (databases and registers)",
        "Reports not retrieved",
        "Reports not retrieved (databases and registers)",
    ),
    (
        "other_sought_reports",
        "node18",
        "box12",
        "Reports sought for retrieval (other)",
        "Reports sought for retrieval",
        "Reports sought for retrieval (other)",
    ),
    (
        "other_notretrieved_reports",
        "node19",
        "box13",
        "Reports not retrieved (other)",
        "Reports not retrieved",
        "Reports not retrieved (other)",
    ),
    (
        "dbr_assessed",
        "node13",
        "box8",
        "Reports assessed for eligibility (databases and registers)",
        "Reports assessed for eligibility",
        "Reports assessed for eligibility (databases and registers)",
    ),
    (
        "dbr_excluded",
        "node14",
        "box9",
        "Reports excluded (databases and registers): reasons and numbers as 'Reason1, n; Reason2, n'",
        "Reports excluded",
        "Reports excluded (databases and registers)",
    ),
    (
        "other_assessed",
        "node20",
        "box14",
        "Reports assessed for eligibility (other)",
        "Reports assessed for eligibility",
        "Reports assessed for eligibility (other)",
    ),
    (
        "other_excluded",
        "node21",
        "box15",
        "Reports excluded (other): reasons and numbers as 'Reason1, n; Reason2, n'",
        "Reports excluded",
        "Reports excluded (other)",
    ),
    (
        "new_studies",
        "node15",
        "box10",
        "New studies included in review",
        "New studies included in review",
        "New studies included in review",
    ),
    ("new_reports", NA, "box10", "Reports of new included studies", "Reports of new included studies", NA),
    (
        "total_studies",
        "node22",
        "box16",
        "Total studies included in review",
        "Total studies included in review",
        "Total studies included in review",
    ),
    ("total_reports", NA, "box16", "Reports of total included studies", "Reports of total included studies", NA),
    (
        "identification",
        "node1",
        "identification",
        "Blue identification box",
        "Identification",
        "Blue identification box",
    ),
    ("screening", "node2", "screening", "Blue screening box", "Screening", "Blue screening box"),
    ("included", "node3", "included", "Blue included box", "Included", "Blue included box"),
]

# The package links a whole box to the url of the box's first row. Paths are relative to
# results/prisma/, so an interactive diagram saved there opens the file behind each box.
_BOX_URLS = {
    "box2": "../search/search_log.json",
    "box11": "../link/review_rows.csv",
    "box3": "../link/records.csv",
    "box4": "../screen/records.csv",
    "box5": "../screen/records.csv",
    **{box: "../screen/reports.csv" for box in ("box6", "box7", "box8", "box9", "box12", "box13", "box14", "box15")},
    "box10": "../dataset/studies.csv",
    "box16": "../dataset/studies.csv",
}

# Other identification methods of the flow -> the template's three rows.
_OTHER_METHOD_ROWS = {"website": "website_results", "organi": "organisation_results", "citation": "citations_results"}


def breakdown_label(label: str) -> str:
    """The package splits entries on ';' and a label from its number on the first ',':
    neither may appear inside a label."""
    return re.sub(r"\s*[,;]\s*", " / ", str(label)).strip()


def breakdown_text(counts: dict[str, int]) -> str:
    """'label, n; label, n' in the flow's order; '0' when there is nothing to break down."""
    if not counts:
        return "0"
    return "; ".join(f"{breakdown_label(label)}, {int(n)}" for label, n in counts.items())


def _other_method_counts(identified: dict[str, int]) -> dict[str, int]:
    counts = {row: 0 for row in _OTHER_METHOD_ROWS.values()}
    for method, n in identified.items():
        rows = [row for key, row in _OTHER_METHOD_ROWS.items() if key in method.lower()]
        if len(rows) != 1:
            raise ValueError(
                f"other identification method {method!r} fits no single PRISMA 2020 template row "
                f"(websites, organisations, citation searching)"
            )
        counts[rows[0]] += int(n)
    return counts


def template_counts(flow: dict) -> dict[str, str]:
    """The ``n`` of every named template row, from the flow written by :func:`litcurate.prisma.build_flow`."""
    db, other, inc = flow["databases"], flow["other_methods"], flow["included"]
    counts = {
        "previous_studies": 0,
        "previous_reports": 0,
        "database_results": db["records_identified_total"],
        "database_specific_results": breakdown_text(db["records_identified"]),
        "register_results": db.get("registers_identified_total", 0),
        "register_specific_results": breakdown_text(db.get("registers_identified", {})),
        **_other_method_counts(other["records_identified"]),
        "duplicates": db["duplicates_removed"],
        "excluded_automatic": 0,
        "excluded_other": 0,
        "records_screened": db["records_screened"],
        "records_excluded": db["records_excluded"],
        "dbr_sought_reports": db["reports_sought"],
        "dbr_notretrieved_reports": db["reports_not_retrieved"],
        "other_sought_reports": other["reports_sought"],
        "other_notretrieved_reports": other["reports_not_retrieved"],
        "dbr_assessed": db["reports_assessed"],
        "dbr_excluded": breakdown_text(db["reports_excluded"]),
        "other_assessed": other["reports_assessed"],
        "other_excluded": breakdown_text(other["reports_excluded"]),
        "new_studies": inc["studies"],
        "new_reports": inc["reports"],
        "total_studies": inc["studies"],
        "total_reports": inc["reports"],
        "identification": 0,
        "screening": 0,
        "included": 0,
    }
    return {name: str(value) for name, value in counts.items()}


def _tooltip_notes(flow: dict) -> dict[str, str]:
    """What the template's boxes cannot hold: awaiting decisions and title/abstract exclusion reasons."""
    db, other = flow["databases"], flow["other_methods"]
    notes = {
        "records_screened": (db["records_awaiting_screening"], "record(s) awaiting a screening decision"),
        "dbr_assessed": (db["reports_awaiting_decision"], "report(s) awaiting a full-text decision"),
        "other_assessed": (other["reports_awaiting_decision"], "report(s) awaiting a full-text decision"),
    }
    found = {name: f"; {n} {what}" for name, (n, what) in notes.items() if n}
    if db["records_excluded_reasons"]:
        found["records_excluded"] = ": " + breakdown_text(db["records_excluded_reasons"])
    return found


def flow_to_prisma2020_csv(flow: dict) -> pd.DataFrame:
    """The flow as the PRISMA2020 package's template table."""
    counts = template_counts(flow)
    notes = _tooltip_notes(flow)
    rows, boxes_seen = [], set()
    for data, node, box, description, boxtext, tooltip in _TEMPLATE:
        url = _BOX_URLS.get(box, NA) if box not in boxes_seen else NA
        boxes_seen.add(box)
        if tooltip != NA:
            tooltip += notes.get(data, "")
        n = counts[data] if data != NA else "0"
        rows.append([data, node, box, description, boxtext, tooltip, url, n])
    return pd.DataFrame(rows, columns=COLUMNS)
