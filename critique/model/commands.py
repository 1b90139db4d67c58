"""`critique train` and `critique evaluate` (scikit-learn is imported only when they run)."""

from __future__ import annotations

import sys

import typer


def train(
    out: str = typer.Option(None, "--out", help="Folder for the model (default: models/)."),
    data: str = typer.Option(None, "--data", help="The training_data folder."),
) -> None:
    """Train the sentence classifier from training_data/ (deterministic)."""
    import os
    from pathlib import Path

    if "numpy" not in sys.modules:
        # BLAS's thread count changes the fitted coefficients in their last bits, and it is
        # fixed when numpy loads: pin it so the bytes never depend on the caller's setup.
        for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[name] = "1"

    from critique.model.train import train as run
    from critique.resources import models_dir

    folder = Path(out) if out else models_dir()
    manifest = run(folder, Path(data) if data else None,
                   log=lambda m: sys.stderr.write(f"critique: {m}\n"))
    sys.stdout.write(f"wrote {folder / manifest['arrays_file']} "
                     f"(sha256 {manifest['arrays_sha256'][:12]}) and {folder / 'manifest.json'}\n")


def evaluate(
    fmt: str = typer.Option("table", "--format", "-f", help="table or json."),
    data: str = typer.Option(None, "--data", help="The training_data folder."),
    split: str = typer.Option("test", "--split", help="Real answers: test or dev."),
) -> None:
    """Precision and recall per slug on real answers (default output, rules, model, every
    check) beside F1 on the written test split. Needs a checkout (training_data/)."""
    import json
    from pathlib import Path

    from critique.evaluation import real, written
    from critique.evaluation.agreement import agreement
    from critique.evaluation.table import print_report

    if fmt not in ("table", "json"):
        sys.stderr.write(
            f"critique: invalid value for --format: {fmt!r} (choose from table, json)\n")
        raise typer.Exit(2)
    if split not in ("test", "dev"):
        sys.stderr.write(
            f"critique: invalid value for --split: {split!r} (choose from test, dev)\n")
        raise typer.Exit(2)
    root = Path(data) if data else None
    report = {"real": real.evaluate(root, split), "written": written.evaluate(root),
              "evidence": real.evidence_report(root, split), "agreement": agreement(root)}
    if fmt == "json":
        sys.stdout.write(json.dumps(report, indent=2) + "\n")
    else:
        print_report(report, sys.stdout)
