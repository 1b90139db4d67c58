"""Errors that end a run with exit status 2 and one clear line, never a traceback; and
the one-line warning for what does not end it."""

from __future__ import annotations

import sys


def warn(message: str) -> None:
    sys.stderr.write(f"critique: warning: {message}\n")


class CritiqueError(Exception):
    """A problem the user can fix; its message is printed as-is on one line."""


class InputError(CritiqueError):
    """One input file could not be read; the other files of the run go on."""


class RulePackError(CritiqueError):
    """A rule pack or lexicon is invalid."""


class ConfigError(CritiqueError):
    """The configuration file has an unknown key or a value of the wrong type."""


class ModelError(CritiqueError):
    """The model file is missing its manifest, tampered with, or unreadable."""


class PatternTimeout(CritiqueError):
    """A user's pattern ran too long on one text and was stopped: that file is an error,
    the other files of the run go on.  `text` is what it was matching, to find the file."""

    def __init__(self, message: str, text: str = "") -> None:
        super().__init__(message)
        self.text = text

    def __reduce__(self):  # keep `text` when a forked worker sends the error back
        return (PatternTimeout, (str(self), self.text))
