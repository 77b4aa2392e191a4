"""Programmes and services funded: gazetteer names (``rules/programmes.jsonl``) and
capitalised phrases ending in Programme, Project, Service … (``rules/programmes.yml``)."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from typing import TYPE_CHECKING

import regex

from pipeline.extract.context import in_passages, not_funded_here, unfunded_passages
from pipeline.extract.nlp import analyse, doc_text, gazetteer_names, generic_matches, sentence_at
from pipeline.extract.organisations import (
    _DECLARED_UNPAID,
    _NEITHER,
    ORG_LABELS,
    STRONG_SUFFIXES,
    _places,
    _suffixes,
    _words,
    clean_name,
    lot_services,
)
from pipeline.extract.rules import load_yaml
from pipeline.extract.text import squash
from pipeline.read.document import BBox, Document, in_regions

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True)
class ProgrammeRecord:
    programme: str
    page: int
    quote: str


@cache
def _common_acronyms() -> frozenset[str]:
    return frozenset(load_yaml("programmes.yml")["common_acronyms"])


@cache
def _cautious_suffixes() -> frozenset[str]:
    return frozenset(load_yaml("programmes.yml")["cautious_suffixes"])


def _unquoted(name: str, text: str, start: int) -> str:
    """A name without the closing quote of quotes around it ("'Nightsafe Advocates' project")."""
    if name[-1:] in "'’" and text[start - 1 : start] in ("'", "‘"):
        return name[:-1]
    return name


# a form's label printed before its value without a colon ("Subject   Vehicle Fleet Replacement Programme")
_FORM_LABELS = ("Subject", "Title")
# sentence words that are also words of a programme's name ("Youth Diversion Grant Scheme")
_NAME_WORDS = frozenset({"The", "Grant", "Grants", "Funding"})


def _after_break(words: list[str], stop: set[str]) -> list[str]:
    """The words after the last sentence word or number inside a run ("Foundation Two Boxsmart" → "Boxsmart")."""
    cut = 0
    for i, w in enumerate(words[1:], 1):
        if w in stop and w not in _NAME_WORDS:
            cut = i + 1
    return words[cut:]


def _drop_contained(found: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
    names = list(found)
    return {n: found[n] for n in names if not any(o != n and len(o) > len(n) and n.lower() in o.lower() for o in names)}


# two to six words in quotes, the first capitalised ("'Off the Streets'"; not "'Yes'")
@cache
def _bracketed_acronym_names() -> regex.Pattern:
    """Capitalised names with an acronym in brackets before their kind word, compiled once."""
    rules = load_yaml("programmes.yml")
    suffixes = "|".join(regex.escape(w) for w in rules["suffixes"] + rules["lowercase_suffixes"])
    return regex.compile(
        rf"[A-Z][\w'’-]*\s+(?:(?:[A-Z][\w'’-]*|and|of|for|in|on|&)\s+){{0,6}}\([A-Z]{{2,8}}\)\s+(?:{suffixes})\b"
    )


# two to eight words, each capitalised but for a few small ones ("Gloves On, Knives Down", "Try Time")
_TITLE_CASE = regex.compile(
    r"[A-Z][\w'’+-]*,?(?:\s+(?:[A-Z0-9][\w'’+-]*,?|and|of|the|in|on|at|for|to|a|it|up|out|your|our|my|&)){1,7}"
)
_NAME_THEN_WORDS = regex.compile(
    r"(?P<name>[A-Z][\w'’+-]*(?:\s+(?:(?:and|of|the|for|to|&)\s+)?[A-Z][\w'’+-]*){1,5})"
    r"\s+(?:[a-z][\w-]*\s+[a-z]|(?:course|programme|project|scheme|sessions?)$)"
)
# one word, alone or before what kind of thing it is in lower case ("ReSet", "ReSet group programme")
_ONE_WORD_THEN_KIND = regex.compile(
    r"(?P<name>[A-Z][\w'’+-]+)(?:(?:\s+[a-z][\w-]*){0,3}\s+(?:project|programme|scheme|service|course|group))?"
)


# what a cost table's line says after a name in brackets: "Suffolk ISVA Service (adults)", "Caring Dads (Medway)"
_BRACKETS_AFTER = regex.compile(r"\s*\([^()]*\)$")
_ONE_WORD_PROGRAMME = regex.compile(r"\bthe\s+$", regex.IGNORECASE)
# what a sum is paid for: "£36,500 for the Integrated Support Service", "to deliver the ..."
_FOR_WORDS = r"for|deliver|delivering|delivery\s+of|run|running|provide|providing|provision\s+of"
_FOR_THE = regex.compile(rf"\b(?:{_FOR_WORDS})\s+(?:the\s+)?$")
# a sum paid to what follows: "a contribution of £486,300 a year (£1.459m over three years) to the ... Service"
_SUM_TO_THE = regex.compile(r"£[\d,.]+[mk]?(?:\s+(?:a|per)\s+(?:year|annum))?(?:\s*\([^()]{0,40}\))?\s+to\s+the\s+$")
# a list item that defines a programme: "• Steps to Change – a Respect-accredited ... programme"
_DEFINED_ITEM = regex.compile(
    r"^[ \t]*[•▪●◦\uf0b7][ \t]*(?P<name>[A-Z][\w'’&+-]*(?:[ ]+(?:[A-Z][\w'’&+-]*|to|of|for|and|&|the|in)){0,5})"
    r"[ ]+[–—-][ ]+(?:a|an)[ ][^.;\n]{0,80}?\b(?:programme|intervention|service|course|project|scheme)\b",
    regex.MULTILINE,
)
# a priced list item that opens with a name, says in lower case what it is, and who delivers it: "• Cam Nesaf youth
# mentoring for 10 to 17 year olds ..., delivered by Tywi Youth Mentoring CIC – £84,000;"
_ITEM_NAME = r"^[ \t]*[•▪●◦\uf0b7][ \t]*(?P<name>[A-Z][\w'’-]*(?:[ ]+[A-Z][\w'’-]*){0,3})[ ]+"  # "• Cam Nesaf "
_DELIVERED_BY = r"\b(?:delivered|run|provided|led)\s+by\b"
_NAMED_ITEM = regex.compile(
    rf"{_ITEM_NAME}[a-z][\w-]*[ ]+[a-z][^•▪●◦\uf0b7£]{{0,200}}?{_DELIVERED_BY}[^•▪●◦\uf0b7£]{{0,80}}£",
    regex.MULTILINE,
)
# or a list item that names it, a dash, what it is in lower case and who delivers it: "• Street Reach – detached
# youth work in coastal town centres ..., delivered by Coastal Youth Outreach CIC."
_NAMED_ITEM_DASH = regex.compile(rf"{_ITEM_NAME}[–—-][ ]+[a-z][^•▪●◦\uf0b7]{{0,200}}?{_DELIVERED_BY}", regex.MULTILINE)
# a sum for a name and then what it is in lower case: "£48,500.00 for Street Mentors, detached mentoring in ..."
_FOR_NAME_THEN = regex.compile(
    r"£[\d,.]+(?:m|k|bn)?\b[^.;£\n]{0,30}?\bfor\s+(?:the\s+)?"
    r"(?P<name>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|and|to|&)){1,4}),\s+(?:(?:an?|the)\s+)?"
    r"(?!(?:where|which|who|whose|when|while|including|each|both|and|or|with|as|in|at|for|to|of|subject|"
    r"charged|paid|payable)\b|[a-z]+ing\b)[a-z]"
)
# a sum paid to a body for a name: "a grant of £290,300 to Trentside Mentoring Trust for Ember for 2025/26", "£155,400
# to Bridgewater Youth Partnership CIC for Second Steps;" (the body one the notice names, the name the title's too; the
# name ends its clause)
_PAID_TO_BODY_FOR = regex.compile(
    r"£[\d,.]+(?:m|k|bn)?\b[^.;£\n]{0,40}?\bto\s+(?P<body>[A-Z][^.;£\n]{2,80}?)\s+for\s+(?:the\s+)?['‘]?"
    r"(?P<name>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|and|to|&)){0,4})['’]?"
    r"(?=\s*[;.]|\s+(?:for|in|during|over|from)\s+(?:the\s+)?(?:\d|financial|year|period)|\s*$)",
    regex.MULTILINE,
)
_TWO_PLACES = regex.compile(r"[A-Z][\w'’-]*\s+and\s+[A-Z][\w'’-]*")  # "Wisbech and Whittlesey" (or a pair of topics)
# a name set after a body and a dash, as in a list of awards: "• The Children's Society – Hear Me Now, a ..."
_AFTER_A_BODY = regex.compile(r"\S\s+[–—-]\s+$")
# a provider will run what follows under this decision: "Victim Support will run the Victim Care Hub"
_DELIVERS_THE = regex.compile(r"\bwill\s+(?:continue\s+to\s+)?(?:deliver|run|operate|provide|host)\s+the\s+$")
# the notice pays for what follows: "The Commissioner funds Victim First, ..."
_FUND_WORDS = r"fund|funds|funding|commission|commissions|extend|extends|continue|continues"
_FUNDS = regex.compile(rf"\b(?:{_FUND_WORDS})\s+(?:the\s+)?$")
# a local service named with its area and the kind of advocate: "the Derbyshire IDVA Service"
_AREA_SERVICE = regex.compile(
    r"\b(?i:the|a)\s+(?P<name>[A-Z][\w-]*\s+(?:(?:and\s+|&\s+)?[A-Z][\w-]*\s+){0,2}"
    r"(?P<kind>I[DS]S?VA|ISAC|ChISVA)s?\s+Service)\b"
)
# a name set off by what it is: "Victim First, the free, confidential support service for victims",
# "the Change Project, a Respect-accredited group programme"
# what a name set off by a comma may be ("Safer Summer Streets, an evening and weekend activity offer")
_KINDS = r"programme|project|scheme|course|intervention|pathway|offer"
_APPOSITIVE = regex.compile(
    r"(?<!\b[A-Z][\w'’+-]*\s)(?P<name>[A-Z][\w'’+-]*(?:\s+(?:[A-Z][\w'’+-]*|to|of|and|for|&|(?:in|the)(?=\s+[A-Z]))){0,4})"
    # "'Cartref Diogel' (Safe Home), a target hardening scheme"; "Harmony RJ – a restorative justice service"
    r"(?P<aside>\s+\([^()]{1,40}\))?(?:,|\s+[–—])\s+"
    rf"(?:the|a|an|its|our)\s+(?:[^.;()£]{{0,60}}?\s)?(?:service|helpline|phoneline|hub|{_KINDS}|team(?<=\bTeam,\s[^.;]{{0,80}}))\b"
    r"(?!\s+(?:provider|manager|lead|team|user)s?\b)"
)


def _kind_after(words: int, kinds: str) -> regex.Pattern:
    """ ", the/a/an", up to ``words`` words and one of ``kinds``: what a name set off by a comma is."""
    return regex.compile(rf",\s+(?:the|a|an)\s+(?:[\w'’-]+\s+){{0,{words}}}(?:{kinds})\b")


_SHORT_KIND = _kind_after(3, _KINDS)
# a name in quotes may be a service too: "'Llwybr', the women's diversion and support service"
_QUOTED_KIND = _kind_after(5, f"service|hub|{_KINDS}")
# a sum spent on what follows: "expenditure of up to £60,000 in 2025/26 on 'Cartref Diogel'"
_SPENT_ON = regex.compile(r"£[\d,.]+(?:m|k|bn)?\b[^.;£]{0,30}?\b(?:on|towards)\s+(?:the\s+)?['‘]?$")
# what a name set off by a comma is when it is a body ("..., a local charity that runs the programme")
_A_BODY = regex.compile(r"\b(?:charity|organisation|company|provider|consortium|trust|social\s+enterprise)\b")
_APPOSITION = regex.compile(r"(?:,|\s[–—])\s+(?:the|a|an|its|our)\s")


def _appositives(text: str) -> list[regex.Match]:
    """Matches of ``_APPOSITIVE``, looked for only around ", the", ", a" ... (one cheap scan of the text)."""
    out: list[regex.Match] = []
    end = 0
    for comma in _APPOSITION.finditer(text):
        start = max(end, comma.start() - 120)
        m = _APPOSITIVE.search(text, start, min(len(text), comma.end() + 100))
        if m is not None and m.end() > end:
            out.append(m)
            end = m.end()
    return out


# a name's characters inside quotes: not a closing quote, but a plural's possessive ("'Gloucestershire Victims' Hub'")
_IN_QUOTES = r"(?:[^'’\"”‘“\n]|(?<=s)['’](?=\s[A-Z]))"
_QUOTED_CELL = regex.compile(rf"['‘\"“](?P<name>[A-Z]{_IN_QUOTES}{{1,60}}?)['’\"”]")
# a cost table's cell that gives the service's own name in quotes after what it is: "Stalking advocacy
# ('SAFE-Track')", "Restorative Justice Service (known as 'Restore Warwickshire')"
_QUOTED_IN_BRACKETS = regex.compile(r"\(\s*(?:known\s+as\s+)?['‘\"“](?P<name>[A-Z][^'’\"”()]{1,60}?)['’\"”]\s*\)$")
# a service and the name it goes by: "the Restorative Justice Service, known as 'Restore Warwickshire'"
# the name a service is to go by, unquoted: "the new service, to be known as Restore Surrey, to ...", "The service
# will operate as Restore Tees"
_GOES_BY = regex.compile(
    r"\b(?:service|programme|project|scheme|pathway|contract)s?(?:\s+(?:for|in|at|across)\s+[^,;.()]{1,60},|,)?\s+"
    r"(?:(?:to\s+be|will\s+be|now|is|are)\s+)?"
    r"(?:(?:known|branded)\s+as|(?:be\s+)?branded|(?:will|to)\s+operate\s+as|under\s+the\s+(?:name|brand(?:\s+name)?))\s+"
    r"['‘\"“]?(?P<name>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of)){0,3}(?<!\sof))\b(?!\s+(?:and|&)\s+[A-Z])"
)


def _described_by(found: dict[str, tuple[int, int]], kind: str) -> list[str]:
    """The names found that a service's description is or ends with ("Restorative Justice Service")."""
    return [n for n in found if n == kind or kind.endswith(" " + n)]


