"""The shipped classifier: in step with training_data/, identical to scikit-learn,
reproducible, and never loaded from a file that does not match its manifest."""

from __future__ import annotations

import json
import shutil

import joblib
import numpy as np
import pytest

from critique.model import data as training
from critique.model.runtime import load_classifier, sha256_bytes
from critique.model.train import predict_proba

from conftest import ROOT, run_cli

MODELS = ROOT / "models"
MANIFEST = json.loads((MODELS / "manifest.json").read_text())


def test_shipped_model_matches_training_data():
    assert MANIFEST["training_data_sha256"] == training.data_hash(), (
        "training_data/ changed since the model was trained: run `critique train`")
    for file_key, hash_key in (("model_file", "model_sha256"), ("arrays_file", "arrays_sha256")):
        assert sha256_bytes((MODELS / MANIFEST[file_key]).read_bytes()) == MANIFEST[hash_key]


def test_manifest_records_versions_labels_thresholds_and_test_metrics():
    for key in ("versions", "labels", "thresholds", "test_metrics"):
        assert MANIFEST[key]
    assert set(MANIFEST["thresholds"]) == set(MANIFEST["labels"])
    assert "tool-over-outcome" in MANIFEST["test_metrics"]["sentences"]


def test_numpy_runtime_scores_exactly_as_scikit_learn():
    pipeline = joblib.load(MODELS / MANIFEST["model_file"])
    runtime = load_classifier(folder=MODELS)
    texts = [ex.text for ex in training.load("sentences") if ex.split == "test"][:300]
    texts += ["", "!!!", "We moved to Milvus for speed.", "I'm tired of my job."]
    expected = predict_proba(pipeline, texts)
    got = runtime.probabilities(texts)
    assert runtime.labels == pipeline["labels"]
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-12)


def test_training_is_deterministic(tmp_path):
    """Two `critique train` processes on the same data give the shipped bytes."""
    import subprocess
    import sys

    hashes = []
    for name in ("a", "b"):
        subprocess.run([sys.executable, "-m", "critique", "train", "--out", str(tmp_path / name)],
                       check=True, capture_output=True, cwd=ROOT, timeout=600)
        manifest = json.loads((tmp_path / name / "manifest.json").read_text())
        hashes.append((manifest["model_sha256"], manifest["arrays_sha256"]))
    assert hashes[0] == hashes[1] == (MANIFEST["model_sha256"], MANIFEST["arrays_sha256"])


def _package_copy(tmp_path):
    """A copy of the package whose models/ we may damage."""
    shutil.copytree(ROOT / "critique", tmp_path / "pkg" / "critique",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "rules", tmp_path / "pkg" / "rules")
    shutil.copytree(MODELS, tmp_path / "pkg" / "models")
    return tmp_path / "pkg"


def test_tampered_model_is_refused_with_exit_2(tmp_path):
    pkg = _package_copy(tmp_path)
    arrays = pkg / "models" / MANIFEST["arrays_file"]
    arrays.write_bytes(arrays.read_bytes()[:-10] + b"0123456789")
    answer = tmp_path / "a.txt"
    answer.write_text("I'm tired of my job.\n")
    result = run_cli(str(answer), env={"PYTHONPATH": str(pkg)}, cwd=tmp_path)
    assert result.code == 2
    assert "sha256 does not match the manifest" in result.err and "Traceback" not in result.err


def test_missing_model_runs_rules_only_with_one_warning(tmp_path):
    pkg = _package_copy(tmp_path)
    shutil.rmtree(pkg / "models")
    answer = tmp_path / "a.txt"
    answer.write_text("I want to move away from writing code.\n")
    result = run_cli("--format", "json", str(answer), env={"PYTHONPATH": str(pkg)}, cwd=tmp_path)
    assert result.code == 1
    assert [f["source"] for f in result.json()] == ["rule"]
    assert result.err.count("warning") == 1 and "rules only" in result.err


@pytest.mark.parametrize("text", [
    "Frankly the thought of another five years maintaining ETL jobs makes me want to run.",
    "Our migration to Cassandra was driven by the fact that it is simply the more modern store.",
])
def test_model_catches_paraphrases_the_rules_miss(text):
    from critique import lint_text

    rules_only = lint_text(text, model=False)
    full = lint_text(text)
    assert {f.rule for f in full} - {f.rule for f in rules_only}
    assert all(f.source == "model" for f in full
               if f.rule not in {g.rule for g in rules_only})
