"""Whether the words around a mention say this decision does not fund it (``rules/context.yml``):
"Drive ... was also considered", "Goleudy is funded separately", "previously delivered by Cranstoun"."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

import regex
from spacy.tokens import Doc

from pipeline.extract.dates import MONTH_PATTERN, MONTHS, find_dates, find_periods, month_end
from pipeline.extract.nlp import doc_text, sentence_at
from pipeline.extract.rules import any_of, load_yaml

_CLAUSE_END = regex.compile(r";|\.\s")
_NUMBERING = regex.compile(r"[\s\d.()•▪●◦\uf0b7–-]*")  # what may stand before an option at a block's start


@dataclass(frozen=True)
class _Cues:
    clause: regex.Pattern
    after: regex.Pattern
    before: regex.Pattern
    next_clause: regex.Pattern
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
        next_clause=any_of(cues["next_clause"]),
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
    if b < len(sentence) and sentence[b] == ";" and cues.next_clause.match(sentence, b + 1):
        return True  # "...; that funding is not part of this decision"
    after = sentence[end : min(b, end + cues.after_window)]
    before = sentence[max(a, start - cues.before_window) : start]
    return bool(cues.after.search(after) or cues.before.search(before))


@dataclass(frozen=True)
class _Passages:
    option_start: regex.Pattern
    option_end: regex.Pattern
    option_rejected: regex.Pattern
    option_length: int
    ended_next: regex.Pattern


@cache
def _passage_rules() -> _Passages:
    data = load_yaml("context.yml")["passages"]
    flags = regex.IGNORECASE
    return _Passages(
        option_start=regex.compile(data["option_start"], flags),
        option_end=regex.compile(data["option_end"], flags),
        option_rejected=regex.compile(data["option_rejected"], flags),
        option_length=int(data["option_length"]),
        ended_next=regex.compile(data["ended_next"]),
    )


def unfunded_passages(nlp_doc: Doc) -> list[tuple[int, int]]:
    """Stretches of the text whose every mention is outside this decision: an option the notice turns
    down ("Option 2 – re-commission Inspire to Change. Cranstoun quoted £171,300. Not recommended."), and
    a sentence the next one says has ended ("... the pilot, delivered by Cranstoun. The pilot ends on 31st
    March 2024 and will not be renewed."). Found once per Doc."""
    found = nlp_doc.user_data.get("unfunded_passages")
    if found is not None:
        return found
    rules = _passage_rules()
    text = doc_text(nlp_doc)
    found = []
    if "ption " in text or "PTION " in text:
        blocks = sorted(nlp_doc.user_data.get("block_starts", ()))
        for m in rules.option_start.finditer(text):
            k = bisect_right(blocks, m.start()) - 1
            if k < 0 or not _NUMBERING.fullmatch(text, blocks[k], m.start()):
                continue  # "The Commissioner approves Option 2.": an option only where it opens a block
            end = rules.option_end.search(text, m.end(), min(len(text), m.end() + rules.option_length))
            stop = end.start() if end else min(len(text), m.end() + rules.option_length)
            verdict = rules.option_rejected.search(text, m.start(), stop)
            if verdict:
                # up to the end of the sentence that turns it down ("Option 1 – do nothing. Not recommended."),
                # not what follows it
                found.append((m.start(), sentence_at(nlp_doc, verdict.start())[1]))
    ending = (
        *("renewed", "extended", "continued", "ended", "outside", "not part", "not affected", "not covered"),
        *("will end", "will cease", "will stop"),
        *("rejected", "discounted", "dismissed", "recommended", "pursued", "forward"),
    )  # a cheap test: the words the cue ends with
    for m in rules.ended_next.finditer(text) if any(word in text for word in ending) else ():
        a, _ = sentence_at(nlp_doc, m.end())
        if a >= m.start() - 1 and a > 0:  # the cue opens its sentence; the sentence before is the past one
            before, _ = sentence_at(nlp_doc, a - 2)
            found.append((before, a))
    nlp_doc.user_data["unfunded_passages"] = found
    return found


def in_passages(passages: list[tuple[int, int]], start: int) -> bool:
    return any(a <= start < b for a, b in passages)


@cache
def _past() -> tuple[regex.Pattern, regex.Pattern]:
    data = load_yaml("context.yml")["past"]
    return regex.compile(data["tense"], regex.IGNORECASE), regex.compile(data["runs_on"], regex.IGNORECASE)


def before_this_decision(sentence: str, start: int, end: int, decided: dt.date | None) -> bool:
    """Whether the clause that holds ``sentence[start:end]`` tells of something that ended before the decision
    date ``decided``: past tense, dates or periods all over by then, nothing that runs on."""
    if decided is None:
        return False
    tense, runs_on = _past()
    a, b = clause(sentence, start, end)
    part = sentence[a:b]
    if not tense.search(part) or any(
        not _since_it_ended(part, hit, start - a, end - a) for hit in runs_on.finditer(part)
    ):
        return False
    ends = [p.end for *_, p in find_periods(part) if p.end is not None]
    ends += [d.date for d in find_dates(part)]
    ends += [_month_end(m) for m in _IN_MONTH_OR_YEAR.finditer(part) if _ENDED_JUST_BEFORE.search(part, 0, m.start())]
    return bool(ends) and max(ends) < decided


# a time named by its month or year alone: "ended in March 2024", "were purchased in 2019"
_IN_MONTH_OR_YEAR = regex.compile(
    rf"\b(?:in|during)\s+(?:(?P<month>{MONTH_PATTERN})\.?\s+)?(?P<year>(?:19|20)\d\d)\b(?![/-]\d)",
    regex.IGNORECASE,
)


# a month or year that dates an end: "the pilot ... ended in March 2024", "were purchased in 2019 from X" (not
# "went live in April 2022", "was recommended by the panel in October 2024", "a contract that began in April 2022")
_ENDED_JUST_BEFORE = regex.compile(
    r"\b(?:ended|expired|closed|finished|ceased|stopped|purchased|bought|acquired|installed|supplied|administration"
    r"|liquidation|trading|dissolved)\s+$"
)
_ENDED_AFTER = regex.compile(r"[^.;]{0,60}?\b(?:ended|expired|closed|finished|ceased|stopped)\b")


def _since_it_ended(part: str, hit: regex.Match, start: int, end: int) -> bool:
    """Whether a word that would run the clause on is "since" before the mention, with the mention's own work ending
    after it: "no service since the pilot delivered by X ended in March 2024" (not "X has provided the refuge since
    the previous contract ended")."""
    return hit.group().lower() == "since" and hit.end() <= start and _ENDED_AFTER.match(part, end) is not None


def _month_end(m: regex.Match) -> dt.date:
    """The last day of the month or year a match of ``_IN_MONTH_OR_YEAR`` names."""
    return month_end(int(m.group("year")), MONTHS[m.group("month").lower()] if m.group("month") else 12)
