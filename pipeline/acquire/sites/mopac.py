"""MOPAC (London) decisions on london.gov.uk.

The listing is ``<listing_path>?page=N`` (N from 0), newest first, with a header "Showing 61-80 of
1659 results found" and one card per decision: a linked title, "Date signed:", "Date published:",
"Reference code: PCD 1462" and a summary. Cards shift between pages while we crawl (the total grows),
so the runner de-duplicates by reference code and stops at known references, and this module ends at
the page whose header says it holds the last result. The signed PDF is linked from the detail page,
as ``/media/<n>/download`` or ``/sites/default/files/<name>.pdf``.

Selectors, labels and patterns are data in ``rules/publishers/mopac.yml``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from urllib.parse import urlencode

from bs4 import Tag

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
    text_lines,
)

log = logging.getLogger(__name__)

RESULTS = r"Showing\s+(?P<first>[\d,]+)\s*[-\u2013]\s*(?P<last>[\d,]+)\s+of\s+(?P<total>[\d,]+)"


def _int(text: str) -> int:
    return int(text.replace(",", ""))


class MopacSite(Site):
    def page_url(self, n: int) -> str:
        path = self.publisher.require("listing_path")
        return self.publisher.url(f"{path}?{urlencode({'page': n})}")

    def pages(self) -> Iterator[ListingPage]:
        max_pages = int(self.publisher.get("max_pages", 500))
        for n in range(max_pages):
            url = self.page_url(n)
            doc, final_url = self.soup(url)
            text = clean(doc.get_text(" "))
            match = re.search(self.publisher.get("results_pattern", RESULTS), text)
            if not match:
                raise StructureError(
                    f"{url}: no results header like 'Showing 1-20 of 1659 results' on MOPAC listing page {n}; "
                    "the site layout may have changed (see fetch.results_pattern in rules/publishers/mopac.yml)"
                )
            first, last, total = (_int(match.group(g)) for g in ("first", "last", "total"))
            cards = self.select(doc, "card")
            if not cards:
                raise StructureError(
                    f"{url}: the header says results {first}-{last} of {total}, but no decision cards match "
                    f"{self.selectors.get('card')!r}; the site layout may have changed "
                    "(see fetch.selectors.card in rules/publishers/mopac.yml)"
                )
            notices = [notice for card in cards if (notice := self._card(card, final_url)) is not None]
            if not notices:
                raise StructureError(
                    f"{url}: {len(cards)} cards but none has a title link matching "
                    f"{self.selectors.get('card_link')!r}; the site layout may have changed"
                )
            yield ListingPage(url=url, label=f"page {n} (results {first}-{last} of {total})", notices=notices)
            if last >= total:
                return
        log.warning("stopped after fetch.max_pages=%d listing pages", max_pages)

    def _card(self, card: Tag, page_url: str) -> Notice | None:
        links = self.select(card, "card_link")
        if not links or not links[0].get("href"):
            log.warning("%s: a card without a title link, skipped: %.80s", page_url, clean(card.get_text(" ")))
            return None
        link = links[0]
        lines = text_lines(card)
        labels = self.labels
        page_type = label_value(lines, labels.get("page_type", "Page type:"))
        if page_type and page_type.lower() != "decision":
            log.info("%s: skipping a %s card: %s", page_url, page_type, clean(link.get_text()))
            return None
        title = clean(link.get_text())
        notice = Notice(title=title, listing_url=page_url, detail_url=self.publisher.url(str(link["href"]), page_url))
        reference = label_value(lines, labels.get("reference", "Reference code:"))
        notice.decision_id, notice.id_source = self._id(reference, "listing") or self._id(title, "title") or ("", "")
        if not notice.decision_id:
            log.warning("%s: no reference code for %r", page_url, title)
        context = f"{page_url} {notice.decision_id or title}"
        notice.date_signed = listing_date(
            label_value(lines, labels.get("date_signed", "Date signed:")), context=context
        )
        notice.date_published = listing_date(
            label_value(lines, labels.get("date_published", "Date published:")), context=context
        )
        summary = self.select(card, "summary") if self.selectors.get("summary") else []
        notice.summary = " ".join(clean(s.get_text(" ")) for s in summary)
        return notice

    def _id(self, text: str, source: str) -> tuple[str, str] | None:
        found = find_id(self.publisher.get("id_pattern"), text)
        return (re.sub(r"\s+", " ", found).upper(), source) if found else None

    def documents(self, notice: Notice) -> list[DocumentLink]:
        doc, final_url = self.soup(notice.detail_url)
        scope = self.select(doc, "detail") if self.selectors.get("detail") else []
        if self.selectors.get("detail") and not scope:
            raise StructureError(
                f"{notice.detail_url}: no element matches {self.selectors['detail']!r} on the decision page; "
                "the site layout may have changed"
            )
        root = scope[0] if scope else doc
        lines = text_lines(root)
        labels = self.labels
        if not notice.decision_id:
            found = self._id(label_value(lines, labels.get("reference", "Reference code:")), "detail")
            if found:
                notice.decision_id, notice.id_source = found
        context = f"{notice.detail_url}"
        if not notice.date_signed:
            notice.date_signed = listing_date(
                label_value(lines, labels.get("date_signed", "Date signed:")), context=context
            )
        if not notice.date_published:
            notice.date_published = listing_date(
                label_value(lines, labels.get("date_published", "Date published:")), context=context
            )
        notice.decision_maker = label_value(lines, labels.get("decision_by", "Decision by:"))
        found: dict[str, DocumentLink] = {}
        for a in self.select(root, "pdf_link"):
            url = self.publisher.url(str(a.get("href", "")), final_url)
            if url not in found:
                text = clean(a.get_text(" "))
                found[url] = DocumentLink(url=url, link_text=text, document_type=self.document_type(text))
        return list(found.values())
