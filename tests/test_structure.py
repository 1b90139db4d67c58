"""Reading an answer's structure: STAR sections, kinds of sentence, mood, the question's
type and premise, and what the checks do with them."""

from __future__ import annotations

import pytest

from critique import lint_text
from critique.api import lint_texts
from critique.config import Settings
from critique.questions import premise, question_type
from critique.structure import mood


def _sentences(text: str, path: str = "a.md"):
    result = lint_texts([(path, text)], Settings(model=False))[0]
    return [s for answer in result.document.answers for s in answer.sentences]


STAR = """## Tell me about a time you cut scope to ship on time.

**Situation:** Our churn had risen sharply that quarter.

**Task:** I owned the retention roadmap.

**Action:**

- I cut the referral feature and shipped the onboarding fix first.

### Result

Activation rose from 52% to 61%.
"""


def test_star_labels_become_sections_and_leave_the_prose():
    by_text = {s.text: s.section for s in _sentences(STAR)}
    assert by_text == {
        "Our churn had risen sharply that quarter.": "situation",
        "I owned the retention roadmap.": "task",
        "I cut the referral feature and shipped the onboarding fix first.": "action",
        "Activation rose from 52% to 61%.": "result",
    }


def test_inline_letter_labels_and_a_lone_answer_marker():
    text = "Q: A conflict?\n(S) We disagreed on scope. (T) I owned the plan. (A) I wrote both options.\n"
    assert [s.section for s in _sentences(text, "a.txt")] == ["situation", "task", "action"]
    lone = _sentences("A: I think we should launch.\n", "a.txt")
    assert [(s.text, s.section) for s in lone] == [("I think we should launch.", None)]


def test_label_columns_stay_exact():
    text = "**Result:** We significantly improved retention for premium users.\n"
    finding = next(f for f in lint_text(text, path="a.md") if f.rule == "unquantified-impact")
    assert text[finding.column - 1:].startswith("significantly improved")


def test_scene_setting_is_not_an_impact_claim():
    situation = "**Situation:** Churn had dramatically increased among new users.\n"
    result = "**Result:** We dramatically increased activation among new users.\n"
    assert "unquantified-impact" not in {f.rule for f in lint_text(situation, path="a.md")}
    assert "unquantified-impact" in {f.rule for f in lint_text(result, path="a.md")}


def test_list_intros_signposts_and_titles_are_not_claims():
    text = """## How would you grow activation?

Here's how I would approach it:

I would use A/B testing and user interviews:

- Interview ten churned sellers from the March cohort.
"""
    kinds = {s.text: s.kind for s in _sentences(text)}
    assert kinds["Here's how I would approach it:"] == "intro"
    assert kinds["I would use A/B testing and user interviews:"] == "intro"
    assert "generic-process" not in {f.rule for f in lint_text(text, path="a.md")}
    bare = "I would use A/B testing and user interviews."
    assert "generic-process" in {f.rule for f in lint_text(bare)}


def test_a_bold_lead_in_is_its_own_sentence():
    text = ("- **Talk to churned users:** Dashboards show what is declining, not why it is, "
            "and only the users can say.\n")
    assert [s.text for s in _sentences(text)] == [
        "Talk to churned users:",
        "Dashboards show what is declining, not why it is, and only the users can say."]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("I'd ship it to 5% of traffic first.", "hypothetical"),
    ("We shipped it to everyone in May.", "past"),
    ("The new flow made onboarding much faster.", "past"),
    ("Retention is the metric that matters here.", "present"),
    ("I decided we would launch in March.", "past"),
    # A result bullet opens on its verb; a past passive is a story too.
    ("Reduced test execution time significantly, improving developer velocity", "past"),
    ("Misunderstandings decreased and rework was significantly reduced.", "past"),
    ("The integration of data into the SQL database reduced errors.", "past"),
    ("Trained models drift over time.", "present"),
    ("The data is labeled by annotators.", "present"),
    # "When" opens a plan or a story, as its verb says; "let us know" is no "let us".
    ("When the model drifts, we'd retrain it on last week's data.", "hypothetical"),
    ("When the integration needed more testing, we delayed the redesign.", "past"),
    ("Then the operations team let us know the glass was different, and we retrained.", "past"),
])
def test_mood(sentence, expected):
    assert mood(sentence) == expected


@pytest.mark.parametrize(("question", "expected"), [
    ("Why do you want to leave your current job?", "motivation"),
    ("Tell me about yourself.", "motivation"),
    ("Tell me about a time you disagreed with your manager.", "behavioral"),
    ("How do you handle scope changes mid-sprint?", "behavioral"),
    ("Estimate the number of piano tuners in Chicago.", "estimation"),
    ("Design a recommendation system for a news feed.", "ml-system-design"),
    ("How would you measure the success of Instagram Stories?", "metrics"),
    ("Should Uber enter the grocery delivery market?", "strategy"),
    ("How would you improve Google Maps for cyclists?", "product-design"),
    ("What is overfitting?", "technical"),
    # Choosing a metric is no motive; real questions ask for stories and data in these words.
    ("Which metric would you pick for the launch, and why would you choose this metric?",
     "metrics"),
    ("Give me an example of when you pushed back on a deadline.", "behavioral"),
    ("How have you handled an underperforming teammate?", "behavioral"),
    ("Signups were flat last week. What data would you look at first?", "metrics"),
    ("How would you decide whether to open-source the model?", "strategy"),
    ("Favourite snack?", "other"),
    (None, "unknown"),
])
def test_question_types(question, expected):
    assert question_type(question) == expected


def test_the_question_premise_is_not_a_credential():
    question = "Q: You're the head of product at Acme. How would you grow retention?\n"
    answer = "As the head of product, I know retention is won in the first week."
    assert premise("You're the head of product at Acme.") == ("head of product",)
    assert "credentials-over-impact" not in {f.rule for f in lint_text(question + answer)}
    assert "credentials-over-impact" in {f.rule for f in lint_text(answer)}


def test_section_titles_of_a_design_answer_stay_in_its_answer():
    text = """# Design a ranking system for a job board.

## Clarify requirements

We rank jobs for 2M daily searchers.

## Design the model

A two-tower model trained on applications.

## How would you evaluate it?

Offline NDCG, then an A/B test on applications per search.
"""
    result = lint_texts([("a.md", text)], Settings(model=False))[0]
    questions = [a.question for a in result.document.answers]
    assert questions == ["Design a ranking system for a job board.", "How would you evaluate it?"]


def test_a_file_with_nothing_to_check_says_so(tmp_path):
    from conftest import run_cli

    path = tmp_path / "a.md"
    path.write_text("# Why this role?\n\n      I want to move away from writing code.\n")
    result = run_cli(str(path))
    assert result.code == 0 and "no answer text to check" in result.err
    assert "indented four spaces" in result.err


def test_strengths_need_the_words_that_earn_them():
    from critique import score_text

    weighed = score_text("Q: Plan?\nI'd ship search first, at the cost of delaying alerts.")[0]
    listed = score_text("Q: Plan?\nI'd compare search versus alerts and consider both.")[0]
    assert "named trade-off" in weighed["signals"] and "named trade-off" not in listed["signals"]
    measured = score_text("Q: Result?\nRetention rose from 41% to 48% after the change.")[0]
    named = score_text("Q: Result?\nThe change was about retention and engagement.")[0]
    assert "user or business outcome" in measured["signals"]
    assert "user or business outcome" not in named["signals"]
