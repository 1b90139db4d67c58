"""Cutting long blocks into pieces spaCy tokenizes in linear time, offsets kept.

spaCy refuses a text over its `max_length` (1,000,000 characters), and its tokenizer
strips affixes one at a time from a run without whitespace, which is quadratic in the
run's length (20,000 emoji in a row took 38 s).  So a block is handed to spaCy as
consecutive pieces: at most MAX_PIECE characters each, cut after a sentence end where
there is one (else after whitespace), and no run of more than MAX_RUN characters without
whitespace.  The pieces cover the block exactly, so every offset stays the block's own,
and an ordinary answer is one piece: nothing changes for it.
"""

from __future__ import annotations

import re

MAX_PIECE = 50_000  # far below spaCy's max_length; large enough that prose is rarely cut
MAX_RUN = 128  # a URL fits; the quadratic cost of one such run is a few milliseconds

_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")
# A sentence end and the one whitespace character after it: a cut just there leaves
# spaCy the same tokens as the whole text (whitespace after a token is its own).
_SENTENCE_END = re.compile(r"[.!?\u2026\u3002\uff01\uff1f][\"'\u201d\u2019)\]]*\s")
_SPACE = re.compile(r"\s")


def cuts(text: str) -> list[int]:
    """Offsets where `text` is cut, first 0 and last len(text): one piece for most
    blocks; found in time linear in the length."""
    size = len(text)
    if size <= MAX_RUN or (size <= MAX_PIECE and _LONG_RUN.search(text) is None):
        return [0, size]
    out = [0]
    for start, end in _spans(text):
        if start > out[-1]:
            out.append(start)
        for run in _LONG_RUN.finditer(text, start, end):
            if run.start() > out[-1]:
                out.append(run.start())
            out.extend(range(run.start() + MAX_RUN, run.end(), MAX_RUN))
            out.append(run.end())
    if out[-1] != size:
        out.append(size)
    return [c for i, c in enumerate(out) if i == 0 or c > out[i - 1]]


def _spans(text: str) -> list[tuple[int, int]]:
    """Consecutive spans of at most MAX_PIECE characters, each ending after a sentence
    end in its second half where there is one, else after whitespace, else at the cap."""
    spans, start, size = [], 0, len(text)
    while size - start > MAX_PIECE:
        limit = start + MAX_PIECE
        floor = start + MAX_PIECE // 2
        cut = _last_end(_SENTENCE_END, text, floor, limit) or \
            _last_end(_SPACE, text, floor, limit) or limit
        spans.append((start, cut))
        start = cut
    spans.append((start, size))
    return spans


def _last_end(pattern: re.Pattern, text: str, floor: int, limit: int) -> int | None:
    end = None
    for match in pattern.finditer(text, floor, limit):
        end = match.end()
    return end
