"""The shipped classifier: in step with training_data/, identical to scikit-learn,
reproducible, and never loaded from a file that does not match its manifest."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from critique.model import data as training
from critique.model.runtime import Classifier, sha256_bytes

from conftest import ROOT, run_cli

MODELS = ROOT / "models"
MANIFEST = json.loads((MODELS / "manifest.json").read_text())


def test_shipped_model_matches_training_data():
    assert MANIFEST["training_data_sha256"] == training.data_hash(), (
        "training_data/ changed since the model was trained: run `critique train`")
    assert sha256_bytes((MODELS / MANIFEST["arrays_file"]).read_bytes()) \
        == MANIFEST["arrays_sha256"]


def test_only_what_runs_ships():
    """The models folder holds the arrays the runtime loads and their manifest, nothing else
    (no pickled scikit-learn objects that nothing verifies or uses)."""
    shipped = {p.name for p in MODELS.iterdir() if p.name != "README.md"}
    assert shipped == {"manifest.json", MANIFEST["arrays_file"]}


def test_manifest_records_versions_labels_thresholds_calibration_and_metrics():
    for key in ("versions", "labels", "thresholds", "test_metrics", "calibration",
                "out_of_fold"):
        assert MANIFEST[key]
    assert set(MANIFEST["thresholds"]) == set(MANIFEST["labels"])
    assert "tool-over-outcome" in MANIFEST["test_metrics"]["sentences"]
    assert MANIFEST["train_sentences"]["real"] > 0


def test_numpy_runtime_scores_exactly_as_scikit_learn():
    """The lint path's numpy arithmetic equals scikit-learn's on a freshly fitted model,
    context tokens included."""
    from critique.model.real_data import Item
    from critique.model.train import export_arrays, fit

    examples = training.load("sentences")[::8]
    items = [Item(ex.text, ("__qt_unknown__", f"__mood_{i % 3}__"), frozenset(ex.slugs), "w",
                  False) for i, ex in enumerate(examples)]
    labels = ["tool-over-outcome", "fleeing-motivation"]
    pipeline = fit(items, labels)
    calibration = (0.8, -0.3)
    runtime = Classifier(export_arrays(pipeline, {lb: 0.5 for lb in labels}, calibration), {})
    probe = [(i.text, i.context) for i in items[:200]]
    probe += [("", ()), ("!!!", ("__qt_behavioral__",)), ("We moved to Milvus for speed.", ())]
    matrix = pipeline["vectorizer"].transform(probe)
    raw = np.column_stack([pipeline["classifiers"][lb].decision_function(matrix)
                           for lb in labels])
    got = runtime.probabilities([t for t, _ in probe], [c for _, c in probe])
    np.testing.assert_allclose(got, 1.0 / (1.0 + np.exp(-raw)), rtol=1e-9, atol=1e-12)
    # A reported finding's confidence is the calibrated map of the same score.
    confident = [runtime.confidence(p) for p in got[:50, 0]]
    expected = 1.0 / (1.0 + np.exp(-(calibration[0] * raw[:50, 0] + calibration[1])))
    np.testing.assert_allclose(confident, expected, rtol=1e-7, atol=1e-9)


# Coefficients depend on the CPU's floating-point paths (an AVX-512 machine differs from
# this one in the last bits): two trainings on one machine must match byte for byte, and
# the shipped arrays must match a fresh training within this tolerance.
SHIPPED_RTOL = 1e-6
SHIPPED_ATOL = 1e-9


def test_training_is_deterministic_and_matches_the_shipped_model(tmp_path):
    import subprocess
    import sys

    hashes = []
    for name in ("a", "b"):
        subprocess.run([sys.executable, "-m", "critique", "train", "--out", str(tmp_path / name)],
                       check=True, capture_output=True, cwd=ROOT, timeout=900)
        manifest = json.loads((tmp_path / name / "manifest.json").read_text())
        hashes.append(manifest["arrays_sha256"])
    assert hashes[0] == hashes[1], "two trainings on one machine differ"
    fresh = np.load(tmp_path / "a" / MANIFEST["arrays_file"], allow_pickle=False)
    shipped = np.load(MODELS / MANIFEST["arrays_file"], allow_pickle=False)
    assert sorted(fresh.files) == sorted(shipped.files)
    for key in shipped.files:
        if shipped[key].dtype.kind in "fc":
            np.testing.assert_allclose(fresh[key], shipped[key], rtol=SHIPPED_RTOL,
                                       atol=SHIPPED_ATOL, err_msg=key)
        else:
            assert (fresh[key] == shipped[key]).all(), key


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


@pytest.mark.parametrize("remove", ["folder", "arrays"])
def test_missing_model_runs_rules_only_with_one_warning(tmp_path, remove):
    pkg = _package_copy(tmp_path)
    if remove == "folder":
        shutil.rmtree(pkg / "models")
    else:
        (pkg / "models" / MANIFEST["arrays_file"]).unlink()
    answer = tmp_path / "a.txt"
    answer.write_text("I want to move away from writing code.\n")
    result = run_cli("--format", "json", str(answer), env={"PYTHONPATH": str(pkg)}, cwd=tmp_path)
    assert result.code == 1
    assert [f["source"] for f in result.json()] == ["rule"]
    assert result.err.count("warning") == 1 and "rules only" in result.err


@pytest.mark.parametrize("text", [
    "We went with Kafka because it is what every serious streaming shop runs these days.",
    "Our migration to Cassandra was driven by the fact that it is simply the more modern store.",
])
def test_model_catches_paraphrases_the_rules_miss(text):
    from critique import lint_text

    rules_only = lint_text(text, model=False)
    full = lint_text(text)
    assert {f.rule for f in full} - {f.rule for f in rules_only}
    assert all(f.source == "model" for f in full
               if f.rule not in {g.rule for g in rules_only})


def test_the_model_speaks_alone_only_where_the_slug_is_possible():
    """unquantified-impact needs an intensifier: a plain sentence never gets it from the
    classifier, however its words score (model_requires in the rule)."""
    from critique import lint_text

    plain = lint_text("I led the launch of the new onboarding for our merchants.")
    assert "unquantified-impact" not in {f.rule for f in plain}


def test_agreement_keeps_a_rule_finding_at_full_confidence():
    from critique import lint_text

    findings = lint_text("We decided to move from Pinecone to Milvus because of the "
                         "indexing speed.", role="ai-pm")
    both = [f for f in findings if f.rule == "tool-over-outcome"]
    assert both and all(f.confidence == 1.0 for f in both)
    assert any(f.source == "both" for f in both)
