"""Configuration files, rule packs of one's own, and their errors."""

from __future__ import annotations

from conftest import run_cli

WEAK = ("We decided to move from Pinecone to Milvus because of the indexing speed. "
        "I think maybe it kind of helped.\n")


def rules_in(result):
    return {f["rule"] for f in result.json()}


def test_critique_toml_is_found_upward_and_flags_win(tmp_path):
    (tmp_path / ".critique.toml").write_text(
        'role = "ml-engineer"\nignore = ["hedging"]\nfail-on = "error"\npreview = true\n')
    sub = tmp_path / "journal" / "week1"
    sub.mkdir(parents=True)
    path = sub / "a.txt"
    path.write_text(WEAK)
    result = run_cli("--format", "json", str(path))
    assert "hedging" not in rules_in(result) and "tool-over-outcome" in rules_in(result)
    flagged = run_cli("--format", "json", "--extend-select", "hedging", str(path))
    assert "hedging" in rules_in(flagged)


def test_pyproject_tool_section_select_and_severity(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "journal"\n\n[tool.critique]\nselect = ["CQ1"]\n'
        '[tool.critique.severity]\ntool-over-outcome = "info"\nmissing-tradeoff = "off"\n')
    path = tmp_path / "a.txt"
    path.write_text(WEAK)
    result = run_cli("--format", "json", str(path))
    assert {(f["rule"], f["severity"]) for f in result.json()} == {("tool-over-outcome", "info")}
    assert result.code == 0  # info is below the default fail-on (warning)


def test_per_file_ignores_and_budgets(tmp_path):
    (tmp_path / ".critique.toml").write_text(
        '[per-file-ignores]\n"drafts/*" = ["tool-over-outcome"]\n\n'
        '[budgets]\nsentence-words = 8\n')
    (tmp_path / "drafts").mkdir()
    draft = tmp_path / "drafts" / "a.txt"
    draft.write_text(WEAK)
    final = tmp_path / "a.txt"
    final.write_text(WEAK)
    assert "tool-over-outcome" not in rules_in(run_cli("--format", "json", str(draft)))
    findings = run_cli("--format", "json", str(final)).json()
    assert "tool-over-outcome" in {f["rule"] for f in findings}
    rambling = [f for f in findings if f["rule"] == "rambling"]
    assert rambling and "budget 8" in rambling[0]["message"]


def test_thresholds_tune_the_model(tmp_path):
    text = "Our migration to Cassandra was driven by the fact that it is simply the newer store.\n"
    path = tmp_path / "a.txt"
    path.write_text(text)
    (tmp_path / ".critique.toml").write_text("[thresholds]\ntool-over-outcome = 0.999\n")
    strict = {f["rule"] for f in run_cli("--format", "json", str(path)).json()
              if f["source"] == "model"}
    (tmp_path / ".critique.toml").write_text("[thresholds]\ntool-over-outcome = 0.01\n")
    loose = {f["rule"] for f in run_cli("--format", "json", str(path)).json()
             if f["source"] in ("model", "both")}
    assert "tool-over-outcome" not in strict and "tool-over-outcome" in loose


