"""The source line under a finding, cut to the terminal's width around the flagged words.

Journals are often written one paragraph per line; printed whole, such a line wraps and the
`^^^` marker lands under the wrong words.  A line wider than the room is shown as a window
around the span, with `…` where it was cut.  Everything is measured in terminal cells
(rich's widths: CJK and most emoji take two), not characters, so the marker sits under the
flagged words.
"""

from __future__ import annotations

import re

ELLIPSIS = "\u2026"
MIN_ROOM = 20  # narrower than this, a window shows too little to recognise the sentence
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def snippet(line: str, start: int, end: int, room: int) -> tuple[str, str]:
    """(text, marker) for a 0-based character span [start, end) of `line`, each at most
    `room` cells wide (at least MIN_ROOM): the line or a window of it, and the carets
    under the span's part in view."""
    from rich.cells import cell_len

    # One character for one: controls a terminal would not draw become visible marks.
    line = _CONTROL.sub("\ufffd", line.replace("\t", " "))
    room = max(room, MIN_ROOM)
    start = max(start, 0)
    at_end = start >= len(line)
    if at_end:  # a span at the line's end: lay the marker out under a blank
        line, start = line + " ", len(line)
    end = min(max(end, start + 1), len(line))
    if len(line) <= room and cell_len(line) <= room:
        first, last = 0, len(line)
    else:
        first, last = _window(line, start, end, room, cell_len)
    text = (ELLIPSIS if first else "") + line[first:last] + (ELLIPSIS if last < len(line) else "")
    pad = cell_len((ELLIPSIS if first else "") + line[first:start])
    carets = max(1, cell_len(line[start:min(end, last)]))
    return (text[:-1] if at_end else text), " " * pad + "^" * carets


def _window(line: str, start: int, end: int, room: int, cell_len) -> tuple[int, int]:
    """Character bounds [first, last) of the window: the span centred when it fits, else
    its start a little way in, with as much of the line as the room holds."""

    def width(i: int) -> int:
        return cell_len(line[i])

    inner = room - 2  # room between the two ellipses
    span = 0
    for i in range(start, end):
        span += width(i)
        if span >= inner:
            break
    before = (inner - span) // 2 if span < inner else min(10, inner // 4)
    first, cells = start, 0
    while first > 0 and cells + width(first - 1) <= before:
        first -= 1
        cells += width(first)
    while first < start and width(first) == 0:  # never open on a combining mark
        first += 1
    cells = cell_len(line[first:start]) + (1 if first else 0)
    last = start
    while last < len(line) and cells + width(last) <= room - 1:  # 1: the closing ellipsis
        cells += width(last)
        last += 1
    if last == len(line):  # the end is in view: the room left over goes to the left
        while first > 0 and cells + width(first - 1) <= room:
            first -= 1
            cells += width(first)
    last = max(last, start + 1)

    def shown() -> str:
        return ((ELLIPSIS if first else "") + line[first:last]
                + (ELLIPSIS if last < len(line) else ""))

    while last > start + 1 and cell_len(shown()) > room:  # a cluster wider than its parts
        last -= 1
    return first, last
