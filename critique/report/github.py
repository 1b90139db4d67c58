"""`--format github`: GitHub Actions workflow commands, one annotation per finding."""

from __future__ import annotations

from critique.report import all_findings

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(results, rules, stream, **options) -> None:
    for f in sorted(all_findings(results), key=lambda f: f.sort_key()):
        props = ",".join([
            f"file={_escape_property(f.path)}", f"line={f.line}", f"col={f.column}",
            f"endLine={f.end_line}", f"endColumn={f.end_column}",
            f"title={_escape_property(f'{f.code} {f.rule}')}",
        ])
        body = _escape_data(f"{f.message} Suggestion: {f.suggestion}")
        stream.write(f"::{LEVEL[f.severity]} {props}::{body}\n")
