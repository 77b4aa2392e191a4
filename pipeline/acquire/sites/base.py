"""What every site module produces, and the parsing helpers they share.

A site module turns a publisher's pages into ``ListingPage``s of ``Notice``s. A notice carries the
listing's metadata and, where the listing links them directly, its documents; otherwise the runner
asks ``Site.documents(notice)``, which reads the detail page. The runner (``pipeline.acquire.fetch``)
decides which notices to visit, so incremental logic lives in one place.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from bs4 import BeautifulSoup, Tag

from pipeline.acquire.http import Client, FetchError
from pipeline.acquire.publishers import ConfigError, Publisher

log = logging.getLogger(__name__)


class StructureError(FetchError):
    """A page lacks the structure the scraper expects: the site has probably changed."""


@dataclass
class DocumentLink:
    url: str
    link_text: str = ""
    document_type: str = ""  #: e.g. "Decision Notice", "Recommendation Report"; part of the file name


@dataclass
class Notice:
    title: str
    listing_url: str
    detail_url: str = ""
    decision_id: str = ""
    id_source: str = ""  #: where decision_id came from: listing, detail, link, title
    date_signed: str = ""  #: ISO date when it could be read, else the text as printed
    date_published: str = ""
    date_of_decision: str = ""
    decision_maker: str = ""
    restricted: bool = False
    summary: str = ""
    documents: list[DocumentLink] | None = None  #: None: read the detail page to find them

    @property
    def key(self) -> str:
        """What de-duplicates notices within one run."""
        if self.decision_id:
            return "id:" + self.decision_id
        if self.detail_url:
            return "url:" + self.detail_url
        return "docs:" + "|".join(sorted(d.url for d in self.documents or []))

    @property
    def best_date(self) -> date | None:
        for text in (self.date_published, self.date_signed, self.date_of_decision):
            try:
                return date.fromisoformat(text)
            except ValueError:
                continue
        return None


@dataclass
class ListingPage:
    url: str
    label: str  #: for messages: "page 3", "quarter july-2024-to-september-2024"
    notices: list[Notice] = field(default_factory=list)


class Site:
    """Base for site modules: holds the publisher settings and the polite client."""

    def __init__(self, publisher: Publisher, client: Client) -> None:
        self.publisher = publisher
        self.client = client

    def pages(self) -> Iterator[ListingPage]:  # pragma: no cover - abstract
        raise NotImplementedError

    def documents(self, notice: Notice) -> list[DocumentLink]:
        return list(notice.documents or [])

    # -- helpers for subclasses

    def soup(self, url: str) -> tuple[BeautifulSoup, str]:
        page = self.client.get_page(url)
        return BeautifulSoup(page.text, "html.parser"), page.final_url

    def select(self, root: BeautifulSoup | Tag, key: str, default: str | None = None) -> list[Tag]:
        """Elements matching the CSS selector configured at ``fetch.selectors.<key>``."""
        selector = self.selectors.get(key, default)
        if not selector:
            raise ConfigError(f"{self.publisher.source}: fetch.selectors.{key} is missing")
        return list(root.select(selector))

    @property
    def selectors(self) -> dict[str, str]:
        return dict(self.publisher.get("selectors", {}) or {})

    @property
    def labels(self) -> dict[str, str]:
        return dict(self.publisher.get("labels", {}) or {})

    def document_type(self, link_text: str) -> str:
        """The configured document type whose name the link text contains, else ""."""
        for name in self.publisher.get("document_types", []) or []:
            if str(name).lower() in link_text.lower():
                return str(name)
        return ""


# --------------------------------------------------------------------------- text helpers


def clean(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def text_lines(element: Tag | BeautifulSoup) -> list[str]:
    """The element's text, one line per text node, blank lines dropped."""
    return [line for line in (clean(s) for s in element.get_text("\n").split("\n")) if line]


def label_value(lines: list[str], label: str, occurrence: int = 1) -> str:
    """The value after ``label`` in ``lines``: the rest of its line, else the next line.

    An empty value is recognised when the next line is itself a label (ends with a colon), as on
    MOPAC cards where "Date signed:" is often blank. Returns "" when the label is absent.
    """
    wanted = label.lower().rstrip(":").strip()
    seen = 0
    for i, line in enumerate(lines):
        lowered = line.lower()
        if not lowered.startswith(wanted):
            continue
        rest = line[len(wanted) :].lstrip()
        if rest.startswith(":"):
            rest = rest[1:].strip()
        elif rest:
            continue  # a longer word that merely starts with the label
        seen += 1
        if seen < occurrence:
            continue
        if rest:
            return rest
        if i + 1 < len(lines) and not lines[i + 1].endswith(":"):
            return lines[i + 1]
        return ""
    return ""


DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%d/%m/%Y", "%d/%m/%y", "%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d", "%B %d %Y")


def listing_date(text: str, *, context: str = "") -> str:
    """A date as printed on a listing, as ISO ``YYYY-MM-DD``; the text unchanged (with a warning) if unreadable."""
    text = clean(text)
    if not text:
        return ""
    candidate = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text, flags=re.I)
    candidate = re.sub(r"^(mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+", "", candidate, flags=re.I).replace(",", "")
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(candidate, fmt).date().isoformat()
        except ValueError:
            continue
    log.warning("%s: date %r not understood; kept as printed", context or "listing", text)
    return text


IdPatterns = str | list[str | dict[str, str]] | None


def find_id(patterns: IdPatterns, *texts: str, id_format: str | None = None) -> str:
    """The first match of any of ``patterns`` in ``texts`` (each text tried with every pattern), or "".

    A pattern is a regex string or ``{pattern: ..., format: ...}``. With a format (its own, else
    ``id_format``), e.g. ``"{year}/{num}"``, the match's named groups are put into it, so ``2024-20``
    in a file name and ``2024/20`` on a page give the same ID. Without one: the ``id`` group if the
    pattern has one, else the whole match, with spaces tidied.
    """
    if not patterns:
        return ""
    compiled: list[tuple[re.Pattern[str], str | None]] = []
    for item in [patterns] if isinstance(patterns, str) else patterns:
        if isinstance(item, dict):
            compiled.append((re.compile(item["pattern"], re.I), item.get("format") or id_format))
        else:
            compiled.append((re.compile(item, re.I), id_format))
    for text in texts:
        for pattern, fmt in compiled:
            match = pattern.search(text or "")
            if not match:
                continue
            if fmt:
                return fmt.format(**{k: v or "" for k, v in match.groupdict().items()})
            return clean(match.group("id") if "id" in pattern.groupindex else match.group(0))
    return ""
