"""`--format json`: the array of findings CONTRACT.md promises, and nothing else."""

from __future__ import annotations

import json

from critique.report import all_findings

CONTRACT_FIELDS = ("path", "line", "column", "end_line", "end_column", "code", "rule",
                   "severity", "message", "suggestion", "source", "confidence")


def finding_dict(finding) -> dict:
    data = finding.to_json()
    return {key: data[key] for key in CONTRACT_FIELDS}


def render(results, rules, stream, **options) -> None:
    findings = sorted(all_findings(results), key=lambda f: f.sort_key())
    json.dump([finding_dict(f) for f in findings], stream, indent=2, ensure_ascii=False)
    stream.write("\n")
