"""Rule documentation generated from the rule packs: `critique rules`, `critique explain`,
and the rule list in the README (kept in sync by a test)."""

from __future__ import annotations

import json
import re
import textwrap

from critique.packs import ROLES

SCOPE_LABEL = {"sentence": "sentence", "answer": "answer", "both": "sentence or answer"}


def roles_label(rule) -> str:
    """'all', or the roles that differ from the default severity, grouped."""
    groups: dict[str, list[str]] = {}
    for role in ROLES:
        sev = rule.severity_for(role)
        if sev != rule.severity:
            groups.setdefault(sev or "off", []).append(role)
    if not groups:
        return "all"
    return "; ".join(f"{'/'.join(roles)}: {sev}" for sev, roles in groups.items())


def find_rule(rules, name: str):
    key = name.strip().lower()
    for rule in rules:
        if rule.slug == key or rule.code.lower() == key:
            return rule
    return None


def rules_json(rules) -> str:
    return json.dumps([{
        "code": r.code, "slug": r.slug, "kind": r.kind, "severity": r.severity, "scope": r.scope,
        "roles": {role: (r.severity_for(role) or "off") for role in ROLES},
        "message": r.message, "preview": r.preview, "path": r.path,
    } for r in rules], indent=2)


def rules_table(rules, stream) -> None:
    from rich.table import Table

    from critique.report.human import console_for

    table = Table(title=None, box=None, pad_edge=False, show_edge=False)
    for column in ("code", "slug", "severity", "scope", "roles", "kind", "status"):
        table.add_column(column, no_wrap=column in ("code", "slug"))
    for r in rules:
        table.add_row(r.code, r.slug, r.severity, SCOPE_LABEL[r.scope], roles_label(r), r.kind,
                      status(r))
    console = console_for(stream)
    console.print(table)
    if any(r.preview for r in rules):
        console.print("preview: off by default; run with --preview (or preview = true in "
                      "configuration).")


def status(rule) -> str:
    return "preview" if rule.preview else "stable"


def _para(text: str) -> str:
    return "\n".join(textwrap.wrap(" ".join(text.split()), 88))


PREVIEW_NOTE = ("Status: preview. Off by default: its findings on real answers are not yet "
                "right often enough. Run it with --preview (or preview = true in "
                "configuration).\n")


def rule_page(rule) -> str:
    """The ruff-style page: What it finds / Why it hurts / Example / Use instead."""
    bad = "\n".join(f"    {e.text}".replace("\n", "\n    ") for e in rule.bad[:3])
    good = "\n".join(f"    {e.text}".replace("\n", "\n    ") for e in rule.good[:3])
    return (
        f"{rule.code} {rule.slug}\n"
        f"{'=' * (len(rule.code) + len(rule.slug) + 1)}\n\n"
        f"Severity: {rule.severity}    Scope: {SCOPE_LABEL[rule.scope]}    "
        f"Roles: {roles_label(rule)}    Kind: {rule.kind}\n"
        f"{PREVIEW_NOTE if rule.preview else ''}\n"
        f"What it finds\n-------------\n{_para(rule.finds)}\n\n"
        f"Why it hurts\n------------\n{_para(rule.why)}\n\n"
        f"Example\n-------\n{bad}\n\n"
        f"Use instead\n-----------\n{good}\n\n"
        f"Suggestion\n----------\n{_para(rule.suggestion)}\n\n"
        f"Defined in {rule.path}\n"
    )


def readme_rule_list(rules) -> str:
    """The Markdown table the README carries between its rule-list markers."""
    lines = ["| code | slug | severity | scope | roles | status | what it finds |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for r in rules:
        lines.append(f"| {r.code} | `{r.slug}` | {r.severity} | {SCOPE_LABEL[r.scope]} | "
                     f"{roles_label(r)} | {status(r)} | {summary(r)} |")
    return "\n".join(lines)


def summary(rule) -> str:
    """One line on what a rule finds, with no `{placeholder}` left: its message without
    the asides that hold one, or, when the message needs its values, the first clause of
    `finds` ("The question asks about {label}..." says nothing without the label)."""
    text = re.sub(r"\s*\([^)]*\{\w+\}[^)]*\)", "", " ".join(rule.message.split()))
    if re.search(r"\{\w+\}", text):
        finds = " ".join(rule.finds.split())
        text = re.split(r"(?<=[.:])\s", finds, maxsplit=1)[0].rstrip(".:") + "."
    return text


if __name__ == "__main__":  # python -m critique.docs: the README's rule table
    from critique.packs import load_rules

    print(readme_rule_list(load_rules()))
