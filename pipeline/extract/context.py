"""Whether the words around a mention say this decision does not fund it (``rules/context.yml``):
"Drive ... was also considered", "Goleudy is funded separately", "previously delivered by Cranstoun"."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from pipeline.extract.rules import any_of, load_yaml

_CLAUSE_END = regex.compile(r";|\.\s")


@dataclass(frozen=True)
class _Cues:
    clause: regex.Pattern
    after: regex.Pattern
    before: regex.Pattern
    after_window: int
    before_window: int


@cache
def _not_funded() -> _Cues:
    data = load_yaml("context.yml")
    cues = data["not_funded"]
    return _Cues(
        clause=any_of(cues["clause"]),
        after=any_of(cues["after"]),
        before=any_of(cues["before"]),
        after_window=int(data["after_window"]),
        before_window=int(data["before_window"]),
    )


def clause(sentence: str, start: int, end: int) -> tuple[int, int]:
    """Where the clause of ``sentence`` that holds ``sentence[start:end]`` begins and ends (at the
    ";" or sentence end on either side)."""
    before = [m.end() for m in _CLAUSE_END.finditer(sentence, 0, start)]
    after = _CLAUSE_END.search(sentence, end)
    return (before[-1] if before else 0), (after.start() if after else len(sentence))


def not_funded_here(sentence: str, start: int, end: int) -> bool:
    """Whether the clause, or its words just before or after the mention, say the decision does not fund it."""
    cues = _not_funded()
    a, b = clause(sentence, start, end)
    if cues.clause.search(sentence, a, b):
        return True
    after = sentence[end : min(b, end + cues.after_window)]
    before = sentence[max(a, start - cues.before_window) : start]
    return bool(cues.after.search(after) or cues.before.search(before))
