"""Which words a pattern cannot match without: a cheap test before the regex runs.

Most sentences contain none of the words a rule looks for ("manager", "burned",
"north star"), yet the regex engine must still try the pattern at every word.  For each
pattern this module finds a set of whole words such that every match contains at least
one of them (for `(?:my|our) @people_at_work was` that could be the people words); a
text whose words include none of them cannot match, and the regex is skipped.

The analysis reads the parse tree of Python's own regex parser, so it sees exactly what
the engine runs.  It is conservative: any construct it does not understand gives no
word set (the regex then always runs), so a skipped search could never have matched.
Words are maximal runs of `\\w` characters, as in the lower-cased text.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from functools import lru_cache
from pathlib import Path

try:  # Python 3.11+
    from re import _constants as C
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

SEP = "\x00"  # one or more characters that are not word characters (a space, `\s+`)
BOUND = "\x01"  # a zero-width edge a word cannot cross (`^`, `\b`, `(?!\w)`)
MAX_STRINGS = 4000  # larger finite languages are not worth expanding
_WORDS = re.compile(r"\w+")
# Words so common that requiring them filters nothing.
_COMMON = frozenset("""a an the i me my we our us you your they them their he she his her it
its this that these those to of in on at by for with from as and or but so if then than
is are was were be been being am do does did have has had will would can could should
not no just also about more very all one some what which who when how""".split())


@lru_cache(maxsize=512)
def required_words(body: str) -> frozenset[str] | None:
    """Words of which any match of `body` (a lower-cased regex, matched only where a word
    starts) contains at least one, or None when no such set can be shown."""
    try:
        tree = sre_parse.parse(body)
    except Exception:  # noqa: BLE001 - the compile step reports bad patterns
        return None
    _LOCAL.memo = {}
    try:
        return _best(_candidates(list(tree), True, False))
    finally:
        del _LOCAL.memo


def any_of(bodies: list[str]) -> frozenset[str] | None:
    """For an alternation of bodies: the union of their word sets, if each has one."""
    words: set[str] = set()
    table = shipped_table()
    for body in bodies:
        key = table_key(body)
        if key in table:  # saved for the shipped pack (None: no word set)
            found = frozenset(table[key]) if table[key] else None
        else:
            found = required_words(body)
        if not found:
            return None
        words |= found
    return frozenset(words)


# The analysis costs about 0.15 s for the shipped pack, which every process would pay
# again; `rules/prefilter.json` holds its results for the shipped patterns, keyed by the
# sha256 of each lower-cased body, so an entry can never belong to another pattern.  A
# pattern it lacks (a user's pack, an edited rule) is analysed on first use.
# `python -m critique.prefilter` rewrites the table; a test checks it is complete and
# that every entry equals a fresh analysis.
TABLE = "prefilter.json"


def table_key(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def shipped_table() -> dict[str, list[str] | None]:
    from critique.resources import rules_dir

    try:
        return json.loads((rules_dir() / TABLE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def shipped_bodies() -> list[str]:
    """Every lower-cased pattern body of the shipped pack and scoring signals."""
    from critique.packs import load_rules
    from critique.score import signals

    sets = pattern_sets_in([load_rules(), signals()])
    return sorted({body for s in sets for body in s.lowered_bodies})


def pattern_sets_in(roots: list) -> list:
    """The PatternSets reachable from `roots` (rules, their checks, signals...)."""
    from critique.patterns import PatternSet

    found, seen, todo = [], set(), list(roots)
    while todo:
        obj = todo.pop()
        if id(obj) in seen or isinstance(obj, (str, bytes, int, float, bool, type(None))):
            continue
        seen.add(id(obj))
        if isinstance(obj, PatternSet):
            if obj:
                found.append(obj)
        elif isinstance(obj, dict):
            todo.extend(obj.values())
        elif isinstance(obj, (list, tuple, set, frozenset)):
            todo.extend(obj)
        elif hasattr(obj, "__dict__") and type(obj).__module__.startswith("critique"):
            todo.extend(vars(obj).values())
    return found


def current_table() -> dict[str, list[str] | None]:
    """What `rules/prefilter.json` should hold for the shipped pack as it is now."""
    return {table_key(body): (sorted(found) if (found := required_words(body)) else None)
            for body in shipped_bodies()}


def write_table() -> Path:
    """Rewrite `rules/prefilter.json` (atomically: a temporary file, then os.replace)."""
    import os
    import tempfile

    from critique.resources import rules_dir

    path = rules_dir() / TABLE
    lines = [f"{json.dumps(key)}: {json.dumps(words)}"
             for key, words in sorted(current_table().items())]
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{TABLE}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write("{\n" + ",\n".join(lines) + "\n}\n")
    os.chmod(temp, 0o644)
    os.replace(temp, path)
    return path


def coverage() -> str:
    """How many shipped patterns, and pattern sets, get a word set: the README's sentence
    (a test keeps them equal).  A set gets one only when every pattern in it has one."""
    from critique.packs import load_rules
    from critique.score import signals

    table = current_table()
    sets = pattern_sets_in([load_rules(), signals()])
    filtered = sum(all(table[table_key(b)] for b in s.lowered_bodies) for s in sets)
    return (f"Of the {len(table)} shipped patterns (one entry each in `rules/prefilter.json`), "
            f"{sum(1 for words in table.values() if words)} have such words; a pattern set "
            f"(a rule's patterns, run as one regex) can be skipped only when each of its "
            f"patterns has them, which holds for {filtered} of the {len(sets)} sets.")


def main(argv: list[str] | None = None) -> int:
    """`python -m critique.prefilter`: refresh the table, check it, or count coverage."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m critique.prefilter",
        description="Rewrite rules/prefilter.json, the words each shipped pattern needs "
                    "(run it after editing a shipped rule; the test suite fails until then).")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 when the table is not current")
    parser.add_argument("--stats", action="store_true",
                        help="print how many shipped patterns and pattern sets get a word set")
    args = parser.parse_args(argv)
    if args.stats:
        print(coverage())
        return 0
    if args.check:
        if shipped_table() == current_table():
            print(f"{TABLE} is current")
            return 0
        print(f"{TABLE} is stale: run python -m critique.prefilter")
        return 1
    print(f"wrote {write_table()}")
    return 0


