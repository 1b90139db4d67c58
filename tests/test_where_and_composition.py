"""What a coach can say in a rule pack without Python: where a rule looks ([where]), and
answer checks composed of sentence evidence (kind = "composition")."""

from __future__ import annotations

from conftest import run_cli

HEAD = '''
severity = "warning"
message = "m"
suggestion = "s"
finds = "f"
why = "w"
'''


def _pack(tmp_path, body: str, text: str, name: str = "a.md"):
    (tmp_path / "pack.toml").write_text(body)
    (tmp_path / ".critique.toml").write_text('rule-paths = ["pack.toml"]\nselect = ["CX"]\n')
    path = tmp_path / name
    path.write_text(text)
    return run_cli("--format", "json", str(path))


WHERE_RULE = '''code = "CX020"
slug = "so-basically"
kind = "existence"
scope = "sentence"
''' + HEAD + '''bad = ["**Result:** So basically we shipped it."]
good = ["**Situation:** So basically nothing worked."]
patterns = ["so basically"]

[where]
sections = ["result"]
moods = ["past"]
question_types = ["behavioral"]
'''

STORY = """## Tell me about a time you shipped under pressure.

**Situation:** So basically nothing worked.

**Result:** So basically we shipped it.

So basically we will ship it again.
"""


def test_where_limits_a_rule_to_sections_moods_and_question_types(tmp_path):
    result = _pack(tmp_path, WHERE_RULE, STORY)
    assert [f["line"] for f in result.json()] == [5]
    other = _pack(tmp_path, WHERE_RULE, STORY.replace("Tell me about a time you shipped under "
                                                      "pressure.", "Why do you want this job?"))
    assert other.json() == []


def test_a_bad_where_key_names_the_file_rule_and_key(tmp_path):
    result = _pack(tmp_path, WHERE_RULE.replace("moods = [\"past\"]", "moods = [\"future\"]"),
                   STORY)
    assert result.code == 2
    assert "pack.toml: rule so-basically: key 'where.moods' must be a list of" in result.err


COMPOSED = '''code = "CX021"
slug = "launch-without-date"
kind = "composition"
scope = "answer"
''' + HEAD + '''bad = ["We will launch the beta to our top accounts."]
good = ["We will launch the beta to our top accounts on 3 March."]

[[requires]]
patterns = ["(?:launch|ship|release)\\\\w*"]

[[absent]]
patterns = ["\\\\b(?:on|by) \\\\d+ (?:January|February|March|April|May|June)"]
'''


def test_a_composition_anchors_on_its_evidence_and_is_cleared_by_absent_evidence(tmp_path):
    text = "## Plan?\n\nOur users want it.\n\nWe will launch the beta to our top accounts.\n"
    result = _pack(tmp_path, COMPOSED, text)
    assert [(f["rule"], f["line"]) for f in result.json()] == [("launch-without-date", 5)]
    dated = text.replace("accounts.", "accounts on 3 March.")
    assert _pack(tmp_path, COMPOSED, dated).json() == []


def test_a_composition_that_cannot_be_judged_stays_silent(tmp_path):
    """A table that names only the classifier's evidence cannot be judged without the
    classifier: the rule says nothing rather than guess."""
    model_only = COMPOSED.replace('[[absent]]\npatterns = ["\\\\b(?:on|by) \\\\d+ (?:January|'
                                  'February|March|April|May|June)"]',
                                  '[[absent]]\nevidence = "tradeoff"')
    text = "## Plan?\n\nWe will launch the beta to our top accounts.\n"
    (tmp_path / "pack.toml").write_text(model_only)
    (tmp_path / ".critique.toml").write_text(
        'rule-paths = ["pack.toml"]\nselect = ["CX"]\nmodel = false\n')
    (tmp_path / "a.md").write_text(text)
    assert run_cli("--format", "json", str(tmp_path / "a.md")).json() == []


def test_composition_keys_are_checked(tmp_path):
    bad = COMPOSED.replace("[[absent]]\n", "[[absent]]\nevidence = \"vibes\"\n")
    result = _pack(tmp_path, bad, "## Q?\n\nWe will launch it.\n")
    assert result.code == 2 and "key 'absent.evidence' must be one of" in result.err


def test_a_measure_limited_to_question_types_checks_their_names(tmp_path):
    rule = '''code = "CX022"
slug = "long-story"
kind = "metric"
scope = "answer"
''' + HEAD + '''bad = ["We shipped it late."]
good = ["Shipped."]

[[measures]]
metric = "answer_words"
max = 3
question_types = ["behavioural"]
'''
    result = _pack(tmp_path, rule, STORY)
    assert result.code == 2
    assert ("pack.toml: rule long-story: key 'measures.question_types' must be a list of: "
            "motivation") in result.err
    fixed = _pack(tmp_path, rule.replace('"behavioural"', '"behavioral"'), STORY)
    assert {f["rule"] for f in fixed.json()} == {"long-story"}
    other = _pack(tmp_path, rule.replace('"behavioural"', '"motivation"'), STORY)
    assert other.json() == []
