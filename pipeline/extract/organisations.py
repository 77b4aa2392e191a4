"""Organisations and their roles: who is paid, who pays, who decides.

Mentions come from the gazetteer (EntityRuler over ``rules/organisations.jsonl``),
from capitalised names with a telling suffix (Matcher), from names after words
such as "awarding", and from the recipient column of cost tables. A role comes
from the words around a mention (``rules/organisations.yml``); a list of names
shares the role of any of its members.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

import regex

from pipeline.extract.context import before_this_decision, in_passages, not_funded_here, unfunded_passages
from pipeline.extract.nlp import (
    NAME_END_ABBREVIATIONS,
    NAME_SUFFIX_WORDS,
    doc_text,
    form_label,
    gazetteer_names,
    generic_matches,
    sentence_at,
    trained_model,
)
from pipeline.extract.publisher import Publisher
from pipeline.extract.rules import any_of, load_jsonl, load_yaml, publisher_rules
from pipeline.extract.text import squash
from pipeline.extract.title import welsh_count
from pipeline.read.document import BBox, Document, in_regions

if TYPE_CHECKING:
    from spacy.tokens import Doc

ORG_LABELS = {"GOV", "OFFICE", "SELF", "PROVIDER", "POLICE", "COUNCIL", "OTHER", "DECISION_MAKER", "ORG"}
ROLES = ("provider", "funder", "partner", "decision_maker", "other")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    label: str
    canonical: str
    forced_role: str = ""


@dataclass(frozen=True)
class OrgRecord:
    name: str
    canonical: str
    role: str
    page: int
    bbox: BBox | None
    quote: str


@dataclass(frozen=True)
class _OrgRules:
    provider_before: list[regex.Pattern]
    provider_after: list[regex.Pattern]
    other_before: list[regex.Pattern]
    other_after: list[regex.Pattern]
    funder_before: list[regex.Pattern]
    funder_before_weak: list[regex.Pattern]
    funder_before_then_sum: list[regex.Pattern]
    funder_after: list[regex.Pattern]
    introducer: regex.Pattern
    agent: regex.Pattern
    follower: regex.Pattern
    money_context: regex.Pattern
    default_roles: dict[str, str]
    stopwords: frozenset[str]
    recipient_headers: regex.Pattern


@cache
def _rules() -> _OrgRules:
    data = load_yaml("organisations.yml")

    # each list of cues is one alternation: one search of the words around a name instead of one per cue
    def compile_all(items: list[str]) -> list[regex.Pattern]:
        return [any_of(items)] if items else []

    def compile_before(items: list[str]) -> list[regex.Pattern]:
        # a "before" cue ends at the mention ($): searched backwards, it fails fast where it does not
        for p in items:
            if not p.endswith("$"):
                raise ValueError(f"rules/organisations.yml: a 'before' cue must end with $: {p}")
        joined = "|".join(f"(?:{p})" for p in items)
        return [regex.compile(joined, regex.IGNORECASE | regex.REVERSE)] if items else []

    roles = data["roles"]
    return _OrgRules(
        provider_before=compile_before(roles["provider"]["before"]),
        provider_after=compile_all(roles["provider"]["after"]),
        other_before=compile_before(roles.get("other", {}).get("before", [])),
        other_after=compile_all(roles.get("other", {}).get("after", [])),
        funder_before=compile_before(roles["funder"]["before"]),
        funder_before_weak=compile_before(roles["funder"]["before_weak"]),
        funder_before_then_sum=compile_before(roles["funder"].get("before_then_sum", [])),
        funder_after=compile_all(roles["funder"]["after"]),
        introducer=compile_before([data["provider_introducers"]])[0],
        agent=compile_before([data["provider_agents"]])[0],
        follower=regex.compile(data["provider_followers"], regex.IGNORECASE),
        money_context=regex.compile(data["money_context"], regex.IGNORECASE),
        default_roles=dict(data["default_roles"]),
        stopwords=frozenset(data["name_stopwords"]),
        recipient_headers=regex.compile(data["recipient_headers"], regex.IGNORECASE),
    )


_MONEY_TAIL = regex.compile(
    r"(?:\s+\([^()]*\))?\s+(?:match\s+)?(?:contribution|budget|grant|funding|allocation|reserve)s?\s*$"
    r"|\s*\((?:match\s+)?(?:contribution|grant|funding)\)\s*$",  # "Newport City Council (match funding)"
    regex.I,
)


_NOTE = regex.compile(r"\s*\((?-i:[a-z])[^()]{0,40}\)\s*$")  # a note in lower case after a name


def body_in_line(description: str) -> str | None:
    """The organisation a cost table's line names beside a dash, where that part is plainly a body
    ("Turnaround enhancement – Blackpool Youth Justice Service"), else None: in a table without a column of
    recipients most lines name what is bought ("Grantham Police Station – refurbishment"), not who is paid."""
    parts = [p.strip(" ,;") for p in _DASH.split(_NOTE.sub("", description))]
    parts = [_ACRONYM_AT_END.sub("", part) for part in parts]  # "… Support (CSVS)"
    if len(parts) < 2 and (bracket := _NAME_IN_BRACKETS_AT_END.search(parts[0])):
        # or in brackets after what is bought: "Drive case management (Llanwern Family Safety Ltd)"; a body's
        # own service there names the body ("Step Up (Southampton City Council Youth Justice Service)"); not a
        # payer ("Partner contribution (Southampton City Council)"), an area ("(Cleveland Police Area)"), the
        # office itself or two bodies ("(Surrey Police and Surrey County Council)")
        halves = regex.split(r"\s+(?:and|&)\s+", bracket["name"])
        if _NOT_A_PAID_BODY.search(parts[0]) or (len(halves) == 2 and all(_a_body(h) for h in halves)):
            return None
        words = bracket["name"].split()
        ends = [k for k, w in enumerate(words) if w in STRONG_SUFFIXES and k > 0]
        if ends and words[-1] not in STRONG_SUFFIXES:
            words = words[: ends[-1] + 1]
        parts = [" ".join(words)]
    elif len(parts) < 2:
        return None
    for part in parts:  # a body the gazetteer knows first ("… Young People Service – Barnardo's")
        known = gazetteer_names().get(part.lower())
        if known and known[0] not in ("PROGRAMME", "SELF", "GOV", "OFFICE"):
            return part
    # where a part names who pays ("Shield Stalking Advocacy Service – Home Office", "Essex IDVA Service – PFCC
    # core"), the other names what is bought: a service there is no body
    # (and where a part in lower case says what of it is bought, "Night Safe Hub – staffing", the other is a service)
    paid_by = any(_PAYER_PART.search(part) or _known_payer(part) or part[:1].islower() for part in parts)
    # a part that ends as only a body's name does first ("Tees Valley Stalking Advocacy Service – Keystone
    # Advocacy Trust": the service and the body that runs it), and a service last ("Women's Diversion Service –
    # Severnside Women's Centre")
    for part in sorted(parts, key=lambda p: (p.split()[-1] not in STRONG_SUFFIXES, p.split()[-1] == "Service")):
        words = part.split()
        if paid_by and words[-1] in _PROJECT_ENDS:
            continue
        if (
            len(words) >= 2
            and not _adviser_service(words)
            and not gazetteer_names().get(part.lower())
            and words[-1] in _suffixes()
            and all(w[:1].isupper() or w in ("and", "of", "for", "the", "with", "&") for w in words)
            and words[0] not in _generic_words()
            and (words[-1] == "Service" or words[-1] not in _words("fund_or_programme_ends"))  # not "Change Project"
            and part not in _places()
        ):
            return part
    return None


_DASH = regex.compile(r"\s[–—-]\s")
_PAYER_PART = regex.compile(
    r"\b(?i:grant|core|budget|contribution|precept|reserves?|allocation)\b|^(?:O?PF?CC|PCVC|MOPAC|Commissioner)\b"
)


def _known_payer(part: str) -> bool:
    known = gazetteer_names().get(part.lower())
    return bool(known and known[0] in ("GOV", "SELF", "OFFICE"))


_NAME_IN_BRACKETS_AT_END = regex.compile(r"\s\((?P<name>[^()\s]+(?:\s[^()\s]+)+)\)$")
_NOT_A_PAID_BODY = regex.compile(
    r"\b(?:contributions?|funding|income|match|less)\b|\bArea\)$|\(Office\s+of\b|\(the\s+Office\b", regex.IGNORECASE
)


def _a_body(name: str) -> bool:
    """Whether ``name`` is plainly a body's: the gazetteer knows it, or it ends like one ("Surrey County Council")."""
    known = gazetteer_names().get(name.lower())
    return bool(known and known[0] != "PROGRAMME") or name.split()[-1] in STRONG_SUFFIXES


_NAME_AND_ACRONYM = regex.compile(r"(?P<name>.+?)\s*\((?P<acr>[A-Z]{2,8})\)")
_ACRONYM_PART = regex.compile(r"[A-Z][A-Z&]{1,7}")
_ACRONYM_AT_END = regex.compile(r"\s*\([A-Z]{2,8}\)$")
_ACRONYM_AND = regex.compile(r"[A-Z]{2,8}\s+(?:and|&)\s")
_ACRONYM_ALONE = regex.compile(r"\s*[A-Z]{2,8}")
_HEAD_END = regex.compile(r"\s+(?:for|of|in)\s+")


_PART_BREAK = regex.compile(r"\s+[–—-]\s+|:\s+")
_TRADES_AS = regex.compile(r"\s+(?:trading\s+as|t/a)\s+", regex.IGNORECASE)
_NAME_GOES_ON = frozenset({"of", "for", "and", "&", "in", "on", "upon", "t/a"})


def _body_then_more(description: str) -> str | None:
    """A paying body's whole name that opens a cell, and what follows it: its department, its grant ("Derby City
    Council (Public Health)", "Fenmarsh County Council Children's Services", "Ministry of Justice (MoJ) domestic
    abuse uplift"): the longest opening of two words or more that the gazetteer knows as a body, or that ends as
    only a body's name ends. (A provider's department may be the body paid: "Cornwall Council Youth Justice
    Service".)"""
    words = description.split()
    if words and words[-1] in _words("fund_ends"):
        return None  # "Community Safety Partnership Fund": a fund, whole, not the partnership
    known = gazetteer_names()
    for n in range(len(words) - 1, 1, -1):
        name, after = " ".join(words[:n]).rstrip(",;"), words[n]
        if after.lower() in _NAME_GOES_ON or after in STRONG_SUFFIXES:
            continue
        if known.get(name.lower(), ("PROGRAMME",))[0] != "PROGRAMME" and (after[0] == "(" or after[0].islower()):
            return name
        if words[n - 1] in STRONG_SUFFIXES - {"Police", "Constabulary"}:
            return name
    return None


