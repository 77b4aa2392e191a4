"""The fast reader: PDFium (pypdfium2, which pdfplumber already depends on) for characters and
vector paths, pdfplumber's own table geometry for ruled tables.

pdfminer, under pdfplumber, spends about 0.2 s a page parsing content streams in Python. PDFium
does the same in C in a few milliseconds. This module asks PDFium for every glyph and its box and
for the bounds of every path (the rules of a table), then lays the glyphs out in lines the way
pdfplumber's text map does (lines by ``top``, words split where the gap is wider than 3 points, or than a
fifth of the glyph's height in small type), and
hands the paths and glyphs to pdfplumber's ``TableFinder`` through a small stand-in page, so ruled
tables are found by the same code as before without pdfminer reading the page again.

Where the time goes: PDFium's own work (loading the page and its text) and one call into PDFium
per glyph for its box are most of it. Everything else is kept off the per-glyph path: the glyphs of
a page are arrays, not an object each; the boxes come from PDFium straight into a numpy buffer; the
layout (the sort into lines, the spaces, the text and its boxes) is a handful of array operations,
for the page and for all its table cells at once; TableFinder only runs where the rules could make
a cell, and its search for cells is done here the same way, faster.

It returns the same :class:`~pipeline.read.document.Document` as :func:`pipeline.read.pdf.read_pdf`.
"""

from __future__ import annotations

import ctypes
import math
import threading
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfplumber.table import Table as FoundTable
from pdfplumber.table import TableFinder, TableSettings, cells_to_tables, edges_to_intersections
from pdfplumber.table import intersections_to_cells as plumber_intersections_to_cells

from pipeline.read.document import BBox, Cell, CharBoxes, Page, Table

Y_TOLERANCE = 3.0  # glyphs whose tops differ by less than this share a line (pdfplumber's default)
X_TOLERANCE = 3.0  # a gap wider than this between glyph boxes is a space (pdfplumber's default)
# ... or, where PDFium made up a space from the gap, wider than this share of the glyph's height: justified 9-point
# text whose word gaps are 2.9 points and whose spaces the PDF does not print ("The Home Office has awarded")
# would otherwise read as one word, as would 10-point text whose word gaps are 2.5 points ("Date 12 September
# 2024" from LibreOffice); letter-spaced small type ("O F F I C I A L"), where PDFium makes up no space, keeps the
# 3 points
X_TOLERANCE_RATIO = 0.2
_SKIP = frozenset({"\r", "\n", "\x00"})
_HYPHEN_MARKS = frozenset({"\x02", "\ufffe"})
_NEWLINE, _SPACE = ord("\n"), ord(" ")


def _untyped(func: Any) -> Any:
    """``func`` from the PDFium library without its argument types, returning a C int.

    pypdfium2's bindings convert every argument through its declared type, which costs more than
    the call into PDFium itself when it is made once per character. Untyped, ctypes passes a
    Python int as a C int and a ctypes pointer (``byref``, a handle) as a pointer, which is what the
    functions called this way take; the calling convention is the binding's own."""
    fn = type(func)(ctypes.cast(func, ctypes.c_void_p).value)
    fn.restype = ctypes.c_int
    return fn


_LOOSE_CHAR_BOX = _untyped(pdfium_c.FPDFText_GetLooseCharBox)  # (textpage, index, FS_RECTF*)
_IS_GENERATED = _untyped(pdfium_c.FPDFText_IsGenerated)  # (textpage, index)
_CHAR_BOX = _untyped(pdfium_c.FPDFText_GetCharBox)  # (textpage, index, double* left, right, bottom, top)
_OBJECT_BOUNDS = _untyped(pdfium_c.FPDFPageObj_GetBounds)  # (object, float*, float*, float*, float*)

_CHUNK = 4096  # characters whose boxes are fetched into the scratch buffer at a time


class _Scratch(threading.local):
    """Per-thread buffers PDFium writes into, with a ready-made pointer to each slot, so fetching a
    box allocates nothing."""

    def __init__(self) -> None:
        buffer = (ctypes.c_float * (4 * _CHUNK))()  # FS_RECTF after FS_RECTF: left, top, right, bottom
        self.rects = np.frombuffer(buffer, dtype=np.float32).reshape(_CHUNK, 4)  # a view that keeps it alive
        self.rect_slots = [ctypes.byref(buffer, 16 * k) for k in range(_CHUNK)]
        self.bounds = (ctypes.c_float * 4)()  # left, bottom, right, top
        self.bound_slots = [ctypes.byref(self.bounds, 4 * k) for k in range(4)]


