"""composition: an answer-scope finding composed of sentence-level evidence.

    kind = "composition"
    [[requires]]                   # every table must be shown by some sentence
    evidence = "decision"          # the classifier's evidence label (optional)
    threshold = 0.6                # its probability that counts (default: the model's own)
    patterns = ["@decision_cues"]  # and/or patterns that show it (optional)
    [[absent]]                     # no sentence of the answer may show any of these
    evidence = "tradeoff"
    patterns = ["@tradeoff_markers"]

The finding anchors on the sentence that best shows the first `requires` table (the
decision; the AI feature).  A sentence shows a table when a pattern matches it or the
classifier's probability for its label reaches the threshold.  Without the classifier a
table is judged by its patterns alone; a table with no patterns then cannot be judged, and
the rule stays silent rather than guess.  `[where]` limits which sentences may show a
`requires` table (never an `absent` one: evidence anywhere clears the answer).
"""

from __future__ import annotations

from critique.errors import RulePackError
from critique.kinds import Gate, Hit, Where
from critique.kinds.existence import _strings
from critique.patterns import PatternSet

KEYS = {"requires", "absent"} | Gate.KEYS | Where.KEYS
EVIDENCE_LABELS = ("decision", "tradeoff", "risk_plan", "ai_feature")


class Evidence:
    """One table: a piece of evidence a sentence may show."""

    def __init__(self, table: dict, lexicons: dict, where: str, key: str) -> None:
        if not isinstance(table, dict):
            raise RulePackError(f"{where}: each of '{key}' must be a table")
        unknown = set(table) - {"evidence", "threshold", "patterns"}
        if unknown:
            raise RulePackError(f"{where}: unknown key '{key}.{sorted(unknown)[0]}'")
        self.label = table.get("evidence")
        if self.label is not None and self.label not in EVIDENCE_LABELS:
            raise RulePackError(f"{where}: key '{key}.evidence' must be one of "
                                f"{', '.join(EVIDENCE_LABELS)}")
        self.threshold = table.get("threshold")
        if self.threshold is not None and (isinstance(self.threshold, bool) or not isinstance(
                self.threshold, (int, float)) or not 0 <= self.threshold <= 1):
            raise RulePackError(f"{where}: key '{key}.threshold' must be a number in 0..1")
        self.patterns = PatternSet(_strings(table, "patterns", where), lexicons,
                                   f"{where} {key}")
        if self.label is None and not self.patterns:
            raise RulePackError(f"{where}: each of '{key}' needs 'evidence' or 'patterns'")

    def judgeable(self, sentences) -> bool:
        """Whether this table can be judged: patterns, or the classifier's label."""
        if self.patterns:
            return True
        return any(self.label in s.evidence for s in sentences)

    def strength(self, sentence, thresholds: dict) -> float:
        """0 when the sentence does not show it; else how strongly (a pattern counts 1)."""
        if self.patterns and self.patterns.search(sentence.text) is not None:
            return 1.0
        if self.label and self.label in sentence.evidence:
            p = sentence.evidence[self.label]
            cut = self.threshold if self.threshold is not None else thresholds.get(self.label, 0.5)
            if p >= cut:
                return p
        return 0.0


class Composition:
    def __init__(self, params: dict, lexicons: dict, where: str) -> None:
        self.requires = [Evidence(t, lexicons, where, "requires")
                         for t in _tables(params, "requires", where)]
        self.absent = [Evidence(t, lexicons, where, "absent")
                       for t in _tables(params, "absent", where)]
        if not self.requires:
            raise RulePackError(f"{where}: missing key 'requires' (an array of tables)")
        self.gate = Gate(params, lexicons, where)
        self.where = Where(params, where)

    def run(self, answer, doc, ctx) -> list[Hit]:
        sentences = answer.sentences
        if not sentences or not self.where.answer(answer) or not self.gate.applies(answer):
            return []
        tables = self.requires + self.absent
        if not all(table.judgeable(sentences) for table in tables):
            return []
        thresholds = ctx.evidence_thresholds
        for table in self.absent:
            if any(table.strength(s, thresholds) for s in sentences):
                return []
        anchor = None
        for k, table in enumerate(self.requires):
            best = max(((table.strength(s, thresholds), -s.index, s) for s in sentences
                        if self.where.sentence(s)), default=(0.0, 0, None), key=lambda t: t[:2])
            if not best[0]:
                return []
            if k == 0:
                anchor = best[2]
        return [Hit(anchor.start, anchor.end, 1.0, None, "answer")]


def _tables(params: dict, key: str, where: str) -> list:
    value = params.get(key, [])
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        raise RulePackError(f"{where}: key '{key}' must be an array of tables")
    return value


def build(params: dict, lexicons: dict, where: str, scope: str = "answer") -> Composition:
    return Composition(params, lexicons, where)
