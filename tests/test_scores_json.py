"""`--format json-scores`: each answer's score in machine-readable form, while `--format json`
stays exactly the contract."""

from __future__ import annotations

from collections import Counter

from conftest import run_cli

WEAK = "We decided to move from Pinecone to Milvus because of the indexing speed.\n"
STRONG = ("I increased retention by 7% via a new onboarding flow, at the cost of a two-week "
          "delay to the referral work.\n")
JOURNAL = ("# Why this role?\n\nI'm tired of my job and want out. " + WEAK +
           "\n## Tell me about your impact\n\nI think maybe it kind of helped a lot.\n")
CONTRACT = {"path", "line", "column", "end_line", "end_column", "code", "rule", "severity",
            "message", "suggestion", "source", "confidence"}


def test_json_scores_gives_every_answer_its_score_signals_and_counts(tmp_path):
    (tmp_path / "journal.md").write_text(JOURNAL)
    (tmp_path / "strong.txt").write_text("Q: What did you ship?\n" + STRONG)
    result = run_cli("--format", "json-scores", str(tmp_path))
    assert result.code == 1  # the exit status is check's
    rows = result.json()
    journal, strong = str(tmp_path / "journal.md"), str(tmp_path / "strong.txt")
    assert [(r["path"], r["answer"], r["question"], r["line"]) for r in rows] == [
        (journal, 0, "Why this role?", 3), (journal, 1, "Tell me about your impact", 7),
        (strong, 0, "What did you ship?", 2)]
    assert all(set(r) == {"path", "answer", "question", "line", "score", "signals", "words",
                          "counts", "rules"} for r in rows)
    assert rows[2]["signals"] and rows[2]["counts"] == {"error": 0, "warning": 0, "info": 0}
    assert rows[2]["score"] > rows[0]["score"]

    # The scores are the ones the human view prints.
    human = run_cli(str(tmp_path)).out
    for r in rows:
        label = f"{r['path']}: answer {r['answer'] + 1} (line {r['line']})"
        [line] = [ln for ln in human.splitlines() if ln.startswith(label)]
        assert f"score {r['score']}/100" in line

    # The counts are those of --format json's findings, answer by answer.
    findings = run_cli("--format", "json", str(tmp_path)).json()
    for r in rows:
        starts = [o["line"] for o in rows if o["path"] == r["path"]]
        upper = min([s for s in starts if s > r["line"]], default=10**9)
        mine = [f for f in findings if f["path"] == r["path"] and r["line"] <= f["line"] < upper]
        assert r["counts"] == {s: sum(f["severity"] == s for f in mine)
                               for s in ("error", "warning", "info")}
        assert r["rules"] == dict(Counter(f["rule"] for f in mine))


def test_json_keeps_exactly_the_contract(tmp_path):
    (tmp_path / "journal.md").write_text(JOURNAL)
    findings = run_cli("--format", "json", str(tmp_path)).json()
    assert findings and all(set(f) == CONTRACT for f in findings)


def test_json_scores_agrees_with_the_python_api(tmp_path):
    from critique import score_text

    path = tmp_path / "journal.md"
    path.write_text(JOURNAL)
    rows = run_cli("--format", "json-scores", str(path)).json()
    api = score_text(JOURNAL, path=str(path))
    assert [(r["answer"], r["question"], r["line"], r["score"], r["signals"]) for r in rows] == [
        (a["answer"], a["question"], a["line"], a["score"], a["signals"]) for a in api]


def test_a_figure_counts_as_a_quantified_result_only_when_told_as_one():
    """A coach: the strength was credited to answers with no result at all. A figure in the
    question's setup, the Situation or a plan is no result; one told as an outcome is."""
    from critique.api import score_text

    setup = ("Q: Trial-to-paid conversion dropped 8 points. Why?\n"
             "Trials last 30 days and most users are on mobile. I would split the drop by "
             "acquisition channel and by platform before anything else.\n")
    story = ("Q: Tell me about a launch you led.\n"
             "Situation: checkout failed for 12% of mobile users.\n"
             "Action: I rebuilt the payment form.\n"
             "Result: failed checkouts fell to 3% within two weeks.\n")
    situation_only = story.replace("fell to 3% within two weeks", "fell sharply")
    assert "quantified result" not in score_text(setup)[0]["signals"]
    assert "quantified result" in score_text(story)[0]["signals"]
    assert "quantified result" not in score_text(situation_only)[0]["signals"]
    goal = story.replace("failed checkouts fell to 3% within two weeks",
                         "the goal is to get failed checkouts to 3%")
    assert "quantified result" not in score_text(goal)[0]["signals"]
