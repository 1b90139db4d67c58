"""`exclude` / `extend-exclude`: globs naming paths that a folder walk skips, as ruff takes them.

A glob matches a path when it matches the path's last part (`drafts`, `*.bak.md`) or the
whole path read from the folder the glob belongs to (the configuration file's folder, or
the current folder for the command line): `journal/2023/*`.  As in ruff's globs, `*`
also crosses `/`; a trailing `/` is ignored.
"""

from __future__ import annotations

import glob as _glob
import os
from fnmatch import fnmatchcase

# Folders no answer lives in; `exclude` replaces this list, `extend-exclude` adds to it.
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", ".tox", ".venv", "__pycache__", "node_modules",
                   "venv")

Pattern = tuple[str, str]  # (glob, the folder it is read from; "" to match names only)


def anchored(globs: tuple[str, ...] | list[str], folder: str) -> tuple[Pattern, ...]:
    """Globs as given in one place, tied to the folder they are relative to."""
    out = []
    for pattern in globs:
        if pattern.startswith("./"):
            pattern = pattern[2:]
        if len(pattern) > 1:
            pattern = pattern.rstrip("/")
        if pattern:
            out.append((pattern, folder))
    return tuple(out)


DEFAULT_PATTERNS = anchored(DEFAULT_EXCLUDE, "")


def matches(path: str, patterns: tuple[Pattern, ...]) -> bool:
    """Whether any pattern names `path` (by its last part or its whole path)."""
    path = os.path.abspath(path)
    name = os.path.basename(path)
    for pattern, folder in patterns:
        if fnmatchcase(name, pattern):
            return True
        if folder and fnmatchcase(path, os.path.join(_glob.escape(folder), pattern)):
            return True
    return False