_scratch = _Scratch()


class _Glyphs:
    """The printed glyphs of a page in PDFium's order: their characters (code points), their boxes
    (float32, as PDFium gives them, with ``top``/``bottom`` measured from the top of the page), the
    same as float64 arrays for the layout, and ``space_after`` where the PDF prints a space."""

    __slots__ = ("codes", "boxes", "x0", "top", "x1", "bottom", "space_after", "made_space_after")

    def __init__(
        self,
        codes: np.ndarray,
        rects: np.ndarray,
        space_after: np.ndarray,
        height: float,
        made_space_after: np.ndarray | None = None,
    ) -> None:
        self.codes = codes
        self.x0 = rects[:, 0].astype(np.float64)
        self.x1 = rects[:, 2].astype(np.float64)
        self.top = height - rects[:, 1].astype(np.float64)
        self.bottom = height - rects[:, 3].astype(np.float64)
        boxes = np.empty((len(codes), 4), dtype=np.float32)
        boxes[:, 0], boxes[:, 1], boxes[:, 2], boxes[:, 3] = rects[:, 0], self.top, rects[:, 2], self.bottom
        self.boxes = boxes
        self.space_after = space_after
        # where PDFium made up a space after the glyph from the gap (the PDF printed none)
        self.made_space_after = np.zeros(len(codes), dtype=bool) if made_space_after is None else made_space_after

    def __len__(self) -> int:
        return len(self.codes)


_ASCENT = 0.9  # a usual font's ascent, in font sizes (Arial and Liberation Sans: 0.905)
_LOW_ASCENT = 0.78  # a box's top lower than this above its baseline stops at the capitals' height
_PROBES = 24  # letters and digits looked at to tell whether a page's boxes are outlines


def _outline_only(raw: Any, index: int, rect: np.ndarray, box: tuple) -> bool:
    """Whether PDFium's "loose" box of a character stops at its outline's top (the tight box's top),
    where a sound one reaches the font's ascent: what PDFium gives for a font that carries no ascent
    (a capital or a digit then shows it)."""
    if not _CHAR_BOX(raw, index, *box[1]):
        return False
    _left, _right, _bottom, top = (v.value for v in box[0])
    # the top tells: a font may carry a descent but no ascent, and its loose box then stops at the outline
    return abs(top - float(rect[1])) < 0.01


def _mend_outline_boxes(raw: Any, kept: np.ndarray, codes: np.ndarray, rects: np.ndarray) -> None:
    """For a font without ascent and descent PDFium's "loose" box is the glyph's outline, so a comma's
    top sits four points below a digit's and the comma falls onto a line of its own. When a quarter of
    a page's letters and digits (sampled over the page) show this, every box on the page is rebuilt as pdfminer builds
    one for such a font: a font size high, standing on the baseline. In place; a page whose boxes are
    sound costs a few calls."""
    alnum = (((codes >= 48) & (codes <= 57)) | ((codes | 32) >= 97) & ((codes | 32) <= 122)).nonzero()[0]
    # spread over the page: a heading in another font must not hide the body's
    probes = alnum[np.linspace(0, len(alnum) - 1, min(_PROBES, len(alnum))).astype(int)].tolist() if len(alnum) else []
    if not probes:
        return
    values = tuple(ctypes.c_double() for _ in range(4))
    box = (values, tuple(ctypes.byref(v) for v in values))
    indices = kept.tolist()
    if sum(_outline_only(raw, indices[k], rects[k], box) for k in probes) * 4 < len(probes) and not _sunk_marks(
        codes, rects
    ):
        return
    x, y = ctypes.c_double(), ctypes.c_double()
    for k, index in enumerate(indices):
        size = pdfium_c.FPDFText_GetFontSize(raw, index)
        if size > 0 and pdfium_c.FPDFText_GetCharOrigin(raw, index, x, y):
            rects[k, 3] = y.value  # such a font has no descent for pdfminer either
            rects[k, 1] = y.value + size


