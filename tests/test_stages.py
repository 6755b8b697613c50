"""Step entry points on inputs that should stop a step with a clear message."""
from __future__ import annotations

import copy

import pytest

from conftest import REPO
from fixtures.pdfbuilder import LAYOUTS, build_review_pdf, load_facts
from litcurate import stages


def test_a_review_without_a_trial_table_is_named_with_what_was_seen(tmp_path):
    facts = copy.deepcopy(load_facts(REPO / "resources/facts/maher2017.yaml"))
    facts["tables"] = [t for t in facts["tables"] if t["kind"] != "trial"]
    pdf = tmp_path / "levels_only.pdf"
    build_review_pdf(facts, pdf, LAYOUTS["ruled_grid"])
    out = tmp_path / "results/extract/maher2017"
    with pytest.raises(stages.NoTrialTable) as err:
        stages.extract("maher2017", str(pdf), {}, str(out / "tables"), str(out / "references.csv"),
                       str(out / "report.json"), str(tmp_path / "extract.log"))
    message = str(err.value)
    assert "levels_only.pdf: no characteristics-of-included-studies table found" in message
    assert "Levels of Evidence" in message and "non-trial" in message
    assert not out.exists()
