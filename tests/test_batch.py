"""`critique batch` end to end, on real files: inputs, reports, errors, parallelism."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from critique.cli import main

ROOT = Path(__file__).resolve().parent.parent
COHORT = ROOT / "examples" / "cohort"
SUBMISSIONS = COHORT / "submissions"


def run(capsys, *args: str) -> tuple[int, str, str]:
    """The CLI in this process (spaCy stays loaded between tests); returns code, out, err."""
    with pytest.raises(SystemExit) as exit_info:
        main(["batch", *args])
    captured = capsys.readouterr()
    return exit_info.value.code, captured.out, captured.err


def load_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def by_id(report: dict) -> dict[str, dict]:
    return {s["id"]: s for s in report["submissions"]}


def write_csv(path: Path, header: list[str], rows: list[tuple]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def cohort_rows() -> list[tuple[str, str, str]]:
    with (COHORT / "cohort.csv").open(newline="", encoding="utf-8") as handle:
        return [(r["id"], r["question"], r["answer"]) for r in csv.DictReader(handle)]


def comparable(report: dict) -> list[dict]:
    """Submissions without where they came from, to compare inputs of different kinds."""
    out = []
    for sub in report["submissions"]:
        sub = json.loads(json.dumps(sub))
        sub.pop("location")
        for item in (*sub["findings"], *sub["top_findings"], *sub["answers"]):
            item.pop("location")
        out.append(sub)
    return out


def test_folder_input(capsys, tmp_path):
    out = tmp_path / "r.json"
    code, stdout, err = run(capsys, str(SUBMISSIONS), "--no-model", "--out", str(out))
    assert code == 0, err
    report = load_json(out)
    ids = [s["id"] for s in report["submissions"]]
    assert ids == sorted(p.name for p in SUBMISSIONS.iterdir())
    assert all(0 <= s["score"] <= 100 and s["error"] is None for s in report["submissions"])
    subs = by_id(report)
    assert subs["carol.md"]["answer_count"] == 3  # a journal: one submission, three answers
    assert subs["hiro.md"]["counts"]["api-wrapper"] == 2
    assert subs["alice.txt"]["score"] > subs["dan.txt"]["score"]
    # file line numbers: hiro.md's vendor API sentence is on line 3 of the file
    assert any(f["rule"] == "api-wrapper" and f["line"] == 3 for f in subs["hiro.md"]["findings"])
    for name in ("alice.txt", "hiro.md", "Cohort:"):
        assert name in stdout
    assert f"wrote {out}" in err


def test_csv_and_jsonl_with_renamed_columns_match_the_defaults(capsys, tmp_path):
    rows = cohort_rows()
    write_csv(tmp_path / "export.csv", ["learner", "prompt", "response", "cohort"],
              [(*row, "spring") for row in rows])
    with (tmp_path / "export.jsonl").open("w", encoding="utf-8") as handle:
        for key, question, answer in rows:
            handle.write(json.dumps({"learner": key, "prompt": question, "response": answer})
                         + "\n")
    flags = ["--id-column", "learner", "--question-column", "prompt",
             "--answer-column", "response", "--no-model"]
    reports = {}
    for name in ("export.csv", "export.jsonl"):
        out = tmp_path / f"{name}.json"
        code, _, err = run(capsys, str(tmp_path / name), *flags, "--out", str(out))
        assert code == 0, err
        reports[name] = load_json(out)
    default = tmp_path / "default.json"
    assert run(capsys, str(COHORT / "cohort.csv"), "--no-model", "--out", str(default))[0] == 0
    expected = comparable(load_json(default))
    assert comparable(reports["export.csv"]) == expected
    assert comparable(reports["export.jsonl"]) == expected
    subs = by_id(reports["export.csv"])
    assert list(subs) == ["L01", "L02", "L03", "L04", "L05", "L06"]  # rows grouped by id
    assert subs["L02"]["answer_count"] == 2
    assert subs["L02"]["location"] == str(tmp_path / "export.csv")
    assert {f["location"] for f in subs["L02"]["findings"]} <= {
        f"{tmp_path / 'export.csv'}:{n}" for n in range(2, 40)}


def test_row_line_numbers_count_lines_within_the_answer(capsys, tmp_path):
    source = write_csv(tmp_path / "rows.csv", ["id", "question", "answer"], [
        ("a", "How would you improve retention?",
         "I ran twelve interviews with churned users.\nI think maybe we should kind of "
         "add reminders.")])
    out = tmp_path / "r.json"
    assert run(capsys, str(source), "--no-model", "--preview", "--out", str(out))[0] == 0
    sub = load_json(out)["submissions"][0]
    hedges = [f for f in sub["findings"] if f["rule"] == "hedging"]
    assert hedges and all(f["line"] == 2 for f in hedges)
    assert sub["answers"][0]["question"] == "How would you improve retention?"
    assert sub["answers"][0]["line"] == 1


def make_bad_folder(folder: Path) -> Path:
    folder.mkdir()
    (folder / "good.txt").write_text((SUBMISSIONS / "dan.txt").read_text())
    (folder / "also-good.md").write_text((SUBMISSIONS / "erin.md").read_text())
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"PK\x03\x04\x00\x00binary")
    (folder / "latin1.txt").write_bytes("Q: Why?\nJ'ai \u00e9t\u00e9 l\u00e0.".encode("latin-1"))
    os.symlink(folder / "missing-target.txt", folder / "dangling.txt")
    return folder


def test_bad_submissions_are_reported_not_fatal(capsys, tmp_path):
    folder = make_bad_folder(tmp_path / "answers")
    out_json, out_csv = tmp_path / "r.json", tmp_path / "r.csv"
    code, stdout, err = run(capsys, str(folder), "--no-model", "-o", str(out_json),
                            "-o", str(out_csv))
    assert code == 0, err
    subs = by_id(load_json(out_json))
    assert set(subs) == {"good.txt", "also-good.md", "empty.txt", "binary.txt", "latin1.txt",
                         "dangling.txt"}
    assert subs["good.txt"]["score"] is not None and subs["good.txt"]["error"] is None
    assert subs["also-good.md"]["score"] is not None
    assert "binary file" in subs["binary.txt"]["error"]
    assert "not valid UTF-8" in subs["latin1.txt"]["error"]
    assert "no such file" in subs["dangling.txt"]["error"]
    for name in ("binary.txt", "latin1.txt", "dangling.txt"):
        assert subs[name]["score"] is None and subs[name]["findings"] == []
    # an empty answer is not an error: nothing to score, no findings (as in `check`)
    assert subs["empty.txt"]["error"] is None and subs["empty.txt"]["findings"] == []
    assert subs["empty.txt"]["answer_count"] == 0 and subs["empty.txt"]["score"] is None
    rows = {r["id"]: r for r in csv.DictReader(out_csv.open(encoding="utf-8"))}
    assert rows["binary.txt"]["score"] == "" and "binary file" in rows["binary.txt"]["error"]
    assert rows["good.txt"]["error"] == "" and rows["good.txt"]["score"] != ""
    cohort = load_json(out_json)["cohort"]
    assert (cohort["submissions"], cohort["scored"], cohort["errors"], cohort["unanswered"]) \
        == (6, 2, 3, 1)
    assert "binary.txt" in stdout and "binary file" in err


def test_bad_row_among_good_rows(capsys, tmp_path):
    source = tmp_path / "rows.jsonl"
    source.write_text("\n".join(json.dumps(d) for d in [
        {"id": "ok", "question": "Why us?", "answer": "I want to own onboarding end to end."},
        {"id": "number", "question": "Why us?", "answer": 42},
        {"id": "blank", "question": "Why us?", "answer": None},
    ]) + "\n", encoding="utf-8")
    out = tmp_path / "r.json"
    code, _, err = run(capsys, str(source), "--no-model", "-o", str(out))
    assert code == 0, err
    subs = by_id(load_json(out))
    assert subs["ok"]["score"] is not None
    assert subs["number"]["score"] is None and "not text" in subs["number"]["error"]
    assert subs["blank"]["error"] is None and subs["blank"]["answer_count"] == 0


HTML_EXTERNAL = re.compile(r"""(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//""",
                           re.I)