def recipient_name(description: str, funder: bool = False) -> str:
    """The organisation in a table row's label: "CCTV upgrade – Acme Security Ltd" → "Acme Security Ltd",
    "Barod – criminal justice navigators" → "Barod". The part the gazetteer knows, else the part that
    ends like an organisation's name, else the part most written in capitals."""
    stripped = _MONEY_TAIL.sub("", description).strip()  # "NHS England (South West) contribution"
    if stripped != description.strip():
        # a payer's named grant: "Home Office Perpetrator Interventions Grant" is the Home Office's
        words = stripped.split()
        for n in range(len(words) - 1, 0, -1):
            known = gazetteer_names().get(" ".join(words[:n]).lower())
            if known and known[0] != "PROGRAMME":
                return " ".join(words[:n])
    description = stripped
    description = _NOTE.sub("", description)  # "Action for Children (consortium lead)"
    bracket = regex.search(r"\(([^()]{3,80})\)\s*$", description)
    if bracket and (bracket.group(1).split()[-1] in _suffixes() or bracket.group(1).lower() in gazetteer_names()):
        return bracket.group(1).strip()
    description = _TRADES_AS.split(description, maxsplit=1)[0]  # "X Ltd trading as Riverside Sport": X Ltd
    if funder and len(_PART_BREAK.split(description)) == 1 and (body := _body_then_more(description)) is not None:
        return body
    parts = [p.strip(" ,;") for p in _PART_BREAK.split(description) if p.strip(" ,;")]
    if len(parts) <= 1:
        return description.strip()
    known = gazetteer_names()
    suffixes = _suffixes()
    for part in parts:
        if part.lower() in known and known[part.lower()][0] != "PROGRAMME":
            return part
    for part in parts:  # "NHS England (East of England)": a part that opens with a known name
        words = part.split()
        labels = (known.get(" ".join(words[:n]).lower(), ("PROGRAMME",))[0] for n in range(len(words), 0, -1))
        if any(label != "PROGRAMME" for label in labels):
            return part
    for part in parts:  # "Cymru Sexual Violence Support (CSVS) – ISVA Service": a name given with its acronym
        bracket = _NAME_AND_ACRONYM.fullmatch(part)
        if bracket and _initials_fit(bracket["acr"], bracket["name"]):
            return bracket["name"]
    for part in parts:  # "NSVSS – Nottinghamshire ISVA Service (adults)": the body's acronym beside its service
        if (
            _ACRONYM_PART.fullmatch(part)
            and part not in _programme_ids()  # "IDVA – Outreach Service": a kind of service, not a body
            and any(p.split()[-1] in _PROJECT_ENDS for p in parts if p != part)
        ):
            return part
    for part in sorted(parts, key=lambda p: p.split()[-1] not in STRONG_SUFFIXES):
        if part.split()[-1] in suffixes:
            return part
    for part in parts:  # "West Yorkshire Police Project ADDER team": the name ends at its telling word
        words = part.split()
        ends = [k for k, w in enumerate(words) if w in STRONG_SUFFIXES and k > 0 and words[0][0].isupper()]
        if ends:
            return " ".join(words[: ends[-1] + 1])

    def capitals(part: str) -> float:
        words = [w for w in part.split() if w[0].isalpha() and w not in ("and", "of", "for", "the", "&")]
        return sum(w[0].isupper() for w in words) / len(words) if words else 0.0

    # "Drive – Birmingham and Solihull Women's Aid (IDVA)": the programme's name is not the body's
    bodies = [p for p in parts if known.get(p.lower(), ("",))[0] != "PROGRAMME"] or parts
    return max(bodies, key=lambda p: (capitals(p), -parts.index(p)))


@cache
def _acronym_name_ends() -> frozenset[str]:
    return _suffixes() | frozenset(load_yaml("organisations.yml")["acronym_name_ends"])


@cache
def _ambiguous_names() -> regex.Pattern:
    data = load_yaml("organisations.yml")["ambiguous_names"]
    after = "|".join(regex.escape(w) for w in data["after"])
    names = "|".join(regex.escape(n) for n in data["names"])
    return regex.compile(rf"(?<=(?<!\w)(?:{after})\s+)(?:{names})(?!\w)")


@cache
def _generic_words() -> frozenset[str]:
    return frozenset(load_yaml("organisations.yml")["generic_name_words"])


@cache
def _programme_ids() -> frozenset[str]:
    return frozenset(row["id"] for row in load_jsonl("programmes.jsonl") if "id" in row)


@cache
def _suffixes() -> frozenset[str]:
    return frozenset(load_yaml("organisations.yml")["name_suffixes"])


# Words that end an organisation's name for certain (unlike Project or Service, which can end a
# programme's name too).
STRONG_SUFFIXES = frozenset(
    [
        "Ltd",
        "Limited",
        "CIC",
        "CIO",
        "SCIO",
        "LLP",
        "plc",
        "PLC",
        "Trust",
        "Foundation",
        "Partnership",
        "Council",
        "University",
        "College",
        "Police",
        "Constabulary",
        "Board",
        "Charity",
        "Alliance",
        "Association",
        "Society",
        "Agency",
        "Authority",
        "Mutual",
    ]
)
# "grant agreements with Hampton Trust for CARA ..., and with Aurora New Dawn": the second party
# the second party of "contracts with X ... and with Y", "grants to X for ... and to Y for ..."
_AND_WITH = regex.compile(
    r"(?:(?:contract|agreement)s?\s+with\b[^.;]{0,120}\band\s+with"
    r"|\b(?:grant|award|payment|allocation)s?\s+(?:of\s+£[\d,.]+[mk]?\s+)?to\b[^.;]{0,120}\band\s+to)\s+(?:the\s+)?$",
    regex.I | regex.REVERSE,
)
_AND_TAIL = regex.compile(r"\band\s+(?:with|to)\s+(?:the\s+)?$", regex.IGNORECASE)  # a cheap test first
_AND_WITH_ANYWHERE = regex.compile(r"\band\s+(?:with|to)\b", regex.IGNORECASE)
_LEADING_THE = regex.compile(r"^the\s+")
_LEADING_THE_ANY = regex.compile(r"^the\s+", regex.IGNORECASE)
_CONTRACT_TO = regex.compile(
    r"(?:\bcontract\s+to|\bawarding|\bawarded\s+to|\bgrants?\s+to|\bfunding\s+to|\bpayment\s+to|£[\d,.]+(?:m|k|bn)?\s+to)"
    r"\s+(?:the\s+)?$",
    regex.IGNORECASE,
)
_SENTENCE_BREAK = regex.compile(r"[.:;]\s+")
_FOR_WORD = regex.compile(r"\s+for\s+")
# a company's name ended with its abbreviation and the sentence's full stop in one: "... and Lancashire Youth
# Alliance Ltd. Red Rose Youth Partnership achieved the highest score"
_NAME_END_STOP = regex.compile(
    rf"\b(?:{'|'.join(regex.escape(a.rstrip('.')) for a in NAME_END_ABBREVIATIONS)})\.\s+(?=[A-Z])"
    rf"(?!(?:{'|'.join(sorted({w.rstrip('.') for w in NAME_SUFFIX_WORDS}))})\b)"
)
# a body's own part, named after it: "OVBC's Youth Justice Service", "Leeds City Council's Youth Justice Service"
_PART_OF_A_BODY = regex.compile(
    rf"(?P<body>[A-Z]{{2,8}}|(?:[A-Z][\w&-]*\s+)+(?:{'|'.join(sorted(STRONG_SUFFIXES))}))['’]s\s+[A-Z]"
)
_CAP_RUN = regex.compile(r"(?:[A-Z][\w'’&.-]*)(?:\s+(?:(?:and|of|for|&|on|upon|in)\s+)?[A-Z][\w'’&.-]*)*")


@cache
def _places() -> frozenset[str]:
    """Force areas ("Greater Manchester", "Thames Valley"): places, which a subject cue can follow too."""
    names = set()
    for rules in publisher_rules():
        names.add(rules.get("area") or regex.sub(r"\s+(?:Mayoral\s+)?Combined\s+Authority$", "", rules["name"]))
    return frozenset(names)


@cache
def _adviser_kinds() -> frozenset[str]:
    return frozenset(load_yaml("programmes.yml")["adviser_kinds"])


def _adviser_service(words: list[str]) -> bool:
    """Whether a name is a service named for the advisers who give it ("Pan-Hampshire IDVA Service")."""
    return (
        len(words) > 1
        and words[-1].rstrip(",.;:)") in ("Service", "Services")
        and words[-2].rstrip("s") in _adviser_kinds()
    )


# a service another body runs, named as what is bought: "the London Stalking Advocacy Service grant to Northgate
# Stalking Advocacy", "the Shield Stalking Advocacy Service with Nene Advocacy Trust", "the Suffolk Refuge Support
# Service delivered by Gipping Women's Refuge Trust" (not a public body's service: "Blackpool Youth Justice Service")
_RUN_BY_ANOTHER = regex.compile(
    r"(?P<the>\bthe\s+)?(?P<name>(?:[A-Z][\w'’-]*\s+(?:(?:and|of|for|&)\s+)?){1,6}Services?)\b"
    r"(?:\s*\([^()]{1,60}\))?(?:\s+(?:contract|grant|agreement))?"
    # (what is bought, "the", before its body: not "run jointly by Northshire Fire Service with Northshire Police")
    r"(?:(?(the)\s+(?:with|to)\s+(?:the\s+)?(?!(?:January|February|March|April|May|June|July|August"
    r"|September|October|November|December)\b)(?-i:[A-Z])|(?!))"
    r"|,?\s+(?:which\s+)?(?:(?:is|was|will\s+be|has\s+been|had\s+been)\s+)?(?:delivered|run|provided|operated)\s+by\s+"
    r"(?:the\s+)?(?-i:[A-Z]))"
)
_A_BODYS_SERVICE = regex.compile(
    r"(?:Youth\s+(?:Justice|Offending)|Probation|Prison|Ambulance|Health|Fire|Rescue|Prosecution|Tribunals|Children's"
    r"|Children’s|Adult|Social|Council|Police)\s+Services?$"
)


def _services_run_by_others(text: str) -> frozenset[str]:
    """Services the notice says another body runs or is paid for, lower case and without "the"."""
    found = set()
    for m in _RUN_BY_ANOTHER.finditer(text):
        name = _LEADING_THE_ANY.sub("", m["name"])
        if len(name.split()) >= 2 and not _A_BODYS_SERVICE.search(name) and not gazetteer_names().get(name.lower()):
            found.add(_service_key(name))
    return frozenset(found)


def _service_key(name: str) -> str:
    """A name as ``_services_run_by_others`` holds it: lower case, one space between words, without "the"."""
    return " ".join(_LEADING_THE_ANY.sub("", name).split()).lower()


def _not_a_body(name: str) -> bool:
    """Whether a capitalised run names a fund, a programme, a place or a group of bodies ("CSPs in
    Warwickshire") rather than one body."""
    words = name.split()
    return (
        words[-1] in _words("fund_or_programme_ends")
        or words[0] in _words("programme_starts")
        or words[0] in _words("label_starts")
        or words[0] in _words("calendar")
        or _PLURAL_ACRONYM.fullmatch(words[0]) is not None
        or words[-1] in _words("post_ends")  # "The Chief Finance Officer will receive ..."
        or name.removeprefix("The ") in _places()
        or (len(words) > 1 and all(w in _generic_words() or w in _rules().stopwords for w in words[:-1]))
    )


@cache
def _number_words() -> frozenset[str]:
    return frozenset(load_yaml("organisations.yml")["number_words"])


def _numbered_name(words: list[str]) -> bool:
    """A name that opens with a number word: "Five Towns Women's Centre" (not "Three Year Contract")."""
    return (
        len(words) >= 3
        and words[0] in _number_words()
        and words[1][:1].isupper()
        and words[1] not in _generic_words()
        and words[-1].rstrip(".,") in _suffixes()
    )


def clean_name(text: str) -> str:
    """Trim a candidate name: spaces, a leading sentence word, trailing punctuation."""
    words = squash(text).strip(" ,.;:()-–").split(" ")
    stop = _rules().stopwords
    while len(words) > 1 and words[0] in stop and words[0] != "The" and not _numbered_name(words):
        words = words[1:]
    while words and words[-1].lower() in {"and", "of", "for", "&", "on", "in", "the"}:
        words = words[:-1]
    return " ".join(words)


_WIDENED = frozenset({"PROVIDER", "OTHER"})  # gazetteer labels a longer printed name may take in
_LONGEST_NAME = 120  # characters: how far back a mention overlapping a span may start
_BULLETS = "•▪●◦\uf0b7\uf0a7"


def _name_run(words: int) -> str:
    """A capitalised name of up to ``words`` more words, small joining words among them."""
    return rf"[A-Z][\w'’&.-]*(?:\s+(?:[A-Z][\w'’&.-]*|and|of|for|in|&|the|on)){{0,{words}}}"


