"""One finding per span and slug: a score never depends on how the text is wrapped."""

from __future__ import annotations

import textwrap

from critique import lint_text, score_text

ANSWER = ("I think maybe we should launch to everyone, and hopefully the model will kind of "
          "handle the edge cases. We significantly improved retention for our premium tier "
          "after the redesign, and I guess I would prioritize the mobile app next.")


def _counts(findings):
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.rule] = counts.get(f.rule, 0) + 1
    return counts


def test_three_hedges_on_one_line_are_three_findings():
    findings = [f for f in lint_text(ANSWER, preview=True) if f.rule == "hedging"]
    assert len(findings) >= 3
    assert len({(f.line, f.column) for f in findings}) == len(findings)


def test_findings_and_score_do_not_depend_on_wrapping():
    one_line = lint_text(ANSWER, path="a.md", preview=True)
    for width in (30, 50, 72):
        wrapped = "\n".join(textwrap.wrap(ANSWER, width))
        assert _counts(lint_text(wrapped, path="a.md", preview=True)) == _counts(one_line), width
        assert [a["score"] for a in score_text(wrapped, path="a.md", preview=True)] \
            == [a["score"] for a in score_text(ANSWER, path="a.md", preview=True)], width
