"""Real answers as training examples: every sentence of the real *dev* answers, as the
linter sees it (with its context), labelled from the gold labels that overlap it.

Most real sentences are clean, and training sees them in that proportion: the model learns
what ordinary scene-setting, plans and results look like, not only the catalogue's
blatant cases.  The test split is never read here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from critique.model.data import MODEL_LABELS
from critique.model.features import sentence_context

EVIDENCE_LABELS = ("decision", "tradeoff", "risk_plan", "ai_feature")


@dataclass(frozen=True)
class Item:
    """One sentence to learn from: its text, its context tokens, its labels, and the group
    (the source repository) that keeps a writer's sentences in one cross-validation fold."""

    text: str
    context: tuple[str, ...]
    labels: frozenset[str]
    group: str
    real: bool
    # Which label families this sentence was labelled for: "slugs", "evidence" or both. A
    # written slug sentence says nothing about evidence, so it never teaches evidence.
    families: frozenset[str] = frozenset({"slugs", "evidence"})

    def knows(self, label: str) -> bool:
        return ("evidence" if label.startswith("evidence:") else "slugs") in self.families


def real_items(root: Path | None = None, split: str = "dev") -> list[Item]:
    """The sentences of the committed real answers of `split` that have gold labels."""
    from critique.api import lint_texts
    from critique.config import Settings
    from critique.evaluation.real import document, load_answers, load_gold, locate

    gold = load_gold(root)
    answers = [a for a in load_answers(root, split) if a.id in gold]
    items: list[Item] = []
    by_role: dict[str, list] = {}
    for answer in answers:
        by_role.setdefault(answer.role, []).append(answer)
    for role in sorted(by_role):
        group = by_role[role]
        journals = [document(a) for a in group]
        results = lint_texts([(j.name, j.text) for j in journals],
                             Settings(role=role, model=False, select=("rambling",)))
        for answer, journal, result in zip(group, journals, results):
            row = gold[answer.id]
            spans = []
            for f in row.get("findings", []):
                span = locate(answer.text, f["quote"], f.get("occurrence", 1))
                if span and f["slug"] in MODEL_LABELS:
                    spans.append((f["slug"], span))
            for key, quotes in row.get("evidence", {}).items():
                for quote in quotes:
                    span = locate(answer.text, quote)
                    if span and key in EVIDENCE_LABELS:
                        spans.append((f"evidence:{key}", span))
            for parsed in result.document.answers:
                for i, sentence in enumerate(parsed.sentences):
                    start = journal.to_answer(sentence.start)
                    end = journal.to_answer(sentence.end)
                    labels = frozenset(label for label, (s, e) in spans if s < end and start < e)
                    items.append(Item(sentence.text, sentence_context(parsed, i), labels,
                                      answer.source, True))
    return items


def alone_context(text: str, question: str | None = None) -> tuple[str, ...]:
    """The context the linter gives a sentence linted on its own: no section, no neighbour."""
    from critique.model.features import context
    from critique.questions import question_type
    from critique.structure import agent, kind_of_text, mood

    return context(None, kind_of_text(text), mood(text), agent(text), question_type(question),
                   None)


def written_items(examples) -> list[Item]:
    """The written slug sentences (training_data/sentences), labelled for slugs only."""
    return [Item(ex.text, alone_context(ex.text, ex.question), frozenset(ex.slugs),
                 f"written-{i % 5}", False, frozenset({"slugs"}))
            for i, ex in enumerate(examples)]


def written_evidence_items(root: Path | None = None, split: str = "train") -> list[Item]:
    """The written evidence sentences (training_data/evidence), labelled for evidence only."""
    from critique.jsonlines import objects
    from critique.model.data import DataError, data_root

    out = []
    for path in sorted(((root or data_root()) / "evidence").glob("*.jsonl")):
        for _, row in objects(path.read_text(encoding="utf-8"), str(path), DataError):
            if row["split"] == split:
                labels = frozenset(f"evidence:{e}" for e in row["evidence"])
                out.append(Item(row["text"], alone_context(row["text"]), labels,
                                f"evidence-{len(out) % 5}", False, frozenset({"evidence"})))
    return out
