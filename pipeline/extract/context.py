"""Whether the words around a mention say this decision does not fund it (``rules/context.yml``):
"Drive ... was also considered", "Goleudy is funded separately", "was delivered by Cranstoun"."""

from __future__ import annotations

from functools import cache

import regex

from pipeline.extract.rules import load_yaml

_CLAUSE_END = regex.compile(r";|\.\s")


@cache
def _not_funded() -> regex.Pattern:
    return regex.compile("|".join(f"(?:{p})" for p in load_yaml("context.yml")["not_funded"]), regex.IGNORECASE)


def clause(sentence: str, start: int, end: int) -> str:
    """The clause of ``sentence`` that holds ``sentence[start:end]``: from the ";" before it to the ";" after."""
    before = [m.end() for m in _CLAUSE_END.finditer(sentence, 0, start)]
    after = _CLAUSE_END.search(sentence, end)
    return sentence[before[-1] if before else 0 : after.start() if after else len(sentence)]


def not_funded_here(sentence: str, start: int, end: int) -> bool:
    """Whether the clause holding the mention says the decision does not fund it."""
    return bool(_not_funded().search(clause(sentence, start, end)))
