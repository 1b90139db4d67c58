"""Pattern matching: whole words only, case-insensitive, exact offsets.

The matcher finds word starts with a scanning regex and tries position 0 on its own;
these tests hold it to the plain definition (a case-insensitive regex behind a
"not after a word character or hyphen" look-behind) on texts built to catch off-by-one
and boundary mistakes.
"""

from __future__ import annotations

import re

import pytest

from critique.patterns import Lexicon, PatternSet

LEXICONS = {"tools": Lexicon("tools", ["Kafka", "Redis", "vector database", "A/B test"], [])}

PATTERNS = [
    ["@tools"],
    ["scalable", "real-time"],
    ["^(?:As|Being) an? (?:\\w+ )?(?:PhD|MBA)"],
    ["^as|know", "^(?:being)"],
    ["\\$\\d+(?:k|m)?", "\\d+%"],
    ["(?:I|I'm|I am) (?:\\w+ ){0,2}?tired of"],
    ["we(?:'d| would) (?:use|pick) @tools"],
    ["(?<!not.)(?:scalable|fast)", "(?<!\\s)real-time"],
]

TEXTS = [
    "Kafka is scalable.",
    "We chose Kafka because Kafka is scalable; kafka-style queues are not.",
    "non-scalable systems and scalable ones, unscalable too",
    "As a PhD, I know. As an MBA, I also know.",
    "Being an Stanford MBA helps",
    "It saved $40k and $5 and 12% (not x$5 or a12%).",
    "I'm honestly tired of on-call. I am so tired of it. Im tired of nothing.",
    "We'd use Redis; we would pick a  vector\ndatabase; we'd use an A/B test.",
    "REAL-TIME real-timely surreal-time real-time",
    "",
    " scalable",
    "-scalable",
    "Scalable first, not scalable, real-time first",
    "real-time at the start, not fast",
    "back to back: 5%5% and $5$6k",
    "İstanbul team: we'd use Kafka, scalable and real-time.",
]


def reference(patterns: list[str], text: str) -> list[tuple[int, int]]:
    """Spans by the definition: every pattern as one case-insensitive regex."""
    pattern_set = PatternSet(patterns, LEXICONS, "test")
    return [m.span() for m in pattern_set.regex.finditer(text)]


@pytest.mark.parametrize("patterns", PATTERNS, ids=lambda p: p[0][:20])
def test_spans_match_the_definition(patterns):
    pattern_set = PatternSet(patterns, LEXICONS, "test")
    for text in TEXTS:
        expected = reference(patterns, text)
        assert list(pattern_set.finditer(text)) == expected, text
        assert pattern_set.search(text) == (expected[0] if expected else None), text


def test_whole_words_only():
    scalable = PatternSet(["scalable"], LEXICONS, "test")
    text = "non-scalable, unscalable, Scalable."
    assert [text[s:e] for s, e in scalable.finditer(text)] == ["Scalable"]


def test_offsets_survive_text_whose_lower_case_changes_length():
    # "İ".lower() is two code points; offsets must still be the original text's.
    tools = PatternSet(["@tools"], LEXICONS, "test")
    text = "İİ then Redis"
    assert [text[s:e] for s, e in tools.finditer(text)] == ["Redis"]


def test_a_pattern_anchored_at_the_start_only_matches_there():
    anchored = PatternSet(["^as an? \\w+"], LEXICONS, "test")
    assert anchored.search("As a lead, I did it") == (0, 9)
    assert anchored.search("Then, as a lead, I did it") is None


def test_search_and_finditer_agree_with_re_on_plain_words():
    words = PatternSet(["the \\w+"], LEXICONS, "test")
    text = "The cat saw the dog near the-end of the line"
    expected = [m.span() for m in re.finditer(r"(?<![\w-])the \w+", text, re.I)]
    assert list(words.finditer(text)) == expected
