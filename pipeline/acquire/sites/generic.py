"""A configuration-driven scraper for simple sites: listing pages with links to decision pages or PDFs.

Everything site-specific is data in ``rules/publishers/<slug>.yml`` (see docs/fetch.md):

* ``start``: listing pages to begin at;
* ``selectors.follow`` (optional): links on a start page to more listing pages (yearly logs, ...);
* ``selectors.next_page`` (optional): the "next" link of a paginated listing;
* ``selectors.item``: links to decision pages or directly to PDFs, with ``item_pattern`` (optional)
  as a regex their URL must match;
* ``selectors.detail`` / ``selectors.title`` / ``selectors.pdf_link``: on a decision page, the
  part to read, its title and the document links;
* ``fields``: labelled values on a decision page (``decision_id``, ``date_signed``,
  ``date_of_decision``, ``date_published``, ``decision_maker``), each ``{label: "Date:", occurrence: 2}``;
* ``id_pattern`` / ``id_format`` / ``id_uppercase``: how to recognise and write the decision ID.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

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

DATE_FIELDS = ("date_signed", "date_published", "date_of_decision")


class GenericSite(Site):
    def _source(self) -> str:
        return f"rules/publishers/{self.publisher.slug}.yml"

    def pages(self) -> Iterator[ListingPage]:
        starts = self.publisher.require("start")
        starts = [starts] if isinstance(starts, str) else list(starts)
        max_pages = int(self.publisher.get("max_pages", 200))
        count = 0
        for start in starts:
            for url in self._listings(self.publisher.url(start)):
                while url and count < max_pages:
                    doc, final_url = self.soup(url)
                    notices = self._items(doc, final_url)
                    if not notices and count == 0:
                        pattern = self.publisher.get("item_pattern")
                        raise StructureError(
                            f"{url}: no decision links match {self.selectors.get('item')!r}"
                            + (f" and {pattern!r}" if pattern else "")
                            + f"; the site layout may have changed (see fetch.selectors.item in {self._source()})"
                        )
                    if not notices:
                        log.warning("%s: no decision links on this listing page", url)
                    count += 1
                    parts = urlsplit(url)
                    label = parts.path + (f"?{parts.query}" if parts.query else "")
                    yield ListingPage(url=url, label=label, notices=notices)
                    url = self._next(doc, final_url)
        if count >= max_pages:
            log.warning("stopped after fetch.max_pages=%d listing pages", max_pages)

    def _listings(self, start: str) -> list[str]:
        """The start page itself, or the listing pages it links with ``selectors.follow``."""
        if not self.selectors.get("follow"):
            return [start]
        doc, final_url = self.soup(start)
        urls = list(
            dict.fromkeys(
                self.publisher.url(str(a["href"]), final_url) for a in self.select(doc, "follow") if a.get("href")
            )
        )
        if not urls:
            raise StructureError(
                f"{start}: no listing links match {self.selectors['follow']!r}; "
                f"the site layout may have changed (see fetch.selectors.follow in {self._source()})"
            )
        return urls

    def _next(self, doc: BeautifulSoup, page_url: str) -> str:
        if not self.selectors.get("next_page"):
            return ""
        links = [a for a in self.select(doc, "next_page") if a.get("href")]
        return self.publisher.url(str(links[0]["href"]), page_url) if links else ""

    def _is_document(self, url: str) -> bool:
        pattern = self.publisher.get("document_pattern", r"\.pdf$")
        return bool(re.search(pattern, urlsplit(url).path, re.I))

    def _id(self, *texts: str) -> str:
        found = find_id(self.publisher.get("id_pattern"), *texts, id_format=self.publisher.get("id_format"))
        return found.upper() if found and self.publisher.get("id_uppercase") else found

    def _items(self, doc: BeautifulSoup, page_url: str) -> list[Notice]:
        pattern = self.publisher.get("item_pattern")
        notices: dict[str, Notice] = {}
        for a in self.select(doc, "item"):
            if not a.get("href"):
                continue
            url = self.publisher.url(str(a["href"]), page_url)
            if pattern and not re.search(pattern, url, re.I):
                continue
            if url in notices:
                continue
            text = clean(a.get_text(" "))
            path = unquote(urlsplit(url).path)
            notice = Notice(title=text, listing_url=page_url)
            notice.decision_id = self._id(text, path)
            notice.id_source = "link" if notice.decision_id else ""
            if self._is_document(url):
                notice.documents = [DocumentLink(url=url, link_text=text, document_type=self.document_type(text))]
            else:
                notice.detail_url = url
            notices[url] = notice
        return list(notices.values())

    def documents(self, notice: Notice) -> list[DocumentLink]:
        if notice.documents is not None:
            return list(notice.documents)
        doc, final_url = self.soup(notice.detail_url)
        root = doc
        if self.selectors.get("detail"):
            scope = self.select(doc, "detail")
            if not scope:
                raise StructureError(
                    f"{notice.detail_url}: no element matches {self.selectors['detail']!r} on the decision page; "
                    f"the site layout may have changed (see fetch.selectors.detail in {self._source()})"
                )
            root = scope[0]
        if self.selectors.get("title"):
            titles = self.select(root, "title") or self.select(doc, "title")
            if titles:
                notice.title = clean(titles[0].get_text(" ")) or notice.title
        lines = text_lines(root)
        values: dict[str, str] = {}
        for name, spec in (self.publisher.get("fields", {}) or {}).items():
            spec = {"label": spec} if isinstance(spec, str) else dict(spec)
            values[name] = label_value(lines, spec["label"], int(spec.get("occurrence", 1)))
        if values.get("decision_id"):
            found = self._id(values["decision_id"]) or values["decision_id"]
            notice.decision_id, notice.id_source = found, "detail"
        elif not notice.decision_id:
            notice.decision_id = self._id(notice.title)
            notice.id_source = "title" if notice.decision_id else ""
        for name in DATE_FIELDS:
            if values.get(name):
                setattr(notice, name, listing_date(values[name], context=notice.detail_url))
        if values.get("decision_maker"):
            notice.decision_maker = values["decision_maker"]
        marker = self.publisher.get("restricted_marker")
        if marker and any(line.startswith(marker) for line in lines):
            notice.restricted = True
        found: dict[str, DocumentLink] = {}
        for a in self.select(root, "pdf_link", 'a[href$=".pdf"]'):
            url = self.publisher.url(str(a.get("href", "")), final_url)
            if url not in found:
                text = clean(a.get_text(" "))
                found[url] = DocumentLink(url=url, link_text=text, document_type=self.document_type(text))
        return list(found.values())
