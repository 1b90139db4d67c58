"""The default view: each finding with its line and underline, then scores and a summary.

Colour comes from rich, and only on a terminal without `NO_COLOR`; piped output is written
as plain text directly (rich's per-call cost dominated large runs and adds nothing there).
"""

from __future__ import annotations

import os
from collections import Counter

from critique.report import all_findings

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def console_for(stream):
    """Rich on a terminal; when piped, plain and wide enough that tables do not wrap."""
    from rich.console import Console

    width = None if getattr(stream, "isatty", lambda: False)() else 200
    console = Console(file=stream, highlight=False, soft_wrap=True, emoji=False, width=width)
    console.on_broken_pipe = _closed_pipe  # rich's default exits 1; the CLI exits 0 quietly
    return console


def _closed_pipe() -> None:
    raise BrokenPipeError


def _coloured(stream) -> bool:
    return bool(getattr(stream, "isatty", lambda: False)()) and not os.environ.get("NO_COLOR")


def _finding_parts(finding, document) -> list[tuple[str, str]]:
    """The finding as (text, style) pieces; a piece ending in a newline ends a line."""
    parts = [(f"{finding.path}:{finding.line}:{finding.column}", "bold"), (": ", ""),
             (f"{finding.code} {finding.rule}", "bold"), (" [", ""),
             (finding.severity, STYLE[finding.severity]), ("] ", ""), (finding.message, "")]
    if finding.source != "rule":
        origin = "model" if finding.source == "model" else "rule and model"
        parts.append((f" ({origin}, confidence {finding.confidence:.2f})", "dim"))
    parts.append(("\n", ""))
    if document is not None and finding.line <= document.line_count:
        source = document.line_text(finding.line).replace("\t", " ")
        start = finding.column - 1
        end = finding.end_column - 1 if finding.end_line == finding.line else len(source)
        parts += [(f"{finding.line:>5} | ", "dim"), (source + "\n", ""), ("      | ", "dim"),
                  (" " * start + "^" * max(1, end - start) + "\n", STYLE[finding.severity])]
    parts += [("      = suggestion: ", "dim"), (finding.suggestion + "\n", ""), ("\n", "")]
    return parts


def _answer_parts(result, answer) -> list[tuple[str, str]]:
    label = f"{result.path}: answer {answer.index + 1} (line {answer.line})"
    if answer.question:
        q = answer.question
        label += f" \u201c{q if len(q) <= 60 else q[:57] + '...'}\u201d"
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


def render(results, rules, stream, *, show_scores: bool = True, **options) -> None:
    if not results:
        return  # nothing could be read: the errors on stderr say why
    findings = all_findings(results)
    pieces: list[tuple[str, str]] = []
    for result in results:
        for finding in result.findings:
            pieces += _finding_parts(finding, result.document)
        if show_scores:
            for answer in result.answers:
                pieces += _answer_parts(result, answer)
    if show_scores:
        pieces.append(("\n", ""))
    pieces.append((_summary(results, findings) + "\n", "bold"))
    if not _coloured(stream):
        stream.write("".join(text for text, _ in pieces))
        return
    from rich.text import Text

    console = console_for(stream)
    line = Text()
    for text, style in pieces:
        line.append(text.rstrip("\n") if text.endswith("\n") else text, style=style or None)
        if text.endswith("\n"):
            console.print(line)
            line = Text()
