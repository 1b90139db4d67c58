"""`critique batch --backend dask` against a real local Dask cluster on loopback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent
COHORT = ROOT / "examples" / "cohort"


def _cluster(processes: bool, threads: int = 1):
    return distributed.LocalCluster(n_workers=1, threads_per_worker=threads, processes=processes,
                                    dashboard_address=None, host="127.0.0.1",
                                    protocol="tcp://")


def _batch(tmp_path: Path, name: str, *extra: str) -> dict:
    out = tmp_path / f"{name}.json"
    done = subprocess.run(
        [sys.executable, "-m", "critique", "batch", str(COHORT / "cohort.csv"),
         str(COHORT / "submissions"), "--no-model", "--out", str(out), *extra],
        capture_output=True, text=True, timeout=180, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return json.loads(out.read_text(encoding="utf-8"))


def test_cli_on_a_threaded_local_cluster(tmp_path):
    local = _batch(tmp_path, "local", "--jobs", "1")
    with _cluster(processes=False) as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        remote = _batch(tmp_path, "dask", "--backend", "dask",
                        "--scheduler", cluster.scheduler_address)
        ran = set(cluster.scheduler.task_prefixes)
    assert "lint_chunk" in ran  # the chunks were tasks on the cluster, not run locally
    assert remote == local
    assert len(remote["submissions"]) == 14


@pytest.mark.parametrize("threads", [1, 2])
def test_runner_on_a_process_local_cluster(threads):
    """Worker processes import critique themselves and send back the same records.

    With two threads the chunks go through joblib's Dask backend; with one, joblib would
    run them in this process, so the runner submits them to the cluster itself.
    """
    from critique.batch.runner import score
    from critique.batch.sources import Columns, read_csv
    from critique.batch.sources import group as group_rows
    from critique.config import Settings

    settings = Settings(model=False)
    rows = read_csv(str(COHORT / "cohort.csv"), Columns())
    for _, piece in rows:
        piece.settings = settings
    submissions = group_rows(rows)
    expected = score(submissions, jobs=1)
    seen = []
    with _cluster(processes=True, threads=threads) as cluster:
        got = score(submissions, backend="dask", scheduler=cluster.scheduler_address,
                    progress=seen.append)
        ran = set(cluster.scheduler.task_prefixes)
    assert any("lint_chunk" in prefix for prefix in ran)  # ran as tasks on the cluster
    assert (ran == {"lint_chunk"}) == (threads == 1)  # two threads: joblib's batches
    assert got == expected
    assert sum(seen) == sum(len(s.pieces) for s in submissions)


def test_unreachable_scheduler_is_one_line(capsys):
    import dask

    from critique.cli import main

    with _cluster(processes=False) as cluster:
        address = cluster.scheduler_address
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}), \
            pytest.raises(SystemExit) as exit_info:  # the cluster is closed: nothing listens
        main(["batch", str(COHORT / "cohort.csv"), "--no-model", "--backend", "dask",
              "--scheduler", address])
    err = capsys.readouterr().err
    assert exit_info.value.code == 2
    assert err.count("\n") == 1 and "cannot reach the dask scheduler" in err