def _service_phrase(words: int, kinds: str) -> str:
    """A capitalised service's name of up to ``words`` more words, ending in one of ``kinds``."""
    return rf"(?P<kind>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|and|of|for|&)){{0,{words}}}\s+(?:{kinds}))"


_SERVICES = "Service|Programme|Project|Scheme"
# a title's service and, in brackets, its name: "Cleveland Restorative Justice Service (Restore Tees) 2024–2027"
_TITLE_ALIAS = regex.compile(
    _service_phrase(6, f"{_SERVICES}|Pathway")
    + r"\s+\(['‘\"“]?(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}?)['’\"”]?\)"
)
_KNOWN_AS = regex.compile(
    _service_phrase(5, _SERVICES)
    + r"(?:,\s*|\s+\(\s*|\s+[–—-]\s+)(?:to\s+be\s+)?(?:known|branded|operating)(?:\s+locally)?\s+as\s+"
    + r"['‘\"“](?P<name>[A-Z][^'’\"”()]{1,60}?)['’\"”]"
)
_QUOTED_THEN_KIND = regex.compile(
    rf"(?<![\w'’])['‘\"“](?P<name>[A-Z]{_IN_QUOTES}{{1,40}}?)['’\"”]\s+"
    r"(?:(?!(?:the|a|an|that|this|which|found|rated|exercise)\b)[a-z][\w-]*\s+){0,2}"
    r"(?:programme|project|course|scheme|pathway|intervention)s?\b"
    # or a service, as what it does ("the 'Gloucestershire Victims' Hub' referral and assessment service")
    rf"|(?<![\w'’])['‘\"“](?P<name>[A-Z]{_IN_QUOTES}{{1,40}}?)['’\"”]\s+"
    r"(?:(?!(?:the|a|an|that|this|which|is|are|was|were)\b)[a-z][\w-]*\s+){1,3}services?"
    # (the service ends the phrase: not "service duty", "service change")
    r"(?=\s*[,.;:)]|\s+(?:for|to|in|at|from|which|that|will|is|are|and|with|across)\b)"
)
_KIND_THEN_QUOTED = regex.compile(
    rf"\b(?:programme|project|course|scheme|pathway|intervention|service),\s+['‘\"“](?P<name>[A-Z]{_IN_QUOTES}{{1,40}}?)['’\"”][,.;]"
)
# "the ISVA service, branded locally as 'Clearwater'", "a children's service, to be known as "Little Oaks""
_KIND_KNOWN_AS = regex.compile(
    # (where it runs between: "The navigator scheme in the emergency departments in Carlisle and Barrow, known as")
    # (with a comma after such a phrase: not "a service for young people known as 'County Lines' victims")
    r"\b(?:programme|project|scheme|pathway|service)(?:\s+(?:in|at|across|for)\s+[^,;.()]{1,60},|,)?\s+"
    r"(?:to\s+be\s+)?(?:(?:known|branded)(?:\s+locally)?\s+as|called|named|branded)\s+"
    rf"['‘\"“](?P<name>[A-Z]{_IN_QUOTES}{{1,40}}?)['’\"”]"
)
# a sentence that opens with a name and says who will deliver it: "1.2 Safe Harbour North will be delivered by
# Wearside Sexual Violence Support", "Reach Out Stoke will be run by ..."
_NAME_DELIVERED_BY = regex.compile(
    r"(?:^|(?<=[.;]\s)|(?<=\d\s))(?P<name>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|to|of|for)){1,4}(?<!\sto|\sof|\sfor))"
    r"\s+will\s+(?:now\s+|also\s+|continue\s+to\s+)?be\s+(?:delivered|run|provided)\s+by\s+(?-i:[A-Z])",
    regex.MULTILINE,
)
# what an award names, item by item, and to whom: "awards: Compass Victim Care to Lea Valley Victim Services Ltd
# (£945,000); STAR to Herts Survivors' Network (£361,500); and Cornerstone to ..."
_AWARD = regex.compile(r"\b(?:awards?|awarding)\b\s*:?")
_AWARDED_ITEM = regex.compile(
    r"(?:^|(?<=[:;,]\s)|(?<=\bawards?\s))(?:and\s+)?"
    r"(?P<name>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|and|to|of|for)){0,4}(?<!\sand|\sto|\sof|\sfor))"
    r"\s+to\s+(?-i:[A-Z])[^;()£.]{2,80}?\s*\(£"
)
# unquoted, set off by commas after its kind and followed by who runs it: "the restorative justice service, Restore
# Northants, delivered by Nene Restorative Practice Ltd" (not "the previous hate crime course, X, delivered by")
_KIND_THEN_NAME = regex.compile(
    r"\b(?:the|a|an|its)\s+(?:(?!(?:previous|former|earlier|old|outgoing|existing|current)\b)[a-z][\w'’-]*\s+){0,6}"
    r"(?:programme|project|course|scheme|pathway|intervention|service),"
    r"\s+(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})"
    # or its name in the other language in brackets: "its mentoring programme, Camau Ymlaen (Steps Forward), in ..."
    # (or what it costs: "the total project, Safer Nights Hartsbourne, will cost £111,500")
    r"(?:,\s+(?:delivered|run|provided|led|operated)\s+by\b|,\s+(?:will\s+)?costs?\s+£|\s+\([A-Z][^()]{2,40}\),"
    # or where it runs, as a new thing: "a new community perpetrator programme, ShiftPoint, across Thames Valley"
    r"|(?<=\bnew\s(?:[^,.;]{0,60}),\s+[^,.;]{1,40}),\s+(?:across|throughout|in|for)\b)"
)
# a name in brackets after what it is, in lower case, and who delivers it: "Knife crime education in secondary schools
# (Reach Out) will be delivered by Solway Youth Trust"
_BRACKETED_THEN_DELIVERED = regex.compile(
    r"\b[a-z][\w'’-]*\s+\((?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})\)\s+(?:will\s+be|is|are)\s+"
    + _DELIVERED_BY.removeprefix(r"\b")
)
# what a provider is paid to deliver, its name and then what it is in lower case: "to deliver the Shield fraud and
# cyber crime victim support service", "to deliver the Scam Savvy home-visit strand"
_DELIVER_THE_NAMED = regex.compile(
    # (or what an agreement is for: "grant agreements, from 1 November 2024 to 31 March 2027, for the Change Pathways
    # Nottinghamshire perpetrator intervention")
    r"\b(?:(?:to|will)\s+(?:deliver|run|provide)|(?:agreements?|contracts?|grants?|funding)(?:,[^,;.]{1,80},)?\s+for)"
    r"\s+the\s+(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})\s+"
    # (or its kind alone, where a body runs it: "the contract for the Restore Cheshire service to Weaver Vale CIC")
    r"(?:(?:[a-z][\w'’-]*\s+){1,6}(?:service|strand|programme|project|scheme|intervention|offer)\b"
    r"|(?:service|programme|project|scheme)\s+(?:to|with|by)\s+(?-i:[A-Z]))"
)
# a name spelt out before its acronym, then who delivers it: "Hospital Emergency Youth Intervention (HEYI), delivered by
# Wessex Youth Outreach" (the acronym the name's initials)
_SPELT_OUT_THEN_DELIVERED = regex.compile(
    r"(?P<name>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|and|of|for|to|in)){1,6})\s+\((?P<acronym>[A-Z]{2,8})\),?\s+"
    r"(?:(?:is|are|will\s+be)\s+)?(?:delivered|run|provided|operated)\s+by\s+(?:the\s+)?(?-i:[A-Z])"
)
_DAY = regex.compile(r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\b")
# the name a service is delivered under: "a three-year ... service, to be delivered as Safe Steps by Lea Valley CIC"
_DELIVERED_AS = regex.compile(
    r"\b(?:delivered|run|operated|provided)\s+as\s+(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})\s+by\b"
)
_IS_A_KIND = regex.compile(
    r"\s(?:is|will\s+be)\s+an?\s+(?:[\w'’-]+\s+){0,4}(?:programme|course|intervention|pathway|project|scheme)\b"
)
# a sentence that opens by saying what the name is: "Fresh Start Derbyshire is a Respect-accredited group programme"
_NAME_IS_A = regex.compile(
    # (small words inside it: "Choices for Change is a 26-week group programme")
    r"(?:^|(?<=[.;]\s)|(?<=\d\s))(?P<name>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|for|of|to|and)){0,3}(?<!\sfor|\sof|\sto|\sand))"
    r"\s+(?:is|will\s+be)\s+(?:a|an)\s+"
    # (not a body that offers one: "Safer Futures is a charity offering an accredited programme")
    r"(?:(?!(?:charity|organisation|company|provider|partnership|consortium|trust|body|social|[\w-]+ing|[\w-]+-led"
    r"|volunteer|voluntary|church|faith)\b)[\w'’-]+\s+){0,4}(?:programme|course|intervention|pathway|project|scheme)\b"
    # (not a group that is one: "Brackley Street Pastors is a volunteer project of local churches that patrols ...")
    r"(?!\s+(?:of|that|which|whose|run|led)\b)",
    regex.MULTILINE,
)
# or that it is someone's service: "Restore Staffordshire is the Commissioner's restorative justice service", "Custody
# Recovery Link is the Commissioner's arrest referral and custody drug intervention service"
_IS_THE_OWNERS = regex.compile(
    r"\s(?:is|will\s+be)\s+the\s+[\w-]+(?:'s|’s)\s+(?:[\w'’-]+\s+){0,6}"
    r"(?:service|programme|scheme|project|hub|pathway|intervention)\b"
)
_NAME_IS_OWNED = regex.compile(
    r"(?:^|(?<=[.;]\s)|(?<=\d\s))(?P<name>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|for|of|to|and)){0,3}(?<!\sfor|\sof|\sto|\sand))"
    r"\s+(?:is|will\s+be)\s+the\s+[\w-]+(?:'s|’s)\s+"
    r"(?:(?!(?:charity|organisation|company|provider|partner|partnership|consortium|trust|body|largest|main)\b)[\w'’-]+\s+){0,6}"
    r"(?:service|programme|scheme|project|hub|pathway|intervention)\b",
    regex.MULTILINE,
)
# a list item that opens with a name in quotes and a dash: "• “Turnstone” – intensive case management for ..."
_QUOTED_ITEM = regex.compile(rf"[•▪●◦\uf0b7\uf0a7]\s+['‘\"“](?P<name>[A-Z]{_IN_QUOTES}{{1,40}}?)['’\"”]\s+[–—-]\s")
_QUOTED_WORD = regex.compile(r"(?<![\w'’])['‘\"“](?P<name>[A-Z][\w’-]{2,})['’\"”]\s+(?=[a-z])")
_QUOTED = regex.compile(r"(?<![\w'’])['‘\"“](?P<name>[A-Z][\w’-]*(?:[ ][\w’&-]+){1,5})['’\"”](?![\w])")


@cache
def _ordinary_words() -> dict[str, regex.Pattern]:
    """Programme names that are also ordinary words, and what follows them when they are words."""
    rules = load_yaml("programmes.yml").get("not_when_followed_by", {})
    return {name: regex.compile(rf"\s+(?:{after})\b", regex.IGNORECASE) for name, after in rules.items()}


_HEAD_OF_TITLE = regex.compile(
    r"(?P<name>[A-Z][\w'’+-]*(?:\s+(?:[A-Z][\w'’+-]*|of|for|to|the|a)){0,3})(?:\s+[–—-]|:)\s+\S"
)


_BRAND = regex.compile(r"[A-Z0-9]")  # a capital or a digit inside a word: "ShiftPoint", "Up2U"


def _title_head(title: str, rules: dict, text: str = "") -> str | None:
    """The name a title opens with, before a dash and what the name is ("Changing Course – Domestic Abuse
    Perpetrator Programme 2025-2028"), or what the notice funds by that name ("Lock Out Crime – Target Hardening
    for Repeat Burglary Victims" and "to fund Lock Out Crime countywide"): two to four capitalised words that
    describe no kind of thing."""
    m = _HEAD_OF_TITLE.match(title.strip())
    if m is None:
        return None
    name = m.group("name")
    words = name.split()
    described = set(rules.get("kind_words", [])) | set(rules.get("topic_words", [])) | set(rules["suffixes"])
    # (where what follows the dash buys or does nothing but a thing: "Body Worn Video – Contract Award", "Town Centre
    # CCTV – Upgrade")
    bought = {w.strip("(),:") for w in title[m.end("name") :].split()} & (_BOUGHT | _WORKS)
    funded_by_name = (
        text
        and not bought
        and words[-1] not in STRONG_SUFFIXES
        and regex.search(rf"\b(?:{_FUND_WORDS}|deliver|delivers)\s+(?:the\s+)?{regex.escape(name)}\b", text)
    )
    if (
        (any(w in described for w in words) and not (funded_by_name and not all(w in described for w in words)))
        # one word only where it is set as a brand ("NAVIGATE", "ShiftPoint", "Up2U"), not an ordinary word
        # ("Variation – ...", "Procurement – ...", "Nacro – ...")
        or (len(words) == 1 and not (name.isupper() or _BRAND.search(name[1:])))
        or words[-1] in rules.get("not_title_names", [])
        or words[0] in _words("label_starts")
        or words[0] in _words("programme_starts")  # "Project ADDER Swansea": the gazetteer's
        or name in _place_names()
        or all(w in _place_names() for w in words if w[:1].isupper())
        or words[-1][:1].islower()
        # and what follows the dash says it is a programme or a service ("Body Worn Video – Contract Award" no), or the
        # notice funds or delivers it by name
        or not (any(w.strip("(),:") in described for w in title[m.end("name") :].split()) or funded_by_name)
    ):
        return None
    return name


_TITLE_TAIL = regex.compile(r":\s+(?P<tail>[^:]+?)(?:\s+(?:19|20)\d\d(?:\s?[-–/]\s?\d{2,4})?)?\s*$")
_FOOTNOTE_MARK = regex.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰*†‡]+$")
_BOUGHT = frozenset(
    {
        "Purchase",
        "Procurement",
        "Tender",
        "Contract",
        "Contracts",
        "Award",
        "Awards",
        "Grant",
        "Grants",
        "Supplier",
        "Suppliers",
        "Lease",
        "Vehicle",
        "Vehicles",
        "Equipment",
        "Fleet",
        "Cleaning",
        "Framework",
    }
)
_WORKS = frozenset(
    {
        "Replacement",
        "Upgrade",
        "Upgrades",
        "Phase",
        "Audit",
        "Allocation",
        "Allocations",
        "Pay",
        "Review",
        "Refresh",
        "Renewal",
        "Installation",
        "Capability",
        "Extension",
        "Variation",
        "Refurbishment",
        "Licence",
        "Licences",
    }
)
_POST_OF = regex.compile(r"(?:Head|Director|Chief|Deputy|Assistant|Manager|Lead)\s+of\s")
_AND = regex.compile(r"\s(?:and|&)\s")
_PLURAL_KINDS = frozenset({"Programmes", "Services", "Projects", "Schemes", "Interventions", "Pathways"})
_LIST_BREAK = regex.compile(r",\s+(?:and\s+)?|\s+(?:and|&)\s+")


