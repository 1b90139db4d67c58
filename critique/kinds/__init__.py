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
    scope: str | None = None  # "sentence" or "answer" when the rule's scope is "both"


@dataclass
class Context:
    """What a check may consult besides the text: the role and the user's budgets."""

    role: str = "general"
    budgets: dict[str, float] = field(default_factory=dict)
    # The classifier's own threshold per evidence label (empty without a classifier).
    evidence_thresholds: dict[str, float] = field(default_factory=dict)


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


KINDS_OF_SENTENCE = ("prose", "intro", "signpost", "title", "premise")
SECTIONS = ("situation", "task", "action", "result", "reflection", "none")
MOODS = ("hypothetical", "past", "present")
AGENTS = ("i", "we", "they", "none")
# Headings, signposts and list intros are not claims (ANTIPATTERNS.md, "Reading real
# answers"): no check looks at them unless its `[where]` says otherwise.
DEFAULT_SKIP = ("intro", "signpost", "title")


def names(value, allowed: tuple[str, ...], key: str, where: str) -> list[str]:
    """A rule key that lists names from a fixed set (sections, moods, question types...)."""
    from critique.errors import RulePackError

    if not isinstance(value, list) or not all(v in allowed for v in value):
        raise RulePackError(f"{where}: key '{key}' must be a list of: {', '.join(allowed)}")
    return value


class Where:
    """Where in an answer a rule looks, from its `[where]` table:

        [where]
        skip = ["intro", "signpost", "title", "premise"]   # kinds of sentence never flagged
        sections = ["action", "result", "none"]   # STAR sections looked in (default: all)
        moods = ["hypothetical"]                  # plan, story or neither (default: all)
        agents = ["i", "we"]                      # who acts (default: all)
        question_types = ["product-design", "strategy"]   # answers looked at (default: all)

    Sentences outside it are never flagged, but still count as evidence around those that
    are (an `unless` window, an answer-wide trade-off)."""

    KEYS = frozenset({"where"})
    _ALLOWED = {"skip": KINDS_OF_SENTENCE, "sections": SECTIONS, "moods": MOODS,
                "agents": AGENTS, "question_types": None}

    def __init__(self, params: dict, where: str) -> None:
        from critique.errors import RulePackError
        from critique.questions import type_names

        table = params.get("where", {})
        if not isinstance(table, dict):
            raise RulePackError(f"{where}: key 'where' must be a table")
        values: dict[str, tuple[str, ...] | None] = {}
        for key, value in table.items():
            if key not in self._ALLOWED:
                raise RulePackError(f"{where}: unknown key 'where.{key}'")
            values[key] = tuple(names(value, self._ALLOWED[key] or type_names(),
                                      f"where.{key}", where))
        self.skip = frozenset(values.get("skip", DEFAULT_SKIP))
        self.sections = frozenset(values["sections"]) if "sections" in values else None
        self.moods = frozenset(values["moods"]) if "moods" in values else None
        self.agents = frozenset(values["agents"]) if "agents" in values else None
        self.question_types = (frozenset(values["question_types"])
                               if "question_types" in values else None)

    def answer(self, answer) -> bool:
        return self.question_types is None or answer.question_type in self.question_types

    def sentence(self, sentence) -> bool:
        if sentence.kind in self.skip:
            return False
        if self.sections is not None and (sentence.section or "none") not in self.sections:
            return False
        if self.moods is not None and sentence.mood not in self.moods:
            return False
        return self.agents is None or (sentence.agent or "none") in self.agents


def kinds() -> dict:
    from critique.kinds import (
        composition,
        conditional,
        existence,
        expectation,
        metric,
        script,
        suppression,
    )

    return {"existence": existence, "conditional": conditional, "metric": metric,
            "expectation": expectation, "composition": composition, "script": script,
            "suppression": suppression}
