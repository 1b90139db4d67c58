"""The README stays true: its rule table and its test command."""

from __future__ import annotations

import json
import re

from critique.docs import readme_rule_list
from critique.packs import load_rules

from conftest import ROOT, run_cli

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


def test_the_quick_start_example_shows_the_mistakes_committees_reject():
    """The first thing a new user runs: each headline mistake in it is found, and the hedge
    (a preview check) is not shown by default."""
    from critique import lint_text

    path = re.search(r"critique (examples/\S+)", README).group(1)
    rules = {f.rule for f in lint_text((ROOT / path).read_text(encoding="utf-8"), path=path)}
    assert rules == {"tool-over-outcome", "generic-process", "accuracy-as-goal",
                     "unquantified-impact", "fleeing-motivation"}


def test_the_quick_start_says_what_it_prints_and_why_it_exits_1():
    """A newcomer read the quick start's exit 1 as a failed install: the README says how many
    findings it prints and that 1 means findings."""
    words = {"five": 5, "six": 6, "seven": 7, "eight": 8}
    said = re.search(r"It prints (\w+) findings and exits with status 1", README)
    path = re.search(r"critique (examples/\S+)", README).group(1)
    result = run_cli("--format", "json", str(ROOT / path))
    assert said and result.code == 1
    assert len(json.loads(result.out)) == words[said.group(1)]


def test_readme_rule_table_has_no_placeholder():
    table = README.split("<!-- rules:start -->")[1].split("<!-- rules:end -->")[0]
    assert "{" not in table and "…" not in table
    assert "| An answer that does not address its question. |" in table  # CQ303


def test_readme_prefilter_counts_are_the_real_ones():
    """The counts are those of rules/prefilter.json and of the loaded pattern sets."""
    from critique.prefilter import coverage

    sentence = coverage()
    table = json.loads((ROOT / "rules" / "prefilter.json").read_text(encoding="utf-8"))
    assert f"Of the {len(table)} shipped patterns" in sentence
    assert f"{sum(1 for words in table.values() if words)} have such words" in sentence
    assert " ".join(sentence.split()) in " ".join(README.split())


def test_prefilter_module_has_a_real_command_line(tmp_path, monkeypatch):
    """`--help` prints help and writes nothing; the writer reproduces the shipped table
    byte for byte (run here on a copy of the rules)."""
    import hashlib
    import shutil
    import subprocess
    import sys

    from critique import prefilter

    shipped = ROOT / "rules" / "prefilter.json"
    before = (hashlib.sha256(shipped.read_bytes()).hexdigest(), shipped.stat().st_mtime_ns)
    for args in (["--help"], ["--check"]):
        proc = subprocess.run([sys.executable, "-m", "critique.prefilter", *args],
                              capture_output=True, text=True, cwd=ROOT, timeout=120)
        assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    assert proc.stdout == "prefilter.json is current\n"
    help_text = subprocess.run([sys.executable, "-m", "critique.prefilter", "-h"],
                               capture_output=True, text=True, cwd=ROOT, timeout=120).stdout
    assert help_text.startswith("usage: python -m critique.prefilter") and "--check" in help_text
    assert (hashlib.sha256(shipped.read_bytes()).hexdigest(),
            shipped.stat().st_mtime_ns) == before
    copy = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", copy)
    (copy / "prefilter.json").unlink()
    monkeypatch.setattr("critique.resources.rules_dir", lambda: copy)
    assert prefilter.write_table() == copy / "prefilter.json"
    assert (copy / "prefilter.json").read_bytes() == shipped.read_bytes()
    assert sorted(p.name for p in copy.iterdir()) == sorted(
        p.name for p in (ROOT / "rules").iterdir())
