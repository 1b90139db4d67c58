"""A Markdown prep journal: headings and `Q:` lines start questions, prose answers them.

Never linted: front matter, fenced and indented code, inline code, HTML comments and
tags, link targets, images, reference definitions, table rules and markup characters.
They are blanked in place (see `mask.py`), so offsets stay those of the original file.
"""

from __future__ import annotations

import bisect
import re

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

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_THEMATIC = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_REFDEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_QUOTE = re.compile(r"^\s{0,3}(>\s?)+")
_INDENTED = re.compile(r"^(?: {4}|\t)")

# A question may close on its quotation mark or bracket ('...Can you look into it?"'), and a
# case may be titled as one ("Case Study: Design the feed").
_PROMPT = re.compile(
    r"\?[\"'\u201d\u2019)\]]*\s*$|^\W*(?:q\d*|question|case(?: study)?|scenario|prompt|exercise)\b|"
    r"^\W*(?:how|why|what|when|where|which|who|whom|tell|describe|"
    r"design|walk|explain|give|estimate|imagine|suppose|should|would|could|can|do|did|have|is|"
    r"are|pick|prioriti[sz]e|build|improve|launch|share|talk|name|define|critique|evaluate|"
    r"compare|propose|create|measure|reduce|increase|choose|decide|sell|price|size)\b", re.I)
# A bold lead-in closed by a colon at the start of a block: its own sentence, a title.
_LEAD_IN = re.compile(r"(\*\*|__)[^*_\n]{1,160}?(?::\s*\1|\1\s*:)[ \t]*(?=\S)")
# Under a question, a deeper heading starts a new question only when it asks one: section
# titles of a design answer ("### Design the ranking model") are part of the answer.
_INTERROGATIVE = re.compile(
    r"\?[\"'\u201d\u2019)\]]*\s*$|^\W*(?:q\d*|question)\b|"
    r"^\W*(?:how|why|what|when|where|which|who|whom|tell me|"
    r"describe a|walk me|give me|can you|could you|would you|should you|do you|did you|have you|"
    r"are you)\b", re.I)
# A question put to the candidate ("How would you measure it?", "Tell me about..."), as
# opposed to a sub-heading of the answer asking its own question ("Why two stages?").
_ADDRESSED = re.compile(
    r"^\W*(?:q\d*|question)\b|\b(?:you|your|yourself|tell me|walk me|give me)\b", re.I)
# Some journals write every paragraph as a small heading ("###### - Having received my
# degree, ..."): a heading this long is prose, not a section title.
PROSE_HEADING_WORDS = 15
_INLINE_CODE = re.compile(r"(`+)(.+?)\1", re.S)
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)|!\[[^\]\n]*\]\[[^\]\n]*\]")
_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\n]*)\)|\[([^\]\n]+)\]\[[^\]\n]*\]")
# A footnote reference ("...positive labels.[^labels] If there...") is a marker, not text.
_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]")
_AUTOLINK = re.compile(r"<(?:https?|mailto|ftp):[^>\s]+>|\bhttps?://[^\s)>\]]+")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_EMPHASIS = re.compile(
    r"\*{1,3}|~~|(?<![A-Za-z0-9])_{1,3}|_{1,3}(?![A-Za-z0-9])|\\(?=[^\sA-Za-z0-9])")


def _code_lines(lines: list[str]) -> set[int]:
    """Indices of front matter and fenced-code lines."""
    hidden: set[int] = set()
    i = 0
    if lines and lines[0].rstrip() == "---":
        for j in range(1, len(lines)):
            if lines[j].rstrip() in ("---", "..."):
                hidden.update(range(0, j + 1))
                i = j + 1
                break
    return hidden | fenced_lines(lines, i)


def _mask_inline(mask: Mask, analysis: str, start: int, end: int) -> None:
    segment = analysis[start:end]
    for match in _INLINE_CODE.finditer(segment):
        mask.blank(start + match.start(), start + match.end())
    for match in _IMAGE.finditer(segment):
        mask.blank(start + match.start(), start + match.end())
    for match in _LINK.finditer(segment):
        text_group = 1 if match.group(1) is not None else 3
        t0, t1 = match.span(text_group)
        mask.blank(start + match.start(), start + t0)
        mask.blank(start + t1, start + match.end())
    for pattern in (_FOOTNOTE, _AUTOLINK, _HTML_TAG, _EMPHASIS):
        for match in pattern.finditer(segment):
            mask.blank(start + match.start(), start + match.end())


def _clean_heading(text: str) -> str:
    text = _INLINE_CODE.sub(lambda m: m.group(2), text)
    text = _LINK.sub(lambda m: m.group(1) or m.group(3) or "", text)
    return _EMPHASIS.sub("", text).strip()


def _deeper(new_level: int, level: int, asks: bool) -> bool:
    """A heading under a question that asks, at a deeper level: a part of its answer."""
    return bool(level and new_level > level and asks)


def _follow_up(title: str) -> bool:
    """A heading that puts a new question to the candidate (it opens an answer)."""
    return bool(_INTERROGATIVE.search(title) and _ADDRESSED.search(title))


def _prose_under_heading_marks(atx: re.Match, level: int, asks: bool) -> bool:
    """A deeper heading under a question that reads as a paragraph of the answer: some
    journals mark every paragraph so ("###### - Having received my degree, ...")."""
    title = _clean_heading(atx.group(2) or "")
    return _deeper(len(atx.group(1)), level, asks) and not _follow_up(title) \
        and len(title.split()) >= PROSE_HEADING_WORDS