def test_all_three_outputs(capsys, tmp_path):
    rows = [*cohort_rows(), ("<script>alert(1)</script>", "Why <b>us</b>?",
                             "I think maybe <img src=x onerror=alert(1)> we could do it.")]
    source = write_csv(tmp_path / "cohort.csv", ["id", "question", "answer"], rows)
    outs = {ext: tmp_path / f"report.{ext}" for ext in ("csv", "json", "html")}
    args = [str(source), "--no-model"] + [a for p in outs.values() for a in ("--out", str(p))]
    code, _, err = run(capsys, *args)
    assert code == 0, err
    report = load_json(outs["json"])
    ids = [s["id"] for s in report["submissions"]]
    assert ids == ["L01", "L02", "L03", "L04", "L05", "L06", "<script>alert(1)</script>"]
    cohort = report["cohort"]
    assert cohort["submissions"] == 7
    assert set(cohort["score"]) == {"count", "min", "q1", "median", "mean", "q3", "max"}
    assert cohort["score"]["min"] <= cohort["score"]["median"] <= cohort["score"]["max"]
    assert sum(b["count"] for b in cohort["histogram"]) == cohort["scored"]
    assert [b["from"] for b in cohort["histogram"]] == list(range(0, 100, 10))
    slugs = [r["rule"] for r in report["rules"]]
    assert {p["rule"] for p in cohort["prevalence"]} == set(slugs)
    shares = {p["rule"]: p["share"] for p in cohort["prevalence"]}
    flagged = sum(1 for s in report["submissions"] if "missing-tradeoff" in s["counts"])
    assert shares["missing-tradeoff"] == round(flagged / 7, 4)
    questions = {q["question"]: q for q in cohort["questions"]}
    assert questions["Why do you want to leave your current job?"]["answers"] == 3
    assert questions["Why do you want to leave your current job?"]["top_problem"]["rule"] \
        == "fleeing-motivation"
    for sub in report["submissions"]:
        assert len(sub["top_findings"]) == min(3, len(sub["findings"]))
        ranks = [("info", "warning", "error").index(f["severity"]) for f in sub["top_findings"]]
        assert ranks == sorted(ranks, reverse=True)
        assert sub["finding_count"] == len(sub["findings"]) == sum(sub["counts"].values())

    table = list(csv.DictReader(io.StringIO(outs["csv"].read_text(encoding="utf-8"))))
    assert [r["id"] for r in table] == ids
    header = list(table[0])
    assert header[:4] == ["id", "score", "answers", "findings"]
    assert header[-2:] == ["top_findings", "error"] and header[4:-2] == slugs
    for row, sub in zip(table, report["submissions"]):
        assert float(row["score"]) == sub["score"]
        assert int(row["findings"]) == sub["finding_count"]
        assert all(int(row[s]) == sub["counts"].get(s, 0) for s in slugs)
        if sub["top_findings"]:
            assert f"line {sub['top_findings'][0]['line']} " in row["top_findings"]

    page = outs["html"].read_text(encoding="utf-8")
    assert not HTML_EXTERNAL.search(page)
    assert "<script" not in page.lower() and "<img" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("<svg") == 2
    for n in range(1, len(ids) + 1):
        assert page.count(f'href="#s{n}"') == 1  # one learner row linking to ...
        assert page.count(f'id="s{n}"') == 1  # ... that learner's findings
    section = page[page.index('id="s2"'):page.index('id="s3"')]
    assert "line 1, column" in section and "Suggestion:" in section


