"""Cost and budget tables: each line item, the stated total, and whether the lines add up.

Two sources give the same grid shape (a header, then rows of cells with boxes):
ruled tables found by pdfplumber, and unruled tables rebuilt here from printed
lines whose ends hold numbers lined up under a header with ``£``, a year or a
money word. One interpreter then reads any grid: which columns hold money and
for which period, which column describes the line, which rows are totals.
A table that runs onto the next page is joined to the one before it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache

import regex

from pipeline.extract.dates import find_financial_years, parse_financial_years
from pipeline.extract.money import parse_amount
from pipeline.extract.rules import load_yaml
from pipeline.extract.text import squash
from pipeline.read.document import BBox, Cell, Document, Line, Page, Word, union_bbox

_MONEY_HEADER = regex.compile(
    r"£|\bamount\b|\bcosts?\b|\bvalue\b|\ballocation\b|\bbudget\b|\bgrant\b|\bfunding\b|\btotal\b|\bspend\b|\bgbp\b"
    r"|\baward\b|\bawarded\b|\bprice\b|(?-i:\bPS$)"  # "Labour PS": a £ the PDF's font lost
    r"|(?:19|20)\d{2}\s?[/-]\s?\d{1,4}|\b[A-Z][a-z]{2}\s?\d{2}\s?[-–]\s?[A-Z][a-z]{2}\s?\d{2}\b",
    regex.IGNORECASE,
)
_TOTAL = regex.compile(r"^\s*(?:grand\s+|sub[-\s]?)?total\b|\b(?:sub[-\s]?)?total\s*$", regex.IGNORECASE)
_SUBTOTAL = regex.compile(r"\bsub[-\s]?total\b", regex.IGNORECASE)
# a net figure worked out after a deduction ("Less: Year 1 underspend (12,500)" / "Net requirement 91,500")
_NET = regex.compile(r"^\s*net\s+(?:requirement|cost|costs|total|budget|position|spend|expenditure)\b", regex.I)
_DEDUCTION = regex.compile(r"^\s*less\b", regex.IGNORECASE)
# in a text column other than the description, only a cell that opens with "Total" or ends with
# "sub-total" marks a total row ("Barnsley sub-total"; not a note reading "running total")
_TOTAL_CELL = regex.compile(r"^\s*(?:grand\s+|sub[-\s]?)?total\b|\bsub[-\s]?total\s*$", regex.IGNORECASE)
# a table of tender scores: "Score", "Weighting", or marks out of a maximum ("Quality (70)  Price (30)  Total (100)";
# not "OPCC (60%)" or "Year 1 (12)")
_SCORE_HEADER = regex.compile(
    r"\bscores?\b|\bpoints\b|\branking\b|\brating\b|\bweighting\b|\bmarks?\b"
    r"|\b(?:quality|price|social\s+value|total)\s*\(\d{1,3}\)",
    regex.IGNORECASE,
)
# a column of counts, not sums ("Victims supported 2023/24", "No. of posts")
_COUNT_HEADER = regex.compile(
    r"\b(?:no\.|number|count|victims|clients|people|referrals|posts|fte|hours|sessions|places|beds|cases)\b|%",
    regex.IGNORECASE,
)
# a sum, in brackets only if both are there ("(12,500)"; not the end of "(see 4.6)")
_NUMERIC_WORD = regex.compile(
    r"^(?:\(£?\d[\d,]*(?:\.\d+)?(?:m|k|bn)?\)|£?\d[\d,]*(?:\.\d+)?(?:m|k|bn)?)$", regex.IGNORECASE
)
_FURNITURE = regex.compile(
    r"^(?:page\s+)?\d+(?:\s+of\s+\d+)?$|\bpage\s+\d+(?:\s+of\s+\d+)?\s*$|^official(?:[- ]sensitive)?$", regex.I
)
_SOURCE_HEADER = regex.compile(
    r"\s*(?:(?:funding\s+)?sources?(?:\s+of\s+funding)?|funded\s+by|funders?|income)\s*(?:\(£\)|£)?\s*$", regex.I
)
_FUNDER_HEADER = regex.compile(
    r"\bfund(?:ing|er)s?\s+(?:source|partner|body|bodies)|\bsource\s+of\s+fund|\bfunded\s+by\b"
    r"|^\s*(?:contributor|commissioner|contributing\s+(?:body|partner|organisation)|source)s?\s*$",
    regex.I,
)
_PROJECT_HEADER = regex.compile(
    # (after its Welsh half: "Prosiect / Project")
    r"^\s*(?:(?:prosiect|prosiectau|rhaglen|cynllun|gwasanaeth)\s*/\s*)?"
    r"(?:project|programme|scheme|initiative|intervention|service|strand)s?"
    r"(?:\s*(?:or|and|/)\s*(?:project|programme|activity|activities|intervention|service)s?)?"
    r"(?:\s+(?:name|title|funded))?"
    r"(?:\s*\((?:and\s+)?(?:lead\s+)?provider\)|\s+(?:and|/)\s+(?:lead\s+)?provider)?\s*$",  # "Service (provider)"
    regex.IGNORECASE,
)
# a payee cell that is the office's or the force's own staff: "In-house", "Joint ICT Service (in-house)" (not
# "Cornwall Council (in-house youth service)", the council paid)
_IN_HOUSE = regex.compile(r"^\s*in[-\s]house\b|\(\s*in[-\s]house\s*\)\s*$", regex.IGNORECASE)
_NAMES_OR_PERIODS = regex.compile(r"\b(?:year|period|financial|quarter|month|date|fy)\b|(?:19|20)\d\d", regex.I)
_BIDDERS_HEADER = regex.compile(r"\b(?:bidders?|tenderers?|tenders?|bids?|suppliers?|rank)\b", regex.IGNORECASE)
# a table of the options considered: "Option | Estimated cost (£) | Recommended?"; its sums are amounts, but only the
# chosen option is spent, and the notice's cost table says on what
_OPTIONS_HEADER = regex.compile(
    # (not "Option to extend 2028-29 (£)", nor a grants table's "Recommended" award)
    r"^\s*options?(?:\s+considered)?\s*$|^\s*(?:recommended|preferred|chosen)(?:\s+option)?\s*\?\s*$",
    regex.IGNORECASE,
)
_SOURCE_ALONE = regex.compile(r"\s*sources?\s*$", regex.IGNORECASE)
_TWO_SENTENCES = regex.compile(r"\b(?!(?:No|Ref|approx|incl?|excl)\.)[A-Za-z]*[a-z]\.\s+[A-Z]")  # not "No. Applicant"
_TOTAL_WORD = regex.compile(r"\btotal\b", regex.IGNORECASE)
_MONTH_RANGE = regex.compile(r"\b[A-Z][a-z]{2}\s?\d{2}\s?[-–]\s?[A-Z][a-z]{2}\s?\d{2}\b")
# the label of a column of row numbers: "No.", "#", "Ref"
_NUMBER_LABEL = regex.compile(r"^(?:no\.?|#|ref\.?|item|number)$", regex.IGNORECASE)
_PARAGRAPH = regex.compile(r"^\s*(?:\d+(?:\.\d+)*\.?\s|[•▪●◦]|\(cid:\d+\))")


@dataclass(frozen=True)
class CostLine:
    table: int
    row: int
    description: str
    amount: Decimal
    raw: str
    period: str
    is_total: bool
    page: int
    bbox: BBox | None
    adds_up: bool | None = None


@dataclass
class CostTable:
    index: int
    lines: list[CostLine] = field(default_factory=list)
    money_cells: list[CostLine] = field(default_factory=list)  # every money cell, totals and subtotals too
    # money cells printed for comparison, not spent: the options weighed, an earlier budget beside the revised one
    asides: list[CostLine] = field(default_factory=list)
    # organisations named in the table: (name as printed, page, box, role): "provider" under an
    # Organisation / Provider / Applicant column, "funder" under a Funding source / Funded by column
    recipients: list[tuple[str, int, BBox | None, str]] = field(default_factory=list)
    # names under a Project / Programme / Scheme column: (name as printed, page)
    programmes: list[tuple[str, int]] = field(default_factory=list)
    regions: list[tuple[int, BBox]] = field(default_factory=list)  # (page, bbox) covered
    # a table of where the money comes from, its first column headed "Source" or "Funded by": its sums are the
    # notice's, but its lines are not costs where another table gives them
    funding: bool = False


@dataclass
class _Grid:
    page: int
    bbox: BBox
    rows: list[list[Cell | None]]
    pages: list[tuple[int, BBox]] = field(default_factory=list)
    header_line: Line | None = None  # unruled tables: the printed header
    ends_page: bool = False  # unruled tables: the table runs to the foot of its page
    continued: bool = False  # unruled tables: rows that continue the previous page's table
    caption: str = ""  # the lines just above the table ("The value of each award by year is set out below (£000).")
    label_tail: str = ""  # continued rows: the last words of the previous page's last label ("OPCC ICT budget)")


def _text(cell: Cell | None) -> str:
    return squash(cell.text).strip() if cell is not None else ""


@cache
def _units(key: str = "table_units") -> list[tuple[regex.Pattern, Decimal]]:
    data = load_yaml("money.yml")[key]
    return [(regex.compile(pattern, regex.IGNORECASE), Decimal(factor)) for factor, pattern in data.items()]


def _unit_of(header: str) -> Decimal:
    """1000 under a "£000" header, a million under "£m", else 1."""
    for pattern, factor in _units():
        if pattern.search(header):
            return factor
    return Decimal(1)


_BARE_FIGURE = regex.compile(r"^\(?£?\s*\d[\d,]*(?:\.\d+)?\)?$")


def _unit_label(header: str) -> str:
    """The unit as printed in the header ("£000", "£m")."""
    for pattern, _factor in _units():
        m = pattern.search(header)
        if m:
            return m.group(0)
    return ""


def _is_unit_label(text: str) -> bool:
    """A header cell that only states the unit ("£000", "£'000", "£k")."""
    return len(text) <= 12 and _unit_of(text) != 1


def _money_columns(rows: list[list[Cell | None]]) -> tuple[dict[int, int], int]:
    """Money columns (index → first body row) and the number of header rows."""
    width = max(len(r) for r in rows)
    columns: dict[int, int] = {}
    maybe: dict[int, int] = {}
    headers: dict[int, str] = {}
    for j in range(1, width):
        values = [_text(r[j]) if j < len(r) else "" for r in rows]
        parsed = [i for i, v in enumerate(values) if v and not _is_unit_label(v) and parse_amount(v) is not None]
        filled = [i for i, v in enumerate(values) if v]
        if len(parsed) < 2:
            continue
        first = parsed[0]
        body = [i for i in filled if i >= first and values[i] not in _NIL]  # a dash is a zero
        if len(parsed) < 0.6 * len(body):
            continue
        header = " ".join(v for v in values[:first] if v)
        cells = [values[i] for i in parsed]
        looks_money = any("£" in c or "," in c or "." in c for c in cells) or any(
            (parse_amount(c) or 0) >= 1000 for c in cells
        )
        if _COUNT_HEADER.search(header) and "£" not in header and not any("£" in c for c in cells):
            continue
        if _MONEY_HEADER.search(header) or (looks_money and not header) or looks_money and "£" in "".join(cells):
            columns[j] = first
        elif any("," in c for c in cells) and all(_NUMERIC_WORD.match(c) for c in cells):
            maybe[j] = first
        headers[j] = header
    for j in list(maybe) if columns else ():
        # "Original grant 2024/25 | Variation | Revised grant 2024/25": the change is money where the last column is
        # then each row's earlier figure and the change added up (not a change in a count: "Headcount | Change")
        last = max(*columns, j)
        parts, pounds = {*columns, j} - {last}, {k: Decimal(1) for k in (*columns, j)}  # (units are read later)
        if _DIFFERENCE.fullmatch(_column_name(headers[j])) and last != j and _rows_add_up(rows, parts, last, pounds):
            columns[j] = maybe.pop(j)
    if maybe and _parts_of_a_total(rows, columns, maybe, headers):
        # beside a money column, columns of sums whose headers name a source or a part, not money ("Police fund |
        # Fire prevention | Total"), are money too where each row's parts add up to its total (not "Recorded
        # crimes | Grant (£)", "Budget | Forecast | Variance")
        columns.update(maybe)
    header_rows = min(columns.values()) if columns else 0
    return columns, header_rows


def _parts_of_a_total(
    rows: list[list[Cell | None]], columns: dict[int, int], maybe: dict[int, int], headers: dict[int, str]
) -> bool:
    """Whether the ``maybe`` columns and the money columns other than the one total column add up to that
    total on every row that has one (a dash for nothing)."""
    totals = [j for j in columns if _TOTAL_WORD.search(headers.get(j, ""))]
    if len(totals) != 1:
        return False
    total, parts = totals[0], [j for j in (*columns, *maybe) if j != totals[0]]
    checked = 0
    for row in rows[min((*columns.values(), *maybe.values())) :]:
        value = parse_amount(_text(row[total])) if total < len(row) else None
        if value is None:
            continue
        cells = [_text(row[j]) if j < len(row) else "" for j in parts]
        if sum((parse_amount(c) or 0 for c in cells), Decimal(0)) != value:
            return False
        checked += 1
    return checked >= 2


_CODE = regex.compile(r"^(?=[^\s]*\d)[A-Z0-9][A-Za-z0-9/.\-]{0,11}$")


def _code_column(body: list[list[Cell | None]], j: int) -> bool:
    """Whether the filled cells of column ``j`` are mostly reference codes or numbers ("R2-01", "1.2")."""
    filled = [_text(r[j]) for r in body if j < len(r) and _text(r[j])]
    return bool(filled) and sum(bool(_CODE.match(t)) for t in filled) > len(filled) / 2


def _groups_rows(body: list[list[Cell | None]], j: int) -> bool:
    """Whether column ``j`` names groups of rows: its text repeats on the next row twice or more, and it holds no
    more than half as many different texts as rows (a total row aside)."""
    cells = [_text(r[j]) if j < len(r) else "" for r in body]
    cells = [c for c in cells if not _TOTAL_CELL.search(c)]
    repeats = sum(1 for a, b in zip(cells, cells[1:]) if a and a == b)
    return repeats >= 2 and len(set(filter(None, cells))) * 2 <= len([c for c in cells if c])


def _tells_rows_apart(body: list[list[Cell | None]], j: int) -> bool:
    """Whether column ``j`` holds a different text in each row that has one, in most rows."""
    cells = [_text(r[j]) for r in body if j < len(r) and _text(r[j])]
    return len(cells) * 3 >= len(body) * 2 and len(set(cells)) == len(cells) and not _code_column(body, j)


def _cell_amount(text: str) -> Decimal | None:
    """A money cell's sum, negative in brackets as accounts print it ("(450)": income or an underspend taken off)."""
    amount = parse_amount(text)
    if amount is not None and regex.fullmatch(r"\s*\(.*\)\s*", text):
        return -amount
    return amount


