"""The real-answer corpus keeps its promises (provenance, licences, a split by writer, gold
labels that point at the text), and its evaluation counts what it says it counts."""

from __future__ import annotations

import json

from critique.evaluation.real import (
    RealAnswer,
    Span,
    _matches,
    gold_from_annotation,
    load_answers,
    load_gold,
    locate,
    score,
)

from conftest import ROOT, run_cli

REAL = ROOT / "training_data" / "real"
FORBIDDEN = {"ashishps1/awesome-behavioral-interviews", "Yas2020/Notes",
             "himanshu911/two-stage-recommender", "saifeemustafaq/mustafa-pm-prep",
             "landedjobs/ai-pm-interview-prep"}
REDISTRIBUTABLE = {"MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "0BSD", "ISC", "CC0-1.0",
                   "CC-BY-3.0", "CC-BY-4.0", "Unlicense"}


def _rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (REAL / name).read_text().splitlines() if line]


def test_every_committed_answer_has_provenance_and_a_licence_that_allows_it():
    sources = {s["repo"]: s for s in _rows("sources.jsonl")}
    answers = _rows("answers.jsonl")
    assert len(answers) >= 250
    for answer in answers:
        source = sources[answer["source"]]
        assert source["licence"] in REDISTRIBUTABLE and source["redistributable"], answer["id"]
        assert len(answer["commit"]) == 40 and answer["path"] and \
            answer["line_start"] <= answer["line_end"], answer["id"]
        assert answer["text"].count("\n") == answer["line_end"] - answer["line_start"]
    for row in _rows("provenance-only.jsonl"):
        assert "text" not in row and "question" not in row
        assert not sources[row["source"]]["redistributable"]
    assert not FORBIDDEN & set(sources)
    licences = (REAL / "LICENSES.md").read_text()
    assert all(repo in licences for repo, s in sources.items() if s["redistributable"])


def test_held_out_answers_are_provenance_only_from_writers_outside_the_corpus():
    """The fresh held-out sets measure transfer to new writers: none of their owners is in
    the corpus, none of their text is committed, and each can be fetched again."""
    corpus_owners = {s["repo"].split("/")[0].lower() for s in _rows("sources.jsonl")}
    rows = _rows("held-out-provenance.jsonl")
    assert len(rows) == len({r["id"] for r in rows})
    for row in rows:
        assert "text" not in row and "question" not in row, row["id"]
        assert row["source"].split("/")[0].lower() not in corpus_owners, row["id"]
        assert row["source"] not in FORBIDDEN
        assert len(row["commit"]) == 40 and row["path"] and \
            row["line_start"] <= row["line_end"], row["id"]


def test_no_writer_is_on_both_sides_of_the_split():
    sides: dict[str, set[str]] = {}
    for row in _rows("answers.jsonl") + _rows("provenance-only.jsonl"):
        sides.setdefault(row["source"].split("/")[0], set()).add(row["split"])
    assert all(len(s) == 1 for s in sides.values())
    assert {"dev", "test"} == set().union(*sides.values())


def test_gold_labels_point_at_the_text_they_label():
    answers = {a.id: a for a in load_answers()}
    gold = load_gold()
    assert set(gold) == set(answers)
    for aid, row in gold.items():
        text = answers[aid].text
        for finding in row["findings"]:
            assert locate(text, finding["quote"], finding.get("occurrence", 1)), (aid, finding)
        assert row["question_type"] and row["status"] == "final"


def test_a_finding_is_right_when_it_points_at_the_labelled_sentence():
    from critique.evaluation.real import Mapped
    from critique.findings import Finding

    answer = RealAnswer("a", "x/y", "test", "general", "Q?",
                        "I guess we shipped it. Then it broke. Maybe it was fine.")
    gold = {"a": {"question_type": "other", "findings": [
        {"slug": "hedging", "quote": "I guess"}, {"slug": "hedging", "quote": "Maybe"}],
        "answer_findings": [{"slug": "missing-tradeoff", "anchor_quote": ""}]}}

    def mapped(rule, start, end, sentence, scope="sentence"):
        finding = Finding("a.md", 1, 1, 1, 2, "C", rule, "info", "m", "s", scope=scope)
        return Mapped(finding, start, end, sentence, scope)

    found = {"a": [mapped("hedging", 0, 7, (0, 22)),          # right: the labelled words
                   mapped("hedging", 23, 27, (23, 37)),       # wrong: nothing labelled there
                   mapped("missing-tradeoff", 0, 22, (0, 22), "answer")]}
    table = score([answer], gold, found)
    assert table["hedging"] == {"findings": 2, "right": 1, "gold": 2, "found": 1,
                                "precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert table["missing-tradeoff"]["precision"] == 1.0
    assert _matches(found["a"][0], Span("hedging", 0, 7, "sentence"))
    assert not _matches(found["a"][0], Span("rambling", 0, 7, "sentence"))


def test_annotations_become_spans():
    gold = gold_from_annotation("Ship it. Ship it.", {
        "question_type": "strategy",
        "findings": [{"slug": "hedging", "quote": "Ship it", "occurrence": 2}],
        "answer_findings": [{"slug": "missing-tradeoff", "anchor_quote": "Ship it."}],
        "evidence": {"decision": ["Ship it."]}})
    assert [(s.slug, s.start, s.end, s.scope) for s in gold.spans] == [
        ("hedging", 9, 16, "sentence"), ("missing-tradeoff", 0, 8, "answer")]
    assert gold.evidence == {"decision": [(0, 8)]}


def test_evaluate_needs_a_checkout_and_says_so(tmp_path):
    result = run_cli("evaluate", "--data", str(tmp_path / "nowhere"))
    assert result.code == 2 and "Traceback" not in result.err
    assert "--data" in result.err and len(result.err.strip().splitlines()) == 1


def test_an_indented_answer_is_linted_as_prose_and_mapped_back_exactly():
    """An answer cut from a template string keeps its indentation in the corpus; Markdown
    would read it as code, so the journal drops the common indent, and every offset maps
    back to the answer's own text."""
    from critique.evaluation.real import document, lint

    text = "      I want to move away from writing code.\n\n      My team is going nowhere."
    answer = RealAnswer("a", "x/y", "test", "general", "Why leave?", text)
    journal = document(answer)
    assert "\n    " not in journal.text
    found = lint([answer], preview=False, model=False)["a"]
    spans = {(m.finding.rule, text[m.start:m.end]) for m in found}
    assert ("fleeing-motivation", "I want to move away from") in spans


def test_train_without_a_checkout_names_data(tmp_path):
    result = run_cli("train", "--data", str(tmp_path / "nowhere"), "--out", str(tmp_path / "m"))
    assert result.code == 2 and "Traceback" not in result.err
    assert "--data" in result.err and len(result.err.strip().splitlines()) == 1
    assert not (tmp_path / "m").exists()
