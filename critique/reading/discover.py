"""Expanding the paths given on the command line into answer files."""

from __future__ import annotations

import os

from critique.errors import InputError
from critique.reading.source import missing

ANSWER_SUFFIXES = (".txt", ".md", ".markdown")
_SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox"}


def discover(paths: list[str]) -> tuple[list[str], list[InputError]]:
    """Files to lint, in a stable order, plus one error per path that yields nothing."""
    files: list[str] = []
    errors: list[InputError] = []
    for path in paths:
        if path == "-" or os.path.isfile(path):
            files.append(path)
        elif os.path.isdir(path):
            found = sorted(_walk(path))
            if not found:
                errors.append(
                    InputError(f"{path}: directory holds no .txt, .md or .markdown files"))
            files.extend(found)
        elif os.path.exists(path):
            errors.append(InputError(f"{path}: not a regular file"))
        else:
            errors.append(InputError(missing(path)))
    seen: set[str] = set()
    unique = [f for f in files if not (f in seen or seen.add(f))]
    return unique, errors


def _walk(root: str):
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
        for name in names:
            if name.lower().endswith(ANSWER_SUFFIXES):
                yield os.path.join(folder, name)
