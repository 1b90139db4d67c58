"""Suppression comments, the same in Markdown and plain text."""

from __future__ import annotations

import pytest

from critique import lint_text

TEXT = """# Why this role?

<!-- critique-disable hedging -->
I guess I am tired of my job.
Maybe I would kind of like a change.
<!-- critique-enable -->
I guess that is enough.
<!-- critique-disable-next-line fleeing-motivation -->
I want to move away from writing code.
I want to move away from writing code, honestly.
<!-- critique-disable-next-line api-wrapper -->
This line has nothing to suppress.
"""


@pytest.mark.parametrize("path", ["journal.md", "answer.txt"])
def test_disable_enable_and_next_line(path):
    findings = lint_text(TEXT, path=path, preview=True)
    got = {(f.line, f.rule) for f in findings}
    assert (4, "hedging") not in got and (5, "hedging") not in got
    assert (7, "hedging") in got  # after enable
    assert (4, "fleeing-motivation") in got  # only hedging was disabled there
    assert (9, "fleeing-motivation") not in got and (10, "fleeing-motivation") in got
    unused = [f for f in findings if f.rule == "unused-suppression"]
    assert [(f.line, f.severity) for f in unused] == [(11, "info")]


def test_a_suppression_of_a_check_that_did_not_run_is_not_unused():
    """negative-framing is a preview check: without --preview its suppression is not 'unused'
    (deleting it would bring the finding back in the runs that do run it)."""
    text = ("# Why?\n\n<!-- critique-disable-next-line negative-framing -->\n"
            "My manager never listened to any of my ideas.\n")
    assert [f.rule for f in lint_text(text, path="a.md")] == []
    assert [f.rule for f in lint_text(text, path="a.md", preview=True)] == []
    unknown = text.replace("negative-framing", "negative-framin")  # a misspelt slug still is
    assert [f.rule for f in lint_text(unknown, path="a.md")] == ["unused-suppression"]


def test_an_unused_suppression_belongs_to_its_answer():
    from critique import score_text

    text = ("# First?\n\nI shipped it.\n\n# Second?\n\n"
            "<!-- critique-disable-next-line rambling -->\nI shipped it too.\n")
    scores = score_text(text, path="a.md")
    assert [a["findings"] and a["findings"][0]["rule"] for a in scores] == [[], "unused-suppression"]
