"""The command line.  Only typer is imported up front: spaCy, scikit-learn and the rule
engine load inside the commands that need them, so `--help`, `rules` and `explain`
stay fast.
"""

from __future__ import annotations

import functools
import sys

import typer

from critique.errors import CritiqueError, warn
from critique.report import FORMATS

ROLES = ("general", "ai-pm", "ml-pm", "ml-engineer")
SEVERITIES = ("error", "warning", "info")

app = typer.Typer(
    name="critique",
    help="Lint written job-interview answers for the mistakes hiring committees reject.\n\n"
    "`critique PATH...` is the same as `critique check PATH...`.",
    add_completion=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _print_version(value: bool) -> None:
    if value:
        from critique import __version__

        sys.stdout.write(f"critique {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_print_version,
                                       is_eager=True, help="Print the version and exit.")
          ) -> None:
    """Only for --version, an option of the program itself, so --help lists it."""


def _fail(message: str) -> typer.Exit:
    sys.stderr.write(f"critique: {message}\n")
    return typer.Exit(2)


def _choice(value: str | None, allowed: tuple[str, ...], option: str) -> str | None:
    if value is not None and value not in allowed:
        raise _fail(f"invalid value for {option}: {value!r} (choose from {', '.join(allowed)})")
    return value


def _split(values: list[str] | None) -> tuple[str, ...] | None:
    if not values:
        return None
    return tuple(part.strip() for v in values for part in v.split(",") if part.strip())


def _globs(values: list[str] | None):
    """Command-line globs, read from the current folder."""
    import os

    from critique.reading.exclude import anchored

    split = _split(values)
    return None if split is None else anchored(split, os.getcwd())


def settings_resolver(config: str | None, **overrides):
    """Per-file settings: the config found for the file, then command-line overrides."""

    from critique.config import find_settings, load_settings_file

    explicit = load_settings_file(config) if config else None
    extend_exclude = overrides.pop("extend_exclude", None)  # adds to the file's, as in ruff

    @functools.cache
    def for_folder(folder: str):
        base = explicit or find_settings(folder + "/_")
        if extend_exclude:
            base = base.with_overrides(extend_exclude=base.extend_exclude + extend_exclude)
        chosen = set(overrides.get("select") or ()) | set(overrides.get("extend_select") or ())
        if chosen and not overrides.get("ignore"):
            # A rule named on the command line beats the file's `ignore`.
            base = base.with_overrides(ignore=tuple(i for i in base.ignore if i not in chosen))
        return base.with_overrides(**overrides)

    def settings_for(path: str):
        import os

        folder = os.getcwd() if path == "-" else os.path.dirname(os.path.abspath(path))
        return for_folder(folder)

    return settings_for


