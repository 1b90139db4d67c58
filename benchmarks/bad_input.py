"""Time critique on input that used to break or stall a run (issue 10), as whole processes.

    python benchmarks/bad_input.py                   # 3 measured runs per row
    python benchmarks/bad_input.py --runs 5 --critique "python -m critique"

Rows: one paragraph of 1, 2 and 4 MB (spaCy refused more than 1,000,000 characters);
a user's rule `(a+)+$` on a line of 50,000 a's (catastrophic backtracking: `re` never
ends, the time limit stops it after 2 s and the file gets an error); 10,000, 20,000 and
40,000 emoji in a row (spaCy's tokenizer was quadratic: 10 s and 38 s for the first two).
Each row is `critique check --format concise FILE good.txt`, where good.txt is a short
answer that must still be reported; the table shows the median wall time, the marginal
time per unit of input from the smallest input of the kind (flat when the cost is
linear; start-up cancels out), the exit status and the first line of stderr.  Inputs
are generated into a temporary folder, the same bytes every time.
"""

from __future__ import annotations

import argparse
import os
import random
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import wait_idle  # noqa: E402 - the runner's wait for an idle machine

SENTENCES = [
    "We moved the ranking service to a new cluster last spring.",
    "Retention rose 4% after the change, and the team kept shipping weekly.",
    "I think maybe the onboarding flow was kind of confusing for new users.",
    "My manager asked me to own the migration plan end to end.",
    "We decided to move from Pinecone to Milvus because of the indexing speed.",
    "The trade-off was two weeks of delay on the referral work.",
]
GOOD = "Q: Why this role?\nHonestly, I want to move away from writing code.\n"
# The same catastrophic coach rule the bad-input tests use.
RULE = Path(__file__).resolve().parents[1] / "tests" / "data" / "long-scream.toml"


def paragraph(size: int, seed: int = 10) -> str:
    """One line of sentences, `size` characters or a little more."""
    rng, parts, total = random.Random(seed), [], 0
    while total < size:
        sentence = rng.choice(SENTENCES)
        parts.append(sentence)
        total += len(sentence) + 1
    return " ".join(parts) + "\n"


def make_inputs(root: Path) -> list[tuple[str, Path, float, str]]:
    """(label, file, units, unit name) for each row; the ReDoS row's folder has the pack."""
    rows = []
    for megabytes in (1, 2, 4):
        path = root / f"paragraph-{megabytes}mb.txt"
        path.write_text(paragraph(megabytes * 1_000_000), encoding="utf-8")
        rows.append((f"one paragraph, {megabytes} MB on one line", path,
                     path.stat().st_size / 1e6, "MB"))
    redos = root / "redos"
    (redos / "pack").mkdir(parents=True)
    (redos / "pack" / "scream.toml").write_text(RULE.read_text(encoding="utf-8"))
    (redos / ".critique.toml").write_text('rule-paths = ["pack"]\n')
    (redos / "redos.txt").write_text("a" * 50_000 + "!\n")
    rows.append(("user rule (a+)+$ on 50,000 a's", redos / "redos.txt", 1, "file"))
    for count in (10_000, 20_000, 40_000):
        path = root / f"emoji-{count}.txt"
        path.write_text("\U0001F600" * count + "\n", encoding="utf-8")
        rows.append((f"{count:,} emoji in a row", path, count / 10_000, "10k emoji"))
    return rows


def resolve_critique(option: str | None) -> list[str]:
    if option:
        return shlex.split(option)
    found = shutil.which("critique") or str(Path(sys.executable).with_name("critique"))
    return [found]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="measured runs per row (median)")
    parser.add_argument("--critique", help="the critique command (default: from PATH)")
    parser.add_argument("--warmup", type=int, default=1, help="unmeasured runs per row first")
    parser.add_argument("--timeout", type=float, default=300,
                        help="kill a run after this many seconds (an older critique hangs "
                             "on some rows); the row then says so")
    parser.add_argument("--idle-threshold", type=float, default=0.15,
                        help="before each run, wait until other processes use under this "
                             "many cores (0: do not wait)")
    args = parser.parse_args(argv)
    critique = resolve_critique(args.critique)
    print(f"critique: {shlex.join(critique)}; {args.runs} runs per row, {args.warmup} warm-up; "
          f"{os.cpu_count()} cores")
    results = []
    busy_runs = 0
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for label, path, units, unit in make_inputs(root):
            good = path.parent / "good.txt"
            good.write_text(GOOD)
            cmd = [*critique, "check", "--format", "concise", str(path), str(good)]
            times, code, out, err = [], None, "", ""
            for run in range(args.warmup + args.runs):
                measured = run >= args.warmup  # warm-ups fill the page cache and bytecode
                if measured and args.idle_threshold > 0:
                    busy_runs += not wait_idle(args.idle_threshold, 120)[1]
                start = time.perf_counter()
                try:
                    proc = subprocess.run(cmd, capture_output=True, text=True,
                                          cwd=path.parent, stdin=subprocess.DEVNULL,
                                          timeout=args.timeout)
                except subprocess.TimeoutExpired:
                    code, out, err = "killed", "", f"still running after {args.timeout:g} s"
                    break
                code, out = proc.returncode, proc.stdout
                err = (proc.stderr.strip().splitlines() or [""])[0].replace(str(root), "…")
                if measured:
                    times.append(time.perf_counter() - start)
            median = statistics.median(times) if times and code != "killed" else None
            results.append((label, median, units, unit, code, "good.txt:2:" in out, err))
    print("| input | median s | marginal s per unit | exit | good.txt reported | "
          "first line of stderr |")
    print("| --- | --- | --- | --- | --- | --- |")
    first: dict[str, tuple[float, float]] = {}
    for label, median, units, unit, code, reported, err in results:
        # the cost of one more unit, from the smallest input of its kind: start-up cancels
        base = first.setdefault(unit, (median, units))
        marginal = f"{(median - base[0]) / (units - base[1]):.2f} s/{unit}" \
            if median is not None and base[0] is not None and units != base[1] else ""
        shown = "—" if median is None else f"{median:.2f}"
        print(f"| {label} | {shown} | {marginal} | {code} | "
              f"{'yes' if reported else 'NO'} | {err[:110]} |")
    if busy_runs:
        print(f"{busy_runs} runs started while other processes kept the machine busy")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
