"""One document to one :class:`Notice`: every extractor, in order, with provenance.

:func:`extract_notice` is pure: a Document in, plain records out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

import regex

from pipeline.extract.cost_tables import CostLine, find_cost_tables
from pipeline.extract.dates import choose_decision_date, find_periods
from pipeline.extract.identifiers import Found, find_decision_id
from pipeline.extract.money import find_money, money_pattern, role_for
from pipeline.extract.nlp import analyse, gazetteer_names, sentences
from pipeline.extract.organisations import (
    STRONG_SUFFIXES,
    OrgRecord,
    body_in_line,
    extract_organisations,
    recipient_name,
)
from pipeline.extract.organisations import _rules as org_rules
from pipeline.extract.programmes import ProgrammeRecord, extract_programmes
from pipeline.extract.publisher import Publisher, detect_publisher
from pipeline.extract.rules import load_yaml
from pipeline.extract.text import squash
from pipeline.extract.title import find_title, title_after_heading, title_after_id, title_by_size
from pipeline.read.document import BBox, Document, in_regions


@dataclass(frozen=True)
class AmountRecord:
    amount: Decimal
    currency: str
    raw: str
    qualifier: str
    role: str
    period: str
    period_start: dt.date | None
    period_end: dt.date | None
    page: int
    bbox: BBox | None
    quote: str
    source: str  # "text" or "table"


@dataclass
class Notice:
    publisher: Publisher | None
    decision_id: Found | None
    title: Found | None
    decision_date: dt.date | None
    decision_date_evidence: Found | None
    amounts: list[AmountRecord] = field(default_factory=list)
    organisations: list[OrgRecord] = field(default_factory=list)
    programmes: list[ProgrammeRecord] = field(default_factory=list)
    cost_lines: list[CostLine] = field(default_factory=list)
    ocr: bool = False


_TOTAL = regex.compile(r"\btotal\b", regex.IGNORECASE)


def _clean(text: str) -> str:
    return squash(text).strip()


def _text_amounts(doc: Document, nlp_doc, regions: list[tuple[int, BBox]]) -> list[AmountRecord]:
    text = doc.text
    money = money_pattern()
    out = []
    for start_char, end_char in sentences(nlp_doc):
        s_text = text[start_char:end_char]
        flat = s_text.replace("\n", " ")
        if money.search(flat) is None:
            continue  # no sum in this sentence (find_money would find none)
        periods = None
        for m in find_money(flat):
            start, end = start_char + m.start, start_char + m.end
            page, bbox = doc.locate(start, end)
            if in_regions(page, bbox, regions):
                continue  # the cost table reports this cell
            role = role_for(flat, m.start, m.end)
            period = None
            if periods is None:
                periods = find_periods(flat)
            if role != "threshold" and periods:
                # the nearest period in the same sentence, preferring one after the sum
                period = min(periods, key=lambda p: abs(p[0] - m.end) if p[0] >= m.end else (m.start - p[1]) + 15)[2]
            out.append(
                AmountRecord(
                    m.amount,
                    "GBP",
                    m.raw,
                    m.qualifier,
                    role,
                    period.label if period else "",
                    period.start if period else None,
                    period.end if period else None,
                    page,
                    bbox,
                    _clean(s_text),
                    "text",
                )
            )
    return out


def _table_amounts(tables) -> list[AmountRecord]:
    out = []
    for table in tables:
        for cell, aside in [*((c, False) for c in table.money_cells), *((c, True) for c in table.asides)]:
            role = "total" if cell.is_total or _TOTAL.search(cell.description) else "cost line"
            role = "comparison" if aside else role
            quote = f"{cell.description} | {cell.raw}" + (f" ({cell.period})" if cell.period else "")
            out.append(
                AmountRecord(
                    cell.amount,
                    "GBP",
                    cell.raw,
                    "",
                    role,
                    cell.period,
                    None,
                    None,
                    cell.page,
                    cell.bbox,
                    quote,
                    "table",
                )
            )
    return out


_TITLE_WORD = regex.compile(r"[A-Z][a-z][\w'’-]*")
_JOINS = frozenset({"and", "of", "&"})
_A_LETTER = regex.compile(r"[^\W\d_]")


def _canonical_recipient(name: str) -> tuple[str, str]:
    """A name from a table, under its gazetteer name when the gazetteer knows it or the words it
    starts with ("Home Office DAPP" is the Home Office): (canonical, as printed)."""
    words = squash(name).split()
    for n in range(len(words), 0, -1):
        known = gazetteer_names().get(" ".join(words[:n]).lower())
        if known and known[0] not in ("PROGRAMME", "SELF"):
            tail = words[n:]
            # (not two bodies joined by "and": "Victim Support and Remedi")
            last_join = max((k for k, w in enumerate(tail) if w in _JOINS), default=-1)
            second = " ".join(tail[last_join + 1 :]).lower() if last_join >= 0 else ""
            if tail and (
                words[-1] in STRONG_SUFFIXES
                or (
                    _TITLE_WORD.fullmatch(tail[-1])
                    and all(_TITLE_WORD.fullmatch(w) or w in _JOINS for w in tail)
                    and not (second and gazetteer_names().get(second))
                )
            ):
                # a longer name: "Women's Aid Leicestershire Limited", "Women's Aid Integrated Services",
                # "Rape Crisis Tyneside and Northumberland"
                return name, name
            return known[1], " ".join(words[:n])
        if known and known[0] == "SELF":
            return " ".join(words[:n]), " ".join(words[:n])
    return name, name


def prepare() -> None:
    """Load the NLP pipeline and compile every rule now rather than for the first document (what a
    worker process forked afterwards inherits instead of loading it again)."""
    from pipeline.extract import context, cost_tables, dates, identifiers, money, nlp, organisations, publisher, title

    nlp.get_nlp()
    nlp.generic_matcher()
    nlp.gazetteer_names()
    nlp.trained_model()
    org_rules()
    organisations._suffixes()
    organisations._generic_words()
    for kind in load_yaml("organisations.yml")["not_a_body"]:
        organisations._words(kind)
    context._not_funded()
    cost_tables._units()
    money._rules()
    dates._date_rules()
    identifiers._rules()
    title._patterns()
    publisher._compiled()


def extract_notice(doc: Document) -> Notice:
    nlp_doc = analyse(doc.text)
    publisher = detect_publisher(doc)
    decision_id = find_decision_id(doc, publisher.id_pattern if publisher else None)
    # lines that are not the title: the ID's, the publisher's name (in full: "Bedfordshire" alone may open a title)
    names = [publisher.quote, *publisher.aliases] if publisher else []
    skip = {decision_id.value if decision_id else "", *(n for n in names if len(n.split()) > 1)}
    title = find_title(doc) or title_after_id(doc, decision_id, skip)
    if title is None:
        title = title_after_heading(doc, skip) or title_by_size(doc, skip)
    choice = choose_decision_date(doc.text)
    date_evidence = None
    if choice:
        page, bbox = doc.locate(choice.match.start, choice.match.end)
        line_start = doc.text.rfind("\n", 0, choice.match.start) + 1
        line_end = doc.text.find("\n", choice.match.end)
        line = doc.text[line_start : line_end if line_end >= 0 else None]
        date_evidence = Found(choice.match.date.isoformat(), page, bbox, f"{_clean(line)} [{choice.reason}]")
    tables = find_cost_tables(doc, org_rules().recipient_headers)
    regions = [r for t in tables for r in t.regions]
    # a sum printed in a table's money cell is reported from the table; one inside a description
    # ("Four appliances (4 × £312,450)") is reported from the text
    money_cells = [(c.page, c.bbox) for t in tables for c in [*t.money_cells, *t.asides] if c.bbox]
    amounts = _text_amounts(doc, nlp_doc, money_cells) + _table_amounts(tables)
    recipients = []
    for table in tables:
        for name, page, bbox, role in table.recipients:
            quote = f"{name} (named in cost table {table.index})"
            body = recipient_name(name, funder=role == "funder") if role != "line" else body_in_line(name)
            if body is None or not _A_LETTER.search(body):
                continue  # not a body, or no name at all ("–")
            canonical, printed = _canonical_recipient(body)
            recipients.append((canonical, printed, page, bbox, quote, "provider" if role == "line" else role))
    organisations = extract_organisations(
        doc, nlp_doc, publisher, recipients, regions, choice.match.date if choice else None
    )
    org_names = {o.name for o in organisations} | {o.canonical for o in organisations}
    projects = [(name, page, table.index) for table in tables for name, page in table.programmes]
    programmes = extract_programmes(doc, nlp_doc, title.value if title else "", org_names, regions, projects)
    cost_lines = [line for t in tables for line in t.lines]
    return Notice(
        publisher=publisher,
        decision_id=decision_id,
        title=title,
        decision_date=choice.match.date if choice else None,
        decision_date_evidence=date_evidence,
        amounts=amounts,
        organisations=organisations,
        programmes=programmes,
        cost_lines=cost_lines,
        ocr=doc.ocr,
    )
