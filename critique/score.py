"""Scoring one answer from 0 to 100.

    score = 70 - penalties + signals, clamped to 0..100

Penalties per finding: error 15, warning 8, info 2; a slug repeated within the answer
costs half again for each repeat, at most three times.  Signals (rules/signals.toml):
a quantified result +8, a named trade-off +8, a user or business outcome +6, a risk or
rollback plan +6, first-person ownership +6.  An answer with nothing wrong and nothing
strong scores 70; a clean answer that shows all five signals scores 100.
"""

from __future__ import annotations

from functools import lru_cache

from critique.engine import AnswerResult
from critique.errors import RulePackError
from critique.patterns import PatternSet, compiled_lazily
from critique.tomlread import load_toml

BASE = 70
PENALTY = {"error": 15, "warning": 8, "info": 2}
REPEATS_COUNTED = 3


@lru_cache(maxsize=1)
def signals() -> list[tuple[str, int, PatternSet, object]]:
    """(name, points, patterns, where): `where` (a rule's `[where]` table, or None) limits
    the sentences a signal is read in, so a figure in the Situation is no result."""
    from critique.kinds import Where
    from critique.packs import load_lexicons
    from critique.resources import rules_dir

    folder = rules_dir()
    path = folder / "signals.toml"
    lexicons = load_lexicons([folder / "lexicons"])
    data = load_toml(path, RulePackError)
    out = []
    with compiled_lazily():  # shipped data, compiled on first use like the shipped rules
        for item in data.get("signal", []):
            where = f"{path}: signal {item.get('name', '?')}"
            out.append((item["name"], int(item["points"]),
                        PatternSet(item["patterns"], lexicons, where),
                        Where(item, where) if "where" in item else None))
    return out


def penalty(findings) -> float:
    total = 0.0
    seen: dict[str, int] = {}
    for finding in findings:
        count = seen.get(finding.rule, 0)
        seen[finding.rule] = count + 1
        if count >= REPEATS_COUNTED:
            continue
        total += PENALTY.get(finding.severity, 0) * (1 if count == 0 else 0.5)
    return total


def score_answer(doc, answer, findings) -> AnswerResult:
    text = " ".join(s.text for s in answer.sentences)
    shown = [(name, points) for name, points, patterns, where in signals()
             if (patterns.search(text) if where is None else where.answer(answer) and any(
                 where.sentence(s) and patterns.search(s.text) for s in answer.sentences))]
    found = [name for name, _ in shown]
    bonus = sum(points for _, points in shown)
    score = round(max(0, min(100, BASE - penalty(findings) + bonus)))
    line = doc.position(answer.first_offset)[0] if answer.blocks else 1
    words = sum(len(s.text.split()) for s in answer.sentences)
    return AnswerResult(answer.index, answer.question, line, score, found, words)
