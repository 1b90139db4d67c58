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

    def alternation(self) -> str:
        parts = sorted({_phrase(t) for t in self.terms}, key=len, reverse=True)
        parts += [f"(?:{r})" for r in self.regexes]
        return "(?:" + "|".join(parts) + ")" if parts else "(?!x)x"


def _phrase(term: str) -> str:
    words = term.strip().split()
    return r"\s+".join(re.escape(w) for w in words)


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
