"""Which paths git ignores, so a folder walk skips what the user keeps out of their repository.

Only inside a git work tree (a folder with `.git` in it or above it), as git itself and
ripgrep do: there, `.git/info/exclude` and every `.gitignore` from the top of the work tree
down to the path apply, a deeper file overriding a higher one and a later line an earlier
one (`!negations` included).  The patterns are git's, through `pathspec`.
"""

from __future__ import annotations

import os


class GitIgnore:
    """Cached `.gitignore` lookups for one run; paths are compared as absolute paths."""

    def __init__(self) -> None:
        self._tops: dict[str, str | None] = {}
        self._specs: dict[str, object | None] = {}
        self._unless: dict[tuple[int, str], object | None] = {}

    def ignored(self, path: str, is_dir: bool, inside: str | None = None) -> bool:
        """Whether git ignores `path` itself (its folders are taken as not ignored: a walk
        never enters an ignored folder).  `inside`, a folder named on the command line
        that git ignores, is linted all the same: the patterns that ignore it are skipped
        for the paths under it."""
        path = os.path.abspath(path)
        top = self._top(os.path.dirname(path))
        if top is None:
            return False
        verdict = None
        for base, spec in self._levels(top, os.path.dirname(path)):
            if inside is not None and contains(base, inside) and base != inside:
                spec = self._without_matches(base, spec, inside)
            rel = _relative(path, base) + ("/" if is_dir else "")
            include = spec.check_file(rel).include if spec is not None else None
            if include is not None:
                verdict = include
        return bool(verdict)

    def ignored_with_parents(self, path: str, is_dir: bool) -> bool:
        """Whether git ignores `path` or any folder it sits in (git cannot re-include a file
        whose folder is ignored)."""
        path = os.path.abspath(path)
        top = self._top(os.path.dirname(path))
        if top is None:
            return False
        folders = []
        folder = os.path.dirname(path)
        while folder != top and contains(top, folder):
            folders.append(folder)
            folder = os.path.dirname(folder)
        return any(self.ignored(f, True) for f in reversed(folders)) or self.ignored(path, is_dir)

    def _top(self, folder: str) -> str | None:
        if folder not in self._tops:
            if os.path.exists(os.path.join(folder, ".git")):
                self._tops[folder] = folder
            else:
                parent = os.path.dirname(folder)
                self._tops[folder] = None if parent == folder else self._top(parent)
        return self._tops[folder]

    def _levels(self, top: str, folder: str):
        """(folder, spec) pairs from the lowest precedence to the highest."""
        chain = []
        while True:
            chain.append(folder)
            if folder == top:
                break
            folder = os.path.dirname(folder)
        yield top, self._spec(os.path.join(top, ".git", "info", "exclude"))
        for base in reversed(chain):
            yield base, self._spec(os.path.join(base, ".gitignore"))

    def _spec(self, file: str):
        if file not in self._specs:
            self._specs[file] = _load(file)
        return self._specs[file]

    def _without_matches(self, base: str, spec, inside: str):
        key = (id(spec), inside)  # info/exclude and the top .gitignore share a base
        if key not in self._unless and spec is not None:
            import pathspec

            rel = _relative(inside, base) + "/"
            self._unless[key] = pathspec.GitIgnoreSpec(
                [p for p in spec.patterns if p.include is None or not p.match_file(rel)])
        return self._unless.get(key)


def _load(file: str):
    """The compiled patterns of one ignore file, or None when there is none.  An unreadable
    or undecodable line is git's problem, not a reason to stop linting."""
    try:
        with open(file, "rb") as handle:
            lines = handle.read().decode("utf-8", "replace").splitlines()
    except OSError:
        return None
    import pathspec

    try:
        return pathspec.GitIgnoreSpec.from_lines(lines)
    except ValueError:  # a line git would not take ("!", a trailing "\\"): skip it, as git does
        patterns = []
        for line in lines:
            try:
                patterns += pathspec.GitIgnoreSpec.from_lines([line]).patterns
            except ValueError:
                continue
        return pathspec.GitIgnoreSpec(patterns)


def contains(folder: str, path: str) -> bool:
    """Whether absolute `path` is `folder` or lies under it."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _relative(path: str, base: str) -> str:
    return os.path.relpath(path, base).replace(os.sep, "/")
