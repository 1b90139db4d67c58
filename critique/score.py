"""Scoring one answer from 0 to 100.

    score = 70 - penalties + signals, clamped to 0..100

Penalties per finding: error 15, warning 8, info 2; when a slug repeats within the answer,
its second and third findings cost half as much and later ones nothing.  Signals
(rules/signals.toml): a quantified result +8, a named trade-off +8, a user or business
outcome +6, a risk or rollback plan +6, first-person ownership +6.  An answer with nothing
wrong and nothing strong scores 70; a clean answer that shows all five signals scores 100.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, NamedTuple

from critique.engine import AnswerResult
from critique.errors import RulePackError
from critique.patterns import PatternSet, compiled_lazily
from critique.tomlread import load_toml

BASE = 70
PENALTY = {"error": 15, "warning": 8, "info": 2}
REPEATS_COUNTED = 3


class Signal(NamedTuple):
    """A strength from `rules/signals.toml`. `where` (a rule's `[where]` table) and
    `exceptions` (a sentence matching one never shows it) make it read sentence by sentence,
    so a figure in the Situation or in a goal ("the goal is 99% accuracy") is no result."""

    name: str
    points: int
    patterns: PatternSet
    where: Any = None
    exceptions: PatternSet | None = None

    def shown(self, answer, text: str) -> bool:
        """`text`: the answer's sentences joined, read whole when nothing limits where."""
        if self.where is None and self.exceptions is None:
            return self.patterns.search(text) is not None
        if self.where is not None and not self.where.answer(answer):
            return False
        return any((self.where is None or self.where.sentence(s))
                   and (self.exceptions is None or self.exceptions.search(s.text) is None)
                   and self.patterns.search(s.text) is not None for s in answer.sentences)


@lru_cache(maxsize=1)
def signals() -> list[Signal]:
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
            exceptions = item.get("exceptions")
            out.append(Signal(item["name"], int(item["points"]),
                              PatternSet(item["patterns"], lexicons, where),
                              Where(item, where) if "where" in item else None,
                              PatternSet(exceptions, lexicons, where) if exceptions else None))
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
    shown = [signal for signal in signals() if signal.shown(answer, text)]
    found = [signal.name for signal in shown]
    bonus = sum(signal.points for signal in shown)
    score = round(max(0, min(100, BASE - penalty(findings) + bonus)))
    line = doc.position(answer.first_offset)[0] if answer.blocks else 1
    words = sum(len(s.text.split()) for s in answer.sentences)
    return AnswerResult(answer.index, answer.question, line, score, found, words)