@app.command()
def check(
    paths: list[str] = typer.Argument(
        None, help="Files (.txt, .md), directories, or - for stdin (the default with "
                   "--stdin-filename)."),
    role: str = typer.Option(None, "--role", "-r", help="general, ai-pm, ml-pm or ml-engineer."),
    fmt: str = typer.Option("human", "--format", "-f",
                            help="human, concise, json, json-scores (each answer's score), "
                                 "github or sarif."),
    fail_on: str = typer.Option(None, "--fail-on",
                                help="Lowest severity that fails the run (default: warning)."),
    select: list[str] = typer.Option(None, "--select", help="Only these slugs or code prefixes."),
    ignore: list[str] = typer.Option(None, "--ignore", help="Skip these slugs or code prefixes."),
    extend_select: list[str] = typer.Option(None, "--extend-select",
                                            help="Add slugs or code prefixes to the selection."),
    config: str = typer.Option(None, "--config", help="Use this configuration file."),
    no_model: bool = typer.Option(False, "--no-model", help="Rules only; skip the classifier."),
    preview: bool = typer.Option(False, "--preview",
                                 help="Also run the checks marked preview in `critique rules`."),
    no_score: bool = typer.Option(False, "--no-score", help="Human format: hide answer scores."),
    exclude: list[str] = typer.Option(
        None, "--exclude", metavar="GLOB",
        help="Skip these paths in folders, replacing the default list (.git, .venv, venv, "
             "node_modules...) and the configuration's `exclude`."),
    extend_exclude: list[str] = typer.Option(
        None, "--extend-exclude", metavar="GLOB", help="Skip these paths too."),
    force_exclude: bool = typer.Option(
        None, "--force-exclude/--no-force-exclude",
        help="Apply the exclusions to paths named on the command line too."),
    respect_gitignore: bool = typer.Option(
        None, "--respect-gitignore/--no-respect-gitignore",
        help="Skip what .gitignore ignores in a git work tree (default: on)."),
    stdin_filename: str = typer.Option(
        None, "--stdin-filename", metavar="NAME",
        help="Read standard input as this file: its suffix (.md: a journal), its "
             "configuration, and the path every format reports."),
    quiet: bool = typer.Option(
        False, "--quiet", "-q",
        help="Print the findings and nothing else: no scores, no summary, no warnings "
             "(errors still go to stderr)."),
    exit_zero: bool = typer.Option(
        False, "--exit-zero",
        help="Exit 0 even when findings reach --fail-on (2 still means the run failed)."),
    statistics: bool = typer.Option(
        False, "--statistics",
        help="Print how many findings each rule produced instead of the findings "
             "(human, concise or json)."),
    color: str = typer.Option(
        "auto", "--color",
        help="auto, always or never. auto: colour on a terminal; NO_COLOR turns it off, "
             "FORCE_COLOR on."),
) -> None:
    """Check answers and report findings (exit 1 when any reaches --fail-on)."""
    from critique.report.terminal import COLOR_CHOICES, use_color

    _choice(role, ROLES, "--role")
    _choice(fmt, FORMATS, "--format")
    _choice(fail_on, SEVERITIES, "--fail-on")
    _choice(color, COLOR_CHOICES, "--color")
    if statistics and fmt not in ("human", "concise", "json"):
        raise _fail(f"--statistics works with --format human, concise or json, not {fmt}")
    if not paths:
        if not stdin_filename:
            raise _fail("no path given: name files or folders, or - for standard input")
        paths = ["-"]
    from critique.engine import lint_paths
    from critique.findings import at_least
    from critique.report import render

    settings_for = settings_resolver(
        config, role=role, fail_on=fail_on, select=_split(select), ignore=_split(ignore),
        extend_select=_split(extend_select), model=False if no_model else None,
        preview=True if preview else None,
        exclude=_globs(exclude), extend_exclude=_globs(extend_exclude),
        force_exclude=force_exclude, respect_gitignore=respect_gitignore)
    results, errors = lint_paths(paths, settings_for, warn=_silent if quiet else warn,
                                 stdin_name=stdin_filename)
    if statistics:
        from critique.report.statistics import render as render_statistics

        render_statistics(results, sys.stdout, as_json=fmt == "json")
    else:
        render(fmt, results, _rules_for(results, settings_for), sys.stdout,
               show_scores=not (no_score or quiet), summary=not quiet,
               color=use_color(sys.stdout, color))
    sys.stdout.flush()
    for message in errors:
        sys.stderr.write(f"critique: {message}\n")
    if errors:
        raise typer.Exit(2)
    failing = any(at_least(f.severity, settings_for(r.path).fail_on)
                  for r in results for f in r.findings)
    raise typer.Exit(1 if failing and not exit_zero else 0)


def _silent(message: str) -> None:
    """--quiet: warnings are dropped (errors are not warnings: they still print)."""


def _rules_for(results, settings_for):
    """The rules a report may describe (SARIF lists them): preview ones only when on."""
    from critique.packs import load_rules_cached

    settings = {settings_for(r.path) for r in results if r.error is None}
    paths = {s.rule_paths for s in settings} or {()}
    preview = any(s.preview for s in settings)
    by_slug = {}
    for rule_paths in sorted(paths):
        for rule in load_rules_cached(rule_paths):
            if preview or not rule.preview:
                by_slug.setdefault(rule.slug, rule)
    return list(by_slug.values())


