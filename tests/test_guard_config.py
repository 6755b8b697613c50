"""Start-up checks: the config's cross-field rules and the reviews sheet, named as the user wrote them.

A config that passes the schema can still be wrong in how its values relate (review_min above
auto_merge, maxdate before mindate, 30 February); the workflow must say so before any step
runs, naming the key, and a reviews sheet without a review must not end in pandas' "No objects
to concatenate" deep inside the link step.
"""

from __future__ import annotations

import copy

import pytest
import yaml

from conftest import copy_project, run_snakemake
from litcurate.config import check_config, load_reviews
from litcurate.errors import ConfigError, SheetError

BASE = {
    "reviews": "config/reviews.tsv",
    "pubmed": {
        "source": "snapshot",
        "snapshot_dir": "resources/pubmed",
        "query": "q",
        "mindate": "1950/01/01",
        "maxdate": "2023/12/31",
    },
    "link": {"auto_merge": 0.9, "review_min": 0.7},
    "screening": {"decisions": "config/screening.tsv"},
}


def config_with(section: str, **values) -> dict:
    config = copy.deepcopy(BASE)
    config[section].update(values)
    return config


BAD = [
    (config_with("link", review_min=0.95), r"link\.review_min \(0\.95\) is above link\.auto_merge \(0\.9\)"),
    (config_with("pubmed", mindate="2020/02/30"), r"pubmed\.mindate '2020/02/30' is not a valid date"),
    (config_with("pubmed", maxdate="2023/13"), r"pubmed\.maxdate '2023/13' is not a valid date"),
    (config_with("pubmed", mindate="2024/01/01"), r"pubmed\.maxdate 2023/12/31 is before pubmed\.mindate 2024/01/01"),
    (config_with("pubmed", maxdate=None), r"pubmed\.mindate and pubmed\.maxdate must be given together"),
]


@pytest.mark.parametrize("config, message", BAD, ids=["thresholds", "30 February", "month 13", "order", "alone"])
def test_cross_field_problems_name_the_key(config, message):
    with pytest.raises(ConfigError, match=message):
        check_config(config)


def test_a_good_config_passes():
    check_config(copy.deepcopy(BASE))
    check_config(config_with("link", review_min=0.9))  # equal thresholds: nothing goes to review


def test_thresholds_are_checked_when_the_workflow_starts(tmp_path):
    workdir = copy_project(tmp_path)
    config = yaml.safe_load((workdir / "config/config.yaml").read_text())
    config["link"]["review_min"] = 0.95
    (workdir / "config/bad.yaml").write_text(yaml.safe_dump(config))
    result = run_snakemake(workdir, "--cores", "1", "--configfile", str(workdir / "config/bad.yaml"), timeout=300)
    assert result.returncode != 0
    assert "link.review_min (0.95) is above link.auto_merge (0.9)" in result.stdout + result.stderr
    assert not (workdir / "results").exists()


def test_reviews_sheet_lines_count_comments(tmp_path):
    sheet = tmp_path / "reviews.tsv"
    sheet.write_text("# my reviews\n# second comment\nreview_id\tpdf\n\n# not yet\nr1\tpdfs/missing.pdf\n")
    with pytest.raises(SheetError, match=r"reviews\.tsv, line 6: PDF for review 'r1' not found"):
        load_reviews(sheet)


@pytest.mark.parametrize("text", ["review_id\tpdf\n", "# only a comment\n", ""], ids=["header", "comment", "empty"])
def test_a_reviews_sheet_without_reviews_is_named(tmp_path, text):
    sheet = tmp_path / "reviews.tsv"
    sheet.write_text(text)
    with pytest.raises(SheetError, match=r"reviews\.tsv: .*no review"):
        load_reviews(sheet)
