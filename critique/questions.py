"""What a question asks for (its type) and what role it hands the candidate (its premise).

Types come from `rules/questions.toml`, tried in order; checks name the types they apply to
in their `[where]` table, so a motivation answer is never asked for a trade-off and a
story is never read as a plan.  `critique evaluate` measures this classifier on real answers.
"""

from __future__ import annotations

import re
from functools import lru_cache

from critique.errors import RulePackError
from critique.tomlread import load_toml

UNKNOWN = "unknown"  # the answer has no question
OTHER = "other"  # a question that matches no type


@lru_cache(maxsize=1)
def _types() -> tuple[tuple[str, tuple[re.Pattern, ...]], ...]:
    from critique.resources import rules_dir

    path = rules_dir() / "questions.toml"
    data = load_toml(path, RulePackError)
    out = []
    for entry in data.get("type", []):
        name = entry.get("name")
        patterns = entry.get("patterns")
        if not isinstance(name, str) or not isinstance(patterns, list):
            raise RulePackError(f"{path}: each [[type]] needs 'name' and 'patterns'")
        try:
            out.append((name, tuple(re.compile(p, re.I) for p in patterns)))
        except re.error as exc:
            raise RulePackError(f"{path}: type {name}: bad pattern ({exc})") from None
    return tuple(out)


def type_names() -> tuple[str, ...]:
    return (*(name for name, _ in _types()), OTHER, UNKNOWN)


def question_type(question: str | None) -> str:
    if not question or not question.strip():
        return UNKNOWN
    text = " ".join(question.split())
    for name, patterns in _types():
        if any(p.search(text) for p in patterns):
            return name
    return OTHER


@lru_cache(maxsize=1)
def _premise_patterns() -> tuple[re.Pattern, ...]:
    from critique.structure import cues

    return cues().premise


def premise(question: str | None) -> tuple[str, ...]:
    """The roles the question gives the candidate, lower-cased ("head of product")."""
    if not question:
        return ()
    text = " ".join(question.lower().replace("\u2019", "'").split())
    roles = []
    for pattern in _premise_patterns():
        for match in pattern.finditer(text):
            role = match.group("role").strip()
            if role and role not in roles:
                roles.append(role)
    return tuple(roles)
