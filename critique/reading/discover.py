"""Expanding the paths given on the command line into answer files.

A folder is walked for answer files, skipping hidden folders, what `exclude` and
`extend-exclude` name and what git ignores.  A path named on the command line is linted
even when excluded, unless `force-exclude` is on (as in ruff; pre-commit names every file).
A file named twice, in any spelling, is linted once.
"""

from __future__ import annotations

import os
from typing import NamedTuple

from critique.errors import CritiqueError, InputError
from critique.reading.exclude import DEFAULT_PATTERNS, matches
from critique.reading.gitignore import GitIgnore, contains
from critique.reading.source import missing

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
            errors.append(InputError(missing(path)))
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


class Rules(NamedTuple):
    """What decides exclusions for one path: its settings' part of them."""

    patterns: tuple
    gitignore: bool  # respect .gitignore
    force: bool  # exclusions apply to paths named on the command line too
    root: str | None  # the configuration's folder (None: the current folder)


DEFAULT_RULES = Rules(DEFAULT_PATTERNS, False, False, None)  # no settings: batch folders


class Selection:
    """Which paths a run leaves out, under the settings that apply to each path."""

    def __init__(self, settings_for=None) -> None:
        self._settings_for = settings_for
        self._gitignore = GitIgnore()

    def rules(self, path: str) -> Rules:
        if self._settings_for is None:
            return DEFAULT_RULES
        try:
            settings = self._settings_for(path)
        except CritiqueError:  # a broken configuration is reported with its files
            return DEFAULT_RULES._replace(gitignore=True)
        return Rules(settings.exclude + settings.extend_exclude, settings.respect_gitignore,
                     settings.force_exclude, settings.root)

    def skipped(self, path: str, is_dir: bool, inside: str | None = None) -> bool:
        """A path met while walking (the folders above it were not skipped)."""
        rules = self.rules(path)
        return matches(path, rules.patterns) or (
            rules.gitignore and self._gitignore.ignored(path, is_dir, inside))

    def forced_out(self, path: str, is_dir: bool) -> bool:
        """A path named on the command line: left out only under force-exclude, when git
        ignores it or it or a folder above it, below the configuration's folder (or the
        current one), is excluded.  That folder itself never is, as in ruff."""
        rules = self.rules(path)
        if not rules.force:
            return False
        if rules.gitignore and self._gitignore.ignored_with_parents(path, is_dir):
            return True
        current = os.path.abspath(path)
        anchor = rules.root or os.getcwd()
        while current != anchor:
            if matches(current, self.rules(current).patterns):
                return True
            parent = os.path.dirname(current)
            if parent == current or not contains(anchor, parent):
                return False
            current = parent
        return False

    def walk(self, root: str) -> tuple[list[str], int]:
        """Answer files under `root` and how many paths the exclusions skipped."""
        inside = None
        if self.rules(root).gitignore and self._gitignore.ignored_with_parents(root, True):
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
