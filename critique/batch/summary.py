"""Per-submission records and the cohort summary, as plain JSON-ready data.

Every writer (terminal, CSV, JSON, HTML) reads these dicts, so they all agree.
"""

from __future__ import annotations

import statistics
from collections import Counter
from typing import Any

from critique.batch.sources import one_line
from critique.findings import SEVERITY_RANK
from critique.reading.mask import question_text

TOP_FINDINGS = 3
NO_QUESTION = "(no question given)"


def _question_key(question: str | None) -> str:
    """Group `## Q: Why?` headings with `Q: Why?` lines and CSV `Why?` cells."""
    if not question:
        return NO_QUESTION
    return one_line(question_text(question) or question)


def submission_record(submission, results: list[dict | None]) -> dict[str, Any]:
    """One submission: score, counts per slug, findings (line numbers per answer text)."""
    answers: list[dict] = []
    findings: list[dict] = []
    errors: list[str] = []
    for piece, result in zip(submission.pieces, results):
        if piece.error is not None:
            errors.append(piece.error)
            continue
        if result.get("error"):
            errors.append(f"{piece.location}: {result['error']}")
            continue
        shift = piece.line_offset
        at: dict[int, dict] = {}  # the engine's answer index -> our answer record
        for a in result["answers"]:
            at[a["index"]] = {"question": _question_key(piece.question or a["question"]),
                              "location": piece.location, "line": max(1, a["line"] - shift),
                              "score": a["score"], "signals": a["signals"],
                              "words": a["words"], "rules": []}
            answers.append(at[a["index"]])
        for f in result["findings"]:
            answer = at.get(f["answer"])
            finding = {k: v for k, v in f.items() if k != "answer"}
            finding.update(line=max(1, f["line"] - shift), end_line=max(1, f["end_line"] - shift),
                           question=answer["question"] if answer else NO_QUESTION,
                           location=piece.location)
            if answer is not None and f["rule"] not in answer["rules"]:
                answer["rules"].append(f["rule"])
            findings.append(finding)
    scores = [a["score"] for a in answers]
    ranked = sorted(range(len(findings)),
                    key=lambda i: (-SEVERITY_RANK[findings[i]["severity"]], i))
    return {
        "id": submission.id,
        "location": submission.location,
        "score": round(sum(scores) / len(scores), 1) if scores else None,
        "answer_count": len(answers),
        "finding_count": len(findings),
        "counts": dict(sorted(Counter(f["rule"] for f in findings).items())),
        "top_findings": [findings[i] for i in ranked[:TOP_FINDINGS]],
        "findings": findings,
        "answers": answers,
        "error": "; ".join(errors) or None,
    }


def _round(value: float) -> float:
    return round(float(value), 1)


def distribution(scores: list[float]) -> dict[str, Any] | None:
    """Min, quartiles (inclusive method, like a spreadsheet's QUARTILE), mean, max."""
    if not scores:
        return None
    if len(scores) == 1:
        q1 = median = q3 = scores[0]
    else:
        q1, median, q3 = statistics.quantiles(scores, n=4, method="inclusive")
    return {"count": len(scores), "min": _round(min(scores)), "q1": _round(q1),
            "median": _round(median), "mean": _round(statistics.fmean(scores)),
            "q3": _round(q3), "max": _round(max(scores))}


def histogram(scores: list[float]) -> list[dict[str, int]]:
    """Ten bins of ten points: 0-9.9, 10-19.9, ..., 90-100 (the last one holds 100)."""
    counts = [0] * 10
    for score in scores:
        counts[min(9, max(0, int(score // 10)))] += 1
    return [{"from": 10 * i, "to": 10 * i + 10, "count": n} for i, n in enumerate(counts)]


def cohort_summary(records: list[dict], slugs: list[str]) -> dict[str, Any]:
    """Score distribution, prevalence of each slug, and the most common problem per question.

    Prevalence is the share of linted submissions (those without a read error) that show
    the slug at least once; the most common problem of a question is the slug found in the
    most answers to it (ties: the more severe finding first, then the slug's name).
    """
    scores = [r["score"] for r in records if r["score"] is not None]
    linted = [r for r in records if r["error"] is None]
    known = list(dict.fromkeys([*slugs, *(s for r in records for s in r["counts"])]))
    shown = Counter(slug for r in linted for slug in r["counts"])
    base = len(linted)
    prevalence = sorted(({"rule": slug, "submissions": shown[slug],
                          "share": round(shown[slug] / base, 4) if base else 0.0}
                         for slug in known), key=lambda p: (-p["submissions"], p["rule"]))
    severity: dict[str, int] = {}
    for r in records:
        for f in r["findings"]:
            severity[f["rule"]] = max(severity.get(f["rule"], 0), SEVERITY_RANK[f["severity"]])
    questions: dict[str, dict] = {}
    for r in records:
        for a in r["answers"]:
            q = questions.setdefault(a["question"], {"question": a["question"], "scores": [],
                                                     "rules": Counter()})
            q["scores"].append(a["score"])
            q["rules"].update(a["rules"])
    per_question = []
    for q in questions.values():
        top = None
        if q["rules"]:
            slug, count = min(q["rules"].items(),
                              key=lambda kv: (-kv[1], -severity.get(kv[0], 0), kv[0]))
            top = {"rule": slug, "answers": count, "share": round(count / len(q["scores"]), 4)}
        per_question.append({"question": q["question"], "answers": len(q["scores"]),
                             "mean_score": _round(statistics.fmean(q["scores"])),
                             "top_problem": top})
    return {
        "submissions": len(records),
        "scored": len(scores),
        "errors": sum(1 for r in records if r["error"] is not None),
        "unanswered": sum(1 for r in records if r["error"] is None and not r["answer_count"]),
        "score": distribution(scores),
        "histogram": histogram(scores),
        "prevalence": prevalence,
        "questions": per_question,
    }


def rule_catalogue(settings_list) -> list[dict[str, str]]:
    """The rules of every configuration used, by code: the columns of the CSV."""
    from critique.packs import load_rules_cached

    rules: dict[str, Any] = {}
    for rule_paths in sorted({s.rule_paths for s in settings_list} or {()}):
        for rule in load_rules_cached(rule_paths):
            rules.setdefault(rule.slug, rule)
    return [{"rule": r.slug, "code": r.code, "message": r.message}
            for r in sorted(rules.values(), key=lambda r: (r.code, r.slug))]


def build_report(records: list[dict], settings_list) -> dict[str, Any]:
    from critique import __version__

    rules = rule_catalogue(settings_list)
    return {"tool": "critique", "version": __version__, "rules": rules,
            "submissions": records,
            "cohort": cohort_summary(records, [r["rule"] for r in rules])}
