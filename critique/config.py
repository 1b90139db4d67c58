"""Configuration: `.critique.toml` or `[tool.critique]` in `pyproject.toml`.

Found from the linted file's folder upward (the first file that has critique settings
wins); command-line flags override it.  Unknown keys and wrong types stop the run
with exit 2, naming the file and the key.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from critique.errors import ConfigError
from critique.findings import SEVERITIES
from critique.packs import ROLES
from critique.reading.exclude import DEFAULT_PATTERNS, Pattern, anchored
from critique.tomlread import load_toml

BUDGET_KEYS = ("sentence-words", "answer-words", "design-answer-words")


@dataclass(frozen=True)
class Settings:
    role: str = "general"
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fail_on: str = "warning"
    rule_paths: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    thresholds: tuple[tuple[str, float], ...] = ()
    budgets: tuple[tuple[str, float], ...] = ()
    spacy_model: str | None = None
    model: bool = True
    preview: bool = False  # run the checks marked preview too
    exclude: tuple[Pattern, ...] = DEFAULT_PATTERNS  # globs a folder walk skips
    extend_exclude: tuple[Pattern, ...] = ()
    respect_gitignore: bool = True
    force_exclude: bool = False  # exclusions apply to paths named on the command line too
    source: str | None = field(default=None, compare=False)  # the config file used
    root: str | None = None  # its folder: per-file-ignores globs are relative to it

    def with_overrides(self, **overrides) -> Settings:
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})

    def enabled(self, rule, path: str) -> bool:
        """Whether `rule` runs on `path` under select / extend-select / ignore."""
        chosen = _matches(rule, self.select) or _matches(rule, self.extend_select)
        if not chosen or _matches(rule, self.ignore):
            return False
        if self.root and path != "-":
            path = os.path.relpath(os.path.abspath(path), self.root)
        posix = path.replace(os.sep, "/")
        for pattern, selectors in self.per_file_ignores:
            hit = fnmatch.fnmatch(posix, pattern) or fnmatch.fnmatch(
                os.path.basename(posix), pattern)
            if hit and _matches(rule, selectors):
                return False
        return True

    def severity_of(self, rule) -> str | None:
        override = dict(self.severity).get(rule.slug) or dict(self.severity).get(rule.code)
        if override:
            return None if override == "off" else override
        return rule.severity_for(self.role)


def _matches(rule, selectors) -> bool:
    for selector in selectors:
        if selector == "ALL" or selector == rule.slug or rule.code.startswith(selector):
            return True
    return False


def _strings(value, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: key '{key}' must be a list of strings")
    return tuple(value)


def _number_table(value, key: str, where: str) -> tuple[tuple[str, float], ...]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: key '{key}' must be a table")
    for name, number in value.items():
        if isinstance(number, bool) or not isinstance(number, (int, float)):
            raise ConfigError(f"{where}: key '{key}.{name}' must be a number")
    return tuple(sorted((k, float(v)) for k, v in value.items()))


def parse_settings(data: dict, where: str, base_dir: Path) -> Settings:
    known = {"role", "select", "ignore", "extend-select", "per-file-ignores", "fail-on",
             "rule-paths", "severity", "thresholds", "budgets", "spacy-model", "model",
             "preview", "exclude", "extend-exclude", "respect-gitignore", "force-exclude"}
    for key in data:
        if key not in known:
            raise ConfigError(f"{where}: unknown key '{key}'")
    out: dict = {"source": where, "root": str(base_dir.resolve())}
    if "role" in data:
        if data["role"] not in ROLES:
            raise ConfigError(f"{where}: key 'role' must be one of {', '.join(ROLES)}")
        out["role"] = data["role"]
    for key, attr in (("select", "select"), ("ignore", "ignore"),
                      ("extend-select", "extend_select")):
        if key in data:
            out[attr] = _strings(data[key], key, where)
    if "per-file-ignores" in data:
        table = data["per-file-ignores"]
        if not isinstance(table, dict):
            raise ConfigError(f"{where}: key 'per-file-ignores' must be a table")
        out["per_file_ignores"] = tuple(
            (glob, _strings(v, f"per-file-ignores.{glob}", where)) for glob, v in table.items())
    if "fail-on" in data:
        if data["fail-on"] not in SEVERITIES:
            raise ConfigError(f"{where}: key 'fail-on' must be one of {', '.join(SEVERITIES)}")
        out["fail_on"] = data["fail-on"]
    if "rule-paths" in data:
        out["rule_paths"] = tuple(str((base_dir / p).resolve())
                                  for p in _strings(data["rule-paths"], "rule-paths", where))
    if "severity" in data:
        table = data["severity"]
        if not isinstance(table, dict):
            raise ConfigError(f"{where}: key 'severity' must be a table of slug = severity")
        for slug, value in table.items():
            if value not in (*SEVERITIES, "off"):
                raise ConfigError(f"{where}: key 'severity.{slug}' must be one of "
                                  f"{', '.join(SEVERITIES)}, off")
        out["severity"] = tuple(sorted(table.items()))
    if "thresholds" in data:
        out["thresholds"] = _number_table(data["thresholds"], "thresholds", where)
        for slug, value in out["thresholds"]:
            if not 0 <= value <= 1:
                raise ConfigError(f"{where}: key 'thresholds.{slug}' must be between 0 and 1")
    if "budgets" in data:
        out["budgets"] = _number_table(data["budgets"], "budgets", where)
        for name, _ in out["budgets"]:
            if name not in BUDGET_KEYS:
                raise ConfigError(f"{where}: unknown key 'budgets.{name}' "
                                  f"(known: {', '.join(BUDGET_KEYS)})")
    if "spacy-model" in data:
        if not isinstance(data["spacy-model"], str):
            raise ConfigError(f"{where}: key 'spacy-model' must be a string")
        out["spacy_model"] = data["spacy-model"]
    for key in ("model", "preview", "respect-gitignore", "force-exclude"):
        if key in data:
            if not isinstance(data[key], bool):
                raise ConfigError(f"{where}: key '{key}' must be true or false")
            out[key.replace("-", "_")] = data[key]
    for key in ("exclude", "extend-exclude"):
        if key in data:
            out[key.replace("-", "_")] = anchored(_strings(data[key], key, where),
                                                 str(base_dir.resolve()))
    return Settings(**out)


@lru_cache(maxsize=256)
def _settings_in(folder: str) -> Settings | None:
    for name in (".critique.toml", "pyproject.toml"):
        candidate = Path(folder) / name
        if not candidate.is_file():
            continue
        data = load_toml(candidate, ConfigError)
        if name == "pyproject.toml":
            data = data.get("tool", {}).get("critique")
            if data is None:
                continue
            where = f"{candidate} [tool.critique]"
        else:
            where = str(candidate)
        if not isinstance(data, dict):
            raise ConfigError(f"{where}: must be a table")
        return parse_settings(data, where, candidate.parent)
    return None


def find_settings(path: str) -> Settings:
    """Settings for a linted file: the nearest config upward, else the defaults."""
    start = Path.cwd() if path == "-" else Path(path).resolve().parent
    for folder in (start, *start.parents):
        found = _settings_in(str(folder))
        if found is not None:
            return found
    return Settings()


def load_settings_file(path: str) -> Settings:
    """An explicit `--config FILE`."""
    candidate = Path(path)
    if not candidate.is_file():
        raise ConfigError(f"{path}: configuration file not found")
    data = load_toml(candidate, ConfigError)
    if candidate.name == "pyproject.toml":
        data = data.get("tool", {}).get("critique", {})
    return parse_settings(data, str(candidate), candidate.parent.resolve())