def test_existing_output_needs_force(capsys, tmp_path):
    existing, fresh = tmp_path / "report.json", tmp_path / "report.html"
    existing.write_text("keep me")
    code, stdout, err = run(capsys, str(SUBMISSIONS), "--no-model", "-o", str(fresh),
                            "-o", str(existing))
    assert code == 2
    assert err.count("\n") == 1 and str(existing) in err and "--force" in err
    assert stdout == ""  # refused before scoring anything
    assert existing.read_text() == "keep me" and not fresh.exists()
    code, _, err = run(capsys, str(SUBMISSIONS), "--no-model", "-o", str(fresh),
                       "-o", str(existing), "--force")
    assert code == 0, err
    assert len(load_json(existing)["submissions"]) == 8 and fresh.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html", "report.json"]


def test_atomic_write_leaves_no_temporary_files(tmp_path, monkeypatch):
    from critique.batch import outputs
    from critique.errors import CritiqueError

    target = tmp_path / "r.json"
    outputs.write_atomic(str(target), "{}\n")
    assert target.read_text() == "{}\n"
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()

    def broken(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(outputs.os, "replace", broken)
    with pytest.raises(CritiqueError, match="No space left"):
        outputs.write_atomic(str(target), "half a report")
    assert target.read_text() == "{}\n"
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@pytest.mark.parametrize("name", ["report.xlsx", "report"])
def test_unknown_output_extension(capsys, tmp_path, name):
    code, stdout, err = run(capsys, str(SUBMISSIONS), "-o", str(tmp_path / name))
    assert code == 2 and stdout == ""
    assert err.count("\n") == 1 and "use .csv, .json or .html" in err


def test_missing_column_names_it(capsys, tmp_path):
    source = write_csv(tmp_path / "export.csv", ["id", "question", "text"], [("a", "q", "t")])
    code, stdout, err = run(capsys, str(source))
    assert code == 2 and stdout == ""
    assert err.count("\n") == 1 and "'answer'" in err and str(source) in err
    assert "--answer-column" in err and "Traceback" not in err
    code, _, err = run(capsys, str(source), "--answer-column", "text", "--id-column", "learner")
    assert code == 2 and "'learner'" in err
    code, _, err = run(capsys, str(source), "--question-column", "prompt",
                       "--answer-column", "text")
    assert code == 2 and "'prompt'" in err


def test_jsonl_problems_of_the_whole_file_stop_the_batch(capsys, tmp_path):
    """Per-row problems are reported on their row (tests/test_batch_input.py); a key that
    no row has, or a file with no usable row, is a problem of the input."""
    source = tmp_path / "rows.jsonl"
    source.write_text('{"id": "a", "text": "fine"}\n{"id": "b", "text": "x"}\n')
    code, _, err = run(capsys, str(source))
    assert code == 2 and err.count("\n") == 1
    assert f"{source}: no row has the key 'answer'; name it with --answer-column" in err
    source.write_text('["a", "b"]\n')
    code, _, err = run(capsys, str(source))
    assert code == 2 and err == f"critique: {source}:1: expected a JSON object, got an array\n"


def test_missing_path_and_empty_folder(capsys, tmp_path):
    code, stdout, err = run(capsys, str(tmp_path / "nope.csv"))
    assert code == 2 and stdout == "" and err.strip().endswith("no such file or directory")
    (tmp_path / "empty").mkdir()
    code, _, err = run(capsys, str(tmp_path / "empty"))
    assert code == 2 and "holds no .txt" in err


def generated_rows(count: int) -> list[tuple[str, str, str]]:
    """Distinct answers made by recombining the sentences of the sample cohort."""
    rows = cohort_rows()
    questions = list(dict.fromkeys(q for _, q, _ in rows))
    sentences = [s.strip() for _, _, a in rows for s in re.split(r"(?<=[.!?])\s+", a)
                 if s.strip()]
    out = []
    for i in range(count):
        picked = [sentences[(i * 7 + k * 11) % len(sentences)] for k in range(1 + i % 4)]
        answer = "\n".join(picked) if i % 3 else " ".join(picked)
        out.append((f"learner-{i // 2:04d}", questions[i % len(questions)],
                    "" if i % 97 == 0 else answer))
    return out


def test_jobs_do_not_change_results(capsys, tmp_path):
    from critique.batch.runner import IN_PROCESS_BELOW

    rows = generated_rows(2 * IN_PROCESS_BELOW + 40)  # 640 rows, 320 learners
    source = write_csv(tmp_path / "big.csv", ["id", "question", "answer"], rows)
    reports = []
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}.json"
        code, _, err = run(capsys, str(source), "--no-model", "--jobs", jobs, "-o", str(out))
        assert code == 0, err
        reports.append(out.read_text(encoding="utf-8"))
    assert reports[0] == reports[1]
    report = json.loads(reports[0])
    assert len(report["submissions"]) == IN_PROCESS_BELOW + 20
    assert report["cohort"]["scored"] > IN_PROCESS_BELOW