# what the notice says outright it does not fund: "CARA is not affected by this notice", "Turnaround is funded directly
# by the Ministry of Justice" (another body's money; not the office's own)
_NOT_THIS_DECISIONS = regex.compile(
    r"\s+(?:is|are)\s+not\s+(?:part\s+of|affected\s+by|funded\s+(?:by|through|under))\s+this\s+"
    r"(?:decision|notice|report|request)\b",
    regex.IGNORECASE,
)
# what pays, not what is paid for: "funded from the Estates Capital Programme", "met from the £250,000 minor works
# allocation of the Estates Capital Programme"
_A_SOURCE_OF_MONEY = regex.compile(
    r"\b(?:funded|met|paid|financed|resourced)\s+(?:in\s+full\s+|entirely\s+|wholly\s+)?from\s+(?:the\s+)?"
    r"(?:[^.;]{0,60}?\s+(?:of|within)\s+the\s+)?$",
    regex.IGNORECASE,
)
# (unless the notice also pays towards it: "Turnaround is funded nationally by the Ministry of Justice" and "a one-off
# contribution of £22,500 ... for Turnaround")
# (or by the force: "Operation Larkspur, the force's rape investigation improvement programme, is funded by Thames
# Valley Police", "the stalking clinic (Operation Amberley), which the Constabulary funds itself")
_OFFICE_WORDS = r"Commissioner|PCC|OPCC|OPFCC|PFCC|MOPAC|Mayor"  # the office, which pays for what this decision funds
_FUNDED_BY_ANOTHER = regex.compile(
    r"(?:\)?,\s+(?:the|a|an|its)\s+[^,;.()£]{0,80},)?\s+(?:is|are)\s+"
    r"(?:(?:funded|commissioned)\s+(?:directly|separately|nationally|centrally)|(?:wholly\s+|entirely\s+|fully\s+)?funded)"
    r"\s+by\s+(?:the\s+)?"
    rf"(?!(?:[\w'’-]+\s+){{0,4}}?(?:{_OFFICE_WORDS}|Deputy|Office|Violence\s+Reduction|VRU|VRP)"
    r"\b)(?-i:[A-Z])(?![^.;]{0,60}\bthis\s+(?:grant|decision|notice)\b)"
    rf"(?![^.;]*\b(?:{_OFFICE_WORDS}|jointly)\b)"
    r"|\)?,?\s+which\s+(?:the\s+)?(?:(?-i:[A-Z])[\w'’-]*\s+){1,4}(?:funds|pays\s+for)\s+(?:itself|directly|separately)\b",
    regex.IGNORECASE,
)
# "this decision does not fund Operation Encompass"
_NOT_FUNDING_IT = regex.compile(
    r"\bthis\s+(?:decision|notice|report|request|grant|award|contract)\s+(?:does|will)\s+not\s+"
    r"(?:fund|pay\s+for|commission)\s+(?:the\s+)?$",
    regex.IGNORECASE,
)
_CLAUSE_ENDS = regex.compile(r"\s*(?:[.;:,)]|\s+(?:and|or|but|as|because|which)\b|$)")  # (not "X's capital works")
# a one-word name used as a place: "at the Watford and Stevenage hospital sites"
_PLACE_NOUN = regex.compile(
    r"(?:\s+(?:and|&)\s+[A-Z][\w'’-]*)?\s+(?:site|sites|hospital|hospitals|area|areas|town|district|borough|city|"
    r"locality|neighbourhood|ward|wards)\b"
)


def _short_for(short: str, name: str, names: list[str], kinds: list[str]) -> bool:
    """Whether a one-word programme is the first word of a cost table's longer name of a programme ("Tendring",
    "Tendring Girls' Resilience Project"), the one row of the table that starts with it (not "Compass" of "Compass
    Venue Hire" and "Compass Staffing"), and not a known programme ("Drive")."""
    return (
        " " not in short
        and name.startswith(short + " ")
        and name.split()[-1] in kinds
        and sum(1 for n in names if n.startswith(short + " ")) == 1
        and short.lower() not in gazetteer_names()
    )


@dataclass(frozen=True)
class _TitleList:
    text: str  # the list as the title prints it
    names: list[str]


def _title_tail(title: str, rules: dict) -> _TitleList | None:
    """The names a title lists after its last colon ("...: Ember and Street Safe", "...: CARA, HDAPP and Step
    Up"): every item a name, capitalised, that describes no kind of thing, topic or purchase; else none."""
    m = _TITLE_TAIL.search(title)
    # (not the suppliers or grantees of a purchase, a contract or grants: "Vehicle Purchase 2024/25: Ford and
    # Vauxhall", "Cleaning Contract Award: Mitie and OCS", "Community Grants 2024-25: Oasis and Brightside")
    if m is None or any(w.strip(",") in _BOUGHT for w in title[: m.start()].split()):
        return None
    described = {*rules.get("kind_words", []), *rules.get("topic_words", []), *rules["suffixes"]}
    described |= {*rules.get("not_title_names", []), *_words("label_starts"), *_words("calendar")}
    described |= {*rules.get("adviser_kinds", []), *rules.get("post_words", [])}
    names = [item.strip("'‘’\"“”") for item in _LIST_BREAK.split(m.group("tail").strip())]
    for name in names:
        words = name.split()
        if (
            not words
            or not (_TITLE_CASE.fullmatch(name) or (len(words) == 1 and words[0][:1].isupper()))
            or any(w in described or w.rstrip("s") in described for w in words)
            or name in _place_names()
        ):
            return None  # "...: Award of Contracts", "...: ISVA and IDVA Provision", "...: grant awards 2025-26"
    return _TitleList(m.group("tail").strip(), names)


