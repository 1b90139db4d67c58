"""Turning bytes into text, with one clear error for anything that is not an answer."""

from __future__ import annotations

import errno
import os
import sys

from critique.errors import InputError

# Byte-order marks, longest first (the UTF-32-LE mark begins with the UTF-16-LE one).
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"), (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
         (b"\xef\xbb\xbf", "utf-8", "UTF-8"), (b"\xff\xfe", "utf-16-le", "UTF-16"),
         (b"\xfe\xff", "utf-16-be", "UTF-16"))


def decode(data: bytes, path: str) -> str:
    """UTF-8 (optional BOM), or UTF-16 / UTF-32 with a BOM; line breaks as `newlines` makes
    them, so lines and columns are those an editor shows."""
    codec, name, skip = "utf-8", "UTF-8", 0
    for bom, bom_codec, bom_name in _BOMS:
        if data.startswith(bom):
            data, codec, name, skip = data[len(bom):], bom_codec, bom_name, len(bom)
            break
    else:
        if b"\x00" in data[:8192]:
            raise InputError(f"{path}: {_nul_kind(data[:8192])}")
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[:exc.start].decode(codec, "replace").count("\n") + 1
        raise InputError(f"{path}: not valid {name} at byte {skip + exc.start} (line {line}); "
                         "save the file as UTF-8") from None
    return newlines(text)


def _nul_kind(head: bytes) -> str:
    """NUL bytes on every other byte are UTF-16 without a BOM, which is not guessed."""
    even, odd = head[0::2], head[1::2]
    if len(head) >= 4 and (odd.count(0) >= 0.9 * len(odd) or even.count(0) >= 0.9 * len(even)):
        return "looks like UTF-16 without a byte-order mark; save the file as UTF-8"
    return "binary file (contains NUL bytes), not a text answer"


def newlines(text: str) -> str:
    """CRLF and a lone CR become LF: every reader of text (files, `lint_text`, batch rows)
    counts lines the same way.  Folding changes no line number or column."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def read_stdin(name: str = "-") -> str:
    """Read and decode standard input; `name` (from --stdin-filename) names it in errors."""
    return decode(sys.stdin.buffer.read(), name)


def missing(path: str) -> str:
    """Why a path that cannot be opened cannot: a symlink loop, a broken symlink, or
    nothing there."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return f"{path}: symlink loop (following its links never reaches a file)"
        if os.path.islink(path):
            return f"{path}: no such file or directory (a broken symlink to {os.readlink(path)})"
        if exc.errno == errno.EACCES:
            return f"{path}: permission denied"
    return f"{path}: no such file or directory"


def read_path(path: str) -> str:
    """Read and decode one path (`-` is standard input); never writes anything."""
    if path == "-":
        return read_stdin()
    if not os.path.exists(path):
        raise InputError(missing(path))
    if os.path.isdir(path):
        raise InputError(f"{path}: is a directory")
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return decode(data, path)
