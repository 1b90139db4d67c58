"""Same-length masking: blank what is never linted, keep every offset."""

from __future__ import annotations

import re

from critique.document import Comment

# One character for one, so offsets never move.
_STRAIGHTEN = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                             "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\t": " "})
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_BULLET = re.compile(r"^(\s*)([-*+\u2022]|\d{1,3}[.)])(\s+)(?=\S)")
_QUESTION = re.compile(
    r"^\s*(?:\*\*|__)?(?:Q|Question)\s*(?:\d+\s*)?[:.](?:\*\*|__)?\s*(?P<q>\S.*?)\s*$", re.I)
_ANSWER_PREFIX = re.compile(r"^\s*(?:\*\*|__)?(?:A|Answer)\s*[:.](?:\*\*|__)?\s*", re.I)


class Mask:
    def __init__(self, text: str) -> None:
        self.text = text
        self.chars = list(text.translate(_STRAIGHTEN))

    def blank(self, start: int, end: int) -> None:
        chars = self.chars
        for i in range(start, min(end, len(chars))):
            if chars[i] != "\n":
                chars[i] = " "

    def result(self) -> str:
        return "".join(self.chars)


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, end excluding the newline."""
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def fenced_lines(lines: list[str], first: int = 0) -> set[int]:
    """Indices of fenced-code lines (fences included): code is never prose, in .md or .txt."""
    hidden: set[int] = set()
    fence: str | None = None
    for k in range(first, len(lines)):
        match = _FENCE.match(lines[k])
        if fence is None:
            if match:
                fence = match.group(1)
                hidden.add(k)
        else:
            hidden.add(k)
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) \
                    and not lines[k][match.end():].strip():
                fence = None
    return hidden


def mask_comments(text: str, mask: Mask, skip: set[int] | None = None,
                  line_of=None) -> list[Comment]:
    """Blank HTML comments and return them, for suppressions."""
    comments = []
    for match in _COMMENT.finditer(text):
        if skip and match.start() in skip:
            continue
        mask.blank(match.start(), match.end())
        if line_of:
            comments.append(Comment(line_of(match.start()), line_of(match.end() - 1),
                                    match.group(1).strip()))
    return comments


def question_text(line: str) -> str | None:
    match = _QUESTION.match(line)
    return match.group("q") if match else None


def answer_prefix_length(line: str) -> int:
    match = _ANSWER_PREFIX.match(line)
    return match.end() if match else 0


def bullet_length(line: str) -> int:
    match = _BULLET.match(line)
    return match.end() if match else 0