def _printed(text: str, name: str) -> Iterator[regex.Match]:
    """Every place ``name`` is printed, its words perhaps wrapped onto the next line of a cell."""
    return regex.finditer(r"\s+".join(regex.escape(w) for w in name.split()), text)


def _in_a_table(doc: Document, text: str, name: str, regions: list) -> bool:
    """Whether ``name`` is printed inside a cost table (a line of its own: "Change Ahead group programme
    delivery  142,600")."""
    return bool(regions) and any(in_regions(*doc.locate(*m.span()), regions) for m in _printed(text, name))


def _described_in_a_table(doc: Document, text: str, name: str, regions: list) -> bool:
    """Whether a cost table's line opens with ``name`` and goes on in lower case ("Safe Voices partner support")."""
    return bool(regions) and any(
        in_regions(*doc.locate(*m.span()), regions) and regex.match(r"\s+[a-z]", text[m.end() : m.end() + 3])
        for m in _printed(text, name)
        if m.start() == 0 or doc.text[m.start() - 1] == "\n"  # (the analysed text has no line breaks)
    )


def _priced(doc: Document, nlp_doc: Doc, text: str, name: str, regions: list) -> bool:
    """Whether a sum is paid for ``name`` where it is printed: a cost table's line, or "£36,500 for the
    Integrated Support Service"."""
    if _in_a_table(doc, text, name, regions):
        return True
    for m in _printed(text, name):
        a, b = sentence_at(nlp_doc, m.start())
        if "£" in text[a:b] and _FOR_THE.search(text[max(a, m.start() - 20) : m.start()]):
            return True
    return False


# what a notice does with a programme it pays for: "will continue to provide the", "commission Safer Wales to
# deliver the", "will include the", "funds"
_RUNS_THE = regex.compile(
    rf"\b(?:{_FOR_WORDS}|{_FUND_WORDS}|delivers|provides|runs|operate|operates|commissioning|extending"
    r"|extension\s+of|include|includes|including|award|awards|expand|expands"
    r"|roll-?out\s+of|year\s+of|secures|approves|approve)\s+(?:the\s+)?$",
    regex.IGNORECASE,
)
# or says so after the name: "The Make a Change programme will be commissioned from Respect", "Caring Dads will be
# offered to 40 fathers", "Operation Encompass will now cover all secondary schools"
_RUN_AFTER = regex.compile(
    r"(?:\s+(?:programme|project|scheme|service|course))?\s+(?:will|is\s+to|are\s+to)\s+(?:now\s+|also\s+)?(?:be\s+)?"
    r"(?:commissioned|offered|expanded|extended|delivered|run|funded|rolled\s+out|continue|cover|provided)\b",
    regex.IGNORECASE,
)


def _acted_on(doc: Document, nlp_doc: Doc, text: str, title: str, spans: list[tuple[int, int]], regions: list) -> bool:
    """Whether the notice does something with a known programme it names: names it in its title or a cost
    table, prices it in a sentence, or says it delivers, funds or extends it. A programme named only in
    passing ("Men who have completed Building Better Relationships ...", "will link with the Up2U programme")
    is context, not what this decision buys."""
    for start, end in spans:
        name = text[start:end]
        if name.lower() in title.lower() or in_regions(*doc.locate(start, end), regions):
            return True
        a, b = sentence_at(nlp_doc, start)
        if (
            "£" in text[a:b]
            or _RUNS_THE.search(text, max(a, start - 40), start)
            or _IS_FUNDED.match(text, end)
            or _RUN_AFTER.match(text, end)
        ):
            return True
        # or prices it in the next sentence ("... Caring Dads across Northshire. The total cost is £45,000.")
        if b < len(text) and "£" in text[slice(*sentence_at(nlp_doc, min(len(text) - 1, b + 1)))]:
            return True
    return False


# "The Sahara Advocacy Project is funded ...", "The Respectful Relationships for Young People Service (RRYPS)
# will be delivered by Barnardo's": a service or project, not a body
_IS_FUNDED = regex.compile(
    r"(?:\s*\([A-Z]{2,8}\))?\s+(?:is|are|will\s+be)\s+(?:\w+\s+)?(?:funded|paid\s+for|delivered\s+by|run\s+by)\b"
)
_SERVICE_AFTER = regex.compile(r"(?:\s*\([A-Z]{2,8}\))?\s+Services?\b")


def _title_spelling(title: str, ent) -> str:
    """How the title names a kind of service it funds: "Independent Sexual Violence Advisor (ISVA) Service",
    "ISVA Service", "Sexual Assault Referral Centre"; the bare acronym ("ISVA") where the title prints only that."""
    after = _SERVICE_AFTER.match(title, ent.end_char)
    if after is not None:
        return squash(title[ent.start_char : after.end()])
    return ent.text if " " in ent.text else ent.ent_id_


def _column_start(doc: Document, start: int, end: int) -> int:
    """Where the last column a span crosses starts: after the last gap between its words wider than a few
    spaces, else ``start``."""
    offsets = doc.page_offsets()
    index = max(bisect_right(offsets, start) - 1, 0)
    page, base = doc.pages[index], offsets[index]
    cut = start
    for i in range(start - base, min(end - base, len(page.text))):
        if page.text[i] != " " or i == 0 or i + 1 >= len(page.text):
            continue
        left, right = page.boxes[i - 1], page.boxes[i + 1]
        if left is not None and right is not None and right[0] - left[2] > 3 * (left[3] - left[1]):
            cut = base + i + 1
    return cut


_WORDS_BEFORE = regex.compile(r"((?:[A-Z][\w'’-]*\s+){1,3})$")
_ACRONYM_AFTER = regex.compile(r"\s*\(([A-Z]{2,8})\)")
_SPELT_OUT_AFTER = regex.compile(r"\s*\(([A-Z][^()]{4,140})\)")
_WORD_BREAK = regex.compile(r"[\s-]+")
_LOWER_WORD_BEFORE = regex.compile(r"\b[a-z]{3,}\s+(?:the\s+)?$")
_A_LETTER = regex.compile(r"[^\W\d]")
_SPACED_DASH = regex.compile(r"\s+[–—-]\s+")
# capitalised words and a kind after a known programme's name ("Clare's Law| Support Service")
_LONGER_NAME = regex.compile(r"(?:\s+(?-i:[A-Z])[\w'’-]*){1,3}\s+(?:Service|Programme|Project|Hub|Scheme)\b")


_DESCRIBED = regex.compile(
    r"\bthe\s+(?P<name>[A-Z][\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*){0,4})\s+(?:[a-z][\w-]*\s+){1,4}?"
    r"(?:programme|project|course|service|scheme|initiative|trial)\b"
    # (not where the name comes after: "the Swindon drug diversion scheme known as Clear Path")
    r"(?!,?\s+(?:known|branded)\s+as\b)"
)


_HUB_AFTER = regex.compile(r"[ \t]+Hub\b")  # a known body's name before "Hub", on its line
_QUOTED_WHOLE = regex.compile(r"^['‘\"“](.+)['’\"”]$")
# where a second name starts after "and": "Victim Care Line and The Harbour ISVA Hub", "Stalking Advocacy and 'Clear
# Path' Perpetrator Programme"
_NEXT_NAME = regex.compile(
    r"(?:(?<=\b(?:Line|Helpline|Service|Hub|Programme|Project|Scheme|Team))\s(?:and|&)\s+(?=The\s)|\s(?:and|&)\s+(?=['‘\"“]))"
)
_OWNER = regex.compile(r"(\w+)(?:'s|’s)\s+(?=\S+\s+\S)")  # "Force's Connected Officer ..."
_ITEM_BREAK = regex.compile(r"[•▪●◦\uf0b7]|\n\s*\n")  # where a list item ends
_COMPASS = frozenset({"North", "South", "East", "West", "Central", "and", "&", "of", "the"})


def _lots(text: str, orgs: set[str]) -> list[tuple[str, tuple[int, int]]]:
    """The services a tender's lots buy."""
    out = []
    for name, start in lot_services(text):
        if all(w in _place_names() or w in _COMPASS for w in name.split()):
            continue  # "Lot 1 (North and East)": where, not what
        if len(name.split()) >= 2 and name.lower() not in orgs:
            out.append((name, (start, start + len(name))))
    return out


@cache
def _place_names() -> frozenset[str]:
    """Force areas and the places they join ("Hampshire" of "Hampshire and Isle of Wight")."""
    return frozenset(_places()) | {part for place in _places() for part in place.split(" and ")}


def _placed_kinds(nlp_doc: Doc, text: str, rules: dict) -> list[tuple[str, tuple[int, int]]]:
    """A kind of programme named for its area is a particular one: "the Hampshire Domestic Abuse
    Perpetrator Programme (HDAPP)", "the Cheshire Domestic Abuse Perpetrator Programme"."""
    out = []
    generic = set(rules.get("generic", []))
    for ent in nlp_doc.ents:
        if ent.label_ != "PROGRAMME" or ent.ent_id_ not in generic:
            continue
        before = _WORDS_BEFORE.search(text, max(0, ent.start_char - 40), ent.start_char)
        if before is None:
            continue
        words = before.group(1).split()
        place = next((" ".join(words[i:]) for i in range(len(words)) if " ".join(words[i:]) in _place_names()), None)
        if place:
            start = ent.start_char - len(before.group(1)) + before.group(1).find(place)
            out.append((f"{place} {ent.text}", (start, ent.end_char)))
    return out


def _inside_a_name(nlp_doc: Doc, start: int, end: int) -> bool:
    """Whether a one-word programme stands inside a longer capitalised name ("Safe Drive Stay Alive")."""
    return (
        end - start == 1
        and start > 0
        and end < len(nlp_doc)
        and nlp_doc[start - 1].is_title
        and nlp_doc[end].is_title
        and not nlp_doc[end].is_sent_start
    )


def _initials(words: str) -> str:
    return "".join(w[0] for w in _WORD_BREAK.split(words) if w[:1].isupper())


def _named_with_acronym(name: str, text: str, end: int) -> bool:
    """Whether a name is followed by its own acronym in brackets: "Community-Led Programme (CLP)"."""
    m = _ACRONYM_AFTER.match(text[end : end + 12])
    return m is not None and _initials(name) == m.group(1)


def _spelt_out_acronym(name: str, text: str, end: int) -> str | None:
    """The acronym that opens a name when brackets after the name spell it out: "REACH" of "the REACH Programme
    (Relationships, Empathy, Accountability, Change and Hope)"."""
    head = name.split()[0]
    if len(head) < 3 or not head.isupper() or len(name.split()) == 1 or head in _common_acronyms():
        return None
    spelt = _SPELT_OUT_AFTER.match(text, end, end + 160)
    return head if spelt is not None and _initials(spelt.group(1)) == head else None


