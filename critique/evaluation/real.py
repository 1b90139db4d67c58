"""Real answers and their gold labels, linted and matched finding by finding.

An answer is linted as a one-question journal (see `document`), with the role it was
written for.  A finding is right when a gold label of its
slug overlaps the sentence it points at; a gold label is found when a finding of its slug
does.  Answer-scope slugs are right or wrong per answer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from critique.findings import Finding

SENTENCE_SLUGS = ("tool-over-outcome", "fleeing-motivation", "unquantified-impact",
                  "generic-process", "technical-deep-dive", "vague-tech-choice",
                  "accuracy-as-goal", "api-wrapper", "credentials-over-impact",
                  "negative-framing", "hedging", "rambling")
ANSWER_SLUGS = ("missing-tradeoff", "missing-risk-plan", "we-not-i", "off-question")
EVIDENCE = ("decision", "tradeoff", "risk_plan", "ai_feature")


@dataclass
class RealAnswer:
    id: str
    source: str
    split: str
    role: str
    question: str | None
    text: str


@dataclass
class Span:
    slug: str
    start: int
    end: int
    scope: str  # "sentence" or "answer"


@dataclass
class Gold:
    question_type: str
    spans: list[Span] = field(default_factory=list)
    evidence: dict[str, list[tuple[int, int]]] = field(default_factory=dict)


def locate(text: str, quote: str, occurrence: int = 1) -> tuple[int, int] | None:
    start = -1
    for _ in range(max(occurrence, 1)):
        start = text.find(quote, start + 1)
        if start == -1:
            return None
    return start, start + len(quote)


def gold_from_annotation(text: str, row: dict) -> Gold:
    """One annotator's (or the adjudicated) labels as spans of the answer text."""
    gold = Gold(row.get("question_type", "other"))
    for item in row.get("findings", []):
        span = locate(text, item["quote"], item.get("occurrence", 1))
        if span:
            gold.spans.append(Span(item["slug"], *span, "sentence"))
    for item in row.get("answer_findings", []):
        span = locate(text, item.get("anchor_quote") or "") if item.get("anchor_quote") \
            else None
        gold.spans.append(Span(item["slug"], *(span or (0, 0)), "answer"))
    for key, quotes in row.get("evidence", {}).items():
        gold.evidence[key] = [s for s in (locate(text, q) for q in quotes if q) if s]
    return gold


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


@dataclass
class Journal:
    """The file an answer is linted as, and the way back from its offsets to the answer's."""

    name: str
    text: str
    base: int  # where the answer starts in `text`
    starts: list[int]  # where each line of the answer starts in `text`
    removed: list[int]  # how many indenting characters were taken off before each line

    def to_answer(self, offset: int) -> int:
        """An offset in the linted file as an offset in the answer's own text."""
        import bisect

        line = max(bisect.bisect_right(self.starts, offset) - 1, 0)
        return offset - self.base + self.removed[line]


def document(answer: RealAnswer) -> Journal:
    """A one-question Markdown journal: `# question`, then the answer as written, except an
    indentation common to all its lines (an answer cut from a template string or a table
    cell), which Markdown would read as code and a candidate would not have typed."""
    question = " ".join((answer.question or "").split()) or "Answer"
    lines = answer.text.split("\n")
    widths = [len(line) - len(line.lstrip(" \t")) for line in lines if line.strip()]
    indent = min(widths) if widths else 0
    header = f"# {question}\n\n"
    out, starts, removed, taken, at = [], [], [], 0, len(header)
    for line in lines:
        cut = min(indent, len(line) - len(line.lstrip(" \t")))
        starts.append(at)
        taken += cut
        removed.append(taken)
        out.append(line[cut:])
        at += len(line) - cut + 1
    return Journal(f"{answer.id}.md", header + "\n".join(out) + "\n", len(header), starts,
                   removed)


@dataclass
class Mapped:
    """A finding placed in its answer's text: offsets, and the sentence it points at."""

    finding: Finding
    start: int
    end: int
    sentence: tuple[int, int]
    scope: str


def lint(answers: list[RealAnswer], preview: bool = True, model: bool = True,
         classifier=None, role: str | None = None) -> dict[str, list[Mapped]]:
    """Findings per answer id, each mapped back to offsets in the answer's own text."""
    from critique.api import lint_texts
    from critique.config import Settings

    out: dict[str, list[Mapped]] = {}
    by_role: dict[str, list[RealAnswer]] = {}
    for answer in answers:
        by_role.setdefault(role or answer.role, []).append(answer)
    for answer_role, group in sorted(by_role.items()):
        journals = [document(answer) for answer in group]
        items = [(j.name, j.text) for j in journals]
        settings = Settings(role=answer_role, model=model, preview=preview)
        results = lint_texts(items, settings, classifier=classifier)
        for answer, journal, result in zip(group, journals, results):
            out[answer.id] = _mapped(result, journal)
    return out


