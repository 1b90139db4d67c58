"""Reading an answer's structure: which STAR section a sentence is in, what kind of sentence
it is, its mood and who acts in it.  One pass after segmentation; checks consult the result
through their `[where]` table instead of each re-deriving it from the words.

- section: situation, task, action, result, reflection (from the reader's labels), or None;
- kind: "intro" (ends with a colon), "signpost" ("Here's how I'd approach it."),
  "title" (a short unpunctuated line standing alone), "premise" ("As the head of product,"
  restating the role the question gives), else "prose";
- mood: "hypothetical" (a plan), "past" (a story) or "present";
- agent: "i", "we" or "they" (the first actor named), else None.
Cues are data: `rules/structure.toml`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from critique.errors import RulePackError
from critique.tomlread import load_toml

_AGENT = re.compile(r"\b(i|i'm|i've|i'd|i'll|me|my|we|we're|we've|we'd|we'll|our|us|my team|"
                    r"our team|the team|they|they're|he|she|my manager|my boss)\b")
_AGENT_OF = {"i": "i", "i'm": "i", "i've": "i", "i'd": "i", "i'll": "i", "me": "i", "my": "i",
             "my team": "we", "our team": "we"}
_BULLET = re.compile(r"^\s*(?:[-*+\u2022]|\d{1,3}[.)])\s")
_TERMINAL = (".", "!", "?", "\u2026", ":", ";", '"', "'", ")")


@dataclass(frozen=True)
class Cues:
    """Each list of cues compiled as one alternation: a regex search finds the leftmost
    match of any of them in one pass."""

    signposts: re.Pattern
    signpost_max_words: int
    hypothetical: re.Pattern
    past: re.Pattern
    premise: tuple[re.Pattern, ...]


@lru_cache(maxsize=1)
def cues() -> Cues:
    from critique.resources import rules_dir

    path = rules_dir() / "structure.toml"
    data = load_toml(path, RulePackError)

    def compiled(table: str, key: str) -> tuple[re.Pattern, ...]:
        patterns = data.get(table, {}).get(key, [])
        try:
            return tuple(re.compile(p) for p in patterns)
        except re.error as exc:
            raise RulePackError(f"{path}: key '{table}.{key}': bad pattern ({exc})") from None

    def joined(table: str, key: str) -> re.Pattern:
        parts = compiled(table, key)
        return re.compile("|".join(f"(?:{p.pattern})" for p in parts) or "(?!x)x")

    return Cues(joined("signpost", "patterns"), int(data.get("signpost", {}).get(
        "max_words", 22)), joined("mood", "hypothetical"), joined("mood", "past"),
        compiled("premise", "patterns"))


def _normal(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").split())


def mood(text: str, lowered: str | None = None) -> str:
    """The earliest cue decides: "I decided we would launch" is a story."""
    lowered = _normal(text) if lowered is None else lowered
    c = cues()
    plan, story = c.hypothetical.search(lowered), c.past.search(lowered)
    if plan and (not story or plan.start() <= story.start()):
        return "hypothetical"
    return "past" if story else "present"


def agent(text: str, lowered: str | None = None) -> str | None:
    match = _AGENT.search(_normal(text) if lowered is None else lowered)
    if not match:
        return None
    word = match.group(1)
    if word in _AGENT_OF:
        return _AGENT_OF[word]
    return "we" if word.startswith(("we", "our", "us", "the team")) else "they"


def kind_of_text(text: str) -> str:
    """The kind of a sentence standing alone (no block or question around it)."""
    from critique.document import WORD

    return kind(text, len(WORD.findall(text)), False, False, ())


def kind(text: str, words: int, alone: bool, in_list: bool, roles: tuple[str, ...],
         lowered: str | None = None) -> str:
    """`alone`: the sentence is a whole block, and another block of the answer follows it
    (a short unpunctuated line followed by more text is a title; the answer's only or last
    line is not)."""
    text = text.rstrip()
    if text.endswith(":"):
        return "intro"
    lowered = _normal(text) if lowered is None else lowered
    if roles and any(re.match(rf"as (?:the |a |an |our )?(?:new )?{re.escape(role)}\b", lowered)
                     for role in roles):
        return "premise"
    c = cues()
    if words <= c.signpost_max_words and c.signposts.search(lowered):
        return "signpost"
    if alone and not in_list and words <= 8 and not text.endswith(_TERMINAL):
        return "title"
    return "prose"


def annotate(documents) -> None:
    """Fill each answer's question type and premise and each sentence's structure."""
    from critique.questions import premise, question_type

    for doc in documents:
        starts = [start for start, _, _ in doc.labels]
        for answer in doc.answers:
            answer.question_type = question_type(answer.question)
            answer.premise = premise(answer.question)
            per_block: dict[int, int] = {}
            for sentence in answer.sentences:
                per_block[sentence.block] = per_block.get(sentence.block, 0) + 1
            last_block = answer.sentences[-1].block if answer.sentences else None
            floor = bisect.bisect_right(starts, _previous_end(doc, answer)) if starts else 0
            for sentence in answer.sentences:
                i = bisect.bisect_right(starts, sentence.start) - 1
                sentence.section = doc.labels[i][2] if i >= floor and i >= 0 else None
                line_start = doc.text.rfind("\n", 0, sentence.block) + 1
                in_list = bool(_BULLET.match(doc.text[line_start:sentence.block + 1]))
                alone = per_block[sentence.block] == 1 and sentence.block != last_block
                lowered = _normal(sentence.text)
                sentence.kind = kind(sentence.text, sentence.word_count, alone, in_list,
                                     answer.premise, lowered)
                sentence.mood = mood(sentence.text, lowered)
                sentence.agent = agent(sentence.text, lowered)


def _previous_end(doc, answer) -> int:
    """Labels before this offset belong to an earlier answer."""
    if answer.index == 0:
        return -1
    before = doc.answers[answer.index - 1]
    return before.blocks[-1][1] if before.blocks else -1
