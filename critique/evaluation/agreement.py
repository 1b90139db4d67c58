"""How far the two blind annotators agreed, per slug, before adjudication.

Units: for a sentence-scope slug, each sentence of each answer (as the linter segments it):
an annotator marks it when one of their quotes of that slug overlaps it.  For an
answer-scope slug, and for the question type, each answer.  Reported per slug: Cohen's
kappa, positive agreement (2a / (2a + b + c): how often a label one annotator gave, the
other gave too) and the counts.
"""

from __future__ import annotations

from pathlib import Path

from critique.evaluation.real import (
    ANSWER_SLUGS,
    SENTENCE_SLUGS,
    document,
    gold_from_annotation,
    load_answers,
    read_jsonl,
    real_root,
)


def _kappa(pairs: list[tuple[bool, bool]]) -> dict:
    n = len(pairs)
    a = sum(x and y for x, y in pairs)
    b = sum(x and not y for x, y in pairs)
    c = sum(y and not x for x, y in pairs)
    d = n - a - b - c
    po = (a + d) / n if n else 0.0
    pe = (((a + b) * (a + c)) + ((c + d) * (b + d))) / (n * n) if n else 0.0
    if not a + b + c:  # neither annotator used the label: nothing to agree on
        return {"kappa": None, "positive_agreement": None, "both": 0, "only_a": 0,
                "only_b": 0, "units": n}
    kappa = (po - pe) / (1 - pe) if pe < 1 else 1.0
    return {"kappa": round(kappa, 3), "positive_agreement": round(2 * a / (2 * a + b + c), 3),
            "both": a, "only_a": b, "only_b": c, "units": n}


def agreement(root: Path | None = None) -> dict:
    from critique.api import lint_texts
    from critique.config import Settings

    rows = read_jsonl(real_root(root) / "labels" / "annotations.jsonl")
    by_id: dict[str, dict[str, dict]] = {}
    for row in rows:
        by_id.setdefault(row["id"], {})[row["annotator"]] = row
    answers = [a for a in load_answers(root) if len(by_id.get(a.id, {})) == 2]
    journals = [document(a) for a in answers]
    results = lint_texts([(j.name, j.text) for j in journals],
                         Settings(model=False, select=("rambling",)))
    sentence_pairs: dict[str, list] = {slug: [] for slug in SENTENCE_SLUGS}
    answer_pairs: dict[str, list] = {slug: [] for slug in (*ANSWER_SLUGS, "rambling")}
    types: list[tuple[str, str]] = []
    for answer, journal, result in zip(answers, journals, results):
        first, second = (gold_from_annotation(answer.text, by_id[answer.id][w])
                         for w in sorted(by_id[answer.id]))
        types.append((first.question_type, second.question_type))
        units = [(journal.to_answer(s.start), journal.to_answer(s.end))
                 for parsed in result.document.answers for s in parsed.sentences]
        for slug in SENTENCE_SLUGS:
            for lo, hi in units:
                marks = [any(s.slug == slug and s.scope == "sentence" and s.start < hi and
                             lo < s.end for s in g.spans) for g in (first, second)]
                sentence_pairs[slug].append(tuple(marks))
        for slug in answer_pairs:
            answer_pairs[slug].append(tuple(any(s.slug == slug and s.scope == "answer"
                                                for s in g.spans) for g in (first, second)))
    labels = sorted({t for pair in types for t in pair})
    po = sum(x == y for x, y in types) / len(types) if types else 0.0
    pe = sum((sum(x == lab for x, _ in types) / len(types)) *
             (sum(y == lab for _, y in types) / len(types)) for lab in labels) if types else 0.0
    return {
        "answers": len(answers),
        "sentence": {slug: _kappa(p) for slug, p in sentence_pairs.items()},
        "answer": {slug: _kappa(p) for slug, p in answer_pairs.items()},
        "question_type": {"agreement": round(po, 3),
                          "kappa": round((po - pe) / (1 - pe), 3) if pe < 1 else 1.0},
    }
