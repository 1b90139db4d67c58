"""`critique batch` on broken exports and concurrent runs: a bad row is reported on that
row and the batch goes on; a CSV quote left open is named, never silently merged; two
runs writing the same reports leave one run's set."""

from __future__ import annotations

import csv
import json
import threading

from test_batch import by_id, load_json, run

WEAK = "We decided to move from Pinecone to Milvus because of the indexing speed."
FLEEING = "I want to move away from writing code."


def test_bad_jsonl_rows_are_reported_on_their_row(capsys, tmp_path):
    source = tmp_path / "rows.jsonl"
    source.write_text("\n".join([
        json.dumps({"id": "a", "question": "Why us?", "answer": FLEEING}),
        '{"id": "b", "answer": ',
        '["not", "an", "object"]',
        json.dumps({"id": "c", "question": "Why us?", "text": "the wrong key"}),
        json.dumps({"question": "Why us?", "answer": WEAK}),
        json.dumps({"id": "a", "question": "Why now?", "answer": WEAK}),
    ]) + "\n", encoding="utf-8")
    out = tmp_path / "r.json"
    code, stdout, err = run(capsys, str(source), "--no-model", "-o", str(out))
    assert code == 0, err
    subs = by_id(load_json(out))
    assert list(subs) == ["a", f"{source}:2", f"{source}:3", "c", f"{source}:5"]
    assert subs["a"]["answer_count"] == 2 and subs["a"]["error"] is None
    assert subs[f"{source}:5"]["score"] is not None  # no id: the row stands alone
    assert subs[f"{source}:2"]["error"] == \
        f"{source}:2: not valid JSON (Expecting value at column 23)"
    assert subs[f"{source}:3"]["error"] == f"{source}:3: expected a JSON object, got an array"
    assert subs["c"]["error"] == f"{source}:4: no key 'answer'"
    assert err.splitlines()[:3] == [
        f"critique: warning: {source}:2: not valid JSON (Expecting value at column 23)",
        f"critique: warning: {source}:3: expected a JSON object, got an array",
        f"critique: warning: c: {source}:4: no key 'answer'"]
    assert "Traceback" not in err


def _csv_text(rows: list[str]) -> str:
    return "id,question,answer\n" + "\n".join(rows) + "\n"


def test_a_csv_quote_left_open_is_named_not_merged(capsys, tmp_path):
    source = tmp_path / "cohort.csv"
    source.write_text(_csv_text([
        f'L01,Why us?,"{FLEEING}"',
        'L02,Why us?,"I think maybe',
        f'L03,Why us?,"{WEAK}"',
        "L04,Why us?,fine",
    ]), encoding="utf-8")
    out = tmp_path / "r.json"
    code, _, err = run(capsys, str(source), "--no-model", "-o", str(out))
    assert code == 0, err
    subs = by_id(load_json(out))
    assert list(subs) == ["L01", f"{source}:3"]
    message = (f"{source}:3: unclosed quote: the quoted field that starts on line 3 runs on "
               'to line 4, merging rows; close it or double the quote (""); lines 3-5 were '
               "not read")
    assert subs[f"{source}:3"]["error"] == message
    assert err.splitlines()[0] == f"critique: warning: {message}"
    # left open to the end of the file
    source.write_text(_csv_text([f'L01,Why us?,"{FLEEING}"', 'L02,Why us?,"I think maybe',
                                 "L03,Why us?,fine"]), encoding="utf-8")
    code, _, err = run(capsys, str(source), "--no-model", "-o", str(out), "--force")
    assert code == 0, err
    assert by_id(load_json(out))[f"{source}:3"]["error"] == (
        f"{source}:3: unclosed quote: the quoted field that starts on line 3 runs on to "
        'line 4, merging rows; close it or double the quote (""); lines 3-4 were not read')


def test_multiline_and_loosely_quoted_csv_fields_still_read(capsys, tmp_path):
    source = tmp_path / "cohort.csv"
    source.write_text(_csv_text([f'L01,Why us?,"First paragraph.\n\n{FLEEING} ""Really."""',
                                 'L02,Why us?,"Fine." ', 'L03,Why us?,a "quoted" word']),
                      encoding="utf-8")
    out = tmp_path / "r.json"
    code, _, err = run(capsys, str(source), "--no-model", "-o", str(out))
    assert code == 0 and "warning" not in err, err
    subs = by_id(load_json(out))
    assert list(subs) == ["L01", "L02", "L03"]
    assert all(s["error"] is None for s in subs.values())
    assert [f["line"] for f in subs["L01"]["findings"] if f["rule"] == "fleeing-motivation"] \
        == [3]


