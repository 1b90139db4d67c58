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


def kinds() -> dict:
    from critique.kinds import conditional, existence, metric, script

    return {"existence": existence, "conditional": conditional, "metric": metric,
            "script": script}
