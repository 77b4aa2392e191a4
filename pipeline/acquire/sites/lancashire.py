"""Lancashire PCC decisions, one page per quarter, on lancashire-pcc.gov.uk.

The current quarter is at ``current_path``; it links the earlier quarters
(``/transparency/decisions/july-2024-to-september-2024/``), which are read newest first.
A quarter page is a run of label/value blocks, one per decision, each starting with "Decision Ref:"
(whose value, e.g. ``2024/20``, the production site often fails to render), then the title, a
first-person summary, "Date of Decision:", the links under "Decision Papers/Reason for Restricted"
(usually "Decision Notice" and "Recommendation Report") and "Decision Maker:". A restricted decision
has a paragraph starting "RESTRICTED" and only the Decision Notice.

Blocks are found by that first label in the page's text, so the module works whether or not each
decision has its own wrapper element. When the Ref is missing, the ID is read from the PDF link text
or file name with ``id_from_links`` patterns and written with ``id_format`` (``2024-20`` -> ``2024/20``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment

from pipeline.acquire.sites.base import (
    DocumentLink,
    ListingPage,
    Notice,
    Site,
    StructureError,
    clean,
    find_id,
    label_value,
    listing_date,
)

log = logging.getLogger(__name__)

QUARTER = r"(?P<m1>[a-z]+)-(?P<y1>\d{4})-to-(?P<m2>[a-z]+)-(?P<y2>\d{4})/?$"


@dataclass
class _Block:
    lines: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (href, text)


def _quarter_end(path: str) -> tuple[int, int]:
    match = re.search(QUARTER, path, re.I)
    if not match:
        return (0, 0)
    try:
        month = datetime.strptime(match.group("m2")[:3].title(), "%b").month
    except ValueError:
        month = 0
    return (int(match.group("y2")), month)


class LancashireSite(Site):
    def pages(self) -> Iterator[ListingPage]:
        current = self.publisher.url(self.publisher.require("current_path"))
        doc, final_url = self.soup(current)
        quarters = self._quarter_links(doc, final_url)
        if not quarters:
            log.warning("%s: no links to earlier quarters found; reading the current quarter only", current)
        total = 0
        for url, label, page in [(current, "current quarter", (doc, final_url))] + [
            (q, "quarter " + urlsplit(q).path.rstrip("/").rsplit("/", 1)[-1], None) for q in quarters
        ]:
            doc, final_url = page if page else self.soup(url)
            notices = self._notices(doc, final_url)
            total += len(notices)
            yield ListingPage(url=url, label=label, notices=notices)
        if total == 0:
            raise StructureError(
                f"{current}: no decisions (blocks starting {self._ref_label!r}) on any quarter page; "
                "the site layout may have changed (see rules/publishers/lancashire.yml)"
            )

    @property
    def _ref_label(self) -> str:
        return self.labels.get("reference", "Decision Ref:")

    def _quarter_links(self, doc: BeautifulSoup, page_url: str) -> list[str]:
        pattern = re.compile(self.publisher.get("quarter_link_pattern", QUARTER), re.I)
        found: dict[str, tuple[int, int]] = {}
        for a in doc.find_all("a", href=True):
            url = self.publisher.url(str(a["href"]), page_url)
            path = urlsplit(url).path
            if pattern.search(path) and url.rstrip("/") != page_url.rstrip("/"):
                found[url] = _quarter_end(path)
        return sorted(found, key=lambda u: found[u], reverse=True)

    def _notices(self, doc: BeautifulSoup, page_url: str) -> list[Notice]:
        scope = self.select(doc, "content")
        if not scope:
            raise StructureError(
                f"{page_url}: no element matches {self.selectors.get('content')!r}; "
                "the site layout may have changed (see fetch.selectors.content in rules/publishers/lancashire.yml)"
            )
        content = scope[0]
        blocks = self._blocks(content)
        if not blocks:
            pdfs = content.select(self.selectors.get("pdf_link", 'a[href$=".pdf"]'))
            if pdfs:
                raise StructureError(
                    f"{page_url}: {len(pdfs)} PDF links but no decision blocks starting {self._ref_label!r}; "
                    "the site layout may have changed"
                )
            log.info("%s: no decisions listed", page_url)
        return [n for block in blocks if (n := self._notice(block, page_url)) is not None]

    def _blocks(self, content: Tag) -> list[_Block]:
        """Split the content's text into decision blocks at each "Decision Ref:" label."""
        pdf_links = {id(a) for a in content.select(self.selectors.get("pdf_link", 'a[href$=".pdf"]'))}
        ref = self._ref_label.lower().rstrip(":")
        blocks: list[_Block] = []
        for node in content.descendants:
            if isinstance(node, Tag) and id(node) in pdf_links and blocks:
                blocks[-1].links.append((str(node["href"]), clean(node.get_text(" "))))
                continue
            if not isinstance(node, NavigableString) or isinstance(node, Comment):
                continue
            if node.find_parent(["script", "style"]) is not None:
                continue
            text = clean(str(node))
            if not text:
                continue
            if text.lower().startswith(ref):
                blocks.append(_Block())
            if not blocks or node.find_parent("a") is not None:
                continue
            blocks[-1].lines.append(text)
            if node.find_parent(["h1", "h2", "h3", "h4", "h5", "h6"]) is not None:
                blocks[-1].headings.append(text)
        return blocks

    def _notice(self, block: _Block, page_url: str) -> Notice | None:
        labels = self.labels
        lines = block.lines
        ref_text = label_value(lines, self._ref_label)
        patterns = self.publisher.get("id_pattern")
        id_format = self.publisher.get("id_format")
        decision_id = find_id(patterns, ref_text, id_format=id_format)
        id_source = "listing" if decision_id else ""
        documents = []
        for href, text in block.links:
            url = self.publisher.url(href, page_url)
            documents.append(DocumentLink(url=url, link_text=text, document_type=self.document_type(text)))
        if not decision_id:
            names = [unquote(urlsplit(d.url).path.rsplit("/", 1)[-1]) for d in documents]
            decision_id = find_id(patterns, *(d.link_text for d in documents), *names, id_format=id_format)
            id_source = "link" if decision_id else ""
        title = block.headings[0] if block.headings else ""
        date_label = labels.get("date_of_decision", "Date of Decision:")
        date_text = label_value(lines, date_label)
        restricted_marker = self.publisher.get("restricted_marker", "RESTRICTED")
        restricted = [line for line in lines if line.startswith(restricted_marker)]
        summary_lines = []
        if title in lines:
            for line in lines[lines.index(title) + 1 :]:
                if line.lower().startswith(date_label.lower().rstrip(":")):
                    break
                summary_lines.append(line)
        if not title and not documents:
            log.warning(
                "%s: a decision block with neither a title nor documents, skipped: %.80s", page_url, " ".join(lines)
            )
            return None
        if not decision_id:
            log.warning("%s: no decision number for %r (not on the page nor in its links)", page_url, title)
        return Notice(
            title=title,
            listing_url=page_url,
            decision_id=decision_id,
            id_source=id_source,
            date_of_decision=listing_date(date_text, context=f"{page_url} {decision_id or title}"),
            decision_maker=label_value(lines, labels.get("decision_maker", "Decision Maker:")),
            restricted=bool(restricted),
            summary=" ".join(summary_lines),
            documents=documents,
        )
