"""Scoring a whole cohort at once: `critique batch` and its Python API.

A coach runs `critique batch answers/ --out report.html`; a data pipeline calls the same
runner directly:

    >>> from critique.batch import score_submissions
    >>> records = score_submissions([("L01", "Why this role?", "I want to own ...")])
    >>> records[0]["score"], records[0]["counts"]

Inputs: a folder (searched recursively; each .txt/.md file is one submission, a .md
journal may hold several `## Q: ...` answers), or a CSV / JSONL export with columns
id, question, answer (renamed with --id-column, --question-column, --answer-column).
Rows that share an id are one submission (a learner's answers to several questions).
A row is linted as `Q: <question>` followed by the answer, and its line numbers count
lines within the answer text (line 1 = the answer's first line).

A submission's score is the mean of its answers' scores (0-100).  A submission that
cannot be read keeps its error and gets no score; an empty answer is not an error (no
findings, nothing to score), as in `critique check`.  Each record is the JSON shape
that `--out report.json` writes under "submissions".  examples/cohort/ holds a sample
cohort in all three shapes.  Nothing heavy is imported here, so `critique --help`
stays fast.
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
