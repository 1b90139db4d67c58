"""`--statistics`: how many findings each rule produced, most frequent first (as in ruff)."""

from __future__ import annotations

import json
from collections import Counter

from critique.findings import SEVERITY_RANK
from critique.report import all_findings


def rows(results) -> list[dict]:
    """One row per rule: code, slug, its most severe level in this run, and the count."""
    counts: Counter = Counter()
    worst: dict[tuple[str, str], str] = {}
    for finding in all_findings(results):
        key = (finding.code, finding.rule)
        counts[key] += 1
        if key not in worst or SEVERITY_RANK[finding.severity] > SEVERITY_RANK[worst[key]]:
            worst[key] = finding.severity
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [{"code": code, "rule": rule, "severity": worst[(code, rule)], "count": count}
            for (code, rule), count in ordered]


def render(results, stream, as_json: bool = False) -> None:
    table = rows(results)
    if as_json:
        json.dump(table, stream, indent=2)
        stream.write("\n")
        return
    digits = max((len(str(row["count"])) for row in table), default=1)
    slug = max((len(row["rule"]) for row in table), default=0)
    for row in table:
        stream.write(f"{row['count']:>{digits}}  {row['code']}  {row['rule']:<{slug}}  "
                     f"[{row['severity']}]\n")
