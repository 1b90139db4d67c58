"""Rule packs: TOML files under `rules/` (and the user's `rule-paths`), validated.

A pack is a folder with `checks/*.toml` (one rule per file, named after its slug) and
`lexicons/*.toml` (shared word lists).  A single `.toml` file holding a rule is also
accepted as a pack.  Every error names the file, the rule and the key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from critique.errors import RulePackError
from critique.findings import SEVERITIES
from critique.patterns import Lexicon
from critique.tomlread import load_toml

ROLES = ("general", "ai-pm", "ml-pm", "ml-engineer")
# The classifier's say over a rule's slug: "alone" (its findings stand on their own),
# "confirm" (it only adds its confidence to a rule finding it agrees with), "off".
MODEL_MODES = ("alone", "confirm", "off")
SCOPES = ("sentence", "answer", "both")
COMMON_KEYS = {"code", "slug", "kind", "severity", "scope", "message", "suggestion", "roles",
               "finds", "why", "bad", "good", "example_role", "tags", "preview", "model",
               "model_requires"}
REQUIRED = ("code", "slug", "kind", "severity", "scope", "message", "suggestion", "finds",
            "why", "bad", "good")


@dataclass
class Example:
    text: str
    role: str


@dataclass
class Rule:
    code: str
    slug: str
    kind: str
    severity: str
    scope: str
    message: str
    suggestion: str
    finds: str
    why: str
    roles: dict[str, str]
    bad: list[Example]
    good: list[Example]
    path: str
    preview: bool = False  # off unless the run asks for preview checks (ruff's convention)
    model: str = "confirm"  # what the classifier may do for this slug: see MODEL_MODES
    # A model finding stands on its own only in a sentence one of these patterns matches:
    # what the catalogue says the anti-pattern cannot be without (an intensifier, a tool...).
    model_requires: object = field(repr=False, default=None)
    params: dict = field(repr=False, default_factory=dict)
    check: object = field(repr=False, default=None)

    def severity_for(self, role: str) -> str | None:
        """The severity for a role, or None when the rule is off for it."""
        value = self.roles.get(role, self.severity)
        return None if value == "off" else value

    @property
    def active_roles(self) -> list[str]:
        return [r for r in ROLES if self.severity_for(r)]


def load_lexicons(folders: list[Path]) -> dict[str, Lexicon]:
    """Lexicons by name (a later folder's wins); regexes from outside the shipped pack
    run under a time limit, as users' rule patterns do."""
    from critique.resources import rules_dir

    shipped = rules_dir().resolve()
    lexicons: dict[str, Lexicon] = {}
    for folder in folders:
        guarded = shipped not in Path(folder).resolve().parents
        for path in sorted(folder.glob("*.toml")):
            data = load_toml(path, RulePackError)
            name = data.get("name", path.stem)
            unknown = set(data) - {"name", "description", "terms", "patterns"}
            if unknown:
                raise RulePackError(f"{path}: unknown key '{sorted(unknown)[0]}' in lexicon")
            for key in ("terms", "patterns"):
                value = data.get(key, [])
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    raise RulePackError(f"{path}: key '{key}' must be a list of strings")
            lexicons[name] = Lexicon(name, data.get("terms", []), data.get("patterns", []),
                                     guarded)
    return lexicons


def _examples(value, key: str, default_role: str, where: str) -> list[Example]:
    if not isinstance(value, list) or not value:
        raise RulePackError(f"{where}: key '{key}' must be a non-empty list of examples")
    out = []
    for item in value:
        if isinstance(item, str):
            out.append(Example(item, default_role))
        elif isinstance(item, dict) and isinstance(item.get("text"), str):
            role = item.get("role", default_role)
            if role not in ROLES:
                raise RulePackError(f"{where}: key '{key}': unknown role {role!r}")
            out.append(Example(item["text"], role))
        else:
            raise RulePackError(f"{where}: key '{key}': each example is a string or "
                                "a table with 'text' (and 'role')")
    return out


def parse_rule(data: dict, path: Path, lexicons: dict[str, Lexicon]) -> Rule:
    from critique.kinds import kinds

    slug = data.get("slug", path.stem)
    where = f"{path}: rule {slug}"
    for key in REQUIRED:
        if key not in data:
            raise RulePackError(f"{where}: missing key '{key}'")
    for key in ("code", "slug", "kind", "severity", "scope", "message", "suggestion", "finds",
                "why"):
        if not isinstance(data[key], str) or not data[key].strip():
            raise RulePackError(f"{where}: key '{key}' must be a non-empty string")
    kind_module = kinds().get(data["kind"])
    if kind_module is None:
        raise RulePackError(f"{where}: key 'kind': unknown kind {data['kind']!r} "
                            f"(known: {', '.join(kinds())})")
    unknown = set(data) - COMMON_KEYS - kind_module.KEYS
    if unknown:
        raise RulePackError(f"{where}: unknown key '{sorted(unknown)[0]}'")
    if data["severity"] not in SEVERITIES:
        raise RulePackError(f"{where}: key 'severity' must be one of {', '.join(SEVERITIES)}")
    if data["scope"] not in SCOPES:
        raise RulePackError(f"{where}: key 'scope' must be one of {', '.join(SCOPES)}")
    roles = data.get("roles", {})
    if not isinstance(roles, dict):
        raise RulePackError(f"{where}: key 'roles' must be a table of role = severity|off")
    for role, value in roles.items():
        if role not in ROLES:
            raise RulePackError(f"{where}: key 'roles.{role}': unknown role")
        if value not in (*SEVERITIES, "off"):
            raise RulePackError(f"{where}: key 'roles.{role}' must be a severity or 'off'")
    if not isinstance(data.get("preview", False), bool):
        raise RulePackError(f"{where}: key 'preview' must be true or false")
    if data.get("model", "confirm") not in MODEL_MODES:
        raise RulePackError(f"{where}: key 'model' must be one of {', '.join(MODEL_MODES)}")
    params = {k: v for k, v in data.items() if k in kind_module.KEYS}
    rule = Rule(
        code=data["code"], slug=slug, kind=data["kind"], severity=data["severity"],
        scope=data["scope"], message=data["message"].strip(),
        suggestion=data["suggestion"].strip(), finds=data["finds"].strip(),
        why=data["why"].strip(), roles=dict(roles), bad=[], good=[], path=str(path),
        preview=data.get("preview", False), model=data.get("model", "confirm"), params=params,
    )
    default_role = data.get("example_role") or (rule.active_roles or ["general"])[0]
    rule.bad = _examples(data["bad"], "bad", default_role, where)
    rule.good = _examples(data["good"], "good", default_role, where)
    rule.check = kind_module.build(params, lexicons, where, scope=rule.scope)
    if "model_requires" in data:
        from critique.kinds.existence import _strings
        from critique.patterns import PatternSet

        rule.model_requires = PatternSet(_strings(data, "model_requires", where), lexicons,
                                         f"{where} model_requires")
    return rule


def _rule_files(path: Path) -> tuple[list[Path], list[Path]]:
    """(rule files, lexicon folders) of one pack path."""
    if path.is_file():
        return [path], []
    if not path.is_dir():
        raise RulePackError(f"{path}: rule pack not found")
    checks = path / "checks"
    files = sorted(checks.glob("*.toml")) if checks.is_dir() else sorted(path.glob("*.toml"))
    lexicons = [path / "lexicons"] if (path / "lexicons").is_dir() else []
    return files, lexicons


def load_rules(extra: list[Path] | None = None, eager: bool = False) -> list[Rule]:
    """The shipped pack, then the user's packs; a user rule with a shipped slug replaces it.
    `eager` compiles the shipped pack's patterns now instead of on first use."""
    from critique.resources import rules_dir

    packs = [rules_dir(), *(extra or [])]
    files: list[Path] = []
    lexicon_dirs: list[Path] = []
    for pack in packs:
        pack_files, pack_lexicons = _rule_files(Path(pack))
        files += pack_files
        lexicon_dirs += pack_lexicons
    from critique.patterns import compiled_lazily, guarded_patterns

    lexicons = load_lexicons(lexicon_dirs)
    by_slug: dict[str, Rule] = {}
    codes: dict[str, str] = {}
    shipped = rules_dir().resolve()
    for path in files:
        data = load_toml(path, RulePackError)
        ours = shipped in Path(path).resolve().parents
        with compiled_lazily(not eager and ours), guarded_patterns(not ours):
            rule = parse_rule(data, path, lexicons)
        if rule.code in codes and codes[rule.code] != rule.slug:
            raise RulePackError(f"{path}: rule {rule.slug}: key 'code': {rule.code} is "
                                f"already used by {codes[rule.code]}")
        codes[rule.code] = rule.slug
        by_slug[rule.slug] = rule
    return sorted(by_slug.values(), key=lambda r: r.code)


@lru_cache(maxsize=16)
def load_rules_cached(rule_paths: tuple[str, ...] = ()) -> tuple[Rule, ...]:
    """Rules loaded once per process for each set of user packs."""
    return tuple(load_rules([Path(p) for p in rule_paths]))
