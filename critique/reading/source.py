"""Turning bytes into text, with one clear error for anything that is not an answer."""

from __future__ import annotations

import os
import sys

from critique.errors import InputError


def decode(data: bytes, path: str) -> str:
    """UTF-8 with an optional BOM; CRLF and lone CR become LF (lines and columns unchanged)."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: binary file (contains NUL bytes), not a text answer")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"{path}: not valid UTF-8 at byte {exc.start} (line {line}); save the file as UTF-8"
        ) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def read_stdin(name: str = "-") -> str:
    """Read and decode standard input; `name` (from --stdin-filename) names it in errors."""
    return decode(sys.stdin.buffer.read(), name)


def read_path(path: str) -> str:
    """Read and decode one path (`-` is standard input); never writes anything."""
    if path == "-":
        return read_stdin()
    if not os.path.exists(path):
        raise InputError(f"{path}: no such file or directory")
    if os.path.isdir(path):
        raise InputError(f"{path}: is a directory")
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return decode(data, path)
