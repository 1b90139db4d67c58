"""The options a ruff user reaches for: --stdin-filename, --quiet, --exit-zero, --statistics,
--color and --version."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter

from conftest import ROOT, run_cli

WEAK = "We decided to move from Pinecone to Milvus because of the indexing speed.\n"
JOURNAL = ("# Why this role?\n\nI'm tired of my job and want out. " + WEAK +
           "\n## Tell me about your impact\n\nI think maybe it kind of helped a lot.\n")
ANSI = "\x1b["


def test_stdin_filename_reads_a_piped_journal_as_markdown_under_that_name(tmp_path):
    as_txt = run_cli("--format", "json-scores", "-", stdin=JOURNAL, cwd=tmp_path).json()
    assert len(as_txt) == 1  # without a name, standard input is one .txt answer
    scores = run_cli("--format", "json-scores", "--stdin-filename", "week1/journal.md", "-",
                     stdin=JOURNAL, cwd=tmp_path).json()
    assert [(s["path"], s["question"]) for s in scores] == [
        ("week1/journal.md", "Why this role?"), ("week1/journal.md", "Tell me about your impact")]
    findings = run_cli("--format", "json", "--stdin-filename", "week1/journal.md",
                       stdin=JOURNAL, cwd=tmp_path).json()  # no path: standard input
    assert findings and {f["path"] for f in findings} == {"week1/journal.md"}
    assert not any(f["line"] == 1 for f in findings)  # the heading is a question, not prose
    for fmt, expected in (("concise", "week1/journal.md:3:"), ("human", "week1/journal.md:3:"),
                          ("github", "file=week1/journal.md,line=3,"),
                          ("sarif", '"uri": "week1/journal.md"')):
        out = run_cli("--format", fmt, "--stdin-filename", "week1/journal.md", "-",
                      stdin=JOURNAL, cwd=tmp_path).out
        assert expected in out, fmt


def test_stdin_filename_finds_the_configuration_of_its_folder(tmp_path):
    week = tmp_path / "week1"
    week.mkdir()
    (week / ".critique.toml").write_text(
        'ignore = ["hedging"]\nextend-exclude = ["draft*"]\npreview = true\n')
    named = run_cli("--format", "json", "--stdin-filename", "week1/journal.md", "-",
                    stdin=JOURNAL, cwd=tmp_path).json()
    unnamed = run_cli("--format", "json", "--preview", "--stdin-filename", "journal.md", "-",
                      stdin=JOURNAL, cwd=tmp_path).json()
    assert "hedging" not in {f["rule"] for f in named}
    assert "hedging" in {f["rule"] for f in unnamed}
    forced = run_cli("--format", "json", "--force-exclude", "--stdin-filename",
                     "week1/draft.md", "-", stdin=JOURNAL, cwd=tmp_path)
    assert (forced.code, forced.json()) == (0, [])


def test_stdin_filename_names_standard_input_in_errors(tmp_path):
    result = run_cli("--stdin-filename", "notes.md", "-", stdin=b"caf\xe9\n", cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith("critique: notes.md: not valid UTF-8")


def test_quiet_prints_the_findings_and_nothing_else(tmp_path):
    path = tmp_path / "journal.md"
    path.write_text(JOURNAL)
    loud = run_cli(str(path)).out
    quiet = run_cli("--quiet", str(path))
    assert quiet.code == 1 and "CQ103 fleeing-motivation" in quiet.out
    assert "score" not in quiet.out and "mean score" in loud
    assert quiet.out == loud[:loud.index(f"{path}: answer 1")]  # the findings, verbatim
    clean = tmp_path / "clean.txt"
    clean.write_text("I increased retention by 7% via a new onboarding flow, at the cost of a "
                     "two-week delay to the referral work.\n")
    silent = run_cli("-q", str(clean))
    assert (silent.code, silent.out, silent.err) == (0, "", "")
    missing = run_cli("-q", str(tmp_path / "missing.txt"))
    assert missing.code == 2 and "no such file" in missing.err  # errors still print


def test_quiet_drops_warnings(tmp_path):
    # A copy of the package without its model: critique warns that it runs the rules only.
    shutil.copytree(ROOT / "critique", tmp_path / "critique",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    answer = tmp_path / "a.txt"
    answer.write_text(WEAK)
    env = {"PYTHONPATH": str(tmp_path)}
    loud = run_cli(str(answer), cwd=tmp_path, env=env)
    assert "warning: no classifier found" in loud.err
    quiet = run_cli("--quiet", str(answer), cwd=tmp_path, env=env)
    assert quiet.code == 1 and quiet.err == "" and "tool-over-outcome" in quiet.out


def test_exit_zero_keeps_the_report_and_exit_2(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(WEAK)
    normal, zero = run_cli("--format", "json", str(path)), run_cli(
        "--format", "json", "--exit-zero", str(path))
    assert (normal.code, zero.code) == (1, 0) and normal.out == zero.out
    broken = run_cli("--exit-zero", str(path), str(tmp_path / "missing.txt"))
    assert broken.code == 2


def test_statistics_counts_findings_per_rule(tmp_path):
    (tmp_path / ".critique.toml").write_text("preview = true\n")  # preview checks count too
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(WEAK + "I think maybe it kind of helped.\n")
    (tmp_path / "journal.md").write_text(JOURNAL)
    findings = run_cli("--format", "json", str(tmp_path)).json()
    expected = Counter((f["code"], f["rule"]) for f in findings)
    table = run_cli("--statistics", str(tmp_path))
    assert table.code == 1
    rows = [re.fullmatch(r"\s*(\d+)  (CQ\d+)  ([a-z-]+)\s+\[(error|warning|info)\]", line)
            for line in table.out.splitlines()]
    assert all(rows) and {(m[2], m[3]): int(m[1]) for m in rows} == expected
    counts = [int(m[1]) for m in rows]
    assert counts == sorted(counts, reverse=True)  # most frequent first
    assert run_cli("--statistics", "--format", "concise", str(tmp_path)).out == table.out
    as_json = run_cli("--statistics", "--format", "json", str(tmp_path)).json()
    assert {(r["code"], r["rule"]): r["count"] for r in as_json} == expected
    assert {r["rule"]: r["severity"] for r in as_json}["hedging"] == "info"
    refused = run_cli("--statistics", "--format", "sarif", str(tmp_path))
    assert refused.code == 2 and len(refused.err.splitlines()) == 1


def test_color_choice_and_the_environment(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(WEAK)
    unset = {"NO_COLOR": "", "FORCE_COLOR": ""}  # empty counts as unset (no-color.org)
    cases = [
        ((), unset, False),                                   # piped: plain
        ((), {**unset, "FORCE_COLOR": "1"}, True),
        ((), {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),   # NO_COLOR wins in auto
        (("--color", "always"), {"NO_COLOR": "1"}, True),     # the flag wins over both
        (("--color", "never"), {**unset, "FORCE_COLOR": "1"}, False),
    ]
    for args, env, coloured in cases:
        result = run_cli(*args, str(path), env=env)
        assert result.code == 1 and "tool-over-outcome" in result.out
        assert (ANSI in result.out) == coloured, (args, env)
    plain = run_cli("--color", "never", str(path)).out
    forced = run_cli("--color", "always", str(path)).out
    assert re.sub(r"\x1b\[[0-9;]*m", "", forced) == plain  # the same text, coloured
    json_out = run_cli("--color", "always", "--format", "json", str(path)).out
    assert ANSI not in json_out and json.loads(json_out)
    bad = run_cli("--color", "blue", str(path))
    assert bad.code == 2 and "--color" in bad.err


def test_version_is_listed_in_help_and_printed():
    from critique import __version__

    assert "--version" in run_cli("--help").out
    for args in (["--version"], ["--version", "rules"]):
        result = run_cli(*args)
        assert (result.code, result.out) == (0, f"critique {__version__}\n")
    for option in ("--stdin-filename", "--quiet", "--exit-zero", "--statistics", "--color",
                   "--exclude", "--extend-exclude", "--force-exclude", "json-scores"):
        assert option in run_cli("check", "--help").out, option