def _scaled(amount: Decimal, printed: str, unit: Decimal) -> Decimal:
    """A bare figure under a "£000" header in pounds; a figure with its own multiplier as printed."""
    if unit == 1 or not _BARE_FIGURE.match(printed):
        return amount
    # from the printed digits, not the amount rounded to pence: 0.412 (£m) is £412,000, not £410,000
    exact = Decimal(regex.sub(r"[^\d.]", "", printed)).copy_sign(amount)
    return (exact * unit).quantize(Decimal("0.01"))


_ENUMERATOR = regex.compile(r"^\(\w{1,3}\)\s")  # "(b) Capital items" heads a new group


def _join_continuations(body: list[list[Cell | None]], columns: dict[int, int]) -> list[list[Cell | None]]:
    """A row with no sum whose text opens with a bracket or a small letter finishes the row above (a
    row split by a page break or a wrapped cell): "(Safe in Sussex)" under "Worthing – bystander training"."""
    out: list[list[Cell | None]] = []
    for row in body:
        texts = [_text(c) for c in row]
        has_money = any(j < len(row) and texts[j] and parse_amount(texts[j]) is not None for j in columns)
        first = next((t for t in texts if t), "")
        opens = first and (first[0] == "(" or first[0].islower()) and not _ENUMERATOR.match(first)
        if out and not has_money and opens and len(out[-1]) == len(row):
            merged: list[Cell | None] = []
            for above, below in zip(out[-1], row):
                if above is None or below is None or not _text(below):
                    merged.append(above if above is not None else below)
                    continue
                # the box stays the upper part's when the lower part is on the next page
                same_page = above.bbox and below.bbox and below.bbox[1] >= above.bbox[3] - 1
                box = union_bbox([above.bbox, below.bbox]) if same_page else above.bbox
                merged.append(Cell(f"{above.text} {below.text}", box))
            out[-1] = merged
            continue
        out.append(row)
    return out


_RECIPIENT_WORD = regex.compile(r"\b(?:partner|provider|organisation|organization|recipient|supplier)", regex.I)


def _bracketed_name(header: str) -> bool:
    """A header such as "Project (delivery partner)": each cell names the organisation in brackets."""
    inside = regex.search(r"\(([^()]*)\)", header)
    return bool(inside and _RECIPIENT_WORD.search(inside[1]))


def _named_columns(headers: dict[int, str], total_columns: set[int]) -> dict[int, str]:
    """Money columns that split each row into named parts ("Core service (£)", "Isle of Wight outreach
    (£)"): two or more, not totals, each headed by words rather than a year or a unit alone."""
    names = {}
    for j, header in headers.items():
        if j in total_columns or _period(header):
            continue
        name = _column_name(header)
        if not name or _MONEY_WORD.fullmatch(name) or not regex.search(r"\p{L}{3}", name):
            return {}
        names[j] = name
    return names if len(names) >= 2 else {}


# a table that sets what was approved beside what is now decided ("Budget (£) | Forecast (£) | Variance (£)"): the
# earlier figures and the difference are for comparison, and a line per column would count the spend three times
_BEFORE = regex.compile(
    r"(?:(?:original|current|approved|previous|existing|agreed)\s+)?(?:budget|allocation|(?:contract\s+)?value)"
    r"|original|current|previous|existing",
    regex.IGNORECASE,
)
_AFTER = regex.compile(
    r"(?:revised|forecast|proposed|new|updated|varied)(?:\s+(?:budget|allocation|(?:contract\s+)?value|outturn|spend|cost))?"
    r"|(?:forecast\s+)?outturn",
    regex.IGNORECASE,
)
_DIFFERENCE = regex.compile(
    r"variance|variation|difference|change|movement|\(?increase\)?(?:\s*/\s*\(?decrease\)?)?|decrease",
    regex.IGNORECASE,
)


def _without_years(header: str) -> str:
    for start, end, _ in reversed(find_financial_years(header)):
        header = f"{header[:start]} {header[end:]}"
    return header


def _column_name(header: str) -> str:
    """What a money column's header says it holds, without its unit: "Core service (£)" → "Core service"."""
    return squash(_UNIT_WORDS.sub(" ", header)).strip(" :–-")


