"""Input that used to break a run: huge paragraphs, long runs of emoji, UTF-16 files,
symlink loops, lone carriage returns.  Each file is linted with exact positions, or gets
one line naming it, and the other files of the run are still reported."""

from __future__ import annotations

import os

from critique.document import Answer, Document
from critique.pieces import MAX_PIECE, MAX_RUN, cuts

from conftest import ROOT, run_cli

NESTED = ROOT / "tests" / "data" / "long-scream.toml"

TRAP = "I want to move away from writing code."
SPAN = "I want to move away from"
FILLER = "Retention rose 4% after the change, and the team kept shipping weekly. "
GOOD = "Q: Why this role?\nHonestly, I want to move away from writing code.\n"


def fleeing(result) -> dict[str, list[tuple[int, int, int]]]:
    out: dict[str, list[tuple[int, int, int]]] = {}
    for f in result.json():
        if f["rule"] == "fleeing-motivation":
            out.setdefault(os.path.basename(f["path"]), []).append(
                (f["line"], f["column"], f["end_column"]))
    return out


def test_a_paragraph_over_a_million_characters_is_linted_with_exact_positions(tmp_path):
    filler = FILLER * (1_050_000 // len(FILLER))
    one_line = tmp_path / "one-line.txt"
    one_line.write_text(filler + TRAP + "\n", encoding="utf-8")
    # The same paragraph wrapped at about 80 characters: one block of many lines.
    words, lines, line = filler.split(), [], ""
    for word in words:
        if len(line) + len(word) > 79:
            lines.append(line)
            line = ""
        line += ("" if not line else " ") + word
    wrapped = tmp_path / "wrapped.md"
    wrapped.write_text("## Why this role?\n\n" + "\n".join(lines) + "\n" + line + " " + TRAP
                       + "\n", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    result = run_cli("--format", "json", "--select", "fleeing-motivation",
                     str(one_line), str(wrapped), str(good))
    assert result.code == 1 and result.err == ""
    column = len(filler) + 1
    last_line = 2 + len(lines) + 1
    assert fleeing(result) == {
        "one-line.txt": [(1, column, column + len(SPAN))],
        "wrapped.md": [(last_line, len(line) + 2, len(line) + 2 + len(SPAN))],
        "good.txt": [(2, 11, 11 + len(SPAN))],
    }


def test_twenty_thousand_emoji_in_a_row(tmp_path):
    emoji = tmp_path / "emoji.txt"
    emoji.write_text("\U0001F600" * 20_000 + " " + TRAP + "\n" + "\u2764\ufe0f" * 5_000 + "\n",
                     encoding="utf-8")
    result = run_cli("--format", "json", "--select", "fleeing-motivation", str(emoji))
    assert result.code == 1 and result.err == ""
    assert fleeing(result) == {"emoji.txt": [(1, 20_002, 20_002 + len(SPAN))]}


def _sentences(text: str) -> list[tuple[int, int]]:
    from critique import nlp

    document = Document("x.txt", text, text, [Answer(0, None, None, [(0, len(text))])])
    nlp.segment([document])
    return [(s.start, s.end) for s in document.answers[0].sentences]


def test_a_block_cut_in_pieces_keeps_the_sentences_of_the_whole(monkeypatch):
    """spaCy sees a long block in pieces; the sentences must be those it finds in one go."""
    text = (FILLER + "Done! " + "\U0001F680" * 700 + " ok. " + "x" * 300 + " Then (see [1]). "
            + TRAP + " ") * 700
    bounds = cuts(text)
    assert bounds[0] == 0 and bounds[-1] == len(text) and len(bounds) > 2
    assert all(b - a <= MAX_PIECE for a, b in zip(bounds, bounds[1:]))
    assert all(len(part) <= MAX_RUN for a, b in zip(bounds, bounds[1:])
               for part in text[a:b].split())
    in_pieces = _sentences(text)
    monkeypatch.setattr("critique.pieces.cuts", lambda block: [0, len(block)])
    assert in_pieces == _sentences(text)


def _encodings(text: str) -> dict[str, bytes]:
    return {"utf8.txt": text.encode("utf-8"),
            "utf16le.txt": b"\xff\xfe" + text.encode("utf-16-le"),
            "utf16be.txt": b"\xfe\xff" + text.encode("utf-16-be"),
            "utf32le.txt": b"\xff\xfe\x00\x00" + text.encode("utf-32-le"),
            "utf32be.txt": b"\x00\x00\xfe\xff" + text.encode("utf-32-be")}


def test_utf16_with_a_bom_is_read_with_exact_positions(tmp_path):
    text = "Q: Why this role?\r\n\U0001F680 Ça va: " + TRAP + "\r\n"
    for name, data in _encodings(text).items():
        (tmp_path / name).write_bytes(data)
    result = run_cli("--format", "json", str(tmp_path))
    assert result.code == 1 and result.err == ""
    column = len("\U0001F680 Ça va: ") + 1
    expected = [(2, column, column + len(SPAN))]
    assert fleeing(result) == {name: expected for name in _encodings(text)}


def test_utf16_without_a_bom_and_broken_utf16_name_the_problem(tmp_path):
    (tmp_path / "nobom.txt").write_bytes(GOOD.encode("utf-16-le"))
    (tmp_path / "odd.txt").write_bytes(b"\xff\xfe" + "Line one\nx".encode("utf-16-le") + b"A")
    (tmp_path / "good.txt").write_text(GOOD)
    result = run_cli("--format", "json", str(tmp_path))
    assert result.code == 2 and "Traceback" not in result.err
    assert set(fleeing(result)) == {"good.txt"}
    lines = result.err.strip().splitlines()
    assert len(lines) == 2
    assert f"{tmp_path / 'nobom.txt'}: looks like UTF-16 without a byte-order mark" in lines[0] \
        or f"{tmp_path / 'nobom.txt'}: looks like UTF-16 without a byte-order mark" in lines[1]
    assert any(f"{tmp_path / 'odd.txt'}: not valid UTF-16 at byte 22 (line 2)" in ln
               for ln in lines)


def test_a_symlink_loop_is_named_as_one(tmp_path):
    folder = tmp_path / "answers"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    os.symlink("loop.txt", folder / "loop.txt")
    os.symlink("b.md", folder / "a.md")
    os.symlink("a.md", folder / "b.md")
    os.symlink("gone.txt", folder / "dangling.txt")
    result = run_cli("--format", "json", str(folder))
    assert result.code == 2 and "Traceback" not in result.err
    assert set(fleeing(result)) == {"good.txt"}
    lines = sorted(result.err.strip().splitlines())
    assert lines == sorted([
        f"critique: {folder / 'a.md'}: symlink loop (following its links never reaches a file)",
        f"critique: {folder / 'b.md'}: symlink loop (following its links never reaches a file)",
        f"critique: {folder / 'loop.txt'}: symlink loop (following its links never reaches "
        "a file)",
        f"critique: {folder / 'dangling.txt'}: no such file or directory (a broken symlink to "
        "gone.txt)",
    ])
    named = run_cli(str(folder / "loop.txt"))
    assert (named.code, named.err) == (
        2, f"critique: {folder / 'loop.txt'}: symlink loop (following its links never reaches "
           "a file)\n")


def test_a_lone_carriage_return_breaks_lines_in_files_and_in_lint_text(tmp_path):
    from critique import lint_text

    text = "Q: Why this role?\rWe shipped it.\r\rHonestly, " + TRAP + "\r\nDone.\r"
    path = tmp_path / "cr.txt"
    path.write_bytes(text.encode("utf-8"))
    from_file = [(f["line"], f["column"], f["rule"]) for f in
                 run_cli("--format", "json", "--no-model", str(path)).json()]
    from_api = [(f.line, f.column, f.rule) for f in lint_text(text, model=False)]
    assert from_file == from_api
    assert (4, 11, "fleeing-motivation") in from_api


def _pack_with_a_nested_quantifier(root):
    (root / "pack").mkdir()
    (root / "pack" / "scream.toml").write_text(NESTED.read_text(encoding="utf-8"))
    (root / ".critique.toml").write_text('rule-paths = ["pack"]\n')
    return root / "pack" / "scream.toml"


def test_a_users_catastrophic_pattern_is_stopped_and_named(tmp_path):
    """`(a+)+$` on 50,000 a's never ends with `re`; the file becomes an error naming the
    rule and its file, and the other files are reported (the rule still works there)."""
    rule_file = _pack_with_a_nested_quantifier(tmp_path)
    redos = tmp_path / "redos.txt"
    redos.write_text("a" * 50_000 + "!\n")
    good = tmp_path / "good.txt"
    good.write_text(GOOD + "Aaaa\n")
    result = run_cli("--format", "json", str(redos), str(good))
    assert result.code == 2 and "Traceback" not in result.err
    assert {(os.path.basename(f["path"]), f["rule"], f["line"]) for f in result.json()
            if f["rule"] in ("long-scream", "fleeing-motivation")} == {
        ("good.txt", "fleeing-motivation", 2), ("good.txt", "long-scream", 3)}
    assert result.err.splitlines() == [
        f"critique: {redos}: {rule_file}: rule long-scream: pattern '(a+)+$' ran over 2 s on "
        "one sentence and was stopped (it backtracks catastrophically, as nested quantifiers "
        "like (a+)+ do); rewrite it"]


def test_a_bad_config_in_one_folder_fails_only_that_folders_files(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD)
    configs = {"typo": 'colour = "red"\n', "rules": 'ignore = ["hedgng"]\n',
               "pack": 'rule-paths = ["no-such-pack"]\n', "fine": 'ignore = ["hedging"]\n'}
    for folder, config in configs.items():
        (tmp_path / folder).mkdir()
        (tmp_path / folder / ".critique.toml").write_text(config)
        (tmp_path / folder / "a.txt").write_text(GOOD)
        (tmp_path / folder / "b.md").write_text("## Why?\n\n" + GOOD)
    result = run_cli("--format", "json", str(tmp_path))
    assert result.code == 2 and "Traceback" not in result.err
    assert {os.path.relpath(f["path"], tmp_path) for f in result.json()} == {
        "good.txt", "fine/a.txt", "fine/b.md"}
    lines = sorted(result.err.splitlines())
    expected = []
    for folder, problem in (
            ("pack", f"{tmp_path / 'pack' / '.critique.toml'}: key 'rule-paths': "
                     f"{tmp_path / 'pack' / 'no-such-pack'}: rule pack not found"),
            ("rules", f"{tmp_path / 'rules' / '.critique.toml'}: unknown rule 'hedgng' in "
                      "ignore (`critique rules` lists them)"),
            ("typo", f"{tmp_path / 'typo' / '.critique.toml'}: unknown key 'colour'")):
        for name in ("a.txt", "b.md"):
            expected.append(f"critique: {tmp_path / folder / name}: {problem}")
    assert lines == sorted(expected)
