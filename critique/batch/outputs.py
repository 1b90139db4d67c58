"""The report files: CSV, JSON and HTML, each written atomically.

Outputs are checked before anything is scored (an unknown extension or an existing file
without --force would otherwise waste a long run), and each file is written to a
temporary file in the same folder and moved into place with os.replace, so a reader
never sees half a report and an interrupted run leaves the old file intact.  A run's
files are moved into place together under a lock, so two runs writing the same files
leave the set of one of them.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from critique.errors import CritiqueError

FORMATS = {".csv": "csv", ".json": "json", ".html": "html", ".htm": "html"}


def plan_outputs(paths: list[str], force: bool) -> list[tuple[str, str]]:
    """(path, format) for each --out, or a CritiqueError naming the first bad one."""
    planned: list[tuple[str, str]] = []
    seen: set[str] = set()
    for path in paths:
        ext = os.path.splitext(path)[1].lower()
        fmt = FORMATS.get(ext)
        if fmt is None:
            shown = f"'{ext}'" if ext else "no extension"
            raise CritiqueError(f"{path}: unknown output format ({shown}); "
                                "use .csv, .json or .html")
        real = os.path.realpath(path)
        if real in seen:
            raise CritiqueError(f"{path}: given twice as --out")
        seen.add(real)
        if os.path.isdir(path):
            raise CritiqueError(f"{path}: is a directory")
        if os.path.lexists(path) and not force:
            raise CritiqueError(f"{path}: already exists; pass --force to overwrite it")
        folder = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(folder):
            raise CritiqueError(f"{path}: folder {folder} does not exist")
        planned.append((path, fmt))
    return planned


def write_atomic(path: str, data: str) -> None:
    """Write `data` to `path` through a temporary file in the same folder and os.replace."""
    _replace(_stage(path, data), path)


def _stage(path: str, data: str) -> str:
    """`data` in a new temporary file beside `path`, flushed to disk, with the mode the
    final file should have; returns the temporary file's path."""
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(path)}.",
                                    suffix=".tmp")
    except OSError as exc:
        raise CritiqueError(f"{path}: cannot write ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, _mode_for(path))
    except BaseException as exc:
        _discard(temp)
        if isinstance(exc, OSError):
            raise CritiqueError(f"{path}: cannot write ({exc.strerror or exc})") from None
        raise
    return temp


def _replace(temp: str, path: str) -> None:
    try:
        os.replace(temp, path)
    except BaseException as exc:
        _discard(temp)
        if isinstance(exc, OSError):
            raise CritiqueError(f"{path}: cannot write ({exc.strerror or exc})") from None
        raise


def _discard(temp: str) -> None:
    try:
        os.unlink(temp)
    except OSError:
        pass


def _mode_for(path: str) -> int:
    """Keep an overwritten file's mode; a new file gets the usual 0666 less the umask."""
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _top(findings: list[dict]) -> str:
    return "; ".join(f"line {f['line']} {f['code']} {f['rule']}: {f['message']}"
                     for f in findings)


def render_csv(report: dict[str, Any]) -> str:
    """One row per submission; one count column per rule slug (0 when absent)."""
    slugs = [r["rule"] for r in report["rules"]]
    extra = sorted({s for sub in report["submissions"] for s in sub["counts"]} - set(slugs))
    slugs += extra
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "score", "answers", "findings", *slugs, "top_findings", "error"])
    for sub in report["submissions"]:
        failed = sub["error"] is not None and not sub["answer_count"]
        writer.writerow([
            sub["id"], "" if sub["score"] is None else sub["score"],
            "" if failed else sub["answer_count"], "" if failed else sub["finding_count"],
            *("" if failed else sub["counts"].get(slug, 0) for slug in slugs),
            _top(sub["top_findings"]), sub["error"] or ""])
    return out.getvalue()


def render_json(report: dict[str, Any]) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def render(fmt: str, report: dict[str, Any]) -> str:
    if fmt == "csv":
        return render_csv(report)
    if fmt == "json":
        return render_json(report)
    from critique.batch.html import render_html

    return render_html(report)


def write_outputs(planned: list[tuple[str, str]], report: dict[str, Any],
                  force: bool = True) -> None:
    """Every report of a run, as one set: each is rendered and written to a temporary file
    first; then, holding a lock on their folders, all are moved into place.  Two runs
    writing the same files therefore leave one run's set, never a mix of both; and
    without `force`, a file another run wrote meanwhile is not overwritten."""
    staged: list[tuple[str, str]] = []
    try:
        for path, fmt in planned:
            staged.append((_stage(path, render(fmt, report)), path))
        with _locked({os.path.dirname(os.path.abspath(path)) for path, _ in planned}):
            if not force:
                for _, path in staged:
                    if os.path.lexists(path):
                        raise CritiqueError(f"{path}: another run wrote it meanwhile; pass "
                                            "--force to overwrite it")
            while staged:
                temp, path = staged[0]
                _replace(temp, path)
                staged.pop(0)
    finally:
        for temp, _ in staged:
            _discard(temp)


@contextmanager
def _locked(folders: set[str]) -> Iterator[None]:
    """An exclusive lock on each folder (flock on the folder itself: no lock file is left
    behind), taken in a fixed order so two runs cannot wait for each other."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX: no lock
        yield
        return
    handles: list[int] = []
    try:
        for folder in sorted(folders):
            handle = os.open(folder, os.O_RDONLY)
            handles.append(handle)
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        for handle in handles:
            os.close(handle)