def _compared_columns(headers: dict[int, str]) -> set[int]:
    """The columns of earlier figures and of differences in a table that also has the revised figures."""
    # (a year in the header is not part of what the column holds: "2024/25 Budget (£)")
    names = {j: _column_name(_without_years(h)) for j, h in headers.items()}
    after = [j for j, n in names.items() if _AFTER.fullmatch(n)]
    if not after:
        return set()
    return {j for j, n in names.items() if _BEFORE.fullmatch(n) or _DIFFERENCE.fullmatch(n)}


# "£", "(£000)", "£m" or "PS" (a £ the PDF's font lost) after a column's name
_UNIT_WORDS = regex.compile(r"\(?\s*(?:£|\bPS\b)\s*(?:'?000s?|k|m|million)?\s*\)?", regex.IGNORECASE)


def _period(header: str) -> str:
    fy = parse_financial_years(header)
    if fy:
        return fy.label
    m = _MONTH_RANGE.search(header)
    return m.group(0) if m else ""


def _interpret(grid: _Grid, index: int, recipient_header: regex.Pattern | None) -> CostTable | None:
    rows = [r for r in grid.rows if any(_text(c) for c in r)]
    if len(rows) < 2:
        return None
    columns, header_rows = _money_columns(rows)
    if not columns:
        return None
    headers = {j: " ".join(_text(r[j]) for r in rows[:header_rows] if j < len(r)) for j in columns}
    total_columns = {j for j, h in headers.items() if _TOTAL_WORD.search(h)}
    # a unit in any header cell ("Funding source (£000)") holds for money columns without their own
    header_text = " ".join(_text(c) for r in rows[:header_rows] for c in r)
    money_text = " ".join(_text(r[j]) for r in rows[header_rows:] for j in columns if j < len(r))
    if _SCORE_HEADER.search(header_text) and "£" not in header_text + money_text:
        return None  # a table of tender scores or ratings, not of sums
    if _SCORE_HEADER.search(header_text) and _BIDDERS_HEADER.search(header_text):
        return None  # "Bidder | Tender price | Quality score | Rank": the bids evaluated, not what is spent
    # "Option | Estimated cost (£) | Recommended?": the options weighed, not what is spent
    options = any(_OPTIONS_HEADER.search(_text(c)) for c in rows[0] if c is not None)
    if _counts_only(header_text, money_text):
        return None  # "Response cars 22 21 43" under years alone: numbers of things, not sums
    if _performance(rows, header_text, grid.caption):
        return None  # "Measure | 2022/23 | Target": "Referrals received 2,406", "Satisfaction 92%": no sums
    table_unit = _unit_of(header_text)
    if table_unit == 1 and "£" not in header_text + money_text:
        # a unit the sentence introducing the table gives, for figures shaped like it ("412.5", or "1,210" in £000)
        caption_unit = _caption_unit(grid.caption)
        if caption_unit == 1000 and _in_thousands_shape(money_text, commas=True):
            table_unit = caption_unit
        elif caption_unit == 1000000 and all(_MILLIONS_FIGURE.fullmatch(f) for f in money_text.split()):
            table_unit = caption_unit  # "0.412", "1.26" under "(£m)"
    if table_unit == 1 and any(_THREE_DECIMALS.fullmatch(f) for f in money_text.split()):
        return None  # "0.412" in a table whose unit is not given: not pounds and pence, and no sum to trust
    figures = [f for f in money_text.split() if f not in _NIL]
    if (
        table_unit == 1
        and "£" not in header_text + money_text
        and figures
        and all(_ONE_DECIMAL.fullmatch(f) for f in figures)
    ):
        # "59.5  8.0  17.2" with no £ and no unit anywhere: scores or thousands whose unit the notice does not
        # give; pounds are printed whole or with pence, never to one decimal place
        return None
    units = {j: _unit_of(h) if _unit_of(h) != 1 else table_unit for j, h in headers.items()}
    if len(total_columns) == len(columns):
        total_columns = set()
    text_cols = [j for j in range(max(len(r) for r in rows)) if j not in columns]
    labels = {j: " ".join(_text(r[j]) for r in rows[:header_rows] if j < len(r)) for j in text_cols}  # their headers
    # the description: the first text column that is not a column of reference codes ("R2-01")
    desc_col = next((j for j in text_cols if not _code_column(rows[header_rows:], j)), text_cols[0] if text_cols else 0)
    table = CostTable(index=index, regions=grid.pages or [(grid.page, grid.bbox)])
    table.funding = bool(_SOURCE_HEADER.match(labels.get(desc_col, "")))
    # a first column that groups the rows ("Lease", "Lease", "Refurbishment" ...; "Ministry of Justice" twice, then
    # "NHS England"): each row is described by the next column that tells them apart ("Rent, years 1 to 5")
    # (not a column of bodies or of periods: "ISVA | Provider A", "Licences | Year 1"; a total row keeps its label)
    group_col = desc_col
    if _groups_rows(rows[header_rows:], desc_col):
        desc_col = next(
            (
                j
                for j in text_cols
                if j > desc_col
                and _tells_rows_apart(rows[header_rows:], j)
                and not _NAMES_OR_PERIODS.search(labels[j])
                and not (recipient_header and recipient_header.search(labels[j]))
            ),
            desc_col,
        )
    # the column that names organisations: the first text column whose header says so
    name_col, name_role, bracketed = None, "provider", False
    for j in text_cols:
        header = labels[j]
        # (a "Source" column names funders where it opens the table, not beside what is bought: "Item | Source")
        if _FUNDER_HEADER.search(header) and (j == text_cols[0] or not _SOURCE_ALONE.match(header)):
            name_col, name_role = j, "funder"
            break
        if recipient_header is not None and recipient_header.search(header):
            name_col, bracketed = j, _bracketed_name(header)
            break
    # the column that names the projects funded: a text column headed "Project", "Programme", "Scheme"
    project_col = next(
        (
            j
            for j in text_cols
            if (j != name_col or bracketed)  # "Service (provider)": the name before the brackets
            # (the first column too, beside a column of bodies or not: "Project | Police fund | Fire prevention")
            and (
                _PROJECT_HEADER.match(labels[j])
                # or its first row alone, a section heading under it ("Programme" / "Home Office grant")
                or (j < len(rows[0]) and _PROJECT_HEADER.match(_text(rows[0][j])))
            )
        ),
        None,
    )
    body = _join_continuations(rows[header_rows:], columns)
    # a total row says so in any of its text cells ("Barnsley sub-total" under an Organisation column)
    total_rows = [
        i
        for i, r in enumerate(body)
        if any((_TOTAL if j == desc_col else _TOTAL_CELL).search(_text(r[j])) for j in text_cols if j < len(r))
    ]
    # a net line straight after a deduction is worked out from the lines above it, like a sub-total
    net_rows = [
        i
        for i, r in enumerate(body)
        if i > 0 and desc_col < len(r) and _NET.search(_text(r[desc_col])) and _deducts(body[i - 1], desc_col, columns)
    ]
    # or, unlabelled, it adds up the rows above it ("Initial term" under three years, "Maximum contract value")
    total_rows = sorted(set(total_rows) | set(net_rows) | set(_summing_rows(body, columns, units, total_rows)))
    grand = max(set(total_rows) - set(net_rows), default=None)
    if grand is None and net_rows:
        grand = max(net_rows)  # no total row but the net one ("Less: APB contribution" / "Net cost to PCC")
    if not total_columns and _sums_its_row(body, columns, units, headers):
        total_columns = {max(columns)}  # an unlabelled row-total column ("Maximum value")
    # (where the revised figures close the row they are its total, and the earlier figure and the change its parts:
    # "Original contract (£) | Variation (£) | Revised value (£)")
    compared = set(columns) if options else _compared_columns(headers) if not total_columns else set()
    named = _named_columns({j: h for j, h in headers.items() if j not in compared}, total_columns)
    if named and not _adds_up_to(body, set(named), total_columns, units):
        named = {}  # alternatives ("Amount requested", "Amount recommended"), not parts of a row
    row_number = 0
    line_sums: dict[str, Decimal] = {}
    for i, row in enumerate(body):
        desc = _text(row[desc_col]) if desc_col < len(row) else ""
        if not desc and group_col < len(row) and _TOTAL_CELL.search(_text(row[group_col])):
            desc = _text(row[group_col])  # "Total" under the column that groups the rows
        cells = [(j, row[j]) for j in sorted(columns) if j < len(row) and row[j] is not None and _text(row[j])]
        parsed = [(j, c, _cell_amount(_text(c))) for j, c in cells]
        parsed = [(j, c, _scaled(a, _text(c), units[j])) for j, c, a in parsed if a is not None]
        if not parsed:
            continue
        row_number += 1
        page = _page_of(grid, parsed[0][1].bbox)
        is_total_row = i in total_rows
        for j, cell, amount in parsed:
            period = _period(headers[j])
            if is_total_row and len(parsed) == 1 and (own := parse_financial_years(desc)) and own.label != period:
                period = own.label  # "Total contract value 2023-25" under the last year's column
            elif (
                is_total_row
                and len(parsed) == 1
                and not total_columns
                and len(line_sums) > 1
                and amount == sum(line_sums.values(), Decimal(0))
            ):
                period = ""  # "Total over two years £1,357,500" under the last year's column: every year
            in_total_col = j in total_columns
            is_grand = i == grand and (in_total_col or not total_columns) and not _SUBTOTAL.search(desc)
            raw = _text(cell)
            if units[j] != 1 and _BARE_FIGURE.match(raw):
                label = _unit_label(headers[j]) or _unit_label(header_text) or _unit_label(grid.caption)
                raw = f"{raw} ({label.strip('()')})"  # "1,240 (£000)": the printed figure and its unit
            # a row's sum under one of several named columns is that part of the row ("Year 1 – Core service"),
            # where the row has more than one part ("Bale Smart" alone under "Fire prevention" is the row)
            split = sum(1 for k, _c, a in parsed if k in named and a) > 1
            described = " – ".join(p for p in (desc, named.get(j, "") if split else "") if p)
            line = CostLine(index, row_number, described, amount, raw, period, is_grand, page, cell.bbox)
            if j in compared:
                table.asides.append(line)  # a sum printed for comparison: an amount, not a line of this spend
                continue
            table.money_cells.append(line)
            if is_total_row or in_total_col or amount == 0:
                if is_grand:
                    table.lines.append(line)
                continue
            table.lines.append(line)
            line_sums[period] = line_sums.get(period, Decimal(0)) + amount
        if all(amount == 0 for _, _, amount in parsed) or options:
            continue  # "Ash Valley Men's Wellbeing Project | Talk It Through | 0": a row nobody is paid on
        if (
            project_col is not None
            and not is_total_row
            and project_col < len(row)
            and _text(row[project_col])
            # (a "Service (provider)" cell without brackets may be the provider alone: "Oasis Domestic Abuse Service")
            and not (project_col == name_col and "(" not in _text(row[project_col]))
        ):
            table.programmes.append((_text(row[project_col]), page))
        if name_col is not None and not is_total_row and name_col < len(row) and row[name_col] is not None:
            name = _text(row[name_col])
            if _DEDUCTION.search(name) or _IN_HOUSE.search(name):
                # "Less: 2024/25 MoJ underspend applied": a deduction; "In-house", "Joint ICT Service (in-house)":
                # the office's or the force's own staff; not a body paid
                name = ""
            if bracketed:
                # the bracketed part, else a part set off by a dash; a bare description names no one
                inside = regex.findall(r"\(([^()]{3,80})\)", name)
                name = inside[-1].strip() if inside else (name if regex.search(r"\s[–—-]\s", name) else "")
            if name:
                table.recipients.append((name, page, row[name_col].bbox, name_role))
        elif name_col is None and not is_total_row and desc_col < len(row) and row[desc_col] is not None:
            # no column of recipients: a line may still name the body paid after a dash ("Premier League
            # Kicks – Blackpool FC Community Trust"); notice.py keeps it only if that part is plainly a body
            table.recipients.append((desc, page, row[desc_col].bbox, "line"))
    if not table.lines:
        return table if table.asides else None
    total_all = sum(line_sums.values(), Decimal(0))
    checked = []
    for line in table.lines:
        if line.is_total:
            expected = total_all if (total_columns or line.period not in line_sums) else line_sums[line.period]
            if not total_columns and len(line_sums) > 1 and line.period in line_sums:
                expected = line_sums[line.period]
            line = CostLine(**{**line.__dict__, "adds_up": expected == line.amount})
        checked.append(line)
    table.lines = checked
    return table


