"""metric: a number measured on a sentence or an answer, compared with a limit.

    kind = "metric"
    [[measures]]
    metric = "sentence_words"   # see METRICS
    max = 45                    # flag when the value is above max (or below min)
    budget = "sentence-words"   # the user's configuration may override the limit
    tolerance = 0.2             # flag only beyond max by more than this share (0.2: 20%)
    message = "This sentence runs {value} words (budget {limit})."
    suggestion = "Split it."    # optional: this measure's own suggestion (else the rule's)

Metrics: sentence_words, answer_words (counts of words); we_share (share of "we/our/us"
among first-person pronouns in the sentences `[where]` admits, needs `min_we`);
question_overlap (share of the question's content words the answer uses, needs a question
with `min_question_terms`);
term_count (distinct matches of `patterns` in a sentence).
Any measure may set `min_words`: answers shorter than that are not measured.
`question_types` / `not_question_types`: the measure applies only to answers whose question
is (is not) of these types, so one rule can hold a design answer to its own budget.
`list_item_words` (sentence_words): a sentence of four or more pieces between commas,
colons, semicolons, brackets or dashes, none longer than this, is an inline list and is
not measured.
`question_unless` and `context` gate the whole rule, as for the conditional kind.
"""

from __future__ import annotations

import re

from critique.document import WORD as _WORD
from critique.errors import RulePackError
from critique.kinds import Gate, Hit, Where, names
from critique.kinds.existence import _strings
from critique.patterns import PatternSet

KEYS = {"measures"} | Gate.KEYS | Where.KEYS
_WE = re.compile(r"\b(?:we|we're|we've|we'd|we'll|our|ours|us)\b", re.I)
_I = re.compile(r"\b(?:I|I'm|I've|I'd|I'll|me|my|mine|myself)\b")
_STOP = frozenset("""a an the and or but if then so of to in on at by for with from into about
as is are was were be been being do does did have has had i you your we our they their it its
this that these those what which who whom how why when where would could should can will
may might must me my us them he she his her there here tell describe walk through give example
time about any some one more most very just like also not no yes please did do your you've you'd
approach think explain made make makes get got want""".split())
SENTENCE_METRICS = {"sentence_words", "term_count"}
ANSWER_METRICS = {"answer_words", "we_share", "question_overlap"}


def _stem(word: str) -> str:
    """A crude stem for overlap: suffixes off, then the first four letters
    ('decision' and 'decided' both give 'deci'); misses beat false alarms here."""
    word = word.lower()
    for suffix in ("ations", "ation", "ions", "ion", "ings", "ing", "ies", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:4]


class Measure:
    def __init__(self, data: dict, lexicons: dict, where: str) -> None:
        if not isinstance(data, dict):
            raise RulePackError(f"{where}: each of 'measures' must be a table")
        known = {"metric", "max", "min", "budget", "message", "suggestion", "min_words", "min_we",
                 "list_item_words", "question_types", "not_question_types",
                 "min_question_terms", "patterns", "tolerance"}
        unknown = set(data) - known
        if unknown:
            raise RulePackError(f"{where}: unknown key 'measures.{sorted(unknown)[0]}'")
        self.metric = data.get("metric")
        if self.metric not in SENTENCE_METRICS | ANSWER_METRICS:
            raise RulePackError(f"{where}: key 'measures.metric' must be one of "
                                f"{', '.join(sorted(SENTENCE_METRICS | ANSWER_METRICS))}")
        self.max = data.get("max")
        self.min = data.get("min")
        if self.max is None and self.min is None:
            raise RulePackError(f"{where}: a measure needs 'max' or 'min'")
        for key in ("max", "min", "min_words", "min_we", "min_question_terms", "tolerance",
                    "list_item_words"):
            if key in data and not isinstance(data[key], (int, float)):
                raise RulePackError(f"{where}: key 'measures.{key}' must be a number")
        self.tolerance = data.get("tolerance", 0)
        self.budget = data.get("budget")
        self.message = data.get("message")
        self.suggestion = data.get("suggestion")
        self.list_item_words = data.get("list_item_words")
        for key in ("message", "suggestion"):
            if key in data and not isinstance(data[key], str):
                raise RulePackError(f"{where}: key 'measures.{key}' must be a string")
        self.question_types = _types(data, "question_types", where)
        self.not_question_types = _types(data, "not_question_types", where) or frozenset()
        self.min_words = data.get("min_words", 0)
        self.min_we = data.get("min_we", 1)
        self.min_question_terms = data.get("min_question_terms", 2)
        self.patterns = PatternSet(_strings(data, "patterns", where), lexicons, where)
        if self.metric == "term_count" and not self.patterns:
            raise RulePackError(f"{where}: metric term_count needs 'patterns'")

    def measures(self, answer) -> bool:
        """Whether this measure applies to an answer of its question's type."""
        kind = answer.question_type
        if self.question_types is not None and kind not in self.question_types:
            return False
        return kind not in self.not_question_types

    def limit(self, ctx) -> tuple[str, float]:
        if self.max is not None:
            return "max", ctx.budgets.get(self.budget, self.max) if self.budget else self.max
        return "min", ctx.budgets.get(self.budget, self.min) if self.budget else self.min

    def breaks(self, value: float, ctx) -> float | None:
        """The limit `value` breaks, beyond the tolerance; None when it holds."""
        side, limit = self.limit(ctx)
        if side == "max" and value > limit * (1 + self.tolerance):
            return limit
        if side == "min" and value < limit * (1 - self.tolerance):
            return limit
        return None

    def sentence_value(self, sentence) -> float:
        if self.metric == "sentence_words":
            if self.list_item_words and _is_inline_list(sentence.text, self.list_item_words):
                return 0
            return sentence.word_count
        text = sentence.text
        return len({text[s:e].lower() for s, e in self.patterns.finditer(text)})

    def answer_value(self, answer, words: int, looked_at: list) -> float | None:
        """`looked_at`: for we_share, the sentences the rule's `[where]` admits ("a story
        told in we": an estimate's "we need to" is no story)."""
        if self.metric == "answer_words":
            return words
        if self.metric == "we_share":
            text = " ".join(s.text for s in looked_at)
            we, me = len(_WE.findall(text)), len(_I.findall(text))
            return None if we < self.min_we else we / (we + me)
        # question_overlap: the whole answer may address the question.
        text = " ".join(s.text for s in answer.sentences)
        if not answer.question:
            return None
        terms = {_stem(w) for w in _WORD.findall(answer.question)
                 if w.lower() not in _STOP and len(w) > 2}
        if len(terms) < self.min_question_terms:
            return None
        used = {_stem(w) for w in _WORD.findall(text)}
        return len(terms & used) / len(terms)