_NUMBERED_PARAGRAPH = r"\s\d+(?:\.\d+)*\.?\s+[A-Z]"  # " 4.2 The ...", inside a flattened item
_BULLET_ITEM = regex.compile(rf"[{_BULLETS}]\s+(?P<name>{_name_run(6)})(?:\s+\([A-Z]{{2,8}}\))?\s+[–—-]\s")
# the list of bodies a tender chose: "The recommended bidders are: • Lot 1 – Wearside Rape and Sexual Abuse
# Centre (WRSAC); • Lot 2 – Open Door Therapies Ltd, at a fixed price ...; • Lot 3 – Pennine Children's Trust."
_CHOSEN_LIST = regex.compile(
    r"\b(?:recommended|successful|preferred|winning)\s+"
    r"(?:bidders?|providers?|suppliers?|tenderers?|bids?|projects?|applications?|applicants?|organisations?)\s+"
    r"(?:(?:for|in)\s+(?:each|the)\s+lots?\s+)?(?:are|is|were|was)\s*:",
    regex.IGNORECASE,
)
# one item of it: a bullet, what it is for ("Lot 1 –", "Lot 2 – South Tyneside:"), the body, and the rest of the item
_CHOSEN_ITEM = regex.compile(rf"\G\s*[{_BULLETS}]\s+(?P<item>[^{_BULLETS}]{{1,300}})")
# ("• FarmSafe Dales – Swaledale Rural Watch CIC will mark ...": the body, before what it will do)
_ITEM_HEAD = regex.compile(r"^(?P<head>[^,;(]{0,80}?)(?:\s+\([^()]{1,60}\))?\s*(?:[,;(.]|\s+at\s|\s+for\s|\s+will\s|$)")
_ITEM_NAME = regex.compile(rf"(?P<name>{_name_run(8)})\s*$")
# what ends the list: a numbered paragraph, or the bidders who lost
_CHOSEN_END = regex.compile(rf"{_NUMBERED_PARAGRAPH}|\b(?:unsuccessful|not\s+successful)\b", regex.IGNORECASE)
_ITEM_END = regex.compile(rf"[•▪●◦]|{_NUMBERED_PARAGRAPH}")


def _item_text(text: str, start: int) -> str:
    """A bulleted item's words from ``start`` to the next bullet or numbered heading (300 characters at most)."""
    window = text[start : start + 300]
    end = _ITEM_END.search(window)
    return window[: end.start()] if end else window


def _mentions(nlp_doc: Doc, text: str) -> list[Mention]:
    blocks = sorted(nlp_doc.user_data.get("block_starts", ()))
    run_by_others = _services_run_by_others(text) if "Service" in text else frozenset()
    mentions = [
        _longer_name(Mention(e.start_char, e.end_char, e.text, e.label_, e.ent_id_ or e.text), text, blocks)
        for e in nlp_doc.ents
        if e.label_ in ORG_LABELS
        and not (e.label_ in _WIDENED and _MODIFIER.match(text, e.end_char))
        and not e.text.islower()  # "the Commissioner's victim support service" names no charity
        and not _adviser_service([*e.text.split(), *text[e.end_char : e.end_char + 20].split()[:2]])
        and not _inside_a_title(e.text, text, e.start_char)
        and _service_key(e.text) not in run_by_others
    ]
    taken = bytearray(len(text) + 1)  # 1 where a mention already covers the character

    def take(start: int, end: int) -> None:
        taken[start:end] = b"\x01" * (end - start)

    def free(start: int, end: int) -> bool:
        return not any(taken[start:end])

    for m in mentions:
        take(m.start, m.end)
    by_start = {m.start: m for m in mentions}  # mentions never overlap, so one starts at each offset
    dropped: set[int] = set()  # ids of mentions a longer name took the place of

    def overlapping(start: int, end: int) -> list[Mention]:
        near = (by_start.get(k) for k in range(max(0, start - _LONGEST_NAME), end))
        return [m for m in near if m is not None and id(m) not in dropped and m.end > start]

    def drop(ms: list[Mention]) -> None:
        for m in ms:
            dropped.add(id(m))
            del by_start[m.start]

    lots = {name.lower() for name, _ in lot_services(text)}
    for label, s, e in generic_matches(nlp_doc):
        if label != "ORG":
            continue
        if nlp_doc[e - 1].text == "Council" and [t.text for t in nlp_doc[e : e + 2]] == ["Public", "Health"]:
            e += 2  # a council's department named with it: "Norfolk County Council Public Health will contribute"
        if e < len(nlp_doc) and nlp_doc[e].is_title and not nlp_doc[e].is_sent_start:
            continue  # part of a longer name ("Victims' Services Grants")
        span = nlp_doc[s:e]
        if _TEAM_AFTER.match(text, span.end_char) and span[-1].text not in STRONG_SUFFIXES:
            continue  # "delivered in-house by the Digital Services team": a part of the force or the office
        plural = (
            _PLURAL_BEFORE.search(text, max(0, span.start_char - 60), span.start_char) is not None
            or _PLURAL_AFTER.match(text, span.end_char) is not None  # "with X and Y as members"
        )
        for offset, name in _split_pair(span.start_char, span.text, plural):
            end = offset + len(name)
            if len(name.split()) < 2 or all(w in _generic_words() or w == "The" for w in name.split()[:-1]):
                continue  # "Victims' Services": a budget line, not a body; "The Trust" points back to one
            if _adviser_service(name.split()):
                continue  # "the Safer Lives IDVA Service": a service, not the body that runs it
            # a body's name, then "for" and the same name's own service: "to Victim Support for Victim Support's Hate
            # Crime Advocacy Service"
            if (cut := _FOR_WORD.search(name)) and name[cut.end() :].startswith(name[: cut.start()] + "'s"):
                name = name[: cut.start()]
                end = offset + len(name)
            if part := _PART_OF_A_BODY.match(name):
                # "OVBC's Youth Justice Service", "To fund Broxley City Council's Youth Service £75,000": the body's own
                # part, so the body
                name = part.group("body")
                end = offset + len(name)
            if name.endswith("s") and _BUDGET_AFTER.match(text, end):
                continue  # "met from the Victims and Partnerships budget": a budget's name, not a body
            if (key := _service_key(name)) in lots or key in run_by_others:
                continue  # "The Young Victims' Service provides ...": a lot of the tender, or a service another runs
            if not free(offset, end):
                # a known charity's name inside a longer one is the longer one's: "Birmingham and
                # Solihull Women's Aid", "Cambridge Rape Crisis Partnership"
                inside = overlapping(offset, end)
                if not inside or any(
                    m.label not in _WIDENED or m.start < offset or m.end > end or (m.start, m.end) == (offset, end)
                    for m in inside
                ):
                    continue
                drop(inside)
            mentions.append(Mention(offset, end, name, "ORG", name))
            by_start[offset] = mentions[-1]
            take(offset, end)
    programme_starts = {e.start_char for e in nlp_doc.ents if e.label_ == "PROGRAMME"}
    # a capitalised run after "awarding", "grant to" ...: the organisation paid
    subcontracts = "ubcontract" in text or "ub-contract" in text
    and_with = _AND_WITH_ANYWHERE.search(text) is not None  # the cue below is looked for only where it can be
    for m in _CAP_RUN.finditer(text):
        head = text[max(0, m.start() - 40) : m.start()].replace("\n", " ")
        # or the subject of "has been awarded", "will receive": a name of two words or more, not a fund's
        verb = text[m.end() : m.end() + 12].split(maxsplit=1)
        subject = (
            bool(verb)
            and verb[0] in _FOLLOW_VERBS
            and _rules().follower.match(text, m.end()) is not None
            and not _not_a_body(m.group(0))
            and (
                "£" in text[m.end() : text.find(".", m.end()) % (len(text) + 1)]  # paid in the same sentence
                or _AWARDED_THE.match(text, m.end()) is not None  # or given a named contract or service
            )
        )
        # a partner named in passing: "let to a partnership led by X, with Lifecentre delivering the West
        # Sussex element as subcontractor"
        delivering = bool(verb) and verb[0] == "delivering" and head.endswith(" with ")
        # or one of the members a sentence lists, each with what it does: "with consortium members Forest Edge
        # Women's Centre, providing outreach ..., and Stroud Valleys Advocacy, providing caseworkers ..."
        member = (
            bool(verb)
            and verb[0] == ","
            and _WHAT_IT_DOES.match(text, m.end()) is not None
            and _MEMBERS_BEFORE.search(text, max(0, m.start() - 200), m.start()) is not None
        )
        if (
            not subject
            and not delivering
            and not member
            and not _rules().introducer.search(head)
            # an award's object may be long: "a three-year contract for the Hertfordshire Sexual Violence Support
            # Service to| Safer Futures Hertfordshire" (read 120 characters back, only where "to" ends the head)
            and not (
                _TO_END.search(head)
                and _rules().introducer.search(text[max(0, m.start() - 120) : m.start()].replace("\n", " "))
            )
            and not (" by" in head and _rules().agent.search(text[max(0, m.start() - 80) : m.start()]))
            and not (subcontracts and _SUBCONTRACT_TO.search(text, max(0, m.start() - 90), m.start()))
            and not (
                and_with
                and _AND_TAIL.search(text, max(0, m.start() - 14), m.start())
                and _AND_WITH.search(text, max(0, m.start() - 160), m.start())
            )
        ):
            continue
        # a run stops where a new line opens a block ("... Allocation to Partners" / "Date of report:") or a
        # sentence ends with a company's name ("... Window Co. Dyffryn Home Safety ...")
        stops = sorted(
            [
                *(b for b in blocks if m.start() < b < m.end()),
                *(k.end() for k in _NAME_END_STOP.finditer(text, *m.span())),
                # "£486,000 to Respect for Make a Change": the body, then the programme it is paid for
                *(k.start() for k in _FOR_WORD.finditer(text, *m.span()) if k.end() in programme_starts),
                # (or a body's own part: "delivered directly by OVBC's Youth Justice Service" is by OVBC)
                *([part.end("body")] if (part := _PART_OF_A_BODY.match(text, m.start(), m.end())) else []),
                # (or an acronym alone, then what it is paid for: "a grant of £142,600 to OVBC for Next Chapter")
                # (one the notice spells out: not "WISH for Women", a name)
                *(
                    k.start()
                    for k in _FOR_WORD.finditer(text, *m.span())
                    if _ACRONYM_ALONE.fullmatch(text[m.start() : k.start()])
                    and f"({text[m.start() : k.start()].strip()})" in text
                ),
            ]
        )
        cut = stops[0] if stops else m.end()
        start = m.start()
        if subject:  # the subject starts after the last sentence or block break inside the run
            start = max([start, *stops])
            start = max([start, *(k.end() for k in _SENTENCE_BREAK.finditer(text, start, m.end()))])
            cut = m.end()
        if (nl := text.find("\n", start, cut)) >= 0 and form_label().match(text, nl + 1):
            cut = nl  # "... – Allocation to Delivery Partners" / "Decision by ...": a form's next row is no name
        name = clean_name(text[start:cut])
        if " for " in name and len(body_words := name.split(" for ")[0].split()) >= 2:
            # "a contract to Eden Valley Family Support for Safer Steps": the body, printed alone elsewhere, and
            # what it is paid for (not "Centre for Justice Innovation", one word before "for")
            alone = regex.search(rf"\b{regex.escape(' '.join(body_words))}\b(?!\s+for\b)", text)
            if alone is not None:
                cut = start + text[start:cut].find(" for ")
                name = clean_name(text[start:cut])
        tail = _LOWER_TAIL.match(text, cut)
        if tail and "".join(w[0].upper() for w in [*name.split(), *tail["tail"].split()]) == tail["acronym"]:
            cut = tail.end("tail")  # "Fresh Start – new beginnings (FSNB)": the name runs on in lower case
            name = clean_name(text[start:cut])
        if subject and len(name.split()) < 2 and not _one_word_awardee(name, text, m.end()):
            continue
        opening = text[start - 1 : start]
        if opening in ("‘", "“") or (opening in ("'", '"') and text[start - 2 : start - 1].isspace()):
            continue  # "Sessional coaches for ‘Kick On’ are paid ...": a project named in quotes, not a body
        if name and name.split()[0] in _words("label_starts"):
            continue  # "added £15,000 to the Round 2 pot": a round of a fund, not a body
        if _BUDGET_AFTER.match(text, cut) or (head.endswith(" the ") and _NAMED_THING_AFTER.match(text, cut)):
            continue  # "will add £40,000 to the Fresh Start grant": a budget or a grant's name, not a body
        if (
            name
            and name.split()[0] in _POST_STARTS
            and (name.split()[-1].rstrip(".") in _words("post_ends") or name.split()[1:2] == ["of"])
        ):  # (or "Director of Strategy", "Head of Commissioning")
            continue  # "to delegate the grant agreements to the Chief Executive": a post, not a body
        if (label := form_label().match(name)) and label.end() == len(name):
            continue  # "Decision type: Grant funding – commissioning" / "Executive Summary": a heading
        if name and all(w in _words("heading_words") or w in ("of", "the", "and", "for") for w in name.split()):
            continue  # "Summary of Decision", "Background Information": a section's heading
        if name and name.split()[-1] in _words("group_ends"):
            continue  # "Allocation to District Partners": a group, not one body
        if name and _A_LAW.search(name):
            continue  # "compliant with the Public Contracts Regulations 2015": a law, not a body
        if name and name.split()[-1] in ("Programme", "Programmes"):
            continue  # "to commission the Youth Diversion Programme": what is bought, not who
        if _ACRONYM_AND.match(name):
            continue  # "allocations to CSVS and Swansea Council": two bodies, each found on its own
        if len(name.split()) > 1 and all(w in _generic_words() for w in name.split()[:-1]):
            continue  # "Allocations to Local Services": what is funded, not who
        if _NAMED_SERVICE.match(text, cut):
            continue  # "commissioned from Renew Hull, the drug and alcohol service run by ...": a service
        if _TEAM_AFTER.match(text, cut) and name.split()[-1:] != [] and name.split()[-1] not in STRONG_SUFFIXES:
            continue  # "delivered in-house by the Digital Services team" (not "the Safer Communities Trust team")
        # one word ("Freeva") only straight after a contract is awarded to it
        one_word_ok = (
            (_one_word_name(name) and name not in _places() and bool(_CONTRACT_TO.search(head.replace("\n", " "))))
            or (subject and _one_word_awardee(name, text, m.end()))
            or (delivering and _one_word_name(name))
        )
        # the run's words past a block break are the next block's ("... Ethnic Forum" / "Police and Crime
        # Commissioner Approval"); one word before a break is often a form's label ("Grant to" / "Title")
        reach = cut if len(name.split()) >= 2 else max(cut, m.end())
        if (len(name.split()) >= 2 or one_word_ok) and free(start, reach):
            at = start + text[start:cut].find(name)
            mentions.append(Mention(at, at + len(name), name, "ORG", name, forced_role="provider"))
            by_start[at] = mentions[-1]
            take(start, reach)

    def listed_provider(start: int, name: str) -> bool:
        """Take the body a list item names, from ``start``, as a provider, in place of the mentions inside it
        (not where one reaches past it)."""
        end = start + len(name)
        inside = overlapping(start, end)
        if any(x.start < start or x.end > end or x.label not in ("ORG", *_WIDENED) for x in inside):
            return False
        same = [x for x in inside if (x.start, x.end) == (start, end)]
        canonical = same[0].canonical if same else name  # the gazetteer's name when it knows this one
        drop(inside)
        mentions.append(Mention(start, end, name, "ORG", canonical, forced_role="provider"))
        by_start[start] = mentions[-1]
        take(start, end)
        return True

    # a bulleted award: "• Anglia Care Trust – ISVAs for adults and young people – £84,000"
    for m in _BULLET_ITEM.finditer(text):
        name = clean_name(m.group("name"))
        first = name.split()[0] if name else ""
        if not name or (first in _rules().stopwords and first != "The") or "£" not in _item_text(text, m.end()):
            continue
        listed_provider(m.start("name") + m.group("name").find(name), name)
    # the members a consortium names after its lead: "led by Severn Pathways Ltd, with Forest Family Support and
    # Stroud Valleys Counselling as subcontractors"
    for m in _WITH_AS_MEMBERS.finditer(text) if " as " in text else ():
        listed = m.group("list")
        # (not inside a name the gazetteer knows: "Cheshire West and Chester Council")
        parts = [listed] if listed.lower() in gazetteer_names() else _LIST_SPLIT.split(listed)
        parts = [clean_name(part) for part in parts]
        if not all(_NAME_ONLY.fullmatch(name) for name in parts):
            continue  # "with Lifecentre delivering the West Sussex element as subcontractor": not names alone
        for name in parts:
            if len(name.split()) >= 2 and name.split()[0] not in _rules().stopwords:
                listed_provider(m.start("list") + m.group("list").find(name), name)
    for cue in _CHOSEN_LIST.finditer(text) if "•" in text or "\uf0b7" in text else ():
        for m in _CHOSEN_ITEM.finditer(text, cue.end()):
            item = m.group("item")
            head = _ITEM_HEAD.match(item)
            # the body after the item's last dash or colon ("Lot 1: Adult ISVA Service – Wearside Rape ...")
            last = regex.split(r"\s[–—-]\s|:\s", head.group("head") if head else "")[-1].strip()
            named = _ITEM_NAME.search(last) if last else None
            ends = _CHOSEN_END.search(item)
            name = clean_name(_LEADING_THE_ANY.sub("", named.group("name"))) if named and named.start() == 0 else ""
            words = name.split()
            start = m.start("item") + item.find(name) if name else -1
            if (
                len(words) < 2
                or words[0] in _rules().stopwords
                or words[0] in _words("label_starts")  # "• Bidder A – for Lot 1"
                or words[0] == "No"  # "• Lot 2 – No Compliant Bid Received"
                or (ends is not None and ends.start() < item.find(name))
            ):
                if ends is not None:
                    break  # the list has ended: a numbered paragraph, or the bidders who lost
                continue
            if not listed_provider(start, name):
                continue
            if ends is not None:
                break  # the list has ended: a numbered paragraph, or the bidders who lost
    for m in _ambiguous_names().finditer(text):  # "a licence fee to Respect", never "with respect to"
        if free(m.start(), m.end()):
            mentions.append(Mention(m.start(), m.end(), m.group(0), "OTHER", m.group(0)))
            take(m.start(), m.end())
    for m in _UK_LTD.finditer(text):  # "Emergency One (UK) Ltd": brackets break the token patterns
        name = clean_name(m.group(0))
        at = m.start() + m.group(0).find(name)
        if free(at, at + len(name)):
            mentions.append(Mention(at, at + len(name), name, "ORG", name))
            take(at, at + len(name))
    for start, end, acronym in _acronym_mentions(text):
        if free(start, end):
            mentions.append(Mention(start, end, text[start:end], "ORG", acronym))
            take(start, end)
    model = trained_model()
    if model is not None:
        for ent in model(text.replace("\n", " ")).ents:
            if ent.label_ == "ORG" and free(ent.start_char, ent.end_char):
                mentions.append(Mention(ent.start_char, ent.end_char, ent.text, "ORG", clean_name(ent.text)))
    return sorted(
        (m for m in mentions if id(m) not in dropped and _service_key(m.canonical) not in run_by_others),
        key=lambda m: m.start,
    )