_MONEY_WORD = regex.compile(
    r"£|\bgbp\b|\bamount\b|\bcosts?\b|\bvalue\b|\ballocation\b|\bbudget\b|\bgrant\b|\bfunding\b|\bspend\b"
    r"|\baward(?:ed)?\b|\bprice\b|\bpounds\b|\bcontribution\b",
    regex.IGNORECASE,
)


_SMALL_WHOLE = regex.compile(r"\d{1,3}")


def _performance(rows: list[list[Cell | None]], header_text: str, caption: str) -> bool:
    """A table of a service's activity or targets, not of money: no £ or unit anywhere and no money word in its
    header, and a header of measures or targets or a cell that is a percentage."""
    cells = [_text(c) for r in rows for c in r if c is not None]
    if (
        any("£" in c for c in [*cells, caption])
        or _MONEY_WORD.search(header_text)
        or _unit_of(header_text) != 1
        or _caption_unit(caption) != 1
    ):
        return False
    return bool(_PERFORMANCE_HEADER.search(header_text)) or any(_PERCENT_CELL.fullmatch(c) for c in cells)


_PERFORMANCE_HEADER = regex.compile(
    r"\b(?:measures?|indicators?|metrics?|kpis?|targets?|baseline|performance)\b", regex.I
)
_PERCENT_CELL = regex.compile(r"\s*\d{1,3}(?:\.\d+)?\s?%\s*")


def _counts_only(header_text: str, money_text: str) -> bool:
    """A table headed only by years or "Total", no £ or money word anywhere, whose every figure is a
    whole number below 1,000 without a separator: a count of vehicles, places or posts."""
    if _MONEY_WORD.search(header_text + " " + money_text) or _unit_of(header_text) != 1:
        return False
    figures = [w for w in money_text.split() if any(ch.isdigit() for ch in w)]
    return bool(figures) and all(_SMALL_WHOLE.fullmatch(w) for w in figures)


def _deducts(row: list[Cell | None], desc_col: int, columns: dict[int, int]) -> bool:
    """Whether a row takes something off: "Less: ..." or a sum in brackets or with a minus."""
    if desc_col < len(row) and _DEDUCTION.search(_text(row[desc_col])):
        return True
    return any(j < len(row) and _text(row[j]).lstrip()[:1] in ("(", "-", "–") for j in columns)


def _summing_rows(
    body: list[list[Cell | None]], columns: dict[int, int], units: dict[int, Decimal], labelled: list[int]
) -> list[int]:
    """Rows whose sums, two or more, each equal the column's sum of the rows above: those since the last total,
    or all of them ("Year 1 | Year 2 | Year 3 | Initial term | Optional extension | Maximum contract value")."""
    found: list[int] = []
    since: dict[int, Decimal] = {}
    every: dict[int, Decimal] = {}
    n_since = n_every = 0
    across = None  # the sum across the total row just above ("Annual contract value  129,000  129,000  129,000")
    for i, row in enumerate(body):
        values = {}
        for j in columns:
            amount = _cell_amount(_text(row[j])) if j < len(row) and row[j] is not None else None
            if amount:
                values[j] = _scaled(amount, _text(row[j]), units[j])
        if not values:
            continue
        if i in labelled:
            since, n_since, across = {}, 0, sum(values.values(), Decimal(0))
            continue
        if (
            len(values) >= 2
            and (
                (n_since >= 2 and all(since.get(j) == v for j, v in values.items()))
                or (n_every >= 2 and all(every.get(j) == v for j, v in values.items()))
            )
        ) or (len(values) == 1 and across is not None and next(iter(values.values())) == across):
            found.append(i)  # (or one sum, that of the total row above: "Three-year contract value  387,000")
            since, n_since, across = {}, 0, sum(values.values(), Decimal(0))
            continue
        across = None
        for j, v in values.items():
            since[j] = since.get(j, Decimal(0)) + v
            every[j] = every.get(j, Decimal(0)) + v
        n_since += 1
        n_every += 1
    return found


def _sums_its_row(
    body: list[list[Cell | None]], columns: dict[int, int], units: dict[int, Decimal], headers: dict[int, str]
) -> bool:
    """Whether the rightmost money column holds, on every row, the sum of the row's other money cells."""
    if len(columns) < 3:
        return False
    last = max(columns)
    changed = any(_DIFFERENCE.fullmatch(_column_name(headers[j])) for j in columns)  # "Budget | Increase | Budget"
    if (
        (period := _period(headers[last]))
        and period not in {_period(headers[j]) for j in columns if j != last}
        and not changed
    ):
        return False  # "2026/27" is a year's column, however its figures fall (not "Revised grant 2024/25" after
        # "Original grant 2024/25" and the change)
    return _rows_add_up(body, set(columns) - {last}, last, units)


def _adds_up_to(
    body: list[list[Cell | None]], parts: set[int], total_columns: set[int], units: dict[int, Decimal]
) -> bool:
    """Whether, on every row with them, the cells of the ``parts`` columns add up to the row's total column."""
    return len(total_columns) == 1 and _rows_add_up(body, parts, min(total_columns), units)


def _rows_add_up(body: list[list[Cell | None]], parts: set[int], total: int, units: dict[int, Decimal]) -> bool:
    """Whether, on two rows or more and on every row with a sum in ``total`` and one of ``parts``, the
    ``parts`` cells add up to the ``total`` cell."""
    rows = 0
    for row in body:
        values = {}
        for j in (*parts, total):
            if j < len(row) and row[j] is not None and (a := _cell_amount(_text(row[j]))) is not None:
                values[j] = _scaled(a, _text(row[j]), units[j])
        if total not in values or len(values) < 2:
            continue
        if values.pop(total) != sum(values.values(), Decimal(0)):
            return False
        rows += 1
    return rows >= 2


def _page_of(grid: _Grid, bbox: BBox | None) -> int:
    if not grid.pages or bbox is None:
        return grid.page
    for page, region in grid.pages:
        if region[1] - 1 <= bbox[1] <= region[3] + 1 and region[0] - 1 <= bbox[0] <= region[2] + 1:
            return page
    return grid.page


# ---------------------------------------------------------------- unruled tables


