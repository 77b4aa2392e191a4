"""Dates and financial years: find, parse, and pick the decision date.

The one place where dates are parsed. Formats: ``20/06/2023``, ``8/4/2022``,
``11/04/17``, ``21.07.2023``, ``2nd September 2024``, ``06 September 2019``,
``September 2, 2024``, ``April 1, 2023``, ``03-Dec-24``, ``2025-04-03``; financial years ``2023/24``,
``2023-24``, ``2023-25``, ``22/23``. Rules for choosing the decision date
are in ``rules/dates.yml``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

import regex

from pipeline.extract.rules import any_of, load_yaml

MONTHS = {
    name: index
    for index, names in enumerate(
        [
            # English, then Welsh (bilingual notices sign "4 Chwefror 2025 / 4 February 2025")
            ("january", "jan", "ionawr"),
            ("february", "feb", "chwefror"),
            ("march", "mar", "mawrth"),
            ("april", "apr", "ebrill"),
            ("may", "mai"),
            ("june", "jun", "mehefin"),
            ("july", "jul", "gorffennaf"),
            ("august", "aug", "awst"),
            ("september", "sep", "sept", "medi"),
            ("october", "oct", "hydref"),
            ("november", "nov", "tachwedd"),
            ("december", "dec", "rhagfyr"),
        ],
        start=1,
    )
    for name in names
}
# a month's name, in full or short, English or Welsh
MONTH_PATTERN = _MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    r"|ionawr|chwefror|mawrth|ebrill|mai|mehefin|gorffennaf|awst|medi|hydref|tachwedd|rhagfyr)"
)
_DATE = regex.compile(
    rf"""
    (?<![\w/.])
    (?:
      (?P<d1>\d{{1,2}})[/.](?P<m1>\d{{1,2}})[/.](?P<y1>\d{{4}}|\d{{2}})(?![\d/.]\d)
    | (?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH})\.?,?\s+(?P<y2>\d{{4}})
    | (?P<m3>{_MONTH})\.?\s+(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y3>\d{{4}})
    | (?P<d4>\d{{1,2}})-(?P<m4>{_MONTH})-(?P<y4>\d{{4}}|\d{{2}})
    | (?<!-)(?P<y6>(?:19|20)\d\d)-(?P<m6>[01]\d)-(?P<d6>[0-3]\d)(?![\d-])  # ISO: "2025-04-03"
    # a table cell's date wrapped under itself, another cell's words between: "09 September" / "Commissioner  2024"
    # (only another cell's capitalised words between, not a sentence: "14 March" / "The projects will run ... 2025")
    | (?P<d5>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m5>{_MONTH})[ \t]*\n(?:(?-i:[A-Z])[\w'’&,.-]*[ \t]+){{0,4}}
      (?P<y5>(?:19|20)\d\d)(?=[ \t]*\n)
    )
    (?![\w])
    """,
    regex.IGNORECASE | regex.VERBOSE,
)
_MONTH_YEAR = regex.compile(rf"(?<![\w])(?P<m>{_MONTH})\.?\s+(?P<y>\d{{4}})(?!\w)", regex.IGNORECASE)
_FINANCIAL_YEAR = regex.compile(
    r"(?<![\w/-])(?:(?P<a>(?:19|20)\d{2})\s?[/-]\s?(?P<b>(?:19|20)?\d{1,2})|(?P<a>\d{2})\s?[/-]\s?(?P<b>\d{2}))(?![\w/-]|\.\d)"
)


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    raw: str
    date: dt.date


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _build(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _from_match(m: regex.Match) -> dt.date | None:
    if m.group("d1"):
        return _build(_year(m.group("y1")), int(m.group("m1")), int(m.group("d1")))
    if m.group("d2"):
        return _build(int(m.group("y2")), MONTHS[m.group("m2").lower().rstrip(".")], int(m.group("d2")))
    if m.group("d3"):
        return _build(int(m.group("y3")), MONTHS[m.group("m3").lower().rstrip(".")], int(m.group("d3")))
    if m.group("d6"):
        return _build(int(m.group("y6")), int(m.group("m6")), int(m.group("d6")))
    if m.group("d5"):
        return _build(int(m.group("y5")), MONTHS[m.group("m5").lower()], int(m.group("d5")))
    return _build(_year(m.group("y4")), MONTHS[m.group("m4").lower()], int(m.group("d4")))


def find_dates(text: str) -> list[DateMatch]:
    """Every full date (day, month, year) in ``text``. Never raises."""
    out = []
    for m in _DATE.finditer(text):
        date = _from_match(m)
        if date is not None and 1990 <= date.year <= 2100:
            out.append(DateMatch(m.start(), m.end(), m.group(0), date))
    return out


def parse_date(text: str) -> dt.date | None:
    """One date as printed, or None. Never raises."""
    if not isinstance(text, str) or len(text) > 60:
        return None
    found = find_dates(text.strip())
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(text.strip()):
        return found[0].date
    return None


@dataclass(frozen=True)
class Period:
    """A period a sum belongs to: a label as a journalist would write it, and its first and last day."""

    label: str
    start: dt.date | None
    end: dt.date | None


def financial_year(first: int) -> Period:
    """The UK financial year that starts on 1 April of ``first``."""
    return Period(f"{first}/{(first + 1) % 100:02d}", dt.date(first, 4, 1), dt.date(first + 1, 3, 31))


def parse_financial_years(text: str) -> Period | None:
    """``2023/24``, ``2023-24``, ``2023-25``, ``22/23`` → a Period; None if not a financial year."""
    m = _FINANCIAL_YEAR.fullmatch(text.strip()) or _FINANCIAL_YEAR.search(text)
    if not m:
        return None
    return _fy_period(m)


def _fy_period(m: regex.Match) -> Period | None:
    a, b = m.group("a"), m.group("b")
    first = _year(a) if len(a) == 2 else int(a)
    if len(b) == 1:  # "2024-5"
        last = first + 1 if (first + 1) % 10 == int(b) else -1
    else:
        last = (first // 100) * 100 + int(b[-2:])
        if last < first:
            last += 100
    if not 1990 <= first <= 2100 or not 1 <= last - first <= 5:
        return None
    if len(b) == 4 and int(b) != last:
        return None
    if last - first == 1:
        return financial_year(first)
    return Period(f"{first}/{last % 100:02d}", dt.date(first, 4, 1), dt.date(last, 3, 31))


def find_financial_years(text: str) -> list[tuple[int, int, Period]]:
    out = []
    for m in _FINANCIAL_YEAR.finditer(text):
        period = _fy_period(m)
        if period is not None:
            out.append((m.start(), m.end(), period))
    return out


_DATEISH = (
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\.?,?\s+\d{{4}}"
    rf"|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}"
    rf"|{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|{_MONTH}\.?\s+\d{{4}}"
    r"|(?:19|20)\d\d-[01]\d-[0-3]\d"
)
_RANGE = regex.compile(
    rf"(?:for\s+the\s+period(?:\s+of)?|for|from|between|period(?:\s+of)?|running)\s+(?:the\s+)?(?P<a>{_DATEISH})"
    rf"\s*(?:to|until|till|and|-|–)\s*(?:the\s+)?(?P<b>{_DATEISH})(?!\w)",
    regex.IGNORECASE,
)
_BOUND = regex.compile(
    r"\b(?:from|starting|commencing|with\s+effect\s+from|until|till|ending|ends\s+on|expires\s+on|to|before|after|by"
    r"|no\s+later\s+than"
    # "The service begins on 1st April 2025", "went live on 3 June"
    r"|(?:begins|began|starts|started|commences|commenced|goes\s+live|went\s+live|launches|launched)\s+on)\s+(?:the\s+)?$",
    regex.IGNORECASE | regex.REVERSE,
)
_UNTIL = regex.compile(
    rf"(?:to|until|till|ending|ends on|end of)\s+(?:the\s+)?(?P<b>{_DATEISH})(?!\w)",
    regex.IGNORECASE,
)


def _date_or_month(text: str, *, end: bool) -> dt.date | None:
    found = find_dates(text)
    if found:
        return found[0].date
    m = _MONTH_YEAR.search(text)
    if not m:
        return None
    month, year = MONTHS[m.group("m").lower()], int(m.group("y"))
    return month_end(year, month) if end else dt.date(year, month, 1)


def month_end(year: int, month: int) -> dt.date:
    """The last day of a month."""
    return dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)


def find_periods(text: str) -> list[tuple[int, int, Period]]:
    """Date ranges (``1st August 2023 to 31st March 2025``, ``April 2023 to March 2025``) and financial years."""
    out: list[tuple[int, int, Period]] = []
    for m in _RANGE.finditer(text):
        a = _date_or_month(m.group("a"), end=False)
        b = _date_or_month(m.group("b"), end=True)
        if a and b and a < b:
            out.append((m.start(), m.end(), Period(f"{a.isoformat()} to {b.isoformat()}", a, b)))
    taken = [(s, e) for s, e, _ in out]
    for s, e, period in find_financial_years(text):
        if not any(s < te and e > ts for ts, te in taken):
            out.append((s, e, period))
    for m in _UNTIL.finditer(text):
        if any(m.start() < te and m.end() > ts for ts, te, _ in out):
            continue
        b = _date_or_month(m.group("b"), end=True)
        if b:
            out.append((m.start(), m.end(), Period(f"to {b.isoformat()}", None, b)))
    return sorted(out, key=lambda t: t[0])


@dataclass(frozen=True)
class _DateRules:
    decision_labels: regex.Pattern
    approval: regex.Pattern
    signature: regex.Pattern
    other_labels: regex.Pattern
    approval_window: int
    signature_window: int


@cache
def _date_rules() -> _DateRules:
    data = load_yaml("dates.yml")
    return _DateRules(
        decision_labels=any_of(data["decision_labels"]),
        approval=any_of(data["approval_cues"]),
        signature=any_of(data["signature_cues"]),
        other_labels=any_of(data["other_labels"]),
        approval_window=int(data["approval_window"]),
        signature_window=int(data["signature_window"]),
    )


# a line that opens with a date label: "Date:", "Dyddiad / Date:"
_DATE_LINE = regex.compile(r"^\W{0,3}(?:[^:/\n]{0,30}/\s*)?date\s*:?\s*$", regex.IGNORECASE)


_LOWER_WORD = regex.compile(r"(?<![\w'’.])[a-z]+\b")
# a row of a sign-off block: who signs, then "Date" and the date ending the line ("Police and Crime Commissioner
# Adrian Holloway-Pryce    Date    10th July 2025")
# (not a date that a service or a review keeps: "Contract End Date", "Next Review Date")
_SIGN_OFF_ROW = regex.compile(
    r"^[A-Z][^\n]{3,90}?\s(?<!\b(?:Review|End|Start|Implementation|Meeting|Completion|Expiry|Commencement|Live|Due|"
    r"Closing|Target|Effective|Renewal|Publication|Report)\s)(?-i:Date)\s*:?\s*$"
)


@dataclass(frozen=True)
class DateChoice:
    match: DateMatch
    reason: str


_HEAD = 400  # characters: the head of a notice, where its number and date stand
_DATED = regex.compile(  # "DATE: 14th November 2023", not "Start date:", "Review date:"
    r"(?<!\b(?:start|end|review|publication|published|report|expiry|commencement|effective|due|closing)\s)\bdate\s*:?\s*$",
    regex.IGNORECASE,
)


def choose_decision_date(text: str) -> DateChoice | None:
    """The date the decision maker approved or signed, from the whole text of a notice.

    Ranks every date: a "Date of decision" label first, then a date soon after
    the decision maker's approval words, then a signature date (the latest, as
    officers sign before the decision maker), then the first date printed.
    """
    dates = find_dates(text)
    if not dates:
        return None
    rules = _date_rules()
    # a date that opens or closes a period ("from 1 April 2023 to 31 March 2025") is not an act's date
    ranges = [(m.start(), m.end()) for m in _RANGE.finditer(text)]
    # and a date a service starts or ends on ("for three years from 1 January 2024")
    in_range = [
        d
        for d in dates
        if any(a <= d.start < b for a, b in ranges) or _BOUND.search(text, max(0, d.start - 30), d.start)
    ]
    dates = [d for d in dates if d not in in_range] or dates
    labelled, approved, signed, dated = [], [], [], []
    for k, d in enumerate(dates):
        line_start = text.rfind("\n", 0, d.start) + 1
        prefix = text[max(line_start - 60, 0) : d.start]
        if rules.decision_labels.search(text[line_start : d.start]) or rules.decision_labels.search(prefix[-45:]):
            labelled.append(d)
            continue
        if rules.other_labels.search(prefix[-45:]):
            continue
        # a line that opens with another date's label, this its only date ("Published on the Commissioner's
        # website      Date: 03.09.2024")
        # (a label, capitalised, not a sentence's words wrapped onto the line: "This decision will be" / "published
        # in full on the Commissioner's website ...   Date: 29.08.2024")
        head = text[line_start : d.start].lstrip()
        if head[:1].isupper() and rules.other_labels.match(head) and not (k and dates[k - 1].start >= line_start):
            continue
        # (a cue that ends inside the window counts, where it starts before it: "I have considered the report and
        # approve the recommendation ...")
        window_start = max(0, d.start - rules.approval_window)
        cues = [c for c in rules.approval.finditer(text, max(0, window_start - 120), d.start) if c.end() > window_start]
        # an approval cue counts when no other signed date stands between it and this date (dates are
        # in text order and do not overlap, so the one just before this is the only one to check)
        if cues:
            gap = text[cues[-1].end() : d.start]
            if not (k and dates[k - 1].start > d.start - len(gap)):
                approved.append(d)
                continue
        sign_off_row = (
            _SIGN_OFF_ROW.match(text[line_start : d.start]) is not None
            and not (k and dates[k - 1].start >= line_start)
            and len(_LOWER_WORD.findall(text, line_start, d.start)) <= 2
            and (d.end == len(text) or text.startswith("\n", d.end))
        )
        if (
            sign_off_row
            or rules.signature.search(text[max(0, d.start - rules.signature_window) : d.start])
            or (
                # the next row of a sign-off table, its date ending the line under the last signature's date
                signed
                and k
                and signed[-1] is dates[k - 1]
                and text.count("\n", dates[k - 1].end, d.start) == 1
                and text.startswith("\n", dates[k - 1].end)
                and text.startswith("\n", d.end)
                # (names and a role, not a sentence: "Police and Crime ... 09 September", not "... to be held on 26/03")
                and len(_LOWER_WORD.findall(text, line_start, d.start)) <= 2
            )
        ):
            signed.append(d)
        elif _DATE_LINE.search(text[line_start : d.start]):
            dated.append(d)
    if labelled:
        return DateChoice(labelled[0], "labelled as the date of decision")
    if approved:
        # the decision maker signs last: a signature date, or a "Date:" line, after the approval words
        # and later than the approved date wins ("... recommended by the panel on 14 September." /
        # "Signed: ... Date: 26th September")
        first = min(d.start for d in approved)
        later = [d for d in [*signed, *dated] if d.start > first and d not in approved]
        best = max([*approved, *later], key=lambda d: (d.date, d.start))
        return DateChoice(best, "after the decision maker's approval")
    if signed:
        latest = max(signed, key=lambda d: (d.date, d.start))
        # officers sign before the decision is made: a "Date:" at the head of the notice on or after their
        # signatures is the decision's ("DECISION: 34/2023  DATE: 14th November 2023" over sign-offs of 10/11/23)
        head = [
            d
            for d in dates
            if d.start < _HEAD and d.date >= latest.date and _DATED.search(text, max(0, d.start - 12), d.start)
        ]
        if head:
            return DateChoice(head[0], "the notice's own date, on or after its officers' signatures")
        return DateChoice(latest, "the latest signature date")
    return DateChoice(dates[0], "the first date printed")
