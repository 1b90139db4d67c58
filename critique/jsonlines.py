"""Reading JSON Lines with the file and line in every error (batch input, training data)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from critique.errors import CritiqueError


def parsed(text: str, path: str) -> Iterator[tuple[str, Any, str | None]]:
    """(`path:line`, value, problem) for every non-blank line; `problem` says why a line
    is not valid JSON (value None), so a reader can report that line and go on."""
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            yield where, json.loads(line), None
        except ValueError as exc:
            detail = f"{exc.msg} at column {exc.colno}" if hasattr(exc, "colno") else str(exc)
            yield where, None, f"{where}: not valid JSON ({detail})"


def objects(text: str, path: str, error: type[CritiqueError]) -> Iterator[tuple[str, Any]]:
    """(`path:line`, value) for every non-blank line; a bad line raises `error`."""
    for where, value, problem in parsed(text, path):
        if problem:
            raise error(problem)
        yield where, value
