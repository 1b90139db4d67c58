"""Where the time of one `critique check` goes: import times, then a cProfile of the run.

    python benchmarks/profile_check.py                    # check corpus/answers (1,000 files)
    python benchmarks/profile_check.py big-1mb.txt --top 15
    python benchmarks/profile_check.py --args "batch cohort.csv"

Run it with the Python that critique is installed in (it runs `python -m critique`).
Paths are relative to the corpus folder (run benchmarks/run.py or generate_corpus.py
first).  Prints:

1. `python -X importtime`: the top-level imports with the largest cumulative time, and
   the total import time, for the same command;
2. cProfile of the same command in one process: the top functions by cumulative time
   from critique's own modules, then the overall top by own time (tottime), and writes
   the raw profile to benchmarks/out/profile-<name>.prof (open with `python -m pstats`
   or snakeviz).
"""

from __future__ import annotations

import argparse
import os
import pstats
import re
import shlex
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
OUT = HERE / "out"
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _pin(cpus: int | None):
    """A preexec_fn that restricts the child to its first `cpus` CPUs (None: leave as is).

    critique may fork workers when it sees several CPUs; cProfile sees only the parent,
    so profiling pins to one CPU by default and the whole run happens in one process.
    """
    if not cpus or not hasattr(os, "sched_setaffinity"):
        return None
    chosen = sorted(os.sched_getaffinity(0))[:cpus]
    return lambda: os.sched_setaffinity(0, chosen)


def importtime(python: str, args: list[str], cwd: Path, top: int) -> None:
    done = subprocess.run([python, "-X", "importtime", "-m", "critique", *args], cwd=cwd,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=ENV)
    rows = []  # (cumulative us, self us, depth, name)
    for line in done.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S.*)$", line)
        if match:
            rows.append((int(match.group(2)), int(match.group(1)),
                         len(match.group(3)) // 2, match.group(4).strip()))
    top_level = sorted((r for r in rows if r[2] == 0), reverse=True)
    total = sum(r[0] for r in top_level)
    print(f"## python -X importtime -m critique {shlex.join(args)}")
    print(f"exit {done.returncode}; {len(rows)} modules imported; top-level imports add up "
          f"to {total / 1e6:.3f} s")
    print(f"{'cumulative s':>12}  {'self s':>8}  module (top level)")
    for cumulative, own, _, name in top_level[:top]:
        print(f"{cumulative / 1e6:12.3f}  {own / 1e6:8.3f}  {name}")
    heavy = sorted((r for r in rows if r[3].split(".")[0] in
                    ("spacy", "thinc", "numpy", "sklearn", "scipy", "joblib", "rich", "typer",
                     "click", "pydantic", "srsly", "catalogue", "confection", "critique")
                    and "." not in r[3]), reverse=True)
    if heavy:
        print("where heavy packages are first imported (cumulative s):",
              ", ".join(f"{n} {c / 1e6:.3f}" for c, _, _, n in heavy[:10]))
    print()


def profile(python: str, args: list[str], cwd: Path, top: int, name: str,
            cpus: int | None = 1) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    prof = OUT / f"profile-{name}.prof"
    start = time.perf_counter()
    done = subprocess.run([python, "-m", "cProfile", "-o", str(prof), "-m", "critique", *args],
                          cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, env=ENV, preexec_fn=_pin(cpus))
    wall = time.perf_counter() - start
    package = subprocess.run([python, "-c", "import critique, os; "
                              "print(os.path.dirname(critique.__file__))"],
                             capture_output=True, text=True, env=ENV).stdout.strip()
    stats = pstats.Stats(str(prof))
    entries = stats.stats  # {(file, line, func): (cc, nc, tt, ct, callers)}
    total = stats.total_tt
    print(f"## cProfile: python -m critique {shlex.join(args)}")
    print(f"pinned to {cpus} CPU(s)" if cpus else "not pinned (forked workers are invisible)")
    print(f"exit {done.returncode}; {wall:.2f} s wall under the profiler "
          f"(profiled total {total:.2f} s); raw profile: {prof}")
    ours = [(ct, tt, nc, f, ln, fn) for (f, ln, fn), (cc, nc, tt, ct, _) in entries.items()
            if package and f.startswith(package)]
    ours.sort(reverse=True)
    print(f"\ntop {top} of critique's own functions by cumulative time:")
    print(f"{'cum s':>8} {'own s':>8} {'calls':>9}  function")
    for ct, tt, nc, f, ln, fn in ours[:top]:
        rel = os.path.relpath(f, os.path.dirname(package))
        print(f"{ct:8.3f} {tt:8.3f} {nc:9d}  {rel}:{ln}({fn})")
    everything = sorted(((tt, ct, nc, f, ln, fn) for (f, ln, fn), (cc, nc, tt, ct, _)
                         in entries.items()), reverse=True)
    print(f"\ntop {top} of all functions by own time (tottime):")
    print(f"{'own s':>8} {'cum s':>8} {'calls':>9}  function")
    for tt, ct, nc, f, ln, fn in everything[:top]:
        where = f if f.startswith("~") or f.startswith("<") else _short(f)
        print(f"{tt:8.3f} {ct:8.3f} {nc:9d}  {where}:{ln}({fn})")
    print()


def _short(path: str) -> str:
    marker = "site-packages/"
    if marker in path:
        return path.split(marker, 1)[1]
    parts = Path(path).parts
    return "/".join(parts[-3:])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", nargs="?", default="answers",
                        help="file or folder in the corpus to check (default: answers)")
    parser.add_argument("--args", help="the whole critique argument list instead, e.g. "
                                       "\"batch cohort.csv\"")
    parser.add_argument("--python", default=sys.executable,
                        help="the Python critique is installed in (default: this one)")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--cpus", type=int, default=1,
                        help="pin the profiled run to this many CPUs (default 1, so critique "
                             "runs in one process; 0 leaves it as it is)")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        sys.exit(f"profile_check.py: no corpus at {args.corpus}; run generate_corpus.py first")
    argv_c = shlex.split(args.args) if args.args else ["check", args.target]
    name = re.sub(r"[^A-Za-z0-9]+", "-", "-".join(argv_c)).strip("-")
    importtime(args.python, argv_c, args.corpus, max(args.top, 15))
    profile(args.python, argv_c, args.corpus, args.top, name, args.cpus or None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