_DEFINED = regex.compile(r"\b(?P<acr>[A-Z]{3,8})\s+\((?P<name>[A-Z][\w'’&,-]*(?:\s+[\w'’&,-]+){1,10})\)")
# what a spelled-out name ending in these words names is a fund or a programme, not a body
_FORCE_WORDS = frozenset(["Police", "Constabulary"])
# "will subcontract the prison and probation pathway to Sussex Pathways": the subcontractor is paid too
_SUBCONTRACT_TO = regex.compile(r"\bsub-?contract\w*\s+(?:[\w-]+\s+){0,6}?to\s+(?:the\s+)?$", regex.I | regex.REVERSE)
_COUNTED = regex.compile(  # "the fourteen Community Safety Partnerships", "12 CSPs"; not a paragraph's "4.2"
    r"\b(?:(?<![.\d])\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen|twenty|several|various)\s+$",
    regex.IGNORECASE | regex.REVERSE,
)
_NEITHER = regex.compile(
    # ("None of these referrers receives funding under this decision")
    r"\b(?:neither|none\s+of\s+(?:them|these|those)(?:\s+(?:referring\s+)?(?:referrers|partners|organisations|bodies|"
    r"agencies))?)\s+(?:body\s+)?(?:(?:is|are|was|were)\s+(?:being\s+)?(?:funded|paid)"
    r"|receives?\s+(?:any\s+)?(?:payment|funding|money))\b",  # "neither receives any payment under this contract"
    regex.IGNORECASE,
)
# a condition on a payment, after what is said of it: "will not be paid until ...", "no payment ... until ..."
_A_CONDITION = r"[^.;]{0,40}\b(?:until|before|unless|in\s+advance)\b"
# said before the name: "no fee is payable to the Drive Partnership under this decision", "No payment is made to
# Respect" (not a condition: "no payment to X will be made until the agreement is signed")
_NO_PAYMENT_TO = regex.compile(
    r"\bno\s+(?:payment|fee|grant|funding|money)s?\s+(?:is\s+|will\s+be\s+)?(?:made\s+|payable\s+|paid\s+|due\s+)?to\s+"
    r"(?:the\s+)?$",
    regex.IGNORECASE,
)
_UNTIL_AFTER = regex.compile(_A_CONDITION, regex.IGNORECASE)
# the second of "Neither A nor B contributes ...": said of B as of A
_NOR_BEFORE = regex.compile(r"\bneither\b[^.;]{1,100}\bnor\s+(?:the\s+)?$", regex.IGNORECASE)
_CONTRIBUTES = regex.compile(r"\s+(?:contributes?|pays?|funds?)\b(?!\s+(?:its|their)\s+own\b)", regex.IGNORECASE)
_NEITHER_NEXT = regex.compile(rf"\s*(?:{_NEITHER.pattern})", regex.IGNORECASE)  # opening the next sentence
_DECLARED_UNPAID = regex.compile(
    r"(?:\s*(?:\([^)]{1,60}\)\s*)?(?:itself\s+)?(?:(?:is|are|was|were|will\s+be)\s+not\s+(?:being\s+)?(?:funded|paid)"
    r"|receives?\s+(?:no\s+(?:funding|money|payment|grant)|nothing)|will\s+not\s+(?:receive|be\s+paid|be\s+funded)"
    r"|will\s+receive\s+(?:nothing|no\s+(?:(?:further|more|other)\s+)?(?:funding|money|payments?|grants?))"
    r"(?![^.;]{0,30}\b(?:after|beyond|from)\b))\b"
    # a body whose part is over: "X will not deliver any services after that date", "X closed in August 2024 and
    # has no role in the new programme"
    r"|\s*(?:will\s+not|(?:does|do)\s+not|no\s+longer)\s+(?:deliver|provide|run)\s+any\b"
    r"|[^.;]{0,60}?\b(?:has|have)\s+no\s+(?:role|part)\s+in\s+(?:the|this)\b"
    # "X has since withdrawn from youth work and is not part of this award"
    # (its own clause: not "the X Teachers' Helpline, which is funded nationally and is not part of this decision")
    r"|(?:(?![,(]|\bwhich\b|\bwho\b)[^.;]){0,60}?\b(?:is|are)\s+not\s+(?:a\s+)?part\s+of\s+this\s+"
    r"(?:award|contract|grant|decision)\b)"
    rf"(?!{_A_CONDITION})",  # "will not be paid until ..." is a condition
    regex.IGNORECASE,
)
# a body the notice says outright does not pay: "The Youth Endowment Fund is not a funder of this programme", "the
# evidence published by the Youth Endowment Fund, which does not fund the scheme"
_DECLARED_NOT_PAYING = regex.compile(
    r"(?:\s*,\s*which|\s+itself)?\s+(?:(?:is|are)\s+not\s+an?\s+(?:co-?)?funders?\b"
    # (all of it, not one part: "the cost of Respect accreditation, which the Home Office will not fund")
    r"|(?:does|do)\s+not\s+(?:fund|pay\s+for|contribute\s+to)\s+(?:the|this|any)\s+(?:[\w-]+\s+){0,2}"
    r"(?:scheme|programme|service|project|pilot|decision|contract|work)s?\b|provides?\s+no\s+funding\b"
    # "the Youth Endowment Fund is not providing any funding"
    r"|(?:is|are)\s+not\s+(?:providing|contributing|giving)\s+any\s+(?:funding|money|contribution)\b"
    # "The Youth Endowment Fund is not funding the service"
    r"|(?:is|are)\s+not\s+(?:funding|paying\s+for)\s+(?:the|this|any)\s+(?:[\w-]+\s+){0,2}"
    r"(?:scheme|programme|service|project|pilot|work|posts?)\b(?!\s+(?:in\s+full|alone|entirely|wholly|from)\b)"
    r"(?![^.;]{0,80}\b(?:but|however|though|although)\b)"
    # "Neither the Partnership nor the Youth Endowment Fund contributes to these grants": both named
    r"|\s*nor\s+(?:the\s+)?[^.;]{1,80}?\s+(?:contributes?|pays?|funds?)\b(?!\s+(?:its|their)\s+own\b))"
    # (in the present, outright: not "did not fund the service in its pilot year", "will not fund ... unless ...")
    r"(?![^.;]{0,60}\b(?:unless|until|if|without|except)\b)",
    regex.IGNORECASE,
)
# the same said of the subject in the next clause: "X will host the service; it does not receive any of the grant",
# "published by the National Stalking Consortium; the Consortium does not receive any funding"
# (or "X; it is commissioned and paid for directly by the Ministry of Justice and is not part of this budget")
_THEN_UNPAID = regex.compile(
    r"(?:\s+(?:will|is|has|does|provides?|hosts?)\b[^.;]{0,150})?;\s*(?:it|they|the\s+(?-i:[A-Z])\w+)\s+(?:(?:does|do|will)\s+not\s+"
    r"(?:receive|get)\b|(?:is|are)\s+(?:commissioned\s+and\s+)?paid\s+for\s+(?:directly\s+)?by\b"
    r"|[^.;]{0,80}\bnot\s+part\s+of\s+this\b)",
    regex.IGNORECASE,
)
# and that the subject pays: "X issues the cautions; it has also agreed to contribute £25,000 a year"
_THEN_PAYS = regex.compile(
    r"\s+(?:will|is|has|does|issues?|makes?|provides?|hosts?|refers?)\b[^.;]{0,150};\s*(?:it|they)\s+"
    r"(?:has|have|will)\s+(?:also\s+)?(?:agreed\s+to\s+)?(?:contribute|fund|pay|match-fund)\b[^.;]{0,40}£",
    regex.IGNORECASE,
)
# a plural before a list of bodies: "Consortium partners A and B will deliver ..."
_PLURAL_AFTER = regex.compile(r",?\s+as\s+(?:named\s+|consortium\s+)?(?:members|partners|sub-?contractors)\b")
_PLURAL_BEFORE = regex.compile(
    r"\b(?:partners|members|providers|organisations|charities)\s+(?:are\s+|include\s+)?$"
    # or the last of a list ("Lantern Youth Trust, Northbank Futures and Riverside Mentoring Collective")
    r"|(?-i:[A-Z])[\w'’)]*,\s+$",
    regex.I,
)
_WITH_AS_MEMBERS = regex.compile(
    r"\b(?:led\s+by|lead(?:\s+provider)?|prime\s+contractor)\b[^.;]{0,80}?,?\s+with\s+"
    r"(?P<list>(?-i:[A-Z])[^.;()]{2,160}?)\s+as\s+(?:its\s+|their\s+)?"
    r"(?:sub-?contractors?|(?:delivery|consortium)\s+(?:partners?|members?))\b",
    regex.IGNORECASE,
)
_NAME_ONLY = regex.compile(r"[A-Z][\w'’&-]*(?:\s+(?:[A-Z][\w'’&-]*|of|for|and|&|the|on|upon))*")
_LIST_SPLIT = regex.compile(r",\s*(?:and\s+)?|\s+and\s+(?=(?-i:[A-Z]))")
_WHAT_IT_DOES = regex.compile(r",\s+(?:providing|delivering|running)\s")
_MEMBERS_BEFORE = regex.compile(r"\b(?:consortium|delivery)\s+(?:members|partners)\b[^.;]{0,200}$", regex.IGNORECASE)
_A_LAW = regex.compile(r"\b(?:Act|Regulations|Order|Directive|Rules|Code|Guidance)(?:\s+(?:19|20)\d\d)?$")
_BUDGET_AFTER = regex.compile(r"\s+(?:budget|budgets|pot|allocation|grant)\b")
# after "the", what a contract or a service is named: "a variation of £317,500 to the Safe Harbour contract with WVCT"
# (not "£30,000 to Changing Lives service for women")
_NAMED_THING_AFTER = regex.compile(r"\s+(?:contract|service|programme|scheme)\b")
# the first words of a post's title ("Chief Executive", "Deputy Chief Finance Officer", "Head of Commissioning")
_POST_STARTS = frozenset({"Chief", "Deputy", "Assistant", "Head", "Director", "Monitoring", "Senior", "Interim"})
# "X is awarded the Derbyshire ISVA Service", "X was awarded the contract": what it won, without a sum
_AWARDED_THE = regex.compile(
    r"\s+(?:is|are|has\s+been|have\s+been|will\s+be)\s+awarded\s+(?:the\s+)?"
    r"(?:contract|grant|lot|(?-i:[A-Z]))",
    regex.IGNORECASE,
)
# the words provider_followers can start with: a cheap test before the pattern
_FOLLOW_VERBS = frozenset(["has", "have", "is", "are", "was", "were", "will", "receives", "received"])
# a name that runs on in lower case after a dash, as its acronym in brackets shows: "Fresh Start – new
# beginnings (FSNB)"
_LOWER_TAIL = regex.compile(r"\s+[–-]\s+(?P<tail>[a-z]+(?:\s+[a-z]+){0,3})\s+\((?P<acronym>[A-Z]{2,8})\)")
_OFFICE_TITLE = regex.compile(
    r"(?:the\s+)?(?:Police,?\s+(?:Fire\s+)?(?:and\s+)?Crime\s+)?Commissioner|(?-i:O?PF?CC)", regex.IGNORECASE
)
_MAYOR_ROLE = regex.compile(r"^(?:the\s+)?(?:Deputy\s+)?Mayor\s+(?:for|of)\b", regex.IGNORECASE)
# the force's own budget pays: "met from the Force training budget", "provided for in the Force's budget"
_FORCE_BUDGET = regex.compile(
    r"\b(?:met|funded|paid|provided\s+for|covered)\s+(?:in\s+full\s+)?(?:from|by|in|within)\s+the\s+"
    r"(?-i:Force)(?:'s|’s)?\s+(?:[a-z]+\s+){0,3}budget",
    regex.IGNORECASE,
)
_PAID = regex.compile(r"£|\b(?:grant|grants|funding|funds?|funded|paid|payment|contract|budget)\b", regex.IGNORECASE)


