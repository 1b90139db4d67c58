"""The report files: CSV, JSON and HTML, each written atomically.

Outputs are checked before anything is scored (an unknown extension or an existing file
without --force would otherwise waste a long run), and each file is written to a
temporary file in the same folder and moved into place with os.replace, so a reader
never sees half a report and an interrupted run leaves the old file intact.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
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
    folder = os.path.dirname(os.path.abspath(path))
    fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(path)}.",
                                suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, _mode_for(path))
        os.replace(temp, path)
    except BaseException as exc:
        try:
            os.unlink(temp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise CritiqueError(f"{path}: cannot write ({exc.strerror or exc})") from None
        raise


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


def write_outputs(planned: list[tuple[str, str]], report: dict[str, Any]) -> None:
    for path, fmt in planned:
        write_atomic(path, render(fmt, report))
