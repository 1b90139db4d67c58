"""Loading `training_data/`: labeled sentences and answers, validated, in a fixed order."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from critique.errors import CritiqueError
from critique.jsonlines import objects

ROLES = ("general", "ai-pm", "ml-pm", "ml-engineer")
SENTENCE_SLUGS = (
    "tool-over-outcome", "fleeing-motivation", "unquantified-impact", "generic-process",
    "technical-deep-dive", "vague-tech-choice", "accuracy-as-goal", "api-wrapper",
    "credentials-over-impact", "negative-framing", "hedging", "rambling",
)
ANSWER_SLUGS = ("missing-tradeoff", "missing-risk-plan", "we-not-i", "off-question")
# Labels the classifier learns.  Left to the rules: rambling (a length, measured exactly)
# and hedging (a closed set of phrases; rules alone score F1 0.97 on the test split and
# the model only added false positives on noun uses such as "this sort of problem").
MODEL_LABELS = tuple(s for s in SENTENCE_SLUGS if s not in ("rambling", "hedging"))


class DataError(CritiqueError):
    pass


@dataclass(frozen=True)
class Example:
    text: str
    slugs: frozenset[str]
    role: str
    split: str
    question: str | None = None
    where: str = ""


def missing_data(root: Path, folder: str) -> str:
    """One line for a run without training data: an installed copy ships none."""
    where = f"{root}: no training data here" if not root.is_dir() else \
        f"{root / folder}: no .jsonl files"
    return (f"{where}; `critique train` and `critique evaluate` read the training data of "
            "a checkout of the repository: run them there, or pass --data "
            "PATH/training_data")


def data_root() -> Path:
    return Path(__file__).resolve().parents[2] / "training_data"


def _files(root: Path, folder: str) -> list[Path]:
    return sorted((root / folder).glob("*.jsonl"))


# The real answers the model learns from (the dev split's sentences and their gold labels).
REAL_FILES = ("real/answers.jsonl", "real/labels/gold.jsonl")


def data_hash(root: Path | None = None) -> str:
    """sha256 over every data file training reads (name and bytes), in name order."""
    root = root or data_root()
    digest = hashlib.sha256()
    for folder in ("sentences", "answers", "evidence", "boundary"):
        for path in _files(root, folder):
            digest.update(f"{folder}/{path.name}\n".encode())
            digest.update(path.read_bytes())
    for name in REAL_FILES:
        path = root / name
        if path.is_file():
            digest.update(f"{name}\n".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def load(folder: str, root: Path | None = None) -> list[Example]:
    root = root or data_root()
    allowed = set(ANSWER_SLUGS if folder == "answers" else SENTENCE_SLUGS)
    out: list[Example] = []
    files = _files(root, folder)
    if not files:
        raise DataError(missing_data(root, folder))
    for path in files:
        for where, row in objects(path.read_text(encoding="utf-8"), str(path), DataError):
            for key in ("text", "slugs", "role", "split"):
                if key not in row:
                    raise DataError(f"{where}: missing key '{key}'")
            unknown = set(row["slugs"]) - allowed
            if unknown:
                raise DataError(f"{where}: unknown slug {sorted(unknown)[0]!r} for {folder}")
            if row["role"] not in ROLES or row["split"] not in ("train", "test"):
                raise DataError(f"{where}: bad role or split")
            out.append(Example(row["text"], frozenset(row["slugs"]), row["role"], row["split"],
                               row.get("question"), where))
    return out
