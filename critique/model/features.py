"""Text features, shared verbatim by training (scikit-learn) and the runtime (numpy).

Word unigrams and bigrams over lightly stemmed, lower-cased tokens, plus a few shape
tokens (a number, a percentage, first person singular or plural).  Word features keep
the lint path fast: a sentence costs a few dozen dictionary look-ups.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"[a-z0-9]+(?:['\u2019][a-z]+)?|[%$]")
_SUFFIXES = ("ational", "ations", "ation", "ments", "ment", "ingly", "ings", "ing", "edly",
             "ies", "ied", "ers", "er", "ed", "es", "ly", "s")
_FIRST_SINGULAR = frozenset({"i", "i'm", "i've", "i'd", "i'll", "me", "my", "myself"})
_FIRST_PLURAL = frozenset({"we", "we're", "we've", "we'd", "we'll", "us", "our"})


_STEMS: dict[str, str] = {}


def stem(token: str) -> str:
    found = _STEMS.get(token)
    if found is None:
        found = _stem(token)
        if len(_STEMS) < 200_000:  # bounded: a 5 MB file must not grow it without limit
            _STEMS[token] = found
    return found


def _stem(token: str) -> str:
    if token.isdigit():
        return "<num>"
    for suffix in _SUFFIXES:
        if token.endswith(suffix) and len(token) - len(suffix) >= 3:
            return token[: -len(suffix)]
    return token


_FIGURE = re.compile(r"\d")


def context(section: str | None, kind: str, mood: str, agent: str | None,
            question_type: str, next_text: str | None) -> tuple[str, ...]:
    """Where a sentence stands, as features: its STAR section, kind of sentence, mood, who
    acts, the question's type, and whether the next sentence gives a figure.  Real answers
    taught the model that scene-setting and plans read differently from claims."""
    tokens = [f"__sec_{section or 'none'}__", f"__kind_{kind}__", f"__mood_{mood}__",
              f"__qt_{question_type}__", f"__agent_{agent or 'none'}__"]
    if next_text and _FIGURE.search(next_text):
        tokens.append("__next_figure__")
    return tuple(tokens)


def sentence_context(answer, index: int) -> tuple[str, ...]:
    """The context tokens of sentence `index` of an annotated answer (training and lint)."""
    sentence = answer.sentences[index]
    nxt = answer.sentences[index + 1].text if index + 1 < len(answer.sentences) else None
    return context(sentence.section, sentence.kind, sentence.mood, sentence.agent,
                   answer.question_type, nxt)


def analyze(text: str, where: tuple[str, ...] = ()) -> list[str]:
    """The feature strings of one sentence (repeats count), plus its context tokens."""
    tokens = _TOKEN.findall(text.lower().replace("\u2019", "'"))
    known = _STEMS.get
    stems = [known(t) or stem(t) for t in tokens]
    features = stems + [a + " " + b for a, b in zip(stems, stems[1:])]
    if not _FIRST_SINGULAR.isdisjoint(tokens):
        features.append("__i__")
    if not _FIRST_PLURAL.isdisjoint(tokens):
        features.append("__we__")
    if "%" in tokens or "<num>" in stems:  # a token stems to <num> exactly when all digits
        features.append("__figure__")
    if len(tokens) > 40:
        features.append("__long__")
    features.extend(where)
    return features
