"""`--help`, `--version`, `rules` and `explain` never load spaCy; nothing on the lint path loads
scikit-learn or scipy (the model runs on numpy arrays)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT

PROBE = """
import json, sys
from critique.cli import main
try:
    main({args!r})
except SystemExit:
    pass
heavy = ("spacy", "sklearn", "scipy", "thinc", "joblib")
sys.stderr.write("MODULES " + json.dumps({{m: m in sys.modules for m in heavy}}) + "\\n")
"""


def loaded(args: list[str]) -> dict:
    proc = subprocess.run([sys.executable, "-c", PROBE.format(args=args)], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)
    line = [ln for ln in proc.stderr.splitlines() if ln.startswith("MODULES ")][-1]
    return json.loads(line[len("MODULES "):])


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["rules"],
                                  ["explain", "tool-over-outcome"]])
def test_fast_commands_do_not_load_spacy_or_sklearn(args):
    modules = loaded(args)
    assert not modules["spacy"] and not modules["sklearn"] and not modules["scipy"], modules


def test_lint_path_uses_the_model_without_sklearn_or_scipy(tmp_path):
    answer = tmp_path / "a.txt"
    answer.write_text("Frankly the thought of another five years of ETL jobs makes me want to run.\n")
    modules = loaded(["check", "--format", "json", str(answer)])
    assert modules["spacy"]
    assert not modules["sklearn"] and not modules["scipy"] and not modules["joblib"], modules
