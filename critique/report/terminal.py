"""Where the human view goes: whether it is coloured and how wide it may be."""

from __future__ import annotations

import os
import shutil

COLOR_CHOICES = ("auto", "always", "never")


def isatty(stream) -> bool:
    return bool(getattr(stream, "isatty", lambda: False)())


def use_color(stream, choice: str = "auto") -> bool:
    """`--color always` or `never` decides; `auto` follows NO_COLOR (no-color.org), then
    FORCE_COLOR (force-color.org), then whether the stream is a terminal.  Either variable
    counts when it is set and not empty, whatever its value."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return isatty(stream)


def width() -> int:
    """The terminal's width in cells: COLUMNS when set, else the terminal's own, else 80."""
    return shutil.get_terminal_size((80, 24)).columns


def console_for(stream, color: bool | None = None):
    """A rich console on `stream`; `color` None lets rich decide (a terminal, no NO_COLOR).
    When piped it is wide enough that tables do not wrap."""
    from rich.console import Console

    piped = not isatty(stream)
    options = {} if color is None else {
        "force_terminal": color, "no_color": not color,
        "color_system": ("standard" if piped else "auto") if color else None}
    console = Console(file=stream, highlight=False, soft_wrap=True, emoji=False,
                      width=200 if piped else None, **options)
    console.on_broken_pipe = _closed_pipe  # rich's default exits 1; the CLI exits 0 quietly
    return console


def _closed_pipe() -> None:
    raise BrokenPipeError