def _mapped(result, journal: Journal) -> list[Mapped]:
    doc = result.document
    sentences = [(s.start, s.end) for a in doc.answers for s in a.sentences]
    mapped = []
    for finding in result.findings:
        start = doc.offset(finding.line, finding.column)
        end = doc.offset(finding.end_line, finding.end_column)
        around = next(((s, e) for s, e in sentences if s <= start < e), (start, end))
        back = journal.to_answer
        mapped.append(Mapped(finding, back(start), back(end), (back(around[0]), back(around[1])),
                             finding.scope))
    return mapped


def real_root(root: Path | None = None) -> Path:
    from critique.model.data import data_root

    return (root or data_root()) / "real"


def load_answers(root: Path | None = None, split: str | None = None) -> list[RealAnswer]:
    """The committed real answers (training_data/real/answers.jsonl), of one split or all."""
    from critique.model.data import DataError

    path = real_root(root) / "answers.jsonl"
    if not path.is_file():
        from critique.model.data import data_root, missing_data

        raise DataError(missing_data(root or data_root(), "real"))
    answers = [RealAnswer(r["id"], r["source"], r["split"], r["role"], r.get("question"),
                          r["text"]) for r in read_jsonl(path)]
    return [a for a in answers if split is None or a.split == split]


def load_gold(root: Path | None = None, final_only: bool = False) -> dict[str, dict]:
    """Gold label rows by answer id (agreed labels plus adjudicated disagreements)."""
    path = real_root(root) / "labels" / "gold.jsonl"
    if not path.is_file():
        return {}
    return {r["id"]: r for r in read_jsonl(path)
            if not final_only or r.get("status") == "final"}


def gold_spans(answer: RealAnswer, row: dict) -> list[Span]:
    return gold_from_annotation(answer.text, row).spans


def _matches(mapped: Mapped, span: Span) -> bool:
    if mapped.finding.rule != span.slug or mapped.scope != span.scope:
        return False
    if span.scope == "answer":
        return True
    return (span.start < mapped.sentence[1] and mapped.sentence[0] < span.end) or \
        (span.start < mapped.end and mapped.start < span.end)


def score(answers: list[RealAnswer], gold: dict[str, dict], found: dict[str, list[Mapped]],
          keep=lambda mapped: True) -> dict[str, dict]:
    """Per slug: findings, right ones, gold labels, found ones; precision, recall, F1."""
    table: dict[str, dict] = {}

    def row(slug: str) -> dict:
        return table.setdefault(slug, {"findings": 0, "right": 0, "gold": 0, "found": 0})

    for answer in answers:
        spans = gold_spans(answer, gold[answer.id])
        mapped = [m for m in found.get(answer.id, []) if keep(m)]
        for m in mapped:
            r = row(m.finding.rule)
            r["findings"] += 1
            r["right"] += any(_matches(m, s) for s in spans)
        for span in spans:
            r = row(span.slug)
            r["gold"] += 1
            r["found"] += any(_matches(m, span) for m in mapped)
    for r in table.values():
        _rates(r)
    return dict(sorted(table.items()))


def _rates(r: dict) -> dict:
    r["precision"] = round(r["right"] / r["findings"], 3) if r["findings"] else None
    r["recall"] = round(r["found"] / r["gold"], 3) if r["gold"] else None
    p, q = r["precision"] or 0, r["recall"] or 0
    r["f1"] = round(2 * p * q / (p + q), 3) if p + q else 0.0
    return r


def total(table: dict[str, dict], slugs) -> dict:
    r = {"findings": 0, "right": 0, "gold": 0, "found": 0}
    for slug in slugs:
        for key in r:
            r[key] += table.get(slug, {}).get(key, 0)
    return _rates(r)


def evaluate(root: Path | None = None, split: str = "test", classifier=None) -> dict:
    """The real answers of one split: default output, every check, rules alone and the
    model's part, per slug; question-type accuracy; evidence; calibration."""
    from critique.packs import load_rules_cached

    gold = load_gold(root)
    answers = [a for a in load_answers(root, split) if a.id in gold]
    rules = {r.slug: r for r in load_rules_cached(())}
    default = lint(answers, preview=False, classifier=classifier)
    everything = lint(answers, preview=True, classifier=classifier)
    rules_only = lint(answers, preview=True, model=False)
    stable = [slug for slug, rule in rules.items() if not rule.preview]
    report = {
        "split": split, "answers": len(answers),
        "sources": len({a.source for a in answers}),
        "default": score(answers, gold, default),
        "all": score(answers, gold, everything),
        "rules": score(answers, gold, rules_only),
        "model": score(answers, gold, everything,
                       keep=lambda m: m.finding.source in ("model", "both")),
        "preview": sorted(slug for slug, rule in rules.items() if rule.preview),
    }
    report["summary"] = {
        "default": total(report["default"], stable),
        "default_vs_all_gold": total(report["default"],
                                     sorted(set(report["all"]) | set(report["default"]))),
        "all": total(report["all"], sorted(report["all"])),
    }
    report["question_types"] = question_type_accuracy(answers, gold)
    report["calibration"] = calibration(answers, gold, everything)
    return report


