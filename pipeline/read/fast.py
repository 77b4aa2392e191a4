"""The fast reader: PDFium (pypdfium2, which pdfplumber already depends on) for characters and
vector paths, pdfplumber's own table geometry for ruled tables.

pdfminer, under pdfplumber, spends about 0.2 s a page parsing content streams in Python. PDFium
does the same in C in a few milliseconds. This module asks PDFium for every glyph and its box and
for the bounds of every path (the rules of a table), then lays the glyphs out in lines the way
pdfplumber's text map does (lines by ``top``, words split where the gap is wider than 3 points), and
hands the paths and glyphs to pdfplumber's ``TableFinder`` through a small stand-in page, so ruled
tables are found by the same code as before without pdfminer reading the page again.

It returns the same :class:`~pipeline.read.document.Document` as :func:`pipeline.read.pdf.read_pdf`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfplumber.table import TableFinder

from pipeline.read.document import BBox, Cell, CharBoxes, Page, Table

Y_TOLERANCE = 3.0  # glyphs whose tops differ by less than this share a line (pdfplumber's default)
X_TOLERANCE = 3.0  # a gap wider than this between glyph boxes is a space (pdfplumber's default)
_SKIP = frozenset({"\r", "\n", "\x00"})
_HYPHEN_MARKS = frozenset({"\x02", "\ufffe"})


class _Glyph:
    __slots__ = ("text", "x0", "top", "x1", "bottom", "space_after")

    def __init__(self, text: str, x0: float, top: float, x1: float, bottom: float) -> None:
        self.text, self.x0, self.top, self.x1, self.bottom = text, x0, top, x1, bottom
        self.space_after = False


@dataclass
class _StandInPage:
    """What pdfplumber's TableFinder reads from a page: its box, its edges and its characters."""

    bbox: tuple[float, float, float, float]
    edges: list[dict[str, Any]]
    chars: list[dict[str, Any]] = field(default_factory=list)  # not needed to find cells from rules


def _glyphs(textpage: pdfium.PdfTextPage, height: float) -> list[_Glyph]:
    """Every printed glyph with its box; ``space_after`` where the PDF prints a space."""
    count = textpage.count_chars()
    raw = textpage.raw
    text = textpage.get_text_range(0, count) if count else ""
    if len(text) != count:  # characters outside the BMP: fall back to one call per character
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i) or 0xFFFD) for i in range(count))
    out: list[_Glyph] = []
    loose = pdfium_c.FS_RECTF()
    get_box = pdfium_c.FPDFText_GetLooseCharBox
    for index, ch in enumerate(text):
        if ch in _HYPHEN_MARKS:
            ch = "-"  # PDFium's mark for a hyphen that ends a line
        elif ch.isspace() or ch in _SKIP:
            # a space printed in the PDF separates words; one PDFium made up from a gap is judged
            # by the gap itself (see _layout), as pdfplumber does
            if out and ch == " " and pdfium_c.FPDFText_IsGenerated(raw, index) != 1:
                out[-1].space_after = True
            continue
        # the loose box spans the glyph's advance and the font's ascent and descent, like pdfminer's
        # character box: a dash or a full stop sits on its line like a letter
        if not get_box(raw, index, loose):
            continue
        out.append(_Glyph(ch, loose.left, height - loose.top, loose.right, height - loose.bottom))
    return out


_BY_TOP_THEN_X = attrgetter("top", "x0")
_BY_X = attrgetter("x0")


def _lines(glyphs: list[_Glyph]) -> list[list[_Glyph]]:
    """Glyphs grouped into printed lines, top to bottom, each left to right."""
    lines: list[list[_Glyph]] = []
    current: list[_Glyph] = []
    anchor = None
    for g in sorted(glyphs, key=_BY_TOP_THEN_X):
        if anchor is None or g.top - anchor > Y_TOLERANCE:
            if current:
                lines.append(current)
            current, anchor = [], g.top
        current.append(g)
    if current:
        lines.append(current)
    for line in lines:
        line.sort(key=_BY_X)
    return lines


