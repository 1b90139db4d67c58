"""existence: flag every match of any pattern, unless an exception matches the sentence.

    kind = "existence"
    patterns = ["kind of", "@hedges"]        # regexes with @lexicon references
    exceptions = ["(what|which) kind of"]   # a sentence matching one is skipped
    tokens = [[{LOWER = "i"}, {LOWER = "guess"}]]   # optional spaCy token patterns
"""

from __future__ import annotations

from critique.errors import RulePackError
from critique.kinds import Hit, Where
from critique.patterns import PatternSet

KEYS = {"patterns", "exceptions", "tokens"} | Where.KEYS


class Existence:
    def __init__(self, params: dict, lexicons: dict, where: str) -> None:
        self.patterns = PatternSet(_strings(params, "patterns", where), lexicons, where)
        self.exceptions = PatternSet(_strings(params, "exceptions", where), lexicons, where)
        self.tokens = params.get("tokens") or []
        if not isinstance(self.tokens, list) or not all(isinstance(t, list) for t in self.tokens):
            raise RulePackError(f"{where}: key 'tokens' must be a list of token-pattern lists")
        if not self.patterns and not self.tokens:
            raise RulePackError(f"{where}: missing key 'patterns' (or 'tokens')")
        self._matcher = None
        self._where = where
        self.where = Where(params, where)

    def _token_matcher(self, vocab):
        if self._matcher is None:
            from spacy.matcher import Matcher

            matcher = Matcher(vocab)
            try:
                matcher.add("rule", self.tokens)
            except Exception as exc:  # spaCy validates the pattern schema
                raise RulePackError(f"{self._where}: bad key 'tokens': {exc}") from None
            self._matcher = matcher
        return self._matcher

    def sentence_hits(self, sentence) -> list[Hit]:
        hits = [Hit(sentence.start + s, sentence.start + e)
                for s, e in self.patterns.finditer(sentence.text)]
        if self.tokens and sentence.doc is not None:
            span = sentence.span
            for match in self._token_matcher(span.doc.vocab)(span, as_spans=True):
                hits.append(Hit(sentence.block + match.start_char,
                                sentence.block + match.end_char))
        if hits and self.exceptions.search(sentence.text) is not None:
            return []
        return hits

    def clears(self, answer, index: int) -> bool:
        """Whether an exception, or where the rule looks, clears sentence `index` (vetoes
        the model too)."""
        sentence = answer.sentences[index]
        if not self.where.answer(answer) or not self.where.sentence(sentence):
            return True
        return self.exceptions.search(sentence.text) is not None

    def run(self, answer, doc, ctx) -> list[Hit]:
        if not self.where.answer(answer):
            return []
        hits: list[Hit] = []
        for sentence in answer.sentences:
            if self.where.sentence(sentence):
                hits.extend(self.sentence_hits(sentence))
        return hits


def _strings(params: dict, key: str, where: str) -> list[str]:
    value = params.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RulePackError(f"{where}: key '{key}' must be a list of strings")
    return value


def build(params: dict, lexicons: dict, where: str, scope: str = "sentence") -> Existence:
    return Existence(params, lexicons, where)
