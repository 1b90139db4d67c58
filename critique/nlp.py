"""One spaCy pass over every block of every document: tokens and sentences.

A blank English pipeline (spaCy's tokenizer; sentences by the Sentencizer's rule) needs no
download.  A trained pipeline is used only when configured (`spacy-model`) and installed;
then its parser or senter decides the sentences.  Nothing requires one.
"""

from __future__ import annotations

from functools import lru_cache

from critique.document import Document, Sentence


@lru_cache(maxsize=4)
def pipeline(model: str | None = None):
    """The tokenizer-only blank English pipeline, or a configured trained one."""
    import spacy

    if model:
        try:
            return spacy.load(model, exclude=["ner", "lemmatizer", "textcat"])
        except OSError:
            pass
    return spacy.blank("en")


_SENTENCE_END = (".", "!", "?", "\u2026", "\u3002", "\uff01", "\uff1f")


def _starts_from_rule(parsed, arrays) -> list[int]:
    """Sentence starts by spaCy's Sentencizer rule (a sentence ends after a run of '.',
    '!' or '?' once a token that is not punctuation follows), computed on the token
    arrays: iterating Tokens builds a Python object per token, which dominated large runs."""
    strings = parsed.vocab.strings
    ends = {strings.add(ch) for ch in _SENTENCE_END}
    starts, seen_end = [0], False
    for i, (orth, is_punct) in enumerate(arrays):
        in_ends = orth in ends
        if seen_end and not is_punct and not in_ends:
            starts.append(i)
            seen_end = False
        elif in_ends:
            seen_end = True
    return starts


def segment(documents: list[Document], model: str | None = None,
            keep_docs: bool = False) -> None:
    """Fill `answer.sentences` for every answer of every document, in one `nlp.pipe`.
    `keep_docs` keeps each block's spaCy Doc on its sentences, for token patterns; without
    it Docs are dropped as they are read, so memory stays flat on very large files.
    A long block goes to spaCy in pieces (see `critique.pieces`) whose tokens are put
    back together, so the sentences are those of the whole block."""
    from critique.pieces import cuts

    jobs: list[tuple[Document, int, int, list[int]]] = []  # (document, answer, start, cuts)
    texts: list[str] = []
    for doc in documents:
        for answer in doc.answers:
            answer.sentences = []
            for start, end in answer.blocks:
                whole = doc.analysis[start:end]
                bounds = cuts(whole)
                jobs.append((doc, answer.index, start, bounds))
                texts.extend(whole[a:b] for a, b in zip(bounds, bounds[1:]))
    if not texts:
        return
    nlp = pipeline(model)
    from spacy.attrs import IDX, IS_PUNCT, ORTH, SENT_START

    trained = any(name in nlp.pipe_names for name in ("parser", "senter"))
    columns = [SENT_START, IDX] if trained else [ORTH, IS_PUNCT, IDX]
    parsed_pieces = iter(nlp.pipe(texts, batch_size=256))
    for doc, answer_index, base, bounds in jobs:
        whole = doc.analysis[base:base + bounds[-1]]
        parsed, arrays = _block_arrays(parsed_pieces, bounds, columns, keep_docs)
        count = len(arrays)
        if not count:
            continue
        answer = doc.answers[answer_index]
        if trained:
            starts = [i for i, (flag, _) in enumerate(arrays) if flag == 1] or [0]
            offsets = [idx for _, idx in arrays]
        else:
            starts = _starts_from_rule(parsed, [(o, p) for o, p, _ in arrays])
            offsets = [idx for _, _, idx in arrays]
        bounds = starts + [count]
        for first, stop in zip(bounds, bounds[1:]):
            begin = offsets[first]
            finish = offsets[stop] if stop < count else len(whole)
            text = whole[begin:finish]
            stripped = text.strip()
            if not stripped or not any(ch.isalnum() for ch in stripped):
                continue
            start = base + begin + (len(text) - len(text.lstrip()))
            answer.sentences.append(Sentence(start, start + len(stripped), stripped,
                                             len(answer.sentences),
                                             parsed if keep_docs else None, (first, stop),
                                             base))


def _block_arrays(parsed_pieces, bounds: list[int], columns: list, keep_docs: bool):
    """One block's Doc (for its vocab, and for token patterns when kept) and its token
    arrays, with IDX (the last column) counted from the block's start.  A block cut in
    pieces has its arrays joined; its Docs are joined only when kept (Doc.from_docs costs
    more than the tokenizer)."""
    docs = [next(parsed_pieces) for _ in bounds[1:]]
    if len(docs) == 1:
        return docs[0], docs[0].to_array(columns).tolist() if len(docs[0]) else []
    if keep_docs:
        from spacy.tokens import Doc

        joined = Doc.from_docs(docs, ensure_whitespace=False)
        return joined, joined.to_array(columns).tolist()
    arrays: list = []
    for piece_start, piece in zip(bounds, docs):
        if len(piece):
            arrays.extend([*row[:-1], row[-1] + piece_start]
                          for row in piece.to_array(columns).tolist())
    return docs[0], arrays


def apply_breaks(documents: list[Document]) -> None:
    """Split sentences where the reader says a new one starts (a bold lead-in's colon),
    so "**Talk to churned users:** Dashboards show what..." is a title and a sentence."""
    import bisect

    for doc in documents:
        if not doc.breaks:
            continue
        for answer in doc.answers:
            pieces: list[Sentence] = []
            for sentence in answer.sentences:
                cuts = doc.breaks[bisect.bisect_right(doc.breaks, sentence.start):
                                  bisect.bisect_left(doc.breaks, sentence.end)]
                if not cuts:
                    pieces.append(sentence)
                    continue
                for begin, finish in zip([sentence.start, *cuts], [*cuts, sentence.end]):
                    raw = doc.analysis[begin:finish]
                    text = raw.strip()
                    if not text or not any(ch.isalnum() for ch in text):
                        continue
                    start = begin + len(raw) - len(raw.lstrip())
                    pieces.append(Sentence(start, start + len(text), text, 0, None,
                                           (0, 0), sentence.block))
            for index, sentence in enumerate(pieces):
                sentence.index = index
            answer.sentences = pieces
