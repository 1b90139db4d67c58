"""Reading files into Documents: decoding, then per-format segmentation."""

from __future__ import annotations

from critique.reading.discover import discover
from critique.reading.source import decode, newlines, read_path, read_stdin

__all__ = ["decode", "discover", "parse", "read_path", "read_stdin"]

MARKDOWN_SUFFIXES = (".md", ".markdown")


def parse(path: str, text: str, markdown: bool | None = None):
    """Segment decoded text into a Document; Markdown is chosen by suffix unless told.
    Line breaks are folded as in files, so `lint_text` and a file agree on every line."""
    text = newlines(text)
    if markdown is None:
        markdown = path.lower().endswith(MARKDOWN_SUFFIXES)
    if markdown:
        from critique.reading.markdown import parse_markdown

        return parse_markdown(path, text)
    from critique.reading.plaintext import parse_plaintext

    return parse_plaintext(path, text)
