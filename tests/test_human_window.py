"""The human view of a journal written one paragraph per line: the source line is cut to the
terminal's width around the flagged words, and the `^^^` marker sits under them, with wide
characters (CJK, emoji) counted as two cells."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len

from conftest import run_cli

ELLIPSIS = "\u2026"
HEADER = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<column>\d+): (?P<code>CQ\d+) ")


def paragraph() -> str:
    """One line of about 2,000 characters: flagged sentences at the start, the middle and
    the end, among unique words (so any window of it is found once) and wide characters."""
    filler = " ".join(f"note{i} \u4e2d\u6587{i} \U0001F600." for i in range(60))
    middle = " ".join(f"item{i} \u8a55\u4fa1{i} \U0001F680." for i in range(60))
    text = ("I think maybe it kind of helped. " + filler +
            " We decided to move from Pinecone to Milvus because of the indexing speed. " +
            middle + " Honestly, I want to move away from writing code.")
    assert 1_900 <= len(text) <= 2_200
    return text


def blocks(out: str):
    """(column, end of the shown line's text, marker) for each finding in the human view."""
    lines = out.splitlines()
    for i, line in enumerate(lines):
        header = HEADER.match(line)
        if header and i + 2 < len(lines) and re.match(r"\s*\d+ \| ", lines[i + 1]):
            yield int(header["column"]), lines[i + 1], lines[i + 2]


@pytest.mark.parametrize("columns", ["40", "80", "200", ""])
def test_marker_sits_under_the_flagged_words_at_any_width(tmp_path, columns):
    text = paragraph()
    (tmp_path / "journal.md").write_text("# Why this role?\n\n" + text + "\n")
    result = run_cli("--format", "human", "--preview", "journal.md", cwd=tmp_path,
                     env={"COLUMNS": columns})
    width = int(columns or 80)  # COLUMNS unset and piped: 80
    assert result.code == 1
    source = text  # line 3 of the file
    found = list(blocks(result.out))
    assert len(found) >= 3
    columns = {column for column, _, _ in found}
    assert 1 in columns and any(c > 1_000 for c in columns)  # the start and far along
    for column, shown_line, marker_line in found:
        gutter = shown_line.index("| ") + 2
        assert marker_line[:gutter] == " " * (gutter - 2) + "| "
        shown, marker = shown_line[gutter:], marker_line[gutter:]
        assert cell_len(shown_line) <= width and cell_len(marker_line) <= width
        # The window is a piece of the line, with an ellipsis where it was cut.
        core = shown.removeprefix(ELLIPSIS).removesuffix(ELLIPSIS)
        first = source.index(core)
        assert source.count(core) == 1
        assert shown.startswith(ELLIPSIS) == (first > 0)
        assert shown.endswith(ELLIPSIS) == (first + len(core) < len(source))
        # The first caret is under the finding's first character, counted in cells.
        pad = len(marker) - len(marker.lstrip(" "))
        offset = len(ELLIPSIS) if first > 0 else 0
        under = next(k for k in range(len(shown) + 1) if cell_len(shown[:k]) >= pad)
        assert cell_len(shown[:under]) == pad
        assert first + under - offset == column - 1
        assert set(marker.strip()) == {"^"}


def test_a_line_that_fits_is_shown_whole_with_wide_characters_counted(tmp_path):
    line = "\u6211\u4eec I think maybe it kind of helped \U0001F600."
    (tmp_path / "a.txt").write_text(line + "\n")
    out = run_cli("--preview", "a.txt", cwd=tmp_path, env={"COLUMNS": "80"}).out
    assert f"    1 | {line}\n" in out
    # The hedge "I think maybe" starts after two CJK characters and a space: 5 cells.
    assert "      |      ^^^^^^^^^^^^^" in out
