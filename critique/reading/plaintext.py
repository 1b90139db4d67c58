"""A `.txt` file is one answer; an optional first line `Q: ...` is its question."""

from __future__ import annotations

import bisect

from critique.document import Answer, Document
from critique.reading.blocks import BlockBuilder
from critique.reading.labels import LabelCollector
from critique.reading.mask import (
    Mask,
    answer_prefix_length,
    bullet_length,
    fenced_lines,
    line_spans,
    mask_comments,
    question_text,
)


def parse_plaintext(path: str, text: str) -> Document:
    mask = Mask(text)
    spans = line_spans(text)
    starts = [s for s, _ in spans]
    code = fenced_lines([text[s:e] for s, e in spans])
    for k in code:
        mask.blank(*spans[k])
    comments = mask_comments(text, mask, line_of=lambda off: bisect.bisect_right(starts, off))
    analysis = mask.result()

    question, question_line = None, None
    builder = BlockBuilder()
    labels = LabelCollector()
    seen_text = False
    for number, (start, end) in enumerate(spans, 1):
        line = analysis[start:end]
        if not line.strip() or number - 1 in code:
            builder.boundary()
            continue
        if not seen_text:
            seen_text = True
            q = question_text(line)
            if q is not None:
                question, question_line = q, number
                mask.blank(start, end)
                builder.boundary()
                continue
        skip = bullet_length(line)
        label = labels.at_line(analysis, start + skip, end)
        if not label and not skip:
            skip = answer_prefix_length(line)
        labels.inline(analysis, start + skip + label, end)
        if skip or label:
            mask.blank(start, start + skip + label)
            builder.start_item(start + skip + label, end)
        else:
            builder.add_line(start, end)
    builder.boundary()
    accepted = labels.accepted()
    for label_start, label_end, _ in accepted:
        mask.blank(label_start, label_end)
    answer = Answer(0, question, question_line, builder.blocks)
    return Document(path, text, mask.result(), [answer] if answer.blocks else [], comments,
                    accepted)
