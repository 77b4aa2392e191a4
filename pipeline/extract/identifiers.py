"""Decision IDs, found from the labels that introduce them (``rules/identifiers.yml``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import regex

from pipeline.extract.dates import parse_financial_years
from pipeline.extract.rules import load_yaml
from pipeline.extract.text import squash
from pipeline.read.document import BBox, Document


@dataclass(frozen=True)
class Found:
    """A value found in a document, with where it came from."""

    value: str
    page: int
    bbox: BBox | None
    quote: str


@dataclass(frozen=True)
class _IdRules:
    value: regex.Pattern
    line: regex.Pattern
    label_cell: regex.Pattern
    line_end: regex.Pattern
    header: regex.Pattern


# What may follow an ID on its line: the end, another label, punctuation, a dash and a title.
_AFTER = r"(?=\s*$|\s+[A-Z][\w ]{0,30}:|\s+Number:|\s*[,;)]|\s+[-–]\s|\s{2,})"


# the office's initials before a label: "PCC Decision Number: 09-2023"
_OFFICE = r"(?-i:O?PF?CC|PCVC|MOPAC)"


@cache
def _rules() -> _IdRules:
    data = load_yaml("identifiers.yml")
    # labels are written with plain spaces; the value pattern is VERBOSE, so spell spaces out
    labels = "|".join(label.replace(" ", r"\s+") for label in data["labels"])
    value = data["value"]
    prefixes = "|".join(data["header_prefixes"])
    return _IdRules(
        value=regex.compile(rf"^(?:{value})$", regex.VERBOSE),
        line=regex.compile(
            # a Welsh label and "/", or a decision heading and a dash, may come first ("RECORD OF DECISION –
            # Decision Number"; not "Annex A – Ref 12/2023")
            rf"^(?:[^/\n]{{0,40}}/[ ]*|[^\n]{{0,30}}?\b(?:decision|record)\b[^\n]{{0,10}}?\s[–-]\s)?"
            # a label ends at a word's end ("Decision No" is not the start of "DECISION NOTICE 2024/057"), or runs
            # into "No" ("RefNo: 2024/045"), and may be followed by what it is ("Decision Log Reference")
            rf"\W{{0,3}}(?:{_OFFICE}\s+)?(?:{labels})(?!(?<=[a-z])(?!no\b)[a-z])"
            # (and may say again what it is: "Decision Reference:   Decision 019-2025")
            rf"(?:\s*(?:[:\-–/]|no\b\.?|number|ref(?:erence)?\b\.?|\(?\s*n[°º]\.?|(?-i:Decision\b)))*"
            rf"\s*(?P<id>(?-i:{value})){_AFTER}",
            regex.IGNORECASE | regex.VERBOSE | regex.MULTILINE,
        ),
        label_cell=regex.compile(rf"^\s*(?:{labels})(?:\s*(?:[:\-–]|no\b\.?|number))*\s*$", regex.IGNORECASE),
        # a reference at the end of the title's line ("PCC DN - VRU Funding Award ref: 2811"), or marked
        # "N°" in a heading ("COMMISSIONER DECISION - (N° 021 / 2025)")
        line_end=regex.compile(
            rf"\bref(?:erence)?\s*:\s*(?P<id>(?-i:{value}))[ \t]*$"
            rf"|(?-i:\bN[°º])\.?[ ]*(?P<id>(?-i:{value}))(?=[ ]*[)\n])",
            regex.IGNORECASE | regex.VERBOSE | regex.MULTILINE,
        ),
        header=regex.compile(
            rf"(?<!\w)(?P<id>(?:{prefixes})[ ]?[-–]?[ ]?\d{{1,6}}(?:[ /\-_.]\d{{1,6}}|/[A-Z]{{1,6}}(?=/)){{0,4}}"
            rf"|[A-Z]{{2,6}}\d?[ ]?\d{{1,6}}[/\-_.]\d{{1,6}})(?!\w)"
        ),
    )


_YEAR = regex.compile(r"(?:19|20)\d{2}")
_NUMBER = regex.compile(r"\d+")


def normalise_id(value: str) -> str:
    """An ID for comparison: upper case, one kind of dash, no spaces around ``- / _ .``."""
    value = regex.sub(r"[\u2010-\u2015\u2212]", "-", str(value).upper())
    value = regex.sub(r"\s*([-/_.])\s*", r"\1", value)
    return squash(value).strip()


def same_decision_id(a: str, b: str) -> bool:
    """Whether two printings name one decision: ``20/2024`` and ``2024/20`` (Lancashire's listing) are the same."""
    x, y = normalise_id(a), normalise_id(b)
    if x == y:
        return True
    parts_x, parts_y = regex.split(r"[-/.]", x), regex.split(r"[-/.]", y)
    if len(parts_x) == 2 and len(parts_y) == 2 and all(p.isdigit() for p in parts_x + parts_y):
        return [int(p) for p in parts_x] == [int(p) for p in reversed(parts_y)]
    return False


def clean_id(text: str) -> str:
    return squash(text).strip(" .,;:-–")


def _valid(value: str) -> bool:
    value = clean_id(value)
    if not _rules().value.match(value):
        return False
    digits = sum(c.isdigit() for c in value)
    # a lone year, a financial year ("Executive Decision 2024/25" over the real reference) or a bare small
    # number is not an ID
    numbers = _NUMBER.findall(value)
    if _YEAR.match(value) and len(numbers) == 2 and len(numbers[1]) in (2, 4):
        period = parse_financial_years(value)
        if period is not None and period.start and period.end and period.end.year == period.start.year + 1:
            return False
    return digits >= 2 and not _YEAR.fullmatch(value)


def _candidates(doc: Document) -> Iterator[Found]:
    """Labelled table cells and labelled lines on the first two pages, in reading order, then a header prefix."""
    rules = _rules()
    for page in doc.pages[:2]:
        for table in page.tables:
            for row in table.rows:
                cells = [c for c in row if c is not None]
                for label, value in zip(cells, cells[1:]):
                    if not rules.label_cell.match(label.text.replace("\n", " ")):
                        continue
                    joined = clean_id(" ".join(c.text for c in cells[cells.index(value) :] if c.text))
                    for candidate in (clean_id(value.text), joined):
                        if _valid(candidate):
                            quote = f"{label.text} {candidate}".replace("\n", " ")
                            yield Found(candidate, page.number, value.bbox, quote)
        for m in rules.line.finditer(page.text):
            candidate = clean_id(m.group("id"))
            if _valid(candidate):
                line_start = page.text.rfind("\n", 0, m.start()) + 1
                line_end = page.text.find("\n", m.end())
                quote = page.text[line_start : line_end if line_end >= 0 else None]
                yield Found(candidate, page.number, page.bbox_of(m.start("id"), m.end("id")), quote.strip())
    first = doc.pages[0]
    for m in rules.line_end.finditer(first.text[:1000]):
        candidate = clean_id(m.group("id"))
        if _valid(candidate):
            yield Found(candidate, first.number, first.bbox_of(m.start("id"), m.end("id")), m.group(0))
    m = rules.header.search(first.text[:600])
    if m:
        yield Found(clean_id(m.group("id")), first.number, first.bbox_of(m.start("id"), m.end("id")), m.group(0))


def find_decision_id(doc: Document, id_pattern: str | None = None) -> Found | None:
    """The notice's own ID: the first labelled candidate, or the first that fits the publisher's
    ``id_pattern`` (``rules/publishers/<slug>.yml``) when it has one and a candidate fits it."""
    candidates = list(_candidates(doc))
    if id_pattern:
        fitting = regex.compile(rf"^(?:{id_pattern})$")
        for found in candidates:
            if fitting.match(found.value):
                return found
    return candidates[0] if candidates else None
