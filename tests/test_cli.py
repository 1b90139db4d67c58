"""The command line as scripts, editors and CI use it (../shared/CONTRACT.md)."""

from __future__ import annotations

import hashlib
import json
import os

from conftest import ROOT, run_cli

WEAK = "We decided to move from Pinecone to Milvus because of the indexing speed.\n"
STRONG = ("I increased retention by 7% via a new onboarding flow, at the cost of a two-week "
          "delay to the referral work.\n")
CONTRACT = {"path", "line", "column", "end_line", "end_column", "code", "rule", "severity",
            "message", "suggestion", "source", "confidence"}


def test_check_is_the_default_command(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(WEAK)
    plain = run_cli("--format", "json", str(path))
    explicit = run_cli("check", "--format", "json", str(path))
    assert plain.code == explicit.code == 1
    assert plain.out == explicit.out


def test_json_is_the_contract_and_alone_on_stdout(tmp_path):
    (tmp_path / "b.txt").write_text(WEAK)
    (tmp_path / "a.md").write_text("# Why?\n\nI'm tired of my job.\n\n" + WEAK)
    result = run_cli("--format", "json", str(tmp_path))
    data = json.loads(result.out)  # nothing but JSON on stdout
    assert data and all(CONTRACT <= set(f) for f in data)
    keys = [(f["path"], f["line"], f["column"]) for f in data]
    assert keys == sorted(keys)
    for f in data:
        assert f["severity"] in ("error", "warning", "info")
        assert f["source"] in ("rule", "model", "both")
        assert 0 <= f["confidence"] <= 1
        assert f["end_line"] >= f["line"]


RAMBLING = ("So basically what happened was that the project had been going on for a while and the st"
            "akeholders kept changing their minds about what they wanted while I was trying to keep e"
            "veryone aligned and also deal with the engineering team who had their own ideas about th"
            "e architecture, and in the end we shipped something that worked well enough.")


def test_exit_codes_follow_fail_on(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(RAMBLING + "\n")  # rambling is info only
    assert run_cli(str(path)).code == 0
    assert run_cli("--fail-on", "info", str(path)).code == 1
    path.write_text(WEAK)
    assert run_cli(str(path)).code == 1
    assert run_cli("--fail-on", "error", "--ignore", "tool-over-outcome,missing-tradeoff",
                   str(path)).code == 0


def test_strong_answer_passes(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(STRONG)
    result = run_cli("--format", "json", str(path))
    assert result.code == 0, result.out
    assert result.json() == []


def test_stdin_is_read_as_dash():
    result = run_cli("--format", "json", "-", stdin=WEAK)
    assert result.code == 1
    assert {f["path"] for f in result.json()} == {"-"}


def test_empty_file_is_not_an_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("")
    result = run_cli("--format", "json", str(path))
    assert (result.code, result.json()) == (0, [])


def test_bad_inputs_get_one_line_exit_2_and_the_rest_still_reported(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(WEAK)
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02\x03")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\u00e9 answer".encode("latin-1"))
    missing = tmp_path / "missing.txt"
    result = run_cli("--format", "json", str(good), str(binary), str(latin), str(missing))
    assert result.code == 2
    assert {f["path"] for f in result.json()} == {str(good)}
    lines = result.err.strip().splitlines()
    assert len(lines) == 3 and "Traceback" not in result.err
    assert any(str(binary) in ln and "binary" in ln for ln in lines)
    assert any(str(latin) in ln and "not valid UTF-8 at byte 3" in ln for ln in lines)
    assert any(str(missing) in ln and "no such file" in ln for ln in lines)


def test_directory_without_answers_is_an_error(tmp_path):
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    result = run_cli(str(tmp_path))
    assert result.code == 2 and "no .txt, .md or .markdown" in result.err


def test_unknown_option_and_bad_values(tmp_path):
    for args in (["--bogus", "x.txt"], ["--role", "ceo", "x.txt"], ["--format", "xml", "x.txt"]):
        result = run_cli(*args)
        assert result.code == 2
        assert len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err


def test_the_tool_never_writes_to_its_inputs(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("# Q\n\n" + WEAK + "<!-- critique-disable hedging -->\n")
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), os.stat(path).st_mtime_ns)
    run_cli(str(path))
    run_cli("--format", "sarif", str(path))
    after = (hashlib.sha256(path.read_bytes()).hexdigest(), os.stat(path).st_mtime_ns)
    assert before == after


def test_human_output_shows_location_underline_suggestion_and_score(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Q: Why this role?\n" + "Honestly, I want to move away from writing code.\n")
    result = run_cli(str(path))
    out = result.out
    assert f"{path}:2:11: CQ103 fleeing-motivation [error]" in out
    assert "    2 | Honestly, I want to move away from writing code." in out
    assert "      |           ^^^^^^^^^^^^^^^^^^^^^^^^" in out
    assert "= suggestion:" in out
    assert "answer 1 (line 2)" in out and "score" in out
    assert "\x1b[" not in out  # NO_COLOR / not a terminal: plain text


def test_human_output_says_where_a_finding_comes_from_without_a_certain_one(tmp_path):
    """A rule finding the model backs says so; "confidence 1.00" on every line of the quick
    start told the reader nothing (a reviewer called it stray). JSON keeps the number."""
    from critique.api import lint_text

    text = (ROOT / "examples" / "weak-answer.txt").read_text()
    sources = {f.source for f in lint_text(text)}
    assert "both" in sources
    out = run_cli(str(ROOT / "examples" / "weak-answer.txt")).out
    assert "(rule and model agree)" in out and "confidence 1.00" not in out


def test_concise_github_and_sarif_formats(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(WEAK)
    concise = run_cli("--format", "concise", str(path)).out.splitlines()
    assert f"{path}:1:4: CQ101 [error] tool-over-outcome:" in concise[-1] or any(
        line.startswith(f"{path}:1:") and "tool-over-outcome" in line for line in concise)
    github = run_cli("--format", "github", str(path)).out.splitlines()
    assert any(line.startswith("::error file=") and "title=CQ101 tool-over-outcome" in line
               for line in github)
    sarif = json.loads(run_cli("--format", "sarif", str(path)).out)
    assert sarif["version"] == "2.1.0" and "$schema" in sarif
    run = sarif["runs"][0]
    assert run["tool"]["driver"]["name"] == "critique"
    ids = {r["id"] for r in run["tool"]["driver"]["rules"]}
    for result in run["results"]:
        # Fields SARIF 2.1.0 requires of a result and its location.
        assert result["ruleId"] in ids and result["message"]["text"]
        assert result["level"] in ("error", "warning", "note")
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1


def test_rules_and_explain(tmp_path):
    listing = run_cli("rules", "--format", "json")
    rules = json.loads(listing.out)
    assert {"tool-over-outcome", "missing-tradeoff", "fleeing-motivation"} <= {
        r["slug"] for r in rules}
    by_slug = {r["slug"]: r for r in rules}
    assert by_slug["technical-deep-dive"]["roles"]["ml-engineer"] == "off"
    page = run_cli("explain", "CQ101").out
    for heading in ("What it finds", "Why it hurts", "Example", "Use instead"):
        assert heading in page
    assert run_cli("explain", "tool-over-outcome").out == page
    missing = run_cli("explain", "no-such-rule")
    assert missing.code == 2 and "unknown rule" in missing.err


def test_role_changes_what_is_reported(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Each transformer layer applies multi-head self-attention and then a "
                    "feed-forward block with residual connections.\n")
    pm = {f["rule"] for f in run_cli("--format", "json", "--preview", "--role", "ai-pm",
                                     str(path)).json()}
    eng = {f["rule"] for f in run_cli("--format", "json", "--preview", "--role", "ml-engineer",
                                      str(path)).json()}
    assert "technical-deep-dive" in pm and "technical-deep-dive" not in eng
    plan = tmp_path / "b.txt"
    plan.write_text("I'll use BERT.\n")
    severity = {role: [f["severity"] for f in run_cli("--format", "json", "--role", role,
                                                       str(plan)).json()
                       if f["rule"] == "vague-tech-choice"]
                for role in ("ai-pm", "ml-engineer")}
    assert severity == {"ai-pm": ["warning"], "ml-engineer": ["error"]}


def test_examples_folder_runs_from_outside_the_checkout(tmp_path):
    result = run_cli("--format", "json", str(ROOT / "examples"), cwd=tmp_path)
    assert result.code == 1
    paths = {os.path.basename(f["path"]) for f in result.json()}
    assert "weak-answer.txt" in paths and "strong-answer.txt" not in paths


def test_big_file_completes(tmp_path):
    paragraph = ("We decided to move to Milvus because of the indexing speed. I think maybe "
                 "it kind of helped. Retention rose 4% after the change.\n\n")
    path = tmp_path / "big.txt"
    path.write_text(paragraph * (5_000_000 // len(paragraph)))
    result = run_cli("--format", "concise", str(path))
    assert result.code == 1
    assert result.out.count("tool-over-outcome") > 1000