def question_type_accuracy(answers: list[RealAnswer], gold: dict[str, dict]) -> dict:
    from critique.questions import question_type

    confusion: dict[str, dict[str, int]] = {}
    right = 0
    for answer in answers:
        want = gold[answer.id].get("question_type")
        got = question_type(answer.question)
        right += got == want
        confusion.setdefault(want, {}).setdefault(got, 0)
        confusion[want][got] += 1
    return {"accuracy": round(right / len(answers), 3) if answers else None,
            "right": right, "answers": len(answers), "confusion": confusion}


def calibration(answers: list[RealAnswer], gold: dict[str, dict],
                found: dict[str, list[Mapped]]) -> list[dict]:
    """Findings the model took part in, by confidence: how often right."""
    bins: dict[int, list[int]] = {}
    for answer in answers:
        spans = gold_spans(answer, gold[answer.id])
        for m in found.get(answer.id, []):
            if m.finding.source in ("model", "both"):
                k = min(int(m.finding.confidence * 10), 9)
                bins.setdefault(k, []).append(int(any(_matches(m, s) for s in spans)))
    return [{"bin": f"{k / 10:.1f}-{(k + 1) / 10:.1f}", "n": len(v),
             "right": round(sum(v) / len(v), 3)} for k, v in sorted(bins.items())]


def evidence_report(root: Path | None = None, split: str = "test") -> dict:
    """Each piece of evidence the answer checks compose, measured sentence by sentence on
    real answers (gold: either annotator's evidence quotes) and on the written evidence
    sentences of the same split: the patterns, the classifier, and both as the checks use
    them (a pattern, or the classifier at the check's threshold)."""
    from critique.api import lint_texts
    from critique.config import Settings
    from critique.model.data import data_root

    tables = _evidence_tables()
    thresholds = _evidence_thresholds()
    gold = load_gold(root)
    answers = [a for a in load_answers(root, split) if a.id in gold]
    real: dict = {}
    journals = [document(a) for a in answers]
    results = lint_texts([(j.name, j.text) for j in journals],
                         Settings(preview=True, select=("missing-tradeoff",)))
    for answer, journal, result in zip(answers, journals, results):
        spans = {key: [s for s in (locate(answer.text, q) for q in quotes) if s]
                 for key, quotes in gold[answer.id].get("evidence", {}).items()}
        for parsed in result.document.answers:
            for sentence in parsed.sentences:
                lo, hi = journal.to_answer(sentence.start), journal.to_answer(sentence.end)
                shown = {label for label, found in spans.items()
                         if any(s < hi and lo < e for s, e in found)}
                _judge(real, tables, thresholds, sentence, shown)
    rows = []
    for path in sorted(((root or data_root()) / "evidence").glob("*.jsonl")):
        rows += [r for r in read_jsonl(path) if r["split"] == split]
    written: dict = {}
    results = lint_texts([(f"evidence-{i}.txt", r["text"]) for i, r in enumerate(rows)],
                         Settings(preview=True, select=("missing-tradeoff",)))
    for row, result in zip(rows, results):
        sentences = [s for parsed in result.document.answers for s in parsed.sentences]
        if sentences:  # one labelled sentence per row; judge the row by its first sentence
            _judge(written, tables, thresholds, sentences[0], set(row["evidence"]))
    return {name: {label: {how: _prf_counts(c) for how, c in hows.items()}
                   for label, hows in sorted(table.items())}
            for name, table in (("real", real), ("written", written))}


def _evidence_tables() -> dict:
    """The evidence tables of the shipped composition rules, by classifier label."""
    from critique.packs import load_rules_cached

    tables: dict = {}
    for rule in load_rules_cached(()):
        for table in (*getattr(rule.check, "requires", ()), *getattr(rule.check, "absent", ())):
            if table.label:
                tables.setdefault(table.label, table)
    return tables


def _judge(counts: dict, tables: dict, thresholds: dict, sentence, shown: set) -> None:
    for label, table in tables.items():
        truth = label in shown
        pattern = bool(table.patterns and table.patterns.search(sentence.text))
        p = sentence.evidence.get(label)
        cut = table.threshold if table.threshold is not None else thresholds.get(label, 0.5)
        model = p is not None and p >= cut
        for how, predicted in (("patterns", pattern), ("model", model),
                               ("both", pattern or model)):
            c = counts.setdefault(label, {}).setdefault(how, {"tp": 0, "fp": 0, "fn": 0})
            c["tp"] += predicted and truth
            c["fp"] += predicted and not truth
            c["fn"] += truth and not predicted


def _evidence_thresholds() -> dict:
    from critique.model.runtime import load_classifier

    classifier = load_classifier()
    if classifier is None:
        return {}
    return {label.split(":", 1)[1]: t for label, t in classifier.thresholds.items()
            if label.startswith("evidence:")}


def _prf_counts(c: dict) -> dict:
    tp, fp, fn = c["tp"], c["fp"], c["fn"]
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    f = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return {"precision": None if p is None else round(p, 3),
            "recall": None if r is None else round(r, 3), "f1": round(f, 3),
            "support": tp + fn, "predicted": tp + fp}
