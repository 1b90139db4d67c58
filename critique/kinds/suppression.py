"""suppression: the rule for suppression comments that suppress nothing.

Its findings come from `critique/suppress.py`, which sees every comment after all other
rules ran; this kind only gives that check a rule file, so it is listed, explained,
selected and configured like any other.
"""

from __future__ import annotations

KEYS: set[str] = set()


class Suppression:
    def run(self, answer, doc, ctx) -> list:
        return []


def build(params: dict, lexicons: dict, where: str, scope: str = "sentence") -> Suppression:
    return Suppression()
