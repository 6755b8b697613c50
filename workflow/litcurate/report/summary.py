"""What a finished run produced, in a few lines for the terminal (printed by the Snakefile on success)."""

from __future__ import annotations

import json
from pathlib import Path


def run_summary(results: str | Path = "results") -> str:
    """The PRISMA totals, decisions awaited, warnings and where the dataset is."""
    results = Path(results)
    lines = ["litcurate: run complete"]
    flow_path = results / "prisma" / "flow.json"
    if flow_path.is_file():
        flow = json.loads(flow_path.read_text(encoding="utf-8"))
        db, other, inc = flow["databases"], flow["other_methods"], flow["included"]
        lines.append(
            f"  PRISMA: {db['records_identified_total']} database records, {other['records_identified_total']} "
            f"by citation searching; {inc['studies']} studies ({inc['reports']} reports) included"
        )
        awaiting = (
            db["records_awaiting_screening"] + db["reports_awaiting_decision"] + other["reports_awaiting_decision"]
        )
        if awaiting:
            lines.append(f"  {awaiting} screening decision(s) awaited: see {results / 'screen' / 'undecided.csv'}")
    qc_path = results / "qc" / "summary.json"
    if qc_path.is_file():
        qc = json.loads(qc_path.read_text(encoding="utf-8"))
        lines.append(f"  {qc['total']} warning(s) to look at: {results / 'qc' / 'warnings.csv'}")
    lines.append(f"  dataset: {results / 'dataset' / 'studies.csv'}, diagram: {results / 'prisma' / 'flow.svg'}")
    return "\n".join(lines)
