"""How files become answers: questions, answers and what is never linted."""

from __future__ import annotations

import pytest

from critique.errors import InputError
from critique.reading import parse
from critique.reading.source import decode


def answers(path, text):
    doc = parse(path, text)
    return [(a.question, a.question_line,
             [doc.analysis[s:e].strip() for s, e in a.blocks]) for a in doc.answers]


def test_txt_first_line_question():
    got = answers("a.txt", "Q: Why PM?\nI like users.\n\n- Bullet one\n")
    assert got == [("Why PM?", 1, ["I like users.", "Bullet one"])]


def test_txt_without_question_is_one_answer():
    got = answers("a.txt", "Question is what I ask.\nQ: not a question line here\n")
    assert got[0][0] is None and len(got) == 1


def test_markdown_headings_and_q_lines_start_questions():
    text = ("# Journal\n\nIntro.\n\n## Why leave?\n\nBecause.\n\n"
            "**Q:** How to launch?\n**A:** Carefully.\n\nQuestion: Unanswered?\n\n"
            "Question: Setext?\nYes.\n\nTitle\n=====\n\nBody.\n")
    got = answers("j.md", text)
    # "# Journal" has deeper headings under it and is not a question: a section title, so
    # its intro is notes, not an answer; a question with no answer has nothing to lint.
    assert [(q, line) for q, line, _ in got] == [
        ("Why leave?", 5), ("How to launch?", 9), ("Setext?", 14), ("Title", 17)]
    assert got[1][2] == ["Carefully."]


def test_markdown_masks_markup_but_keeps_length():
    text = "# Q\n\nSee **bold** and [text](http://x.y/z) with `code` <b>tag</b>.\n"
    doc = parse("j.md", text)
    assert len(doc.analysis) == len(text)
    body = doc.analysis.split("\n")[2]
    assert "http" not in body and "code" not in body and "**" not in body and "<b>" not in body
    assert "bold" in body and "text" in body


def test_decode_errors_name_the_byte():
    with pytest.raises(InputError, match=r"not valid UTF-8 at byte 3 \(line 1\)"):
        decode(b"abc\xff", "x.txt")
    with pytest.raises(InputError, match="binary"):
        decode(b"\x00\x01\x02", "x.txt")


def test_q_prefix_inside_a_heading_is_not_part_of_the_question():
    assert answers("j.md", "## Q: Why this role?\n\nBecause.\n")[0][0] == "Why this role?"


def test_star_subsections_belong_to_their_question():
    text = ("# Week 3\n\nNotes.\n\n## Tell me about a time you failed.\n\n### Situation\n\n"
            "We launched late.\n\n### Result\n\nI learned.\n\n## Weaknesses\n\nI overcommit.\n")
    assert answers("j.md", text) == [
        ("Tell me about a time you failed.", 5, ["We launched late.", "I learned."]),
        ("Weaknesses", 15, ["I overcommit."]),
    ]


def test_a_design_answer_asking_itself_questions_stays_one_answer():
    """Sub-headings that ask the answer's own questions are sections; a follow-up put to the
    candidate opens an answer, and the sections after it stay in that answer."""
    text = ("# Design a recommender.\n\n## Step 1\n\nClarify.\n\n### Why two stages?\n\n"
            "Cost.\n\n## Stage 1\n\n### Approach A\n\nTwo towers.\n\n"
            "## How would you measure success?\n\nCTR.\n\n### Offline\n\nNDCG.\n\n"
            "# Why us?\n\nThe mission.\n")
    assert [(q, line, blocks) for q, line, blocks in answers("j.md", text)] == [
        ("Design a recommender.", 1, ["Clarify.", "Cost.", "Two towers."]),
        ("How would you measure success?", 17, ["CTR.", "NDCG."]),
        ("Why us?", 25, ["The mission."]),
    ]


def test_paragraphs_written_as_small_headings_are_answer_text():
    """Some journals mark every paragraph of an answer as a heading: a heading that long is
    the candidate's prose, checked with exact positions; a short one stays a section."""
    prose = ("- Having studied psychology, I spent six years helping people in sales and "
             "counseling, which taught me to listen before proposing anything.")
    text = f"# What is your background?\n\n   ###### {prose}\n\n### Result\n\nI listen.\n"
    doc = parse("j.md", text)
    assert answers("j.md", text) == [("What is your background?", 1, [prose[2:], "I listen."])]
    start = text.index("Having")
    assert doc.analysis[start:start + 6] == "Having"
    assert "#" not in doc.analysis and "Result" not in doc.analysis


@pytest.mark.parametrize("question", [
    'A PM pings you: "Our trial-to-paid conversion dropped 8 points. Can you look into it?"',
    "Case Study: Design the home feed ranking",
])
def test_a_question_ending_in_a_quote_or_titled_as_a_case_keeps_its_sections(question):
    text = (f"# {question}\n\n### Clarifying questions\n\nWhich market?\n\n### Situation\n\n"
            "Trials are 30 days.\n\n### My answer\n\nI would split by acquisition channel.\n")
    assert answers("j.md", text) == [(question, 1, [
        "Which market?", "Trials are 30 days.", "I would split by acquisition channel."])]


def test_a_bare_quote_line_ends_a_paragraph_and_a_footnote_marker_a_sentence():
    """A ">" line alone is a blank line inside a block quote, and "labels.[^1] If" is two
    sentences: otherwise two paragraphs are read as one sentence too long to follow."""
    from critique.api import lint_texts
    from critique.config import Settings

    text = ("Q: Why did tickets rise?\n> First, check bookings per ticket.\n>\n"
            "> Then check the share of tickets from new users.\n\n"
            "I have old examples I can use as labels.[^labels] If there are too few, I would "
            "label more.\n\n[^labels]: The ops team keeps a year of them.\n")
    doc = lint_texts([("j.md", text)], Settings(model=False))[0].document
    assert [" ".join(s.text.split()) for a in doc.answers for s in a.sentences] == [
        "First, check bookings per ticket.", "Then check the share of tickets from new users.",
        "I have old examples I can use as labels.", "If there are too few, I would label more."]
    assert [len(a.blocks) for a in doc.answers] == [3]
