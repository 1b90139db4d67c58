"""Expanding the paths given on the command line into answer files.

A folder is walked for answer files, skipping hidden folders, what `exclude` and
`extend-exclude` name and what git ignores.  A path named on the command line is linted
even when excluded, unless `force-exclude` is on (as in ruff; pre-commit names every file).
A file named twice, in any spelling, is linted once.
"""

from __future__ import annotations

import os

from critique.errors import CritiqueError, InputError
from critique.reading.exclude import DEFAULT_PATTERNS, matches
from critique.reading.gitignore import GitIgnore

ANSWER_SUFFIXES = (".txt", ".md", ".markdown")


def discover(paths: list[str], settings_for=None, stdin_name: str | None = None
             ) -> tuple[list[str], list[InputError]]:
    """Files to lint, in a stable order, plus one error per path that yields nothing.

    `settings_for(path)` gives the settings that decide exclusions; without it only the
    default exclusions apply and .gitignore does not (batch folders)."""
    selection = Selection(settings_for)
    files: list[str] = []
    errors: list[InputError] = []
    for path in paths:
        if path == "-":
            if not (stdin_name and selection.forced_out(stdin_name, False)):
                files.append(path)
        elif os.path.isfile(path):
            if not selection.forced_out(path, False):
                files.append(path)
        elif os.path.isdir(path):
            if selection.forced_out(path, True):
                continue
            found, skipped = selection.walk(path)
            if not found:
                errors.append(InputError(
                    f"{path}: no .txt, .md or .markdown files outside the excluded paths "
                    "(exclude, extend-exclude, .gitignore)" if skipped else
                    f"{path}: directory holds no .txt, .md or .markdown files"))
            files.extend(sorted(found))
        elif os.path.exists(path):
            errors.append(InputError(f"{path}: not a regular file"))
        else:
            errors.append(InputError(f"{path}: no such file or directory"))
    seen: set = set()
    unique = []
    for file in files:
        key = _identity(file)
        if key not in seen:
            seen.add(key)
            unique.append(file)
    return unique, errors


def _identity(path: str):
    """The same file under any spelling (`a.md`, `./a.md`, `dir/../a.md`, a link)."""
    if path == "-":
        return path
    try:
        status = os.stat(path)
    except OSError:
        return os.path.normcase(os.path.abspath(path))
    return (status.st_dev, status.st_ino)


class Selection:
    """Which paths a run leaves out, under the settings that apply to each path."""

    def __init__(self, settings_for=None) -> None:
        self._settings_for = settings_for
        self._gitignore = GitIgnore()

    def _rules(self, path: str):
        """(exclude patterns, respect .gitignore, force-exclude, the patterns' folder)."""
        if self._settings_for is None:
            return DEFAULT_PATTERNS, False, False, None
        try:
            settings = self._settings_for(path)
        except CritiqueError:  # a broken configuration is reported with its files
            return DEFAULT_PATTERNS, True, False, None
        return (settings.exclude + settings.extend_exclude, settings.respect_gitignore,
                settings.force_exclude, settings.root)

    def skipped(self, path: str, is_dir: bool, inside: str | None = None) -> bool:
        """A path met while walking (the folders above it were not skipped)."""
        patterns, gitignore, _, _ = self._rules(path)
        return matches(path, patterns) or (
            gitignore and self._gitignore.ignored(path, is_dir, inside))

    def forced_out(self, path: str, is_dir: bool) -> bool:
        """A path named on the command line: left out only under force-exclude, when it or
        a folder above it (up to the configuration's folder or the current one) is
        excluded."""
        _, gitignore, force, _ = self._rules(path)
        if not force:
            return False
        if gitignore and self._gitignore.ignored_with_parents(path, is_dir):
            return True
        current = os.path.abspath(path)
        while True:
            patterns, _, _, root = self._rules(current)
            if matches(current, patterns):
                return True
            parent = os.path.dirname(current)
            anchor = root or os.getcwd()
            if parent == current or parent == anchor or not parent.startswith(
                    anchor.rstrip(os.sep) + os.sep):
                return False
            current = parent

    def walk(self, root: str) -> tuple[list[str], int]:
        """Answer files under `root` and how many paths the exclusions skipped."""
        inside = None
        if self._rules(root)[1] and self._gitignore.ignored_with_parents(root, True):
            inside = os.path.abspath(root)  # named on the command line: linted all the same
        found: list[str] = []
        skipped = 0
        for folder, dirs, names in os.walk(root):
            kept = []
            for name in sorted(dirs):
                if name.startswith("."):
                    continue
                if self.skipped(os.path.join(folder, name), True, inside):
                    skipped += 1
                else:
                    kept.append(name)
            dirs[:] = kept
            for name in names:
                if name.lower().endswith(ANSWER_SUFFIXES):
                    path = os.path.join(folder, name)
                    if self.skipped(path, False, inside):
                        skipped += 1
                    else:
                        found.append(path)
        return found, skipped
