"""`critique ... | head`: a reader that goes away ends the run quietly with exit 0."""

from __future__ import annotations

import os
import subprocess
import sys

WEAK = "We decided to move from Pinecone to Milvus because of the indexing speed.\n"


def closed_pipe_runs(commands: list[list[str]], cwd, close: str = "stdout"):
    """Start every command with its stdout (or stderr) already closed by the reader, so the
    first write meets a closed pipe; return (exit code, stderr) for each."""
    env = {**os.environ, "NO_COLOR": "1"}
    procs = []
    for args in commands:
        proc = subprocess.Popen([sys.executable, "-m", "critique", *args], cwd=cwd, env=env,
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        if close == "stdout":
            proc.stdout.close()
        else:
            proc.stderr.close()
        procs.append(proc)
    out = []
    for proc in procs:
        stream = proc.stderr if close == "stdout" else proc.stdout
        text = stream.read().decode("utf-8", "replace")
        stream.close()
        out.append((proc.wait(timeout=300), text))
    return out


def test_every_command_and_format_exits_0_quietly_into_a_closed_pipe(tmp_path):
    answer = tmp_path / "a.txt"
    answer.write_text(WEAK)  # findings: exit 1 when the output is read
    journal = tmp_path / "j.md"
    journal.write_text("# Why this role?\n\nI'm tired of my job.\n\n" + WEAK)
    (tmp_path / "cohort").mkdir()
    (tmp_path / "cohort" / "learner.txt").write_text(WEAK)
    formats = ("human", "concise", "json", "json-scores", "github", "sarif")
    commands = [["--format", fmt, str(answer), str(journal)] for fmt in formats]
    commands += [["check", "--statistics", str(answer)], ["-q", str(answer)], ["rules"],
                 ["rules", "--format", "json"], ["explain", "CQ101"], ["--help"],
                 ["check", "--help"], ["--version"], ["batch", str(tmp_path / "cohort")]]
    for args, (code, err) in zip(commands, closed_pipe_runs(commands, tmp_path)):
        assert (code, err) == (0, ""), args


def test_a_closed_stderr_ends_quietly_too(tmp_path):
    missing = tmp_path / "missing.txt"
    [(code, _)] = closed_pipe_runs([["--format", "json", str(missing)]], tmp_path,
                                   close="stderr")
    assert code == 0