def _brand_alone(name: str, text: str, kind_words: set[str], lowered_orgs: set[str]) -> str | None:
    """The two or more words of a name before the words that say what kind of programme it is, where the whole name
    is printed once only and those words alone three times or more ("Step Aside" of "Step Aside Youth Diversion
    Programme"); else None."""
    words = name.split()
    cut = len(words)
    while cut > 1 and words[cut - 1] in kind_words and words[cut - 1] not in _JOINING:
        cut -= 1
    while cut < len(words) and words[cut - 1] in _JOINING:
        cut += 1  # "Choices and Change" of "Choices and Change Perpetrator Programme", not "Choices and"
    if cut == len(words) or words[-1] not in _KIND_ENDS:
        return None
    head = words[:cut]
    brand = " ".join(head)
    if (
        len(head) < 2  # one word before the kind is as often a place or a kind ("Humber", "ISVA") as a brand
        or all(w in kind_words or w in _COMPASS or w in _places() for w in head)  # "Norfolk Youth Diversion Programme"
        or brand in _place_names()
        or brand.lower() in lowered_orgs
        # "Cumbria" of "Cumbria County Council", "Policing and Crime" of "Mayor's Office for Policing and Crime"
        or any(regex.search(rf"\b{regex.escape(brand.lower())}\b", o) for o in lowered_orgs)
        or sum(1 for _ in _printed(text, name)) > 1
    ):
        return None
    # (alone: not followed by the kind's first word, nor by another capitalised word)
    alone = [
        m
        for m in _printed(text, brand)
        if text[m.end() : m.end() + 2 * len(words[cut]) + 8].split()[:1] != [words[cut]]
        and not _TITLED_AFTER.match(text, m.end())
    ]
    return brand if len(alone) >= 3 else None


_JOINING = frozenset({"and", "of", "for", "&"})
_KIND_ENDS = frozenset({"Programme", "Service", "Scheme", "Project", "Pathway", "Intervention", "Pilot"})
_TITLED_AFTER = regex.compile(r"[ \t]+[A-Z]")  # a name that runs on: "Step Aside Lancashire"


# a list of the papers behind a decision: a programme named there ("PCD 1462 – Drive Extension") is a title
_PAPERS = regex.compile(
    r"(?:background|supporting)(?:\s*/\s*supporting)?\s+(?:papers|documents)|list\s+of\s+(?:background\s+)?papers",
    regex.IGNORECASE,
)


_ITEM_START = regex.compile(r"[•▪●◦\uf0b7\n][ \t]*(?P<body>[^•▪●◦\uf0b7\n]+?)\s+[–—-]\s+$")


def _item_body(text: str, start: int, lowered_orgs: set[str]) -> bool:
    """Whether the name at ``start`` follows a body the notice names and a dash at the head of a list item:
    "• Fenland Youth Trust CIC – Speak Up Fens, a support service for victims aged 8 to 17;"."""
    m = _ITEM_START.search(text, max(0, start - 120), start)
    return m is not None and m.group("body").strip().lower() in lowered_orgs


def _only_unfunded(nlp_doc: Doc, text: str, spans: list[tuple[int, int]], papers: list[int]) -> bool:
    """Whether every mention says the programme is not funded here, or stands in the list of papers
    (``papers``: where each heading of such a list ends)."""
    passages = unfunded_passages(nlp_doc)
    for start, end in spans:
        if any(0 <= start - p < 300 for p in papers) or in_passages(passages, start):
            continue
        a, b = sentence_at(nlp_doc, start)
        # "... and Caring Dads will continue to be funded by the local authorities; neither is funded through
        # this decision": the clause after a semicolon may say it of the whole list
        if not not_funded_here(text[a:b], start - a, end - a) and not _NEITHER.search(text, a, min(len(text), b + 60)):
            return False
    return True


def _described_kinds(found: dict[str, tuple[int, int]], text: str) -> dict[str, tuple[int, int]]:
    """A name whose last words the notice also prints in lower case after its first ones is that first part:
    "Ffordd Newydd Youth Diversion Programme" in the title, "the Ffordd Newydd youth diversion programme" in
    the text: "Ffordd Newydd", the kind of programme being a description (as "the Navigator programme")."""
    renamed: dict[str, tuple[int, int]] = {}
    for name, span in found.items():
        words = name.split()
        short = name
        for cut in range(len(words) - 2, 0, -1):  # the longest name first
            head, kind = " ".join(words[:cut]), " ".join(words[cut:])
            if kind.lower() != kind and f"the {head} {kind.lower()}" in text:
                short = head
                break
        renamed.setdefault(short, span)
    return renamed


def _fragment(name: str, lowered_orgs: set[str], before: str = "") -> bool:
    """Not a programme's name but a piece of other words: an owner ("the Deputy Mayor's programme"), days
    ("Friday and Saturday evening streets programme"), or the end of a body's name wrapped in a table's cell
    ("Melton" / "Community Shed sessions for young people" beside "Melton Community Shed": the rest of the body's
    name printed in ``before``, the words just before the name)."""
    words = name.split()
    lowered = name.lower()
    return (
        name.endswith(("'s", "’s"))
        or all(w in _words("calendar") or w in ("and", "to", "&", "-", "–") for w in words)
        or any(org.endswith(" " + lowered) and org[: -len(lowered) - 1] in before.lower() for org in lowered_orgs)
    )


