"""The default view: each finding with its line and underline, then scores and a summary.

Colour comes from rich, and only on a terminal: piped output and `NO_COLOR` are plain.
"""

from __future__ import annotations

from collections import Counter

from critique.report import all_findings

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def console_for(stream):
    """Rich on a terminal; when piped, plain and wide enough that tables do not wrap."""
    from rich.console import Console

    width = None if getattr(stream, "isatty", lambda: False)() else 200
    return Console(file=stream, highlight=False, soft_wrap=True, emoji=False, width=width)


def _finding(console, finding, document) -> None:
    from rich.text import Text

    head = Text()
    head.append(f"{finding.path}:{finding.line}:{finding.column}", style="bold")
    head.append(": ")
    head.append(f"{finding.code} {finding.rule}", style="bold")
    head.append(" [")
    head.append(finding.severity, style=STYLE[finding.severity])
    head.append("] ")
    head.append(finding.message)
    if finding.source != "rule":
        origin = "model" if finding.source == "model" else "rule and model"
        head.append(f" ({origin}, confidence {finding.confidence:.2f})", style="dim")
    console.print(head)
    if document is not None and finding.line <= document.line_count:
        source = document.line_text(finding.line).replace("\t", " ")
        gutter = f"{finding.line:>5} | "
        console.print(Text(gutter, style="dim") + Text(source))
        start = finding.column - 1
        end = finding.end_column - 1 if finding.end_line == finding.line else len(source)
        width = max(1, end - start)
        console.print(Text(" " * 6 + "| ", style="dim")
                      + Text(" " * start + "^" * width, style=STYLE[finding.severity]))
    console.print(Text("      = suggestion: ", style="dim") + Text(finding.suggestion))
    console.print()


def render(results, rules, stream, *, show_scores: bool = True, **options) -> None:
    from rich.text import Text

    console = console_for(stream)
    findings = all_findings(results)
    for result in results:
        for finding in result.findings:
            _finding(console, finding, result.document)
        if show_scores:
            for answer in result.answers:
                label = f"{result.path}: answer {answer.index + 1} (line {answer.line})"
                if answer.question:
                    q = answer.question
                    q = q if len(q) <= 60 else q[:57] + "..."
                    label += f" \u201c{q}\u201d"
                style = "green" if answer.score >= 75 else "yellow" if answer.score >= 50 else "red"
                line = Text(label + ": score ")
                line.append(f"{answer.score}/100", style=f"bold {style}")
                if answer.signals:
                    line.append(f"; strengths: {', '.join(answer.signals)}", style="dim")
                console.print(line)
    if not results:
        return  # nothing could be read: the errors on stderr say why
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
    if results and show_scores:
        console.print()
    console.print(Text(summary, style="bold"))