def _segments(line: Line, gap: float = 7.0) -> list[tuple[str, BBox]]:
    """Words of a line grouped where the space between them is wide. A year labels a column of its own,
    however near the words beside it ("Provider 2024/25 2025/26")."""
    out: list[tuple[list[str], list[BBox]]] = []
    for word in line.words:
        year = _YEAR_LABEL.match(word.text) is not None
        if out and word.bbox[0] - out[-1][1][-1][2] <= gap and not year and not _YEAR_LABEL.match(out[-1][0][-1]):
            out[-1][0].append(word.text)
            out[-1][1].append(word.bbox)
        else:
            out.append(([word.text], [word.bbox]))
    return [(" ".join(ws), union_bbox(bs)) for ws, bs in out]  # type: ignore[misc]


_YEAR_LABEL = regex.compile(r"^(?:FY)?(?:19|20)\d\d[/–-](?:\d\d|(?:19|20)\d\d)$")
_NIL = frozenset(["-", "–", "—", "nil", "Nil", "£-", "£–"])
_NIL_GAP = 10.0  # points between a dash for nil and the word before it, at least


def _trailing_numbers(line: Line) -> int:
    """How many words at the end of the line are sums, counting a dash for nil among them
    ("96,250 -"), as long as one is a number. A dash counts only standing apart in a column of its
    own, wide of the word before it: in "Lot 1 – 120,000" it is part of the label."""
    words = line.words
    count = numbers = 0
    for k in range(len(words) - 1, -1, -1):
        word = words[k]
        if word.text in _NIL:
            if k == 0 or word.bbox[0] - words[k - 1].bbox[2] < _NIL_GAP:
                break
            count += 1
        elif "£" in word.text and _is_unit_label(word.text):
            break  # "Item £000": a header's unit, not a sum
        elif word.text[:1] == "(" and _COUNT_IN_BRACKETS.match(word.text) and _in_words(words, k, len(words)):
            break  # "Marked response vehicles (24) 744": a count in the description
        elif _SMALL_WHOLE.fullmatch(word.text) and k > 0 and _label_then_number(words[k - 1], word):
            break  # "Subtotal Lot 1   272.8  280.9": the number of a label, not a sum
        elif _NUMERIC_WORD.match(word.text) and parse_amount(word.text) is not None:
            count += 1
            numbers += 1
        else:
            break
    while count and words[len(words) - count].text in _NIL:
        count -= 1  # a dash before the first number is read with the description
    return count if numbers else 0


_COUNT_IN_BRACKETS = regex.compile(r"^\(\d{1,3}\)$")


def _label_then_number(before: Word, word: Word) -> bool:
    """Whether a small whole number follows a label's word at a space's width ("Lot 1", "Year 2", "Phase 3")."""
    return before.text.capitalize() in _label_words() and word.bbox[0] - before.bbox[2] < _NIL_GAP


@cache
def _label_words() -> frozenset[str]:
    return frozenset(load_yaml("organisations.yml")["not_a_body"]["label_starts"])


def _in_words(words: list, k: int, n: int) -> bool:
    """Whether word ``k`` (of ``n``, not the last) follows the word before it at a space's width, not
    across a column gap."""
    return 0 < k < n - 1 and words[k].bbox[0] - words[k - 1].bbox[2] < _NIL_GAP


def _furniture(line: Line) -> bool:
    """A page number, a running footer or a protective marking: never part of a table."""
    return bool(_FURNITURE.search(line.text.strip()))


def _is_header(line: Line) -> bool:
    return (  # the cheap tests first
        len(line.words) <= 14
        and len(line.text) < 110
        and not line.text.rstrip().endswith((".", ":", ";"))
        and _trailing_numbers(line) == 0
        and bool(_MONEY_HEADER.search(line.text))
        and not _PARAGRAPH.match(line.text)
        and not _TWO_SENTENCES.search(line.text)  # prose, not a header
    )


def _units_only(line: Line) -> bool:
    """A header line that only gives each column's unit: "£  £  £  £", "£000  £000", "PS" (a lost £)."""
    words = line.text.split()
    return bool(words) and all(w in ("£", "(£)", "PS") or _is_unit_label(w) for w in words)


def _is_row(line: Line) -> bool:
    return 0 < _trailing_numbers(line) < len(line.words)


def _collect(lines: list[Line], start: int, header: Line) -> tuple[list[Line], int]:
    """The lines of a table body from ``start``: numeric rows, wrapped descriptions, section headings."""
    block: list[Line] = []
    height = header.bbox[3] - header.bbox[1]
    previous = header
    numbered = bool(header.words) and _NUMBER_LABEL.match(header.words[0].text) is not None  # "No.  Applicant ..."
    j = start
    while j < len(lines):
        ln = lines[j]
        gap = ln.bbox[1] - previous.bbox[3]
        # a numbered paragraph at the left margin ends the table ("19 year olds" wrapped in a column does not)
        if (block and gap > height * 2.5) or (
            _PARAGRAPH.match(ln.text) and ln.bbox[0] <= header.bbox[0] + 5 and not numbered
        ):
            break
        n = _trailing_numbers(ln)
        last_label = block[-1].text.rsplit(" ", _trailing_numbers(block[-1]))[0] if block else ""
        if (
            block
            and n == 0
            and _trailing_numbers(block[-1])  # not a header's second line ("Cyfanswm /" / "Total")
            and _TOTAL.search(last_label)
            and not _SUBTOTAL.search(last_label)
        ):
            break  # nothing but a wrapped description follows the grand total
        if n == 0:
            nxt = lines[j + 1] if j + 1 < len(lines) else None
            at_margin = ln.bbox[0] <= header.bbox[0] + 5  # a wrapped cell of a middle column starts further in
            if (nxt is None or _trailing_numbers(nxt) == 0) and ln.bbox[2] > header.bbox[2] * 0.75 and at_margin:
                break  # two lines of prose: the table has ended
        block.append(ln)
        previous = ln
        j += 1
    while block and not _trailing_numbers(block[-1]) and not _grows_description(block):
        block.pop()
        j -= 1
    return block, j


def _grows_description(block: list[Line]) -> bool:
    """Whether the last line of ``block`` continues the description of the row above it."""
    return len(block) >= 2 and bool(_trailing_numbers(block[-2]))


_MARGIN = 0.12  # of the page's height: where running headers and footers stand


def _running_lines(doc: Document) -> frozenset[str]:
    """Lines of prose printed at the same height in the top or bottom margin of two or more pages: a
    running header or footer ("Office of the ... Commissioner – Decision Notice GPCC 118/24")."""
    if len(doc.pages) < 2:
        return frozenset()
    seen: dict[tuple[str, int], set[int]] = defaultdict(set)
    for page in doc.pages:
        for ln in page.lines():
            if page.height * _MARGIN < ln.bbox[1] and ln.bbox[3] < page.height * (1 - _MARGIN):
                continue
            key = _running_key(ln.text, page.number)
            # (a table's repeated header stays; a row's last figure is not a page number)
            if (not _trailing_numbers(ln) or key != squash(ln.text)) and not _MONEY_HEADER.search(ln.text):
                seen[(key, round(ln.bbox[1] / 4))].add(page.number)
    return frozenset(text for (text, _), pages in seen.items() if len(pages) >= 2)


_PAGE_N = regex.compile(r"\bPage (\d+)\b")


def _running_key(text: str, number: int) -> str:
    """A margin line's text with the page's own number put aside, so that "Decision Record 24/112 – Public  1"
    and "... Public  2" are one running footer."""
    text = squash(text)
    if text.endswith(f" {number}"):
        text = text[: -len(str(number))] + "#"
    return _PAGE_N.sub(lambda m: "Page #" if m[1] == str(number) else m[0], text)


def _wraps_onto_a_row(lines: list[Line]) -> bool:
    """Whether the first line is the top of a cell that wraps round the row below it, printed close above
    it ("Aire and Calder Sexual Violence" over "ISVA clinical supervision  24.6  24.6  49.2")."""
    if len(lines) < 2 or not _is_row(lines[1]) or _trailing_numbers(lines[0]) or _is_header(lines[0]):
        return False
    return lines[1].bbox[1] - lines[0].bbox[3] < (lines[1].bbox[3] - lines[1].bbox[1]) * 0.5


def _centred_sums(lines: list[Line], k: int) -> bool:
    """Whether line ``k`` holds only sums, printed between the two halves of its row's cells, which wrap
    round it ("Custody recovery navigators ..." / "214,600  221,000" / "suites, including ...")."""
    if not 0 < k < len(lines) - 1 or _trailing_numbers(lines[k]) != len(lines[k].words):
        return False
    above, row, below = lines[k - 1], lines[k], lines[k + 1]
    height = row.bbox[3] - row.bbox[1]
    return (
        not _trailing_numbers(above)
        and not _trailing_numbers(below)
        and row.bbox[1] - above.bbox[3] < height * 0.5
        and below.bbox[1] - row.bbox[3] < height * 0.5
        and above.bbox[0] < row.bbox[0]
    )


def _table_lines(page: Page, ruled: list[BBox], running: frozenset[str]) -> list[Line]:
    """The page's lines that an unruled table may hold: not page furniture, a running header or footer
    (``running``), or a line inside a ruled table."""
    return [
        ln
        for ln in page.lines()
        if not _furniture(ln)
        and not (running and _running_key(ln.text, page.number) in running)
        and not any(
            b[0] - 2 <= ln.bbox[0] and ln.bbox[2] <= b[2] + 2 and b[1] - 2 <= ln.bbox[1] <= b[3] + 2 for b in ruled
        )
    ]