def _font_size_high(raw: Any, kept: np.ndarray, rects: np.ndarray) -> None:
    """A box whose top stands lower above its baseline than a usual font's ascent raised to that ascent.
    PDFium's loose box reaches the font's own ascent, and a font whose ascent is only its capitals' height
    ("Decision reference:" in a bold face beside its value in a regular one) stood three points lower than
    the value and fell onto a line of its own. In place; a few calls into PDFium a page, and two for each glyph
    whose box is lower than its font size."""
    if not len(kept):
        return
    indices = kept.tolist()
    size_of = pdfium_c.FPDFText_GetFontSize
    # a usual font's box is more than a font size high (its ascent and descent), and the glyphs of one font
    # and size have boxes of one height: one glyph of each height tells whether its boxes are lower
    heights = np.round(rects[:, 1] - rects[:, 3], 1)
    kinds, first, group = np.unique(heights, return_index=True, return_inverse=True)
    low = [g for g, (h, k) in enumerate(zip(kinds.tolist(), first.tolist())) if h < size_of(raw, indices[k])]
    if not low:
        return
    x, y = ctypes.c_double(), ctypes.c_double()
    origin = pdfium_c.FPDFText_GetCharOrigin
    for k in np.flatnonzero(np.isin(group, low)).tolist():
        size = size_of(raw, indices[k])
        if size > 0 and origin(raw, indices[k], x, y) and rects[k, 1] - y.value < _LOW_ASCENT * size:
            rects[k, 1] = y.value + _ASCENT * size


def _sunk_marks(codes: np.ndarray, rects: np.ndarray) -> bool:
    """Whether a comma or full stop after a digit has its box's top well below the digit's: the sign,
    glyph by glyph, of a font without ascent, even where it prints only a few figures on the page
    ("296,000" in a small table whose font is not the body's)."""
    digit = (codes >= 48) & (codes <= 57)
    marks = np.flatnonzero(((codes == 44) | (codes == 46))[1:] & digit[:-1]) + 1
    if not len(marks):
        return False
    tops, before = rects[marks, 1], rects[marks - 1]
    height = before[:, 1] - before[:, 3]
    return bool(np.any((before[:, 1] - tops) > 0.25 * np.maximum(height, 1.0)))


def _page_text(textpage: pdfium.PdfTextPage, count: int) -> str:
    """One character of text per character index of the text page."""
    text = textpage.get_text_range(0, count) if count else ""
    if len(text) != count:  # characters outside the BMP: fall back to one call per character
        raw = textpage.raw
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i) or 0xFFFD) for i in range(count))
    return text


