"""Patterns as rule packs write them: regular expressions with `@lexicon` references.

- `@name` expands to every term of lexicon `name` (a phrase list and/or regexes).
- A literal space matches any run of whitespace (masked markup leaves spaces behind).
- Matching is case-insensitive; each pattern is wrapped in word boundaries.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property

from critique import prefilter
from critique.errors import PatternTimeout, RulePackError

_REF = re.compile(r"@([a-z][a-z0-9_-]*)")


class Lexicon:
    def __init__(self, name: str, terms: list[str], regexes: list[str],
                 guarded: bool = False) -> None:
        self.name = name
        self.terms = terms
        self.regexes = regexes
        self.guarded = guarded and bool(regexes)  # a user's regexes: see GUARD_SECONDS
        self._alternation: str | None = None

    def alternation(self) -> str:
        if self._alternation is None:
            parts = [_trie_regex(self.terms)] if self.terms else []
            parts += [f"(?:{r})" for r in self.regexes]
            self._alternation = "(?:" + "|".join(parts) + ")" if parts else "(?!x)x"
        return self._alternation


def _trie_regex(terms: list[str]) -> str:
    """One regex for a word list, shaped as a trie of its characters.

    Python's `re` tries an alternation's branches one by one; a trie lets it branch on
    each character instead, which makes a 200-term lexicon as cheap as a few terms.
    Terms are lower-cased (matching runs on lower-cased text) and a space inside a term
    still matches any run of whitespace.  Longer terms win, as with sorted branches.
    """
    trie: dict = {}
    for term in terms:
        words = term.strip().lower().split()
        if not words:
            continue
        node = trie
        for ch in " ".join(words):
            node = node.setdefault(ch, {})
        node[""] = True
    return _node_regex(trie)


def _node_regex(node: dict) -> str:
    end = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        atom = r"\s+" if ch == " " else re.escape(ch)
        branches.append(atom + _node_regex(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end:
        return "(?:" + body + ")?"
    return body


_BOUNDARY = r"(?<![\w-])"


def _body(pattern: str, lexicons: dict[str, Lexicon], where: str) -> str:
    def ref(match: re.Match) -> str:
        name = match.group(1)
        if name not in lexicons:
            raise RulePackError(f"{where}: unknown lexicon @{name}")
        return lexicons[name].alternation()

    body = _REF.sub(ref, pattern.replace(" ", r"\s+"))
    # The closing boundary applies only when the pattern ends on a word character: a
    # pattern that ends on a space or a lookahead ("rather than (?!\d)") must still match.
    tail = r"(?![\w])" if re.search(r"[\w)\]]$", pattern) else ""
    return f"(?:{body}){tail}"


# Regex syntax that is not literal text: group names and inline flags keep their case.
_SYNTAX = re.compile(r"\(\?(?:P?<[A-Za-z_]\w*>|P=[A-Za-z_]\w*\)|[aiLmsux-]+[:)])")


def _lower_pattern(source: str) -> str:
    """Lower-case a regex's literals, leaving escapes (\\S, \\W, \\u00C0...), group
    names (`(?P<Who>`) and inline flags (`(?L)`) intact."""
    out, i = [], 0
    while i < len(source):
        if source[i] == "\\" and i + 1 < len(source):
            out.append(source[i:i + 2])
            i += 2
            continue
        syntax = _SYNTAX.match(source, i) if source[i] == "(" else None
        if syntax:
            out.append(syntax.group())
            i = syntax.end()
            continue
        out.append(source[i].lower())
        i += 1
    return "".join(out)


_UNKNOWN = object()  # a prefilter not worked out yet
_VIEWS: dict[str, tuple[str, set[str]] | None] = {}
_WORD_RUN = re.compile(r"\w+")


def forget_texts() -> None:
    """Drop the per-text views (the engine calls this after each document, so memory
    holds one document's sentences, not every text ever linted)."""
    _VIEWS.clear()


def _view(text: str) -> tuple[str, set[str]] | None:
    """How patterns see a text, worked out once per text: a space then the text
    lower-cased (the space lets one regex find a match at the very start too), and its
    words (maximal runs of word characters) for the prefilters.  None when lower-casing
    would move offsets (a few letters change length)."""
    view = _VIEWS.get(text, False)
    if view is False:
        padded = " " + text.lower()
        view = (padded, set(_WORD_RUN.findall(padded))) if len(padded) == len(text) + 1 \
            else None
        if len(_VIEWS) > 20_000:  # a very large document: start again
            _VIEWS.clear()
        _VIEWS[text] = view
    return view


def _anchored(pattern: str) -> bool:
    """Whether every top-level alternative of a pattern starts with `^` (it can only
    match at the start of the text, so nothing after position 0 needs scanning)."""
    if "(?#" in pattern:  # a comment may hold unbalanced parentheses: do not guess
        return False
    parts, depth, in_class, i, start = [], 0, False, 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return all(part.startswith("^") for part in parts)


# A pattern that can see the start of the text must not see the padding: `^`, `\A`, a
# look-behind, or `\B` (true between the padding and an empty text's end).  Such pattern
# sets try position 0 on the text itself.  The test is textual and errs on the safe side:
# a `^` inside a class or an escaped one only costs the faster path.
_SEES_START = re.compile(r"(?<!\[)\^|\\[AB]|\(\?<[=!]")


class PatternSet:
    """Any-of a list of patterns, compiled once into one regex.

    Matches start only where a word may start: at the beginning of the text, or after a
    character that is neither a word character nor a hyphen.  Matching runs on the
    lower-cased text with lower-cased patterns, and the regex finds the word start itself:
    `[^\\w-](?:body)` over the text with a space in front lets the engine skip in C to the
    next space or punctuation and try the body only there, where a leading look-behind or
    case-insensitive matching made it try every position (3-5 times slower).  Texts whose
    lower case changes length use the exact original regex.

    `search` and `finditer` give (start, end) spans; offsets are the original text's.
    """

    # Rule packs shipped with critique are validated by its test suite and compile on first
    # use (a one-answer run never needs most of them); other packs compile when loaded, so
    # their errors stop the run at once.
    eager = True
    # Users' patterns run under a time limit (see `guarded_patterns`); the shipped ones,
    # which the benchmarks time, run on `re` as they are.
    guarded = False

    def __init__(self, patterns: list[str], lexicons: dict[str, Lexicon], where: str) -> None:
        self.patterns = list(patterns)
        self._exact = None
        self._scan = None
        self._at_start = None
        self._only_at_start = False
        self._required: frozenset[str] | None | object = _UNKNOWN  # see critique.prefilter
        self._where = where
        self._source = None
        if not patterns:
            return
        self._guarded = PatternSet.guarded or any(
            lexicons[name].guarded for p in patterns for name in _REF.findall(p)
            if name in lexicons)
        self._bodies = [_body(p, lexicons, where) for p in patterns]
        self._joined = "|".join(f"(?:{b})" for b in self._bodies)
        self._source = _BOUNDARY + f"(?:{self._joined})"
        if PatternSet.eager:
            self.compile()

    def compile(self) -> None:
        """Compile now (a bad pattern raises RulePackError naming its rule)."""
        if self._source is None:
            return
        try:
            lowered = "|".join(f"(?:{b})" for b in self.lowered_bodies)
            self._scan = self._compile(rf"[^\w-](?:{lowered})")
            if _SEES_START.search(lowered):
                self._at_start = self._compile(lowered)
                self._only_at_start = all(_anchored(p) for p in self.patterns)
            self._prefilter()
        except re.error:
            for p, body in zip(self.patterns, self._bodies):
                try:
                    re.compile(_BOUNDARY + body, re.I)
                except re.error as exc:
                    raise RulePackError(f"{self._where}: bad pattern {p!r}: {exc}") from None
            raise RulePackError(f"{self._where}: bad pattern in {self.patterns!r}") from None

    @cached_property
    def lowered_bodies(self) -> list[str]:
        """Each pattern's body as matching runs it (literals lower-cased): what compiles,
        and what the prefilter analyses."""
        return [_lower_pattern(body) for body in self._bodies]

    def _prefilter(self) -> frozenset[str] | None:
        """The words one of which any match needs (None: no such set).  Known before the
        regex compiles: a run never compiles a pattern its texts cannot match."""
        if self._required is _UNKNOWN:
            self._required = prefilter.any_of(self.lowered_bodies)
        return self._required  # type: ignore[return-value]

    def _compile(self, source: str, flags: int = 0):
        """`re`, or for a user's patterns the same regex with a time limit."""
        compiled = re.compile(source, flags)
        if self._guarded:
            return _TimeLimited(source, flags, self)
        return compiled

    @property
    def regex(self):
        """The exact case-insensitive regex, compiled on first need (rare texts only)."""
        if self._exact is None and self._source is not None:
            self._exact = self._compile(self._source, re.I)
        return self._exact

    def timed_out(self, text: str) -> PatternTimeout:
        shown = f"pattern {self.patterns[0]!r}" if len(self.patterns) == 1 else \
            f"one of the patterns {self.patterns!r}"
        return PatternTimeout(
            f"{self._where}: {shown} ran over {GUARD_SECONDS:g} s on one sentence and was "
            "stopped (it backtracks catastrophically, as nested quantifiers like (a+)+ do); "
            "rewrite it", text)

    def __bool__(self) -> bool:
        return self._source is not None

    def search(self, text: str) -> tuple[int, int] | None:
        """The span of the first match, or None (`finditer`, unrolled: this is the hot path)."""
        if self._source is None:
            return None
        view = _view(text)
        if view is None:
            match = self.regex.search(text)
            return None if match is None else match.span()
        padded, words = view
        required = self._prefilter()
        if required is not None and required.isdisjoint(words):
            return None
        if self._scan is None:
            self.compile()
        if self._at_start is None:
            match = self._scan.search(padded)
            return None if match is None else (match.start(), match.end() - 1)
        return next(self._finditer_seeing_start(padded[1:]), None)

    def finditer(self, text: str) -> Iterator[tuple[int, int]]:
        """The spans of successive non-overlapping matches, left to right."""
        if self._source is None:
            return
        view = _view(text)
        if view is None:
            for match in self.regex.finditer(text):
                yield match.span()
            return
        padded, words = view
        required = self._prefilter()
        if required is not None and required.isdisjoint(words):
            return
        if self._scan is None:
            self.compile()
        if self._at_start is not None:
            yield from self._finditer_seeing_start(padded[1:])
            return
        scan, pos, size = self._scan.search, 0, len(text)
        while pos <= size:
            # Each match includes the one character before the body, and padded[i] is
            # text[i - 1]: searching the padded text from `pos` finds bodies at >= pos.
            match = scan(padded, pos)
            if match is None:
                return
            start, end = match.start(), match.end() - 1
            yield start, end
            pos = end if end > start else end + 1

    def _finditer_seeing_start(self, low: str) -> Iterator[tuple[int, int]]:
        """As `finditer`, on the unpadded text: position 0 on its own, then the scan."""
        pos = 0
        match = self._at_start.match(low)
        if match is not None:
            end = match.end()
            yield 0, end
            pos = end if end > 0 else 1
        if self._only_at_start:
            return
        scan, size = self._scan.search, len(low)
        while pos <= size:
            match = scan(low, pos - 1 if pos else 0)
            if match is None:
                return
            start, end = match.start() + 1, match.end()
            yield start, end
            pos = end if end > start else end + 1


# A user's pattern can backtrack catastrophically: `(a+)+$` on a line of 50,000 a's never
# ends, and Python's `re` cannot be interrupted.  The `regex` package can: a search that
# runs longer than this stops, and the file being linted gets an error naming the rule.
GUARD_SECONDS = 2.0


class _TimeLimited:
    """A compiled pattern with `re`'s search/match/finditer, run by `regex` with a time
    limit.  `re` has already accepted the pattern, so the syntax stays that of `re`."""

    __slots__ = ("_compiled", "_owner")

    def __init__(self, source: str, flags: int, owner: PatternSet) -> None:
        import regex

        try:
            self._compiled = regex.compile(source, flags)
        except regex.error as exc:  # reported as `re` reports a bad pattern
            raise re.error(str(exc)) from None
        self._owner = owner

    def search(self, text: str, pos: int = 0):
        try:
            return self._compiled.search(text, pos, timeout=GUARD_SECONDS)
        except TimeoutError:
            raise self._owner.timed_out(text) from None

    def match(self, text: str):
        try:
            return self._compiled.match(text, timeout=GUARD_SECONDS)
        except TimeoutError:
            raise self._owner.timed_out(text) from None

    def finditer(self, text: str):
        try:
            yield from self._compiled.finditer(text, timeout=GUARD_SECONDS)
        except TimeoutError:
            raise self._owner.timed_out(text) from None


@contextmanager
def guarded_patterns(on: bool = True) -> Iterator[None]:
    """Pattern sets built inside run users' patterns under the time limit."""
    before = PatternSet.guarded
    PatternSet.guarded = on
    try:
        yield
    finally:
        PatternSet.guarded = before


@contextmanager
def compiled_lazily(lazy: bool = True) -> Iterator[None]:
    """Pattern sets built inside compile on first use (for data shipped with critique,
    which its tests validate); outside, they compile when built, so errors show at once."""
    before = PatternSet.eager
    PatternSet.eager = not lazy
    try:
        yield
    finally:
        PatternSet.eager = before
