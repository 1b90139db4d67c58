"""Training the sentence classifier, deterministically.

Examples: the written sentences (training_data/sentences, train split) and every sentence
of the real dev answers (training_data/real), each with its context tokens.  One
TF-IDF + liblinear logistic regression per label: the model's sentence slugs, and the
evidence the answer checks compose (a decision, a trade-off, a risk plan, an AI feature).

Out-of-fold predictions (real sentences grouped by source, so a writer is never on both
sides of a fold) decide two things, written to the manifest:
- per-label thresholds on the raw probability: for a slug, the best F1 on the written
  sentences among thresholds that keep the model's false alarms on real sentences within
  FALSE_ALARM_RATE (and its real precision at PRECISION_FLOOR); for evidence, the best F1 on
  real sentences;
- calibration: one logistic map from the raw score of a reported finding to the chance it
  is right on real text, so a finding's `confidence` means what it says.
The test splits are never read here.  Writes `<name>.npz` (the arrays the numpy runtime
uses) and `manifest.json`.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

from critique.model import data as training
from critique.model.features import analyze
from critique.model.real_data import (
    EVIDENCE_LABELS,
    Item,
    real_items,
    written_evidence_items,
    written_items,
)
from critique.model.runtime import MANIFEST, sha256_bytes

NAME = "critique-sentences"
C = 4.0
FOLDS = 5
MIN_POSITIVES = 10
PRECISION_FLOOR = 0.9
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def analyze_item(item) -> list[str]:
    """The vectorizer's analyzer: an item is (text, context tokens)."""
    return analyze(item[0], item[1])


def _vectorizer():
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer=analyze_item, sublinear_tf=True, min_df=2,
                           dtype=np.float64)


def _classifier():
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, solver="liblinear", class_weight="balanced", random_state=0,
                              max_iter=1000)


def fit(items: list[Item], labels: list[str]) -> dict:
    """One vectorizer over every sentence; each label learns from the sentences labelled
    for its family (a written slug sentence never teaches evidence, and back)."""
    import numpy as np

    vectorizer = _vectorizer()
    matrix = vectorizer.fit_transform([(i.text, i.context) for i in items])
    classifiers = {}
    targets = targets_for(items, labels)
    for j, label in enumerate(labels):
        rows = np.flatnonzero([item.knows(label) for item in items])
        clf = _classifier()
        clf.fit(matrix[rows], targets[rows, j])
        classifiers[label] = clf
    return {"vectorizer": vectorizer, "classifiers": classifiers, "labels": list(labels)}


def scores(pipeline: dict, items) -> object:
    """(n, labels) raw linear scores (before the logistic), as the runtime computes them."""
    import numpy as np

    matrix = pipeline["vectorizer"].transform([(i[0], i[1]) for i in items])
    return np.column_stack([pipeline["classifiers"][label].decision_function(matrix)
                            for label in pipeline["labels"]])


def targets_for(items: list[Item], labels: list[str]):
    import numpy as np

    return np.array([[1 if label in item.labels else 0 for label in labels] for item in items],
                    dtype=np.int64)


def model_labels(items: list[Item]) -> list[str]:
    """Labels with enough positives to learn; the others are left to the rules."""
    wanted = [*training.MODEL_LABELS, *(f"evidence:{e}" for e in EVIDENCE_LABELS)]
    # (a label needs positives among the sentences labelled for its family)
    return [label for label in wanted
            if sum(label in item.labels for item in items) >= MIN_POSITIVES]


def fold_of(item: Item, index: int) -> int:
    if item.real:
        return int(hashlib.sha256(item.group.encode()).hexdigest(), 16) % FOLDS
    return index % FOLDS


def out_of_fold(items: list[Item], labels: list[str]):
    import numpy as np

    folds = np.array([fold_of(item, i) for i, item in enumerate(items)])
    oof = np.zeros((len(items), len(labels)), dtype=np.float64)
    for k in range(FOLDS):
        held = np.flatnonzero(folds == k)
        kept = np.flatnonzero(folds != k)
        pipeline = fit([items[i] for i in kept], labels)
        oof[held] = scores(pipeline, [(items[i].text, items[i].context) for i in held])
    return oof


MIN_CALIBRATION = 10