def _loose_boxes(raw: Any, indices: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """PDFium's loose box of each character in ``indices`` (left, top, right, bottom in PDF space),
    and whether PDFium gave one."""
    scratch = _scratch
    rects = np.empty((len(indices), 4), dtype=np.float32)
    ok = np.empty(len(indices), dtype=bool)
    for start in range(0, len(indices), _CHUNK):
        chunk = indices[start : start + _CHUNK]
        n = len(chunk)
        ok[start : start + n] = np.fromiter(
            map(_LOOSE_CHAR_BOX, repeat(raw, n), chunk, scratch.rect_slots), dtype=np.intc, count=n
        )
        rects[start : start + n] = scratch.rects[:n]
    return rects, ok


_TABLE_SIZE = 0x3001  # past U+3000, the last white space in Unicode 15
_BLANK_TABLE = np.array([chr(c).isspace() or chr(c) in _SKIP for c in range(_TABLE_SIZE)] + [False])


def _blank(codes: np.ndarray) -> np.ndarray:
    """Which characters are white space or in ``_SKIP`` (no glyph of their own)."""
    blank = _BLANK_TABLE[np.minimum(codes, _TABLE_SIZE)]
    high = codes >= _TABLE_SIZE
    if high.any():  # checked one by one, whatever the Unicode version
        spaces = [c for c in np.unique(codes[high]).tolist() if chr(c).isspace()]
        if spaces:
            blank |= np.isin(codes, spaces)
    return blank


def _glyphs(textpage: pdfium.PdfTextPage, height: float) -> _Glyphs:
    """Every printed glyph with its box; ``space_after`` where the PDF prints a space."""
    count = textpage.count_chars()
    raw = textpage.raw
    text = _page_text(textpage, count)
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    # a space, a line break or a NUL is not a glyph: a space printed in the PDF separates words; one
    # PDFium made up from a gap is judged by the gap itself (see _layout), as pdfplumber does
    kept = np.flatnonzero(~_blank(codes))
    # the loose box spans the glyph's advance and the font's ascent and descent, like pdfminer's
    # character box: a dash or a full stop sits on its line like a letter
    rects, ok = _loose_boxes(raw, kept.tolist())
    if not ok.all():
        kept, rects = kept[ok], rects[ok]
    _mend_outline_boxes(raw, kept, codes[kept], rects)
    _font_size_high(raw, kept, rects)
    glyph_codes = codes[kept]
    for mark in _HYPHEN_MARKS:
        glyph_codes[glyph_codes == ord(mark)] = ord("-")  # PDFium's mark for a hyphen that ends a line
    space_after = np.zeros(len(kept), dtype=bool)
    made = np.zeros(len(kept), dtype=bool)
    spaces = np.flatnonzero(codes == _SPACE)
    after = np.searchsorted(kept, spaces) - 1  # the glyph each space follows, -1 for none
    spaces, after = spaces[after >= 0], after[after >= 0]
    if len(spaces):
        printed = np.fromiter(map(_IS_GENERATED, repeat(raw, len(spaces)), spaces.tolist()), dtype=np.intc)
        space_after[after[printed != 1]] = True
        made[after[printed == 1]] = True
    return _Glyphs(glyph_codes, rects, space_after, height, made)


def _order_py(x0: list[float], top: list[float]) -> tuple[list[int], list[bool]]:
    """The reading order of glyphs: lines top to bottom (a glyph starts a new line when its top is
    more than ``Y_TOLERANCE`` below the first glyph of the line), each left to right; and for each
    glyph in that order whether it starts a line. pdfplumber's text map in plain Python, for the
    rare glyph with a coordinate that is not a finite number, which does not sort in numpy as here."""
    order: list[int] = []
    starts: list[bool] = []
    line: list[int] = []
    anchor = 0.0
    for i in sorted(range(len(x0)), key=lambda i: (top[i], x0[i])):
        if not line or top[i] - anchor > Y_TOLERANCE:
            if line:
                line.sort(key=x0.__getitem__)
                order += line
                starts += [True] + [False] * (len(line) - 1)
            line, anchor = [], top[i]
        line.append(i)
    if line:
        line.sort(key=x0.__getitem__)
        order += line
        starts += [True] + [False] * (len(line) - 1)
    return order, starts


def _order(x0: np.ndarray, top: np.ndarray, group: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_order_py` for each group of glyphs (``group``, None for one group), groups in
    ascending order, in array operations: the same stable sorts, the same comparisons."""
    n = len(x0)
    if not (np.isfinite(x0).all() and np.isfinite(top).all()):
        return _order_each(x0, top, group)
    # numpy sorts complex numbers by their real part, then their imaginary part: by top, then x0
    key = np.empty(n, dtype=np.complex128)
    key.real, key.imag = top, x0
    order = np.argsort(key, kind="stable")
    # below[i]: the first glyph of i's group more than Y_TOLERANCE below glyph i (else the end of
    # the group), found by bisection and settled with the very comparison _order_py makes
    # (a - b > t and a > b + t can round differently)
    if group is None:
        tops, same = top[order], None
        below = np.searchsorted(tops, tops + Y_TOLERANCE, side="right")
    else:
        order = order[np.argsort(group[order], kind="stable")]
        tops, same = top[order], group[order]
        key.real, key.imag = same, tops
        probe = np.empty(n, dtype=np.complex128)
        probe.real, probe.imag = same, tops + Y_TOLERANCE
        below = np.searchsorted(key, probe, side="right")
    here = np.arange(n)
    while True:
        back = (below > here + 1) & (tops[below - 1] - tops > Y_TOLERANCE)
        if same is not None:
            back &= same[below - 1] == same
        if not back.any():
            break
        below[back] -= 1
    while True:
        ahead = np.minimum(below, n - 1)
        on = (below < n) & ~(tops[ahead] - tops > Y_TOLERANCE)
        if same is not None:
            on &= same[ahead] == same
        if not on.any():
            break
        below[on] += 1
    starts = np.zeros(n, dtype=bool)
    i = 0
    while i < n:  # each line starts at the first glyph below the anchor of the line before
        starts[i] = True
        i = int(below[i])
    # each line left to right: lines are runs of ``order``, already left to right where the tops agree
    x0s = x0[order]
    if ((x0s[1:] < x0s[:-1]) & ~starts[1:]).any():
        key.real, key.imag = np.cumsum(starts), x0s
        order = order[np.argsort(key, kind="stable")]
    return order, starts


def _order_each(x0: np.ndarray, top: np.ndarray, group: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_order` by :func:`_order_py`, one group at a time."""
    order: list[int] = []
    starts: list[bool] = []
    members_of = [np.arange(len(x0))] if group is None else [np.flatnonzero(group == g) for g in np.unique(group)]
    for members in members_of:
        o, s = _order_py(x0[members].tolist(), top[members].tolist())
        order += members[o].tolist()
        starts += s
    return np.array(order, dtype=np.intp), np.array(starts, dtype=bool)


def _layout(glyphs: _Glyphs, ids: np.ndarray | None = None, group: np.ndarray | None = None) -> tuple[str, np.ndarray]:
    """The text of glyphs laid out in lines, and where each glyph landed in it.

    The glyphs are all of them, in PDFium's order, or ``ids``: a glyph may be among them more
    than once, each time in a different ``group`` (a table cell); the text of each group is laid
    out on its own, and the groups follow each other in ascending order with nothing between them.
    """
    if ids is None:
        codes, x0, top, x1, space_after = glyphs.codes, glyphs.x0, glyphs.top, glyphs.x1, glyphs.space_after
        bottom, made = glyphs.bottom, glyphs.made_space_after
    else:
        codes, x0, top, x1 = glyphs.codes[ids], glyphs.x0[ids], glyphs.top[ids], glyphs.x1[ids]
        space_after, bottom, made = glyphs.space_after[ids], glyphs.bottom[ids], glyphs.made_space_after[ids]
    n = len(codes)
    if not n:
        return "", np.empty(0, dtype=np.intp)
    order, starts = _order(x0, top, group)
    before, after = order[:-1], order[1:]
    with np.errstate(invalid="ignore"):
        share = np.fmin(X_TOLERANCE, X_TOLERANCE_RATIO * np.abs(bottom[before] - top[before]))  # NaN: 3 points
        tolerance = np.where(made[before], share, X_TOLERANCE)
        gap = x0[after] - x1[before] > tolerance
    sep = np.zeros(n, dtype=np.uint32)
    sep[1:][space_after[before] | gap] = _SPACE
    sep[starts] = _NEWLINE
    sep[0] = 0
    if group is not None:
        in_order = group[order]
        sep[1:][in_order[1:] != in_order[:-1]] = 0  # a group starts: no line break before it
    has_sep = sep != 0
    placed = np.arange(n) + np.cumsum(has_sep)  # where the k-th glyph of ``order`` lands in the text
    text = np.empty(n + int(has_sep.sum()), dtype=np.uint32)
    text[placed] = codes[order]
    text[placed[has_sep] - 1] = sep[has_sep]
    where = np.empty(n, dtype=np.intp)
    where[order] = placed
    return text.tobytes().decode("utf-32-le", "surrogatepass"), where


def _page_text_and_boxes(glyphs: _Glyphs) -> tuple[str, np.ndarray]:
    """The page's text and the box behind each of its characters (NaN for the spaces and line
    breaks the layout adds)."""
    text, where = _layout(glyphs)
    boxes = np.full((len(text), 4), np.nan, dtype=np.float32)
    boxes[where] = glyphs.boxes
    return text, boxes


@dataclass
class _StandInPage:
    """What pdfplumber's TableFinder reads from a page: its box, its edges and its characters."""

    bbox: tuple[float, float, float, float]
    edges: list[dict[str, Any]]
    chars: list[dict[str, Any]] = field(default_factory=list)  # not needed to find cells from rules


def _path_objects(page: pdfium.PdfPage) -> list[Any]:
    """The path objects of the page and of the Form XObjects on it (one level down), in the order
    ``page.get_objects(filter=[FPDF_PAGEOBJ_PATH], max_depth=2)`` gives them, as raw handles."""
    out: list[Any] = []
    get_type = pdfium_c.FPDFPageObj_GetType
    path, form = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM

    def walk(parent: Any, count_objects: Any, get_object: Any, descend: bool) -> None:
        count = count_objects(parent)
        if count < 0:
            raise pdfium.PdfiumError("Failed to get number of pageobjects.")
        for i in range(count):
            obj = get_object(parent, i)
            if not obj:
                raise pdfium.PdfiumError("Failed to get pageobject.")
            kind = get_type(obj)
            if kind == path:
                out.append(obj)
            elif kind == form and descend:
                walk(obj, pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject, False)

    walk(page.raw, pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, True)
    return out


def _edges(page: pdfium.PdfPage, height: float) -> list[dict[str, Any]]:
    """Edges in pdfplumber's form from the bounds of every path: a thin path is a line, a box four."""
    edges: list[dict[str, Any]] = []
    scratch = _scratch
    bounds, slots = scratch.bounds, scratch.bound_slots
    for obj in _path_objects(page):
        if not _OBJECT_BOUNDS(obj, *slots):
            raise pdfium.PdfiumError("Failed to locate pageobject.")
        left, bottom, right, top = bounds
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


def _intersections_to_cells(intersections: dict[tuple[float, float], dict[str, list[dict[str, Any]]]]) -> list[BBox]:
    """pdfplumber's ``intersections_to_cells``, the same search in the same order, without its
    cost: the edges through each point are turned into a set once (not at every comparison), and
    the points below and to the right of a point are looked up, not filtered from all the rest.

    For each point, in sorted order, the smallest cell is the first (point below, point to the
    right) pair, each joined to the point by an edge, whose fourth corner is a point joined to both.
    """
    points = sorted(intersections)
    if not all(math.isfinite(x) and math.isfinite(y) for x, y in points):  # keys that are not equal to themselves
        return plumber_intersections_to_cells(intersections)
    v_edges = {p: {(e["x0"], e["top"], e["x1"], e["bottom"]) for e in found["v"]} for p, found in intersections.items()}
    h_edges = {p: {(e["x0"], e["top"], e["x1"], e["bottom"]) for e in found["h"]} for p, found in intersections.items()}

    def connects(p1: tuple[float, float], p2: tuple[float, float]) -> bool:
        if p1[0] == p2[0] and not v_edges[p1].isdisjoint(v_edges[p2]):
            return True
        return p1[1] == p2[1] and not h_edges[p1].isdisjoint(h_edges[p2])

    columns: dict[float, list[tuple[float, float]]] = {}  # the points with each x, in sorted order
    rows: dict[float, list[tuple[float, float]]] = {}  # the points with each y, in sorted order
    for point in points:
        columns.setdefault(point[0], []).append(point)
        rows.setdefault(point[1], []).append(point)

    def smallest_cell(pt: tuple[float, float], below: list, right: list) -> BBox | None:
        for below_pt in below:
            if not connects(pt, below_pt):
                continue
            for right_pt in right:
                if not connects(pt, right_pt):
                    continue
                corner = (right_pt[0], below_pt[1])
                if corner in intersections and connects(corner, right_pt) and connects(corner, below_pt):
                    return (pt[0], pt[1], corner[0], corner[1])
        return None

    cells: list[BBox] = []
    seen_in_column: dict[float, int] = {}
    seen_in_row: dict[float, int] = {}
    for pt in points:
        # the points after pt in sorted order with its x (below it) and with its y (right of it)
        k = seen_in_column[pt[0]] = seen_in_column.get(pt[0], -1) + 1
        j = seen_in_row[pt[1]] = seen_in_row.get(pt[1], -1) + 1
        cell = smallest_cell(pt, columns[pt[0]][k + 1 :], rows[pt[1]][j + 1 :])
        if cell:
            cells.append(cell)
    return cells


class _TableFinder(TableFinder):
    """pdfplumber's TableFinder (its ``__init__`` as of pdfplumber 0.11, default settings) with the
    search for cells done by :func:`_intersections_to_cells`: the edges, intersections, tables and
    their rows are pdfplumber's own."""

    def __init__(self, page: _StandInPage) -> None:
        self.page = page  # type: ignore[assignment]
        self.settings = TableSettings.resolve(None)
        self.edges = self.get_edges()
        self.intersections = edges_to_intersections(
            self.edges, self.settings.intersection_x_tolerance, self.settings.intersection_y_tolerance
        )
        self.cells = _intersections_to_cells(self.intersections)
        self.tables = [FoundTable(self.page, group) for group in cells_to_tables(self.cells)]  # type: ignore[arg-type]


def _may_hold_table(edges: list[dict[str, Any]]) -> bool:
    """Whether the edges could bound a cell at all. A cell's corners are crossings of two distinct
    horizontal and two distinct vertical edges, and TableFinder's merging only ever lessens the
    edges, so with fewer than two of either it finds nothing: skip it."""
    horizontal = sum(1 for e in edges if e["orientation"] == "h")
    return horizontal >= 2 and len(edges) - horizontal >= 2


def _round(b: tuple[float, float, float, float]) -> BBox:
    return (round(float(b[0]), 2), round(float(b[1]), 2), round(float(b[2]), 2), round(float(b[3]), 2))


_MEMBERSHIP_CELLS = 1 << 22  # glyph-by-cell tests made at once when placing glyphs in cells


def _tables(number: int, width: float, height: float, edges: list[dict[str, Any]], glyphs: _Glyphs) -> list[Table]:
    """Ruled tables: pdfplumber's TableFinder finds the cells from the rules; each cell's text is
    laid out here from the glyphs whose centre lies in it, as pdfplumber's own extract does (a glyph
    in the table, in the cell's row and in the cell: the row spans its cells from the highest top
    to the lowest bottom)."""
    if not _may_hold_table(edges):
        return []  # no rules, so no ruled table: the common case costs nothing
    found_tables = _TableFinder(_StandInPage((0.0, 0.0, width, height), edges)).tables
    if not found_tables:
        return []
    cx = (glyphs.x0 + glyphs.x1) / 2
    cy = (glyphs.top + glyphs.bottom) / 2
    layouts = []  # per table: its bbox, its rows of cell boxes
    bounds: list[tuple[float, ...]] = []  # per cell: row top, row bottom, x0, top, x1, bottom
    ids: list[np.ndarray] = []  # per cell, the glyphs in it, in PDFium's order
    for found in found_tables:
        x0, top, x1, bottom = found.bbox
        inside = np.flatnonzero((x0 <= cx) & (cx <= x1) & (top <= cy) & (cy <= bottom))
        rows = [row.cells for row in found.rows]
        first = len(bounds)
        for cells in rows:
            boxes = [box for box in cells if box is not None]
            if boxes:
                row_top, row_bottom = min(b[1] for b in boxes), max(b[3] for b in boxes)
                bounds += [(row_top, row_bottom, *box) for box in boxes]
        cells_bounds = np.array(bounds[first:], dtype=np.float64).reshape(-1, 6)
        in_cx, in_cy = cx[inside, None], cy[inside, None]
        step = max(1, _MEMBERSHIP_CELLS // max(1, len(inside)))
        for k in range(0, len(cells_bounds), step):
            row_top, row_bottom, bx0, btop, bx1, bbottom = cells_bounds[k : k + step].T
            member = (row_top <= in_cy) & (in_cy < row_bottom) & (bx0 <= in_cx) & (in_cx < bx1)
            member &= (btop <= in_cy) & (in_cy < bbottom)
            cell_of, glyph_of = np.nonzero(member.T)  # cell by cell, each in PDFium's order
            split = np.searchsorted(cell_of, np.arange(1, member.shape[1]))
            ids += np.split(inside[glyph_of], split)
        layouts.append((found.bbox, rows))
    texts = _cell_texts(glyphs, ids)
    tables: list[Table] = []
    next_text = iter(texts)
    for bbox, rows in layouts:
        out_rows = [[None if box is None else Cell(next(next_text), _round(box)) for box in cells] for cells in rows]
        if out_rows:
            tables.append(Table(page=number, bbox=_round(bbox), rows=out_rows))
    return tables


def _cell_texts(glyphs: _Glyphs, ids: list[np.ndarray]) -> list[str]:
    """The text of each cell, from the glyphs in it, all cells laid out in one pass."""
    sizes = np.fromiter((len(i) for i in ids), dtype=np.intp, count=len(ids))
    if not sizes.sum():
        return [""] * len(ids)
    text, where = _layout(glyphs, np.concatenate(ids), np.repeat(np.arange(len(ids)), sizes))
    filled = np.flatnonzero(sizes)
    starts = np.minimum.reduceat(where, (np.cumsum(sizes) - sizes)[filled])  # each cell's first character
    ends = np.append(starts[1:], len(text))
    out = [""] * len(ids)
    for cell, a, b in zip(filled.tolist(), starts.tolist(), ends.tolist()):
        out[cell] = text[a:b]
    return out


def read_page(page: pdfium.PdfPage, number: int) -> Page:
    """One PDFium page to a :class:`Page`; the caller closes the page."""
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        glyphs = _glyphs(textpage, height)
    finally:
        textpage.close()
    text, boxes = _page_text_and_boxes(glyphs)
    tables = _tables(number, width, height, _edges(page, height), glyphs)
    return Page(
        number=number,
        width=float(width),
        height=float(height),
        text=text,
        boxes=CharBoxes.from_array(boxes),
        tables=tables,
    )
