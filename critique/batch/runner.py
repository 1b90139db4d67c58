"""Scoring many texts: in this process, in joblib workers, or on a Dask cluster.

The texts are cut into chunks; each chunk is linted by one engine instance with
`critique.api.lint_texts` (one spaCy pass per chunk) and comes back as plain dicts, which
are small to send between processes.  Results are reassembled in input order, and chunking
never changes them: each text is linted on its own, so `--jobs 1` and `--jobs 8` agree.

Workers pay a start-up cost (importing spaCy and loading the rules, about a second each),
so below IN_PROCESS_BELOW texts, or with one job, everything runs in this process.
"""

from __future__ import annotations

import gc
import math
import os
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from typing import Any

from critique.errors import CritiqueError

IN_PROCESS_BELOW = 300
CHUNK_IN_PROCESS = 100  # only sets how often the progress bar moves
CHUNKS_PER_WORKER = 2  # enough to balance uneven chunks, few enough to keep overhead low
DASK_MISSING = "the dask backend needs dask.distributed: pip install 'critique[dask]'"

Task = tuple[Any, str, str]  # (settings, path, text)


def lint_chunk(settings: Any, items: list[tuple[str, str]]) -> list[dict]:
    """Lint one chunk with one engine; runs in a worker, so it returns plain data only.

    An unexpected engine failure is retried text by text, so one pathological answer
    becomes an error on that answer instead of losing the chunk; so does a user's pattern
    that ran out of time on it.  Configuration, rule pack and model errors still stop the
    run: they would fail every chunk the same way.
    """
    from critique.api import lint_texts
    from critique.errors import PatternTimeout

    try:
        return [_plain(result) for result in lint_texts(items, settings)]
    except PatternTimeout as exc:
        culprit = _holder(items, exc.text)
        if culprit is not None:
            rest = lint_chunk(settings, items[:culprit] + items[culprit + 1:]) \
                if len(items) > 1 else []
            return rest[:culprit] + [_failed(str(exc))] + rest[culprit:]
    except CritiqueError:
        raise
    except Exception:
        if len(items) == 1:
            return [_crash(items[0])]
    out = []
    for item in items:
        try:
            out.append(_plain(lint_texts([item], settings)[0]))
        except PatternTimeout as exc:
            out.append(_failed(str(exc)))
        except CritiqueError:
            raise
        except Exception:
            out.append(_crash(item))
    return out


def _holder(items: list[tuple[str, str]], text: str) -> int | None:
    """The index of the one text that holds `text` (what a pattern timed out on, as the
    patterns see it: lower-cased, perhaps with a space in front)."""
    if len(items) == 1:
        return 0
    needle = text.strip().lower()
    holders = [i for i, (_, whole) in enumerate(items) if needle and needle in whole.lower()]
    return holders[0] if len(holders) == 1 else None


def _failed(message: str) -> dict:
    return {"error": message, "answers": [], "findings": []}


def _crash(item: tuple[str, str]) -> dict:
    import sys

    kind, exc = sys.exc_info()[:2]
    return _failed(f"internal error while linting: {kind.__name__}: {exc}")


def _plain(result) -> dict:
    return {
        "error": result.error,
        "answers": [{"index": a.index, "question": a.question, "line": a.line, "score": a.score,
                     "signals": list(a.signals), "words": a.words} for a in result.answers],
        "findings": [{k: v for k, v in f.to_json().items() if k != "path"}
                     for f in result.findings],
    }


def chunks(tasks: Sequence[Task], size: int) -> list[tuple[Any, list[tuple[str, str]]]]:
    """Consecutive tasks with equal settings, cut into pieces of at most `size`."""
    out: list[tuple[Any, list[tuple[str, str]]]] = []
    for settings, path, text in tasks:
        if not out or out[-1][0] != settings or len(out[-1][1]) >= size:
            out.append((settings, []))
        out[-1][1].append((path, text))
    return out


def _chunk_size(count: int, workers: int) -> int:
    return max(20, min(250, math.ceil(count / max(1, workers * CHUNKS_PER_WORKER))))


def workers_for(jobs: int | None) -> int:
    return (os.cpu_count() or 1) if jobs is None else max(1, jobs)


