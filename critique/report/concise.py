"""`--format concise`: one line per finding, grep- and editor-friendly."""

from __future__ import annotations

from critique.report import all_findings


def line(finding) -> str:
    origin = "" if finding.source == "rule" else f" ({finding.source} {finding.confidence:.2f})"
    return (f"{finding.path}:{finding.line}:{finding.column}: {finding.code} "
            f"[{finding.severity}] {finding.rule}: {finding.message}{origin}")


def render(results, rules, stream, **options) -> None:
    for finding in sorted(all_findings(results), key=lambda f: f.sort_key()):
        stream.write(line(finding) + "\n")