def _lone_header_at_foot(lines: list[Line]) -> list[Line] | None:
    """A money header that ends the page with no rows under it, and the line of its labels' second halves
    ("Element   Year 1   Year 2" / "(2025/26)  (2026/27)"): the rows follow on the next page."""
    for h in range(len(lines) - 1, max(-1, len(lines) - 3), -1):
        if _is_header(lines[h]):
            after = lines[h + 1 :]
            height = lines[h].bbox[3] - lines[h].bbox[1]
            if all(
                not _trailing_numbers(ln)
                and ln.bbox[1] - lines[h].bbox[3] < height
                and ln.bbox[0] > lines[h].words[0].bbox[2] + 10  # under the money labels, not a row's first line
                for ln in after
            ):
                return lines[h:]
    return None


def _unruled_grids(page: Page, lines: list[Line], carry: list[Line] | None = None) -> list[_Grid]:
    """Tables without rules, rebuilt from the page's ``lines`` that a table may hold (:func:`_table_lines`).
    ``carry`` is the header (its lines) of a table that ran off the foot of the previous page: numeric rows
    at the top of this page continue it."""
    grids: list[_Grid] = []
    i = 0
    tail = ""
    if (
        carry is not None
        and len(lines) > 1
        and not _trailing_numbers(lines[0])
        and len(_segments(lines[0])) == 1  # one run of words, not a header's labels ("OPCC ICT budget)")
        and len(lines[0].words) <= 6
        and _is_row(lines[1])
        and _trailing_numbers(lines[1]) >= 2  # a table's row, not a sentence ending in a sum ("... £761,500")
        and abs(lines[0].bbox[0] - carry[0].bbox[0]) < 5  # under the labels, where the last row's label wraps
        and not _wraps_onto_a_row(lines)
    ):
        # the last words of the previous page's last label, then the rows ("OPCC ICT budget)" / "Total  11.0 ...")
        tail, lines = lines[0].text, lines[1:]
    if carry is not None and lines and (_is_row(lines[0]) or _wraps_onto_a_row(lines) or _centred_sums(lines, 1)):
        block, i = _collect(lines, 0, carry[0])
        grid = _grid_from_lines([*carry, *block], min_rows=1)
        if grid is not None:
            grid.page = page.number
            grid.continued = True
            grid.label_tail = tail
            grid.bbox = union_bbox([ln.bbox for ln in block]) or grid.bbox
            grids.append(grid)
    trailing = [_trailing_numbers(ln) for ln in lines]
    while i < len(lines):
        header = lines[i]
        # the header of the table the previous page ended with, printed again above its last rows
        repeated = i <= 2 and carry is not None and squash(header.text) == squash(carry[0].text)
        # a header, then up to two section headings, then a row
        first = next((k for k in range(i + 1, min(i + 4, len(lines))) if trailing[k]), None)
        if (
            first is not None
            and _is_header(header)
            and (_is_row(lines[first]) or _centred_sums(lines, first))
            # the header nearest the rows; a line of units under it ("£  £  £") is part of it, and a
            # section heading of one run of words ("Home Office grant") is the first row's
            and not any(
                _is_header(lines[k]) and not _units_only(lines[k]) and len(_segments(lines[k])) > 1
                for k in range(i + 1, first)
            )
        ):
            block, j = _collect(lines, i + 1, header)
            # a table that starts at the foot of a page may show one row before it breaks
            grid = _grid_from_lines(
                [header, *block], min_rows=1 if j >= len(lines) or repeated else 2, above=lines[i - 1] if i else None
            )
            if grid is not None:
                grid.page = page.number
                grid.header_line = header
                grid.ends_page = j >= len(lines)
                grid.continued = repeated
                grids.append(grid)
                i = j
                continue
        i += 1
    return grids


def _label_of(line: Line) -> str:
    """A row's words before its sums."""
    return " ".join(w.text for w in line.words[: len(line.words) - _trailing_numbers(line)])


def _text_columns(header: Line, body: list[Line], first_edge: float) -> tuple[list[str], list[float]]:
    """The text columns left of the money (labels ending left of ``first_edge``): one per header label
    ("Service", "Provider") when the rows' words line up under each label, else one. Returns the labels
    and each column's left edge."""
    segments = [(s, b) for s, b in _segments(header) if b[2] < first_edge]
    if not segments:
        return [""], [float("-inf")]  # the header labels only the money columns
    # the rows with sums, but not a total's, which leaves the other text columns empty
    numeric = [ln for ln in body if _trailing_numbers(ln) and not _TOTAL.search(_label_of(ln))]
    labels, starts = [segments[0][0]], [float("-inf")]
    for label, box in segments[1:]:
        aligned = sum(any(abs(w.bbox[0] - box[0]) < 8 for w in ln.words) for ln in numeric)
        # or the cells under it are printed round their rows' lines, above and below them ("Organisation |
        # Project": "'Street Kicks' sports-based ..." / "Kickstart Luton CIC   24,850" / "Farley and Marsh Farm")
        wrapped = sum(
            bool(ln.words) and abs(ln.words[0].bbox[0] - box[0]) < 8 for ln in body if not _trailing_numbers(ln)
        )
        # (the first column starts at its label, not at the page's edge: "Expenditure 2025/26" over one column)
        before = starts[-1] if len(starts) > 1 else segments[0][1][0] - 8
        # a right-aligned column: its cells end where its label ends, wherever they start (one word inside a
        # cell may start under the label: "Friday night ... Callington" / "Night-time economy welfare patrols")
        if (left := _cells_end_under(numeric, box, before)) is not None:
            labels.append(label)
            starts.append(left - 4)
        elif numeric and (aligned * 2 >= len(numeric) or wrapped >= 2 * len(numeric) - 2):
            labels.append(label)
            # (from where the cells' text starts, a word or two left of the label, if most rows' cells start
            # there: "Term" over "12 months")
            opens = _openings(numeric, box[0], before)
            shared = [x for x in opens if sum(abs(y - x) < 8 for y in opens) * 2 >= len(numeric)]
            starts.append(min([box[0], *shared]) - 8)
        # (a row's line may open in the column, its first cell printed round it: "Chiltern Circles Restorative" /
        # "   Chiltern Circles   PCC Community Safety Fund   132,600" / "Partnership")
        elif (left := _cells_start_under(numeric, box, before, first=True)) is not None or (
            # or most lines' cells in it, where they wrap round their rows' lines
            (left := _cells_start_under(body, box, before, first=True)) is not None
        ):
            labels.append(label)  # a centred header: its cells start left of it, at one edge
            starts.append(left - 8)
        else:
            labels[-1] = f"{labels[-1]} {label}"
    return labels, starts


def _openings(rows: list[Line], x: float, after: float) -> list[float]:
    """Where the text holding a word that starts at ``x`` opens, in each row: words before it at a space's
    width belong to the same cell ("12 months" under "Term"), back to a column gap or ``after``."""
    out = []
    for ln in rows:
        words = ln.words[: len(ln.words) - _trailing_numbers(ln)]
        k = next((k for k, w in enumerate(words) if abs(w.bbox[0] - x) < 8), None)
        if k is None:
            continue
        while k > 0 and words[k].bbox[0] - words[k - 1].bbox[2] <= 5 and words[k - 1].bbox[0] > after + 20:
            k -= 1
        out.append(words[k].bbox[0])
    return out


def _cells_start_under(rows: list[Line], label: BBox, after: float, first: bool = False) -> float | None:
    """Where the cells under a centred header label start: the left edge shared (within 8 points) by a
    text segment of most rows, after a column gap (or, with ``first``, opening the line), right of the
    column before and left of the label's end."""
    lefts = []
    for ln in rows:
        words = ln.words[: len(ln.words) - _trailing_numbers(ln)]
        lefts += [
            words[k].bbox[0]
            for k in range(0 if first else 1, len(words))
            if (k == 0 or words[k].bbox[0] - words[k - 1].bbox[2] > 5) and after + 20 < words[k].bbox[0] < label[2]
        ]
    for x in sorted(lefts):
        if sum(abs(y - x) < 8 for y in lefts) * 2 >= len(rows) and abs(x - label[0]) < 120:
            return x
    return None


def _cells_end_under(rows: list[Line], label: BBox, after: float) -> float | None:
    """Where the cells of a right-aligned text column start, its widest cell's left edge: most rows have a
    text segment after a column gap that ends where the label ends ("Project" over "Friday night detached
    youth work, Callington" and "Gloves Up, Knives Down")."""
    lefts = []
    for ln in rows:
        words = ln.words[: len(ln.words) - _trailing_numbers(ln)]
        opens = [k for k in range(1, len(words)) if words[k].bbox[0] - words[k - 1].bbox[2] > 5]
        for k, end in zip(opens, [*opens[1:], len(words)]):
            if abs(words[end - 1].bbox[2] - label[2]) < 3 and words[k].bbox[0] > after + 20:
                lefts.append(words[k].bbox[0])
    return min(lefts) if rows and len(lefts) * 2 > len(rows) else None


def _split_words(words: list, starts: list[float]) -> list[list]:
    """Words into text columns by where each starts."""
    out: list[list] = [[] for _ in starts]
    for word in words:
        k = max(i for i, left in enumerate(starts) if word.bbox[0] >= left or i == 0)
        out[k].append(word)
    return out


def _wraps_round_next(body: list[Line], index: int, parts: list[list], starts: list[float], edges: list[float]) -> bool:
    """Whether a line without sums is the top of a cell centred on the next row: that row leaves the
    line's columns empty, and the line after it goes on in them ("Anchor women's diversion" / "Ember
    Women's Centre  41.0" / "pathway"; "Alcester Community Speedwatch" / "Speed devices  Withdrawn" / "Group")."""
    if index + 2 >= len(body):
        return False
    row, after = body[index + 1], body[index + 2]
    n = _cells_at_end(row, edges)
    if not n or _cells_at_end(after, edges):
        return False
    row_parts = _split_words(row.words[: len(row.words) - n], starts)
    after_parts = _split_words(after.words, starts)
    filled = [k for k, p in enumerate(parts) if p]
    return (
        bool(filled)
        and all(not row_parts[k] for k in filled)
        and [k for k, p in enumerate(after_parts) if p] == filled
        and after.bbox[1] - row.bbox[3] < row.bbox[3] - row.bbox[1]  # straight under the row
    )


