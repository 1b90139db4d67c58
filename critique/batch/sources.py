"""Turning the inputs of a batch into submissions: folders of files, CSV and JSONL exports.

A file in a folder is one submission (one answer, or a learner's whole Markdown journal).
A row of a CSV or JSONL export is one answer; rows that share an id are one submission,
so a learner who answered three questions is one line of the report.  A row's text is
linted as

    Q: <question>
    <answer>

so the engine sees the question (the off-question rule needs it); line numbers reported
for a row are then shifted back to count lines within the answer text (line 1 = the
answer's first line).

Whole-input problems (missing path, a column or key the export does not have, a file
with no usable row) raise InputError: the batch cannot do its job.  Problems with one
submission (binary, undecodable, unreadable file; a JSONL line that is not an object
with an answer; an answer that is not text; a CSV quote never closed, from its row on)
are kept on that submission and never stop the others.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from critique.errors import ConfigError, InputError

TABLE_SUFFIXES = (".csv", ".jsonl", ".ndjson")
ANSWER_SUFFIXES = (".txt", ".md", ".markdown")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Columns:
    """Which CSV columns / JSONL keys hold the id, the question and the answer."""

    id: str = "id"
    question: str = "question"
    answer: str = "answer"
    question_required: bool = False  # only when --question-column was given explicitly


@dataclass
class Piece:
    """One text to lint: a file, or one row of an export."""

    path: str  # handed to the parser: its suffix picks Markdown or plain text
    text: str | None
    location: str  # for people: the file, or FILE:LINE of the row
    question: str | None = None  # from the export's question column
    line_offset: int = 0  # lines put before the answer text (the `Q:` line)
    error: str | None = None
    settings: Any = None


@dataclass
class Submission:
    id: str
    location: str
    pieces: list[Piece] = field(default_factory=list)


def one_line(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def row_piece(path: str, location: str, question: Any, answer: Any) -> Piece:
    """A row as the engine will read it: `Q: question` first, then the answer."""
    q = one_line(str(question)) if question not in (None, "") else None
    if answer is None:
        answer = ""
    if not isinstance(answer, str):
        return Piece(path, None, location, q,
                     error=f"{location}: the answer is a {type(answer).__name__}, not text")
    if "\x00" in answer:
        return Piece(path, None, location, q,
                     error=f"{location}: binary answer (contains NUL bytes), not text")
    answer = answer.replace("\r\n", "\n").replace("\r", "\n")
    if q:
        return Piece(path, f"Q: {q}\n{answer}", location, q, line_offset=1)
    return Piece(path, answer, location, None)


def group(rows: Iterable[tuple[str, Piece]]) -> list[Submission]:
    """Rows that share an id become one submission, in first-seen order."""
    by_id: dict[str, Submission] = {}
    for key, piece in rows:
        submission = by_id.get(key)
        if submission is None:
            submission = by_id[key] = Submission(key, piece.location.rsplit(":", 1)[0])
        submission.pieces.append(piece)
    return list(by_id.values())


def from_items(items: Iterable[tuple[Any, Any, Any]], settings_for: Callable) -> list[Submission]:
    """The Python API's (id, question, answer) triples."""
    rows = []
    for number, item in enumerate(items, 1):
        try:
            key, question, answer = item
        except (TypeError, ValueError):
            raise InputError(f"item {number}: expected (id, question, answer)") from None
        piece = row_piece("-", f"item:{number}", question, answer)
        piece.settings = settings_for("-")
        rows.append((_key(key, piece.location), piece))
    return group(rows)


def _key(value: Any, location: str) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        return location  # a row without an id stands alone
    return str(value).strip()


def read_csv(path: str, columns: Columns) -> list[tuple[str, Piece]]:
    from critique.reading.source import read_path

    text = read_path(path)
    csv.field_size_limit(max(csv.field_size_limit(), 1 << 24))
    first = text.split("\n", 1)[0]
    delimiter = "," if "," in first or not (";" in first or "\t" in first) else \
        (";" if ";" in first else "\t")
    records, broken = _records(text, path, delimiter)
    if not records and broken:
        raise InputError(broken[1])
    header = records[0][1] if records else None
    if header is None or not any(h.strip() for h in header):
        raise InputError(f"{path}: empty file; expected a header row with columns "
                         f"{columns.id}, {columns.question}, {columns.answer}")
    names = [h.strip() for h in header]
    index = {}
    for role, name, option in (("id", columns.id, "--id-column"),
                               ("answer", columns.answer, "--answer-column"),
                               ("question", columns.question, "--question-column")):
        if name in names:
            index[role] = names.index(name)
        elif role != "question" or columns.question_required:
            raise InputError(f"{path}: no column '{name}' (columns: {', '.join(names)}); "
                             f"name the {role} column with {option}")
    rows = []
    for line, row in records[1:]:
        location = f"{path}:{line}"
        if not row or not any(cell.strip() for cell in row):
            continue

        def cell(role: str, row: list[str] = row) -> str | None:
            i = index.get(role)
            return row[i] if i is not None and i < len(row) else None

        piece = row_piece(path, location, cell("question"), cell("answer"))
        rows.append((_key(cell("id"), location), piece))
    if broken:
        location = f"{path}:{broken[0]}"
        rows.append((location, Piece(path, None, location, error=broken[1])))
    if not rows:
        raise InputError(f"{path}: no rows below the header")
    return rows