def test_a_users_catastrophic_pattern_fails_only_its_row(capsys, tmp_path):
    from test_bad_input import _pack_with_a_nested_quantifier

    rule_file = _pack_with_a_nested_quantifier(tmp_path)
    source = tmp_path / "cohort.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerows([["id", "question", "answer"], ["L01", "Why us?", FLEEING],
                          ["L02", "Why us?", "a" * 50_000 + "!"], ["L03", "Why us?", "Aaaa"]])
    out = tmp_path / "r.json"
    code, _, err = run(capsys, str(source), "--no-model", "-o", str(out))
    assert code == 0, err
    subs = by_id(load_json(out))
    assert subs["L02"]["score"] is None
    assert subs["L02"]["error"] == (
        f"{source}:3: {rule_file}: rule long-scream: pattern '(a+)+$' ran over 2 s on one "
        "sentence and was stopped (it backtracks catastrophically, as nested quantifiers like "
        "(a+)+ do); rewrite it")
    assert subs["L01"]["error"] is None and subs["L03"]["error"] is None
    assert {f["rule"] for f in subs["L03"]["findings"]} == {"long-scream"}


def test_two_runs_writing_the_same_reports_leave_one_runs_set(capsys, tmp_path, monkeypatch):
    """Run B writes the same three files while run A is between its first and second
    file: B waits for A's set to be complete, then replaces the whole set."""
    from critique.batch import outputs

    reports = {}
    for name in ("A", "B"):
        source = tmp_path / f"{name}.jsonl"
        source.write_text("".join(json.dumps({"id": f"{name}{i}", "answer": WEAK}) + "\n"
                                  for i in range(3)))
        target = tmp_path / f"{name}.json"
        assert run(capsys, str(source), "--no-model", "-o", str(target))[0] == 0
        reports[name] = load_json(target)
    planned = [(str(tmp_path / f"report.{fmt}"), fmt) for fmt in ("json", "csv", "html")]
    real_replace, main, others = outputs._replace, threading.current_thread(), []

    def replace(temp: str, path: str) -> None:
        real_replace(temp, path)
        if threading.current_thread() is main and not others:
            others.append(threading.Thread(target=outputs.write_outputs,
                                           args=(planned, reports["B"])))
            others[0].start()
            others[0].join(2)  # without a lock, B's whole set lands here

    monkeypatch.setattr(outputs, "_replace", replace)
    outputs.write_outputs(planned, reports["A"])
    others[0].join()
    written = {fmt: (tmp_path / f"report.{fmt}").read_text(encoding="utf-8")
               for fmt in ("json", "csv", "html")}
    assert [s["id"] for s in json.loads(written["json"])["submissions"]] == ["B0", "B1", "B2"]
    assert [r["id"] for r in csv.DictReader(written["csv"].splitlines())] == ["B0", "B1", "B2"]
    assert "B0" in written["html"] and "A0" not in written["html"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_without_force_a_report_written_meanwhile_is_kept(capsys, tmp_path):
    from critique.batch import outputs
    from critique.errors import CritiqueError

    target = tmp_path / "report.json"
    target.write_text("another run's report\n")
    try:
        outputs.write_outputs([(str(target), "json")], {"submissions": []}, force=False)
    except CritiqueError as exc:
        assert "another run wrote it meanwhile" in str(exc)
    else:
        raise AssertionError("overwritten without --force")
    assert target.read_text() == "another run's report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_a_bad_config_in_one_folder_fails_only_that_folders_submissions(capsys, tmp_path):
    folder = tmp_path / "answers"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text(FLEEING + "\n")
    (folder / "sub" / "a.txt").write_text(FLEEING + "\n")
    (folder / "sub" / ".critique.toml").write_text('colour = "red"\n')
    out = tmp_path / "r.json"
    code, _, err = run(capsys, str(folder), "--no-model", "-o", str(out))
    assert code == 0, err
    subs = by_id(load_json(out))
    assert subs["good.txt"]["score"] is not None and subs["good.txt"]["error"] is None
    assert subs["sub/a.txt"]["error"] == \
        f"{folder / 'sub' / 'a.txt'}: {folder / 'sub' / '.critique.toml'}: unknown key 'colour'"