def _nil_in_a_column(words: list, k: int, edges: list[float]) -> bool:
    """Whether word ``k`` is a dash for nil, or a word in place of a sum ("Withdrawn"), standing wide of the
    words before it, under a money column."""
    return (
        k > 0
        and (words[k].text in _NIL or words[k].text.casefold() in _status_words())
        and words[k].bbox[0] - words[k - 1].bbox[2] >= _NIL_GAP
        and any(abs(words[k].bbox[2] - e) < 20 for e in edges)
    )


@cache
def _status_words() -> frozenset[str]:
    return frozenset(w.casefold() for w in load_yaml("money.yml")["table_status_words"])


def _cells_at_end(line: Line, edges: list[float]) -> int:
    """How many words at the end of a table line fill money columns: sums, and dashes for nil or words
    in place of a sum standing in a column of their own ("Scam Shield (not supported)   nil")."""
    words, n = line.words, _trailing_numbers(line)
    while n < len(words) - 1:
        if _nil_in_a_column(words, len(words) - n - 1, edges):
            n += 1
        elif n and (more := _trailing_numbers(replace(line, words=words[: len(words) - n]))):
            n += more  # sums before a word in place of one ("3,600   n/a")
        else:
            break
    return n


def _heads_a_section(row: list[Cell | None], words: list[Word]) -> bool:
    """Whether a line without sums under a row opens a section rather than going on with the row's
    description: the row is a (sub)total ("Subtotal Lot 1" / "Lot 2 – Therapeutic support"), or the line
    starts left of the row's description ("  Subtotal Lot 1" / "Lot 2 – ...")."""
    first = next((c for c in row if c is not None and c.bbox is not None), None)
    if first is None or not words:
        return False
    return bool(_TOTAL_CELL.search(first.text)) or words[0].bbox[0] < first.bbox[0] - 4


def _left_aligned_columns(numeric: list[Line], edges: list[float]) -> list[float]:
    """Right edges of figures, with those of one column of left-aligned figures made one: neighbouring edges
    whose figures start at the same place and never share a row ("8.75" and "0" under "2026/27")."""
    rows: dict[int, set[int]] = defaultdict(set)
    lefts: dict[int, list[float]] = defaultdict(list)
    for i, ln in enumerate(numeric):
        for word in ln.words[len(ln.words) - _trailing_numbers(ln) :]:
            if word.text not in _NIL:
                k = min(range(len(edges)), key=lambda e: abs(edges[e] - word.bbox[2]))
                rows[k].add(i)
                lefts[k].append(word.bbox[0])
    groups = [[0]]
    for k in range(1, len(edges)):
        last = groups[-1]
        together = [x for j in [*last, k] for x in lefts[j]]
        if lefts[k] and not any(rows[k] & rows[j] for j in last) and max(together) - min(together) < 6:
            last.append(k)
        else:
            groups.append([k])
    return [max(edges[k] for k in group) for group in groups]  # a merged column's edge: its widest figure's


def _grid_from_lines(block: list[Line], min_rows: int = 2, above: Line | None = None) -> _Grid | None:
    header, body = block[0], block[1:]
    numeric = [ln for ln in body if _trailing_numbers(ln)]
    if len(numeric) < max(1, min_rows):
        return None
    # numbers are right-aligned: cluster their right edges into columns
    edges: list[float] = []
    for ln in numeric:
        for word in ln.words[len(ln.words) - _trailing_numbers(ln) :]:
            if word.text not in _NIL and not any(abs(word.bbox[2] - e) < 12 for e in edges):
                edges.append(word.bbox[2])
    edges.sort()
    edges = _left_aligned_columns(numeric, edges)
    # where the first money column's figures start: the text columns' labels end left of it
    first_left = min(
        w.bbox[0]
        for ln in numeric
        for w in ln.words[len(ln.words) - _trailing_numbers(ln) :]
        if abs(w.bbox[2] - edges[0]) < 12
    )
    text_edge = max(edges[0] - 40, first_left - 2)
    labels, starts = _text_columns(header, body, text_edge)
    # the labels of the money columns: those the text columns did not take
    segments = [(t, b) for t, b in _segments(header) if labels == [""] or b[2] >= text_edge]
    width = len(labels)
    # where each money column's figures start
    lefts = [
        min(
            w.bbox[0]
            for ln in numeric
            for w in ln.words[len(ln.words) - _trailing_numbers(ln) :]
            if abs(w.bbox[2] - edge) < 12
        )
        for edge in edges
    ]

    def column_of(b: BBox) -> int:
        """The money column a label heads: the one whose figures it overlaps most, or stands nearest."""
        overlap = [min(b[2], edge) - max(b[0], left) for left, edge in zip(lefts, edges)]
        return overlap.index(max(overlap))

    # a column's labels in order ("2023/24 actual")
    over: dict[int, list[str]] = defaultdict(list)
    for text, b in segments:
        over[column_of(b)].append(text)
    col_headers = [" ".join(over[k]) for k in range(len(edges))]

    def add_words(line: Line) -> None:
        for text, b in _segments(line):
            k = column_of(b)
            col_headers[k] = f"{col_headers[k]} {text}".strip()

    # the header's label printed half a line above or below it, over a money column ("Cyfanswm /" / "Total")
    height = header.bbox[3] - header.bbox[1]
    for line in [above] if above is not None else []:
        if header.bbox[1] - line.bbox[3] < height * 0.6 and all(w.bbox[0] > edges[0] - 60 for w in line.words):
            add_words(line)
    while (
        body
        and not _trailing_numbers(body[0])
        and body[0].bbox[1] - header.bbox[3] < height * 0.6
        and all(w.bbox[0] > edges[0] - 60 for w in body[0].words)
    ):
        add_words(body[0])
        body = body[1:]
    # a line of units under the header ("£000  £000") belongs to it
    while body and _units_only(body[0]):
        add_words(body[0])
        body = body[1:]
    head: list[Cell | None] = [Cell(label, header.bbox) for label in labels]
    rows: list[list[Cell | None]] = [head + [Cell(h, None) for h in col_headers]]
    ahead: list[list] = []  # the upper half of a cell printed round the next row's line
    for index, ln in enumerate(body):
        words = ln.words
        # "Staffordshire Police – analyst   -   52,880": a nil in the first money column (or two); or a
        # row of nils alone ("Surrey Heath Scams Aware   Scam Shield (not supported)   nil"), a row all the same
        n = _cells_at_end(ln, edges)
        parts = _split_words(words[: len(words) - n], starts)
        if n == 0 and _wraps_round_next(body, index, parts, starts, edges):
            ahead = parts
            continue
        if n and ahead:
            parts = [a + p for a, p in zip(ahead, parts)]
            ahead = []
        if n == 0 and len(rows) > 1 and not _heads_a_section(rows[-1], words):
            # a description that wraps: each part to its column
            for k, part in enumerate(parts):
                if not part:
                    continue
                text, box = " ".join(w.text for w in part), union_bbox([w.bbox for w in part])
                prev = rows[-1][k]
                joined = union_bbox([b for b in (prev.bbox, box) if b]) if prev else box
                rows[-1][k] = Cell(f"{prev.text} {text}" if prev else text, joined)
            continue
        row: list[Cell | None] = [
            Cell(" ".join(w.text for w in part), union_bbox([w.bbox for w in part])) if part else None for part in parts
        ] + [None] * len(edges)
        for word in words[len(words) - n :]:
            k = min(range(len(edges)), key=lambda e: abs(edges[e] - word.bbox[2]))
            row[k + width] = Cell(word.text, word.bbox)
        rows.append(row)
    bbox = union_bbox([ln.bbox for ln in block])
    assert bbox is not None
    return _Grid(page=0, bbox=bbox, rows=rows)


# ---------------------------------------------------------------- the document


def _money_header_row(row: list[Cell | None]) -> bool:
    """Whether a row's cells after the first (the description's) label money columns."""
    return bool(_MONEY_HEADER.search(" ".join(_text(c) for c in row[1:])))


def _header_at_foot(page: Page, unruled: list[_Grid]) -> _Grid | None:
    """The page's lowest ruled box when it holds a single money header row and nothing but page
    furniture is printed below it: a table whose rows were pushed onto the next page."""
    if not page.tables:
        return None
    last = max(page.tables, key=lambda t: t.bbox[3])
    if len(last.rows) != 1 or not _money_header_row(last.rows[0]):
        return None
    if any(g.bbox[3] > last.bbox[1] for g in unruled):
        return None
    if any(ln.bbox[1] > last.bbox[3] and not _furniture(ln) for ln in page.lines()):
        return None
    return _Grid(page.number, last.bbox, last.rows, [(page.number, last.bbox)])


