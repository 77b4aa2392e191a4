"""The document model handed to the extractors.

A :class:`Document` is plain data: page texts, the box of every character of
those texts, and the tables found on each page. It holds no open file and no
pdfplumber object, so it can be pickled, cached by content hash and built in a
worker process.
"""

from __future__ import annotations

import math
import re
import warnings
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

#: A box in PDF points, ``(x0, top, x1, bottom)``, top measured from the top of the page.
BBox = tuple[float, float, float, float]


def union_bbox(boxes: list[BBox]) -> BBox | None:
    """The smallest box holding every box given, or None for no boxes."""
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def in_regions(page: int, bbox: BBox | None, regions: list[tuple[int, BBox]]) -> bool:
    """Whether the centre of ``bbox`` on ``page`` lies in one of the (page, box) regions."""
    if bbox is None:
        return False
    cx, cy = (bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2
    return any(p == page and r[0] - 2 <= cx <= r[2] + 2 and r[1] - 2 <= cy <= r[3] + 2 for p, r in regions)


def format_bbox(bbox: BBox | None) -> str:
    """``x0,top,x1,bottom`` with one decimal, or an empty string."""
    if bbox is None:
        return ""
    return ",".join(f"{v:.1f}" for v in bbox)


class CharBoxes(Sequence):
    """The box of every character of a page's text, packed: a float32 array of shape (n, 4), NaN
    where a character (an implied space or line break) has no box. A 300-page notice holds about a
    million characters; as tuples they would take ~150 MB, packed they take 16 MB, and the box of a
    span is a vectorised min/max."""

    __slots__ = ("_data",)

    def __init__(self, boxes: Iterable[BBox | None] = ()) -> None:
        rows = [_NO_BOX if box is None else box for box in boxes]
        self._data = np.array(rows, dtype=np.float32).reshape(-1, 4)

    @classmethod
    def from_array(cls, values: np.ndarray) -> CharBoxes:
        """From an array of shape (n, 4), NaN for a character without a box (float32 is taken as is)."""
        boxes = cls()
        boxes._data = np.asarray(values, dtype=np.float32).reshape(-1, 4)
        return boxes

    def __len__(self) -> int:
        return int(self._data.shape[0])

    def _box(self, row: np.ndarray) -> BBox | None:
        if np.isnan(row[0]):
            return None
        return (round(float(row[0]), 2), round(float(row[1]), 2), round(float(row[2]), 2), round(float(row[3]), 2))

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self._box(row) for row in self._data[index]]
        return self._box(self._data[index])

    def span(self, start: int, end: int) -> BBox | None:
        """The box holding every character in ``[start, end)`` that has one."""
        block = self._data[max(start, 0) : max(end, 0)]
        block = block[~np.isnan(block[:, 0])]
        if not len(block):
            return None
        x0, top = block[:, 0].min(), block[:, 1].min()
        x1, bottom = block[:, 2].max(), block[:, 3].max()
        return (round(float(x0), 2), round(float(top), 2), round(float(x1), 2), round(float(bottom), 2))

    def segments(self, starts: np.ndarray) -> list[BBox | None]:
        """The box of each run of characters from ``starts[k]`` to ``starts[k + 1]`` (the last to the end),
        ignoring characters without a box."""
        if not len(starts):
            return []
        with np.errstate(invalid="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            x0 = np.fmin.reduceat(self._data[:, 0], starts)
            top = np.fmin.reduceat(self._data[:, 1], starts)
            x1 = np.fmax.reduceat(self._data[:, 2], starts)
            bottom = np.fmax.reduceat(self._data[:, 3], starts)
        out: list[BBox | None] = []
        for a, b, c, d in zip(x0.tolist(), top.tolist(), x1.tolist(), bottom.tolist()):
            out.append(None if a != a else (round(a, 2), round(b, 2), round(c, 2), round(d, 2)))
        return out

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CharBoxes) and np.array_equal(self._data, other._data, equal_nan=True)

    def __getstate__(self) -> bytes:
        return self._data.tobytes()

    def __setstate__(self, state: bytes) -> None:
        self._data = np.frombuffer(state, dtype=np.float32).reshape(-1, 4).copy()


