"""The README stays true: its rule table and its test command."""

from __future__ import annotations

import re

from critique.docs import readme_rule_list
from critique.packs import load_rules

from conftest import ROOT

README = (ROOT / "README.md").read_text()


def test_readme_rule_table_matches_the_packs():
    table = README.split("<!-- rules:start -->")[1].split("<!-- rules:end -->")[0].strip()
    assert table == readme_rule_list(load_rules()), "regenerate with: python -m critique.docs"


def test_ci_runs_exactly_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text().strip().splitlines()[-1]
    assert ci in README
    assert re.search(r"pytest", ci)


def test_readme_quick_start_uses_an_example_that_exists():
    match = re.search(r"critique (examples/\S+)", README)
    assert match and (ROOT / match.group(1)).is_file()
