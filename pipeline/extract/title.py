"""A notice's title, from the label that introduces it (``rules/titles.yml``)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import regex

from pipeline.extract.identifiers import Found
from pipeline.extract.rules import load_yaml
from pipeline.extract.text import squash
from pipeline.read.document import Document, Line, Page, union_bbox

# Any "Label:" at the start of a line ends a title that wraps.
_ANY_LABEL = regex.compile(r"^\W{0,3}[A-Z][\w /&'()-]{0,40}:")


@cache
def _patterns() -> tuple[regex.Pattern, regex.Pattern, regex.Pattern, regex.Pattern]:
    data = load_yaml("titles.yml")
    labels = "|".join(data["labels"])
    stops = "|".join(data["stop_labels"])
    # a bilingual label ("Teitl / Title:") counts as its English half
    other_language = r"(?:[^/\n]{0,40}/[ ]*)?"
    line = regex.compile(rf"^{other_language}\W{{0,3}}(?:{labels})\s*[:\-–]\s*(?P<title>\S.*)$", regex.IGNORECASE)
    # a label alone in a cell, or on a numbered heading line ("1. Title of decision") above the title
    cell = regex.compile(rf"^\s*{other_language}(?:\d{{1,2}}\.?\s+)?(?:{labels})\s*:?\s*$", regex.IGNORECASE)
    stop = regex.compile(rf"^\W{{0,3}}(?:{stops})\b", regex.IGNORECASE)
    # a label in a column of its own, its value in the next column with no colon ("Title     Domestic ...")
    column = regex.compile(
        rf"^{other_language}(?P<label>(?:{labels}))\s+(?P<title>(?-i:[A-Z0-9]).*)$", regex.IGNORECASE
    )
    return line, cell, stop, column


# "Swyddog Arweiniol / Lead Officer": a label in two languages starts a new field
_BILINGUAL_LABEL = regex.compile(r"^[A-Z][\w'’]*(?: [\w'’]+){0,3} / [A-Z]")
_ENDS_WITH_YEAR = regex.compile(r"(?:19|20)\d{2}(?:\s?[-/–]\s?\d{2,4})?\)?\s*$")


def _last_statement(parts: list[str], boxes: list) -> tuple[list[str], list]:
    """Lines of a two-language title split after a line that ends with a year; the English version kept
    (the one with fewest Welsh words; on a tie, the last, as the English usually follows)."""
    cuts = [
        k + 1
        for k, part in enumerate(parts[:-1])
        if _ENDS_WITH_YEAR.search(part) and parts[k + 1][:1].isupper()  # a new statement opens
    ]
    if not cuts:
        return parts, boxes
    bounds = list(zip([0, *cuts], [*cuts, len(parts)]))
    a, b = min(reversed(bounds), key=lambda ab: sum(welsh_count(p) for p in parts[ab[0] : ab[1]]))
    return parts[a:b], boxes[a:b]


def welsh_count(text: str) -> int:
    """How many of a text's words are common Welsh words."""
    welsh = _welsh_words()
    return sum(w.strip(",.:;()–-").lower() in welsh for w in text.split())


@cache
def _welsh_words() -> frozenset[str]:
    return frozenset(w.lower() for w in load_yaml("titles.yml").get("welsh_words", []))


def clean_title(text: str) -> str:
    # a form's "Decision:" label read with its value ("Decision:   Body Worn Video Replacement")
    return _one_language(_DECISION_LABEL.sub("", squash(text)).strip(" .:;-–"))


def _one_language(title: str) -> str:
    """Of a title given in Welsh and in English on one line, "Welsh / English", the English half: the one
    with no common Welsh words where the other has two or more."""
    halves = title.split(" / ")
    if len(halves) != 2 or any(len(h.split()) < 2 for h in halves):
        return title
    counts = [welsh_count(h) for h in halves]
    welsh = halves[counts.index(max(counts))]
    # (the Welsh half has no English words of grammar: not "Funding for Cymorth Cymru / Supporting People Grant")
    if min(counts) == 0 and max(counts) >= 2 and not _ENGLISH_GRAMMAR.search(welsh):
        return halves[counts.index(0)].strip(" .:;-–")
    return title


_ENGLISH_GRAMMAR = regex.compile(r"\b(?:the|of|for|and|to|in|with|on)\b", regex.IGNORECASE)


_TITLE_LABEL = regex.compile(r"^(?:title|subject)\s*:\s*", regex.IGNORECASE)
_DECISION_LABEL = regex.compile(r"^\s*Decision\s*:\s+(?=\S)")