def test_workers_really_run_and_agree_with_the_api(monkeypatch):
    """The runner with two loky workers gives what the in-process API gives, in order."""
    from critique.batch import runner, score_submissions
    from critique.batch.runner import IN_PROCESS_BELOW
    from critique.config import Settings

    calls = []
    original = runner._run_joblib

    def spy(tasks, workers, advance, n_jobs):
        calls.append(n_jobs)
        return original(tasks, workers, advance, n_jobs)

    monkeypatch.setattr(runner, "_run_joblib", spy)

    rows = generated_rows(IN_PROCESS_BELOW + 10)
    rows = [(f"r{i}", q, a) for i, (_, q, a) in enumerate(rows)]
    settings = Settings(model=False)
    one = score_submissions(rows, settings=settings, jobs=1)
    two = score_submissions(rows, settings=settings, jobs=2)
    assert one == two and calls == [2]  # jobs=1 stayed in-process, jobs=2 used workers
    assert [r["id"] for r in one] == [f"r{i}" for i in range(len(rows))]


def test_python_api_records():
    from critique.batch import score_submissions
    from critique.config import Settings

    records = score_submissions([
        ("a", "Why do you want to leave?", "Honestly, I'm tired of being on call."),
        ("b", None, ""),
        ("a", "Pitch an AI feature.", "I will use OpenAI's API to build a chatbot."),
    ], settings=Settings(model=False))
    assert [r["id"] for r in records] == ["a", "b"]
    assert records[0]["answer_count"] == 2
    assert {"fleeing-motivation", "api-wrapper"} <= set(records[0]["counts"])
    assert records[1]["score"] is None and records[1]["error"] is None


