"""Line and column numbers are exact in the original file, for .txt and .md alike:
columns count code points, 1-based; masked markup never shifts them."""

from __future__ import annotations

from conftest import run_cli

TRAP = "I want to move away from writing code."
SPAN = "I want to move away from"

JOURNAL = f"""---
title: "Prep: {TRAP}"
tags: [ünïcödé, 🚀]
---

# Why this role? 🚀

Ça va — {TRAP} 🚀🚀

```text
{TRAP}
```

    {TRAP}

Here is `{TRAP}` as inline code, and a [link](https://example.com/{TRAP.replace(' ', '-')}).
<!-- {TRAP} -->
![{TRAP}](image.png)

## Why now?

- **Bold** 🚀 start: [{TRAP}](https://example.com/x)
"""


def _expected(text: str, needle_line_prefix: str, needle: str) -> tuple[int, int, int]:
    for number, line in enumerate(text.split("\n"), 1):
        if line.startswith(needle_line_prefix):
            col = line.index(needle) + 1
            return number, col, col + len(needle)
    raise AssertionError(needle_line_prefix)


def _fleeing(findings):
    return [(f["line"], f["column"], f["end_column"]) for f in findings
            if f["rule"] == "fleeing-motivation"]


def test_markdown_positions_skip_front_matter_code_comments_and_links(tmp_path):
    path = tmp_path / "journal.md"
    path.write_text(JOURNAL, encoding="utf-8")
    result = run_cli("check", "--format", "json", str(path))
    assert result.code == 1, result.err
    found = _fleeing(result.json())
    first = _expected(JOURNAL, "Ça va", SPAN)
    second = _expected(JOURNAL, "- **Bold**", SPAN)
    # Exactly the two prose occurrences: front matter, fences, indented code, inline
    # code, comments, link targets and image alt text are never linted.
    assert found == [first, second]
    line = JOURNAL.split("\n")[first[0] - 1]
    assert line[first[1] - 1:first[2] - 1] == SPAN


def test_crlf_and_bom_do_not_move_columns(tmp_path):
    text = f"Q: Why?\r\nCafé — {TRAP}\r\n"
    path = tmp_path / "answer.txt"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    found = _fleeing(run_cli("--format", "json", str(path)).json())
    col = "Café — ".__len__() + 1
    assert found == [(2, col, col + len(SPAN))]


def test_first_line_position_ignores_the_bom(tmp_path):
    path = tmp_path / "answer.txt"
    path.write_bytes(b"\xef\xbb\xbf" + TRAP.encode())
    assert _fleeing(run_cli("--format", "json", str(path)).json()) == [(1, 1, 1 + len(SPAN))]


def test_a_sentence_wrapped_over_two_lines_ends_on_the_second(tmp_path):
    path = tmp_path / "wrapped.md"
    path.write_text("# Q\n\nSo I want to move\naway from writing code.\n", encoding="utf-8")
    findings = [f for f in run_cli("--format", "json", str(path)).json()
                if f["rule"] == "fleeing-motivation"]
    assert [(f["line"], f["column"], f["end_line"], f["end_column"]) for f in findings] == \
        [(3, 4, 4, 10)]
