"""A notice's title, from the label that introduces it (``rules/titles.yml``)."""

from __future__ import annotations

from functools import cache

import regex

from pipeline.extract.identifiers import Found
from pipeline.extract.rules import load_yaml
from pipeline.read.document import Document, union_bbox

# Any "Label:" at the start of a line ends a title that wraps.
_ANY_LABEL = regex.compile(r"^\W{0,3}[A-Z][\w /&'()-]{0,40}:")


@cache
def _patterns() -> tuple[regex.Pattern, regex.Pattern, regex.Pattern]:
    data = load_yaml("titles.yml")
    labels = "|".join(data["labels"])
    stops = "|".join(data["stop_labels"])
    line = regex.compile(rf"^\W{{0,3}}(?:{labels})\s*[:\-–]\s*(?P<title>\S.*)$", regex.IGNORECASE)
    cell = regex.compile(rf"^\s*(?:{labels})\s*:?\s*$", regex.IGNORECASE)
    stop = regex.compile(rf"^\W{{0,3}}(?:{stops})\b", regex.IGNORECASE)
    return line, cell, stop


def clean_title(text: str) -> str:
    return regex.sub(r"\s+", " ", text).strip(" .:;-–")


def find_title(doc: Document) -> Found | None:
    line_pattern, cell_pattern, stop_pattern = _patterns()
    for page in doc.pages[:2]:
        for table in page.tables:
            for row in table.rows:
                cells = [c for c in row if c is not None]
                for label, value in zip(cells, cells[1:]):
                    if cell_pattern.match(label.text.replace("\n", " ")) and value.text.strip():
                        title = clean_title(value.text)
                        return Found(title, page.number, value.bbox, title)
        lines = page.lines()
        for index, line in enumerate(lines):
            m = line_pattern.match(line.text)
            if not m:
                continue
            parts, boxes = [m.group("title")], [page.bbox_of(line.start + m.start("title"), line.end)]
            for following in lines[index + 1 : index + 3]:
                if stop_pattern.match(following.text) or _ANY_LABEL.match(following.text):
                    break
                if following.bbox[1] - boxes[-1][3] > (line.bbox[3] - line.bbox[1]) * 1.2:
                    break  # a gap: the title has ended
                parts.append(following.text)
                boxes.append(following.bbox)
            title = clean_title(" ".join(parts))
            if title:
                return Found(title, page.number, union_bbox([b for b in boxes if b]), line.text)
    return None
