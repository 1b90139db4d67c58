"""Strong answers that look like weak ones on the surface must stay clean: tools named
with their outcome, a move framed toward the new role, numbers, trade-offs, technical
depth where the role calls for it.  A false positive costs more trust than a miss."""

from __future__ import annotations

import pytest

from critique import lint_text

STRONG = {
    "tool-with-outcome": ("ml-pm", """Q: Tell me about a technical decision you drove.
Our support search was failing agents: a third of queries returned nothing useful, and handle time
had crept up to 11 minutes. I pushed us to move retrieval from keyword search to a hybrid of BM25
and embeddings in Elasticsearch, because agents were abandoning search and re-asking colleagues.
We accepted a 40 ms latency increase and a second index to maintain in exchange for that. After
rollout to two support pods first, handle time fell to 8.5 minutes and escalations dropped 18%."""),
    "leaving-toward": ("general", """Q: Why are you leaving your current job?
I'm leaving because I want to own a product end to end, from discovery to the metric it moves.
In my current role I built the fraud models that cut chargebacks by 22%, and I learned that the
biggest wins came from the product decisions around the model, not the model itself.
This role puts those decisions at the centre, which is exactly where I want to grow."""),
    "ml-engineer-depth": ("ml-engineer", """Q: How would you cut the serving cost of our ranking model?
I'd distil the 12-layer cross-encoder into a 4-layer student trained on the teacher's logits over
two weeks of logged queries, then quantise it to int8. Offline, that costs about 1.5% NDCG, which
we'd accept because p99 latency drops from 85 ms to about 30 ms and GPU spend roughly halves.
I'd shadow the student for a week, then ramp it to 5% of traffic with an automatic rollback if
click-through falls more than half a point against control."""),
    "quantified-story": ("general", """Q: Tell me about your biggest impact.
I rebuilt the onboarding checklist for new merchants after finding that 40% never finished setup.
I interviewed fifteen merchants who dropped off, cut the checklist from nine steps to four, and
ran it as an A/B test on half of new sign-ups for three weeks.
Activation rose from 52% to 61%, and I convinced the payments team to reuse the pattern."""),
    "ai-pm-plan": ("ai-pm", """Q: How would you launch an AI writing assistant in our CRM?
I'd start with the one task reps hate most: logging call notes, which takes them 25 minutes a day.
The assistant drafts the note from the call transcript and the rep confirms or edits it, so nothing
reaches the record unreviewed. We'd ship it to three sales teams first and compare logging time
and note accuracy against the rest; if reps edit more than half of the drafts, we stop and rethink.
The cost is transcription spend of about $2 per rep a week, which I'd accept for the time saved."""),
}


@pytest.mark.parametrize("name", sorted(STRONG))
def test_strong_answer_has_no_warning_or_error(name):
    role, text = STRONG[name]
    findings = lint_text(text, role=role)
    serious = [(f.line, f.rule, f.source) for f in findings if f.severity != "info"]
    assert serious == [], name


@pytest.mark.parametrize("text", [
    "We moved to Postgres because duplicate orders were costing merchants about $3,000 a month.",
    "I chose Kafka over Kinesis, accepting more ops work, so that drivers see new jobs in 2 seconds.",
    "We switched to Milvus for its indexing speed. New listings now appear for buyers within a minute.",
])
def test_tools_named_with_what_they_did_for_people_are_fine(text):
    assert "tool-over-outcome" not in {f.rule for f in lint_text(text, role="ai-pm")}


@pytest.mark.parametrize("text", [
    "We migrated away from the monolith so each team could deploy on its own schedule.",
    "I left banking to build products for the people I used to serve over the counter.",
    "I'm moving from engineering into product because I want to decide what gets built, not just how.",
    "Customers were tired of waiting on hold, so I built a callback option.",
])
def test_leaving_or_moving_is_not_fleeing_when_framed_toward_something(text):
    assert "fleeing-motivation" not in {f.rule for f in lint_text(text)}


def test_figures_clear_impact_claims():
    text = "The redesign significantly improved retention, from 41% to 48% in 30 days."
    assert "unquantified-impact" not in {f.rule for f in lint_text(text)}