def _realigned(rows: list[list[Cell | None]], above: list[list[Cell | None]]) -> list[list[Cell | None]]:
    """Rows a page split off a table, their cells put in the columns of the rows above, by the nearest
    left or right edge (a page's last row alone cannot show where its columns are)."""
    width = max(len(r) for r in above)
    if all(len(r) == width for r in rows):
        return rows
    lefts: list[list[float]] = [[] for _ in range(width)]
    rights: list[list[float]] = [[] for _ in range(width)]
    for row in above:
        for j, cell in enumerate(row):
            if cell is not None and cell.bbox is not None and _text(cell):
                lefts[j].append(cell.bbox[0])
                rights[j].append(cell.bbox[2])
    edges = [
        (sorted(lefts[j])[len(lefts[j]) // 2], sorted(rights[j])[len(rights[j]) // 2]) if lefts[j] else None
        for j in range(width)
    ]
    out = []
    for row in rows:
        placed: list[Cell | None] = [None] * width
        for cell in row:
            if cell is None or cell.bbox is None:
                continue
            near = min(
                (j for j in range(width) if edges[j] is not None and placed[j] is None),
                key=lambda j: min(abs(cell.bbox[0] - edges[j][0]), abs(cell.bbox[2] - edges[j][1])),
                default=None,
            )
            if near is not None:
                placed[near] = cell
        out.append(placed)
    return out


def _same_header(a: list[Cell | None], b: list[Cell | None]) -> bool:
    return [_text(c).lower() for c in a] == [_text(c).lower() for c in b]


_CAPTION_REACH = 40.0  # points above a table's top: the two or three lines that introduce it
# ("8.75", "34.05": to the ten pounds, under a thousand)
_THOUSANDS_FIGURE = regex.compile(r"\(?\d{1,3}(?:,\d{3})*\.\d\)?|\(?\d{1,3}(?:\.\d\d)?\)?|[-–—]")
_MILLIONS_FIGURE = regex.compile(r"\(?\d{1,3}(?:\.\d{1,3})?\)?|[-–—]")
_ONE_DECIMAL = regex.compile(r"\(?\d[\d,]*\.\d\)?")
_THREE_DECIMALS = regex.compile(r"\(?£?\d[\d,]*\.\d{3,}\)?")
# in £000 also "1,210" (under ten thousand thousands), not "40,000"
_THOUSANDS_WITH_COMMA = regex.compile(r"\(?\d,\d{3}\)?")


def _in_thousands_shape(money_text: str, commas: bool = False) -> bool:
    """Whether every figure looks like thousands of pounds ("412.5", "1,245.0", "86", "8.75"; with ``commas``, "1,210"),
    not like whole pounds ("40,000"): a caption's "(£000)" is trusted only for such figures."""
    figures = money_text.split()
    return bool(figures) and all(
        _THOUSANDS_FIGURE.fullmatch(f) or (commas and _THOUSANDS_WITH_COMMA.fullmatch(f)) for f in figures
    )


def _caption_unit(caption: str) -> Decimal:
    """1000 or a million where the caption states the table's unit (``caption_units`` in rules/money.yml), else 1;
    1 where it says the figures are pounds."""
    if any(pattern.search(caption) for pattern, _unit in _units("caption_pounds")):
        return Decimal(1)
    return next((unit for pattern, unit in _units("caption_units") if pattern.search(caption)), Decimal(1))


def _caption(doc: Document, number: int, bbox: BBox, running: frozenset[str]) -> str:
    """The text printed just above a table on page ``number``, where a unit for its figures may be given; for a
    table that opens its page, the last line of the page before ("Table 1: Contract value by year (£000)" left
    at the foot of page 1, the figures on page 2)."""
    lines = [ln for ln in doc.pages[number - 1].lines() if ln.bbox and not _page_furniture(ln, number, running)]
    if number > 1 and not any(ln.bbox[3] <= bbox[1] + 1 for ln in lines):
        before = [
            ln for ln in doc.pages[number - 2].lines() if ln.bbox and not _page_furniture(ln, number - 1, running)
        ]
        # only a caption ("Table 1: ... (£000, ex VAT)"), or a unit alone: a note ending the page before ("all figures
        # in £000") may be about the table above it
        return before[-1].text if before and _CAPTION_LINE.match(before[-1].text) else ""
    return " ".join(ln.text for ln in lines if bbox[1] - _CAPTION_REACH <= ln.bbox[3] <= bbox[1] + 1)


_CAPTION_LINE = regex.compile(
    r"\s*(?:(?:Table|Figure|Appendix|Annex|Schedule)\s+[A-Z]?\d+[a-z]?\b|\(?£\s?(?:['’]?000s?|k|m)\)?\s*$)"
)


def _page_furniture(line: Line, number: int, running: frozenset[str]) -> bool:
    """A running header or footer, or a page's number ("... Page 1 of 2")."""
    return _running_key(line.text, number) in running or _furniture(line)


def _ends_a_ruled_table(grids: list[_Grid], page: int, row: list[Cell | None]) -> bool:
    """Whether a lone ruled row at the top of a page is the total row of the ruled table ending the page
    before: as many cells, a sum in the last, the previous table without a total of its own."""
    previous = grids[-1] if grids else None
    return (
        previous is not None
        and previous.header_line is None
        and previous.pages[-1][0] == page - 1
        and max(len(r) for r in previous.rows) == len(row)
        and parse_amount(_text(row[-1])) is not None
        and bool(_TOTAL.search(_text(row[0])))  # "Total", not another line ("Budget code  40100")
        and not any(r and _TOTAL.search(_text(r[0])) for r in previous.rows)  # which has no total yet
    )


def find_cost_tables(doc: Document, recipient_header: regex.Pattern | None = None) -> list[CostTable]:
    grids: list[_Grid] = []
    carry: list[Line] | None = None
    running = _running_lines(doc)
    for page in doc.pages:
        # a ruled box around the header alone (the rows printed without rules) is read as unruled; but a
        # page's first ruled row may be the last of the table the previous page ended with ("Total ...")
        boxed = [
            t
            for k, t in enumerate(page.tables)
            if len(t.rows) >= 2 or (k == 0 and _ends_a_ruled_table(grids, page.number, t.rows[0]))
        ]
        ruled = [_Grid(page.number, t.bbox, t.rows, [(page.number, t.bbox)]) for t in boxed]
        for grid in ruled:
            previous = grids[-1] if grids else None
            width = max(len(r) for r in grid.rows)
            if (
                previous is not None
                and previous.pages[-1][0] == page.number - 1
                and max(len(r) for r in previous.rows) == width
                and (
                    _same_header(previous.rows[0], grid.rows[0])
                    or parse_amount(_text(grid.rows[0][-1])) is not None
                    or (  # a row, not a header, continuing a money table (perhaps of one row so far)
                        not _money_header_row(grid.rows[0])
                        and (
                            bool(_money_columns([r for r in previous.rows if any(_text(c) for c in r)])[0])
                            or (
                                len(previous.rows) == 2
                                and _money_header_row(previous.rows[0])
                                and any(parse_amount(_text(c)) is not None for c in previous.rows[1][1:])
                            )
                        )
                    )
                )
                and grid is ruled[0]
            ):
                skip = 1 if _same_header(previous.rows[0], grid.rows[0]) else 0
                rest = grid.rows[skip:]
                first, last = (rest[0], previous.rows[-1]) if rest else ([], [])
                if (
                    first
                    and _text(first[0])
                    and not any(_text(c) for c in first[1:])
                    and last
                    and last[0] is not None
                    and any(parse_amount(_text(c)) is not None for c in last[1:])
                ):
                    # a row split by the page break: its label's last words at the top of the next page
                    # ("Home Office Perpetrator Interventions  298,000 ..." / "Grant")
                    last[0] = Cell(f"{last[0].text} {first[0].text}", last[0].bbox)
                    rest = rest[1:]
                previous.rows.extend(rest)
                previous.pages.append((page.number, grid.bbox))
                continue
            grids.append(grid)
        lines = _table_lines(page, [t.bbox for t in boxed], running)
        unruled = _unruled_grids(page, lines, carry)
        carry = None
        # a ruled header box left at the foot of a page, its rows ruled on the next page: kept for them
        pending = _header_at_foot(page, unruled)
        for n, grid in enumerate(unruled):
            # the table the previous page ended with (a ruled table of this page may stand between)
            previous = next((g for g in reversed(grids) if g.pages[-1][0] < page.number), None)
            joins = (
                n == 0
                and previous is not None
                and previous.header_line is not None
                and previous.pages[-1][0] == page.number - 1
                and (grid.continued or _same_header(previous.rows[0], grid.rows[0]))
            )
            if joins:
                assert previous is not None
                # the header row is the previous page's; its columns place the cells of the rows
                last = previous.rows[-1]
                if grid.label_tail and last and last[0] is not None:
                    last[0] = Cell(f"{last[0].text} {grid.label_tail}", last[0].bbox)
                previous.rows.extend(_realigned(grid.rows[1:], previous.rows))
                previous.pages.append((page.number, grid.bbox))
                previous.ends_page = grid.ends_page
                continue
            grid.pages = [(page.number, grid.bbox)]
            grids.append(grid)
        if grids and grids[-1].ends_page and grids[-1].pages[-1][0] == page.number:
            carry = [grids[-1].header_line] if grids[-1].header_line is not None else None
        else:  # or a header left alone at the foot of the page
            carry = _lone_header_at_foot(lines)
        if pending is not None:
            grids.append(pending)
    tables: list[CostTable] = []
    for grid in grids:
        grid.caption = _caption(doc, grid.pages[0][0] if grid.pages else grid.page, grid.bbox, running)
        table = _interpret(grid, len(tables) + 1, recipient_header)
        if table is not None:
            tables.append(table)
    if any(not t.funding for t in tables):
        for table in tables:
            if table.funding:
                table.lines = []  # "Table B – Funding sources" beside "Table A – Expenditure": the sums, not costs
    return tables
