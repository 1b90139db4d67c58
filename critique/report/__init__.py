"""Reporters: interchangeable views over one list of findings (the ruff shape)."""

from __future__ import annotations

FORMATS = ("human", "concise", "json", "json-scores", "github", "sarif")


def render(fmt: str, results, rules, stream, **options) -> None:
    if fmt == "human":
        from critique.report.human import render as run
    elif fmt == "concise":
        from critique.report.concise import render as run
    elif fmt == "json":
        from critique.report.jsonout import render as run
    elif fmt == "json-scores":
        from critique.report.scores import render as run
    elif fmt == "github":
        from critique.report.github import render as run
    else:
        from critique.report.sarif import render as run
    run(results, rules, stream, **options)


def all_findings(results):
    return [f for result in results for f in result.findings]
