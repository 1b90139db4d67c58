"""Grouping prose lines into blocks (paragraphs and list items)."""

from __future__ import annotations


class BlockBuilder:
    """Lines join the open block until a boundary; a list item always opens a new one."""

    def __init__(self) -> None:
        self.blocks: list[tuple[int, int]] = []
        self._open: list[int] | None = None

    def add_line(self, start: int, end: int) -> None:
        if self._open is None:
            self._open = [start, end]
        else:
            self._open[1] = end

    def start_item(self, start: int, end: int) -> None:
        self.boundary()
        self._open = [start, end]

    def boundary(self) -> None:
        if self._open is not None:
            self.blocks.append((self._open[0], self._open[1]))
            self._open = None

    def take(self) -> list[tuple[int, int]]:
        self.boundary()
        blocks, self.blocks = self.blocks, []
        return blocks
