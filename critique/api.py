"""The Python API for scripts and data pipelines: lint or score text in memory."""

from __future__ import annotations

from critique.config import Settings
from critique.engine import FileResult, Linter
from critique.errors import warn as default_warn
from critique.findings import Finding
from critique.reading import parse

_LINTERS: dict[Settings, Linter] = {}


def _linter(settings: Settings, warn=None) -> Linter:
    if settings not in _LINTERS:
        _LINTERS[settings] = Linter(settings, warn or default_warn)
    return _LINTERS[settings]


def lint_texts(items: list[tuple[str, str]], settings: Settings,
               classifier=None, warn=None) -> list[FileResult]:
    """Lint many (path, text) pairs in one NLP pass; the path decides Markdown or text.
    `classifier` replaces the shipped model (training and evaluation use it); `warn`
    receives warnings such as a missing model (default: one line on stderr)."""
    documents = [parse(path, text) for path, text in items]
    if classifier:
        linter = Linter(settings, warn or default_warn, classifier=classifier)
    else:
        linter = _linter(settings, warn)
    return linter.lint(documents)


def _settings(role: str, overrides: dict) -> Settings:
    return Settings(role=role).with_overrides(**overrides)


def lint_text(text: str, *, role: str = "general", path: str = "-", **settings) -> list[Finding]:
    return lint_texts([(path, text)], _settings(role, settings))[0].findings


def score_text(text: str, *, role: str = "general", path: str = "-", **settings) -> list[dict]:
    result = lint_texts([(path, text)], _settings(role, settings))[0]
    return [{"answer": a.index, "question": a.question, "line": a.line, "score": a.score,
             "signals": a.signals, "findings": [f.to_json() for f in result.findings
                                                if f.answer == a.index]}
            for a in result.answers]
