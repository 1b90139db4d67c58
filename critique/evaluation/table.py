"""`critique evaluate`'s table: real answers and the written test split side by side."""

from __future__ import annotations


def _pr(row: dict | None) -> str:
    if not row or not (row.get("findings") or row.get("gold")):
        return "-"
    p = "-" if row["precision"] is None else f"{row['precision']:.2f}"
    r = "-" if row["recall"] is None else f"{row['recall']:.2f}"
    return f"{p} / {r} ({row['right']}/{row['findings']}, {row['found']}/{row['gold']})"


def _f1(written: dict, slug: str, column: str) -> str:
    for scope in ("sentences", "answers"):
        row = written.get(scope, {}).get(slug)
        if row and row.get(column):
            return f"{row[column]['f1']:.2f}"
    return "-"


def print_report(real: dict, written: dict, stream) -> None:
    from rich.table import Table

    from critique.evaluation.written import macro_f1
    from critique.report.human import console_for

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
            "-" if not model or model["precision"] is None else
            f"{model['precision']:.2f} ({model['right']}/{model['findings']})",
            _pr(real["all"].get(slug)),
            _f1(written, slug, "rules"), _f1(written, slug, "model"), _f1(written, slug, "both"))
    console = console_for(stream)
    console.print(table)
    s = real["summary"]
    console.print(
        f"Real {split}, default output: precision {_num(s['default']['precision'])} "
        f"({s['default']['right']}/{s['default']['findings']}), recall "
        f"{_num(s['default']['recall'])} of the gold labels of default checks "
        f"({s['default']['found']}/{s['default']['gold']}), "
        f"{_num(s['default_vs_all_gold']['recall'])} of all gold labels.")
    console.print(
        f"Real {split}, every check (--preview): precision {_num(s['all']['precision'])}, "
        f"recall {_num(s['all']['recall'])}.")
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


def _num(value) -> str:
    return "-" if value is None else f"{value:.2f}"