_NO_BOX = (math.nan, math.nan, math.nan, math.nan)


@dataclass(frozen=True)
class Cell:
    text: str
    bbox: BBox | None


@dataclass(frozen=True)
class Table:
    """A ruled table found by pdfplumber: rows of cells, ``None`` for merged cells."""

    page: int
    bbox: BBox
    rows: list[list[Cell | None]]


@dataclass(frozen=True)
class Word:
    text: str
    start: int  # offset in the page text
    end: int
    bbox: BBox


@dataclass(frozen=True)
class Line:
    """One printed line: its words, its offsets in the page text, its box."""

    start: int
    end: int
    text: str
    words: list[Word]
    bbox: BBox


_WORD = re.compile(r"\S+")
_NEWLINE = re.compile("\n")


@dataclass
class Page:
    number: int  # 1-based
    width: float
    height: float
    text: str
    boxes: CharBoxes  # one per character of ``text``; None for implied spaces (a list is packed on creation)
    tables: list[Table] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not isinstance(self.boxes, CharBoxes):
            self.boxes = CharBoxes(self.boxes)
        if len(self.boxes) != len(self.text):
            raise ValueError(f"page {self.number}: {len(self.boxes)} boxes for {len(self.text)} characters")

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("_lines", None)  # derived; rebuilt on demand
        return state

    def bbox_of(self, start: int, end: int) -> BBox | None:
        """The box of the characters ``text[start:end]``."""
        return self.boxes.span(start, end)

    def lines(self) -> list[Line]:
        """The printed lines of the page, their words and boxes (computed once, in a few array
        operations: a Page's text never changes)."""
        cached = self.__dict__.get("_lines")
        if cached is not None:
            return cached
        text = self.text
        spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        out: list[Line] = []
        if spans:
            starts = np.fromiter((a for a, _ in spans), dtype=np.int64, count=len(spans))
            boxes = self.boxes.segments(starts)
            newlines = np.fromiter((m.start() for m in _NEWLINE.finditer(text)), dtype=np.int64)
            line_of = np.searchsorted(newlines, starts).tolist()
            current: list[Word] = []
            current_line = -1
            x0 = top = x1 = bottom = 0.0
            for k, (a, b) in enumerate(spans):
                box = boxes[k]
                if box is None:
                    continue
                if line_of[k] != current_line and current:
                    start, end = current[0].start, current[-1].end
                    out.append(Line(start, end, text[start:end], current, (x0, top, x1, bottom)))
                    current = []
                if not current:
                    x0, top, x1, bottom = box
                else:  # the line's box grows with each word (as union_bbox would make it)
                    x0, top, x1, bottom = min(x0, box[0]), min(top, box[1]), max(x1, box[2]), max(bottom, box[3])
                current_line = line_of[k]
                current.append(Word(text[a:b], a, b, box))
            if current:
                start, end = current[0].start, current[-1].end
                out.append(Line(start, end, text[start:end], current, (x0, top, x1, bottom)))
        self.__dict__["_lines"] = out
        return out


@dataclass
class Document:
    source_file: str  # path relative to the input folder, with forward slashes
    sha256: str
    pages: list[Page]
    ocr: bool = False  # True when the text came from OCR

    @property
    def text(self) -> str:
        """All pages joined by form feeds (computed once); offsets map back with :meth:`locate`."""
        cached = self.__dict__.get("_text")
        if cached is None:
            cached = self.__dict__["_text"] = "\f".join(p.text for p in self.pages)
        return cached

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k not in ("_text", "_offsets")}

    def page_offsets(self) -> list[int]:
        """Where each page starts in :attr:`text` (computed once)."""
        cached = self.__dict__.get("_offsets")
        if cached is None:
            cached, pos = [], 0
            for p in self.pages:
                cached.append(pos)
                pos += len(p.text) + 1
            self.__dict__["_offsets"] = cached
        return cached

    def locate(self, start: int, end: int) -> tuple[int, BBox | None]:
        """Page number and box of a span of :attr:`text`."""
        offsets = self.page_offsets()
        index = max(bisect_right(offsets, start) - 1, 0)
        page = self.pages[index]
        base = offsets[index]
        return page.number, page.bbox_of(start - base, min(end - base, len(page.text)))
