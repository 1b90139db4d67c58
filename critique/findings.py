"""The one result type that flows from checks to reporters."""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}


@dataclass(frozen=True, order=False)
class Finding:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    rule: str
    severity: str
    message: str
    suggestion: str
    source: str = "rule"
    confidence: float = 1.0
    # Not part of the JSON contract: which answer (0-based) of the file it belongs to, and
    # whether the finding is about a sentence or the whole answer.
    answer: int = field(default=0, compare=False)
    scope: str = field(default="sentence", compare=False)

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code)

    def to_json(self) -> dict:
        data = dict(self.__dict__)  # every field is a scalar: no deep copy (asdict) needed
        data["confidence"] = round(float(self.confidence), 4)
        return data


def at_least(severity: str, threshold: str) -> bool:
    return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold]
