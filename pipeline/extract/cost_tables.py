"""Cost and budget tables: each line item, the stated total, and whether the lines add up.

Two sources give the same grid shape (a header, then rows of cells with boxes):
ruled tables found by pdfplumber, and unruled tables rebuilt here from printed
lines whose ends hold numbers lined up under a header with ``£``, a year or a
money word. One interpreter then reads any grid: which columns hold money and
for which period, which column describes the line, which rows are totals.
A table that runs onto the next page is joined to the one before it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import regex

from pipeline.extract.dates import parse_financial_years
from pipeline.extract.money import parse_amount
from pipeline.extract.text import squash
from pipeline.read.document import BBox, Cell, Document, Line, Page, union_bbox

_MONEY_HEADER = regex.compile(
    r"£|\bamount\b|\bcosts?\b|\bvalue\b|\ballocation\b|\bbudget\b|\bgrant\b|\bfunding\b|\btotal\b|\bspend\b|\bgbp\b"
    r"|(?:19|20)\d{2}\s?[/-]\s?\d{1,4}|\b[A-Z][a-z]{2}\s?\d{2}\s?[-–]\s?[A-Z][a-z]{2}\s?\d{2}\b",
    regex.IGNORECASE,
)
_TOTAL = regex.compile(r"^\s*(?:grand\s+|sub[-\s]?)?total\b|\btotal\s*$", regex.IGNORECASE)
_SUBTOTAL = regex.compile(r"^\s*sub[-\s]?total\b", regex.IGNORECASE)
_NUMERIC_WORD = regex.compile(r"^\(?£?\d[\d,]*(?:\.\d+)?(?:m|k|bn)?\)?$", regex.IGNORECASE)
_FURNITURE = regex.compile(
    r"^(?:page\s+)?\d+(?:\s+of\s+\d+)?$|\bpage\s+\d+(?:\s+of\s+\d+)?\s*$|^official(?:[- ]sensitive)?$", regex.I
)
_FUNDER_HEADER = regex.compile(
    r"\bfund(?:ing|er)s?\s+(?:source|partner|body|bodies)|\bsource\s+of\s+fund|\bfunded\s+by\b", regex.I
)
_TWO_SENTENCES = regex.compile(r"[a-z]\.\s+[A-Z]")
_TOTAL_WORD = regex.compile(r"\btotal\b", regex.IGNORECASE)
_MONTH_RANGE = regex.compile(r"\b[A-Z][a-z]{2}\s?\d{2}\s?[-–]\s?[A-Z][a-z]{2}\s?\d{2}\b")
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
    # organisations named in the table: (name as printed, page, box, role): "provider" under an
    # Organisation / Provider / Applicant column, "funder" under a Funding source / Funded by column
    recipients: list[tuple[str, int, BBox | None, str]] = field(default_factory=list)
    regions: list[tuple[int, BBox]] = field(default_factory=list)  # (page, bbox) covered


@dataclass
class _Grid:
    page: int
    bbox: BBox
    rows: list[list[Cell | None]]
    pages: list[tuple[int, BBox]] = field(default_factory=list)
    header_line: Line | None = None  # unruled tables: the printed header
    ends_page: bool = False  # unruled tables: the table runs to the foot of its page
    continued: bool = False  # unruled tables: rows that continue the previous page's table


def _text(cell: Cell | None) -> str:
    return squash(cell.text).strip() if cell is not None else ""


def _money_columns(rows: list[list[Cell | None]]) -> tuple[dict[int, int], int]:
    """Money columns (index → first body row) and the number of header rows."""
    width = max(len(r) for r in rows)
    columns: dict[int, int] = {}
    for j in range(1, width):
        values = [_text(r[j]) if j < len(r) else "" for r in rows]
        parsed = [i for i, v in enumerate(values) if v and parse_amount(v) is not None]
        filled = [i for i, v in enumerate(values) if v]
        if len(parsed) < 2:
            continue
        first = parsed[0]
        body = [i for i in filled if i >= first]
        if len(parsed) < 0.6 * len(body):
            continue
        header = " ".join(values[:first])
        cells = [values[i] for i in parsed]
        looks_money = any("£" in c or "," in c or "." in c for c in cells) or any(
            (parse_amount(c) or 0) >= 1000 for c in cells
        )
        if _MONEY_HEADER.search(header) or (looks_money and not header) or looks_money and "£" in "".join(cells):
            columns[j] = first
    header_rows = min(columns.values()) if columns else 0
    return columns, header_rows


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
    if len(total_columns) == len(columns):
        total_columns = set()
    desc_col = next((j for j in range(max(len(r) for r in rows)) if j not in columns), 0)
    table = CostTable(index=index, regions=grid.pages or [(grid.page, grid.bbox)])
    # the column that names organisations: the first text column whose header says so
    name_col, name_role = None, "provider"
    for j in range(max(len(r) for r in rows)):
        if j in columns:
            continue
        header = " ".join(_text(r[j]) for r in rows[:header_rows] if j < len(r))
        if _FUNDER_HEADER.search(header):
            name_col, name_role = j, "funder"
            break
        if recipient_header is not None and recipient_header.search(header):
            name_col = j
            break
    body = rows[header_rows:]
    total_rows = [i for i, r in enumerate(body) if _TOTAL.search(_text(r[desc_col]) if desc_col < len(r) else "")]
    grand = total_rows[-1] if total_rows else None
    row_number = 0
    line_sums: dict[str, Decimal] = {}
    for i, row in enumerate(body):
        desc = _text(row[desc_col]) if desc_col < len(row) else ""
        cells = [(j, row[j]) for j in sorted(columns) if j < len(row) and row[j] is not None and _text(row[j])]
        parsed = [(j, c, parse_amount(_text(c))) for j, c in cells]
        parsed = [(j, c, a) for j, c, a in parsed if a is not None]
        if not parsed:
            continue
        row_number += 1
        page = _page_of(grid, parsed[0][1].bbox)
        is_total_row = i in total_rows
        for j, cell, amount in parsed:
            period = _period(headers[j])
            in_total_col = j in total_columns
            is_grand = i == grand and (in_total_col or not total_columns) and not _SUBTOTAL.search(desc)
            line = CostLine(index, row_number, desc, amount, _text(cell), period, is_grand, page, cell.bbox)
            table.money_cells.append(line)
            if is_total_row or in_total_col or amount == 0:
                if is_grand:
                    table.lines.append(line)
                continue
            table.lines.append(line)
            line_sums[period] = line_sums.get(period, Decimal(0)) + amount
        if name_col is not None and not is_total_row and name_col < len(row) and row[name_col] is not None:
            name = _text(row[name_col])
            if name:
                table.recipients.append((name, page, row[name_col].bbox, name_role))
    if not table.lines:
        return None
    total_all = sum(line_sums.values(), Decimal(0))
    checked = []
    for line in table.lines:
        if line.is_total:
            expected = total_all if (total_columns or not line.period) else line_sums.get(line.period, Decimal(0))
            if not total_columns and len(line_sums) > 1 and line.period in line_sums:
                expected = line_sums[line.period]
            line = CostLine(**{**line.__dict__, "adds_up": expected == line.amount})
        checked.append(line)
    table.lines = checked
    return table


def _page_of(grid: _Grid, bbox: BBox | None) -> int:
    if not grid.pages or bbox is None:
        return grid.page
    for page, region in grid.pages:
        if region[1] - 1 <= bbox[1] <= region[3] + 1 and region[0] - 1 <= bbox[0] <= region[2] + 1:
            return page
    return grid.page


# ---------------------------------------------------------------- unruled tables


def _segments(line: Line, gap: float = 7.0) -> list[tuple[str, BBox]]:
    """Words of a line grouped where the space between them is wide."""
    out: list[tuple[list[str], list[BBox]]] = []
    for word in line.words:
        if out and word.bbox[0] - out[-1][1][-1][2] <= gap:
            out[-1][0].append(word.text)
            out[-1][1].append(word.bbox)
        else:
            out.append(([word.text], [word.bbox]))
    return [(" ".join(ws), union_bbox(bs)) for ws, bs in out]  # type: ignore[misc]


def _trailing_numbers(line: Line) -> int:
    count = 0
    for word in reversed(line.words):
        if _NUMERIC_WORD.match(word.text) and parse_amount(word.text) is not None:
            count += 1
        else:
            break
    return count


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


def _is_row(line: Line) -> bool:
    return 0 < _trailing_numbers(line) < len(line.words)


def _collect(lines: list[Line], start: int, header: Line) -> tuple[list[Line], int]:
    """The lines of a table body from ``start``: numeric rows, wrapped descriptions, section headings."""
    block: list[Line] = []
    height = header.bbox[3] - header.bbox[1]
    previous = header
    j = start
    while j < len(lines):
        ln = lines[j]
        gap = ln.bbox[1] - previous.bbox[3]
        if (block and gap > height * 2.5) or _PARAGRAPH.match(ln.text):
            break
        n = _trailing_numbers(ln)
        last_label = block[-1].text.rsplit(" ", _trailing_numbers(block[-1]))[0] if block else ""
        if block and n == 0 and _TOTAL.search(last_label) and not _SUBTOTAL.search(last_label):
            break  # nothing but a wrapped description follows the grand total
        if n == 0:
            nxt = lines[j + 1] if j + 1 < len(lines) else None
            if (nxt is None or _trailing_numbers(nxt) == 0) and ln.bbox[2] > header.bbox[2] * 0.75:
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


def _unruled_grids(page: Page, ruled: list[BBox], carry: Line | None = None) -> list[_Grid]:
    """Tables without rules, rebuilt from lines. ``carry`` is the header of a table that ran off
    the foot of the previous page: numeric rows at the top of this page continue it."""
    lines = [
        ln
        for ln in page.lines()
        if not _furniture(ln)
        and not any(
            b[0] - 2 <= ln.bbox[0] and ln.bbox[2] <= b[2] + 2 and b[1] - 2 <= ln.bbox[1] <= b[3] + 2 for b in ruled
        )
    ]
    grids: list[_Grid] = []
    i = 0
    if carry is not None and lines and _is_row(lines[0]):
        block, i = _collect(lines, 0, carry)
        grid = _grid_from_lines([carry, *block], min_rows=1)
        if grid is not None:
            grid.page = page.number
            grid.continued = True
            grid.bbox = union_bbox([ln.bbox for ln in block]) or grid.bbox
            grids.append(grid)
    trailing = [_trailing_numbers(ln) for ln in lines]
    while i < len(lines):
        header = lines[i]
        # a header, then up to two section headings, then a row
        first = next((k for k in range(i + 1, min(i + 4, len(lines))) if trailing[k]), None)
        if (
            first is not None
            and _is_header(header)
            and _is_row(lines[first])
            and not any(_is_header(lines[k]) for k in range(i + 1, first))  # the header nearest the rows
        ):
            block, j = _collect(lines, i + 1, header)
            # a table that starts at the foot of a page may show one row before it breaks
            grid = _grid_from_lines([header, *block], min_rows=1 if j >= len(lines) else 2)
            if grid is not None:
                grid.page = page.number
                grid.header_line = header
                grid.ends_page = j >= len(lines)
                grids.append(grid)
                i = j
                continue
        i += 1
    return grids


def _grid_from_lines(block: list[Line], min_rows: int = 2) -> _Grid | None:
    header, body = block[0], block[1:]
    numeric = [ln for ln in body if _trailing_numbers(ln)]
    if len(numeric) < max(1, min_rows):
        return None
    # numbers are right-aligned: cluster their right edges into columns
    edges: list[float] = []
    for ln in numeric:
        for word in ln.words[len(ln.words) - _trailing_numbers(ln) :]:
            if not any(abs(word.bbox[2] - e) < 12 for e in edges):
                edges.append(word.bbox[2])
    edges.sort()
    segments = _segments(header)
    desc_header = " ".join(s for s, b in segments if b[2] < edges[0] - 40) or segments[0][0]
    col_headers = []
    for edge in edges:
        near = [(abs(b[2] - edge), s) for s, b in segments[1:] if b[0] <= edge + 5]
        col_headers.append(min(near)[1] if near else "")
    rows: list[list[Cell | None]] = [[Cell(desc_header, header.bbox)] + [Cell(h, None) for h in col_headers]]
    for ln in body:
        n = _trailing_numbers(ln)
        words = ln.words
        if n == 0:
            if len(rows) > 1 and rows[-1][0] is not None:  # a description that wraps
                prev = rows[-1][0]
                rows[-1][0] = Cell(f"{prev.text} {ln.text}", union_bbox([b for b in (prev.bbox, ln.bbox) if b]))
            continue
        desc_words = words[: len(words) - n]
        desc = " ".join(w.text for w in desc_words)
        row: list[Cell | None] = [Cell(desc, union_bbox([w.bbox for w in desc_words]))] + [None] * len(edges)
        for word in words[len(words) - n :]:
            k = min(range(len(edges)), key=lambda e: abs(edges[e] - word.bbox[2]))
            row[k + 1] = Cell(word.text, word.bbox)
        rows.append(row)
    bbox = union_bbox([ln.bbox for ln in block])
    assert bbox is not None
    return _Grid(page=0, bbox=bbox, rows=rows)


# ---------------------------------------------------------------- the document


def _same_header(a: list[Cell | None], b: list[Cell | None]) -> bool:
    return [_text(c).lower() for c in a] == [_text(c).lower() for c in b]


def find_cost_tables(doc: Document, recipient_header: regex.Pattern | None = None) -> list[CostTable]:
    grids: list[_Grid] = []
    carry: Line | None = None
    for page in doc.pages:
        ruled = [_Grid(page.number, t.bbox, t.rows, [(page.number, t.bbox)]) for t in page.tables]
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
                    or (  # a row, not a header, continuing a money table
                        not _MONEY_HEADER.search(" ".join(_text(c) for c in grid.rows[0][1:]))
                        and bool(_money_columns([r for r in previous.rows if any(_text(c) for c in r)])[0])
                    )
                )
                and grid is ruled[0]
            ):
                skip = 1 if _same_header(previous.rows[0], grid.rows[0]) else 0
                previous.rows.extend(grid.rows[skip:])
                previous.pages.append((page.number, grid.bbox))
                continue
            grids.append(grid)
        unruled = _unruled_grids(page, [t.bbox for t in page.tables], carry)
        carry = None
        for n, grid in enumerate(unruled):
            previous = grids[-1] if grids else None
            joins = (
                n == 0
                and previous is not None
                and previous.header_line is not None
                and previous.pages[-1][0] == page.number - 1
                and (grid.continued or _same_header(previous.rows[0], grid.rows[0]))
            )
            if joins:
                assert previous is not None
                previous.rows.extend(grid.rows[1:])  # the header row is the previous page's
                previous.pages.append((page.number, grid.bbox))
                previous.ends_page = grid.ends_page
                continue
            grid.pages = [(page.number, grid.bbox)]
            grids.append(grid)
        if grids and grids[-1].ends_page and grids[-1].pages[-1][0] == page.number:
            carry = grids[-1].header_line
    tables: list[CostTable] = []
    for grid in grids:
        table = _interpret(grid, len(tables) + 1, recipient_header)
        if table is not None:
            tables.append(table)
    return tables
