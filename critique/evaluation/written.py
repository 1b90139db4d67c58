"""The written test split: sentences and answers written for the project from the
catalogue (training_data/sentences and answers), never used for training or tuning.

Per slug, rules alone, the model's findings and the full pipeline, with preview checks on
(every check is measured).  Sentence slugs are scored on each sentence linted on its own,
with its role; answer slugs on whole answers.
"""

from __future__ import annotations

from pathlib import Path

from critique.model import data as training


def prf(pred: list[bool], truth: list[bool]) -> dict:
    tp = sum(p and t for p, t in zip(pred, truth))
    fp = sum(p and not t for p, t in zip(pred, truth))
    fn = sum(t and not p for p, t in zip(pred, truth))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
            "support": sum(truth), "predicted": sum(pred)}


def _classifier(folder: Path | None, manifest: dict | None):
    from critique.model.runtime import load_classifier

    if manifest is None:
        return load_classifier(folder=folder)
    import io

    import numpy as np

    from critique.model.runtime import Classifier, verified_bytes

    data = verified_bytes(folder, manifest, "arrays_file", "arrays_sha256")
    with np.load(io.BytesIO(data), allow_pickle=False) as npz:
        return Classifier({k: npz[k] for k in npz.files}, manifest)


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
        results = lint_texts(items, Settings(role=role, model=model, preview=True),
                             classifier=classifier)
        yield from zip(indices, results)


def rule_predictions(examples, slugs) -> dict[str, list[bool]]:
    """Which examples the rules alone flag, per slug."""
    out = {slug: [False] * len(examples) for slug in slugs}
    for i, result in lint_examples(examples):
        for finding in result.findings:
            if finding.rule in out:
                out[finding.rule][i] = True
    return out


def _answer_model_cv(train_examples) -> dict[str, float]:
    """Out-of-fold F1 of a TF-IDF model on whole answers (train split only)."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_predict

    from critique.model.features import analyze

    texts = [ex.text for ex in train_examples]
    out = {}
    for slug in training.ANSWER_SLUGS:
        y = np.array([slug in ex.slugs for ex in train_examples], dtype=int)
        if y.sum() < 10:
            continue
        from sklearn.pipeline import make_pipeline

        model = make_pipeline(TfidfVectorizer(analyzer=analyze, sublinear_tf=True, min_df=2),
                              LogisticRegression(C=4.0, solver="liblinear",
                                                 class_weight="balanced", random_state=0))
        pred = cross_val_predict(model, texts, y, cv=5)
        out[slug] = prf([bool(p) for p in pred], [bool(t) for t in y])["f1"]
    return out


def evaluate(root: Path | None = None, folder: Path | None = None,
             manifest: dict | None = None) -> dict:
    """Rules alone, the model's findings, and the full shipped pipeline, on `test`."""
    from critique.resources import models_dir

    folder = folder or models_dir()
    sentences = [ex for ex in training.load("sentences", root) if ex.split == "test"]
    rules = rule_predictions(sentences, training.SENTENCE_SLUGS)
    classifier = _classifier(folder, manifest)
    by_model = {slug: [False] * len(sentences) for slug in training.SENTENCE_SLUGS}
    by_both = {slug: [False] * len(sentences) for slug in training.SENTENCE_SLUGS}
    if classifier is not None:
        for i, result in lint_examples(sentences, model=True, classifier=classifier):
            for finding in result.findings:
                if finding.rule in by_both:
                    by_both[finding.rule][i] = True
                    if finding.source in ("model", "both"):
                        by_model[finding.rule][i] = True
    report: dict = {"sentences": {}, "answers": {}, "test_sentences": len(sentences)}
    for slug in training.SENTENCE_SLUGS:
        truth = [slug in ex.slugs for ex in sentences]
        row = {"rules": prf(rules[slug], truth)}
        if classifier is not None and slug in classifier.labels:
            row["model"] = prf(by_model[slug], truth)
            row["both"] = prf(by_both[slug], truth)
        else:
            row["both"] = row["rules"]
        report["sentences"][slug] = row
    try:
        answers = training.load("answers", root)
    except training.DataError:
        answers = []
    if answers:
        test = [ex for ex in answers if ex.split == "test"]
        train = [ex for ex in answers if ex.split == "train"]
        report["test_answers"] = len(test)
        rule_test = rule_predictions(test, training.ANSWER_SLUGS)
        rule_train = rule_predictions(train, training.ANSWER_SLUGS)
        model_cv = _answer_model_cv(train)
        for slug in training.ANSWER_SLUGS:
            truth = [slug in ex.slugs for ex in test]
            report["answers"][slug] = {
                "rules": prf(rule_test[slug], truth),
                "both": prf(rule_test[slug], truth),
                "decision": {
                    "rules_train_f1": prf(rule_train[slug],
                                          [slug in ex.slugs for ex in train])["f1"],
                    "model_train_cv_f1": model_cv.get(slug),
                },
            }
    return report


def macro_f1(report: dict) -> float:
    """Mean F1 of the full pipeline over every slug measured."""
    rows = [row["both"]["f1"] for scope in ("sentences", "answers")
            for row in report.get(scope, {}).values()]
    return round(sum(rows) / len(rows), 3) if rows else 0.0