def _titles(doc: Document) -> Iterator[Found]:
    """Each value a title label introduces, in reading order."""
    line_pattern, cell_pattern, stop_pattern, column_pattern = _patterns()
    for page in doc.pages[:2]:
        for table in page.tables:
            for row in table.rows:
                cells = [c for c in row if c is not None]
                for label, value in zip(cells, cells[1:]):
                    if cell_pattern.match(label.text.replace("\n", " ")) and value.text.strip():
                        parts = value.text.split("\n")
                        if "/" in label.text:  # "Teitl / Title": the Welsh title, then the English one
                            parts, _ = _last_statement(parts, parts)
                        title = clean_title(" ".join(parts))
                        yield Found(title, page.number, value.bbox, f"{squash(label.text)} {title}")
        lines = page.lines()
        for index, line in enumerate(lines):
            m = line_pattern.match(line.text)
            in_columns = m is None and (m := _in_columns(page, line, column_pattern)) is not None
            if not m and cell_pattern.match(line.text) and index + 1 < len(lines):
                found = _beside_label(page, lines, index, stop_pattern)
                if found is not None:
                    yield found
            if not m:
                continue
            side = _SECOND_LABEL.search(m.group("title"))
            if side is not None:  # "Teitl: Rhaglen ...    Title: Cautioning ...": two languages side by side
                found = _right_column_title(page, lines, index, line.start + m.start("title") + side.start(1))
                if found is not None:
                    yield found
                continue
            parts, boxes = [m.group("title")], [page.bbox_of(line.start + m.start("title"), line.end)]
            bilingual = "/" in line.text[: m.start("title")]
            for following in lines[index + 1 : index + (5 if bilingual else 3)]:
                if stop_pattern.match(following.text) or _ANY_LABEL.match(following.text):
                    break
                if bilingual and _BILINGUAL_LABEL.match(following.text):
                    break
                if following.bbox[1] - boxes[-1][3] > (line.bbox[3] - line.bbox[1]) * 1.2:
                    break  # a gap: the title has ended
                gap = following.bbox[1] - boxes[-1][3] if boxes[-1] else 0.0
                if (
                    boxes[0]
                    and following.bbox[0] < boxes[0][0] - 3
                    and (
                        in_columns
                        or (_SHORT_HEADING.match(following.text) and gap > (line.bbox[3] - line.bbox[1]) * 0.5)
                    )
                ):
                    break  # the next field's label, or a section heading set apart ("Background"), left of the title
                parts.append(following.text)
                boxes.append(following.bbox)
            if bilingual:  # "Teitl / Title:" gives the Welsh title, then the English one
                parts, boxes = _last_statement(parts, boxes)
            title = clean_title(" ".join(parts))
            if title:
                yield Found(title, page.number, union_bbox([b for b in boxes if b]), line.text)


def find_title(doc: Document) -> Found | None:
    """The first title a label introduces; but where it is in Welsh and the next label on its page gives one
    in English ("Teitl  Cronfa Gymunedol ..." / "Title  Commissioner's Community Fund ..."), the English."""
    titles = _titles(doc)
    first = next(titles, None)
    if first is None or not _WELSH_LABEL.match(first.quote) or _ENGLISH_GRAMMAR.search(first.value):
        return first
    following = next(titles, None)
    if (
        following is not None
        and following.page == first.page
        and _ENGLISH_LABEL.match(following.quote)
        and welsh_count(following.value) < welsh_count(first.value)
    ):
        return following
    return first


_WELSH_LABEL = regex.compile(r"^\W*Teitl\b(?!\s*/)", regex.IGNORECASE)
_ENGLISH_LABEL = regex.compile(r"^\W*Title\b", regex.IGNORECASE)


_SECOND_LABEL = regex.compile(r"\s((?:title|subject)\s*:)\s*(?=\S)", regex.IGNORECASE)


def _right_column_title(page: Page, lines: list[Line], index: int, label_at: int) -> Found | None:
    """The title in the right-hand column of a two-language form: from its label on this line, and the
    words of the next lines printed in that column, until a gap or another label."""
    box = page.boxes[label_at]
    if box is None:
        return None
    left = box[0] - 2
    line = lines[index]
    words = [w for w in line.words if w.bbox[0] >= left]
    parts, boxes = [" ".join(w.text for w in words)], [union_bbox([w.bbox for w in words])]
    for following in lines[index + 1 : index + 3]:
        column = [w for w in following.words if w.bbox[0] >= left]
        text = " ".join(w.text for w in column)
        if not column or _ANY_LABEL.match(text) or _patterns()[2].match(text):
            break
        if following.bbox[1] - line.bbox[3] > (line.bbox[3] - line.bbox[1]) * 2.5:
            break
        parts.append(text)
        boxes.append(union_bbox([w.bbox for w in column]))
        line = following
    title = clean_title(_TITLE_LABEL.sub("", " ".join(parts)))
    return Found(title, page.number, union_bbox([b for b in boxes if b]), lines[index].text) if title else None


