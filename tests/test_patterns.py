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
    ["\\B", "(?!\\B)"],
    ["^a(?#()|b"],
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
    "x b a",
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


def test_group_names_and_flags_keep_their_case():
    """Matching lower-cases the pattern's literals, not its syntax."""
    named = PatternSet(["(?P<Who>we) did (?P=Who)"], LEXICONS, "test")
    assert list(named.finditer("We did we, WE DID WE")) == [(0, 9), (11, 20)]


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


# The prefilter skips a regex when the text lacks every word the pattern needs; it must
# never skip a text the regex would match.

@pytest.mark.parametrize("pattern, text", [
    ("x (?:\\w+)?tion", "x action"),  # "tion" is no whole word here
    ("GPT-?\\d", "we used GPT4 and gpt-5"),
    ("C\\+\\+", "written in C++ for speed"),
    ("the\\w* team", "thee team"),
    ("(?:re-)?rank\\w*", "we re-ranked results"),
    ("burn(?:ed|t)[ -]out (?:on|from)", "I burned-out on it"),
    ("(?:I|I'm) (?:\\w+ ){0,5}?(?:move|moving) away from", "I'm keen on moving away from it"),
    ("@tools", "our A/B test and vector  database"),
    ("foo(?![^\\w])bar", "foobar"),  # a negated class in a look-ahead is no word edge
    ("gpt(?![^\\w\\s])\\d", "gpt4"),
])
def test_prefilter_keeps_every_match(pattern, text):
    pattern_set = PatternSet([pattern], LEXICONS, "test")
    assert list(pattern_set.finditer(text)) == reference([pattern], text) != []


def test_prefilter_skips_texts_without_the_needed_words():
    from critique.prefilter import required_words

    assert required_words("fed\\s+up\\s+with\\s+(?:my|the)(?![\\w])") == {"fed"}
    assert required_words("x\\s+(?:\\w+)?tion(?![\\w])") == {"x"}
    assert required_words("gpt-?\\d") is None  # "gpt4" is one word: nothing to require
    moving = required_words("(?:i|i'm)\\s+(?:\\w+\\s+){0,5}?(?:move|moving)\\s+away\\s+from")
    assert moving == {"away"}


def test_shipped_patterns_find_the_same_with_and_without_the_prefilter():
    """Every shipped pattern set, on every training sentence: prefiltered spans equal
    the plain definition's."""
    import json
    from pathlib import Path

    from critique.packs import load_rules
    from critique.prefilter import pattern_sets_in
    from critique.score import signals

    sets = pattern_sets_in([load_rules(eager=True), signals()])
    for pattern_set in sets:
        pattern_set.compile()
    assert sum(pattern_set._required is not None for pattern_set in sets) >= 20
    root = Path(__file__).resolve().parent.parent / "training_data" / "sentences"
    texts = [json.loads(line)["text"] for path in sorted(root.glob("*.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(texts) > 5000
    for pattern_set in sets:
        if pattern_set._required is None:
            continue
        for text in texts:
            expected = next((m.span() for m in pattern_set.regex.finditer(text)), None)
            assert pattern_set.search(text) == expected, (pattern_set.patterns, text)


def test_prefilter_table_is_complete_and_current():
    """rules/prefilter.json saves every process the analysis of the shipped patterns; it
    must hold exactly the current analysis (`python -m critique.prefilter` rewrites it)."""
    from critique import prefilter

    expected = {}
    for body in prefilter.shipped_bodies():
        words = prefilter.required_words.__wrapped__(body)
        expected[prefilter.table_key(body)] = sorted(words) if words else None
    assert prefilter.shipped_table() == expected, "run `python -m critique.prefilter`"


# Users' patterns run on the `regex` package with a time limit; they must find exactly
# what `re` finds, and the shipped patterns must stay on `re`.

@pytest.mark.parametrize("patterns", PATTERNS, ids=lambda p: p[0][:20])
def test_time_limited_patterns_find_what_re_finds(patterns):
    from critique.patterns import guarded_patterns

    with guarded_patterns():
        limited = PatternSet(patterns, LEXICONS, "test")
    assert limited._guarded
    for text in TEXTS:
        expected = reference(patterns, text)
        assert list(limited.finditer(text)) == expected, text
        assert limited.search(text) == (expected[0] if expected else None), text


def test_only_users_patterns_are_time_limited(tmp_path):
    from critique.packs import load_rules
    from critique.prefilter import pattern_sets_in

    (tmp_path / "lexicons").mkdir()
    (tmp_path / "lexicons" / "hedges.toml").write_text('patterns = ["(?:sort|kind) of"]\n')
    (tmp_path / "lexicons" / "mine.toml").write_text('terms = ["synergy"]\n')
    shipped = {id(s) for s in pattern_sets_in([load_rules()])}
    with_user_lexicons = load_rules([tmp_path])
    limited = [s for s in pattern_sets_in([with_user_lexicons]) if s._guarded]
    # only the sets that use the user's regexes (a shipped lexicon replaced by the user's)
    assert limited and all(any("@hedges" in p for p in s.patterns) for s in limited)
    assert not any(s._guarded for s in pattern_sets_in([load_rules()]))
    assert shipped