def _best(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    scored = [(sum(1000 if w in _COMMON else 1 for w in c), sorted(c)) for c in candidates if c]
    return frozenset(min(scored)[1]) if scored else None


def _candidates(items: list, left: bool, right: bool) -> list[frozenset[str]]:
    """Word sets any match of the sequence `items` must hit; `left`/`right`: whether
    what comes before/after the sequence is sure to be a non-word character or an edge."""
    out: list[frozenset[str]] = []
    i = 0
    while i < len(items):
        if _strings(items[i]) is None:
            out += _nested(items[i], _edge_before(items, i, left), _edge_after(items, i, right))
            i += 1
            continue
        j = i
        while j < len(items) and _strings(items[j]) is not None:
            j += 1
        strings = _sequence(items[i:j])
        if strings is not None:
            words = _complete_words(strings, _edge_before(items, i, left),
                                    _edge_after(items, j - 1, right))
            if words:
                out.append(words)
        i = j
    return out


def _nested(item, left: bool, right: bool) -> list[frozenset[str]]:
    """Word sets from inside a construct that is not a finite set of strings."""
    op, av = item
    if op is C.SUBPATTERN and not av[1] and not av[2]:
        return _candidates(list(av[3]), left, right)
    if op is C.BRANCH:
        per_branch = [_best(_candidates(list(alt), left, right)) for alt in av[1]]
        if all(per_branch):
            return [frozenset().union(*per_branch)]
        return []
    if op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
        return _candidates(list(av[2]), False, False)
    return []


def _complete_words(strings: set[str], left: bool, right: bool) -> frozenset[str] | None:
    """A word from each string (None if some string has no whole word), preferring
    words many strings share: `(?:move|moving) away` needs only "away"."""
    per_string = []
    for text in strings:
        words = {m.group() for m in _WORDS.finditer(text)
                 if (m.start() > 0 or left) and (m.end() < len(text) or right)}
        if not words:
            return None
        per_string.append(words)
    shared: dict[str, int] = {}
    for words in per_string:
        for word in words:
            shared[word] = shared.get(word, 0) + 1
    return frozenset(min(words, key=lambda w: (w in _COMMON, -shared[w], -len(w), w))
                     for words in per_string)


def _sequence(items: list) -> set[str] | None:
    out = {""}
    for item in items:
        strings = _strings(item)
        if strings is None or len(out) * len(strings) > MAX_STRINGS:
            return None
        out = {a + b for a in out for b in strings}
    return out


# Per analysis and thread: id(item) -> _strings(item), valid while that parse tree lives.
_LOCAL = threading.local()


def _strings(item) -> set[str] | None:
    """The finite set of strings an item matches (SEP and BOUND standing for non-word
    runs and edges), or None when it is not small and finite."""
    memo = _LOCAL.memo
    key = id(item)
    if key not in memo:
        memo[key] = _item_strings(item)
    return memo[key]


def _item_strings(item) -> set[str] | None:
    op, av = item
    if op is C.LITERAL:
        return {chr(av)}
    if op is C.IN:
        if _nonword_class(av):
            return {SEP}
        if len(av) <= 4 and all(kind is C.LITERAL for kind, _ in av):
            return {chr(code) for _, code in av}
        return None
    if op in (C.MAX_REPEAT, C.MIN_REPEAT):
        low, high, sub = av
        if low >= 1 and _nonword_only(list(sub)):
            return {SEP}
        inner = _sequence(list(sub))
        if inner is None:
            return None
        if (low, high) == (1, 1):
            return inner
        if (low, high) == (0, 1):
            return inner | {""}
        return None
    if op is C.SUBPATTERN:
        return None if av[1] or av[2] else _sequence(list(av[3]))
    if op is C.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            strings = _sequence(list(alt))
            if strings is None:
                return None
            out |= strings
        return out if len(out) <= MAX_STRINGS else None
    if op is C.AT:
        return {""} if av is C.AT_NON_BOUNDARY else {BOUND}
    if op is C.ASSERT_NOT and av[0] == 1 and _word_class(list(av[1])):
        return {BOUND}  # (?!\w): what follows is not a word character
    if op in (C.ASSERT, C.ASSERT_NOT):
        return {""}  # zero-width: the characters around it stay adjacent
    return None


def _word_class(items: list) -> bool:
    """Whether `items` is one character class that contains every word character
    (`[\\w]`, `[\\w-]`; not a negated class such as `[^\\w]`)."""
    if len(items) != 1 or items[0][0] is not C.IN:
        return False
    entries = items[0][1]
    return not any(kind is C.NEGATE for kind, _ in entries) and \
        any(kind is C.CATEGORY and value is C.CATEGORY_WORD for kind, value in entries)


def _nonword_class(entries) -> bool:
    """A class of spaces, line breaks and literal punctuation only (no word character)."""
    for kind, value in entries:
        if kind is C.CATEGORY and value in (C.CATEGORY_SPACE, C.CATEGORY_LINEBREAK,
                                            C.CATEGORY_NOT_WORD):
            continue
        if kind is C.LITERAL and not _WORDS.match(chr(value)):
            continue
        return False
    return True


def _nonword_only(items: list) -> bool:
    return len(items) == 1 and (
        (items[0][0] is C.IN and _nonword_class(items[0][1]))
        or (items[0][0] is C.LITERAL and not _WORDS.match(chr(items[0][1]))))


ALWAYS, MAYBE_EMPTY, UNKNOWN = "always", "maybe-empty", "unknown"


def _edge_kind(item, last: bool) -> str:
    """How an item ends (last=True) or starts: ALWAYS on a non-word character; or
    MAYBE_EMPTY (empty, or on a non-word character: look past it); or UNKNOWN."""
    op, av = item
    if _nonword_only([item]):
        return ALWAYS
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return MAYBE_EMPTY  # zero-width
    if op in (C.MAX_REPEAT, C.MIN_REPEAT):
        body = list(av[2])
        if body and _edge_kind(body[-1 if last else 0], last) == ALWAYS:
            return ALWAYS if av[0] >= 1 else MAYBE_EMPTY
    return UNKNOWN


def _edge_before(items: list, i: int, left: bool) -> bool:
    """Whether the character before items[i] is sure to be a non-word one (or an edge)."""
    for j in range(i - 1, -1, -1):
        kind = _edge_kind(items[j], last=True)
        if kind != MAYBE_EMPTY:
            return kind == ALWAYS
    return left


def _edge_after(items: list, i: int, right: bool) -> bool:
    for j in range(i + 1, len(items)):
        kind = _edge_kind(items[j], last=False)
        if kind != MAYBE_EMPTY:
            return kind == ALWAYS
    return right


if __name__ == "__main__":
    raise SystemExit(main())
