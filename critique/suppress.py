"""Suppression comments, the same in `.md` and `.txt`:

    <!-- critique-disable hedging,rambling -->  ...  <!-- critique-enable -->
    <!-- critique-disable-next-line tool-over-outcome -->

No slug means every rule.  A suppression that suppresses nothing is itself reported
(info, `unused-suppression`), so stale ones do not pile up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from critique.findings import Finding

_DIRECTIVE = re.compile(r"^critique-(disable-next-line|disable|enable)\b\s*(.*)$", re.S)
UNUSED_CODE = "CQ900"
UNUSED_SLUG = "unused-suppression"


@dataclass
class Suppression:
    line: int  # where the comment is
    first: int  # first line it covers
    last: int  # last line it covers
    slugs: frozenset[str]  # empty: all rules
    used: bool = field(default=False)

    def covers(self, finding: Finding) -> bool:
        if not self.first <= finding.line <= self.last:
            return False
        return not self.slugs or finding.rule in self.slugs or finding.code in self.slugs


def parse(document) -> list[Suppression]:
    out: list[Suppression] = []
    open_ranges: list[Suppression] = []
    for comment in document.comments:
        match = _DIRECTIVE.match(comment.body)
        if not match:
            continue
        verb, rest = match.groups()
        slugs = frozenset(s.strip() for s in re.split(r"[,\s]+", rest.strip()) if s.strip())
        if verb == "disable-next-line":
            target = _next_text_line(document, comment.end_line)
            out.append(Suppression(comment.line, target, target, slugs))
        elif verb == "disable":
            sup = Suppression(comment.line, comment.end_line, document.line_count, slugs)
            open_ranges.append(sup)
            out.append(sup)
        else:  # enable closes the matching open ranges (all of them when no slug is named)
            for sup in list(open_ranges):
                if not slugs or sup.slugs & slugs or not sup.slugs:
                    sup.last = comment.line
                    open_ranges.remove(sup)
    return out


def _next_text_line(document, line: int) -> int:
    lines = document.analysis.split("\n")
    for number in range(line + 1, len(lines) + 1):
        if lines[number - 1].strip():
            return number
    return line + 1


def apply(findings: list[Finding], document, suppressions: list[Suppression],
          rule=None, severity: str | None = "info",
          not_run: frozenset[str] = frozenset()) -> list[Finding]:
    """Drop suppressed findings; report each unused suppression with `rule`'s message at
    `severity` (None: the unused-suppression rule is off).  A suppression that names only
    rules this run did not run (`not_run`: preview checks without --preview, ignored ones)
    is not unused: deleting it would bring their findings back in the runs that do."""
    kept = []
    for finding in findings:
        hits = [s for s in suppressions if s.covers(finding)]
        for sup in hits:
            sup.used = True
        if not hits:
            kept.append(finding)
    for sup in suppressions:
        if sup.slugs and sup.slugs <= not_run:
            continue
        if not sup.used and severity:
            text = document.line_text(sup.line)
            col = text.find("<!--") + 1 or 1
            end = text.find("-->", col - 1)
            what = ", ".join(sorted(sup.slugs)) or "all rules"
            kept.append(Finding(
                document.path, sup.line, col, sup.line,
                (end + 4) if end >= 0 else len(text) + 1, UNUSED_CODE, UNUSED_SLUG, severity,
                f"This suppression ({what}) suppresses nothing.",
                rule.suggestion if rule else "Delete the comment, or correct the slug it names.",
                answer=_answer_at(document, sup.line),
            ))
    return kept


def _answer_at(document, line: int) -> int:
    """The answer a line belongs to: the last one that starts (its question, else its first
    line of text) at or before it."""
    index = 0
    for answer in document.answers:
        start = answer.question_line or (document.position(answer.blocks[0][0])[0]
                                         if answer.blocks else None)
        if start is not None and start <= line:
            index = answer.index
    return index
