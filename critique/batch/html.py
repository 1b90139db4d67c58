"""The batch report as one self-contained HTML file.

Coaches open it from a mail attachment or a shared drive, often offline, and it may hold
learners' text: so it loads nothing (inline CSS and SVG, no script, no font, no image,
no external link; a Content-Security-Policy forbids any request) and every piece of
text that came from an input is escaped with html.escape.
"""

from __future__ import annotations

from html import escape
from typing import Any

CSS = """
:root { color-scheme: light; --ink: #1f2328; --muted: #656d76; --line: #d0d7de;
  --bar: #4a6fa5; --good: #1a7f37; --mid: #9a6700; --bad: #cf222e; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ink); margin: 0 auto; max-width: 1100px; padding: 24px; }
h1 { margin: 0 0 4px; font-size: 26px; } h2 { margin-top: 36px; font-size: 20px; }
h3 { margin: 0 0 4px; font-size: 17px; } h4 { margin: 14px 0 4px; font-size: 15px; }
.muted { color: var(--muted); }
.stats { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; padding: 0; }
.stats div { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; }
.stats dt { font-size: 12px; color: var(--muted); } .stats dd { margin: 0; font-size: 20px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line);
  vertical-align: top; }
th { font-size: 13px; color: var(--muted); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.score-good { color: var(--good); font-weight: 600; }
.score-mid { color: var(--mid); font-weight: 600; }
.score-bad { color: var(--bad); font-weight: 600; }
.error { color: var(--bad); }
.sev { display: inline-block; min-width: 62px; font-size: 12px; font-weight: 600; }
.sev-error { color: var(--bad); } .sev-warning { color: var(--mid); }
.sev-info { color: var(--bar); }
svg { max-width: 100%; height: auto; font: 12px system-ui, sans-serif; }
svg .bar { fill: var(--bar); } svg .axis { stroke: var(--line); }
svg text { fill: var(--ink); } svg .label { fill: var(--muted); }
section.learner { border-top: 1px solid var(--line); padding: 14px 0; }
section.learner:target { background: #fff8c5; }
ul.findings { list-style: none; padding: 0; margin: 0; }
ul.findings li { margin: 6px 0 10px; }
.suggestion { color: var(--muted); }
code { font-size: 13px; }
a { color: #0969da; }
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; " \
      "form-action 'none'"


def _e(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


def _score_class(score: float | None) -> str:
    if score is None:
        return ""
    return "score-good" if score >= 75 else "score-mid" if score >= 50 else "score-bad"


def _fmt(score: float | None) -> str:
    if score is None:
        return "\u2014"
    return f"{score:g}"


def _pct(share: float) -> str:
    return f"{share * 100:.0f}%"


def prevalence_chart(prevalence: list[dict]) -> str:
    """Horizontal bars: the share of submissions showing each anti-pattern."""
    rows = [p for p in prevalence if p["submissions"]]
    if not rows:
        return '<p class="muted">No anti-pattern was found in any submission.</p>'
    label_w, bar_w, row_h = 200, 380, 24
    width, height = label_w + bar_w + 90, row_h * len(rows) + 8
    parts = [f'<svg role="img" aria-label="Share of submissions showing each anti-pattern" '
             f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">']
    for i, p in enumerate(rows):
        y = 4 + i * row_h
        w = max(1.0, bar_w * p["share"])
        text = f'{_pct(p["share"])} ({p["submissions"]})'
        parts.append(
            f'<g><title>{_e(p["rule"])}: {_e(text)}</title>'
            f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end">{_e(p["rule"])}</text>'
            f'<rect class="bar" x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 8}"'
            f' rx="2"/><text class="label" x="{label_w + w + 6:.1f}" y="{y + 16}">'
            f'{_e(text)}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def histogram_chart(bins: list[dict]) -> str:
    """Vertical bars: how many submissions scored in each 10-point band."""
    top = max((b["count"] for b in bins), default=0) or 1
    bar_w, gap, plot_h, left, bottom = 48, 10, 160, 10, 40
    width = left * 2 + len(bins) * (bar_w + gap)
    height = plot_h + bottom + 20
    parts = [f'<svg role="img" aria-label="Histogram of submission scores" '
             f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
             f'<line class="axis" x1="{left}" y1="{plot_h + 20}" x2="{width - left}" '
             f'y2="{plot_h + 20}"/>']
    for i, b in enumerate(bins):
        x = left + i * (bar_w + gap) + gap / 2
        h = plot_h * b["count"] / top
        y = plot_h + 20 - h
        band = f'{b["from"]}\u2013{b["to"] if b["to"] == 100 else b["to"] - 1}'
        parts.append(
            f'<g><title>{band}: {b["count"]}</title>'
            f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{bar_w}" height="{h:.1f}"/>'
            f'<text x="{x + bar_w / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle">'
            f'{b["count"]}</text>'
            f'<text class="label" x="{x + bar_w / 2:.1f}" y="{plot_h + 36}" '
            f'text-anchor="middle">{band}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def _stats(cohort: dict) -> str:
    items = [("Submissions", cohort["submissions"]), ("Scored", cohort["scored"])]
    if cohort["errors"]:
        items.append(("Errors", cohort["errors"]))
    if cohort["unanswered"]:
        items.append(("Empty", cohort["unanswered"]))
    dist = cohort["score"]
    if dist:
        items += [("Min", dist["min"]), ("Q1", dist["q1"]), ("Median", dist["median"]),
                  ("Mean", dist["mean"]), ("Q3", dist["q3"]), ("Max", dist["max"])]
    cells = "".join(f"<div><dt>{_e(k)}</dt><dd>{_e(_fmt(v) if isinstance(v, float) else v)}"
                    f"</dd></div>" for k, v in items)
    return f'<dl class="stats">{cells}</dl>'


def _questions(questions: list[dict]) -> str:
    if not questions:
        return '<p class="muted">No answers were scored.</p>'
    rows = []
    for q in questions:
        top = q["top_problem"]
        problem = (f'<code>{_e(top["rule"])}</code> in {top["answers"]} of {q["answers"]} '
                   f'({_pct(top["share"])})' if top else '<span class="muted">none</span>')
        rows.append(f'<tr><td>{_e(q["question"])}</td><td class="num">{q["answers"]}</td>'
                    f'<td class="num {_score_class(q["mean_score"])}">{_fmt(q["mean_score"])}'
                    f'</td><td>{problem}</td></tr>')
    return ('<table><thead><tr><th>Question</th><th class="num">Answers</th>'
            '<th class="num">Mean score</th><th>Most common problem</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def _learner_rows(submissions: list[dict]) -> str:
    rows = []
    for n, sub in enumerate(submissions, 1):
        if sub["error"] and not sub["answer_count"]:
            problem = f'<span class="error">{_e(sub["error"])}</span>'
        elif sub["top_findings"]:
            problem = ", ".join(f'<code>{_e(f["rule"])}</code>' for f in sub["top_findings"])
        elif not sub["answer_count"]:
            problem = '<span class="muted">empty: nothing to score</span>'
        else:
            problem = '<span class="muted">no findings</span>'
        rows.append(
            f'<tr><td class="num">{n}</td><td><a href="#s{n}">{_e(sub["id"])}</a></td>'
            f'<td class="num {_score_class(sub["score"])}">{_fmt(sub["score"])}</td>'
            f'<td class="num">{sub["answer_count"]}</td>'
            f'<td class="num">{sub["finding_count"]}</td><td>{problem}</td></tr>')
    return ('<table><thead><tr><th class="num">#</th><th>Learner</th>'
            '<th class="num">Score</th><th class="num">Answers</th>'
            '<th class="num">Findings</th><th>Top problems</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def _finding_item(f: dict) -> str:
    return (f'<li><span class="sev sev-{_e(f["severity"])}">{_e(f["severity"])}</span> '
            f'line {f["line"]}, column {f["column"]}: <code>{_e(f["code"])} {_e(f["rule"])}</code>'
            f' \u2014 {_e(f["message"])}<br><span class="suggestion">Suggestion: '
            f'{_e(f["suggestion"])}</span></li>')


def _learner_section(n: int, sub: dict) -> str:
    head = (f'<section class="learner" id="s{n}"><h3>{_e(sub["id"])} '
            f'<span class="{_score_class(sub["score"])}">{_fmt(sub["score"])}</span></h3>'
            f'<p class="muted">{_e(sub["location"])} \u00b7 {sub["answer_count"]} answer'
            f'{"s" if sub["answer_count"] != 1 else ""} \u00b7 {sub["finding_count"]} finding'
            f'{"s" if sub["finding_count"] != 1 else ""} \u00b7 <a href="#learners">back to the '
            f'list</a></p>')
    body = []
    if sub["error"]:
        body.append(f'<p class="error">{_e(sub["error"])}</p>')
    if not sub["answers"] and not sub["error"]:
        body.append('<p class="muted">Empty: nothing to score.</p>')
    groups: dict[tuple, list[dict]] = {}
    for f in sub["findings"]:
        groups.setdefault((f["location"], f["question"]), []).append(f)
    shown: set[tuple] = set()
    for a in sub["answers"]:
        key = (a["location"], a["question"])
        if key in shown:
            continue
        shown.add(key)
        signals = f' \u00b7 strengths: {_e(", ".join(a["signals"]))}' if a["signals"] else ""
        where = "" if a["location"] == sub["location"] else f'{_e(a["location"])}, '
        body.append(f'<h4>{_e(a["question"])} <span class="{_score_class(a["score"])}">'
                    f'{a["score"]}</span></h4><p class="muted">{where}from line '
                    f'{a["line"]}{signals}</p>')
        found = groups.get(key, [])
        body.append(f'<ul class="findings">{"".join(_finding_item(f) for f in found)}</ul>'
                    if found else '<p class="muted">No findings.</p>')
    leftover = [f for key, fs in groups.items() if key not in shown for f in fs]
    if leftover:
        body.append(f'<ul class="findings">{"".join(_finding_item(f) for f in leftover)}</ul>')
    return head + "".join(body) + "</section>"


def render_html(report: dict[str, Any]) -> str:
    cohort = report["cohort"]
    subs = report["submissions"]
    return "".join([
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f'<title>critique batch report: {cohort["submissions"]} submissions</title>',
        f'<style>{CSS}</style></head><body>',
        '<header id="top"><h1>Cohort report</h1>',
        f'<p class="muted">critique {_e(report["version"])} \u00b7 line numbers count lines '
        'within each answer text (for CSV and JSONL rows) or within the file.</p></header>',
        _stats(cohort),
        '<h2>Anti-pattern prevalence</h2><p class="muted">Share of submissions showing each '
        'anti-pattern at least once.</p>', prevalence_chart(cohort["prevalence"]),
        '<h2>Score distribution</h2>', histogram_chart(cohort["histogram"]),
        '<h2>Most common problem per question</h2>', _questions(cohort["questions"]),
        '<h2 id="learners">Learners</h2>', _learner_rows(subs),
        '<h2>Findings by learner</h2>',
        *(_learner_section(n, sub) for n, sub in enumerate(subs, 1)),
        '</body></html>\n',
    ])
