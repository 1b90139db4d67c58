"""`critique batch` on hostile input: a row a user's pattern cannot finish on is an
error on that row, and the batch goes on."""

from __future__ import annotations

import csv

from test_batch import by_id, load_json, run

WEAK = "We decided to move from Pinecone to Milvus because of the indexing speed."
FLEEING = "I want to move away from writing code."


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
