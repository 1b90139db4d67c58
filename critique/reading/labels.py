"""Section labels inside an answer: STAR ("Situation:", "**Task**", "(A)", "R -") and their
cousins ("Context:", "Outcome:", "Learnings:").

A label is structure, not prose: the reader blanks it (offsets kept) and records where each
section starts, so checks can tell scene-setting (Situation, Task) from claims (Action,
Result).  Single letters count only where the same text also uses other STAR letters, so a
lone "A:" stays an answer marker.
"""

from __future__ import annotations

import re

SECTIONS = ("situation", "task", "action", "result", "reflection")

_WORDS = {
    "situation": "situation|the situation|context|background|problem(?: statement)?|"
                 "the problem|challenge|the challenge|setting|scenario",
    "task": "task|the task|goal|objective|my role|role|responsibility|assignment|mission",
    "action": "actions?(?: taken)?|approach|what i did|solution|steps(?: taken)?|implementation|"
              "how i did it|execution",
    "result": "results?|outcomes?|impact|the result|the outcome",
    "reflection": "learnings?|lessons?(?: learned| learnt)?|key takeaways?|takeaways?|"
                  "reflections?|what i learned|what i learnt|what i would do differently",
}
_WORD_SECTION = [(re.compile(rf"(?:{words})$", re.I), section)
                 for section, words in _WORDS.items()]
_LETTER_SECTION = {"s": "situation", "t": "task", "a": "action", "r": "result"}
_ALL_WORDS = "|".join(_WORDS.values())

# At the start of a line (after any bullet or quote marker): an optional emphasis, the label,
# the emphasis closed, then a colon, a dash, or the end of the line.
_LINE_LABEL = re.compile(
    r"(?P<lead>[ \t]*(?:\*\*|__|\*|_)?[ \t]*)"
    rf"(?:\((?P<pletter>[STAR])\)(?P<psep>[ \t]*:?)"
    rf"|(?:(?P<word>{_ALL_WORDS})|(?P<letter>[STAR])(?:\s*[-–—]\s*(?:{_ALL_WORDS}))?)"
    r"[ \t]*(?:\*\*|__|\*|_)?[ \t]*(?P<sep>:|[-–—](?=\s)|\)|$))(?:\*\*|__)?[ \t]*",
    re.I)
# "(S) ... (T) ..." inside a paragraph.
_INLINE_LETTER = re.compile(r"(?<![\w(])\((?P<letter>[STAR])\)(?=\s)")


def line_label(line: str) -> tuple[int, str | None, str | None]:
    """(length of the label, its section, its letter) at the start of `line`, or (0, None,
    None).  A bare word needs a separator or emphasis: "Result" alone on a plain line is a
    label, "Results were mixed" is prose."""
    match = _LINE_LABEL.match(line)
    if not match:
        return 0, None, None
    if match.group("word"):
        word = " ".join(match.group("word").lower().split())
        section = next(s for pattern, s in _WORD_SECTION if pattern.match(word))
        rest = line[match.end():]
        if match.group("sep") in ("-", "–", "—") and not rest.strip():
            return 0, None, None
        return match.end(), section, None
    if match.group("pletter"):  # "(S)": unambiguous on its own
        letter = match.group("pletter").lower()
        return match.end(), _LETTER_SECTION[letter], "(" + letter
    letter = match.group("letter").lower()
    if match.group("sep") == "" and not line[match.end():].strip():
        return 0, None, None  # a single capital letter alone on a line is not a label
    return match.end(), _LETTER_SECTION[letter], letter


def inline_letters(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, section) of "(S)"-style markers inside text[start:end]."""
    return [(m.start(), m.end(), _LETTER_SECTION[m.group("letter").lower()])
            for m in _INLINE_LETTER.finditer(text, start, end)]


def heading_section(heading: str) -> str | None:
    """The section a heading inside an answer names ("### Situation", "#### R - Result")."""
    length, section, _ = line_label(heading.strip() + ":")
    return section if length else None


class LabelCollector:
    """Collects labels while a reader walks lines; letters are kept only when the text uses
    at least two different STAR letters (a lone "A:" is an answer marker)."""

    def __init__(self) -> None:
        self.labels: list[tuple[int, int, str, str | None]] = []  # start, end, section, letter

    def at_line(self, text: str, start: int, end: int) -> int:
        """Record a label at text[start:end]'s start; return its length (0 if none)."""
        length, section, letter = line_label(text[start:end])
        if not length or section is None:
            return 0
        self.labels.append((start, start + length, section, letter))
        return length

    def inline(self, text: str, start: int, end: int) -> None:
        for s, e, section in inline_letters(text, start, end):
            self.labels.append((s, e, section, "(" + text[s + 1].lower()))

    def heading(self, offset: int, heading: str) -> bool:
        section = heading_section(heading)
        if section:
            self.labels.append((offset, offset, section, None))
        return section is not None

    def accepted(self) -> list[tuple[int, int, str]]:
        """The labels that hold, in offset order."""
        letters = {letter for _, _, _, letter in self.labels if letter and len(letter) == 1}
        keep = []
        for start, end, section, letter in sorted(self.labels):
            if letter and len(letter) == 1 and len(letters) < 2:
                continue
            keep.append((start, end, section))
        return keep
