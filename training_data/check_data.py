"""Checks the training data: schema, split rule, duplicates and cross-split leakage.

    python training_data/check_data.py        # prints counts; exit 1 on any problem

The split of every row must follow the hash rule (test when sha256(text) % 5 == 0), so
nobody can move a sentence between splits by hand; near-duplicates (word 3-gram Jaccard
>= 0.6 for sentences, >= 0.5 for answers) are reported, within and across splits.
"""

from __future__ import annotations

import collections
import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def grams(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words[i:i + 3]) for i in range(len(words) - 2)}


def main() -> int:
    problems = []
    for folder, limit in (("sentences", 0.6), ("answers", 0.5), ("evidence", 0.6),
                          ("boundary", 0.6)):
        rows = []
        for path in sorted((ROOT / folder).glob("*.jsonl")):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                row = json.loads(line)
                row["where"] = f"{path.name}:{number}"
                digest = int(hashlib.sha256(row["text"].encode()).hexdigest(), 16)
                # Boundary sentences only teach (the written test split stays as it was).
                want = "train" if folder == "boundary" else \
                    "test" if digest % 5 == 0 else "train"
                if row["split"] != want:
                    problems.append(
                        f"{row['where']}: split is {row['split']}, the rule says {want}")
                rows.append(row)
        seen = {}
        for row in rows:
            key = row["text"].strip().lower()
            if key in seen:
                problems.append(f"{row['where']}: duplicate of {seen[key]}")
            seen[key] = row["where"]
        index = collections.defaultdict(set)
        shapes = [grams(r["text"]) for r in rows]
        for i, shape in enumerate(shapes):
            for g in shape:
                index[g].add(i)
        for i, shape in enumerate(shapes):
            candidates = collections.Counter(j for g in shape for j in index[g] if j > i)
            for j, shared in candidates.items():
                union = len(shape | shapes[j])
                if union and shared / union >= limit:
                    problems.append(f"{rows[i]['where']} ~ {rows[j]['where']}: near-duplicate "
                                    f"({rows[i]['split']}/{rows[j]['split']})")
        counts = collections.Counter()
        for row in rows:
            for slug in row.get("slugs", row.get("evidence")) or ["(none)"]:
                counts[(slug, row["split"])] += 1
        print(f"{folder}: {len(rows)} rows")
        for slug in sorted({s for s, _ in counts}):
            print(f"  {slug:26} train {counts[(slug, 'train')]:5}  test {counts[(slug, 'test')]:4}")
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
