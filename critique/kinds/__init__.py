"""Rule kinds: the few general check types every rule in `rules/` is an instance of.

Each kind module has the same two entry points (the Vale shape):
- `KEYS`: the parameters it takes beyond the shared rule keys;
- `build(params, lexicons, where) -> check`, where `check.run(answer, doc, ctx)`
  returns `Hit`s (offsets into the document).
Adding a kind is one module here plus one line in `KINDS`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


class Hit(NamedTuple):
    start: int
    end: int
    confidence: float = 1.0
    values: dict | None = None  # fills {placeholders} in the rule's message


@dataclass
class Context:
    """What a check may consult besides the text: the role and the user's budgets."""

    role: str = "general"
    budgets: dict[str, float] = field(default_factory=dict)


class Gate:
    """Whether an answer is in a rule's scope, shared by every kind that takes
    `question_unless` (skip answers to such questions) and `context` (run only where the
    question or the answer mentions one of these)."""

    KEYS = frozenset({"question_unless", "context"})

    def __init__(self, params: dict, lexicons: dict, where: str) -> None:
        from critique.kinds.existence import _strings
        from critique.patterns import PatternSet

        self.question_unless = PatternSet(_strings(params, "question_unless", where), lexicons,
                                          f"{where} question_unless")
        self.context = PatternSet(_strings(params, "context", where), lexicons,
                                  f"{where} context")

    def applies(self, answer) -> bool:
        if answer.question and self.question_unless.search(answer.question):
            return False
        if self.context:
            if answer.question and self.context.search(answer.question):
                return True
            return any(self.context.search(s.text) for s in answer.sentences)
        return True


def kinds() -> dict:
    from critique.kinds import conditional, existence, expectation, metric, script, suppression

    return {"existence": existence, "conditional": conditional, "metric": metric,
            "expectation": expectation, "script": script, "suppression": suppression}