_SHORT_HEADING = regex.compile(r"^\W{0,3}(?:\d{1,2}\.?\s+)?[A-Z][\w'’]*(?:\s+[\w'’&]+){0,3}\s*$")


def _in_columns(page: Page, line: Line, pattern: regex.Pattern) -> regex.Match | None:
    """A label and its value printed in two columns: a wide gap, not a space, between them."""
    m = pattern.match(line.text)
    if m is None:
        return None
    label_end = page.bbox_of(line.start + m.start("label"), line.start + m.end("label"))
    value = page.bbox_of(line.start + m.start("title"), line.start + m.start("title") + 1)
    if label_end is None or value is None or value[0] - label_end[2] < 12:
        return None
    return m


def _beside_label(page: Page, lines: list[Line], index: int, stop_pattern: regex.Pattern) -> Found | None:
    """The value of a label alone on its line: the next line, or, where the label sits in the middle
    of a value that wraps in the next column, the value's lines above and below it."""
    label = lines[index]
    following = lines[index + 1]
    if stop_pattern.match(following.text) or _ANY_LABEL.match(following.text):
        return None
    height = label.bbox[3] - label.bbox[1]
    parts = [following]
    previous = lines[index - 1] if index > 0 else None
    if (
        previous is not None
        and previous.bbox[0] > label.bbox[2] + 12  # in the value column, not under the label
        and abs(previous.bbox[0] - following.bbox[0]) < 3
        and following.bbox[1] - previous.bbox[3] < height * 1.5
    ):
        parts.insert(0, previous)
    if "/" in label.text and len(parts) == 2:  # "Teitl / Title": the value's two lines may be its two languages
        welsh = [welsh_count(ln.text) for ln in parts]
        # (unless the halves are split by " / " across the lines: "Llwybr – Cynllun ... / Llwybr –" / "Women's ...")
        if max(welsh) >= 2 and min(welsh) == 0 and " / " not in " ".join(ln.text for ln in parts):
            parts = [parts[welsh.index(0)]]
    title = clean_title(" ".join(ln.text for ln in parts))
    if len(title) <= 3:
        return None
    return Found(title, page.number, union_bbox([ln.bbox for ln in parts]), f"{label.text} {title}")


_HEADING_WORDS = regex.compile(
    r"^(?:official(?:[- ]sensitive)?|decision(?:\s+(?:notice|record|report|making record|sheet))?|record of decision|"
    r"decision details|recommendation report|part\s+[i1]+|executive summary|not protectively marked|restricted)\W*$"
    r"|commissioner\s+(?:for|of)\b|office for policing and crime|combined authority",
    regex.IGNORECASE,
)


def _skipped(text: str, skip: set[str]) -> bool:
    """Whether a line is one of ``skip`` (the ID, the publisher's name) with no more than a few words about it
    ("Office of the ...", "Decision Notice BPCC 058/2024"), not a title that opens with it ("Kent PCC Community
    Safety Fund 2024/25")."""
    lowered = text.lower()
    return any(
        s and s.lower() in lowered and (_A_DIGIT.search(s) or len(lowered.replace(s.lower(), " ").split()) <= 3)
        for s in skip  # (an ID, with a digit, wherever it stands)
    )


_A_DIGIT = regex.compile(r"\d")


def title_after_heading(doc: Document, skip: set[str]) -> Found | None:
    """The line under a page-1 heading such as "Decision details" (a ModernGov page) or "Decision
    Notice", when it is not a label, the publisher or the ID."""
    lines = doc.pages[0].lines()[:25]
    for index, line in enumerate(lines[:-1]):
        heading = line.text.strip()
        if not _HEADING_WORDS.match(heading) or not heading.lower().startswith(("decision", "record")):
            continue
        following = lines[index + 1]
        text = following.text.strip()
        if len(text) < 10 or _ANY_LABEL.match(text) or _HEADING_WORDS.search(text) or _skipped(text, skip):
            continue
        return Found(clean_title(text), 1, following.bbox, following.text)
    return None


