"""The classifier on the lint path: numpy only, no scikit-learn or scipy import.

Training writes, next to the joblib pipeline, the arrays inference needs (vocabulary,
idf, coefficients, thresholds) in a plain `.npz` that loads with `allow_pickle=False`.
Both files are checked against the sha256 in the manifest before anything is loaded.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
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
        self.idf = arrays["idf"].tolist()  # a list: indexing numpy per feature is slow
        self.coef = arrays["coef"]  # (labels, features)
        self.intercept = arrays["intercept"]
        self.thresholds = dict(zip(self.labels, (float(t) for t in arrays["thresholds"])))
        self.sublinear = bool(arrays["sublinear_tf"])
        self.manifest = manifest

    def features(self, text: str) -> tuple[list[int], list[float]]:
        """Column indices and l2-normalised tf-idf weights, as scikit-learn computes them."""
        counts: dict[int, int] = {}
        vocabulary = self.vocabulary
        for feature in analyze(text):
            index = vocabulary.get(feature)
            if index is not None:
                counts[index] = counts.get(index, 0) + 1
        columns = sorted(counts)
        idf = self.idf
        weights = [((1.0 + math.log(counts[c])) if self.sublinear else counts[c]) * idf[c]
                   for c in columns]
        norm = math.sqrt(sum(w * w for w in weights))
        if norm > 0:
            weights = [w / norm for w in weights]
        return columns, weights

    def probabilities(self, texts: list[str]):
        """(n_texts, n_labels) probabilities, scored for all texts in one numpy pass."""
        np = self.np
        columns: list[int] = []
        weights: list[float] = []
        owners: list[int] = []
        for row, text in enumerate(texts):
            cols, ws = self.features(text)
            columns.extend(cols)
            weights.extend(ws)
            owners.extend([row] * len(cols))
        scores = np.tile(self.intercept, (len(texts), 1)).astype(np.float64)
        if columns:
            contributions = self.coef[:, columns] * np.asarray(weights)  # (labels, nnz)
            for label in range(scores.shape[1]):
                np.add.at(scores[:, label], owners, contributions[label])
        return 1.0 / (1.0 + np.exp(-scores))

    def predict(self, texts: list[str], overrides: dict | None = None) -> list[list[tuple]]:
        """Per text, the (slug, probability) pairs at or above each slug's threshold."""
        if not texts:
            return []
        thresholds = {**self.thresholds, **{k: v for k, v in (overrides or {}).items()
                                            if k in self.thresholds}}
        cut = self.np.asarray([thresholds[label] for label in self.labels])
        probs = self.probabilities(texts)
        out = []
        for row in probs:
            hits = self.np.nonzero(row >= cut)[0]
            out.append([(self.labels[i], float(row[i])) for i in hits])
        return out


def load_classifier(warn=None, folder: Path | None = None) -> Classifier | None:
    """The shipped classifier, or None (with one warning) when no model is installed."""
    import numpy as np

    from critique.resources import models_dir

    folder = folder or models_dir()
    manifest = read_manifest(folder)
    if manifest is None:
        if warn:
            warn(f"no classifier found in {folder}; running the rules only")
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
