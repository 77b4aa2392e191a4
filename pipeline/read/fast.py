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

from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfplumber.table import TableFinder

from pipeline.read.document import BBox, Cell, Page, Table

Y_TOLERANCE = 3.0  # glyphs whose tops differ by less than this share a line (pdfplumber's default)
X_TOLERANCE = 3.0  # a gap wider than this between glyph boxes is a space (pdfplumber's default)
_SKIP = {"\r", "\n", "\x00"}


@dataclass
class _Glyph:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    space_after: bool = False


@dataclass
class _StandInPage:
    """What pdfplumber's TableFinder reads from a page: its box, its edges and its characters."""

    bbox: tuple[float, float, float, float]
    edges: list[dict[str, Any]]
    chars: list[dict[str, Any]] = field(default_factory=list)


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
        if ch in ("\x02", "\ufffe"):
            ch = "-"  # PDFium's mark for a hyphen that ends a line
        if ch in _SKIP or ch.isspace():
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


def _lines(glyphs: list[_Glyph]) -> list[list[_Glyph]]:
    """Glyphs grouped into printed lines, top to bottom, each left to right."""
    lines: list[list[_Glyph]] = []
    current: list[_Glyph] = []
    anchor = None
    for g in sorted(glyphs, key=lambda g: (g.top, g.x0)):
        if anchor is None or g.top - anchor > Y_TOLERANCE:
            if current:
                lines.append(current)
            current, anchor = [], g.top
        current.append(g)
    if current:
        lines.append(current)
    for line in lines:
        line.sort(key=lambda g: g.x0)
    return lines


def _layout(glyphs: list[_Glyph]) -> tuple[str, list[BBox | None]]:
    parts: list[str] = []
    boxes: list[BBox | None] = []
    for n, line in enumerate(_lines(glyphs)):
        if n:
            parts.append("\n")
            boxes.append(None)
        previous = None
        for g in line:
            if previous is not None and (previous.space_after or g.x0 - previous.x1 > X_TOLERANCE):
                parts.append(" ")
                boxes.append(None)
            parts.append(g.text)
            boxes.append((round(g.x0, 2), round(g.top, 2), round(g.x1, 2), round(g.bottom, 2)))
            previous = g
    return "".join(parts), boxes


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


def _char_dict(g: _Glyph) -> dict[str, Any]:
    return {
        "text": g.text,
        "x0": g.x0,
        "x1": g.x1,
        "top": g.top,
        "bottom": g.bottom,
        "doctop": g.top,
        "width": g.x1 - g.x0,
        "height": g.bottom - g.top,
        "upright": True,
        "size": g.bottom - g.top,
        "fontname": "",
        "object_type": "char",
        "matrix": (1, 0, 0, 1, g.x0, g.bottom),
    }


def _round(b: tuple[float, float, float, float]) -> BBox:
    return (round(float(b[0]), 2), round(float(b[1]), 2), round(float(b[2]), 2), round(float(b[3]), 2))


def _tables(number: int, width: float, height: float, edges: list[dict[str, Any]], glyphs: list[_Glyph]) -> list[Table]:
    if len(edges) < 4:
        return []  # no rules, so no ruled table: the common case costs nothing
    stand_in = _StandInPage((0.0, 0.0, width, height), edges)
    tables: list[Table] = []
    for found in TableFinder(stand_in).tables:  # type: ignore[arg-type]
        x0, top, x1, bottom = found.bbox
        # only the glyphs inside this table, so filling its cells costs little
        inside = [
            g for g in glyphs if x0 - 1 <= g.x0 and g.x1 <= x1 + 1 and top - 1 <= g.top and g.bottom <= bottom + 1
        ]
        chars = []
        for g in inside:
            chars.append(_char_dict(g))
            if g.space_after:  # pdfplumber sees printed spaces as characters: so must its table finder
                chars.append(_char_dict(_Glyph(" ", g.x1, g.top, g.x1 + 0.5, g.bottom)))
        stand_in.chars = chars
        texts = found.extract()
        rows: list[list[Cell | None]] = []
        for row, row_texts in zip(found.rows, texts):
            rows.append(
                [None if box is None else Cell(text or "", _round(box)) for box, text in zip(row.cells, row_texts)]
            )
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
    text, boxes = _layout(glyphs)
    tables = _tables(number, width, height, _edges(page, height), glyphs)
    return Page(number=number, width=float(width), height=float(height), text=text, boxes=boxes, tables=tables)
