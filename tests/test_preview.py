"""Preview checks (ruff's convention): off unless the run asks for them, in every format,
and marked as preview wherever rules are listed or explained."""

from __future__ import annotations

from conftest import run_cli

RULE = '''
code = "CX010"
slug = "synergy-talk"
kind = "existence"
severity = "warning"
scope = "sentence"
preview = true
message = "A buzzword stands in for a concrete claim."
suggestion = "Say what changed, for whom, by how much."
finds = "Corporate buzzwords."
why = "Interviewers discount them."
bad = ["We created synergy across teams."]
good = ["We cut handoffs from five to two."]
patterns = ["synergy"]
'''


def _setup(tmp_path, config: str = ""):
    (tmp_path / "pack.toml").write_text(RULE)
    (tmp_path / ".critique.toml").write_text(f'rule-paths = ["pack.toml"]\n{config}')
    path = tmp_path / "a.txt"
    path.write_text("Our offsite created real synergy between sales and support.\n")
    return path


def test_a_preview_rule_never_reports_without_preview(tmp_path):
    path = _setup(tmp_path)
    for fmt in ("json", "concise", "human", "github", "sarif"):
        result = run_cli("--format", fmt, str(path))
        assert "synergy-talk" not in result.out and "CX010" not in result.out, fmt
        assert result.code == 0


def test_preview_flag_or_configuration_turns_it_on(tmp_path):
    path = _setup(tmp_path)
    flagged = run_cli("--format", "json", "--preview", str(path))
    assert [f["rule"] for f in flagged.json()] == ["synergy-talk"] and flagged.code == 1
    conf = tmp_path / "conf"
    conf.mkdir()
    configured = _setup(conf, "preview = true\n")
    assert [f["rule"] for f in run_cli("--format", "json", str(configured)).json()] \
        == ["synergy-talk"]


def test_selecting_a_preview_rule_without_preview_says_why_it_is_silent(tmp_path):
    path = _setup(tmp_path)
    result = run_cli("--format", "json", "--select", "synergy-talk", str(path))
    assert result.json() == []
    assert "synergy-talk is a preview check and runs only with --preview" in result.err


def test_preview_is_marked_in_rules_and_explain(tmp_path):
    _setup(tmp_path)
    config = str(tmp_path / ".critique.toml")
    listing = run_cli("rules", "--config", config)
    row = next(line for line in listing.out.splitlines() if "synergy-talk" in line)
    assert "preview" in row
    stable = next(line for line in listing.out.splitlines() if "rambling" in line)
    assert "preview" not in stable and "stable" in stable
    as_json = {r["slug"]: r["preview"] for r in run_cli("rules", "--format", "json",
                                                        "--config", config).json()}
    assert as_json["synergy-talk"] is True and as_json["rambling"] is False
    page = run_cli("explain", "synergy-talk", "--config", config).out
    assert "Status: preview" in page and "--preview" in page


def test_preview_must_be_a_boolean(tmp_path):
    (tmp_path / "pack.toml").write_text(RULE.replace("preview = true", 'preview = "yes"'))
    (tmp_path / ".critique.toml").write_text('rule-paths = ["pack.toml"]\n')
    (tmp_path / "a.txt").write_text("Synergy.\n")
    result = run_cli(str(tmp_path / "a.txt"))
    assert result.code == 2 and "key 'preview' must be true or false" in result.err
