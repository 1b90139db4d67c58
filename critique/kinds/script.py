"""script: the escape hatch, a Python function for a check that data cannot express.

    kind = "script"
    function = "my_package.checks:find_thing"   # called as f(answer, doc, ctx) -> hits

The function returns `Hit`s or (start, end) pairs of document offsets.
"""

from __future__ import annotations

import importlib

from critique.errors import RulePackError
from critique.kinds import Hit

KEYS = {"function"}


class Script:
    def __init__(self, params: dict, where: str) -> None:
        target = params.get("function")
        if not isinstance(target, str) or ":" not in target:
            raise RulePackError(f"{where}: key 'function' must be 'module:function'")
        module, _, name = target.partition(":")
        try:
            self.function = getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError) as exc:
            raise RulePackError(
                f"{where}: key 'function': cannot import {target} ({exc})") from None

    def run(self, answer, doc, ctx) -> list[Hit]:
        return [h if isinstance(h, Hit) else Hit(*h) for h in self.function(answer, doc, ctx)]


def build(params: dict, lexicons: dict, where: str, scope: str = "sentence") -> Script:
    return Script(params, where)