def lint_all(tasks: Sequence[Task], *, jobs: int | None = None, backend: str = "local",
             scheduler: str | None = None,
             progress: Callable[[int], None] | None = None) -> list[dict]:
    """One result dict per task, in task order, whatever the backend or number of jobs."""
    advance = progress or (lambda n: None)
    if backend == "dask":
        return _run_dask(tasks, jobs, scheduler, advance)
    workers = workers_for(jobs)
    if workers == 1 or len(tasks) < IN_PROCESS_BELOW:
        results: list[dict] = []
        for settings, items in chunks(tasks, CHUNK_IN_PROCESS):
            results.extend(lint_chunk(settings, items))
            advance(len(items))
        return results
    return _run_joblib(tasks, workers, advance, n_jobs=workers)


def _run_joblib(tasks, workers: int, advance, n_jobs: int, local: bool = True) -> list[dict]:
    """Chunks through joblib: locally with forked workers where possible, or through
    whatever backend the caller configured (`local=False`, e.g. Dask)."""
    from joblib import Parallel, delayed

    from critique.engine import _can_fork

    parts = chunks(tasks, _chunk_size(len(tasks), workers))
    results: list[dict] = []
    backend = None
    if local and _can_fork():
        # Load spaCy, the rules and the model here once; joblib's fork-based backend then
        # gives every worker a copy for free, where fresh (loky) workers pay ~1.5 s each.
        from critique.api import lint_texts

        for settings in {settings for settings, _ in parts}:
            lint_texts([("warm-up.txt", "I decided to use a model.")], settings)
        backend = "multiprocessing"
    # The fork-based backend returns a list (no generator): progress moves at the end.
    run = Parallel(n_jobs=n_jobs, backend=backend,
                   return_as="list" if backend else "generator")
    with _frozen_heap(backend is not None):
        for (_, items), part in zip(parts, run(delayed(lint_chunk)(s, i) for s, i in parts)):
            results.extend(part)
            advance(len(items))
    return results


@contextmanager
def _frozen_heap(active: bool):
    """Before forking, joblib runs a full garbage collection, which walks every object of
    the loaded pipeline, rules and model (about 0.1 s).  Frozen objects are skipped (and
    workers do not copy their pages to update GC headers); nothing here is garbage."""
    if not active:
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def dask_available() -> bool:
    try:
        import distributed  # noqa: F401
    except ImportError:
        return False
    return True


def _run_dask(tasks, jobs: int | None, scheduler: str | None, advance) -> list[dict]:
    """The same chunks through joblib's Dask backend, on the cluster at `scheduler`."""
    try:
        import distributed
    except ImportError:
        raise CritiqueError(DASK_MISSING) from None
    import joblib

    if not scheduler:
        raise CritiqueError("--backend dask needs --scheduler ADDRESS (e.g. tcp://host:8786)")
    try:
        # the connect timeout is Dask's own setting (distributed.comm.timeouts.connect)
        client = distributed.Client(scheduler, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise CritiqueError(f"cannot reach the dask scheduler at {scheduler} ({exc})") from None
    try:
        threads = sum(client.nthreads().values())
        if threads > 1:
            with joblib.parallel_config(backend="dask", client=client):
                return _run_joblib(tasks, threads, advance, n_jobs=jobs or -1, local=False)
        # joblib sizes its Dask pool from the cluster's threads, and with one thread (or
        # none yet) it runs everything in this process instead; submit the same chunks
        # ourselves so that --backend dask always means the cluster does the work.
        parts = chunks(tasks, _chunk_size(len(tasks), 1))
        futures = client.map(lint_chunk, [s for s, _ in parts], [i for _, i in parts],
                             pure=False)
        results: list[dict] = []
        for (_, items), future in zip(parts, futures):
            results.extend(future.result())
            advance(len(items))
        return results
    finally:
        client.close()


def score(submissions: list, *, jobs: int | None = 1, backend: str = "local",
          scheduler: str | None = None,
          progress: Callable[[int], None] | None = None) -> list[dict]:
    """Lint every piece of every submission and build one record per submission."""
    from critique.batch.summary import submission_record

    tasks: list[Task] = [(p.settings, p.path, p.text) for s in submissions for p in s.pieces
                         if p.error is None]
    results = iter(lint_all(tasks, jobs=jobs, backend=backend, scheduler=scheduler,
                            progress=progress))
    records = []
    for submission in submissions:
        per_piece = [None if p.error is not None else next(results) for p in submission.pieces]
        records.append(submission_record(submission, per_piece))
    return records


def total_tasks(submissions: list) -> int:
    return sum(1 for s in submissions for p in s.pieces if p.error is None)