def extract_programmes(
    doc: Document,
    nlp_doc: Doc,
    title: str,
    org_names: set[str],
    table_regions: list[tuple[int, BBox]] = (),  # type: ignore[assignment]
    table_names: list[tuple[str, int, int]] = (),  # type: ignore[assignment]
) -> list[ProgrammeRecord]:
    """Programmes funded. ``table_names`` are (name, page, table) from cost tables' Project columns."""
    rules = load_yaml("programmes.yml")
    stop = set(load_yaml("organisations.yml")["name_stopwords"]) | {"Total", "Each", "Suite", "Leadership"}
    found: dict[str, tuple[int, int]] = {}
    mentions: dict[str, list[tuple[int, int]]] = defaultdict(list)  # every span of each programme
    known_programmes: set[str] = set()  # names that came from the gazetteer
    known = bytearray(len(doc_text(nlp_doc)) + 1)  # 1 where a known programme or organisation stands
    # a kind of service (IDVA, ISVA) counts as a programme funded where the title names it; elsewhere,
    # cost tables included, it is a role mentioned in passing ("Every Drive case has a linked IDVA")
    title_services: dict[str, str] = {}  # kind of service → the title's fullest spelling of it
    advisers = set(rules.get("adviser_kinds", []))
    for e in analyse(title).ents if title else ():
        spelling = _title_spelling(title, e)
        if e.ent_id_ in advisers and not spelling.endswith(("Service", "Services")):
            continue
        if e.label_ == "SERVICE" and len(spelling) > len(title_services.get(e.ent_id_, "")):
            title_services[e.ent_id_] = spelling
    ordinary = _ordinary_words()
    topic = set(rules.get("kind_words", [])) | set(rules.get("topic_words", []))
    name_words = topic | set(rules.get("suffixes", []))
    text = doc_text(nlp_doc)
    for ent in nlp_doc.ents:
        if ent.text in ordinary and ordinary[ent.text].match(text, ent.end_char):
            continue  # "Turnaround times for referrals"
        if ent.label_ == "PROGRAMME" and _inside_a_name(nlp_doc, ent.start, ent.end):
            continue  # "Safe Drive Stay Alive sessions" is not Drive
        if (
            ent.label_ == "PROGRAMME"
            and ent.end - ent.start == 1
            and not ent.text.isupper()
            and ent.end < len(nlp_doc)
            and nlp_doc[ent.end].is_title
            and not nlp_doc[ent.end].is_sent_start
            and nlp_doc[ent.end].text not in name_words
        ):
            continue  # "Fearless Futures will receive £15,000": a body's name, not the programme Fearless
        delivered = (
            ent.label_ == "SERVICE"
            and (after := _SERVICE_AFTER.match(text, ent.end_char)) is not None
            and _DELIVERS_THE.search(text, max(0, ent.start_char - 40), ent.start_char) is not None
        )
        if delivered and ent.ent_id_ not in title_services:
            # "CSVS will deliver the ISVA Service": a service this decision pays someone to run
            name = squash(text[ent.start_char : after.end()])
            found.setdefault(name, (ent.start_char, after.end()))
            mentions[name].append((ent.start_char, after.end()))
            continue
        if (
            ent.label_ == "PROGRAMME"
            and (longer := _LONGER_NAME.match(text, ent.end_char)) is not None
            # "Drive| Domestic Abuse Perpetrator Programme", "CARA| Domestic Abuse Awareness Programme": the
            # programme's name and what kind of programme it is
            and not longer.group(0).endswith(("Programme", "Programmes"))
        ):
            # "Clare's Law Support Service": a local service named after a known programme
            name = squash(text[ent.start_char : longer.end()])
            found.setdefault(name, (ent.start_char, longer.end()))
            mentions[name].append((ent.start_char, longer.end()))
        elif ent.label_ == "PROGRAMME" or (ent.label_ == "SERVICE" and ent.ent_id_ in title_services):
            # a known programme goes by the gazetteer's name, however this notice spells it ("Cautioning and
            # Relationship Abuse (CARA)" is CARA), so one programme is one name across publishers
            name = title_services.get(ent.ent_id_) or ent.ent_id_ or ent.text
            found.setdefault(name, (ent.start_char, ent.end_char))
            mentions[name].append((ent.start_char, ent.end_char))
            if ent.label_ == "PROGRAMME":
                known_programmes.add(name)
        # (a national policing programme, "NATIONAL" in programmes.jsonl, is a change to the police service, never
        # a service or programme a notice commissions: "the Police Uplift Programme", "National Enabling Programmes")
        # (not a body's name inside a hub's: "the Kent Victim Support Hub" is a service, not Victim Support's)
        if ent.label_ in ("PROGRAMME", "NATIONAL") or (
            ent.label_ in ORG_LABELS and not _HUB_AFTER.match(text, ent.end_char)
        ):
            known[ent.start_char : ent.end_char] = b"\x01" * (ent.end_char - ent.start_char)
    lowered_orgs = {o.lower() for o in org_names}
    # (a lot named in a cost table's row runs on into the row's other cells: "Lot 1 – Devon | Tamar Pathways |
    # Checkpoint"; the table's own columns say what it buys)
    lots = [(n, span) for n, span in _lots(text, lowered_orgs) if not in_regions(*doc.locate(*span), table_regions)]
    for name, span in [*_placed_kinds(nlp_doc, text, rules), *lots]:
        found.setdefault(name, span)
        mentions[name].append(span)
    for kind, s, e in generic_matches(nlp_doc):
        if not kind.startswith("PROGRAMME"):
            continue
        # a name starts at most at the last sentence or heading start inside it ("Background" / "The ...")
        s = max([s] + [k for k in range(s + 1, e - 1) if nlp_doc[k].is_sent_start])
        span = nlp_doc[s:e]
        if any(known[span.start_char : span.end_char]):
            continue  # holds a known programme or organisation
        # two cells of a table row read as one run: the name is in the last ("Merseyside Youth | Youth
        # Futures Diversion Programme", "Active Essex Foundation | Two Boxsmart 'On The Ropes' courses")
        words = text[_column_start(doc, span.start_char, span.end_char) : span.end_char].split()
        if kind == "PROGRAMME_LC":
            if len(words) > 1 and words[-2] in ("The", "This", "That", "These", "Each", "Every", "A", "An", "Our"):
                continue  # "... / Welsh Language | The project works with ...": a heading before "the project"
            words = words[:-1]
        words = _after_break(words, stop)
        name = clean_name(" ".join(words))
        if cuts := list(_NEXT_NAME.finditer(name)):
            name = name[cuts[-1].end() :]  # "Victim Care Line and The Harbour ISVA Hub": the last of two names
        if name and name.split()[0] in ("The", "This", "These", *_FORM_LABELS):
            name = " ".join(name.split()[1:])
        owner = _OWNER.match(name)
        if owner and owner.group(1) in rules.get("owners", []):
            name = name[owner.end() :]  # "the Force's Connected Officer programme": the programme, not its owner
        for org in org_names:
            if name.lower().startswith(org.lower() + " "):
                name = name[len(org) + 1 :]
            elif name.lower().startswith((org.lower() + "'s ", org.lower() + "’s ")):
                name = ""  # "Broxley City Council's Youth Service": a part of the body, not a programme
        one_word = len(name.split()) == 1 and not name.isupper()
        before = text[max(0, span.start_char - 4) : span.start_char]
        if one_word and kind == "PROGRAMME_LC" and (_ONE_WORD_PROGRAMME.search(before) or words[0] == "The"):
            # "the Navigator programme": one word is a name when its kind follows it in lower case
            one_word = name in stop or name in _places() or name in _suffixes() or not name.isalnum()
        if not name or one_word or name.split()[0] in stop:
            continue
        if kind == "PROGRAMME_PREFIX" and (
            in_regions(*doc.locate(span.start_char, span.end_char), table_regions)
            or words[-1] in STRONG_SUFFIXES  # "Medway Fathers Project CIC" is a company
        ):
            continue
        after = text[span.end_char : span.end_char + 3]
        # (its line: the analysed text is flat, the document's keeps the line breaks)
        head = text[doc.text.rfind("\n", 0, span.start_char) + 1 : span.start_char]
        # a label opens its line ("Programme: ..."); mid-sentence, a colon opens a list ("commission the
        # Youth Diversion Programme: Bradford Council (£402,000), ...")
        label = after.lstrip().startswith(":") and not _LOWER_WORD_BEFORE.search(head)
        if label or (e < len(nlp_doc) and nlp_doc[e].is_title and not nlp_doc[e].is_sent_start):
            continue  # a label, or part of a longer name
        line_start = doc.text.rfind("\n", 0, span.start_char) + 1
        line_end = doc.text.find("\n", span.end_char)
        line = doc.text[line_start : line_end if line_end >= 0 else None]
        if not _A_LETTER.search(line.replace(span.text, "", 1)):
            continue  # a heading or a label standing alone on its line
        if acronym := _spelt_out_acronym(name, text, span.end_char):
            name = acronym  # a brand: "REACH", as "STRIDE" or "UNLOCK" are printed alone
        elif (
            kind == "PROGRAMME"
            and len(name.split()) < int(rules["min_words"])
            and not name.isupper()
            and not _named_with_acronym(name, text, span.end_char)  # "the Community-Led Programme (CLP)"
        ):
            continue
        if name.split()[-1] in _cautious_suffixes() and name.lower() not in title.lower():
            # services and projects are often organisations; trust them when the title names them, or
            # when a sum is paid for one ("IDAS will receive £36,500 for the Integrated Support Service")
            a, b = sentence_at(nlp_doc, span.start_char)
            before = text[max(a, span.start_char - 20) : span.start_char]
            paid_for = (_FOR_THE.search(before) or _FUNDS.search(before)) and "£" in text[a:b]
            paid_for = paid_for or _SUM_TO_THE.search(text, max(a, span.start_char - 70), span.start_char)
            paid_for = paid_for or _IS_FUNDED.match(text, span.end_char)  # "The Sahara Advocacy Project is funded"
            if not (paid_for or _DELIVERS_THE.search(text, max(0, span.start_char - 40), span.start_char)):
                continue
        if name.lower() in lowered_orgs:
            continue
        name = _unquoted(name, text, text.find(name.split()[0], span.start_char, span.end_char))
        found.setdefault(name, (span.start_char, span.end_char))
        mentions[name].append((span.start_char, span.end_char))
    # "Independent Sexual Violence Adviser (ISVA) Service": an acronym in brackets inside the name
    for m in _bracketed_acronym_names().finditer(text):
        words = m.group(0).split()
        if words[-1] in rules["lowercase_suffixes"]:
            words = words[:-2]  # "Mentors in Violence Prevention (MVP) programme": the name alone
        name = clean_name(" ".join(_after_break(words, stop)))
        for org in org_names:  # a table row's organisation printed before it
            if name.lower().startswith(org.lower() + " "):
                name = name[len(org) + 1 :]
        if not name:
            continue
        if name.split()[0] in ("The", "This", "These"):
            name = " ".join(name.split()[1:])
        if len(name.split()) < 3 or any(known[m.start() : m.end()]) or name.lower() in lowered_orgs:
            continue
        plain = regex.sub(r"\s*\([A-Z]{2,8}\)", "", name).lower()
        if any(SequenceMatcher(None, plain, other.lower()).ratio() >= 0.85 for other in found):
            continue  # the gazetteer's spelling of the same service is already there
        if (
            name.split()[-1] in _cautious_suffixes()
            and name.lower() not in title.lower()
            and not _DELIVERS_THE.search(text, max(0, m.start() - 40), m.start())
        ):
            continue
        found.setdefault(name, (m.start(), m.end()))
        mentions[name].append((m.start(), m.end()))
    area_services = list(_AREA_SERVICE.finditer(text)) if "Service" in text else []
    for m in area_services:
        name = m.group("name")
        if name.split()[0] in stop or name.lower() in lowered_orgs:
            continue
        found.setdefault(name, (m.start("name"), m.end("name")))
        mentions[name].append((m.start("name"), m.end("name")))
    for m in _appositives(text):
        # a name in quotes: "to deliver 'Step Aside', a West Mercia-wide youth diversion service"
        quoted = text[m.start() - 1 : m.start()] in ("'", "‘") and m.group("name")[-1:] in ("'", "’")
        before = text[max(0, m.start() - 20) : m.start() - 1 if quoted else m.start()]
        # only where the notice pays for it: "funds Victim First, the ... service", or a priced list item
        # "• The Children's Society – Hear Me Now, a service for children ...: £140k per year" (the item runs
        # to the next bullet; the spaCy text has no line breaks, the document's has)
        item = _ITEM_BREAK.split(doc.text[m.end() : m.end() + 200], maxsplit=1)[0]
        listed = _AFTER_A_BODY.search(before) is not None and (
            "£" in item or _item_body(doc.text, m.start(), lowered_orgs)
        )
        if _A_BODY.search(text, m.end("name"), m.end()):
            continue  # "Youth Futures, a local charity that runs the mentoring programme": a body
        if m.group(0).endswith("hub") and not quoted:
            continue  # "Hull Royal Infirmary, the region's major trauma hub": a place; "'Compass London', the ... hub"
        spent_on = _SPENT_ON.search(text, max(0, m.start() - 70), m.start()) is not None
        if (
            not _FOR_THE.search(before)
            and not _FUNDS.search(before)
            and not spent_on
            and not listed
            # "CARA ... and Clear Choice, a drug and alcohol diversion scheme ..." where the title names it
            and not (len(m.group("name").split()) > 1 and m.group("name").lower() in title.lower())
            # "... and Blade Aware, a knife crime education programme ..." with a line of its own in a cost
            # table; a service so set off is as often a body ("Renew Hull, the drug and alcohol service")
            and (
                # (a service so set off counts where a cost table's line opens with its name and says what of it
                # is bought: "Partner Link, an integrated support service ..." / "Partner Link support service")
                not _in_a_table(doc, text, m.group("name"), table_regions)
                if not m.group(0).endswith("service")
                else not _described_in_a_table(doc, text, m.group("name"), table_regions)
            )
        ):
            continue
        name = m.group("name")[:-1] if quoted else m.group("name")
        words = name.split()
        while words and words[-1] in ("to", "of", "for", "and", "the", "in"):
            words.pop()
        while words and words[0] in stop:
            words.pop(0)
        name = " ".join(words)
        # one word only where the notice pays for it and says at once what it is: "Ember Women's Centre will run
        # Anchor, a women's diversion pathway" (not "funds Cranstoun, a national charity running the programme")
        kind = _QUOTED_KIND if quoted else _SHORT_KIND
        one_word_named = (
            len(words) == 1
            # (or a cost table prices it on a line of its own: "Choices, a perpetrator programme for men ..." /
            # "Choices perpetrator programme   118,400")
            and bool(
                _FOR_THE.search(before)
                or _FUNDS.search(before)
                or spent_on
                or _in_a_table(doc, text, words[0], table_regions)
            )
            and kind.match(text, m.end("aside") if m.group("aside") else m.end("name")) is not None
        )
        if (
            not words
            or (len(words) == 1 and not name.isupper() and not one_word_named)
            or words[0] in _words("label_starts")
            or words[0] in _words("calendar")
            or words[-1] in STRONG_SUFFIXES
            or name in _common_acronyms()  # "refurbishment and ICT, the total scheme cost"
            or name.lower() in lowered_orgs
            or any(known[m.start("name") : m.end("name")])
        ):
            continue
        at = m.start("name") + m.group("name").find(name)  # after any sentence word dropped from its front
        found.setdefault(name, (at, at + len(name)))
        mentions[name].append((at, at + len(name)))
    # a name and what it is in lower case, paid for: "£76,000 ... for the Blades Don't Belong knife crime
    # education programme"
    for m in _DESCRIBED.finditer(text) if "£" in text or table_regions else ():
        name = m.group("name")
        a, b = sentence_at(nlp_doc, m.start())
        tabled = _in_a_table(doc, text, name, table_regions)
        if (
            # paid for where it is named, or priced on a line of its own in a cost table ("the ReThink domestic
            # abuse awareness course, the Common Ground ..." / "ReThink domestic abuse awareness course  96,000")
            not (
                tabled
                or (
                    "£" in text[a:b]
                    and (
                        _FOR_THE.search(text, max(a, m.start() - 20), m.start("name"))
                        or _FUNDS.search(text, max(a, m.start() - 20), m.start("name"))
                    )
                )
            )
            # one word ("the ReThink domestic abuse awareness course") only where a cost table prices it
            or (" " not in name and not (tabled and name not in name_words))
            or any(known[m.start("name") : m.end("name")])
            or name.lower() in lowered_orgs
            or name.split()[-1] in _suffixes()
            or name.split()[0] in stop
            or name in _place_names()
        ):
            continue
        found.setdefault(name, (m.start("name"), m.end("name")))
        mentions[name].append((m.start("name"), m.end("name")))
    # a list item that defines a programme: "• Steps to Change – a Respect-accredited group and one-to-one
    # behaviour change programme", "• Family Foundations – a whole-family intervention for families ..."
    for m in _DEFINED_ITEM.finditer(doc.text) if "•" in doc.text or "\uf0b7" in doc.text else ():
        name = m.group("name")
        if (
            name.lower() in lowered_orgs
            or any(known[m.start("name") : m.end("name")])
            or name.split()[0] in stop
            or name.split()[-1] in STRONG_SUFFIXES
        ):
            continue
        found.setdefault(name, (m.start("name"), m.end("name")))
        mentions[name].append((m.start("name"), m.end("name")))
    named_items = list(_NAMED_ITEM.finditer(doc.text)) if "£" in doc.text and " by " in doc.text else []
    named_items += list(_NAMED_ITEM_DASH.finditer(doc.text)) if " by" in doc.text else []

    def not_a_name(m: regex.Match) -> bool:
        """What a sum is paid for that names no programme: a body, a known name, a budget line, a month, a post,
        a part of the grant ("£39,000 for Year Two, ..."), a fund."""
        name, words = m.group("name"), m.group("name").split()
        return (
            name.lower() in lowered_orgs
            or any(known[m.start("name") : m.end("name")])
            or words[0] in stop
            or any(w in _words("budget_lines") or w in _words("calendar") for w in words)
            or words[0] in _words("label_starts")
            or words[-1] in _words("post_ends")
            or words[-1] in STRONG_SUFFIXES
            or words[-1] in _words("fund_ends")
        )

    for m in [*named_items, *(_FOR_NAME_THEN.finditer(text) if "£" in text else ())]:
        name = m.group("name")
        words = name.split()
        if (
            len(words) < 2  # "• Taxi marshals ...", "• Training – two days ...": a thing bought, not a name
            or not_a_name(m)
            or _A_BODY.search(text, m.end("name"), m.end("name") + 40) is not None  # ", a local charity ..."
            or all(w in topic or w in _place_names() or w in _COMPASS for w in words)
        ):
            continue
        found.setdefault(name, (m.start("name"), m.end("name")))
        mentions[name].append((m.start("name"), m.end("name")))
    for m in _PAID_TO_BODY_FOR.finditer(text) if "£" in text else ():
        name, words = m.group("name"), m.group("name").split()
        if (
            m.group("body").lower() not in lowered_orgs
            # where the title names it too ("Ember Mentoring and ... Outreach") and the text again: else as often a
            # place or a purpose ("to X for Wisbech and Whittlesey;", "to X for Serious Violence;")
            or not regex.search(rf"\b{regex.escape(name)}\b", title)
            or sum(1 for _ in _printed(text, name)) < 2
            or _TWO_PLACES.fullmatch(name) is not None
            or not_a_name(m)
            # (not a kind of service alone: "for the ISVA Service")
            or all(w in name_words or w in _common_acronyms() or w in _place_names() or w in _COMPASS for w in words)
        ):
            continue
        found.setdefault(name, (m.start("name"), m.end("name")))
        mentions[name].append((m.start("name"), m.end("name")))
    # a project named in quotes in a cost table's row: "'Off the Streets' Friday night boxing sessions"
    # (one word in quotes where what it is follows in lower case: "'Anchor' mentoring for young people")
    for m in [*_QUOTED.finditer(text), *(_QUOTED_WORD.finditer(text) if table_regions else ())]:
        name = m.group("name").strip()
        if not in_regions(*doc.locate(m.start("name"), m.end("name")), table_regions) or name.lower() in lowered_orgs:
            continue
        found.setdefault(name, (m.start("name"), m.end("name")))
        mentions[name].append((m.start("name"), m.end("name")))
    # in running text, a name in quotes and what kind of programme it is: "the Respect-accredited 'Changing
    # Course' group programme"
    # (or the kind, then the name in quotes set off by commas: "an accompanying diversion scheme, “Clear Path
    # Cheshire”, for adults", or that it goes by: "the ISVA service, branded locally as 'Clearwater'")
    quoted_kinds = [
        *_QUOTED_THEN_KIND.finditer(text),
        *_KIND_THEN_QUOTED.finditer(text),
        *_KIND_KNOWN_AS.finditer(text),
        *_QUOTED_ITEM.finditer(text),
    ]
    for m in quoted_kinds if "'" in text or "‘" in text or "“" in text or '"' in text else ():
        name = m.group("name").strip()
        words = name.split()
        if (
            name.lower() in lowered_orgs
            or any(known[m.start("name") : m.end("name")])
            or words[0] in stop
            or words[0] in _words("label_starts")  # "the service, 'Lot 2', will ..."
            or words[0] in ("Not", "No", "None")  # "• “Not applicable” – ..."
            or words[-1] in _words("fund_or_programme_ends") - {"Programme", "Project", "Scheme", "Service"}
            or sum(w.islower() for w in words) >= 2  # a quotation, not a name ("It changed my life")
            or words[-1] in ("Guidance", "Report", "Review", "Act", "Code", "Duty")  # a document, a law
            or words[-3:] == ["Point", "of", "Contact"]  # a role ("Single Point of Contact")
            or name in _place_names()  # "the scheme called 'North Yorkshire'"
            or words[0] in ("Appendix", "Annex", "Table", "Section", "Schedule", "Part")
            # one word before a service names a part of one ("the 'Hub' referral service"), not a programme
            or (len(words) == 1 and m.group(0).endswith(("service", "services")))
        ):
            continue
        found.setdefault(name, (m.start("name"), m.end("name")))
        mentions[name].append((m.start("name"), m.end("name")))
    named_forms = [*_KIND_THEN_NAME.finditer(text), *_DELIVERED_AS.finditer(text)]
    named_forms += _NAME_DELIVERED_BY.finditer(text) if " be " in text else []
    for award in _AWARD.finditer(text) if "(£" in text else ():
        a, b = sentence_at(nlp_doc, award.start())
        named_forms += _AWARDED_ITEM.finditer(text, award.end(), b)
    named_forms += _BRACKETED_THEN_DELIVERED.finditer(text) if ") " in text else []
    named_forms += _DELIVER_THE_NAMED.finditer(text) if " the " in text else []
    named_forms += (
        m for m in _SPELT_OUT_THEN_DELIVERED.finditer(text) if _initials(m.group("name")) == m.group("acronym")
    )
    # (a sentence that defines a name is looked for only around what it says it is: one scan of the text)
    defined: list[regex.Match] = []
    # (the owned kind in the document's text, whose line breaks show where a heading ends: "Summary of decision" /
    # "Restore Staffordshire is the ...")
    for cues, names, where in ((_IS_A_KIND, _NAME_IS_A, text), (_IS_THE_OWNERS, _NAME_IS_OWNED, doc.text)):
        for cue in cues.finditer(text):
            start = max(defined[-1].end() if defined else 0, cue.start() - 80)
            if (m := names.search(where, start, cue.end())) is not None:
                defined.append(m)
    named_forms += defined
    blocks = nlp_doc.user_data.get("block_starts", [])
    for m in named_forms:
        name = m.group("name")
        # a name starts after a block's first line ("Background" / "Rebuild is a ... programme")
        if (b := max((b for b in blocks if m.start("name") < b < m.end("name")), default=None)) is not None:
            name = text[b : m.end("name")]
        words = name.split()
        if (
            name.lower() in lowered_orgs
            or any(known[m.start("name") : m.end("name")])
            or words[0] in stop
            or words[0] in _words("label_starts")
            or words[-1] in STRONG_SUFFIXES
            or words[-1] in _words("fund_or_programme_ends")
            # (one word only where the notice keeps using it and its title or a cost table names it: "Rebuild is a
            # Respect-accredited ... programme"; not "Triage is a pathway ...")
            or (
                len(words) == 1
                and not name.isupper()
                and m.re in (_NAME_IS_A, _NAME_IS_OWNED)
                and (
                    sum(1 for _ in _printed(text, name)) < 3
                    or not (
                        regex.search(rf"\b{regex.escape(name)}\b", title) or _in_a_table(doc, text, name, table_regions)
                    )
                )
            )
            or all(w in topic or w in name_words for w in words)  # "Youth Diversion will be delivered by"
            # what an award item or a delivered name is, where the notice names it once only, is as likely a
            # thing or a task ("Clinical Supervision will be provided by", "Capital Grants to ...") as a programme
            or (
                m.re in (_AWARDED_ITEM, _NAME_DELIVERED_BY, _DELIVER_THE_NAMED)
                and (
                    sum(1 for _ in _printed(text, name)) < 2
                    or name in _place_names()
                    or words[0] in _NAME_WORDS
                    or words[-1] in _words("budget_lines") | _words("fund_ends") | _words("calendar")
                    or words[-1].rstrip("s") in rules.get("post_words", []) + rules.get("adviser_kinds", [])
                )
            )
            or (name.isupper() and m.re is _BRACKETED_THEN_DELIVERED)  # "(IDVA)": an acronym of what it is
            # where or when it runs, not its name: "(North Wales)", "(Mon-Fri)"
            or name in _place_names()
            or " ".join(w for w in words if w not in _COMPASS) in _place_names()
            or _DAY.match(name) is not None
            or "As" in words  # "delivered as Business As Usual by the force"
        ):
            continue
        found.setdefault(name, (m.start("name"), m.end("name")))
        mentions[name].append((m.start("name"), m.end("name")))
    # a title that opens with a name and then says what it is: "Reset Pathways – Domestic Abuse Perpetrator
    # Programme Contract Award 2024-27", "StepUp London – Custody and Hospital Youth Navigators 2024-26"
    head = _title_head(title, rules, text)
    if head and head.lower() not in lowered_orgs and not any(head.lower() in f.lower() for f in found):
        spans = [m.span() for m in _printed(text, head)]
        # named again in the notice, not only in its title; one word ("NAVIGATE – Emergency Department Navigator
        # Service") named again and again
        if len(spans) >= (2 if " " in head else 3):
            found.setdefault(head, spans[-1])
            mentions[head].extend(spans)
            # what the title then says it is, is its kind, not another programme ("Emergency Department Navigator
            # Service" after "NAVIGATE –")
            kind = title.split(head, 1)[1]
            for name in [n for n in found if n != head and n in kind and n.split()[-1] in rules["suffixes"]]:
                del found[name]
    # a title that ends by naming what it funds: "Youth Intervention Programmes 2024-2027: Ember and Street Safe"
    tail = _title_tail(title, rules)
    if tail:
        # what the title says the listed names are, in the plural, is their kind ("Youth Intervention Programmes")
        heading = title[: title.rfind(":")]
        for name in [n for n in found if n in heading and n.split()[-1] in _PLURAL_KINDS]:
            del found[name]
    for name in tail.names if tail else ():
        spans = [m.span() for m in _printed(text, name)]
        if len(name.split()) == 1 and any(_PLACE_NOUN.match(text, b) for _, b in spans):
            continue  # a place the title names ("...: Watford and Stevenage"; "at the Watford site")
        # named in the notice, not only in its title (printed as often as the title's list is)
        if len(spans) > len(list(_printed(text, tail.text))) and name.lower() not in lowered_orgs:
            found.setdefault(name, spans[-1])
            mentions[name].extend(spans)
    # a service and the name it goes by: the name is the programme ("the Restorative Justice Service, known as
    # 'Restore Warwickshire'"), where the service is found or a cost table prices the name
    aliases: dict[str, str] = {}  # the service's description → its own name
    for m in _KNOWN_AS.finditer(text) if " as " in text else ():
        name = m.group("name").strip()
        kind = " ".join(_after_break(m.group("kind").split(), stop))
        if not kind or name.lower() in lowered_orgs or any(known[m.start("name") : m.end("name")]):
            continue
        described = _described_by(found, kind)
        if described or _in_a_table(doc, text, name, table_regions):
            aliases[kind] = name
            for n in described:
                mentions[name].extend(mentions.pop(n, []))
                del found[n]
            found.setdefault(name, (m.start("name"), m.end("name")))
            mentions[name].append((m.start("name"), m.end("name")))
    for m in _GOES_BY.finditer(text) if " as " in text or " under the " in text or " branded " in text else ():
        name = m.group("name")
        if (
            name.lower() in lowered_orgs
            or any(known[m.start("name") : m.end("name")])
            or name.split()[0] in stop
            or name.split()[0] in _words("label_starts")  # "known as Lot 2", "as Year One"
            or name.split()[0] in _words("calendar")
            or "As" in name.split()
            or name.split()[-1] in STRONG_SUFFIXES
            # one word where the notice goes on using it: "the ... scheme, branded as Waymark" / "Waymark works with"
            or (" " not in name and (sum(1 for _ in _printed(text, name)) < 3 or name in _place_names()))
        ):
            continue
        found.setdefault(name, (m.start("name"), m.end("name")))
        mentions[name].append((m.start("name"), m.end("name")))
    for m in _TITLE_ALIAS.finditer(title) if "(" in title else ():
        name, kind = m.group("name").rstrip("'’\"”"), " ".join(_after_break(m.group("kind").split(), stop))
        spans = [p.span() for p in _printed(text, name)]
        if (
            name.isupper()
            or len(name.split()) < 2  # "(Northshire)", "(Extension)", "(Adults)": a place or a note, not a name
            or name.split()[0] in _words("label_starts")  # "(Phase Two)"
            or name.split()[-1] in STRONG_SUFFIXES | _suffixes()  # "(Northshire Rape Crisis Ltd)": a body
            or name.lower() in lowered_orgs
            or len(spans) < 2
        ):
            continue  # an acronym, a body, or a name the notice does not use
        aliases[kind] = name
        for n in _described_by(found, kind):
            del found[n]
        found.setdefault(name, spans[-1])
        mentions[name].extend(spans)
    # "Victim First and Commissioned Victims' Services": two things named together, one of them found alone
    # (or both, in the plural: "Specialist Stalking and Hate Crime Advocacy Services" beside "Hate Crime Advocacy
    # Service")
    # (not one name with "and" in it: "Peak and Dales Victim Care Hub" beside a cut "Dales Victim Care Hub")
    found = {
        n: span
        for n, span in found.items()
        if not any(
            (n.startswith(other + " and ") and len(n[len(other) + 5 :].split()) > 1)
            or (n.endswith((" and " + other, " and " + other + "s")) and len(n[: n.rfind(" and " + other)].split()) > 1)
            for other in found
            if other != n
        )
    }
    # "Llwybr Women's Diversion Service and Cartref Diogel Target Hardening Scheme" (a title) beside "Llwybr" and
    # "Cartref Diogel": two programmes named together, each found by its own name
    found = {
        n: span
        for n, span in found.items()
        if " and " not in n
        or not all(any(part == o or part.startswith(o + " ") for o in found if o != n) for part in n.split(" and "))
    }
    # "Step Aside Youth Diversion Programme" printed once (the title) where the notice goes on to say "Step Aside": the
    # name is the brand, the words after it only say what kind of programme it is
    for name in list(found):
        brand = _brand_alone(name, text, name_words, lowered_orgs)
        if brand is not None:
            brand = _QUOTED_WHOLE.sub(r"\1", brand)  # "'Clear Path' Perpetrator Programme": Clear Path
            span = found.pop(name)
            found.setdefault(brand, span)
            mentions[brand].extend(mentions.pop(name, []))
    found = _drop_contained(_described_kinds(found, text))
    # a name that starts inside another's printed name, the rest of a longer title: "Drop the Blade Knife Crime
    # Education Programme" read from "Blade" on, beside "Drop the Blade"
    found = {
        n: span
        for n, span in found.items()
        if not any(
            o != n and text[: span[0]].lower().endswith(o.lower().rsplit(" ", 1)[0] + " ")
            for o in found
            if len(o.split()) > 1 and n.split()[0] == o.split()[-1]
        )
    }
    # the title's service described only by its topic ("Restorative Justice Service – Contract Award") beside the
    # particular name the notice gives a service ("Restorative Horizons", "Restore Surrey")
    titled = {
        n
        for n in found
        if all(w in name_words for w in n.split())
        and regex.search(rf"(?:^|[–—-]\s)(?i:the\s+)?{regex.escape(n)}(?:\s+[–—(-]|\s*$)", title) is not None
    }
    if titled:
        # tied to it: the name the service goes by, or a name printed before the service's words ("the
        # Restorative Horizons restorative justice service")
        tied = bool(aliases) or any(
            f"{n} {t}".lower() in text.lower() or (t.split()[-1] == n.split()[-1] and n.lower() != t.lower())
            for n in found
            if n not in titled
            for t in titled
        )
        named_by = [m for m in _GOES_BY.finditer(text) if m.group("name") in found] if " as " in text else []
        others = any(n.lower() not in title.lower() and n not in known_programmes for n in found)
        # or a title that joins two topics ("Youth Diversion and Substance Misuse Services") beside names found
        joined = {t for t in titled if " and " in t} if others else set()
        drop = titled if tied or named_by else joined
        found = {n: span for n, span in found.items() if n not in drop}
    kind_words = set(rules.get("kind_words", []))
    generic = {
        n
        for n in found
        if n in rules.get("generic", [])
        or (
            all(w in kind_words for w in n.split())
            and n not in {name for name, _ in lots}  # a lot of a tender is a particular service
            and not _priced(doc, nlp_doc, text, n, table_regions)
            and not any(_DELIVERS_THE.search(text, max(0, a - 40), a) for a, _ in mentions[n])
        )
    }
    if any(name not in generic for name in found):
        found = {name: span for name, span in found.items() if name not in generic}
    papers = [m.end() for m in _PAPERS.finditer(text)] if "apers" in text or "ocuments" in text else []
    # a programme named only where the notice says it is not funded ("Drive ... was also considered"), or
    # one the notice says outright is not funded ("Operation Encompass itself is not funded by this decision")
    found = {
        name: span
        for name, span in found.items()
        if not _only_unfunded(nlp_doc, text, mentions[name] or [span], papers)
        and not any(
            _DECLARED_UNPAID.match(text, end)
            or _NOT_THIS_DECISIONS.match(text, end)
            or (_NOT_FUNDING_IT.search(text, max(0, start - 80), start) and _CLAUSE_ENDS.match(text, end))
            for start, end in mentions[name] or [span]
        )
        and not (
            any(
                _FUNDED_BY_ANOTHER.match(text, end) or _A_SOURCE_OF_MONEY.search(text, max(0, start - 110), start)
                for start, end in mentions[name] or [span]
            )
            and not _priced(doc, nlp_doc, text, name, table_regions)
        )
    }
    found = {
        name: span
        for name, span in found.items()
        if name not in known_programmes or _acted_on(doc, nlp_doc, text, title, mentions[name] or [span], table_regions)
    }
    # an acronym beside the name that spells it out ("ISVA" and "Independent Sexual Violence Adviser (ISVA) Service")
    found = {n: span for n, span in found.items() if not any(f"({n})" in other for other in found if other != n)}
    # or printed in brackets after it ("the Independent Sexual Violence Adviser Service (ISVA Service)")
    found = {
        n: span
        for n, span in found.items()
        if not any(
            other != n
            and f"({n})" in text
            and regex.search(rf"{regex.escape(other)}\s*\({regex.escape(n)}\)", text) is not None
            for other in found
        )
    }
    # and a kind of advocate beside the named service of that kind ("IDVA", or the title's "Independent
    # Domestic Violence Advisor (IDVA) Service", and "the Derbyshire IDVA Service")
    area_kinds = {m.group("kind") for m in area_services if m.group("name") in found or m.group("name") in aliases}
    spelt = {spelling: kind for kind, spelling in title_services.items()}
    found = {
        n: span
        for n, span in found.items()
        if not (n in area_kinds or spelt.get(n) in area_kinds or any(f"({k})" in n for k in area_kinds))
    }
    records = []
    for programme, (start, end) in found.items():
        if _fragment(programme, lowered_orgs, text[max(0, start - 80) : start]):
            continue
        if programme.split()[-1] in _PLURAL_KINDS and _AND.search(programme):
            continue  # "Victim Care Hub and Restorative Justice Services": kinds of service listed, not one
        if _POST_OF.match(programme):
            continue  # "Head of Programmes": a post
        page, _ = doc.locate(start, end)
        a, b = sentence_at(nlp_doc, start)
        quote = squash(text[a:b])
        records.append(ProgrammeRecord(programme, page, quote))
    # a project named in a cost table's Project column ("Gloves On, Knives Down"), in capitals, not a body
    posts = advisers | set(rules.get("post_words", []))
    in_text = len(records)
    row_names = [squash(n).strip() for n, _, _ in table_names]
    kinds = [*rules["suffixes"], *(k.title() for k in rules["lowercase_suffixes"])]
    for name, page, table in table_names:
        # "Youth Navigators – youth workers in the emergency department": the name before the description
        name = _SPACED_DASH.split(squash(name).strip(), maxsplit=1)[0]
        name = _FOOTNOTE_MARK.sub("", name)  # "Norfolk Victim Care Hub¹": the footnote's mark is no part of it
        # "'Heathwatch' – deliberate heath fire prevention patrols": a name in quotes is a name, one word or more;
        # so is one in brackets after what it is ("Stalking advocacy ('SAFE-Track')")
        quoted = _QUOTED_IN_BRACKETS.search(name) or _QUOTED_CELL.fullmatch(_BRACKETS_AFTER.sub("", name) or name)
        name = quoted.group("name") if quoted is not None else _BRACKETS_AFTER.sub("", name) or name
        # a one-word brand in mixed case, alone or before its kind ("ReSet group programme"), is a name (not an
        # acronym, "ISVA", "CCTV"; a one-word cell in plain case is as often a plain noun: "Holiday", "Retail")
        one = _ONE_WORD_THEN_KIND.fullmatch(name)
        if (
            one
            and _BRAND.search(one.group("name")[1:])
            and not one.group("name").isupper()
            and one.group("name") not in _common_acronyms()
            and one.group("name") not in topic | _words("budget_lines") | set(rules["suffixes"])
            and one.group("name") not in _place_names()
            and one.group("name").lower() not in lowered_orgs
        ):
            records.append(ProgrammeRecord(one.group("name"), page, f"{name} (named in cost table {table})"))
            continue
        # "Safe Night Out volunteer patrols and first aid kits": a name, then what it is in lower case
        named = _NAME_THEN_WORDS.match(name)
        if (
            named
            and named.group("name") not in _place_names()
            and not all(w in topic for w in named.group("name").split())  # "Knife Crime awareness sessions"
        ):
            name = named.group("name")
        lowered = name.lower()
        if (
            not (_TITLE_CASE.fullmatch(name) or quoted is not None)  # a name, not a description ("CCTV – Great ...")
            or name.split()[0] in _words("budget_lines")  # "Evaluation of the Youth Navigators ..."
            or name.split()[-1] in STRONG_SUFFIXES | {"Unit", "Team"}  # "County Community Safety Unit": a body
            or name.split()[-1] in _words("fund_ends")  # "Communities Against Violence Fund": a pot of money
            or name.split()[-1] in rules.get("asset_ends", [])  # "Grantham Police Station": a building or a thing
            or name.split()[-1].rstrip("s") in posts  # "Hospital-based IDVA", "Male ISVAs": posts, not a service
            or lowered in lowered_orgs
            or _fragment(name, lowered_orgs)
            # "Children and Young People", "Substance Misuse": a category, not a named service
            or (all(w in topic for w in name.split()) and name.split()[-1] not in rules["suffixes"])
            or any(
                (lowered in f.lower() or f.lower() in lowered) and not _short_for(f, name, row_names, kinds)
                for f in [*found, *(r.programme for r in records)]
            )
        ):
            continue
        # (the cost table's full name of what the text calls by one word: "The Tendring project" is "Tendring Girls'
        # Resilience Project")
        records = [r for r in records if not _short_for(r.programme, name, row_names, kinds)]
        records.append(ProgrammeRecord(name, page, f"{name} (named in cost table {table})"))
    # the title's kind of service beside a cost table's particular services of that kind ("ISVA Services" and
    # "Suffolk ISVA Service (adults)")
    tabled = {word for r in records[in_text:] for word in r.programme.split()}
    records = [r for r in records if spelt.get(r.programme) not in tabled]
    # a cost table's description of a service that the text names ("Restorative Justice Service" beside "Restore
    # Warwickshire")
    named = {r.programme for r in records}
    records = [r for r in records if not (r.programme in aliases and aliases[r.programme] in named)]
    return sorted(records, key=lambda r: (r.page, r.programme))