_OPEN_BRACKET = regex.compile(r"\s*\(\s*")
_PLURAL_ACRONYM = regex.compile(r"[A-Z]{2,}s")  # "CSPs in Warwickshire"


def _members(mentions: list[Mention], i: int, text: str) -> bool:
    """Whether mention ``i`` opens a list in brackets straight after another body's name."""
    if i == 0 or not _OPEN_BRACKET.fullmatch(text, mentions[i - 1].end, mentions[i].start):
        return False
    inside = text[mentions[i].start : text.find(")", mentions[i].start) % (len(text) + 1)]
    return "," in inside or " and " in inside


def _one_word_awardee(name: str, text: str, end: int) -> bool:
    """One word as the subject of an award of a sum: "Llamau is awarded £59,000"."""
    return _one_word_name(name) and bool(_AWARDED_SUM.match(text, end))


def _one_word_name(name: str) -> bool:
    """Whether one capitalised word can be a body's whole name (not "Funding", "Partners", "March")."""
    return (
        len(name) >= 4 and name not in _rules().stopwords and name not in _words("calendar") and not name.endswith("s")
    )


_AWARDED_SUM = regex.compile(r"\s+(?:is|was|has\s+been|will\s+be)\s+(?:awarded|granted|paid)\s+(?:a\s+grant\s+of\s+)?£")


def _mostly_lower(name: str) -> bool:
    words = [w for w in name.split() if w[:1].isalpha() and w not in ("and", "of", "for", "the", "in", "on")]
    return bool(words) and sum(w[0].isupper() for w in words) * 5 < len(words) * 3 and words[-1] not in _suffixes()


def _is_force(label: str, text: str) -> bool:
    return label == "POLICE" or (bool(text.split()) and text.split()[-1] in _FORCE_WORDS)


# a known name used as a kind, not as the body: "the county's Rape Crisis centres"
# (or a service named after it: "The core Victim Support Hub is funded from this grant")
_MODIFIER = regex.compile(r"(?:\s+(?:centres|centers|movement|sector|standards?|model|network\s+of)|[ \t]+(?-i:Hub))\b")
# a known name with more name words after it: "Rape Crisis South London (RCSL)", "... Leicestershire Limited",
# "Rape Crisis Tyneside and Northumberland (RCTN)"
_NAME_TAIL = regex.compile(r"(?:\s+(?:(?:and|of|&)\s+)?[A-Z][\w'’&-]*){1,3}")
_ACRONYM_AFTER = regex.compile(r"\s*\((?P<acr>[A-Z]{2,8})\)")
_WORD = regex.compile(r"\S+")


def _inside_a_title(name: str, text: str, start: int) -> bool:
    """A known name that opens with a small word ("With You") printed after a capitalised word is part
    of another title: "the campaign Standing With You"."""
    if name.split()[0] not in _rules().stopwords:
        return False
    before = text[max(0, start - 30) : start].rstrip(" ").split(" ")[-1:]
    return bool(before and before[0][:1].isupper() and not before[0].endswith((".", ":", ";")))


def _longer_name(m: Mention, text: str, blocks: list[int]) -> Mention:
    """A gazetteer mention widened to the longer name printed: a place after it, then the longer
    name's own acronym or a registered suffix."""
    if m.label not in _WIDENED or m.text.split()[-1] in STRONG_SUFFIXES:
        return m  # "Lucy Faithfull Foundation" is whole already
    tail = _NAME_TAIL.match(text, m.end)
    if tail is None or "\n" in tail.group(0) or any(m.end < b <= tail.end() for b in blocks):
        return m  # a name does not run on into the next line's block
    words = list(_WORD.finditer(text, m.end, tail.end()))
    for word in reversed(words):
        if word.group().islower():
            continue  # a name does not end on "and"
        end = word.end()
        name = text[m.start : end]
        acronym = _ACRONYM_AFTER.match(text, end)
        if word.group() in STRONG_SUFFIXES or (acronym and _initials_fit(acronym.group("acr"), name)):
            known = gazetteer_names().get(name.lower())
            if known:
                return Mention(m.start, end, name, known[0], known[1])
            return Mention(m.start, end, name, m.label, name)  # a known charity's branch keeps its kind
    return m


@cache
def _words(kind: str) -> frozenset[str]:
    """One of the word lists under ``not_a_body`` in rules/organisations.yml."""
    return frozenset(load_yaml("organisations.yml")["not_a_body"][kind])


def _initials_fit(acronym: str, name: str) -> bool:
    """Whether the acronym's letters are the initials of the name's capitalised words, in order."""
    initials = "".join(w[0] for w in regex.split(r"[\s-]+", _LEADING_THE_ANY.sub("", name)) if w[:1].isupper())
    return initials.startswith(acronym[0]) and regex.search(".*".join(acronym), initials) is not None


def _acronym_mentions(text: str) -> list[tuple[int, int, str]]:
    """Organisations known by an acronym, printed first and then spelled out: "SARSAS (Somerset and
    Avon Rape and Sexual Abuse Support)". Each printed acronym is a mention; a role still has to come
    from the sentence. ("Violence Reduction Unit (VRU)", the other order, usually names a unit, a fund
    or a role, so it is left alone.)"""
    found = set()
    for m in _DEFINED.finditer(text):
        acronym, name = m.group("acr"), clean_name(m.group("name"))
        if not name:
            continue
        last = name.split()[-1]
        if (
            acronym.lower() in gazetteer_names()
            or last in _words("fund_or_programme_ends")
            or last not in _acronym_name_ends()
        ):
            continue
        if _initials_fit(acronym, name):
            found.add(acronym)
    return [(m.start(), m.end(), acronym) for acronym in sorted(found) for m in _whole_words(acronym).finditer(text)]


@cache
def _alias_pattern(alias: str) -> regex.Pattern:
    words = r"\s+".join(regex.escape(word) for word in alias.split())
    return regex.compile(rf"(?<!\w){words}(?!\w)", regex.IGNORECASE)


