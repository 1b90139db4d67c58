"""The classifier on the lint path: numpy only, no scikit-learn or scipy import.

Training writes the arrays inference needs (vocabulary, idf, coefficients, thresholds,
calibration) in a plain `.npz` that loads with `allow_pickle=False`, checked against the
sha256 in the manifest before anything is loaded.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections import Counter
from pathlib import Path

from critique.errors import ModelError
from critique.model.features import analyze

MANIFEST = "manifest.json"


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_manifest(folder: Path) -> dict | None:
    path = folder / MANIFEST
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{path}: unreadable model manifest ({exc})") from None


def verified_bytes(folder: Path, manifest: dict, file_key: str, hash_key: str) -> bytes:
    """The bytes of a model file, only if they match the manifest's sha256."""
    name = manifest.get(file_key)
    expected = manifest.get(hash_key)
    if not name or not expected:
        raise ModelError(f"{folder / MANIFEST}: missing key '{file_key}' or '{hash_key}'")
    path = folder / name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ModelError(f"{path}: cannot read model file ({exc.strerror or exc})") from None
    if sha256_bytes(data) != expected:
        raise ModelError(f"{path}: sha256 does not match the manifest; the model file was "
                         "changed or replaced, refusing to load it")
    return data


class Classifier:
    def __init__(self, arrays: dict, manifest: dict) -> None:
        import numpy as np

        self.np = np
        self.labels = [str(x) for x in arrays["labels"]]
        self.vocabulary = {str(term): i for i, term in enumerate(arrays["vocabulary"])}
        self.idf = arrays["idf"]
        self.coef = arrays["coef"]  # (labels, features)
        self.intercept = arrays["intercept"]
        self.thresholds = dict(zip(self.labels, (float(t) for t in arrays["thresholds"])))
        # A reported finding's confidence = sigmoid(a * score + b), fitted on real
        # out-of-fold findings, so one at 0.8 is right about 80% of the time on real answers.
        a, b = (arrays["calibration"] if "calibration" in arrays else (1.0, 0.0))
        self.calibration = (float(a), float(b))
        self.sublinear = bool(arrays["sublinear_tf"])
        self.manifest = manifest

    def probabilities(self, texts: list[str], contexts: list[tuple[str, ...]] | None = None):
        """(n_texts, n_labels) probabilities, as scikit-learn's pipeline computes them.

        Python only counts each text's known features; tf-idf weighting, l2 norms and the
        linear scores are computed for all texts at once with numpy.
        """
        np = self.np
        lookup = self.vocabulary.get
        columns: list[int] = []
        counts: list[int] = []
        owners: list[int] = []
        contexts = contexts or [()] * len(texts)
        for row, (text, where) in enumerate(zip(texts, contexts)):
            found = Counter(map(lookup, analyze(text, where)))
            found.pop(None, None)
            columns.extend(found)
            counts.extend(found.values())
            owners.extend([row] * len(found))
        n = len(texts)
        scores = np.tile(self.intercept, (n, 1)).astype(np.float64)
        if columns:
            cols = np.asarray(columns, dtype=np.intp)
            rows = np.asarray(owners, dtype=np.intp)
            tf = np.asarray(counts, dtype=np.float64)
            if self.sublinear:
                tf = 1.0 + np.log(tf)
            weights = tf * self.idf[cols]
            norms = np.sqrt(np.bincount(rows, weights=weights * weights, minlength=n))
            weights = weights / np.where(norms > 0, norms, 1.0)[rows]
            contributions = self.coef[:, cols] * weights  # (labels, nnz)
            for label in range(scores.shape[1]):
                scores[:, label] += np.bincount(rows, weights=contributions[label], minlength=n)
        return 1.0 / (1.0 + np.exp(-scores))

    def confidence(self, probability: float) -> float:
        """The calibrated confidence of a finding reported at this raw probability."""
        import math

        p = min(max(probability, 1e-12), 1 - 1e-12)
        a, b = self.calibration
        return 1.0 / (1.0 + math.exp(-(a * math.log(p / (1 - p)) + b)))

    def predict(self, texts: list[str], overrides: dict | None = None,
                contexts: list[tuple[str, ...]] | None = None) -> list[list[tuple]]:
        """Per text, the (label, probability) pairs at or above each label's threshold."""
        if not texts:
            return []
        return self.labelled(self.probabilities(texts, contexts), overrides)

    def labelled(self, probs, overrides: dict | None = None) -> list[list[tuple]]:
        thresholds = {**self.thresholds, **{k: v for k, v in (overrides or {}).items()
                                            if k in self.thresholds}}
        np = self.np
        cut = np.asarray([thresholds[label] for label in self.labels])
        out: list[list[tuple]] = [[] for _ in range(len(probs))]
        for row, label in zip(*np.nonzero(probs >= cut)):
            out[row].append((self.labels[label], float(probs[row, label])))
        return out


def load_classifier(warn=None, folder: Path | None = None) -> Classifier | None:
    """The shipped classifier, or None (with one warning) when no model is installed."""
    import numpy as np

    from critique.resources import models_dir

    folder = folder or models_dir()
    manifest = read_manifest(folder)
    missing = None if manifest is None else folder / str(manifest.get("arrays_file", ""))
    if manifest is None or not missing.is_file():
        # No model installed (or its arrays were never copied): the rules still run. A file
        # that is there but does not match its manifest is refused below, never skipped.
        if warn:
            what = f"no classifier found in {folder}" if manifest is None else \
                f"model file {missing} is missing"
            warn(f"{what}; running the rules only")
        return None
    data = verified_bytes(folder, manifest, "arrays_file", "arrays_sha256")
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as npz:
            arrays = {key: npz[key] for key in npz.files}
    except (ValueError, OSError, KeyError) as exc:
        raise ModelError(f"{folder / manifest['arrays_file']}: unusable model arrays ({exc})") \
            from None
    try:
        return Classifier(arrays, manifest)
    except KeyError as exc:
        raise ModelError(f"{folder / manifest['arrays_file']}: missing array {exc}") from None