def test_config_errors_name_file_and_key(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(WEAK)
    cases = {
        'colour = "red"\n': "unknown key 'colour'",
        'role = 3\n': "key 'role'",
        'select = "CQ1"\nfail-on = "fatal"\n': "key 'fail-on'",
        '[budgets]\nsentence-words = "long"\n': "key 'budgets.sentence-words'",
        'role = \n': "invalid TOML",
    }
    for text, expected in cases.items():
        (tmp_path / ".critique.toml").write_text(text)
        result = run_cli(str(path))
        assert result.code == 2, text
        assert ".critique.toml" in result.err and expected in result.err, result.err
        assert len(result.err.strip().splitlines()) == 1


def test_a_coach_adds_a_rule_without_python(tmp_path):
    pack = tmp_path / "coach-pack"
    (pack / "checks").mkdir(parents=True)
    (pack / "lexicons").mkdir()
    (pack / "lexicons" / "buzzwords.toml").write_text('terms = ["synergy", "move the needle"]\n')
    (pack / "checks" / "buzzwords.toml").write_text('''
code = "CX001"
slug = "buzzwords"
kind = "existence"
severity = "warning"
scope = "sentence"
message = "A buzzword stands in for a concrete claim."
suggestion = "Say what changed, for whom, by how much."
finds = "Corporate buzzwords."
why = "Interviewers discount them."
bad = ["We created synergy across teams."]
good = ["We cut handoffs from five to two."]
patterns = ["@buzzwords"]
''')
    (tmp_path / ".critique.toml").write_text('rule-paths = ["coach-pack"]\n')
    path = tmp_path / "a.txt"
    text = "Our plan will really move the needle.\n"
    path.write_text(text)
    result = run_cli("--format", "json", str(path))
    start = text.index("move the needle") + 1
    assert [(f["code"], f["line"], f["column"], f["end_column"]) for f in result.json()
            if f["rule"] == "buzzwords"] == [("CX001", 1, start, start + len("move the needle"))]
    listing = run_cli("rules", "--config", str(tmp_path / ".critique.toml"))
    assert "buzzwords" in listing.out


def test_invalid_rule_packs_stop_with_file_rule_and_key(tmp_path):
    pack = tmp_path / "pack"
    pack.mkdir()
    base = ('code = "CX002"\nslug = "x"\nseverity = "warning"\nscope = "sentence"\n'
            'message = "m"\nsuggestion = "s"\nfinds = "f"\nwhy = "w"\nbad = ["a"]\ngood = ["b"]\n')
    cases = {
        base + 'kind = "telepathy"\n': "unknown kind 'telepathy'",
        base.replace('message = "m"\n', "") + 'kind = "existence"\npatterns = ["a"]\n':
            "missing key 'message'",
        base + 'kind = "existence"\npatterns = ["(unclosed"]\n': "bad pattern",
        base + 'kind = "existence"\npatterns = ["@nolexicon"]\n': "unknown lexicon @nolexicon",
        base + 'kind = "existence"\npatterns = ["a"]\nspeed = 3\n': "unknown key 'speed'",
        'code = \n': "invalid TOML",
    }
    path = tmp_path / "a.txt"
    path.write_text(WEAK)
    (tmp_path / ".critique.toml").write_text('rule-paths = ["pack"]\n')
    for text, expected in cases.items():
        (pack / "x.toml").write_text(text)
        result = run_cli(str(path))
        assert result.code == 2, text
        assert "x.toml" in result.err and expected in result.err, result.err
        if "TOML" not in expected:
            assert "rule x" in result.err
        assert len(result.err.strip().splitlines()) == 1


def test_misspelt_rule_names_stop_the_run(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(WEAK)
    result = run_cli("--select", "tool-over-outcom", str(path))
    assert result.code == 2 and "unknown rule 'tool-over-outcom' in select" in result.err
    (tmp_path / ".critique.toml").write_text('ignore = ["hedgng"]\n')
    result = run_cli(str(path))
    assert result.code == 2 and ".critique.toml" in result.err and "'hedgng' in ignore" in result.err
    (tmp_path / ".critique.toml").write_text('[severity]\nnot-a-rule = "error"\n')
    assert "'not-a-rule' in severity" in run_cli(str(path)).err


def test_token_patterns_in_a_users_pack(tmp_path):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "reckon.toml").write_text('''
code = "CX010"
slug = "reckon"
kind = "existence"
severity = "info"
scope = "sentence"
message = "A regional hedge."
suggestion = "Commit."
finds = "'I reckon'."
why = "It hedges."
bad = ["I reckon it works."]
good = ["It works."]
tokens = [[{LOWER = "i"}, {LOWER = "reckon"}]]
''')
    (tmp_path / ".critique.toml").write_text('rule-paths = ["pack"]\n')
    text = "Fine.  Well, I reckon we ship Friday.\n"
    path = tmp_path / "a.txt"
    path.write_text(text)
    found = [(f["line"], f["column"], f["end_column"]) for f in
             run_cli("--format", "json", "--fail-on", "error", str(path)).json()
             if f["rule"] == "reckon"]
    start = text.index("I reckon") + 1
    assert found == [(1, start, start + len("I reckon"))]


def test_a_long_answer_and_a_long_sentence_get_their_own_suggestions(tmp_path):
    (tmp_path / ".critique.toml").write_text("[budgets]\nanswer-words = 20\nsentence-words = 8\n")
    path = tmp_path / "a.txt"
    path.write_text("We shipped the new onboarding flow to every merchant in the spring. " * 3)
    findings = [f for f in run_cli("--format", "json", str(path)).json()
                if f["rule"] == "rambling"]
    by_kind = {("answer" if "answer runs" in f["message"] else "sentence"): f["suggestion"]
               for f in findings}
    assert set(by_kind) == {"answer", "sentence"}
    assert by_kind["answer"].startswith("Cut to the point")
    assert by_kind["sentence"].startswith("Split it")


def test_a_design_answer_has_its_own_length_budget(tmp_path):
    """A 45-minute design round is not two spoken minutes: the same 700 words are too long
    for a story and fine for an ML system design question, which has its own budget."""
    body = "We log every impression and click with the ranking features shown at the time. " * 50
    story = tmp_path / "story.txt"
    story.write_text("Q: Tell me about a time you disagreed with your manager.\n" + body)
    design = tmp_path / "design.txt"
    design.write_text("Q: Design a news feed ranking system.\n" + body)
    def answer_rambling(path, *options):
        return [f["message"] for f in run_cli("--format", "json", *options, str(path)).json()
                if f["rule"] == "rambling" and "answer runs" in f["message"]]
    assert answer_rambling(story) and not answer_rambling(design)
    (tmp_path / ".critique.toml").write_text("[budgets]\ndesign-answer-words = 300\n")
    assert answer_rambling(design) == [
        "This design answer runs 700 words, 133% over its 300-word budget: more than a design "
        "round leaves time for."]