@lru_cache(maxsize=4096)  # bounded: a long run meets many names
def _whole_words(text: str) -> regex.Pattern:
    return regex.compile(rf"\b{regex.escape(text)}\b")


def _with_aliases(mentions: list[Mention], text: str, publisher: Publisher | None) -> list[Mention]:
    """Names of the publisher's own office ("Kent Police and Crime Commissioner", "GMCA") as SELF
    mentions, replacing the shorter mentions they hold."""
    if publisher is None:
        return mentions
    spans: list[Mention] = []
    for alias in sorted(publisher.aliases, key=len, reverse=True):
        for m in _alias_pattern(alias).finditer(text):
            if not any(m.start() < s.end and m.end() > s.start for s in spans):
                spans.append(Mention(m.start(), m.end(), m.group(0), "SELF", "SELF"))
    kept = [m for m in mentions if not any(s.start <= m.start and m.end <= s.end for s in spans)]
    kept = [m for m in kept if not any(m.start < s.end and m.end > s.start for s in spans)]
    return sorted(kept + spans, key=lambda m: m.start)


_LINE_BREAK = regex.compile(r"\n")
# (not after an initial or an abbreviation: "W. L. Gore & Associates Ltd", "St. Giles Trust")
_NEXT_SENTENCE = regex.compile(r"(?<!\b(?:St|Dr|Mr|Mrs|Ms|No|Co|Ltd|Inc|[A-Z]))\.\s+(?=[A-Z])")


def _within_bounds(m: Mention, text: str) -> Mention | None:
    """A name found by its shape, kept inside its sentence and its line: "MoJ. The Victims' Hub" is the next
    sentence's "The Victims' Hub"; "Partners" / "Report Date:" ends at the line break before a form's label. None
    where too little of a name is left ("Ouse" / "Decision Valley Street Angels")."""
    if m.label != "ORG":
        return m
    start, end = m.start, m.end
    for stop in _NEXT_SENTENCE.finditer(text, start, end):
        start = stop.end()
    for nl in _LINE_BREAK.finditer(text, start, end):
        after = text[nl.end() : end].split()
        if after and after[0].rstrip(":") in _words("line_labels"):
            end = nl.start()
            break
    if (start, end) == (m.start, m.end):
        return m
    name = clean_name(text[start:end])
    if len(name.split()) < 2 and not _ACRONYM_ALONE.fullmatch(name):
        return None
    if all(w in _generic_words() or w == "The" for w in name.split()[:-1]):
        return None  # "The Victims' Hub": a service's description, not a body
    # (where it is printed, its words perhaps on two lines: "Safer Lives" / "Trust")
    at = regex.compile(r"\s+".join(regex.escape(w) for w in name.split())).search(text, start, end)
    if at is None:
        return None
    return Mention(at.start(), at.end(), name, m.label, name, m.forced_role)


def _in_regions(doc: Document, m: Mention, regions: list[tuple[int, BBox]]) -> bool:
    if not regions:
        return False
    page = doc.pages[max(bisect_right(doc.page_offsets(), m.start) - 1, 0)].number
    # the box is worked out only on a page that has a table
    return any(p == page for p, _ in regions) and in_regions(*doc.locate(m.start, m.end), regions)


def _split_pair(start: int, text: str, plural: bool = False) -> list[tuple[int, str]]:
    """ "Stockton-on-Tees Borough Council and The Junction Foundation" is two names: split at "and"
    where the words before it already end like a name, or, after a plural ("Consortium partners Shropshire
    Hills Mentoring and Telford Young People's Network"), where two names of two words or more meet.
    Offsets are kept."""
    suffixes = _suffixes()
    pieces: list[tuple[int, str]] = []
    cursor = 0
    for m in regex.finditer(r"\s+(?:and|&)\s+(?=[A-Z])", text):
        left = text[cursor : m.start()]
        right = text[m.end() :].split()
        # (not one company's name: "Mitie Care and Custody Ltd")
        company = (
            right[-1:] and right[-1] in NAME_SUFFIX_WORDS and left.split()[-1:] and left.split()[-1] not in suffixes
        )
        # (nor "and" inside one name: "Hampshire and Isle of Wight Fire and Rescue Service", "Rape Crisis and Sexual
        # Abuse Centre")
        inside = right[:1] and right[0] in _words("and_inside_names")
        two = (
            plural
            and len(left.split()) >= 2
            and len(right) >= 2
            and right[1][:1].isupper()
            and not company
            and not inside
        )
        # the words before "and" end like a name, or are one acronym ("CSVS and Swansea Council"), or a body the
        # gazetteer knows ("Victim Support and Capital Restorative Justice Partnership")
        known = gazetteer_names().get(left.strip().lower(), ("",))[0] in ("PROVIDER", "GOV", "COUNCIL", "POLICE")
        # (a local Rape Crisis centre ends a name too, where "and" does not go on inside it: "Aire Valley Rape Crisis
        # and Calder Survivors Network" is two)
        ends_like_a_name = left.split()[-1:] and (
            left.split()[-1] in suffixes or (left.endswith(" Rape Crisis") and not inside)
        )
        if left.split() and (ends_like_a_name or _ACRONYM_ALONE.fullmatch(left) or two or known):
            pieces.append((cursor, left))
            cursor = m.end()
    pieces.append((cursor, text[cursor:]))
    out = []
    for offset, piece in pieces:
        name = clean_name(piece)
        if name:
            out.append((start + offset + piece.find(name), name))
    return out


def _any(patterns: list[regex.Pattern], text: str) -> bool:
    return any(pattern.search(text) for pattern in patterns)


def _cue_role(sentence: str, start: int, end: int, label: str) -> str:
    rules = _rules()
    before = sentence[max(0, start - 180) : start]
    after = sentence[end : end + 110]
    if _any(rules.other_before, before) or _any(rules.other_after, after):
        return "other"
    # (a charity's name before "grants" names what it is paid, or a kind of grant, not a payer: "Domestic Abuse and
    # Victim Support Grants 2025/26", "the Victim Support grant")
    named_grant = label == "PROVIDER" and _NAMED_GRANT.match(after) is not None
    if _any(rules.funder_after, after) and not named_grant:
        return "funder"
    # "from the" is a funder cue that can also end a provider phrase; the provider wins
    if _any(rules.provider_before, before) or _any(rules.provider_after, after):
        return "provider"
    weak = rules.funder_before_weak if label in ("GOV", "OFFICE", "SELF") else []
    if _any(rules.funder_before, before) or _any(weak, before):
        return "funder"
    if _SUM_NEXT.match(after) and _any(rules.funder_before_then_sum, before):
        return "funder"  # "A will contribute £20,000 and B £15,000"
    return "other" if named_grant else ""


# "Victim Support Grants", "the Avonbank Youth Club grant": a grant named after a body, which may as well be the body
# paid (not where its sum follows: "Hope Trust funding of £5,000")
_NAMED_GRANT = regex.compile(r"\s+(?:grants?|awards?|funding)\b", regex.IGNORECASE)
_ITS_GRANT = regex.compile(rf"{_NAMED_GRANT.pattern}(?!\s+(?:of\s+)?£)", regex.IGNORECASE)
_SUM_NEXT = regex.compile(r"\s*(?:\([^()]{1,40}\)\s*)?£\s?\d")
# what stands between two names of a list: a comma or "and", after a sum in brackets perhaps
_LIST_JOINT = regex.compile(r"\s*(?:\([^()]{0,40}\)\s*)?(?:,|,?\s+and|&)\s*(?:the\s+)?")


def _lists(mentions: list[Mention], text: str) -> list[list[int]]:
    """Indices of mentions that form a list ("A, B, C and D")."""
    groups: list[list[int]] = []
    for i, m in enumerate(mentions):
        if groups and _LIST_JOINT.fullmatch(text, mentions[groups[-1][-1]].end, m.start):
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def _sentence_of(nlp_doc: Doc, start: int) -> tuple[int, str]:
    """Where the sentence holding ``start`` begins, and its text."""
    a, b = sentence_at(nlp_doc, start)
    return a, doc_text(nlp_doc)[a:b]


def _surface(counts: Counter) -> str:
    """The spelling used most often (the way the notice usually refers to it); on a tie, a name before an
    acronym ("Commissioner" before "OPCC"), then the shortest."""
    if not counts:
        return ""
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0].isupper(), len(kv[0]), kv[0]))[0]


# what a tender's lot buys: "Lot 1, the Sussex Victims' Services Hub, will be let to ...", "Lot 3 (Young
# Victims' Service)": a service, not a body (programmes.py reports it)
LOT = regex.compile(
    r"\bLot\s+\d{1,2}\s*(?:,\s*|\(\s*|[–:-]\s*)(?:the\s+)?"
    r"(?P<name>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|and|of|for|&)){0,7})"
)


# the lot after the service's name: "the Merseyside Stalking Advocacy Service (Lot 1) to Liverpool Advocacy CIC"
LOT_AFTER = regex.compile(
    r"(?P<name>(?-i:[A-Z])[\w'’-]*(?:\s+(?:(?-i:[A-Z])[\w'’-]*|and|of|for|&)){0,7})\s+\(Lot\s+\d{1,2}\)"
)


def lot_services(text: str) -> list[tuple[str, int]]:
    """What each lot of a tender buys, and where its name starts: not a body ("For Lot 2, SunWest Renewables
    Ltd outscored ..." names the winner)."""
    out = []
    if "Lot " not in text:
        return out
    # a name before "(Lot 1)" is the lot's only where it names a service ("awarded to Northfield Advocacy (Lot 1)")
    after = [m for m in LOT_AFTER.finditer(text) if m.group("name").split()[-1] in _PROJECT_ENDS]
    for m in [*LOT.finditer(text), *after]:
        name = clean_name(m.group("name"))
        if name.split()[:1] == ["The"]:
            name = name[4:]
        if name and name.split()[-1] not in STRONG_SUFFIXES:
            out.append((name, m.start("name") + m.group("name").find(name)))
    return out


_TO_END = regex.compile(r"\bto\s+(?:the\s+)?$")
# (or joined to it: "WYCA-PC-2024-027", "OPCC-DN-041")
_ID_AFTER = regex.compile(r"\s*\d{1,4}\s*[/.-]\s*\d{2,4}\b|-(?:[A-Z]{1,6}-){0,2}\d")
# a name followed by what part of a body it is: "the Digital Services team", not a body
_TEAM_AFTER = regex.compile(r"\s+(?:team|teams|unit|department|directorate|function)\b")
_PROJECT_ENDS = frozenset({"Service", "Services", "Project", "Programme", "Scheme", "Hub"})
# a body's own project set after it with a dash: "Surrey Minority Ethnic Forum – the Sahara Advocacy Project"
_BODYS_PROJECT = regex.compile(
    r"(?-i:[A-Z])[\w'’]*\s+[–—-]\s+the\s+(?P<name>(?:(?-i:[A-Z])[\w'’-]*\s+){1,5}(?:Project|Service|Programme|Scheme))\b"
)
_PAID_DIRECTLY = (
    r"\s+(?:will\s+(?:also\s+)?receive|receives|received|(?:is|has\s+been|was|will\s+be)\s+(?:awarded|paid|granted))\b"
)
# "the Steps Ahead mentoring programme": a name printed before the kind of programme it is, in lower case
_NAMED_KIND = regex.compile(
    r"\b(?i:the)\s+(?P<name>(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*){0,3})\s+(?:[a-z][\w-]*\s+){0,3}?"
    r"(?:programme|project|scheme|course|intervention|initiative)\b"
)
# a name the notice defines as a programme, not a body: "Pause & Reflect, a three-session intervention delivered by
# a consortium", "Anchor, a women's diversion pathway" (not a service: "Renew Hull, the drug and alcohol service")
_DEFINED_PROGRAMME = regex.compile(
    r"(?<![\w'’&])['‘]?(?P<name>(?-i:[A-Z])[\w'’-]*(?:\s+(?:(?-i:[A-Z])[\w'’-]*|&|and|to|of|for)){0,4})"
    r"(?:\s+\([^()]{1,40}\))?,\s+(?:a|an)\s+"
    # what it is, in a few words that describe no body ("a charity running an intervention" is a body)
    r"(?:(?!(?:charity|organisation|company|provider|partnership|consortium|trust|group|body|whose|which|that)\b)"
    r"(?![\w-]+ing\s+(?:a|an|the|its|their)\b)[\w'’-]+\s+){0,3}(?:programme|intervention|course|pathway|scheme)\b"
)
# what such a definition says after its comma: the cue the pattern is looked for around (one cheap scan of the text)
_DEFINITION_CUE = regex.compile(
    r",\s+an?\s+(?:[\w'’-]+\s+){0,3}(?:programme|intervention|course|pathway|scheme)\b", regex.IGNORECASE
)


