"""The reference articles' BAD/GOOD pairs (../shared/canon): the floor, not the ceiling."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from critique import lint_text

from conftest import ROOT, SHARED

CANON = SHARED / "canon"
pytestmark = pytest.mark.skipif(not (CANON / "cases.json").is_file(),
                                reason="../shared/canon not present")


def cases():
    if not (CANON / "cases.json").is_file():
        return []
    return json.loads((CANON / "cases.json").read_text())["cases"]


@pytest.mark.parametrize("case", cases(), ids=lambda c: c["file"])
def test_canon_case(case):
    text = (CANON / case["file"]).read_text()
    found = {(f.line, f.rule) for f in lint_text(text, role=case["role"])}
    for want in case["must"]:
        assert (want["line"], want["rule"]) in found
    for slug in case["must_not"]:
        assert slug not in {rule for _, rule in found}


def test_canon_check_script_passes_on_the_installed_command():
    proc = subprocess.run([sys.executable, str(SHARED / "tools" / "canon-check"),
                           f"{sys.executable} -m critique"],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "expectations hold" in proc.stdout
