"""expectation: a question of a given type expects certain words in its answer.

    kind = "expectation"
    [[expect]]
    question = "how (?:would|will|do) you (?:measure|evaluate)"   # the question's type
    answer = ["metric", "rate", "%", "@numbers"]                  # any one is enough
    label = "measurement"                                          # fills {label}

Flags the answer (anchored at its first sentence) when its question matches an
`expect` entry and none of that entry's evidence appears anywhere in the answer.
Answers without a known question are never flagged.
"""

from __future__ import annotations

from critique.errors import RulePackError
from critique.kinds import Gate, Hit, Where
from critique.kinds.existence import _strings
from critique.patterns import PatternSet

KEYS = {"expect", "min_words"} | Gate.KEYS | Where.KEYS


class Expectation:
    def __init__(self, params: dict, lexicons: dict, where: str) -> None:
        entries = params.get("expect")
        if not isinstance(entries, list) or not entries:
            raise RulePackError(f"{where}: missing key 'expect' (a list of tables)")
        self.entries = []
        for entry in entries:
            if not isinstance(entry, dict) or "question" not in entry or "answer" not in entry:
                raise RulePackError(f"{where}: each 'expect' needs 'question' and 'answer'")
            unknown = set(entry) - {"question", "answer", "label"}
            if unknown:
                raise RulePackError(f"{where}: unknown key 'expect.{sorted(unknown)[0]}'")
            self.entries.append((
                PatternSet(_strings(entry, "question", where), lexicons, f"{where} expect"),
                PatternSet(_strings(entry, "answer", where), lexicons, f"{where} expect"),
                str(entry.get("label", "")),
            ))
        self.min_words = params.get("min_words", 0)
        self.gate = Gate(params, lexicons, where)
        self.where = Where(params, where)

    def run(self, answer, doc, ctx) -> list[Hit]:
        if not answer.question or not answer.sentences or not self.gate.applies(answer) \
                or not self.where.answer(answer):
            return []
        if sum(len(s.text.split()) for s in answer.sentences) < self.min_words:
            return []
        for question, evidence, label in self.entries:
            if question.search(answer.question):
                if any(evidence.search(s.text) for s in answer.sentences):
                    return []
                first = answer.sentences[0]
                return [Hit(first.start, first.end, 1.0, {"label": label})]
        return []


def build(params: dict, lexicons: dict, where: str, scope: str = "answer") -> Expectation:
    return Expectation(params, lexicons, where)
