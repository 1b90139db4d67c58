"""critique: a linter for written job-interview answers.

The public Python API is small and lazy, so importing `critique` stays cheap:

    >>> from critique import lint_text, score_text
    >>> findings = lint_text("I'll use BERT.", role="ml-engineer")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from critique.findings import Finding

__all__ = ["Finding", "__version__", "lint_text", "score_text"]


def lint_text(
    text: str, *, role: str = "general", path: str = "-", **settings: Any
) -> list[Finding]:
    """Lint one text (a `.txt` answer, or Markdown when `path` ends in .md)."""
    from critique.api import lint_text as _lint

    return _lint(text, role=role, path=path, **settings)


def score_text(text: str, *, role: str = "general", path: str = "-", **settings: Any) -> list[dict]:
    """Score each answer in one text from 0 to 100; returns one record per answer."""
    from critique.api import score_text as _score

    return _score(text, role=role, path=path, **settings)


def __getattr__(name: str) -> Any:
    if name == "Finding":
        from critique.findings import Finding

        return Finding
    raise AttributeError(name)