def _defined_programmes(text: str) -> list[regex.Match]:
    """Matches of ``_DEFINED_PROGRAMME``, looked for only where a comma and "a/an ... programme" follow."""
    found: list[regex.Match] = []
    for cue in _DEFINITION_CUE.finditer(text):
        start = max(found[-1].end() if found else 0, cue.start() - 160)
        m = _DEFINED_PROGRAMME.search(text, start, cue.end())
        if m is not None:
            found.append(m)
    return found


# a name set off as a service or programme: ", the drug and alcohol service run by Change Grow Live"
_NAMED_SERVICE = regex.compile(r",\s+(?:the|a|an)\s+[^.;,()£]{0,60}?\b(?:service|programme|project|scheme)\b")
# the item's sum after a colon, perhaps after what it buys: ": £176,000", ": integration work of £96,000"
_ITEM_SUM = regex.compile(r"(?:\s*\([A-Z]{2,8}\))?:\s+(?:(?-i:[a-z])[^£\n;:]{0,40}?)?(?:up\s+to\s+)?£\s?\d")
# a list item's opening, then any places listed before the name ("Cumbria, Northumberland, Tyne and Wear ...")
_ITEM_OPENING = regex.compile(
    r"[ \t]*(?:[•▪●◦\uf0b7\uf0a7*–-]\s*|\(?[a-z0-9]{1,3}[.)]\s+)?(?P<places>(?:[A-Z][\w'’-]*,\s+)*)"
)


def _listed_award(text: str, m: Mention) -> int | None:
    """Where the name starts if it opens a line of a list of awards with its sum after a colon: "• Turning
    Tides Cumbria CIC: £176,000 for the ...", "(b) Cumbria Constabulary (CC): £31,000", "• Cumbria,
    Northumberland, Tyne and Wear NHS Foundation Trust: £29,400". ``text`` keeps the line breaks."""
    if _ITEM_SUM.match(text, m.end) is None:
        return None
    opening = _ITEM_OPENING.fullmatch(text, text.rfind("\n", 0, m.start) + 1, m.start)
    return None if opening is None else opening.start("places")


# a heading alone on its line over a bulleted list of where the money comes from
_FUNDING_HEADING = regex.compile(
    r"^[ \t]*(?:\d+(?:\.\d+)*\.?[ \t]+)?(?:Funding(?:[ \t]+(?:sources?|breakdown))?|Sources?[ \t]+of[ \t]+funding"
    r"|Funded[ \t]+by|Contributions)[ \t]*:?[ \t]*$",
    regex.MULTILINE | regex.IGNORECASE,
)
_FUNDING_INLINE = regex.compile(
    r"\b(?:Funding\s+sources?|Sources?\s+of\s+funding)\s*:[ \t]*(?P<items>(?:[^.\n]|\.\d|\n(?![ \t]*\n)){10,400})",
    regex.IGNORECASE,
)
_NEXT_FIELD = regex.compile(r"\n(?=[ \t]*(?:\d+(?:\.\d+)*\.?[ \t]+)?[A-Z][\w ,/&'’()-]{0,40}:)")
_SOURCE_ITEM = regex.compile(r"\s*(?:and\s+)?(?:the\s+)?(?-i:[A-Z])[^£;]{1,80}£\s?\d")
_BULLET = regex.compile(rf"^\s*[{_BULLETS}\-–*]\s")
_ITEM_ENDS = regex.compile(r"[;.]\s*$|£[\d,.]+\s*(?:[mk]|million)?\s*$")  # "...;", "• Home Office: £198,400"


def _funding_lists(text: str) -> list[tuple[int, int]]:
    """Spans of the bulleted lists under a "Funding" heading ("Funding" / "• Supplementary Substance Misuse
    Treatment and Recovery Grant (OHID), held by the Mersey Estuary Public Health Partnership: £120k per year;"):
    each body they name pays. A list runs while its lines open with a bullet or go on with an item that has not
    ended (with ";", "." or its sum)."""
    spans = []
    for heading in _FUNDING_HEADING.finditer(text):
        start = end = heading.end() + 1
        previous = ""
        for line in text[start:].split("\n"):
            if not (_BULLET.match(line) or (previous and not _ITEM_ENDS.search(previous))):
                break
            end += len(line) + 1
            previous = line if line.strip() else previous
        if end > start:
            spans.append((start, end))
    # or a list in running text after its label: "4.2 Funding sources: Home Office £550k in each year; Hull City
    # Council £100k a year; the Integrated Care Board £73k in 2024/25 and £95k in 2025/26."
    # (items "Name £sum" parted by ";", up to a line that opens another field: not "Source of funding: X grant" /
    # "Financial implications: £85,000 to Y")
    for m in _FUNDING_INLINE.finditer(text):
        items = _NEXT_FIELD.split(m["items"], maxsplit=1)[0]
        pieces = items.split(";")
        if len(pieces) >= 2 and all(_SOURCE_ITEM.match(piece) for piece in pieces):
            spans.append((m.start("items"), m.start("items") + len(items)))
    return spans


def _plural_head(name: str) -> bool:
    """Whether a name is a group by its head word: "Community Safety Partnerships", "Police and Crime
    Commissioners for IDVA and ISVA posts" (not "Association of Police and Crime Commissioners")."""
    head = _HEAD_END.split(name, maxsplit=1)[0].split()
    return bool(head) and head[-1] in _words("plural_bodies")


def _goes_on(short: str, long: str) -> bool:
    """Whether a longer name is another body that starts with a whole body's name: "Bolton Council" and
    "Bolton Council for Voluntary Service"."""
    return (
        short.split()[-1] in STRONG_SUFFIXES
        and long.startswith(short + " ")
        and long[len(short) + 1 :].startswith(("for ", "of "))
    )


_TRADING_AS = regex.compile(
    r"\((?:trading|t/a|known|operating)(?:\s+in\s+(?:Welsh|English))?\s+as\s+(?P<name>[^()]{3,60})\)", regex.IGNORECASE
)
# a body's name in the other language, or its short name, in brackets straight after it: "Menai Women's Centre
# (Canolfan Menywod Menai)", "Rowan Sexual Violence Services Ltd (“Rowan SVS”)"
_NAME_IN_BRACKETS = regex.compile(r"\(['‘\"“]?(?P<name>(?-i:[A-Z])[^()'’\"”]{2,60})['’\"”]?\)")


def _merge_trading_names(records: list[OrgRecord], text: str) -> list[OrgRecord]:
    """Drop a row named by a trading name the notice gives for another row's body with the same role:
    "Calder Valley Family Services Ltd (trading as Changeworks Yorkshire)"; or by its short name in quotes, or
    its name in the other language, in brackets straight after it: "Rowan Sexual Violence Services Ltd (“Rowan
    SVS”)", "Menai Women's Centre (Canolfan Menywod Menai)"."""
    names = {r.name.lower() for r in records}
    # (the other name, the words before it, whether the body's own name must end those words), found once
    given = (
        [
            (squash(m["name"]).lower(), text[max(0, m.start() - 120) : m.start()].lower(), False)
            for m in _TRADING_AS.finditer(text)
        ]
        if "as " in text
        else []
    )
    given += [
        (squash(m["name"]).lower(), text[max(0, m.start() - 80) : m.start()].rstrip().lower(), True)
        for m in _NAME_IN_BRACKETS.finditer(text)
        if squash(m["name"]).lower() in names
        # not a partner's name in brackets ("Safer Futures Consortium (Harbour Lane Partnership)")
        and (m.group(0)[1] in "'‘\"“" or welsh_count(m["name"]) > 0)
    ]
    out = []
    for r in records:
        other = any(
            o is not r
            and o.role == r.role
            and name == r.name.lower()
            and (before.endswith(o.name.lower()) if adjacent else o.name.lower() in before)
            for name, before, adjacent in given
            for o in records
        )
        if not other:
            out.append(r)
    return out


# words of a council's style, not of its place: "City of Bradford Metropolitan District Council" is "Bradford Council"
_COUNCIL_STYLE = frozenset({"City", "of", "the", "Metropolitan", "District", "Borough", "Council", "Royal"})


def _council_place(name: str) -> tuple[str, ...] | None:
    """The place a council's name names ("Bradford"), with "County" kept apart from a city's council."""
    words = name.split()
    if len(words) < 2 or words[-1] != "Council":
        return None
    place = tuple(w for w in words if w not in _COUNCIL_STYLE)
    return place or None


def _merge_councils(records: list[OrgRecord]) -> list[OrgRecord]:
    """One row for a council printed both in full and short, with the same role: "City of Bradford
    Metropolitan District Council" and "Bradford Council" (the full name kept)."""
    best: dict[tuple, OrgRecord] = {}
    for r in records:
        place = _council_place(r.name)
        if place is not None and ((place, r.role) not in best or len(r.name) > len(best[(place, r.role)].name)):
            best[(place, r.role)] = r
    return [r for r in records if (place := _council_place(r.name)) is None or best[(place, r.role)] is r]


def _merge_contained(records: list[OrgRecord]) -> list[OrgRecord]:
    """Drop a row whose name lies inside another row's name with the same role
    ("Neighbourhood Watch" beside "Essex Neighbourhood Watch")."""
    out = []
    for r in records:
        plain = r.canonical.lower()
        if any(
            o is not r
            and o.role == r.role
            and plain != o.canonical.lower()
            and plain in o.canonical.lower()
            and _whole_words(plain).search(o.canonical.lower())
            and not _goes_on(r.canonical, o.canonical)
            for o in records
        ):
            continue
        out.append(r)
    return out


_SPELLED_BEFORE = regex.compile(
    r"(?P<name>[A-Z][\w'’&-]*(?:\s+(?:[A-Z][\w'’&-]*|and|of|for|&|the|on|in)){1,10})\s+\((?P<acr>[A-Z]{3,8})\)"
)


def _merge_acronyms(records: list[OrgRecord], text: str) -> list[OrgRecord]:
    """Drop a row named by an acronym when the notice spells it out as another row's name with the
    same role: "RSACC" beside "The Rape and Sexual Abuse Counselling Centre (RSACC)"."""
    spelled: dict[str, set[str]] = defaultdict(set)
    for m in _SPELLED_BEFORE.finditer(text):
        name = clean_name(m.group("name"))
        if _initials_fit(m.group("acr"), name):
            spelled[m.group("acr")].add(_LEADING_THE_ANY.sub("", name.lower()))
    if not spelled:
        return records
    long_names = {(_LEADING_THE_ANY.sub("", r.name.lower()), r.role) for r in records}
    return [
        r
        for r in records
        if not (r.canonical in spelled and any((n, r.role) in long_names for n in spelled[r.canonical]))
    ]


_UK_LTD = regex.compile(
    r"[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,5}\s+\((?:UK|GB|Europe|England|Wales|Scotland|International)\)"
    r"\s+(?:Ltd|Limited|LLP|plc|PLC|CIC)\b"
)


