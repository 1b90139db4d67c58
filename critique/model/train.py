"""Training the sentence classifier, deterministically.

TF-IDF over `features.analyze` and one logistic regression per label (liblinear, fixed
seed).  Per-label thresholds are chosen on out-of-fold predictions of the *train* split
only, to maximise F1 of rules and model combined; the test split is never seen here.
Writes `<name>.joblib` (the scikit-learn objects), `<name>.npz` (plain arrays for the
numpy runtime) and `manifest.json` (hashes, versions, labels, thresholds, metrics).
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from critique.model import data as training
from critique.model.features import analyze
from critique.model.runtime import MANIFEST, sha256_bytes

NAME = "critique-sentences"
C = 4.0
FOLDS = 5
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def _vectorizer():
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer=analyze, sublinear_tf=True, min_df=2, dtype=np.float64)


def _classifier():
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, solver="liblinear", class_weight="balanced", random_state=0,
                              max_iter=1000)


MIN_POSITIVES = 10


def fit(texts: list[str], targets, labels: list[str]) -> dict:
    vectorizer = _vectorizer()
    matrix = vectorizer.fit_transform(texts)
    classifiers = {}
    for j, label in enumerate(labels):
        clf = _classifier()
        clf.fit(matrix, targets[:, j])
        classifiers[label] = clf
    return {"vectorizer": vectorizer, "classifiers": classifiers, "labels": list(labels)}


def learnable_labels(examples) -> list[str]:
    """Labels with enough positives to learn; the others are left to the rules."""
    return [label for label in training.MODEL_LABELS
            if sum(label in ex.slugs for ex in examples) >= MIN_POSITIVES]


def predict_proba(pipeline: dict, texts: list[str]):
    import numpy as np

    matrix = pipeline["vectorizer"].transform(texts)
    return np.column_stack([pipeline["classifiers"][label].predict_proba(matrix)[:, 1]
                            for label in pipeline["labels"]])


def targets_for(examples, labels: list[str]):
    import numpy as np

    return np.array([[1 if label in ex.slugs else 0 for label in labels]
                     for ex in examples], dtype=np.int64)


def _by_role(examples):
    groups: dict[str, list[int]] = {}
    for i, ex in enumerate(examples):
        groups.setdefault(ex.role, []).append(i)
    return sorted(groups.items())


def lint_examples(examples, model: bool = False, classifier=None):
    """Each example linted on its own (with its role and question): (index, FileResult)."""
    from critique.api import lint_texts
    from critique.config import Settings

    for role, indices in _by_role(examples):
        items = []
        for i in indices:
            ex = examples[i]
            text = f"Q: {ex.question}\n{ex.text}" if ex.question else ex.text
            items.append((f"example-{i}.txt", text))
        results = lint_texts(items, Settings(role=role, model=model), classifier=classifier)
        yield from zip(indices, results)


def rule_predictions(examples, slugs) -> dict[str, list[bool]]:
    """Which examples the rules alone flag, per slug."""
    out = {slug: [False] * len(examples) for slug in slugs}
    for i, result in lint_examples(examples):
        for finding in result.findings:
            if finding.rule in out:
                out[finding.rule][i] = True
    return out


def vetoes(examples, slugs) -> dict[str, list[bool]]:
    """Where a rule's "Not it" evidence would veto a model finding, per slug."""
    from critique.engine import vetoed
    from critique.packs import load_rules_cached

    rules = {r.slug: r for r in load_rules_cached(())}
    out = {slug: [False] * len(examples) for slug in slugs}
    for i, result in lint_examples(examples):
        for answer in result.document.answers:
            for sentence in answer.sentences:
                for slug in slugs:
                    if slug in rules and vetoed(rules[slug], answer, sentence.index):
                        out[slug][i] = True
    return out


PRECISION_FLOOR = 0.9


