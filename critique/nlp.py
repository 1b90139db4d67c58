"""One spaCy pass over every block of every document: tokens and sentences.

A blank English pipeline with the rule-based sentencizer needs no download.  A trained
pipeline is used only when configured (`spacy-model`) and installed; nothing requires it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from critique.document import Document, Sentence

_LINEBREAK_SPLIT = re.compile(r"\n\s*\n")


@lru_cache(maxsize=4)
def pipeline(model: str | None = None):
    import spacy

    if model:
        try:
            nlp = spacy.load(model, exclude=["ner", "lemmatizer", "textcat"])
        except OSError:
            nlp = spacy.blank("en")
    else:
        nlp = spacy.blank("en")
    if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names \
            and "sentencizer" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer")
    return nlp


def segment(documents: list[Document], model: str | None = None) -> None:
    """Fill `answer.sentences` for every answer of every document, in one `nlp.pipe`."""
    jobs: list[tuple[Document, int, int]] = []  # (document, answer index, block start)
    texts: list[str] = []
    for doc in documents:
        for answer in doc.answers:
            answer.sentences = []
            for start, end in answer.blocks:
                jobs.append((doc, answer.index, start))
                texts.append(doc.analysis[start:end])
    if not texts:
        return
    nlp = pipeline(model)
    for (doc, answer_index, base), parsed in zip(jobs, nlp.pipe(texts, batch_size=256)):
        answer = doc.answers[answer_index]
        for sent in parsed.sents:
            text = sent.text
            stripped = text.strip()
            if not stripped or not any(ch.isalnum() for ch in stripped):
                continue
            lead = len(text) - len(text.lstrip())
            start = base + sent.start_char + lead
            answer.sentences.append(Sentence(start, start + len(stripped), stripped,
                                             len(answer.sentences), sent))