def _layout(glyphs: list[_Glyph]) -> tuple[str, list[_Glyph | None]]:
    """The text of ``glyphs`` laid out in lines, and the glyph behind each character (None for the
    spaces and line breaks the layout adds)."""
    parts: list[str] = []
    owners: list[_Glyph | None] = []
    for n, line in enumerate(_lines(glyphs)):
        if n:
            parts.append("\n")
            owners.append(None)
        previous = None
        for g in line:
            if previous is not None and (previous.space_after or g.x0 - previous.x1 > X_TOLERANCE):
                parts.append(" ")
                owners.append(None)
            parts.append(g.text)
            owners.append(g)
            previous = g
    return "".join(parts), owners


def _boxes(owners: list[_Glyph | None]) -> CharBoxes:
    nan = math.nan
    flat = []
    for g in owners:
        if g is None:
            flat += (nan, nan, nan, nan)
        else:
            flat += (g.x0, g.top, g.x1, g.bottom)
    return CharBoxes.from_flat(flat)


def _edges(page: pdfium.PdfPage, height: float) -> list[dict[str, Any]]:
    """Edges in pdfplumber's form from the bounds of every path: a thin path is a line, a box four."""
    edges: list[dict[str, Any]] = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        x0, x1, y0, y1 = left, right, height - top, height - bottom
        w, h = x1 - x0, y1 - y0
        if w < 0.5 and h < 0.5:
            continue
        if h <= 2 and w > 2:
            mid = (y0 + y1) / 2
            edges.append(_edge("h", x0, mid, x1, mid))
        elif w <= 2 and h > 2:
            mid = (x0 + x1) / 2
            edges.append(_edge("v", mid, y0, mid, y1))
        elif w > 2 and h > 2:
            edges += [
                _edge("h", x0, y0, x1, y0),
                _edge("h", x0, y1, x1, y1),
                _edge("v", x0, y0, x0, y1),
                _edge("v", x1, y0, x1, y1),
            ]
    return edges


def _edge(orientation: str, x0: float, top: float, x1: float, bottom: float) -> dict[str, Any]:
    return {
        "orientation": orientation,
        "object_type": "line",
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": x1 - x0,
        "height": bottom - top,
    }


def _round(b: tuple[float, float, float, float]) -> BBox:
    return (round(float(b[0]), 2), round(float(b[1]), 2), round(float(b[2]), 2), round(float(b[3]), 2))


def _tables(number: int, width: float, height: float, edges: list[dict[str, Any]], glyphs: list[_Glyph]) -> list[Table]:
    """Ruled tables: pdfplumber's TableFinder finds the cells from the rules; each cell's text is
    laid out here from the glyphs whose centre lies in it, as pdfplumber's own extract does."""
    if len(edges) < 4:
        return []  # no rules, so no ruled table: the common case costs nothing
    tables: list[Table] = []
    centres = [((g.x0 + g.x1) / 2, (g.top + g.bottom) / 2) for g in glyphs]
    for found in TableFinder(_StandInPage((0.0, 0.0, width, height), edges)).tables:  # type: ignore[arg-type]
        x0, top, x1, bottom = found.bbox
        inside = [(g, c) for g, c in zip(glyphs, centres) if x0 <= c[0] <= x1 and top <= c[1] <= bottom]
        rows: list[list[Cell | None]] = []
        for row in found.rows:
            boxes = [box for box in row.cells if box is not None]
            if not boxes:
                rows.append([None] * len(row.cells))
                continue
            row_top, row_bottom = min(b[1] for b in boxes), max(b[3] for b in boxes)
            in_row = [(g, c) for g, c in inside if row_top <= c[1] < row_bottom]
            cells: list[Cell | None] = []
            for box in row.cells:
                if box is None:
                    cells.append(None)
                    continue
                bx0, btop, bx1, bbottom = box
                text, _ = _layout([g for g, (cx, cy) in in_row if bx0 <= cx < bx1 and btop <= cy < bbottom])
                cells.append(Cell(text, _round(box)))
            rows.append(cells)
        if rows:
            tables.append(Table(page=number, bbox=_round(found.bbox), rows=rows))
    return tables


def read_page(page: pdfium.PdfPage, number: int) -> Page:
    """One PDFium page to a :class:`Page`; the caller closes the page."""
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        glyphs = _glyphs(textpage, height)
    finally:
        textpage.close()
    text, owners = _layout(glyphs)
    tables = _tables(number, width, height, _edges(page, height), glyphs)
    return Page(number=number, width=float(width), height=float(height), text=text, boxes=_boxes(owners), tables=tables)