def test_piped_output_is_plain_and_help_is_light(tmp_path):
    rows = generated_rows(120)
    source = write_csv(tmp_path / "rows.csv", ["id", "question", "answer"], rows)
    done = subprocess.run([sys.executable, "-m", "critique", "batch", str(source), "--no-model"],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout and "\x1b" not in done.stderr
    assert done.stderr == ""  # no progress bar when standard error is not a terminal
    assert "learner-0059" in done.stdout and "Cohort: 60 submissions" in done.stdout
    probe = ("import sys, critique.cli; "
             "print(sorted(m for m in ('spacy', 'joblib', 'rich', 'sklearn', 'numpy') "
             "if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=60)
    assert "batch" in _help()
    assert done.stdout.strip() == "[]", done.stdout


def _help() -> str:
    return subprocess.run([sys.executable, "-m", "critique", "--help"], capture_output=True,
                          text=True, timeout=60).stdout


def test_dask_backend_without_dask(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    code, stdout, err = run(capsys, str(SUBMISSIONS), "--backend", "dask",
                            "--scheduler", "tcp://127.0.0.1:8786")
    assert code == 2 and stdout == ""
    assert err.count("\n") == 1 and "pip install 'critique[dask]'" in err


def test_option_errors(capsys, tmp_path):
    assert run(capsys, str(SUBMISSIONS), "--jobs", "0")[0] == 2
    assert run(capsys, str(SUBMISSIONS), "--role", "ceo")[0] == 2
    code, _, err = run(capsys, str(SUBMISSIONS), "--scheduler", "tcp://127.0.0.1:1")
    assert code == 2 and "--backend dask" in err
    (tmp_path / "x.xlsx").write_bytes(b"PK")
    code, _, err = run(capsys, str(tmp_path / "x.xlsx"))
    assert code == 2 and "not a folder, .txt, .md, .csv or .jsonl file" in err
