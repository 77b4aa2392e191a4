"""The array layout of the PDFium reader gives what the plain per-glyph layout gives, on any glyphs.

The reference below is the layout as it was written first, one Python object per glyph (and as
pdfplumber's text map does it): lines by ``top`` (a glyph more than 3 points below the first glyph
of the line starts a new one), each line left to right, a space where the PDF printed one or the
gap is wider than 3 points, or than a fifth of the glyph's height where PDFium made up a space from the
gap. Random glyphs sit on a coarse grid, so ties in ``top`` and ``x0`` and gaps of exactly 3 points are
common, and now and then a coordinate is not a number.
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfplumber.table import TableFinder

from pipeline.read import fast

HEIGHT = 792.0


class _Ref:
    def __init__(
        self, text: str, x0: float, top: float, x1: float, bottom: float, space_after: bool, made: bool = False
    ) -> None:
        self.text, self.x0, self.top, self.x1, self.bottom, self.space_after = text, x0, top, x1, bottom, space_after
        self.made = made  # PDFium made up a space after it


def _tolerance(g: _Ref) -> float:
    share = fast.X_TOLERANCE_RATIO * abs(g.bottom - g.top)
    return fast.X_TOLERANCE if not g.made or math.isnan(share) else min(fast.X_TOLERANCE, share)


def _reference(glyphs: list[_Ref]) -> tuple[str, list[_Ref | None]]:
    lines: list[list[_Ref]] = []
    current: list[_Ref] = []
    anchor = None
    for g in sorted(glyphs, key=lambda g: (g.top, g.x0)):
        if anchor is None or g.top - anchor > fast.Y_TOLERANCE:
            if current:
                lines.append(current)
            current, anchor = [], g.top
        current.append(g)
    if current:
        lines.append(current)
    parts: list[str] = []
    owners: list[_Ref | None] = []
    for n, line in enumerate(lines):
        line.sort(key=lambda g: g.x0)
        if n:
            parts.append("\n")
            owners.append(None)
        previous = None
        for g in line:
            if previous is not None and (previous.space_after or g.x0 - previous.x1 > _tolerance(previous)):
                parts.append(" ")
                owners.append(None)
            parts.append(g.text)
            owners.append(g)
            previous = g
    return "".join(parts), owners


_glyph = st.tuples(
    st.sampled_from("ab-1é€\U0001d400"),
    st.integers(0, 60).map(lambda k: k * 1.5) | st.floats(0, 90, width=32),  # x0
    st.integers(0, 60).map(lambda k: k * 1.5) | st.floats(0, 90, width=32),  # top
    st.integers(0, 8).map(lambda k: k * 0.75),  # width
    st.sampled_from([0, 1, 2]),  # after it: no space, a printed space, a space PDFium made up from the gap
)


def _arrays(specs, odd: list[tuple[int, int, float]]) -> tuple[fast._Glyphs, list[_Ref]]:
    rects = np.array([(x0, HEIGHT - top, x0 + w, HEIGHT - top - 10) for _, x0, top, w, _ in specs], dtype=np.float32)
    rects = rects.reshape(-1, 4)
    for index, column, value in odd:  # a coordinate that is not a finite number
        if specs:
            rects[index % len(specs), column] = value
    codes = np.array([ord(ch) for ch, *_ in specs], dtype=np.uint32)
    space_after = np.array([s == 1 for *_, s in specs], dtype=bool)
    made = np.array([s == 2 for *_, s in specs], dtype=bool)
    glyphs = fast._Glyphs(codes, rects, space_after, HEIGHT, made)
    refs = [
        _Ref(ch, float(r[0]), HEIGHT - float(r[1]), float(r[2]), HEIGHT - float(r[3]), s == 1, s == 2)
        for (ch, *_, s), r in zip(specs, rects)
    ]
    return glyphs, refs


_odd = st.lists(
    st.tuples(st.integers(0, 1000), st.sampled_from([0, 1]), st.sampled_from([math.nan, math.inf])), max_size=2
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_glyph, max_size=80), st.booleans(), _odd)
def test_page_layout_matches_the_reference(specs, plain, odd) -> None:
    glyphs, refs = _arrays(specs, [] if plain else odd)
    text, boxes = fast._page_text_and_boxes(glyphs)
    expected, owners = _reference(refs)
    assert text == expected
    flat = [v for g in owners for v in ((math.nan,) * 4 if g is None else (g.x0, g.top, g.x1, g.bottom))]
    assert np.array_equal(boxes, np.array(flat, dtype=np.float32).reshape(-1, 4), equal_nan=True)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_glyph, max_size=40), st.lists(st.lists(st.integers(0, 39), max_size=12), max_size=8), st.booleans(), _odd
)
def test_cell_layout_matches_the_reference(specs, cells, plain, odd) -> None:
    glyphs, refs = _arrays(specs, [] if plain else odd)
    ids = [np.array(sorted({i for i in cell if i < len(specs)}), dtype=np.intp) for cell in cells]
    texts = fast._cell_texts(glyphs, ids)
    assert texts == [_reference([refs[i] for i in cell])[0] for cell in ids]


def test_blank_characters_are_those_python_calls_space() -> None:
    sample = list(range(0x3100)) + [0xFEFF, 0xFFFE, 0xFFFD, 0x10000, 0x1D400, 0x10FFFF, 0xD800]
    codes = np.array(sample, dtype=np.uint32)
    expected = [chr(c).isspace() or chr(c) in fast._SKIP for c in sample]
    assert fast._blank(codes).tolist() == expected


_edge = st.tuples(st.sampled_from("hv"), st.integers(0, 20), st.integers(0, 20), st.integers(1, 20))


@settings(max_examples=200, deadline=None)
@given(st.lists(_edge, max_size=12))
def test_no_table_is_skipped(specs) -> None:
    """TableFinder is only skipped where it would find nothing."""
    edges = []
    for orientation, a, b, length in specs:
        if orientation == "h":
            edges.append(fast._edge("h", a * 5.0, b * 5.0, (a + length) * 5.0, b * 5.0))
        else:
            edges.append(fast._edge("v", a * 5.0, b * 5.0, a * 5.0, (b + length) * 5.0))
    if not fast._may_hold_table(edges):
        assert TableFinder(fast._StandInPage((0.0, 0.0, 300.0, 300.0), edges)).tables == []


def test_a_crowded_page_matches_the_reference() -> None:
    """Thousands of glyphs on a few positions: the sorts must keep PDFium's order among equals."""
    rng = np.random.default_rng(7)
    n = 3000
    specs = [
        (ch, x0, top, w, s)
        for ch, x0, top, w, s in zip(
            rng.choice(list("abcdefgh"), n).tolist(),
            (rng.integers(0, 12, n) * 1.5).tolist(),
            (rng.integers(0, 40, n) * 0.75 + rng.choice([0.0, 0.1, 2.9, 3.0, 3.1], n)).tolist(),
            (rng.integers(0, 4, n) * 1.5).tolist(),
            rng.choice([0, 0, 0, 1, 2], n).tolist(),
        )
    ]
    glyphs, refs = _arrays(specs, [])
    text, boxes = fast._page_text_and_boxes(glyphs)
    expected, owners = _reference(refs)
    assert text == expected
    cells = [np.flatnonzero(rng.random(n) < 0.05) for _ in range(20)]
    assert fast._cell_texts(glyphs, cells) == [_reference([refs[i] for i in cell])[0] for cell in cells]