def parse_markdown(path: str, text: str) -> Document:
    spans = line_spans(text)
    lines = [text[s:e] for s, e in spans]
    starts = [s for s, _ in spans]
    mask = Mask(text)

    hidden = _code_lines(lines)
    for k in hidden:
        mask.blank(*spans[k])
    hidden_starts = {spans[k][0] + c for k in hidden for c in range(len(lines[k]) + 1)}
    comments = mask_comments(text, mask, skip=hidden_starts,
                             line_of=lambda off: bisect.bisect_right(starts, off))
    analysis = mask.result()

    answers: list[Answer] = []
    labels = LabelCollector()
    breaks: list[int] = []
    sections: set[int] = set()  # answers under a heading that turned out to be a section title
    builder = BlockBuilder()
    question: str | None = None
    question_line: int | None = None
    level = 0  # heading level of the current question (0: none, 7: a Q: line)
    asks = False  # whether the current heading reads as a question or prompt

    def close() -> None:
        blocks = builder.take()
        if blocks:
            answers.append(Answer(len(answers), question, question_line, blocks))

    in_list = False
    previous_blank = True
    for k, (start, end) in enumerate(spans):
        line = analysis[start:end]
        if k in hidden or not line.strip():
            builder.boundary()
            previous_blank = previous_blank or not line.strip() or k in hidden
            if k in hidden:
                in_list = False
            continue
        nxt = analysis[spans[k + 1][0]:spans[k + 1][1]] if k + 1 < len(spans) else ""
        atx = _ATX.match(line)
        if atx and _prose_under_heading_marks(atx, level, asks):
            mask.blank(start, start + atx.start(2))  # the marks go, the prose is answer text
            start += atx.start(2)
            line, atx = analysis[start:end], None
        q = question_text(line)
        setext = bool(_SETEXT.match(nxt)) and not bullet_length(line) and previous_blank \
            and (k + 1) not in hidden
        if atx or q is not None or setext:
            heading = (atx.group(2) or "") if atx else line.strip()
            new_level = len(atx.group(1)) if atx else 7 if q is not None else \
                (1 if nxt.strip().startswith("=") else 2)
            title = _clean_heading(heading)
            prompt = q is not None or bool(_PROMPT.search(title))
            deeper = bool(atx) and _deeper(new_level, level, asks)
            if deeper and not _follow_up(title):
                # A deeper heading under a question ("### Situation", "### Why two stages?")
                # is a part of its answer, unless it puts a follow-up to the candidate.
                labels.heading(start, title)
                mask.blank(start, end)
                builder.boundary()
                previous_blank = True
                continue
            close()
            if level and new_level > level and not asks and question_line is not None:
                # The previous heading has deeper headings under it and is not a question:
                # a section title, whose prose is notes rather than an answer.
                sections.update(i for i, a in enumerate(answers)
                                if a.question_line == question_line)
            if not deeper:
                # A follow-up keeps the level of the question it follows, so the sections
                # after it stay sections instead of each opening an answer.
                level = new_level
            asks = asks if deeper else prompt
            if atx:
                question = _clean_heading(question_text(heading) or heading)
            elif q is not None:
                question = _clean_heading(q)
            else:
                question = _clean_heading(line)
            question_line = k + 1
            mask.blank(start, end)
            if not atx and q is None:
                hidden.add(k + 1)
                mask.blank(*spans[k + 1])
            in_list, previous_blank = False, True
            continue
        if _THEMATIC.match(line) or _REFDEF.match(line) or _TABLE_RULE.match(line):
            mask.blank(start, end)
            builder.boundary()
            previous_blank = True
            continue
        if _INDENTED.match(line) and previous_blank and not in_list:
            mask.blank(start, end)  # indented code block
            builder.boundary()
            continue
        offset = start
        quote = _QUOTE.match(line)
        if quote:
            mask.blank(start, start + quote.end())
            offset = start + quote.end()
            if not analysis[offset:end].strip():
                builder.boundary()  # a bare ">" is a blank line inside the quote
                previous_blank = True
                continue
        rest = analysis[offset:end]
        skip = bullet_length(rest)
        label = labels.at_line(analysis, offset + skip, end)
        if not label and not skip:
            skip = answer_prefix_length(rest)
        if label:
            mask.blank(offset + skip, offset + skip + label)
        labels.inline(analysis, offset + skip + label, end)
        if "|" in rest and rest.strip().startswith("|"):
            for i, ch in enumerate(rest):
                if ch == "|":
                    mask.blank(offset + i, offset + i + 1)
            builder.start_item(offset, end)
        elif skip or label:
            mask.blank(offset, offset + skip)
            in_list = bool(bullet_length(rest))
            builder.start_item(offset + skip + label, end)
        else:
            builder.add_line(offset, end)
        lead = _LEAD_IN.match(analysis, offset + skip + label, end)
        if lead:
            breaks.append(lead.end())
        _mask_inline(mask, analysis, offset + skip + label, end)
        previous_blank = False
    close()
    answers = [a for i, a in enumerate(answers) if i not in sections]
    for index, answer in enumerate(answers):
        answer.index = index
    accepted = labels.accepted()
    for start, end, _ in accepted:
        mask.blank(start, end)
    return Document(path, text, mask.result(), answers, comments, accepted, breaks)
