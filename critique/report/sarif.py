"""`--format sarif`: SARIF 2.1.0 for code-scanning dashboards."""

from __future__ import annotations

import json

from critique import __version__
from critique.report import all_findings

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def document(results, rules) -> dict:
    ordered = sorted(rules, key=lambda r: r.code)
    index = {r.slug: i for i, r in enumerate(ordered)}
    descriptors = [{
        "id": r.code,
        "name": r.slug,
        "shortDescription": {"text": r.message},
        "fullDescription": {"text": " ".join(r.finds.split())},
        "help": {"text": f"{' '.join(r.why.split())} Suggestion: {r.suggestion}"},
        "defaultConfiguration": {"level": LEVEL[r.severity]},
    } for r in ordered]
    out = []
    for f in sorted(all_findings(results), key=lambda f: f.sort_key()):
        result = {
            "ruleId": f.code,
            "level": LEVEL[f.severity],
            "message": {"text": f"{f.message} Suggestion: {f.suggestion}"},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": f.path.replace("\\", "/")},
                "region": {"startLine": f.line, "startColumn": f.column,
                           "endLine": f.end_line, "endColumn": f.end_column},
            }}],
            "properties": {"rule": f.rule, "source": f.source, "confidence": f.confidence},
        }
        if f.rule in index:
            result["ruleIndex"] = index[f.rule]
        out.append(result)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "critique", "version": __version__,
                                "informationUri": "https://pypi.org/project/critique/",
                                "rules": descriptors}},
            "results": out,
        }],
    }


def render(results, rules, stream, **options) -> None:
    json.dump(document(results, rules), stream, indent=2, ensure_ascii=False)
    stream.write("\n")
