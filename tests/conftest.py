"""Shared helpers: run the real command line in a subprocess, as users do."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


class Run:
    def __init__(self, proc: subprocess.CompletedProcess) -> None:
        self.code = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def json(self):
        return json.loads(self.out)


def run_cli(*args: str, stdin: str | bytes | None = None, cwd: Path | None = None,
            env: dict | None = None) -> Run:
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    data = stdin.encode() if isinstance(stdin, str) else stdin
    proc = subprocess.run([sys.executable, "-m", "critique", *args], input=data,
                          capture_output=True, cwd=cwd or ROOT, env=full_env, timeout=300)
    return Run(subprocess.CompletedProcess(proc.args, proc.returncode,
                                           proc.stdout.decode("utf-8", "replace"),
                                           proc.stderr.decode("utf-8", "replace")))


@pytest.fixture
def cli():
    return run_cli


def slugs(findings) -> set[str]:
    return {f.rule if hasattr(f, "rule") else f["rule"] for f in findings}
