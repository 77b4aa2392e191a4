"""The document model handed to the extractors.

A :class:`Document` is plain data: page texts, the box of every character of
those texts, and the tables found on each page. It holds no open file and no
pdfplumber object, so it can be pickled, cached by content hash and built in a
worker process.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

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
    """The box of every character of a page's text, packed: four float32 a character, NaN where a
    character (an implied space or line break) has no box. A 300-page notice holds about a million
    characters; as tuples they would take ~150 MB, packed they take 16 MB."""

    __slots__ = ("_data",)

    def __init__(self, boxes: Iterable[BBox | None] = ()) -> None:
        data = array("f")
        nan = math.nan
        for box in boxes:
            data.extend((nan, nan, nan, nan) if box is None else box)
        self._data = data

    def __len__(self) -> int:
        return len(self._data) // 4

    def _box(self, i: int) -> BBox | None:
        x0 = self._data[4 * i]
        if x0 != x0:  # NaN
            return None
        return (
            round(x0, 2),
            round(self._data[4 * i + 1], 2),
            round(self._data[4 * i + 2], 2),
            round(self._data[4 * i + 3], 2),
        )

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self._box(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._box(index)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CharBoxes) and self._data == other._data

    def __getstate__(self) -> bytes:
        return self._data.tobytes()

    def __setstate__(self, state: bytes) -> None:
        self._data = array("f")
        self._data.frombytes(state)


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
        return union_bbox([b for b in self.boxes[start:end] if b is not None])

    def lines(self) -> list[Line]:
        """The printed lines of the page (computed once; a Page's text never changes)."""
        cached = self.__dict__.get("_lines")
        if cached is not None:
            return cached
        out: list[Line] = []
        pos = 0
        for raw in self.text.split("\n"):
            start, end = pos, pos + len(raw)
            pos = end + 1
            words: list[Word] = []
            i = start
            while i < end:
                if self.text[i].isspace():
                    i += 1
                    continue
                j = i
                while j < end and not self.text[j].isspace():
                    j += 1
                box = self.bbox_of(i, j)
                if box is not None:
                    words.append(Word(self.text[i:j], i, j, box))
                i = j
            if not words:
                continue
            bbox = union_bbox([w.bbox for w in words])
            assert bbox is not None
            out.append(Line(words[0].start, words[-1].end, self.text[words[0].start : words[-1].end], words, bbox))
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
        """All pages joined by form feeds; offsets map back with :meth:`locate`."""
        return "\f".join(p.text for p in self.pages)

    def page_offsets(self) -> list[int]:
        offsets, pos = [], 0
        for p in self.pages:
            offsets.append(pos)
            pos += len(p.text) + 1
        return offsets

    def locate(self, start: int, end: int) -> tuple[int, BBox | None]:
        """Page number and box of a span of :attr:`text`."""
        offsets = self.page_offsets()
        index = 0
        for i, off in enumerate(offsets):
            if off <= start:
                index = i
        page = self.pages[index]
        base = offsets[index]
        return page.number, page.bbox_of(start - base, min(end - base, len(page.text)))

    def iter_tables(self) -> Iterator[Table]:
        for page in self.pages:
            yield from page.tables