@app.command("rules")
def list_rules(
    fmt: str = typer.Option("table", "--format", "-f", help="table or json."),
    config: str = typer.Option(None, "--config", help="Include this configuration's rule-paths."),
) -> None:
    """List every rule: code, slug, severity, scope and roles."""
    _choice(fmt, ("table", "json"), "--format")
    from critique.docs import rules_json, rules_table

    rules = _load_for_listing(config)
    if fmt == "json":
        sys.stdout.write(rules_json(rules) + "\n")
    else:
        rules_table(rules, sys.stdout)


def _load_for_listing(config: str | None):
    from critique.config import find_settings, load_settings_file
    from critique.packs import load_rules_cached

    settings = load_settings_file(config) if config else find_settings("./_")
    return load_rules_cached(settings.rule_paths)


@app.command()
def explain(
    rule: str = typer.Argument(..., help="A slug (tool-over-outcome) or a code (CQ101)."),
    config: str = typer.Option(None, "--config", help="Include this configuration's rule-paths."),
) -> None:
    """Explain a rule: what it finds, why it hurts, a bad example and a better one."""
    from critique.docs import find_rule, rule_page

    found = find_rule(_load_for_listing(config), rule)
    if found is None:
        raise _fail(f"unknown rule {rule!r}; `critique rules` lists them")
    sys.stdout.write(rule_page(found))


def _register_optional_commands() -> None:
    """Commands that live in their own modules; each module imports only typer up front."""
    import importlib

    for module, name in (("critique.batch.command", "batch"),
                         ("critique.model.commands", "train"),
                         ("critique.model.commands", "evaluate")):
        try:
            function = getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError):
            continue
        app.command(name)(function)


_register_optional_commands()
COMMANDS = {"check", "rules", "explain", "batch", "train", "evaluate"}


def main(argv: list[str] | None = None) -> None:
    try:
        code = _run(list(sys.argv[1:] if argv is None else argv))
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`critique . | head`): stop quietly and successfully, as
        # other command-line tools do; nothing we could still say would be read.
        _drop_closed_pipes()
        code = 0
    sys.exit(code or 0)


def _drop_closed_pipes() -> None:
    """Point a closed stdout or stderr at /dev/null, so the interpreter's last flush
    raises no second BrokenPipeError (which would print a warning and exit 120)."""
    import os

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):
            try:
                os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
            except (OSError, ValueError):
                pass


def _run(args: list[str]) -> int:
    """Run one command; every failure becomes one line on stderr and exit status 2.

    The command is invoked directly rather than through click's `main`, which turns a
    closed pipe into exit status 1: here a BrokenPipeError reaches `main` untouched."""
    try:  # typer >= 0.16 vendors click; older releases use the real one
        from typer._click import exceptions as click_errors
    except ImportError:  # pragma: no cover
        from click import exceptions as click_errors

    if args and args[0] not in COMMANDS and args[0] not in ("-h", "--help", "--version"):
        args.insert(0, "check")
    command = typer.main.get_command(app)
    try:
        with command.make_context("critique", args) as ctx:
            command.invoke(ctx)
        code = 0
    except click_errors.NoArgsIsHelpError as exc:
        sys.stdout.write(exc.ctx.get_help() + "\n")
        code = 0
    except click_errors.UsageError as exc:
        sys.stderr.write(f"critique: {exc.format_message()}\n")
        code = 2
    except typer.Exit as exc:
        code = exc.exit_code
    except (typer.Abort, EOFError):
        sys.stderr.write("critique: aborted\n")
        code = 2
    except CritiqueError as exc:
        sys.stderr.write(f"critique: {exc}\n")
        code = 2
    except BrokenPipeError:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("critique: interrupted\n")
        code = 130
    except Exception as exc:  # a bug of ours: one line, the traceback only on request
        import os

        if os.environ.get("CRITIQUE_DEBUG"):
            raise
        sys.stderr.write(f"critique: internal error: {type(exc).__name__}: {exc} "
                         "(set CRITIQUE_DEBUG=1 for the traceback)\n")
        code = 2
    return code or 0
