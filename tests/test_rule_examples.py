"""Every rule's documented examples are executed: docs cannot drift from behaviour.

A bad example must be caught by the rule itself (rules only); a good example must not
be flagged for that slug by the full tool (rules and model), since the docs promise it
as the better way to say it."""

from __future__ import annotations

import pytest

from critique import lint_text
from critique.packs import load_rules

RULES = load_rules()
BAD = [(r.slug, i, e) for r in RULES for i, e in enumerate(r.bad)]
GOOD = [(r.slug, i, e) for r in RULES for i, e in enumerate(r.good)]


@pytest.mark.parametrize(("slug", "index", "example"), BAD,
                         ids=[f"{s}-bad{i}" for s, i, _ in BAD])
def test_bad_example_is_flagged_by_its_rule(slug, index, example):
    findings = lint_text(example.text, role=example.role, model=False, preview=True)
    assert slug in {f.rule for f in findings}, example.text


@pytest.mark.parametrize(("slug", "index", "example"), GOOD,
                         ids=[f"{s}-good{i}" for s, i, _ in GOOD])
def test_good_example_is_not_flagged(slug, index, example):
    findings = lint_text(example.text, role=example.role, preview=True)
    assert slug not in {f.rule for f in findings}, example.text


def test_every_catalogue_slug_has_a_rule_with_examples():
    catalogue = {
        "tool-over-outcome", "missing-tradeoff", "fleeing-motivation", "unquantified-impact",
        "generic-process", "technical-deep-dive", "vague-tech-choice", "accuracy-as-goal",
        "api-wrapper", "missing-risk-plan", "credentials-over-impact", "we-not-i",
        "negative-framing", "hedging", "rambling", "off-question",
    }
    by_slug = {r.slug: r for r in RULES}
    assert catalogue <= set(by_slug)
    for slug in catalogue:
        assert by_slug[slug].bad and by_slug[slug].good
        assert by_slug[slug].finds and by_slug[slug].why


def test_every_shipped_pattern_compiles():
    """The shipped pack compiles lazily at run time; here every pattern compiles now."""
    from critique.score import signals

    assert len(load_rules(eager=True)) == len(RULES)
    for signal in signals():
        signal.patterns.compile()
        if signal.exceptions is not None:
            signal.exceptions.compile()  # raises RulePackError on a bad pattern


def test_rule_files_are_named_after_their_slug():
    for rule in RULES:
        assert rule.path.endswith(f"{rule.slug}.toml")
