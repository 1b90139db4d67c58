"""What pip and pre-commit install is the wheel, not this checkout: the rule packs and
the model must be inside it, and the real pre-commit program must run the hook."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT


def test_wheel_ships_rules_and_model(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path),
                    str(ROOT)], check=True, capture_output=True, timeout=600)
    wheel = next(tmp_path.glob("critique-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for rule in (ROOT / "rules" / "checks").glob("*.toml"):
        assert f"critique/_data/rules/checks/{rule.name}" in names
    for lexicon in (ROOT / "rules" / "lexicons").glob("*.toml"):
        assert f"critique/_data/rules/lexicons/{lexicon.name}" in names
    for data in ("signals.toml", "structure.toml", "questions.toml", "prefilter.json"):
        assert f"critique/_data/rules/{data}" in names
    # Only what runs ships: the arrays the lint path loads and the manifest that verifies them.
    models = {n.rsplit("/", 1)[1] for n in names if n.startswith("critique/_data/models/")}
    assert models == {"manifest.json", "critique-sentences.npz"}
    assert not any(n.startswith("training_data/") or n.startswith("tests/") for n in names)


JOURNAL_WEAK = """# Why do you want to be an AI PM?

I want to move away from writing code. My current team is going nowhere.
"""
JOURNAL_STRONG = """# Why do you want to be an AI PM?

I want to own AI products end to end. At my last job I built the fraud model that cut
chargebacks by 22%, and the decisions around it taught me where product judgment matters.
"""


@pytest.mark.skipif(shutil.which("git") is None, reason="git is required")
def test_pre_commit_runs_the_hook_from_this_repository(tmp_path):
    pre_commit = shutil.which("pre-commit") or os.path.join(os.path.dirname(sys.executable),
                                                            "pre-commit")
    if not os.path.exists(pre_commit):
        pytest.skip("pre-commit is not installed (pip install '.[test]')")
    journal = tmp_path / "journal"
    journal.mkdir()
    env = {**os.environ, "NO_COLOR": "1", "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@x"}

    def git(*args):
        subprocess.run(["git", *args], cwd=journal, check=True, capture_output=True, env=env)

    git("init", "-q")
    (journal / "weak.md").write_text(JOURNAL_WEAK)
    (journal / "strong.md").write_text(JOURNAL_STRONG)
    git("add", ".")

    def hook(filename):
        return subprocess.run([pre_commit, "try-repo", str(ROOT), "critique", "--files", filename],
                              cwd=journal, capture_output=True, text=True, env=env, timeout=1800)

    weak = hook("weak.md")
    assert weak.returncode == 1, weak.stdout + weak.stderr
    assert "fleeing-motivation" in weak.stdout and "weak.md:3:1" in weak.stdout
    strong = hook("strong.md")
    assert strong.returncode == 0, strong.stdout + strong.stderr
    assert "Passed" in strong.stdout