def _records(text: str, path: str, delimiter: str
             ) -> tuple[list[tuple[int, list[str]]], tuple[int, str] | None]:
    """(first line, cells) of each record, and (line, message) for a quote that is never
    closed: the records from there on would run together, so they are not read.

    Read strictly first: a quote left open shows as the end of the data inside a quoted
    field, or as text after a quote that closed on a later line.  Other strict complaints
    (text after a closing quote on its own line, `"x" y`) are read leniently, as always."""
    for strict in (True, False):
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=strict)
        records: list[tuple[int, list[str]]] = []
        start = 1
        try:
            for cells in reader:
                records.append((start, cells))
                start = reader.line_num + 1
        except csv.Error as exc:
            if str(exc) == "unexpected end of data" or reader.line_num > start:
                last = text.count("\n") + (not text.endswith("\n"))
                return records, (start, (
                    f"{path}:{start}: unclosed quote: the quoted field that starts on line "
                    f"{start} runs on to line {reader.line_num}, merging rows; close it or "
                    f"double the quote (\"\"); lines {start}-{last} were not read"))
            if not strict:
                raise InputError(f"{path}:{reader.line_num}: malformed CSV ({exc})") from None
            continue
        return records, None
    return [], None  # pragma: no cover - the lenient pass returns or raises


_JSON_TYPES = {list: "an array", str: "a string", int: "a number", float: "a number",
               bool: "true or false", type(None): "null"}


def read_jsonl(path: str, columns: Columns) -> list[tuple[str, Piece]]:
    """Rows of a JSON Lines export.  A line that is not JSON, not an object, or lacks the
    answer is an error on that row, and the others are read; a key that no row has is a
    problem of the file (the export names it otherwise: --answer-column and friends)."""
    from critique.jsonlines import parsed
    from critique.reading.source import read_path

    needed = [(columns.id, "--id-column"), (columns.answer, "--answer-column")]
    if columns.question_required:
        needed.append((columns.question, "--question-column"))
    rows: list[tuple[str, Piece]] = []
    keys: set[str] = set()
    usable = 0
    for location, data, problem in parsed(read_path(path), path):
        if problem is None and not isinstance(data, dict):
            problem = f"{location}: expected a JSON object, got {_JSON_TYPES[type(data)]}"
        if problem is not None:
            rows.append((location, Piece(path, None, location, error=problem)))
            continue
        keys.update(data)
        key = _key(data.get(columns.id), location)
        lacking = [name for name, _ in needed[1:] if name not in data]
        if lacking:
            error = f"{location}: no key '{lacking[0]}'"
            rows.append((key, Piece(path, None, location, error=error)))
            continue
        usable += 1
        piece = row_piece(path, location, data.get(columns.question), data[columns.answer])
        rows.append((key, piece))
    if keys:
        for name, option in needed:
            if name not in keys:
                raise InputError(f"{path}: no row has the key '{name}'; name it with {option}")
    if not rows:
        raise InputError(f"{path}: no rows")
    if not usable:
        raise InputError(next(p.error for _, p in rows if p.error))
    return rows


def collect(paths: list[str], columns: Columns, settings_for: Callable) -> list[Submission]:
    """Every submission of the run, in the order of the paths (folders sorted)."""
    from critique.reading import discover, read_path

    submissions: list[Submission] = []
    table_rows: list[tuple[str, Piece]] = []
    table_at: int | None = None  # where the grouped table submissions go in the order
    seen_files: set[str] = set()
    used_ids: set[str] = set()

    def add_file(file: str, key: str) -> None:
        real = os.path.abspath(file)
        if real in seen_files:
            return
        seen_files.add(real)
        if key in used_ids:
            key = file
        used_ids.add(key)
        piece = Piece(file, None, file)
        try:
            piece.settings = settings_for(file)
            piece.text = read_path(file)
        except InputError as exc:
            piece.error = str(exc)
        except ConfigError as exc:  # a bad configuration in its folder: this file only
            piece.error = f"{file}: {exc}"
        submissions.append(Submission(key, file, [piece]))

    for path in paths:
        lower = path.lower()
        if os.path.isdir(path):
            files, problems = discover([path])
            if problems:
                raise problems[0]
            for file in files:
                add_file(file, os.path.relpath(file, path).replace(os.sep, "/"))
        elif not os.path.exists(path):
            from critique.reading.source import missing

            raise InputError(missing(path))
        elif lower.endswith(TABLE_SUFFIXES):
            if os.path.abspath(path) in seen_files:
                continue
            seen_files.add(os.path.abspath(path))
            reader = read_csv if lower.endswith(".csv") else read_jsonl
            rows = reader(path, columns)
            settings = settings_for(path)
            for _, piece in rows:
                piece.settings = settings
            if table_at is None:
                table_at = len(submissions)
            table_rows.extend(rows)
        elif lower.endswith(ANSWER_SUFFIXES):
            add_file(path, path)
        else:
            raise InputError(f"{path}: not a folder, .txt, .md, .csv or .jsonl file")
    if table_rows:
        submissions[table_at:table_at] = group(table_rows)
    return submissions
