"""Time critique (and proselint, in the same run) as whole processes on the generated corpus.

    python benchmarks/run.py                      # 5 measured runs per row, critique from PATH
    python benchmarks/run.py --runs 9 --critique "/work/venv/bin/critique"

Every row is one command run as a child process: the wall time is time.perf_counter()
around the process from spawn to exit, the peak memory is the child's own ru_maxrss as
os.wait4 reports it.  Each row gets --warmup unmeasured runs (page cache, .pyc files), then
--runs measured ones; the table shows the median and the minimum, and the largest peak RSS.

critique exiting 0 or 1 is success (1 means findings); anything else fails the row, and the
row says so with the first line of critique's stderr.  proselint is installed by this script
in its own virtual environment, benchmarks/.venv-proselint, and timed in the same run.

Writes the Markdown table and the environment to stdout and to benchmarks/out/results.md,
and every raw timing to benchmarks/out/results.json.  Exit status: 0 when every target
passes, 1 when some target fails, 2 when a command itself failed (exit 2, crash, timeout).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import hashlib
import json
import os
import platform
import re
import resource
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate_corpus  # noqa: E402

PROSELINT_SPEC = "0.16.*"
PROSELINT_WANTED = (0, 16)
VENV = HERE / ".venv-proselint"
OUT = HERE / "out"

HELP_TARGET = 0.30          # --help, rules, explain
SPACY_MARGIN = 0.25         # one 250-word answer: at most this much over `import spacy`
COHORT_TARGET = 2.0         # 1,000 answers in one process
COHORT_RSS_MB = 300.0
LONG_TARGET = 1.0           # one 5,000-word answer
LINEAR_SPREAD = 1.25        # marginal s/MB of the big files may differ by at most this factor
BUSY_FLAG = 0.10            # flag a row when other processes used more cores than this


# --------------------------------------------------------------------------- measuring

@dataclass
class Run:
    seconds: float
    rss_mb: float
    code: int | None
    timed_out: bool = False
    tree_mb: float | None = None  # sampled peak of the summed PSS of the whole process tree
    foreign: float | None = None  # cores' worth of CPU used by other processes meanwhile
    waited: float = 0.0           # seconds spent waiting for an idle machine first


@dataclass
class Row:
    key: str
    label: str
    cmd: list[str] | None
    cwd: str
    tool: str = "critique"                     # critique, proselint or baseline
    tree: bool = False                         # also sample the whole process tree's memory
    runs: list[Run] = field(default_factory=list)
    status: str = "ok"                         # ok, failed, timeout, not available, skipped
    error: str = ""
    stderr_head: str = ""
    size_mb: float | None = None
    target: str = ""
    verdict: str = ""                          # pass, FAIL, or "" where nothing is asked
    ratio: str = ""
    notes: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "ok" and bool(self.runs)

    @property
    def median(self) -> float | None:
        return statistics.median(r.seconds for r in self.runs) if self.ok else None

    @property
    def minimum(self) -> float | None:
        return min(r.seconds for r in self.runs) if self.ok else None

    @property
    def peak_rss(self) -> float | None:
        return max(r.rss_mb for r in self.runs) if self.ok else None

    @property
    def foreign(self) -> float | None:
        values = [r.foreign for r in self.runs if r.foreign is not None]
        return statistics.median(values) if self.ok and values else None

    @property
    def tree_peak(self) -> float | None:
        values = [r.tree_mb for r in self.runs if r.tree_mb is not None]
        return max(values) if self.ok and values else None


TIME_BIN = "/usr/bin/time"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# Children run without PYTHONDONTWRITEBYTECODE (set in some sandboxes), so the warm-up run
# leaves compiled bytecode behind as any normal install has; main() can keep it.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def time_wrapper() -> str | None:
    """GNU time, when present: it forks from a tiny process, so %M is the child's own peak.

    ru_maxrss survives exec(): a child spawned straight from this runner starts with the
    runner's own high-water mark as its floor (tens of MB once the corpus was generated in
    memory), which would inflate the small rows.  GNU time costs about 1 ms per run here.
    """
    if not os.access(TIME_BIN, os.X_OK):
        return None
    try:
        with tempfile.NamedTemporaryFile() as out:
            done = subprocess.run([TIME_BIN, "-f", "%M", "-o", out.name, "--", "true"],
                                  capture_output=True, timeout=10)
            ok = done.returncode == 0 and Path(out.name).read_text().strip().isdigit()
    except (OSError, subprocess.SubprocessError):
        return None
    return TIME_BIN if ok else None


class TreeSampler(threading.Thread):
    """Every `interval` s, the summed PSS of every process in one session (the child's).

    The child is started with start_new_session=True, so its session id is its pid and
    every worker it forks or spawns (joblib, multiprocessing) carries the same session id.
    PSS splits shared pages between the processes that share them, so the sum is the
    tree's real footprint; 10 Hz can miss a spike shorter than 0.1 s.
    """

    def __init__(self, session: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.session, self.interval = session, interval
        self.peak_kib = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak_kib = max(self.peak_kib, self.sample())
            self.done.wait(self.interval)

    def sample(self) -> int:
        total = 0
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as handle:
                    stat = handle.read()
                # fields after the ")" of the command name: state ppid pgrp session ...
                if int(stat[stat.rindex(b")") + 2:].split()[3]) != self.session:
                    continue
                with open(f"/proc/{entry.name}/smaps_rollup", "rb") as handle:
                    for line in handle:
                        if line.startswith(b"Pss:"):
                            total += int(line.split()[1])
                            break
            except (OSError, ValueError, IndexError):
                continue  # gone meanwhile, or not ours to read
        return total


def machine_busy() -> float:
    """CPU seconds the whole machine has spent busy since boot (/proc/stat, all cores).

    Steal time counts as busy: on a virtual machine it is CPU that another guest took.
    """
    try:
        with open("/proc/stat", encoding="ascii") as handle:
            fields = handle.readline().split()
    except OSError:
        return 0.0
    # cpu user nice system idle iowait irq softirq steal (guest time is inside user)
    values = [int(v) for v in fields[1:9]] + [0] * 8
    return (values[0] + values[1] + values[2] + values[5] + values[6] + values[7]) / CLOCK_TICKS


def own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def wait_idle(threshold: float, max_wait: float, window: float = 0.5) -> tuple[float, bool]:
    """Wait until other processes use under `threshold` cores over `window` s.

    Returns (seconds waited, whether the machine was idle in the end).  Other sessions
    may share this machine; figures taken while they run are not the tool's own.
    """
    start = time.perf_counter()
    while True:
        busy0, own0 = machine_busy(), own_cpu()
        time.sleep(window)
        foreign = (machine_busy() - busy0) - (own_cpu() - own0)
        if foreign / window < threshold:
            return time.perf_counter() - start, True
        if time.perf_counter() - start >= max_wait:
            return time.perf_counter() - start, False


def run_once(cmd: list[str], cwd: str, timeout: float,
             wrapper: str | None = None, tree: bool = False) -> tuple[Run, str]:
    """One child process: wall seconds, its own peak RSS (MB), exit code, stderr text.

    With `wrapper` (GNU time) the peak RSS is its %M; without, the child's ru_maxrss from
    os.wait4 (which has this runner's own RSS as a floor, see time_wrapper).
    """
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile() as mem:
        full = [wrapper, "-f", "%M", "-o", mem.name, "--", *cmd] if wrapper else cmd
        lock = threading.Lock()
        state = {"exited": False, "killed": False}
        busy0, own0 = machine_busy(), own_cpu()
        start = time.perf_counter()
        proc = subprocess.Popen(full, cwd=cwd, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=err,
                                start_new_session=True, env=CHILD_ENV)

        def kill() -> None:
            with lock:
                if not state["exited"]:  # not reaped yet: the pid and group are still ours
                    state["killed"] = True
                    os.killpg(proc.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill)
        timer.start()
        sampler = TreeSampler(proc.pid) if tree else None
        if sampler:
            sampler.start()
        # Wait for the exit without reaping (so a late kill() can never hit a reused pid),
        # stop the clock, then reap with wait4 for the child's own rusage.
        os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)
        seconds = time.perf_counter() - start
        with lock:
            state["exited"] = True
        timer.cancel()
        if sampler:
            sampler.done.set()
            sampler.join()
        _, status, usage = os.wait4(proc.pid, 0)
        busy = machine_busy() - busy0
        # the child's CPU counts every descendant it reaped (workers included)
        foreign = busy - (usage.ru_utime + usage.ru_stime) - (own_cpu() - own0)
        code = os.waitstatus_to_exitcode(status)
        proc.returncode = code  # tell Popen it is reaped
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
        rss_kib = usage.ru_maxrss  # KiB on Linux
        if wrapper:
            lines = Path(mem.name).read_text().split()
            rss_kib = int(lines[-1]) if lines and lines[-1].isdigit() else 0
            if code is not None and code > 128 and "terminated by signal" in \
                    Path(mem.name).read_text():
                code = -(code - 128)
    tree_mb = sampler.peak_kib / 1024.0 if sampler else None
    foreign_cores = max(0.0, foreign) / seconds if seconds > 0 else None
    return Run(seconds, rss_kib / 1024.0, code, state["killed"], tree_mb,
               foreign_cores), stderr


def measure(row: Row, runs: int, warmup: int, timeout: float, wrapper: str | None,
            idle: tuple[float, float] | None = None, ok_codes=(0, 1), log=print) -> None:
    if row.cmd is None:
        return
    log(f"  {row.label} ...", end="", flush=True)
    for i in range(warmup + runs):
        waited, calm = wait_idle(*idle) if idle and i >= warmup else (0.0, True)
        if not calm:
            log(" [busy machine]", end="", flush=True)
        result, stderr = run_once(row.cmd, row.cwd, timeout, wrapper, row.tree)
        result.waited = waited
        if i == 0:
            row.stderr_head = stderr.strip()[:500]
        if result.timed_out:
            row.status, row.error = "timeout", f"killed after {timeout:.0f} s"
            row.runs = []
            break
        if result.code not in ok_codes:
            first = next((line for line in stderr.splitlines() if line.strip()), "")
            row.status = "failed"
            row.error = f"exit {result.code}" + (f": {first.strip()}" if first else "")
            row.runs = []
            break
        if i >= warmup:
            row.runs.append(result)
    if row.ok:
        log(f" median {row.median:.3f} s, min {row.minimum:.3f} s, "
            f"peak {row.peak_rss:.0f} MB, foreign load {row.foreign or 0:.2f} cores")
    else:
        log(f" {row.status}: {row.error}")


# --------------------------------------------------------------------------- environment

def resolve_critique(option: str | None) -> list[str]:
    if option:
        return shlex.split(option)
    found = shutil.which("critique")
    if found:
        return [found]
    beside = Path(sys.executable).parent / "critique"  # e.g. venv/bin/python run.py
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside)]
    sys.exit("run.py: no `critique` on PATH nor beside this Python; pass --critique CMD")


def python_of(cmd: list[str]) -> str:
    """The interpreter critique runs under: the command itself, or its script's shebang."""
    exe = shutil.which(cmd[0]) or cmd[0]
    if Path(exe).name.startswith("python"):
        return exe
    try:
        with open(exe, "rb") as handle:
            first = handle.readline().decode("utf-8", "replace").strip()
    except OSError:
        return sys.executable
    if first.startswith("#!"):
        parts = first[2:].split()
        if parts and Path(parts[0]).name == "env" and len(parts) > 1:
            parts = parts[1:]
        if parts and "python" in Path(parts[0]).name:
            return shutil.which(parts[0]) or parts[0]
    return sys.executable


def versions_in(python: str, packages: list[str]) -> dict[str, str]:
    code = ("import importlib.metadata as m, json, sys\n"
            "out = {'python': sys.version.split()[0]}\n"
            f"for name in {packages!r}:\n"
            "    try: out[name] = m.version(name)\n"
            "    except m.PackageNotFoundError: out[name] = 'not installed'\n"
            "print(json.dumps(out))\n")
    try:
        done = subprocess.run([python, "-c", code], capture_output=True, text=True, timeout=60)
        return json.loads(done.stdout)
    except (OSError, ValueError, subprocess.SubprocessError):
        return {}


def source_fingerprint(python: str) -> str:
    """sha256 over critique's package, rule packs and model files as installed, so a table
    can be tied to the code it measured (the lead adds the commit)."""
    code = ("import critique, os\n"
            "from critique.resources import rules_dir, models_dir\n"
            "print(os.path.dirname(critique.__file__)); print(rules_dir()); print(models_dir())")
    try:
        done = subprocess.run([python, "-c", code], capture_output=True, text=True, timeout=60)
        roots = [Path(line) for line in done.stdout.splitlines() if line.strip()]
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    digest, count = hashlib.sha256(), 0
    for root in roots:
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                digest.update(f"{path.relative_to(root.parent)}\0".encode())
                digest.update(hashlib.sha256(path.read_bytes()).digest())
                count += 1
    return f"{digest.hexdigest()[:16]} ({count} files under {', '.join(str(r) for r in roots)})"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _version_key(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", text)[:3])


def setup_proselint(log=print) -> tuple[str | None, str]:
    """(path of the proselint executable, note); installs into benchmarks/.venv-proselint."""
    py = VENV / "bin" / "python"
    exe = VENV / "bin" / "proselint"
    if not py.exists():
        log(f"creating {VENV.relative_to(HERE.parent)} ...")
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    have = versions_in(str(py), ["proselint"]).get("proselint", "not installed")
    if have != "not installed" and _version_key(have)[:2] == PROSELINT_WANTED and exe.exists():
        return str(exe), ""
    pip = [str(py), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    log(f"installing proselint=={PROSELINT_SPEC} into {VENV.name} ...")
    done = subprocess.run(pip + [f"proselint=={PROSELINT_SPEC}"], capture_output=True,
                          text=True)
    note = ""
    if done.returncode != 0:
        index = subprocess.run([str(py), "-m", "pip", "index", "versions", "proselint"],
                               capture_output=True, text=True)
        match = re.search(r"Available versions:\s*(.+)", index.stdout)
        if not match:
            return None, "proselint could not be installed: " + done.stderr.strip()[-300:]
        candidates = [v.strip() for v in match.group(1).split(",") if v.strip()]

        def distance(v: str) -> float:
            key = _version_key(v) + (0, 0, 0)
            return abs((key[0] * 1000 + key[1]) - (PROSELINT_WANTED[0] * 1000
                                                    + PROSELINT_WANTED[1]))

        chosen = min(candidates, key=lambda v: (distance(v), [-x for x in _version_key(v)]))
        done = subprocess.run(pip + [f"proselint=={chosen}"], capture_output=True, text=True)
        if done.returncode != 0:
            return None, "proselint could not be installed: " + done.stderr.strip()[-300:]
        note = f"proselint {PROSELINT_SPEC} was not available; measured {chosen}, the closest"
    return (str(exe) if exe.exists() else None), note


def subcommand_exists(critique: list[str], name: str) -> bool:
    try:
        done = subprocess.run(critique + [name, "--help"], capture_output=True, timeout=120)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


# --------------------------------------------------------------------------- the rows

def build_rows(critique: list[str], python: str, proselint: str | None, corpus: Path,
               batch: bool, with_proselint: bool) -> list[Row]:
    c = str(corpus)
    info = generate_corpus.stats({p.relative_to(corpus).as_posix(): p.read_bytes()
                                  for p in _corpus_files(corpus)})
    rows = [
        Row("spacy", "`python -c 'import spacy'`", [python, "-c", "import spacy"], c,
            tool="baseline"),
        Row("help", "`critique --help`", critique + ["--help"], c),
        Row("rules", "`critique rules`", critique + ["rules"], c),
        Row("explain", "`critique explain tool-over-outcome`",
            critique + ["explain", "tool-over-outcome"], c),
        Row("one", f"`critique one-250.txt` ({info['one_250_words']} words)",
            critique + ["one-250.txt"], c),
        Row("check1000", "`critique check answers/` (1,000 answers, one process)",
            critique + ["check", "answers"], c, tree=True),
        Row("batch1000", "`critique batch cohort.csv` (1,000 rows, one command)",
            critique + ["batch", "cohort.csv"] if batch else None, c, tree=True),
        Row("long", f"`critique long-5000.txt` ({info['long_5000_words']:,} words)",
            critique + ["long-5000.txt"], c),
    ]
    for mb in generate_corpus.BIG_SIZES:
        size = info[f"big_{mb}mb_bytes"] / generate_corpus.MB
        rows.append(Row(f"big{mb}", f"`critique big-{mb}mb.txt` ({size:.2f} MB)",
                        critique + [f"big-{mb}mb.txt"], c, size_mb=size))
    if with_proselint:
        pcmd = [proselint, "check"] if proselint else None
        rows += [
            Row("p_one", "`proselint check one-250.txt`",
                pcmd + ["one-250.txt"] if pcmd else None, c, tool="proselint"),
            Row("p_check1000", "`proselint check answers/` (1,000 files, one process)",
                pcmd + ["answers"] if pcmd else None, c, tool="proselint"),
            Row("p_long", "`proselint check long-5000.txt`",
                pcmd + ["long-5000.txt"] if pcmd else None, c, tool="proselint"),
        ]
    if not batch:
        rows[6].status = "not available"
        rows[6].error = "this critique has no `batch` subcommand"
    return rows


def _corpus_files(corpus: Path):
    return sorted(p for p in corpus.rglob("*") if p.is_file() and p.name != "MANIFEST.sha256")


def judge(rows: list[Row]) -> Row | None:
    """Fill target, verdict, ratio and notes; returns the linearity summary row."""
    by = {r.key: r for r in rows}

    def verdict(ok: bool) -> str:
        return "pass" if ok else "FAIL"

    def ratio(row: Row, peer_key: str) -> None:
        peer = by.get(peer_key)
        if row.ok and peer is not None and peer.ok:
            row.ratio = f"{row.median / peer.median:.2f}× (vs {peer.median:.3f} s)"

    spacy = by["spacy"]
    spacy.target = "baseline"
    for key in ("help", "rules", "explain"):
        row = by[key]
        row.target = f"≤ {HELP_TARGET:.2f} s"
        if row.ok:
            row.verdict = verdict(row.median <= HELP_TARGET)

    one = by["one"]
    if spacy.ok:
        limit = spacy.median + SPACY_MARGIN
        one.target = f"≤ import spacy + {SPACY_MARGIN:.2f} s = {limit:.2f} s"
        if one.ok:
            one.verdict = verdict(one.median <= limit)
            one.notes = f"{one.median - spacy.median:+.3f} s over `import spacy`"
    else:
        one.target = f"≤ import spacy + {SPACY_MARGIN:.2f} s"
    ratio(one, "p_one")

    for key in ("check1000", "batch1000"):
        row = by[key]
        row.target = f"≤ {COHORT_TARGET:.1f} s, ≤ {COHORT_RSS_MB:.0f} MB"
        if row.ok:
            memory = max(row.peak_rss, row.tree_peak or 0.0)
            fast = row.median <= COHORT_TARGET
            small = memory <= COHORT_RSS_MB
            row.verdict = "pass" if fast and small else \
                "FAIL (" + ", ".join(w for w, bad in (("time", not fast), ("memory", not small))
                                     if bad) + ")"
            per_answer_ms = row.median / 1000 * 1000.0
            row.notes = f"{per_answer_ms:.2f} ms per answer, end to end"
            if row.tree_peak is not None:
                row.notes += (f"; whole process tree peak {row.tree_peak:.0f} MB "
                              "(summed PSS, sampled at 10 Hz)")
        ratio(row, "p_check1000")

    long = by["long"]
    long.target = f"≤ {LONG_TARGET:.1f} s"
    if long.ok:
        long.verdict = verdict(long.median <= LONG_TARGET)
    ratio(long, "p_long")

    bigs = [by[f"big{mb}"] for mb in generate_corpus.BIG_SIZES]
    for row in bigs:
        if row.ok:
            row.notes = f"{row.median / row.size_mb:.2f} s/MB"
    last = bigs[-1]
    last.target = "finishes (exit 0/1)"
    last.verdict = verdict(last.ok)

    summary = Row("linear", "big files: time linear in size (1→2, 1→4, 1→5 MB)", None, "",
                  target=f"marginal s/MB within {LINEAR_SPREAD:.2f}× of each other")
    if any(r.status == "skipped" for r in bigs):
        summary.verdict, summary.notes = "skipped", "not every big file was run"
    elif all(r.ok for r in bigs):
        first = bigs[0]
        slopes = [(r.median - first.median) / (r.size_mb - first.size_mb) for r in bigs[1:]]
        spread = max(slopes) / min(slopes) if min(slopes) > 0 else float("inf")
        summary.verdict = verdict(spread <= LINEAR_SPREAD)
        summary.notes = ("marginal " + ", ".join(f"{s:.2f}" for s in slopes)
                         + f" s/MB; spread {spread:.2f}×")
    else:
        summary.verdict = "FAIL"
        summary.notes = "not every big file finished"

    for row in rows:
        if row.ok and row.foreign is not None and row.foreign > BUSY_FLAG \
                and row.median >= 0.5:  # /proc/stat ticks are 10 ms: shorter runs are noise
            row.notes = (row.notes + "; " if row.notes else "") + \
                f"⚠ other processes used {row.foreign:.2f} cores meanwhile (median)"
        if row.tool == "proselint":
            row.target = "reference"
        if not row.ok and row.status != "ok":
            if row.status in ("not available", "skipped"):
                row.verdict = row.status
            else:
                why = row.error.split(":")[0] if row.status == "failed" else row.status
                row.verdict = f"FAIL ({why})"
            row.notes = (row.notes + "; " if row.notes else "") + row.error
    return summary


# --------------------------------------------------------------------------- reporting

def fmt(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def table(rows: list[Row], summary: Row | None) -> str:
    head = ("| measurement | median s | min s | peak RSS MB | target | pass/fail "
            "| ratio vs proselint (critique ÷ proselint) | notes |")
    lines = [head, "|---|---:|---:|---:|---|---|---|---|"]
    ordered = [r for r in rows if r.tool != "proselint"]
    big_last = f"big{generate_corpus.BIG_SIZES[-1]}"
    out = []
    for row in ordered:
        out.append(row)
        if row.key == big_last and summary is not None:
            out.append(summary)
    out += [r for r in rows if r.tool == "proselint"]
    for r in out:
        rss = fmt(r.peak_rss, 0)
        if r.tree_peak is not None:
            rss += f" (tree {r.tree_peak:.0f})"
        cells = [r.label, fmt(r.median), fmt(r.minimum), rss,
                 r.target or "—", r.verdict or "—", r.ratio or "—", r.notes or ""]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines)


def environment(critique: list[str], python: str, proselint_note: str, args,
                corpus_digest: str) -> list[tuple[str, str]]:
    crit = versions_in(python, ["critique", "spacy", "numpy", "typer", "scikit-learn"])
    pros = versions_in(str(VENV / "bin" / "python"), ["proselint"]) \
        if (VENV / "bin" / "python").exists() else {}
    try:
        cpus_usable = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cpus_usable = os.cpu_count()
    env = [
        ("date (UTC)", _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M")),
        ("machine", f"{platform.system()} {platform.release()} {platform.machine()}"),
        ("CPU", f"{cpu_model()}; os.cpu_count() = {os.cpu_count()}, usable = {cpus_usable}"),
        ("memory", _mem_total()),
        ("Python (critique's)", f"{crit.get('python', '?')} at `{python}`"),
        ("critique", f"{crit.get('critique', '?')} via `{shlex.join(critique)}`"),
        ("critique sources", args.fingerprint if args.fingerprint == source_fingerprint(python)
         else f"⚠ CHANGED DURING THE RUN: {args.fingerprint} at the start, "
              f"{source_fingerprint(python)} at the end"),
        ("spacy", crit.get("spacy", "?")),
        ("numpy", crit.get("numpy", "?")),
        ("typer", crit.get("typer", "?")),
        ("scikit-learn", crit.get("scikit-learn", "?")),
        ("proselint", (pros.get("proselint", "not installed")
                       + f" (Python {pros.get('python', '?')}, `{VENV.name}`)")
         + (f"; {proselint_note}" if proselint_note else "")),
        ("corpus", f"seed {args.seed}, sha256 {corpus_digest}"),
        ("method", f"{args.warmup} warm-up + {args.runs} measured runs per row; wall time = "
                   "time.perf_counter around each whole process, spawn to exit; "
                   f"{args.rss_method}; stdout to /dev/null; "
                   + (f"before each measured run, waited (up to {args.idle_wait:.0f} s) until "
                      f"other processes used < {args.idle_threshold:.2f} cores"
                      if args.idle_threshold > 0 else "no wait for an idle machine")),
    ]
    blas = {k: CHILD_ENV[k] for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE",
                                      "OMP_NUM_THREADS", "PYTHONDONTWRITEBYTECODE",
                                      "PYTHONPATH")
            if k in CHILD_ENV}
    if blas:
        env.append(("environment variables (children)",
                    ", ".join(f"{k}={v}" for k, v in blas.items())))
    return env


def _mem_total() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def verdict_summary(rows: list[Row], summary: Row | None) -> list[str]:
    out = []
    for r in rows + ([summary] if summary else []):
        if r.verdict.startswith("FAIL"):
            out.append(f"- FAIL: {r.label}: {fmt(r.median)} s against {r.target}"
                       + (f" ({r.notes})" if r.notes else ""))
    return out or ["- every target passes"]


# --------------------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="measured runs per row (default 5)")
    parser.add_argument("--warmup", type=int, default=1,
                        help="unmeasured runs before each row (default 1)")
    parser.add_argument("--critique", metavar="CMD",
                        help="the critique command (default: `critique` from PATH)")
    parser.add_argument("--python", metavar="PY",
                        help="the Python for the `import spacy` row (default: critique's)")
    parser.add_argument("--seed", type=int, default=generate_corpus.DEFAULT_SEED)
    parser.add_argument("--corpus", type=Path, default=generate_corpus.DEFAULT_OUT)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--timeout", type=float, default=600.0,
                        help="seconds before one run is killed and its row fails (default 600)")
    parser.add_argument("--only", metavar="KEYS",
                        help="comma-separated row keys to run (spacy,help,rules,explain,one,"
                             "check1000,batch1000,long,big1,big2,big4,big5,p_one,p_check1000,"
                             "p_long)")
    parser.add_argument("--no-proselint", action="store_true", help="skip the proselint rows")
    parser.add_argument("--idle-threshold", type=float, default=0.15, metavar="CORES",
                        help="before each measured run, wait until other processes use less "
                             "than this many cores (default 0.15; 0 turns the wait off)")
    parser.add_argument("--idle-wait", type=float, default=120.0, metavar="S",
                        help="longest wait for an idle machine before one run (default 120)")
    parser.add_argument("--keep-env", action="store_true",
                        help="pass PYTHONDONTWRITEBYTECODE on to the children if it is set")
    parser.add_argument("--no-time-wrapper", action="store_true",
                        help="measure peak RSS with os.wait4 only, not /usr/bin/time")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.runs < 5:
        print("run.py: warning: fewer than 5 runs; the issue asks for the median of 5 or more",
              file=sys.stderr)

    global CHILD_ENV
    if args.keep_env:
        CHILD_ENV = dict(os.environ)
    critique = resolve_critique(args.critique)
    idle = (args.idle_threshold, args.idle_wait) if args.idle_threshold > 0 else None
    wrapper = None if args.no_time_wrapper else time_wrapper()
    if wrapper:
        args.rss_method = (f"peak RSS = `{wrapper} -f %M` of each run (about 1 ms of its own "
                           "is inside the wall time), largest of the runs")
    else:
        floor = run_once(["true"], ".", 10)[0].rss_mb
        args.rss_method = ("peak RSS = the child's ru_maxrss from os.wait4, largest of the "
                           f"runs; no GNU time, so every figure has this runner's own peak "
                           f"({floor:.0f} MB) as a floor")
    python = args.python or python_of(critique)

    print(f"corpus: generating into {args.corpus} (seed {args.seed}) ...")
    files = generate_corpus.generate(args.seed)
    generate_corpus.write(files, args.corpus, args.seed)
    digest = generate_corpus.corpus_hash(files)
    print(f"corpus {digest}")

    proselint, proselint_note = (None, "skipped (--no-proselint)")
    if not args.no_proselint:
        proselint, proselint_note = setup_proselint()
        if proselint_note:
            print(f"note: {proselint_note}")

    batch = subcommand_exists(critique, "batch")
    rows = build_rows(critique, python, proselint, args.corpus, batch, not args.no_proselint)
    if args.only:
        wanted = {k.strip() for k in args.only.split(",")}
        for row in rows:
            if row.key not in wanted and row.status == "ok":
                row.status, row.error = "skipped", "not in --only"

    args.fingerprint = source_fingerprint(python)
    print(f"critique sources {args.fingerprint}")
    print(f"measuring: {args.warmup} warm-up + {args.runs} runs per row")
    for row in rows:
        if row.status == "ok" and row.cmd is not None:
            measure(row, args.runs, args.warmup, args.timeout, wrapper, idle)
        elif row.status == "ok":
            row.status, row.error = "not available", "proselint is not installed"
    summary = judge(rows)

    # the first warning critique printed (e.g. that no classifier is installed)
    warnings = sorted({line.strip() for r in rows if r.tool == "critique"
                       for line in r.stderr_head.splitlines() if "warning" in line})

    env = environment(critique, python, proselint_note, args, digest)
    text = ["# critique benchmark", "", table(rows, summary), "",
            "Verdicts:", *verdict_summary(rows, summary), ""]
    if warnings:
        text += ["critique said on stderr:", *[f"- `{w}`" for w in warnings], ""]
    text += ["Environment:", "", *[f"- {k}: {v}" for k, v in env], ""]
    report = "\n".join(text)
    print()
    print(report)

    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.md").write_text(report, encoding="utf-8")
    raw = {"environment": dict(env), "rows": [
        {**{k: v for k, v in asdict(r).items() if k != "runs"},
         "median": r.median, "min": r.minimum, "peak_rss_mb": r.peak_rss,
         "runs": [asdict(x) for x in r.runs]} for r in rows + [summary]]}
    (args.out / "results.json").write_text(json.dumps(raw, indent=2), encoding="utf-8")
    print(f"wrote {args.out / 'results.md'} and {args.out / 'results.json'}")
    if any(r.status in ("failed", "timeout") for r in rows):
        return 2
    return 1 if any(r.verdict.startswith("FAIL") for r in rows + [summary]) else 0


if __name__ == "__main__":
    sys.exit(main())