def test_line_breaks_use_the_same_comparison_as_the_reference() -> None:
    """``a - b > 3`` and ``a > b + 3`` differ for some doubles (b + 3 rounded up into the next power
    of two): the line starts must follow the first, as the reference does."""
    rng = np.random.default_rng(11)
    b = 2.0 ** rng.integers(3, 12, 400) - rng.uniform(0, 3, 400)  # each the first glyph of its group
    a = b + 3.0
    assert ((a - b > 3.0) != (a > b + 3.0)).sum() > 50  # the data holds such pairs
    tops = np.concatenate([b, a, np.nextafter(a, 0), np.nextafter(a, 1e4)])
    x0 = rng.integers(0, 5, len(tops)) * 2.0
    group = np.tile(np.arange(400), 4)
    order, starts = fast._order(x0, tops, group)
    expected_order, expected_starts = fast._order_each(x0, tops, group)
    assert order.tolist() == expected_order.tolist() and starts.tolist() == expected_starts.tolist()
    b = 2.0 ** np.arange(3, 14) - rng.uniform(0, 3, 11)  # a page: each b the first glyph of a line
    a = b + 3.0
    assert ((a - b > 3.0) != (a > b + 3.0)).any()
    tops = np.concatenate([b, a, np.nextafter(a, 0), np.nextafter(a, 1e4)])
    x0 = rng.integers(0, 5, len(tops)) * 2.0
    order, starts = fast._order(x0, tops, None)
    expected_order, expected_starts = fast._order_py(x0.tolist(), tops.tolist())
    assert order.tolist() == expected_order and starts.tolist() == expected_starts


def test_cells_are_pdfplumbers() -> None:
    """The cell search finds pdfplumber's cells, in pdfplumber's order, from random rules on a
    small grid (broken lines, crossings without a joining edge, cells within cells)."""
    rng = np.random.default_rng(3)
    for _ in range(400):
        edges = []
        for a, b, length, horizontal in zip(*rng.integers([0, 0, 1, 0], [11, 11, 9, 2], (rng.integers(0, 31), 4)).T):
            if horizontal:
                edges.append(fast._edge("h", a * 5.0, b * 5.0, (a + length) * 5.0, b * 5.0))
            else:
                edges.append(fast._edge("v", a * 5.0, b * 5.0, a * 5.0, (b + length) * 5.0))
        page = fast._StandInPage((0.0, 0.0, 300.0, 300.0), edges)
        finder = TableFinder(page)
        assert fast._intersections_to_cells(finder.intersections) == finder.cells
        assert [t.cells for t in fast._TableFinder(page).tables] == [t.cells for t in finder.tables]
