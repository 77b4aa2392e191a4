"""Sums of money: find them in text, parse them to ``Decimal``, say what they are.

The one place where money is parsed. Never a float: every value is a
``Decimal`` quantised to pence. Rules (markers, multipliers, qualifiers, role
words) are in ``rules/money.yml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

import regex

from pipeline.extract.rules import load_yaml

PENNY = Decimal("0.01")
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"


@dataclass(frozen=True)
class MoneyMatch:
    start: int
    end: int
    raw: str
    amount: Decimal
    qualifier: str


@dataclass(frozen=True)
class _Compiled:
    money: regex.Pattern
    cell: regex.Pattern
    multipliers: dict[str, Decimal]
    before: list[tuple[regex.Pattern, str]]
    after: list[tuple[regex.Pattern, str]]
    threshold_after: regex.Pattern
    threshold_before: regex.Pattern
    threshold_sentence: regex.Pattern
    roles: list[tuple[str, regex.Pattern]]
    role_window: int


@cache
def _rules() -> _Compiled:
    data = load_yaml("money.yml")
    markers = "|".join(data["currency_markers"])
    multipliers = {k.lower(): Decimal(str(v)) for k, v in data["multipliers"].items()}
    mult = "|".join(sorted((regex.escape(k) for k in multipliers), key=len, reverse=True))
    money = regex.compile(
        # not inside a word or number, but "c.£373k" (circa) is a sum
        rf"(?:(?<![\w.,])|(?<=\b(?:c|ca|approx)\.))(?:{markers})\s?(?P<num>(?>{_NUMBER}))(?![/\-–]\d)(?:\s?(?P<mult>{mult})\b)?",
        regex.IGNORECASE,
    )
    # A table cell: an optional marker, a number, an optional multiplier, nothing else.
    cell = regex.compile(
        rf"^\s*\(?\s*(?:{markers})?\s?(?P<num>{_NUMBER})(?:\s?(?P<mult>{mult}))?\s*\)?\s*$",
        regex.IGNORECASE,
    )
    before = [
        (regex.compile(rf"(?:^|[^\w])(?:{pat})\s*$", regex.IGNORECASE), label)
        for pat, label in data["qualifiers_before"].items()
    ]
    after = [
        (regex.compile(rf"^\s*(?:{pat})(?!\w)", regex.IGNORECASE), label)
        for pat, label in data["qualifiers_after"].items()
    ]
    thr = data["threshold"]
    return _Compiled(
        money=money,
        cell=cell,
        multipliers=multipliers,
        before=before,
        after=after,
        threshold_after=regex.compile(thr["after"], regex.IGNORECASE),
        threshold_before=regex.compile(thr["before"], regex.IGNORECASE),
        threshold_sentence=regex.compile(thr["sentence"], regex.IGNORECASE),
        roles=[(role, regex.compile(pat, regex.IGNORECASE)) for role, pat in data["roles"].items()],
        role_window=int(data["role_window"]),
    )


def _to_decimal(number: str, multiplier: str | None) -> Decimal | None:
    try:
        value = Decimal(number.replace(",", ""))
        if multiplier:
            factor = _rules().multipliers.get(multiplier.lower())
            if factor is None:
                return None
            value *= factor
        return value.quantize(PENNY)
    except InvalidOperation:  # a run of digits too long to be a sum
        return None


def format_amount(value: Decimal) -> str:
    """``Decimal('84500')`` → ``'84500.00'``: plain, two places, no separators."""
    return f"{value.quantize(PENNY):f}"


def parse_amount(text: str) -> Decimal | None:
    """Parse one sum as printed (``£84,500``, ``£0.600m``, ``1,510k``, ``PS865,312``, ``171,790``).

    Returns None for anything that is not exactly one sum. Never raises.
    """
    if not isinstance(text, str) or len(text) > 60:
        return None
    m = _rules().cell.match(text.replace("\u00a0", " "))
    if not m:
        return None
    return _to_decimal(m.group("num"), m.group("mult"))


def qualifier_for(text: str, start: int, end: int) -> str:
    """The qualifier printed just before or after the sum at ``text[start:end]``."""
    rules = _rules()
    head = text[max(0, start - 30) : start]
    tail = text[end : end + 30]
    for pattern, label in rules.before:
        if pattern.search(head):
            return label
    for pattern, label in rules.after:
        if pattern.search(tail):
            return label
    return ""


def money_pattern() -> regex.Pattern:
    """The pattern :func:`find_money` looks for: no match of it in a text, no sum found there."""
    return _rules().money


def find_money(text: str) -> list[MoneyMatch]:
    """Every sum introduced by a currency marker in ``text``. Never raises."""
    out: list[MoneyMatch] = []
    for m in _rules().money.finditer(text):
        if m.group("num") == "000" and not m.group("mult"):
            continue  # "All figures are in £000": the unit of a table, not a sum
        amount = _to_decimal(m.group("num"), m.group("mult"))
        if amount is None:
            continue
        out.append(MoneyMatch(m.start(), m.end(), m.group(0), amount, qualifier_for(text, m.start(), m.end())))
    return out


def is_threshold(sentence: str, start: int, end: int) -> bool:
    """Whether the sum at ``sentence[start:end]`` is a limit in a rule, not money spent."""
    rules = _rules()
    if rules.threshold_after.search(sentence[end : end + 20]):
        return True
    before = sentence[max(0, start - 40) : start]
    return bool(rules.threshold_before.search(before) and rules.threshold_sentence.search(sentence))


def role_for(sentence: str, start: int, end: int) -> str:
    """What the sum at ``sentence[start:end]`` is, from the nearest role word in its sentence."""
    rules = _rules()
    if is_threshold(sentence, start, end):
        return "threshold"
    best: tuple[int, int, str] | None = None
    for rank, (role, pattern) in enumerate(rules.roles):
        for m in pattern.finditer(sentence):
            if m.end() <= start:
                distance = start - m.end()
            elif m.start() >= end:
                distance = m.start() - end + 10  # a word before the sum says more than one after
            else:
                continue
            if distance > rules.role_window:
                continue
            key = (distance, rank, role)
            if best is None or key < best:
                best = key
    return best[2] if best else ""
