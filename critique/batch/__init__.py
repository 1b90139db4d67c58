"""Scoring a whole cohort at once: `critique batch` and its Python API.

A coach runs `critique batch answers/ --out report.html`; a data pipeline calls the same
runner directly:

    >>> from critique.batch import score_submissions
    >>> records = score_submissions([("L01", "Why this role?", "I want to own ...")])
    >>> records[0]["score"], records[0]["counts"]

Rows that share an id are one submission (a learner's answers to several questions);
its score is the mean of its answers' scores.  Each record is the JSON shape that
`--out report.json` writes under "submissions".  Nothing heavy is imported here, so
`critique --help` stays fast.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = ["score_submissions"]


def score_submissions(items: Iterable[tuple[Any, Any, Any]], settings: Any = None,
                      jobs: int | None = 1) -> list[dict]:
    """Score (id, question, answer) triples; one record per distinct id, in first-seen order.

    `settings` is a `critique.config.Settings` (default: the built-in defaults, no
    configuration file is looked up, so results do not depend on the current folder).
    `jobs` > 1 (or None for all cores) uses joblib workers for large inputs.  Line
    numbers in the records count lines within each answer text.
    """
    from critique.batch.runner import score
    from critique.batch.sources import from_items
    from critique.config import Settings

    chosen = settings if settings is not None else Settings()
    submissions = from_items(items, lambda path: chosen)
    return score(submissions, jobs=jobs)