def calibrate_reported(labels, oof, targets, real, thresholds) -> tuple[float, float]:
    """The confidence of a reported finding: a logistic map a*score+b fitted on the real
    out-of-fold sentences the model would report (slug labels pooled), so a finding at 0.8
    is right about 80% of the time on real answers.  With too few reported, or all right or
    all wrong, the raw probability stands (1, 0) and the report says how few there were."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    x, y = [], []
    for j, label in enumerate(labels):
        if label.startswith("evidence:"):
            continue
        cut = np.log(thresholds[label] / (1 - thresholds[label]))
        for i in np.flatnonzero(np.asarray(real)):
            if oof[i, j] >= cut:
                x.append(oof[i, j])
                y.append(int(targets[i, j]))
    if len(y) < MIN_CALIBRATION or sum(y) in (0, len(y)):
        return 1.0, 0.0
    model = LogisticRegression(C=1e6, solver="lbfgs", max_iter=1000).fit(
        np.asarray(x).reshape(-1, 1), np.asarray(y))
    return float(model.coef_[0][0]), float(model.intercept_[0])


def _prf(pred, truth) -> tuple[float, float, float, int]:
    tp = int(sum(p and t for p, t in zip(pred, truth)))
    fp = int(sum(p and not t for p, t in zip(pred, truth)))
    fn = int(sum(t and not p for p, t in zip(pred, truth)))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return precision, recall, f1, tp + fp


# A slug's threshold may let the model alone raise at most this many false alarms per real
# sentence out of fold (one in 2,000: about one per 130 real answers), and keeps precision at
# PRECISION_FLOOR where it reports five or more on real sentences.
FALSE_ALARM_RATE = 0.0005


def choose_threshold(label: str, probs, truth, real, known) -> float:
    """Slugs: among thresholds that hold the real-text false-alarm budget (and precision
    floor), the best F1 on written sentences.  Evidence: the best F1 on real sentences."""
    grid = [step / 100 for step in range(20, 100)]
    real_idx = [i for i, r in enumerate(real) if r]
    written_idx = [i for i, r in enumerate(real) if not r and known[i]]

    def at(t, idx):
        return _prf([probs[i] >= t for i in idx], [bool(truth[i]) for i in idx])

    if label.startswith("evidence:"):
        return max(grid, key=lambda t: (at(t, real_idx)[2], -t))
    allowed = FALSE_ALARM_RATE * len(real_idx)

    def safe(t: float) -> bool:
        precision, _, _, predicted = at(t, real_idx)
        false_alarms = round(predicted * (1 - precision))
        return false_alarms <= allowed and (predicted < 5 or precision >= PRECISION_FLOOR)

    pool = [t for t in grid if safe(t)] or grid[-1:]
    return max(pool, key=lambda t: (at(t, written_idx)[2], -t))


def _npz_bytes(arrays: dict) -> bytes:
    """An .npz with fixed timestamps, so the same arrays give the same bytes."""
    import numpy as np

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(arrays):
            member = io.BytesIO()
            np.lib.format.write_array(member, np.asarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, member.getvalue())
    return buffer.getvalue()


def export_arrays(pipeline: dict, thresholds: dict[str, float],
                  calibration: tuple[float, float] = (1.0, 0.0)) -> dict:
    import numpy as np

    vectorizer = pipeline["vectorizer"]
    labels = pipeline["labels"]
    return {
        "labels": np.array(labels),
        "vocabulary": np.array(vectorizer.get_feature_names_out().tolist()),
        "idf": vectorizer.idf_.astype(np.float64),
        "coef": np.vstack([pipeline["classifiers"][lb].coef_[0] for lb in labels]),
        "intercept": np.array([pipeline["classifiers"][lb].intercept_[0] for lb in labels]),
        "thresholds": np.array([thresholds[lb] for lb in labels], dtype=np.float64),
        "calibration": np.array(calibration, dtype=np.float64),
        "sublinear_tf": np.array(bool(vectorizer.sublinear_tf)),
    }


def versions() -> dict[str, str]:
    import platform

    import numpy
    import scipy
    import sklearn

    return {"python": platform.python_version(), "scikit-learn": sklearn.__version__,
            "numpy": numpy.__version__, "scipy": scipy.__version__}


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def train(out_dir: Path, root: Path | None = None, log=print) -> dict:
    """Train and write the model; BLAS runs on one thread, because the thread count changes
    the fitted coefficients in their last bits, and the bytes must not depend on it."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        return _train(out_dir, root, log)


