"""The default view: each finding with its line and underline, then scores and a summary.

Colour comes from rich (see terminal.use_color for when); uncoloured output is written as
plain text directly (rich's per-call cost dominated large runs and adds nothing there).  A
line wider than the terminal is shown as a window around the flagged words (snippet.py).
"""

from __future__ import annotations

from collections import Counter

from critique.report import all_findings
from critique.report.snippet import ELLIPSIS, snippet
from critique.report.terminal import console_for, use_color, width

__all__ = ["console_for", "render"]  # console_for: the rules table and evaluate use it too

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _finding_parts(finding, document, columns: int) -> list[tuple[str, str]]:
    """The finding as (text, style) pieces; a piece ending in a newline ends a line."""
    parts = [(f"{finding.path}:{finding.line}:{finding.column}", "bold"), (": ", ""),
             (f"{finding.code} {finding.rule}", "bold"), (" [", ""),
             (finding.severity, STYLE[finding.severity]), ("] ", ""), (finding.message, "")]
    if finding.source == "model":  # the classifier alone: how often such a finding is right
        parts.append((f" (model, confidence {finding.confidence:.2f})", "dim"))
    elif finding.source == "both":  # a rule's certainty, which the model backs
        parts.append((" (rule and model agree)", "dim"))
    parts.append(("\n", ""))
    if document is not None and finding.line <= document.line_count:
        source = document.line_text(finding.line)
        number = f"{finding.line:>5} | "
        gutter = " " * (len(number) - 2) + "| "
        end = finding.end_column - 1 if finding.end_line == finding.line else len(source)
        text, marker = snippet(source, finding.column - 1, end, columns - len(number))
        parts += [(number, "dim"), (text + "\n", ""), (gutter, "dim"),
                  (marker + "\n", STYLE[finding.severity])]
    parts += [("      = suggestion: ", "dim"), (finding.suggestion + "\n", ""), ("\n", "")]
    return parts


def _answer_parts(result, answer) -> list[tuple[str, str]]:
    label = f"{result.path}: answer {answer.index + 1} (line {answer.line})"
    if answer.question:
        q = answer.question
        shown = q if len(q) <= 60 else q[:59] + ELLIPSIS
        label += f" \u201c{shown}\u201d"
    style = "green" if answer.score >= 75 else "yellow" if answer.score >= 50 else "red"
    parts = [(label + ": score ", ""), (f"{answer.score}/100", f"bold {style}")]
    if answer.signals:
        parts.append((f"; strengths: {', '.join(answer.signals)}", "dim"))
    return parts + [("\n", "")]


def _summary(results, findings) -> str:
    counts = Counter(f.severity for f in findings)
    files = sum(1 for r in results if r.error is None)
    answers = sum(len(r.answers) for r in results)
    parts = [f"{counts[s]} {s}{'s' if counts[s] != 1 and s != 'info' else ''}"
             for s in ("error", "warning", "info") if counts[s]]
    summary = (f"{len(findings)} finding{'s' if len(findings) != 1 else ''}"
               + (f" ({', '.join(parts)})" if parts else "")
               + f" in {files} file{'s' if files != 1 else ''}, {answers} answer"
               + ("s" if answers != 1 else ""))
    scored = [a.score for r in results for a in r.answers]
    if scored:
        summary += f"; mean score {sum(scored) / len(scored):.0f}/100"
    return summary


def render(results, rules, stream, *, show_scores: bool = True, summary: bool = True,
           color: bool | None = None, columns: int | None = None, **options) -> None:
    """`color` None: decided by terminal.use_color; `columns`: the width lines must fit in
    (default: the terminal's)."""
    if not results:
        return  # nothing could be read: the errors on stderr say why
    columns = columns or width()
    findings = all_findings(results)
    pieces: list[tuple[str, str]] = []
    for result in results:
        for finding in result.findings:
            pieces += _finding_parts(finding, result.document, columns)
        if show_scores:
            for answer in result.answers:
                pieces += _answer_parts(result, answer)
    if summary:
        if show_scores:
            pieces.append(("\n", ""))
        pieces.append((_summary(results, findings) + "\n", "bold"))
    if not (use_color(stream) if color is None else color):
        stream.write("".join(text for text, _ in pieces))
        return
    from rich.text import Text

    console = console_for(stream, color=True)
    line = Text()
    for text, style in pieces:
        line.append(text.rstrip("\n") if text.endswith("\n") else text, style=style or None)
        if text.endswith("\n"):
            console.print(line)
            line = Text()
