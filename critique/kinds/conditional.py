"""conditional: a trigger with no counter-evidence nearby.

    kind = "conditional"
    [trigger]                      # all given parts must hold in one sentence;
                                   # [[trigger]] tables are alternatives
    all = ["@decision_verbs", "@tech_terms", "@tech_properties"]  # every one matches
    any = ["..."]                  # at least one matches
    count = ["@ml_internals"]      # at least `min` distinct matches
    min = 2
    exceptions = ["..."]           # a sentence matching one never triggers
    [[unless]]                     # counter-evidence that clears the trigger
    patterns = ["@outcome_terms"]  # any one of these ...
    within = "sentence"            # ... in: clause | sentence | following | next |
                                   #   neighbours | answer
    [[unless]]                     # tables are alternatives
    all = ["@outcome_terms", "@numbers"]   # every one, in the same sentence
    within = "next"
    question_unless = ["why .* (role|company)"]   # skip answers to such questions
    context = ["@ai_terms"]        # run only where the question or answer mentions one

Windows: `clause` is the part of the trigger's sentence between clause breaks (";", ", and",
", but", ", while", a dash...) that holds the trigger, so "We shipped four days early, and it
significantly improved reliability" has no figure for "significantly improved"; `following`
is the next sentence alone; `next` is the sentence and the next one.

Sentence scope: one hit per triggering sentence, spanning the trigger's words.
Answer scope: one hit for the whole answer when no counter-evidence appears within the
window (default: answer), anchored at the first sentence that satisfies the first trigger
table that any sentence satisfies ([[trigger]] tables are in order of priority).
"""

from __future__ import annotations

import re

from critique.errors import RulePackError
from critique.kinds import Gate, Hit, Where
from critique.kinds.existence import _strings
from critique.patterns import PatternSet

KEYS = {"trigger", "exceptions", "unless", "scope"} | Gate.KEYS | Where.KEYS
WINDOWS = ("clause", "sentence", "following", "next", "neighbours", "answer")
_CLAUSE_BREAK = re.compile(
    r";|,\s+(?:and|but|while|whereas|although|though|yet|so|then)\s+|\s+[\u2014\u2013-]{1,2}\s+|\u2014")


def clause_of(text: str, start: int, end: int) -> str:
    """The clause of `text` holding [start, end): from the break before it to the next."""
    lo, hi = 0, len(text)
    for match in _CLAUSE_BREAK.finditer(text):
        if match.end() <= start:
            lo = match.end()
        elif match.start() >= end:
            hi = match.start()
            break
    return text[lo:hi]


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
            span = part.search(text)
            if span is None:
                return None
            spans.append(span)
        if self.any:
            span = self.any.search(text)
            if span is None:
                return None
            spans.append(span)
        if self.count:
            found = list(self.count.finditer(text))
            if len({text[s:e].lower() for s, e in found}) < self.min:
                return None
            spans.extend(found)
        return min(s for s, _ in spans), max(e for _, e in spans)


class Evidence:
    """One `unless` table: counter-evidence within a window of sentences.  `patterns`:
    any one matches; `all`: every one matches in the same sentence."""

    def __init__(self, table: dict, lexicons: dict, where: str, default: str) -> None:
        unknown = set(table) - {"patterns", "all", "within"}
        if unknown:
            raise RulePackError(f"{where}: unknown key 'unless.{sorted(unknown)[0]}'")
        self.any = PatternSet(_strings(table, "patterns", where), lexicons, f"{where} unless")
        self.all = [PatternSet([p], lexicons, f"{where} unless.all")
                    for p in _strings(table, "all", where)]
        if not self.any and not self.all:
            raise RulePackError(f"{where}: key 'unless' needs 'patterns' or 'all'")
        self.within = table.get("within", default)
        if self.within not in WINDOWS:
            raise RulePackError(f"{where}: key 'unless.within' must be one of {', '.join(WINDOWS)}")

    def found(self, text: str) -> bool:
        if self.any and self.any.search(text) is None:
            return False
        return all(part.search(text) is not None for part in self.all)

    def clears(self, sentences, i: int, span: tuple[int, int] | None = None) -> bool:
        """Whether the evidence is in the window around sentence `i`; `span` is the
        trigger's place in it (without one, as when the model is vetoed, a clause is its
        whole sentence)."""
        if self.within == "clause":
            text = sentences[i].text
            return self.found(clause_of(text, *span) if span else text)
        lo, hi = {"sentence": (i, i), "following": (i + 1, i + 1), "next": (i, i + 1),
                  "neighbours": (i - 1, i + 1), "answer": (0, len(sentences) - 1)}[self.within]
        return any(self.found(s.text) for s in sentences[max(lo, 0):hi + 1])


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
        unless = params.get("unless", [])
        if isinstance(unless, dict) or (isinstance(unless, list) and unless
                                        and all(isinstance(u, str) for u in unless)):
            unless = [unless if isinstance(unless, dict) else {"patterns": unless}]
        if not isinstance(unless, list) or not all(isinstance(u, dict) for u in unless):
            raise RulePackError(f"{where}: key 'unless' must be a table or an array of tables")
        default = "answer" if scope == "answer" else "sentence"
        self.unless = [Evidence(u, lexicons, where, default) for u in unless]
        self.gate = Gate(params, lexicons, where)
        self.where = Where(params, where)
        self.scope = scope

    def applies(self, answer) -> bool:
        return self.where.answer(answer) and self.gate.applies(answer)

    def trigger_span(self, text: str) -> tuple[int, int] | None:
        """The span of the first trigger that holds in one sentence, or None.  Exceptions
        are searched only once a trigger holds: most sentences never trigger."""
        for trigger in self.triggers:
            span = trigger.span(text)
            if span is not None:
                return None if self.exceptions.search(text) is not None else span
        return None

    def _cleared(self, sentences, i: int, span: tuple[int, int] | None = None) -> bool:
        return any(evidence.clears(sentences, i, span) for evidence in self.unless)

    def clears(self, answer, index: int) -> bool:
        """Whether the rule's "Not it" evidence clears sentence `index` (vetoes the model)."""
        if not self.applies(answer):
            return True
        sentence = answer.sentences[index]
        if not self.where.sentence(sentence) or self.exceptions.search(sentence.text) is not None:
            return True
        if self.scope == "answer":
            return False
        return self._cleared(answer.sentences, index)

    def run(self, answer, doc, ctx) -> list[Hit]:
        if not self.applies(answer):
            return []
        sentences = answer.sentences
        answer_wide = [e for e in self.unless if e.within == "answer"]
        if any(e.found(s.text) for e in answer_wide for s in sentences):
            return []  # cleared once for the whole answer, whatever triggers
        if self.scope == "answer":
            # Anchor on the sentence the answer is about: trigger tables are tried in
            # their order of priority, each over the whole answer.
            for trigger in self.triggers:
                for i, sentence in enumerate(sentences):
                    if self.where.sentence(sentence) \
                            and trigger.span(sentence.text) is not None \
                            and self.exceptions.search(sentence.text) is None \
                            and not self._cleared(sentences, i):
                        return [Hit(sentence.start, sentence.end)]
            return []
        hits = []
        for i, sentence in enumerate(sentences):
            if not self.where.sentence(sentence):
                continue
            span = self.trigger_span(sentence.text)
            if span is None or self._cleared(sentences, i, span):
                continue
            hits.append(Hit(sentence.start + span[0], sentence.start + span[1]))
        return hits


def build(params: dict, lexicons: dict, where: str, scope: str = "sentence") -> Conditional:
    return Conditional(params, lexicons, where, scope)