def extract_organisations(
    doc: Document,
    nlp_doc: Doc,
    publisher: Publisher | None,
    recipients: list[tuple[str, str, int, BBox | None, str, str]],
    table_regions: list[tuple[int, BBox]] = (),  # type: ignore[assignment]
    decided: dt.date | None = None,
) -> list[OrgRecord]:
    """Organisation rows, one per organisation and role, each with its best evidence. ``decided``: the decision
    date, before which a body's past work is no part of this decision.

    Names inside a cost table take their role from the table (``recipients``), not
    from the table's flattened text.
    """
    rules = _rules()
    text = doc_text(nlp_doc)
    mentions = [
        m for m in _with_aliases(_mentions(nlp_doc, text), text, publisher) if not _in_regions(doc, m, table_regions)
    ]
    mentions = [b for m in mentions if (b := _within_bounds(m, doc.text)) is not None]
    roles: list[str] = []
    funding_lists = _funding_lists(doc.text) if "unding" in doc.text or "unded" in doc.text else []
    listed: set[int] = set()  # mentions that open an item of a list of awards ("• Cumbria Constabulary: £31,000")
    for i, m in enumerate(mentions):
        at, sent = _sentence_of(nlp_doc, m.start)
        role = m.forced_role or _cue_role(sent, m.start - at, m.end - at, m.label)
        if not m.forced_role and role != "funder" and _THEN_PAYS.match(text, m.end, m.end + 220):
            role = "funder"  # "X issues the cautions and refers offenders; it has also agreed to contribute £25,000"
        if (
            not m.forced_role
            and m.label not in ("SELF", "GOV", "OFFICE", "DECISION_MAKER")
            and (start := _listed_award(doc.text, m)) is not None
        ):
            role = "provider"
            listed.add(i)
            if start < m.start and m.label == "ORG":
                name = squash(text[start : m.end])
                mentions[i] = Mention(start, m.end, name, m.label, name)
        if m.label not in ("SELF", "OFFICE", "DECISION_MAKER") and any(a <= m.start < b for a, b in funding_lists):
            role = "funder"  # "Funding" / "• NHS Mersey Bay Integrated Care Board: £0.05m in 2025/26;"
        roles.append(role)
    for group in _lists(mentions, text):
        if _members(mentions, group[0], text):
            for i in group:  # "the Drive Partnership (SafeLives, Respect and Social Finance)": its members
                roles[i] = "other"
            continue
        # the office's own role is its default, not what the list says: "a panel drawn from the OPCC,
        # Leicestershire Police and the Violence Reduction Network"
        found = {roles[i] for i in group if roles[i] and mentions[i].label not in ("SELF", "OFFICE")}
        if len(found) == 1:
            shared = found.pop()
            for i in group:
                roles[i] = roles[i] or shared
    # a body the notice says outright it does not pay: "The Drive Partnership is not funded through this decision"
    unpaid = {
        m.canonical
        for m in mentions
        if _DECLARED_UNPAID.match(text, m.end, m.end + 80)
        or _THEN_UNPAID.match(text, m.end, m.end + 220)
        or (_NO_PAYMENT_TO.search(text, max(0, m.start - 80), m.start) and not _UNTIL_AFTER.match(text, m.end))
    }
    not_paying = {
        m.canonical
        for m in mentions
        if _DECLARED_NOT_PAYING.match(text, m.end, m.end + 120)
        or (_NOR_BEFORE.search(text, max(0, m.start - 120), m.start) and _CONTRIBUTES.match(text, m.end, m.end + 40))
    }

    self_name = publisher.office if publisher else "Police and Crime Commissioner"
    passages = unfunded_passages(nlp_doc)
    evidence: dict[tuple[str, str], tuple[Mention, str]] = {}
    surfaces: dict[str, Counter] = defaultdict(Counter)
    labels: dict[str, str] = {}
    for i, (m, role) in enumerate(zip(mentions, roles)):
        label, canonical = m.label, m.canonical
        if label == "SELF" or (label == "OFFICE" and publisher and canonical in (publisher.office, *publisher.aliases)):
            label, canonical = "SELF", self_name
        labels.setdefault(canonical, label)
        printed = _LEADING_THE.sub("", squash(m.text))
        if printed.endswith(".") and not printed.endswith(NAME_END_ABBREVIATIONS):
            printed = printed[:-1]  # a sentence's full stop after the name ("... delivered by Harrogate Family Links.")
        if not canonical.endswith(("'s", "’s")):  # "Barnardo's" keeps its 's; "the Commissioner's" does not
            printed = printed.removesuffix("'s").removesuffix("’s")
        if not _ID_AFTER.match(text, m.end):  # "Decision Notice OPCC 29/2024": part of an ID, not how it is named
            surfaces[canonical][printed] += 1
        at, sent = _sentence_of(nlp_doc, m.start)
        if label == "SELF":
            role = "funder"
        elif label == "GOV" and role != "other":  # "the Youth Endowment Fund Toolkit" names no payer
            role = "funder" if (role or rules.money_context.search(sent)) else ""
        elif label == "DECISION_MAKER":
            role = "decision_maker"
        elif not role and rules.money_context.search(sent):
            role = rules.default_roles.get(label, "other")
        if (
            (role == "provider" and m.canonical in unpaid)
            or (role == "funder" and m.canonical in not_paying)
            or (
                role in ("provider", "funder")
                and (
                    (("either" in sent or "one of" in sent) and _NEITHER.search(sent))
                    # the next sentence says it of the bodies this one names, where this one pays no one: "The National
                    # Stalking Helpline, run by the Suzy Lamplugh Trust, and Paladin's ... service remain available.
                    # Neither is funded ..."
                    or (label != "SELF" and "£" not in sent and _NEITHER_NEXT.match(text, at + len(sent)) is not None)
                )
            )
        ):
            role = "other"  # "... supplied by X and evaluated by Y; neither is funded under this decision"
        if role in ("provider", "funder") and label != "SELF" and in_passages(passages, m.start):
            role = "other"  # a turned-down option, or what a later sentence says has ended
        if role in ("provider", "funder") and label != "SELF" and not_funded_here(sent, m.start - at, m.end - at):
            role = "other"  # "was consulted and will not receive any of this funding", "is not a funder"
        if role == "provider" and before_this_decision(sent, m.start - at, m.end - at, decided):
            role = "other"  # "Victim Support delivered the referral service until 31 March 2023": a past provider
        if role == "provider" and (
            _COUNTED.search(text, max(0, m.start - 25), m.start) or (label == "ORG" and _plural_head(m.text))
        ):
            role = "other"  # "grants to the fourteen Community Safety Partnerships": a group, not one body
        if (
            role == "provider"
            and not (m.forced_role or i in listed)
            and _is_force(label, m.text)
            and not _PAID.search(sent)
        ):
            role = "other"  # "Norfolk Constabulary will continue to provide problem-solving support"
        if label == "ORG" and role not in ("provider", "funder"):
            continue  # an unknown capitalised name is kept only when the text says what it does
        role = role or "other"
        key = (canonical, role)
        if key not in evidence:
            evidence[key] = (m, sent)
    # "met from the Force training budget": the notice's own police force (the one it names most) pays
    forces = Counter(m.canonical for m in mentions if _is_force(m.label, m.text)) if "Force" in text else Counter()
    if forces:
        force = next(m for m in mentions if m.canonical == forces.most_common(1)[0][0])
        for cue in _FORCE_BUDGET.finditer(text):
            at, sent = _sentence_of(nlp_doc, cue.start())
            key = (force.canonical, "funder")
            if key not in evidence and not not_funded_here(sent, cue.start() - at, cue.end() - at):
                evidence[key] = (Mention(cue.start(), cue.end(), force.text, force.label, force.canonical), sent)
                labels.setdefault(force.canonical, force.label)
                surfaces[force.canonical][_LEADING_THE.sub("", squash(force.text))] += 1
    # recipients named in a cost table's organisation column
    # (and the back-references its names allow: "Multi-agency coordination (Combined Authority)")
    own_names = {a.lower().removeprefix("the ") for a in publisher.aliases} if publisher else set()
    for canonical, printed, _page, _bbox, quote, table_role in recipients:
        if printed.split() and printed.split()[-1] in _words("fund_ends") or printed in _words("budget_lines"):
            continue  # "Community Initiatives Fund", "Contingency": a budget line, not a body
        if printed in _words("placeholders"):
            continue  # "Various (see 4.6)": no one body named
        if _mostly_lower(printed) and not gazetteer_names().get(printed.lower()):
            continue  # "Programme evaluation", "CARA facilitator training": a line of spending
        key = (canonical, table_role)
        known = gazetteer_names().get(printed.lower())
        if labels.get(canonical) in ("SELF", "GOV") or printed.lower() in own_names or (known and known[0] == "SELF"):
            continue  # the office's own line (programme management) is not a recipient
        if key not in evidence:
            evidence[key] = (Mention(-1, -1, printed, "ORG", canonical), quote)
        surfaces[canonical][printed] += 1
        labels.setdefault(canonical, "ORG")

    back_references = {a.lower()[4:] for a in publisher.aliases if a.lower().startswith("the ")} if publisher else set()
    records = []
    for (canonical, role), (m, sent) in evidence.items():
        roles_of = {r for (c, r) in evidence if c == canonical}
        if role == "other" and roles_of - {"other"}:
            continue
        if role == "provider" and labels.get(canonical) in ("SELF", "GOV"):
            continue
        if (
            m.start >= 0
            and labels.get(canonical) == "ORG"
            and len(canonical.split()) > 1  # (not "Framework", a charity's name)
            and canonical.split()[-1] in _words("pot_ends")
        ):
            continue  # "the Domestic Abuse and Stalking Perpetrator Intervention Fund": a pot of money, not a body
        if (
            role == "funder"
            and "provider" in roles_of
            and labels.get(canonical) == "ORG"
            and m.start >= 0
            and _ITS_GRANT.match(text, m.end)
        ):
            continue  # "X receives £18,500 ..." and "the X grant": the grant paid to X, not one X pays
        counts = surfaces[canonical]
        if labels.get(canonical) == "SELF":
            # a combined authority pays, its (deputy) mayor decides: the body's name, where it is printed,
            # not the mayor's title nor the commissioner's functions the mayor holds
            bodies = Counter(
                {
                    k: v
                    for k, v in counts.items()
                    if not _MAYOR_ROLE.match(k) and ("Commissioner" in self_name or not _OFFICE_TITLE.fullmatch(k))
                }
            )
            counts = bodies or counts
            # and not a back-reference any such body prints ("the Combined Authority")
            counts = (
                Counter({k: v for k, v in counts.items() if k.lower().removeprefix("the ") not in back_references})
                or counts
            )
        name = _surface(counts) or canonical
        if m.start >= 0:
            page, bbox = doc.locate(m.start, m.end)
            quote = squash(sent).strip()
        else:
            page, bbox, quote = next((p, b, q) for c, _, p, b, q, _r in recipients if c == canonical)
        records.append(OrgRecord(name, canonical, role, page, bbox, quote))
    projects = {m.group("name").lower() for m in _BODYS_PROJECT.finditer(text)} if " the " in text else set()
    projects |= {
        m.group("name").rstrip("'’").lower()  # "'Cartref Diogel' (Safe Home), a target hardening scheme"
        for m in _defined_programmes(text)
        if m.group("name").split()[-1] not in STRONG_SUFFIXES  # "St Giles Trust, a ..." is a body
    }
    records = [r for r in records if _LEADING_THE_ANY.sub("", r.name).lower() not in projects]  # a project, not a body
    # an unknown name the notice also calls a kind of programme: "YEF selected Steps Ahead" beside "the Steps Ahead
    # mentoring programme"
    kinds_of = {m.group("name").lower() for m in _NAMED_KIND.finditer(text)} if " the " in text else set()
    # (not a body the notice pays in so many words: "Age UK Northshire will receive £9,000 ... the Age UK Northshire
    # befriending scheme")
    kinds_of = {k for k in kinds_of if not regex.search(rf"(?i:{regex.escape(k)}){_PAID_DIRECTLY}", text)}
    records = [
        r
        for r in records
        if not (
            labels.get(r.canonical) == "ORG"
            and r.name.lower() in kinds_of
            and r.name.split()[-1] not in STRONG_SUFFIXES
        )
    ]
    records = _merge_councils(_merge_contained(_merge_trading_names(_merge_acronyms(records, text), text)))
    if publisher:
        first = next((r for r in records if r.canonical == self_name and r.role == "funder"), None)
        if first and not any(r.role == "decision_maker" for r in records):
            records.append(OrgRecord(first.name, self_name, "decision_maker", first.page, first.bbox, first.quote))
    return sorted(records, key=lambda r: (ROLES.index(r.role), r.page, r.canonical))