def _best_threshold(probs, truth, rule_flags, vetoed) -> float:
    """The threshold that maximises F1 of (rule or model) on out-of-fold predictions,
    among those that keep the combined precision at or above PRECISION_FLOOR: a false
    positive costs more trust than a miss."""
    scored = []
    for step in range(40, 100):
        t = step / 100
        tp = fp = fn = 0
        for p, y, r, v in zip(probs, truth, rule_flags, vetoed):
            pred = r or (p >= t and not v)
            tp += pred and y
            fp += pred and not y
            fn += (not pred) and y
        precision = tp / (tp + fp) if tp + fp else 0.0
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        scored.append((t, precision, f1))
    safe = [row for row in scored if row[1] >= PRECISION_FLOOR]
    if safe:
        return max(safe, key=lambda row: (row[2], -row[0]))[0]
    return max(scored, key=lambda row: (row[1], row[2]))[0]


def choose_thresholds(train_examples, labels: list[str]) -> dict[str, float]:
    import numpy as np
    from sklearn.model_selection import KFold

    texts = [ex.text for ex in train_examples]
    targets = targets_for(train_examples, labels)
    oof = np.zeros(targets.shape, dtype=np.float64)
    for fit_idx, held_idx in KFold(FOLDS, shuffle=True, random_state=0).split(texts):
        pipeline = fit([texts[i] for i in fit_idx], targets[fit_idx], labels)
        oof[held_idx] = predict_proba(pipeline, [texts[i] for i in held_idx])
    rules = rule_predictions(train_examples, labels)
    vetoed = vetoes(train_examples, labels)
    return {label: _best_threshold(oof[:, j], targets[:, j], rules[label], vetoed[label])
            for j, label in enumerate(labels)}


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


def export_arrays(pipeline: dict, thresholds: dict[str, float]) -> dict:
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
        "sublinear_tf": np.array(bool(vectorizer.sublinear_tf)),
    }


def versions() -> dict[str, str]:
    import platform

    import joblib
    import numpy
    import scipy
    import sklearn

    return {"python": platform.python_version(), "scikit-learn": sklearn.__version__,
            "numpy": numpy.__version__, "scipy": scipy.__version__, "joblib": joblib.__version__}


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


def _train(out_dir: Path, root: Path | None, log) -> dict:
    import joblib

    examples = training.load("sentences", root)
    train_examples = [ex for ex in examples if ex.split == "train"]
    log(f"training on {len(train_examples)} sentences ({len(examples) - len(train_examples)} "
        "held out for evaluation)")
    labels = learnable_labels(train_examples)
    thresholds = choose_thresholds(train_examples, labels)
    pipeline = fit([ex.text for ex in train_examples], targets_for(train_examples, labels),
                   labels)
    buffer = io.BytesIO()
    joblib.dump(pipeline, buffer, compress=3)
    model_bytes = buffer.getvalue()
    arrays_bytes = _npz_bytes(export_arrays(pipeline, thresholds))
    out_dir.mkdir(parents=True, exist_ok=True)
    _write(out_dir / f"{NAME}.joblib", model_bytes)
    _write(out_dir / f"{NAME}.npz", arrays_bytes)
    manifest = {
        "name": NAME,
        "model_file": f"{NAME}.joblib",
        "model_sha256": sha256_bytes(model_bytes),
        "arrays_file": f"{NAME}.npz",
        "arrays_sha256": sha256_bytes(arrays_bytes),
        "training_data_sha256": training.data_hash(root),
        "versions": versions(),
        "labels": labels,
        "thresholds": thresholds,
        "features": "critique.model.features.analyze; TF-IDF (sublinear, min_df=2); "
                    f"liblinear logistic regression per label, C={C}, balanced",
        "train_sentences": len(train_examples),
    }
    from critique.model.evaluate import evaluate

    manifest["test_metrics"] = evaluate(root=root, folder=out_dir, manifest=manifest)
    _write(out_dir / MANIFEST, (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode())
    return manifest