def _types(data: dict, key: str, where: str) -> frozenset[str] | None:
    from critique.questions import type_names

    if key not in data:
        return None
    return frozenset(names(data[key], type_names(), f"measures.{key}", where))


def _is_inline_list(text: str, item_words: int) -> bool:
    """"Metrics: MAU, DAU, time online, pages per visit, shares, ..." is read as a list, not
    as one long sentence: after its intro (up to a colon), four or more pieces between
    separators, nine in ten of them at most `item_words` words and none over twice that (a
    closing "x and y")."""
    items = text.partition(":")[2]
    pieces = [len(_WORD.findall(piece)) for piece in _LIST_SEPARATORS.split(items or text)]
    pieces = [n for n in pieces if n]
    short = sum(n <= item_words for n in pieces)
    return len(pieces) >= 4 and short >= 0.9 * len(pieces) and max(pieces) <= 2 * item_words


_LIST_SEPARATORS = re.compile(r"[,;:()\u2014\u2013]")


class Metric:
    def __init__(self, params: dict, lexicons: dict, where: str) -> None:
        measures = params.get("measures")
        if not isinstance(measures, list) or not measures:
            raise RulePackError(f"{where}: missing key 'measures' (a list of tables)")
        self.measures = [Measure(m, lexicons, where) for m in measures]
        self.gate = Gate(params, lexicons, where)
        self.where = Where(params, where)

    def run(self, answer, doc, ctx) -> list[Hit]:
        if not answer.sentences or not self.gate.applies(answer) or not self.where.answer(answer):
            return []
        words = sum(s.word_count for s in answer.sentences)
        hits: list[Hit] = []
        for measure in self.measures:
            if words < measure.min_words or not measure.measures(answer):
                continue
            if measure.metric in SENTENCE_METRICS:
                for sentence in answer.sentences:
                    if not self.where.sentence(sentence):
                        continue
                    value = measure.sentence_value(sentence)
                    limit = measure.breaks(value, ctx)
                    if limit is not None:
                        hits.append(Hit(sentence.start, sentence.end, 1.0,
                                        _values(measure, value, limit), "sentence"))
            else:
                # The share of "we" is read (and anchored) on the sentences `[where]` admits;
                # the other answer metrics on the whole answer.
                looked_at = answer.sentences if measure.metric != "we_share" else \
                    [s for s in answer.sentences if self.where.sentence(s)]
                value = measure.answer_value(answer, words, looked_at)
                limit = None if value is None else measure.breaks(value, ctx)
                if limit is not None:
                    first = looked_at[0]
                    share = measure.metric in SHARE_METRICS
                    hits.append(Hit(first.start, first.end, 1.0,
                                    _values(measure, value, limit, share), "answer"))
        return hits


SHARE_METRICS = {"we_share", "question_overlap"}


def _values(measure: Measure, value: float, limit: float, share: bool = False) -> dict:
    """What a measure's message may say: {value}, {limit} and {over} (how far past it)."""
    over = f"{abs(value - limit) / limit:.0%}" if limit else ""
    return {"value": _fmt(value, share), "limit": _fmt(limit, share), "over": over,
            "message": measure.message, "suggestion": measure.suggestion}


def _fmt(value: float, share: bool = False) -> str:
    if share:
        return f"{value:.0%}"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.1f}"


def build(params: dict, lexicons: dict, where: str, scope: str = "sentence") -> Metric:
    return Metric(params, lexicons, where)
