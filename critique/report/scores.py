"""`--format json-scores`: each answer's score as JSON, for dashboards and spreadsheets.

One object per answer, ordered by path and answer: where it is, its question, its score and
strengths, and how many findings of each severity and rule it has.  `answer` counts from 0,
as in the Python API's `score_text`.  Findings themselves are `--format json`'s job.
"""

from __future__ import annotations

import json
from collections import Counter

from critique.findings import SEVERITIES


def answer_dict(result, answer) -> dict:
    findings = [f for f in result.findings if f.answer == answer.index]
    severities = Counter(f.severity for f in findings)
    return {
        "path": result.path,
        "answer": answer.index,
        "question": answer.question,
        "line": answer.line,
        "score": answer.score,
        "signals": list(answer.signals),
        "words": answer.words,
        "counts": {severity: severities[severity] for severity in reversed(SEVERITIES)},
        "rules": dict(sorted(Counter(f.rule for f in findings).items())),
    }


def render(results, rules, stream, **options) -> None:
    rows = [answer_dict(result, answer)
            for result in sorted(results, key=lambda r: r.path) for answer in result.answers]
    json.dump(rows, stream, indent=2, ensure_ascii=False)
    stream.write("\n")
