"""A read file as the checks see it: answers made of sentences, with exact offsets.

`text` is the file as decoded (BOM dropped, CRLF folded to LF, which changes no line
or column).  `analysis` is the same length as `text`: markup that is never linted
(code, comments, link targets, front matter...) is blanked to spaces and typographic
quotes are straightened, one character for one, so every offset in `analysis` is an
offset in the original file and line/column numbers come out exact by construction.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

# A word: letters or digits, with inner apostrophes or hyphens ("don't", "end-to-end").
WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+(?:['\u2019-][A-Za-z0-9]+)*")


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    index: int  # position within its answer
    doc: Any = field(default=None, repr=False)  # the spaCy Doc of its block, if kept
    tokens: tuple[int, int] = (0, 0)  # its token range in that Doc
    block: int = 0  # the document offset of that Doc's first character
    # Structure (critique/structure.py): STAR section, kind of sentence, mood, actor.
    section: str | None = None
    kind: str = "prose"
    mood: str = "present"
    agent: str | None = None
    # The classifier's evidence probabilities (decision, tradeoff, risk_plan, ai_feature).
    evidence: dict = field(default_factory=dict)

    @cached_property
    def word_count(self) -> int:
        """Counted once: several rules and the answer's totals all need it."""
        return len(WORD.findall(self.text))

    @property
    def span(self):
        """The spaCy Span, built only when token-level detail is wanted."""
        return None if self.doc is None else self.doc[self.tokens[0]:self.tokens[1]]


@dataclass
class Answer:
    index: int
    question: str | None
    question_line: int | None
    blocks: list[tuple[int, int]]  # (start, end) offsets of paragraphs and list items
    sentences: list[Sentence] = field(default_factory=list)
    question_type: str = "unknown"  # critique/questions.py
    premise: tuple[str, ...] = ()  # roles the question hands the candidate

    @property
    def first_offset(self) -> int | None:
        return self.blocks[0][0] if self.blocks else None


@dataclass
class Comment:
    """An HTML comment (where suppressions live), with its 1-based line."""

    line: int
    end_line: int
    body: str


@dataclass
class Document:
    path: str
    text: str
    analysis: str
    answers: list[Answer]
    comments: list[Comment] = field(default_factory=list)
    # Section labels found by the reader: (start, end, section), in offset order.
    labels: list[tuple[int, int, str]] = field(default_factory=list)
    # Offsets where a sentence must start whatever the punctuation says: after a bold
    # lead-in ("**Talk to churned users:** Dashboards show what...").
    breaks: list[int] = field(default_factory=list)
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        if len(self.text) != len(self.analysis):  # pragma: no cover - reader bug guard
            raise AssertionError("analysis text must keep every offset of the original")
        starts = [0]
        find = self.text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._line_starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset; columns count code points."""
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        """The offset of a 1-based (line, column): the inverse of `position`."""
        return self._line_starts[line - 1] + column - 1

    def line_text(self, line: int) -> str:
        start = self._line_starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start:] if end == -1 else self.text[start:end]

    @property
    def line_count(self) -> int:
        return len(self._line_starts)
