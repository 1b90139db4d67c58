"""Evaluation on the held-out `test` split: per slug, rules alone, model alone, both.

Sentence slugs are scored on `training_data/sentences` (each sentence linted on its own,
with its role); answer slugs on `training_data/answers`.  For the answer slugs the model
column is a measurement, not a shipped path: a TF-IDF model's out-of-fold F1 on the
*train* split next to the rules' F1 on the same split is what decided rules vs model.
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
    from critique.model.train import lint_examples, rule_predictions
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


def print_table(report: dict, stream) -> None:
    from rich.table import Table

    from critique.report.human import console_for

    def cell(m: dict | None) -> str:
        if not m:
            return "-"
        return f"{m['precision']:.2f} / {m['recall']:.2f} / {m['f1']:.2f}"

    table = Table(title="critique evaluate: test split (precision / recall / F1)")
    for column in ("slug", "scope", "support", "rules", "model", "rules + model"):
        table.add_column(column)
    for scope in ("sentences", "answers"):
        for slug, row in report.get(scope, {}).items():
            table.add_row(slug, scope[:-1], str(row["rules"]["support"]), cell(row["rules"]),
                          cell(row.get("model")), cell(row.get("both")))
    console = console_for(stream)
    console.print(table)
    decisions = {s: r["decision"] for s, r in report.get("answers", {}).items()}
    if decisions:
        console.print("Answer-scope checks: rules vs a TF-IDF answer model, F1 on the train "
                      "split (model out-of-fold):")
        for slug, d in decisions.items():
            model = "-" if d["model_train_cv_f1"] is None else f"{d['model_train_cv_f1']:.2f}"
            console.print(f"  {slug}: rules {d['rules_train_f1']:.2f}, model {model}")
