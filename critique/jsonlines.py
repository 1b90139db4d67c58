"""Reading JSON Lines with the file and line in every error (batch input, training data)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from critique.errors import CritiqueError


def objects(text: str, path: str, error: type[CritiqueError]) -> Iterator[tuple[str, Any]]:
    """(`path:line`, value) for every non-blank line; a bad line raises `error`."""
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            yield where, json.loads(line)
        except ValueError as exc:
            detail = f"{exc.msg} at column {exc.colno}" if hasattr(exc, "colno") else str(exc)
            raise error(f"{where}: not valid JSON ({detail})") from None