def training_items(root: Path | None = None) -> list[Item]:
    written = [ex for ex in training.load("sentences", root) if ex.split == "train"]
    written += training.load("boundary", root)  # hard negatives at the catalogue's boundaries
    return written_items(written) + written_evidence_items(root) + real_items(root, "dev")


def _train(out_dir: Path, root: Path | None, log) -> dict:
    import numpy as np

    items = training_items(root)
    real = [item.real for item in items]
    log(f"training on {len(items)} sentences: {len(items) - sum(real)} written, "
        f"{sum(real)} from real dev answers")
    labels = model_labels(items)
    targets = targets_for(items, labels)
    oof = out_of_fold(items, labels)
    probs = 1.0 / (1.0 + np.exp(-oof))
    thresholds = {label: choose_threshold(label, probs[:, j], targets[:, j], real,
                                          [item.knows(label) for item in items])
                  for j, label in enumerate(labels)}
    calibration = calibrate_reported(labels, oof, targets, real, thresholds)
    a, b = calibration
    pipeline = fit(items, labels)
    arrays_bytes = _npz_bytes(export_arrays(pipeline, thresholds, calibration))
    out_dir.mkdir(parents=True, exist_ok=True)
    _write(out_dir / f"{NAME}.npz", arrays_bytes)
    manifest = {
        "name": NAME,
        "arrays_file": f"{NAME}.npz",
        "arrays_sha256": sha256_bytes(arrays_bytes),
        "training_data_sha256": training.data_hash(root),
        "versions": versions(),
        "labels": labels,
        "thresholds": thresholds,
        "calibration": {"a": a, "b": b,
                        "fitted_on": "real out-of-fold sentences the model reports"},
        "features": "critique.model.features.analyze (words, bigrams, shape and context "
                    "tokens); TF-IDF (sublinear, min_df=2); liblinear logistic regression "
                    f"per label, C={C}, balanced; calibrated on real out-of-fold scores",
        "train_sentences": {"written": len(items) - sum(real), "real": sum(real)},
        "out_of_fold": out_of_fold_report(labels, probs, targets, real, thresholds, items,
                                          calibration, oof),
    }
    from critique.evaluation.written import evaluate

    manifest["test_metrics"] = evaluate(root=root, folder=out_dir, manifest=manifest)
    _write(out_dir / MANIFEST, (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode())
    return manifest


def out_of_fold_report(labels, probs, targets, real, thresholds, items, calibration,
                       oof) -> dict:
    """Per label, out-of-fold precision / recall / F1 at its threshold, on real and written
    sentences, and the reliability of reported findings' confidence on real sentences."""
    import numpy as np

    real = np.asarray(real, dtype=bool)
    report: dict = {"labels": {}}
    for j, label in enumerate(labels):
        row = {}
        known = np.asarray([item.knows(label) for item in items], dtype=bool)
        for name, mask in (("real", real), ("written", ~real & known)):
            pred = probs[mask, j] >= thresholds[label]
            p, r, f, n = _prf(pred.tolist(), targets[mask, j].astype(bool).tolist())
            row[name] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
                         "predicted": n, "support": int(targets[mask, j].sum())}
        report["labels"][label] = row
    a, b = calibration
    confidence, right = [], []
    for j, label in enumerate(labels):
        if label.startswith("evidence:"):
            continue
        reported = real & (probs[:, j] >= thresholds[label])
        confidence += (1.0 / (1.0 + np.exp(-(a * oof[reported, j] + b)))).tolist()
        right += targets[reported, j].tolist()
    report["calibration"] = calibration_table(confidence, right)
    return report


def calibration_table(probs, truth, bins: int = 10) -> list[dict]:
    """Reliability: per confidence bin, how many and how often right."""
    import numpy as np

    probs = np.asarray(probs)
    truth = np.asarray(truth)
    rows = []
    for k in range(bins):
        lo, hi = k / bins, (k + 1) / bins
        mask = (probs >= lo) & ((probs < hi) if k < bins - 1 else (probs <= hi))
        if mask.any():
            rows.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": int(mask.sum()),
                         "mean_confidence": round(float(probs[mask].mean()), 3),
                         "right": round(float(truth[mask].mean()), 3)})
    return rows
