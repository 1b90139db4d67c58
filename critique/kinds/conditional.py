"""conditional: a trigger with no counter-evidence nearby.

    kind = "conditional"
    [trigger]                      # all given parts must hold in one sentence;
                                   # [[trigger]] tables are alternatives
    all = ["@decision_verbs", "@tech_terms", "@tech_properties"]  # every one matches
    any = ["..."]                  # at least one matches
    count = ["@ml_internals"]      # at least `min` distinct matches
    min = 2
    exceptions = ["..."]           # a sentence matching one never triggers
    [unless]                       # counter-evidence that clears the trigger
    patterns = ["@outcome_terms"]
    within = "next"                # sentence | next | neighbours | answer
    question_unless = ["why .* (role|company)"]   # skip answers to such questions
    context = ["@ai_terms"]        # run only where the question or answer mentions one

Sentence scope: one hit per triggering sentence, spanning the trigger's words.
Answer scope: one hit for the whole answer, anchored at the first triggering
sentence, when no counter-evidence appears within the window (default: answer).
"""

from __future__ import annotations

from critique.errors import RulePackError
from critique.kinds import Gate, Hit
from critique.kinds.existence import _strings
from critique.patterns import PatternSet

KEYS = {"trigger", "exceptions", "unless", "scope"} | Gate.KEYS
WINDOWS = ("sentence", "next", "neighbours", "answer")


class Trigger:
    """One trigger table: every `all` pattern, one `any` pattern, `min` distinct `count` matches."""

    def __init__(self, table: dict, lexicons: dict, where: str) -> None:
        unknown = set(table) - {"all", "any", "count", "min"}
        if unknown:
            raise RulePackError(f"{where}: unknown key 'trigger.{sorted(unknown)[0]}'")
        self.all = [PatternSet([p], lexicons, f"{where} trigger.all")
                    for p in _strings(table, "all", where)]
        self.any = PatternSet(_strings(table, "any", where), lexicons, f"{where} trigger.any")
        self.count = PatternSet(_strings(table, "count", where), lexicons, f"{where} trigger.count")
        self.min = table.get("min", 1)
        if isinstance(self.min, bool) or not isinstance(self.min, int) or self.min < 1:
            raise RulePackError(f"{where}: key 'trigger.min' must be a positive integer")
        if not (self.all or self.any or self.count):
            raise RulePackError(f"{where}: key 'trigger' needs at least one of all/any/count")

    def span(self, text: str) -> tuple[int, int] | None:
        spans = []
        for part in self.all:
            match = part.search(text)
            if not match:
                return None
            spans.append(match.span())
        if self.any:
            match = self.any.search(text)
            if not match:
                return None
            spans.append(match.span())
        if self.count:
            found = list(self.count.finditer(text))
            if len({m.group(0).lower() for m in found}) < self.min:
                return None
            spans.extend(m.span() for m in found)
        return min(s for s, _ in spans), max(e for _, e in spans)


class Conditional:
    def __init__(self, params: dict, lexicons: dict, where: str, scope: str) -> None:
        trigger = params.get("trigger")
        if isinstance(trigger, list) and all(isinstance(t, str) for t in trigger):
            trigger = [{"any": trigger}]
        elif isinstance(trigger, dict):
            trigger = [trigger]
        if not isinstance(trigger, list) or not trigger or \
                not all(isinstance(t, dict) for t in trigger):
            raise RulePackError(f"{where}: missing key 'trigger' (a table with all/any/count, "
                                "or an array of such tables)")
        self.triggers = [Trigger(t, lexicons, where) for t in trigger]
        self.exceptions = PatternSet(_strings(params, "exceptions", where), lexicons, where)
        unless = params.get("unless", {})
        if isinstance(unless, list):
            unless = {"patterns": unless}
        if not isinstance(unless, dict):
            raise RulePackError(f"{where}: key 'unless' must be a table")
        unknown = set(unless) - {"patterns", "within"}
        if unknown:
            raise RulePackError(f"{where}: unknown key 'unless.{sorted(unknown)[0]}'")
        self.unless = PatternSet(_strings(unless, "patterns", where), lexicons, f"{where} unless")
        self.within = unless.get("within", "answer" if scope == "answer" else "sentence")
        if self.within not in WINDOWS:
            raise RulePackError(f"{where}: key 'unless.within' must be one of {', '.join(WINDOWS)}")
        self.gate = Gate(params, lexicons, where)
        self.applies = self.gate.applies
        self.scope = scope

    def trigger_span(self, text: str) -> tuple[int, int] | None:
        """The span of the first trigger that holds in one sentence, or None."""
        if self.exceptions.search(text):
            return None
        for trigger in self.triggers:
            span = trigger.span(text)
            if span is not None:
                return span
        return None

    def _cleared(self, sentences, i: int) -> bool:
        if not self.unless:
            return False
        lo, hi = {"sentence": (i, i), "next": (i, i + 1), "neighbours": (i - 1, i + 1),
                  "answer": (0, len(sentences) - 1)}[self.within]
        return any(self.unless.search(s.text) for s in sentences[max(lo, 0):hi + 1])

    def clears(self, answer, index: int) -> bool:
        """Whether the rule's "Not it" evidence clears sentence `index` (vetoes the model)."""
        if not self.applies(answer):
            return True
        sentence = answer.sentences[index]
        if self.exceptions.search(sentence.text):
            return True
        if self.scope == "answer":
            return False
        return bool(self.unless) and self._cleared(answer.sentences, index)

    def run(self, answer, doc, ctx) -> list[Hit]:
        if not self.applies(answer):
            return []
        sentences = answer.sentences
        hits = []
        for i, sentence in enumerate(sentences):
            span = self.trigger_span(sentence.text)
            if span is None or self._cleared(sentences, i):
                continue
            if self.scope == "answer":
                return [Hit(sentence.start, sentence.end)]
            hits.append(Hit(sentence.start + span[0], sentence.start + span[1]))
        return hits


def build(params: dict, lexicons: dict, where: str, scope: str = "sentence") -> Conditional:
    return Conditional(params, lexicons, where, scope)
