"""Patterns as rule packs write them: regular expressions with `@lexicon` references.

- `@name` expands to every term of lexicon `name` (a phrase list and/or regexes).
- A literal space matches any run of whitespace (masked markup leaves spaces behind).
- Matching is case-insensitive; each pattern is wrapped in word boundaries.
"""

from __future__ import annotations

import re

from critique.errors import RulePackError

_REF = re.compile(r"@([a-z][a-z0-9_-]*)")


class Lexicon:
    def __init__(self, name: str, terms: list[str], regexes: list[str]) -> None:
        self.name = name
        self.terms = terms
        self.regexes = regexes
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
    Matching stays case-insensitive (patterns compile with re.I) and a space inside a
    term still matches any run of whitespace.  Longer terms win, as with sorted branches.
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


def expand(pattern: str, lexicons: dict[str, Lexicon], where: str) -> str:
    def ref(match: re.Match) -> str:
        name = match.group(1)
        if name not in lexicons:
            raise RulePackError(f"{where}: unknown lexicon @{name}")
        return lexicons[name].alternation()

    body = _REF.sub(ref, pattern.replace(" ", r"\s+"))
    # The closing boundary applies only when the pattern ends on a word character: a
    # pattern that ends on a space or a lookahead ("rather than (?!\d)") must still match.
    tail = r"(?![\w])" if re.search(r"[\w)\]]$", pattern) else ""
    return rf"(?<![\w-])(?:{body}){tail}"


class PatternSet:
    """Any-of a list of patterns, compiled once into one regex."""

    def __init__(self, patterns: list[str], lexicons: dict[str, Lexicon], where: str) -> None:
        self.patterns = list(patterns)
        if not patterns:
            self.regex = None
            return
        body = "|".join(f"(?:{expand(p, lexicons, where)})" for p in patterns)
        try:
            self.regex = re.compile(body, re.I)
        except re.error as exc:
            for p in patterns:
                try:
                    re.compile(expand(p, lexicons, where), re.I)
                except re.error as inner:
                    raise RulePackError(f"{where}: bad pattern {p!r}: {inner}") from None
            raise RulePackError(f"{where}: bad pattern: {exc}") from None

    def __bool__(self) -> bool:
        return self.regex is not None

    def search(self, text: str) -> re.Match | None:
        return self.regex.search(text) if self.regex else None

    def finditer(self, text: str):
        return self.regex.finditer(text) if self.regex else iter(())
