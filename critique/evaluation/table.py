"""`critique evaluate`'s table: real answers and the written test split side by side."""

from __future__ import annotations


def _ratio(part: int, whole: int) -> str:
    """From the counts, so a rate is rounded once (40/53 is 0.75, not 0.755 then 0.76)."""
    return f"{part / whole:.2f}" if whole else "-"


def _pr(row: dict | None) -> str:
    if not row or not (row.get("findings") or row.get("gold")):
        return "-"
    return (f"{_ratio(row['right'], row['findings'])} / {_ratio(row['found'], row['gold'])} "
            f"({row['right']}/{row['findings']}, {row['found']}/{row['gold']})")


def _f1(written: dict, slug: str, column: str) -> str:
    for scope in ("sentences", "answers"):
        row = written.get(scope, {}).get(slug)
        if row and row.get(column):
            return f"{row[column]['f1']:.2f}"
    return "-"


def print_report(report: dict, stream) -> None:
    from rich.table import Table

    from critique.evaluation.written import macro_f1
    from critique.report.human import console_for

    real, written = report["real"], report["written"]
    split = real["split"]
    table = Table(title=f"critique evaluate: real {split} split ({real['answers']} answers, "
                        f"{real['sources']} sources) and the written test split")
    for column in ("slug", "status", f"real {split}: default output P / R",
                   "real: rules P / R", "real: model-involved P", "real: all checks P / R",
                   "written F1: rules", "model", "both"):
        table.add_column(column)
    slugs = sorted(set(real["all"]) | set(real["default"]) | set(written.get("sentences", {}))
                   | set(written.get("answers", {})))
    for slug in slugs:
        model = real["model"].get(slug)
        table.add_row(
            slug, "preview" if slug in real["preview"] else "default",
            _pr(real["default"].get(slug)), _pr(real["rules"].get(slug)),
            "-" if not model or not model["findings"] else
            f"{_ratio(model['right'], model['findings'])} ({model['right']}/{model['findings']})",
            _pr(real["all"].get(slug)),
            _f1(written, slug, "rules"), _f1(written, slug, "model"), _f1(written, slug, "both"))
    console = console_for(stream)
    console.print(table)
    s = real["summary"]
    d, every = s["default"], s["all"]
    console.print(
        f"Real {split}, default output: precision {_ratio(d['right'], d['findings'])} "
        f"({d['right']}/{d['findings']}), recall {_ratio(d['found'], d['gold'])} of the gold "
        f"labels of default checks ({d['found']}/{d['gold']}), "
        f"{_ratio(d['found'], s['default_vs_all_gold']['gold'])} of all gold labels.")
    console.print(
        f"Real {split}, every check (--preview): precision "
        f"{_ratio(every['right'], every['findings'])}, recall "
        f"{_ratio(every['found'], every['gold'])}.")
    q = real["question_types"]
    console.print(f"Question types: {q['right']}/{q['answers']} right "
                  f"(accuracy {_num(q['accuracy'])}).")
    if real["calibration"]:
        bins = ", ".join(f"{b['bin']}: {b['right']:.2f} of {b['n']}"
                         for b in real["calibration"])
        console.print(f"Calibration (model-involved findings, confidence bin: share right): "
                      f"{bins}.")
    console.print(f"Written test split: macro F1 {macro_f1(written):.3f} over "
                  f"{sum(len(written.get(k, {})) for k in ('sentences', 'answers'))} slugs.")
    _evidence(console, report.get("evidence", {}), split)
    _agreement(console, report.get("agreement"))


def _evidence(console, evidence: dict, split: str) -> None:
    """What the answer checks compose, sentence by sentence: patterns, model, both."""
    from rich.table import Table

    if not evidence:
        return
    table = Table(title=f"Evidence for the answer checks (precision / recall), {split} split")
    for column in ("evidence", "real: patterns", "real: model", "real: both",
                   "written: patterns", "written: model", "written: both"):
        table.add_column(column)
    for label in sorted(set(evidence.get("real", {})) | set(evidence.get("written", {}))):
        cells = []
        for name in ("real", "written"):
            for how in ("patterns", "model", "both"):
                row = evidence.get(name, {}).get(label, {}).get(how)
                cells.append("-" if not row else
                             f"{_num(row['precision'])} / {_num(row['recall'])} "
                             f"(n={row['support']})")
        table.add_row(label, *cells)
    console.print(table)


def _agreement(console, agreement: dict | None) -> None:
    """How far the two blind annotators agreed before adjudication."""
    from rich.table import Table

    if not agreement:
        return
    table = Table(title=f"Annotator agreement before adjudication ({agreement['answers']} "
                        "committed answers, two annotators each)")
    for column in ("slug", "unit", "kappa", "positive agreement", "both / only A / only B"):
        table.add_column(column)
    for unit in ("sentence", "answer"):
        for slug, row in agreement[unit].items():
            if row["kappa"] is None:
                continue
            table.add_row(slug, unit, _num(row["kappa"]), _num(row["positive_agreement"]),
                          f"{row['both']} / {row['only_a']} / {row['only_b']}")
    console.print(table)
    q = agreement["question_type"]
    console.print(f"Question types: the annotators agreed on {q['agreement']:.0%} "
                  f"(kappa {q['kappa']:.2f}).")


def _num(value) -> str:
    return "-" if value is None else f"{value:.2f}"