def _line_height(page, line) -> float:
    heights = [b[3] - b[1] for b in page.boxes[line.start : line.end] if b is not None]
    return sorted(heights)[len(heights) // 2] if heights else 0.0


def title_after_id(doc: Document, decision_id: Found | None, skip: set[str] = frozenset()) -> Found | None:  # type: ignore[assignment]
    """``Decision 028-2021 – Title of the decision``: the words after the ID and a dash on its line; or the line
    under the ID, unless it is one of ``skip`` (the publisher's name)."""
    if decision_id is None:
        return None
    page = doc.pages[decision_id.page - 1]
    lines = page.lines()
    for line in lines:
        at = line.text.find(decision_id.value)
        if at < 0:
            continue
        m = regex.match(r"\s*[-–—:]\s*(?P<t>\S.{3,})$", line.text[at + len(decision_id.value) :])
        if m:
            more = _wrapped(page, lines, lines.index(line))
            title = clean_title(" ".join([m.group("t"), *(ln.text for ln in more)]))
            bbox = union_bbox([b for b in [page.bbox_of(line.start + at, line.end), *(ln.bbox for ln in more)] if b])
            return Found(title, page.number, bbox, line.text)
        # or before it, where the line ends with the reference ("PCC DN - VRU Funding Award ref: 2811")
        m = _BEFORE_REF.match(line.text[:at])
        if m and not line.text[at + len(decision_id.value) :].strip():
            title = clean_title(m.group("t"))
            return Found(title, page.number, page.bbox_of(line.start, line.start + m.end("t")), line.text)
    # or the line under a labelled ID at the head of the notice, when it reads like a title
    for index, line in enumerate(lines[:12]):
        if decision_id.value not in line.text or index + 1 >= len(lines):
            continue
        text = lines[index + 1].text.strip()
        if (
            len(text.split()) >= 3
            and not text.endswith(".")
            and not _patterns()[2].match(text)  # a field's label ("Date of report:"), not a title with a colon
            and not _FIELD.match(text)
            and not _HEADING_WORDS.search(text)
            and not _PARAGRAPH_START.match(text)
            and not _skipped(text, skip)
        ):
            return Found(clean_title(text), page.number, lines[index + 1].bbox, text)
        break
    return None


_SENTENCE_OPENERS = frozenset(
    {"The", "This", "That", "It", "A", "An", "In", "I", "We", "To", "Following", "Background"}
)


def _wrapped(page: Page, lines: list[Line], index: int) -> list[Line]:
    """The lines a heading wraps onto: up to two, printed at its size straight under it and back at its left
    edge, after a line that ran across most of the page ("DN 31/YNYCA/M/2025 – Youth Diversion and Adult Out
    of Court" / "Disposal Interventions 2025/26"); never a label, a field or a sentence."""
    line, out = lines[index], []
    size = _line_height(page, line)
    if not line.bbox or line.bbox[2] < 0.55 * page.width or not size:
        return out
    for following in lines[index + 1 : index + 3]:
        text = following.text.strip()
        if (
            not text
            or not following.bbox
            or abs(following.bbox[0] - line.bbox[0]) > 3
            or following.bbox[1] - line.bbox[3] > 0.8 * size
            or abs(_line_height(page, following) - size) > 0.1 * size
            or text.endswith(".")
            or len(text.split()) > 10
            or text.split()[0] in _SENTENCE_OPENERS
            or _HEADING_WORDS.search(text)
            or _PARAGRAPH_START.match(text)
            or _ANY_LABEL.match(text)
            or _FIELD.match(text)
            or _patterns()[2].match(text)
        ):
            break
        out.append(following)
        if following.bbox[2] < 0.55 * page.width:
            break  # a short line ends the heading
        line = following
    return out


# three words at least, then "ref:" ("Decision reference:" is a label)
_BEFORE_REF = regex.compile(r"^\s*(?P<t>\S+(?:\s+\S+){2,}?)\s+ref(?:erence)?\s*:\s*$", regex.IGNORECASE)
_FIELD = regex.compile(r"^\W{0,3}(?:date|ref|reference|report|author|officer|contact|lead|owner)\b", regex.I)
_PARAGRAPH_START = regex.compile(r"^\W{0,3}\d{1,2}(?:\.\d+)*\.?\s")


_LABEL_ALONE = regex.compile(r"^[\w'’ ]{1,40}:$")


def title_by_size(doc: Document, skip: set[str]) -> Found | None:
    """The largest printed line(s) on page 1 that are not a heading, the publisher or the ID."""
    page = doc.pages[0]
    lines = page.lines()[:25]
    if not lines:
        return None
    heights = [_line_height(page, ln) for ln in lines]
    body = sorted(heights)[len(heights) // 2]
    best: list[int] = []
    for i, (line, height) in enumerate(zip(lines, heights)):
        text = line.text.strip()
        if (
            height < body * 1.15
            or _HEADING_WORDS.search(text)
            or _LABEL_ALONE.match(text)  # "Purpose:", a field's label in a heading font
            or _skipped(text, skip)
        ):
            continue
        if best and i == best[-1] + 1 and abs(heights[best[-1]] - height) < 0.5:
            best.append(i)
        elif not best or height > heights[best[0]] + 0.5:
            best = [i]
    if not best:
        return None
    title = clean_title(" ".join(lines[i].text for i in best))
    bbox = union_bbox([lines[i].bbox for i in best])
    return Found(title, page.number, bbox, title) if len(title) > 3 else None
