"""The ``fetch`` command: one publisher's new decision notices into ``data/raw/<publisher>/``.

The runner walks the site module's listing pages newest first and, for each notice on them,
fetches its documents (conditionally, when the manifest has an ETag or Last-Modified for the URL).
It de-duplicates notices by ID within a run (listings shift while we crawl) and stops:

* after the first listing page with no new notice (unless ``--recheck``);
* at the first page whose notices are all older than ``--since``;
* after ``--limit`` notices.

Heavy modules are imported inside ``cmd_fetch`` so that ``--help`` starts quickly.
"""

from __future__ import annotations

import argparse
import hashlib
import ipaddress
import logging
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from pipeline import config

if TYPE_CHECKING:
    from pipeline.acquire.http import Client, Download
    from pipeline.acquire.publishers import Publisher
    from pipeline.acquire.sites.base import DocumentLink, Notice, Site
    from pipeline.acquire.store import Row, Store

log = logging.getLogger(__name__)

#: Where ``fetch`` keeps its HTTP cache of listing and decision pages (one SQLite file per publisher).
CACHE_DIR = config.INTERIM_DIR / "http-cache"
#: The contact URL or e-mail put in the User-Agent. Set it here, or with PCC_FETCH_CONTACT / --contact.
CONTACT = ""
DEFAULT_DELAY = 1.0


@dataclass
class Options:
    since: date | None = None
    limit: int | None = None
    recheck: bool = False


@dataclass
class Report:
    pages: int = 0
    notices: int = 0
    new_notices: int = 0
    shifted: int = 0  #: notices seen again on a later page because the listing moved
    retried: int = 0  #: notices from earlier runs that had failed or had no document, tried again
    resumed: bool = False  #: an unfinished earlier crawl was carried on
    skipped: int = 0  #: notices already stored, skipped without a request while resuming
    documents: Counter[str] = field(
        default_factory=Counter
    )  #: new, changed, unchanged, redownloaded, failed, no_document
    failures: list[str] = field(default_factory=list)
    stopped: str = ""


# --------------------------------------------------------------------------- the runner


def run(
    site: Site,
    client: Client,
    store: Store,
    options: Options,
    emit: Callable[[str], None] = lambda line: None,
) -> Report:
    """Fetch what is new (see the module docstring). ``StructureError`` and listing failures propagate."""
    from pipeline.acquire.http import _now

    report = Report()
    seen: set[str] = set()
    newest_first = bool(site.publisher.get("newest_first", True))
    # An earlier crawl that never reached the end of the listing (interrupted, --limit, an error) is
    # resumed: every listing page is read, and notices already stored are skipped without a request.
    report.resumed = bool(store.rows) and not store.crawl_complete and not options.recheck
    if report.resumed:
        emit(
            "resuming: no earlier run read the listing to its end, so every page is read "
            "and notices already stored are skipped"
        )
    pages = site.pages()
    try:
        for page in pages:
            report.pages += 1
            fresh = [n for n in page.notices if n.key not in seen]
            report.shifted += len(page.notices) - len(fresh)
            seen.update(n.key for n in page.notices)
            in_range = fresh
            older = False
            if options.since:
                since = options.since
                in_range = [n for n in fresh if n.best_date is None or n.best_date >= since]
                older = len(in_range) < len(fresh)
            new_here = 0
            for notice in in_range:
                if options.limit is not None and report.notices >= options.limit:
                    report.stopped = f"--limit {options.limit} reached"
                    return report
                report.notices += 1
                urls = [d.url for d in notice.documents or []]
                if report.resumed and store.has_stored(notice.decision_id, notice.detail_url, urls):
                    report.skipped += 1
                    continue
                if _process(site, client, store, notice, report, emit):
                    new_here += 1
            report.new_notices += new_here
            if older and newest_first:
                report.stopped = f"{page.label} reaches notices older than {options.since}"
                break
            if not options.recheck and not report.resumed and in_range and new_here == 0:
                report.stopped = f"{page.label} has no new notice, so older pages were not read (--recheck reads them)"
                break
        else:
            store.mark_complete(_now())
            report.stopped = "the end of the listing"
    finally:
        pages.close()
    _retry_outstanding(site, client, store, seen, report, emit)
    return report


def _retry_outstanding(
    site: Site, client: Client, store: Store, seen: set[str], report: Report, emit: Callable[[str], None]
) -> None:
    """Try again the notices that failed or had no document last time and were not on the pages read."""
    from pipeline.acquire.sites.base import DocumentLink, Notice
    from pipeline.acquire.store import FAILED, NO_DOCUMENT

    outstanding = [r for r in store.rows if r["outcome"] in (FAILED, NO_DOCUMENT)]
    tried: set[str] = set()
    for row in outstanding:
        notice = Notice(
            title=row["title"],
            listing_url=row["listing_url"],
            detail_url=row["detail_url"],
            decision_id=row["decision_id"],
            id_source=row["id_source"],
            date_signed=row["date_signed"],
            date_published=row["date_published"],
            date_of_decision=row["date_of_decision"],
            decision_maker=row["decision_maker"],
            restricted=row["restricted"] == "true",
            summary=row["summary"],
        )
        if row["pdf_url"]:
            notice.documents = [DocumentLink(row["pdf_url"], row["link_text"], row["document_type"])]
        elif not row["detail_url"]:
            continue
        attempt = "pdf:" + row["pdf_url"] if row["pdf_url"] else notice.key
        if notice.key in seen or attempt in tried:
            continue  # read on a listing page this run, or already tried
        tried.add(attempt)
        report.retried += 1
        _process(site, client, store, notice, report, emit)


def _process(
    site: Site, client: Client, store: Store, notice: Notice, report: Report, emit: Callable[[str], None]
) -> bool:
    """Fetch one notice's documents; True if the notice was new."""
    from pipeline.acquire.http import FetchError
    from pipeline.acquire.sites.base import StructureError
    from pipeline.acquire.store import FAILED, NO_DOCUMENT

    is_new = not store.is_known(notice.decision_id, notice.detail_url, [d.url for d in notice.documents or []])
    name = notice.decision_id or notice.title or notice.detail_url
    try:
        documents = site.documents(notice)
    except StructureError:
        raise
    except FetchError as exc:
        store.record(_row(notice, None, outcome=FAILED, error=str(exc), http_status=str(getattr(exc, "status", ""))))
        report.documents["failed"] += 1
        report.failures.append(str(exc))
        emit(f"failed     {name}: {exc}")
        return is_new
    if not documents:
        store.record(_row(notice, None, outcome=NO_DOCUMENT, error="no document linked"))
        report.documents["no_document"] += 1
        emit(f"no PDF     {name}: {notice.detail_url or notice.listing_url} links no document")
    for document in documents:
        outcome, detail = _fetch_document(client, store, notice, document)
        report.documents[outcome] += 1
        if outcome == "failed":
            report.failures.append(detail)
        if outcome != "unchanged":
            emit(f"{outcome:<10} {name}: {detail}")
    return is_new


def _stem(notice: Notice, document: DocumentLink) -> str:
    from pipeline.acquire.store import safe_stem

    if notice.decision_id:
        return safe_stem(notice.decision_id, document.document_type)
    anchor = notice.detail_url or document.url
    return safe_stem("noid-" + hashlib.sha1(anchor.encode()).hexdigest()[:10], document.document_type)


def _fetch_document(client: Client, store: Store, notice: Notice, document: DocumentLink) -> tuple[str, str]:
    from pipeline.acquire.http import FetchError
    from pipeline.acquire.store import FAILED

    latest = store.latest(document.url)
    validators = {"If-None-Match": latest["etag"], "If-Modified-Since": latest["last_modified"]} if latest else {}
    stem = _stem(notice, document)
    with store.partial(stem) as part:
        try:
            download = client.download(document.url, part, validators)
        except FetchError as exc:
            store.record(
                _row(notice, document, outcome=FAILED, error=str(exc), http_status=str(getattr(exc, "status", "")))
            )
            return "failed", str(exc)
        if download.not_modified:
            store.settle(document.url)
            return "unchanged", "not modified"
        if latest is not None and download.sha256 == latest["sha256"]:
            store.settle(document.url)
            return "redownloaded", "same content (the server sent no ETag/Last-Modified to check against)"
        row = store.commit(part, stem, _row(notice, document, download=download))
    return ("changed" if latest else "new"), f"{row['file']} ({row['bytes']} bytes) from {document.url}"


def _row(
    notice: Notice,
    document: DocumentLink | None,
    *,
    download: Download | None = None,
    outcome: str = "",
    error: str = "",
    http_status: str = "",
) -> Row:
    row = {
        "decision_id": notice.decision_id,
        "id_source": notice.id_source,
        "title": notice.title,
        "date_signed": notice.date_signed,
        "date_published": notice.date_published,
        "date_of_decision": notice.date_of_decision,
        "decision_maker": notice.decision_maker,
        "restricted": "true" if notice.restricted else "false",
        "summary": notice.summary,
        "listing_url": notice.listing_url,
        "detail_url": notice.detail_url,
        "outcome": outcome,
        "error": error,
        "http_status": http_status,
    }
    if document is not None:
        row.update(pdf_url=document.url, link_text=document.link_text, document_type=document.document_type)
    if download is not None:
        row.update(
            final_url=download.final_url,
            fetched_at=download.fetched_at,
            http_status=str(download.status),
            content_type=download.content_type,
            bytes=str(download.bytes),
            sha256=download.sha256,
            etag=download.etag,
            last_modified=download.last_modified,
        )
    else:
        from pipeline.acquire.http import _now

        row["fetched_at"] = _now()
    return row


# --------------------------------------------------------------------------- the command


def _is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def summary_lines(report: Report, client: Client, store: Store) -> list[str]:
    d = report.documents
    lines = [
        f"listing pages read: {report.pages}" + (f"; stopped: {report.stopped}" if report.stopped else ""),
        f"notices: {report.notices} read, {report.new_notices} new"
        + (f" ({report.shifted} seen twice as the listing shifted)" if report.shifted else "")
        + (f"; {report.retried} from earlier runs tried again" if report.retried else "")
        + (f"; {report.skipped} already stored, skipped (resuming)" if report.skipped else ""),
        f"documents: {d['new']} new, {d['changed']} changed (stored as new versions), "
        f"{d['unchanged'] + d['redownloaded']} unchanged, {d['failed']} failed, {d['no_document']} notices without one",
    ]
    if d["new"] + d["changed"] == 0:
        if d["redownloaded"]:
            lines.append(
                f"nothing new: {d['redownloaded']} PDFs had to be downloaded again to compare "
                "(their server sends no ETag/Last-Modified), and all were the same"
            )
        else:
            lines.append("nothing new: no PDF was downloaded again")
    s = client.stats
    lines.append(
        f"HTTP: {s['requests']} requests, {s['pages_not_modified']} pages and "
        f"{s['documents_not_modified']} documents not modified, {s['bytes']} bytes of PDF downloaded"
    )
    lines.append(f"manifest: {store.manifest_path} ({len(store.stored())} files, {len(store.rows)} rows)")
    return lines


def cmd_fetch(args: argparse.Namespace) -> int:
    from pipeline.acquire import publishers
    from pipeline.acquire.http import Client, FetchError, HostPolicy, Politeness
    from pipeline.acquire.sites import make_site
    from pipeline.acquire.store import Store

    try:
        known = publishers.load_all(Path(args.rules))
    except publishers.ConfigError as exc:
        print(f"error: {exc}")
        return 2
    if args.list:
        for slug, p in known.items():
            print(f"{slug:<14} {p.name:<22} {p.scraper:<11} {p.base_url}")
        return 0
    if not args.publisher:
        print("error: name a publisher (python -m pipeline fetch --list shows them)")
        return 2
    if args.publisher not in known:
        print(f"error: unknown publisher {args.publisher!r}; known: {', '.join(sorted(known)) or 'none'}")
        return 2
    try:
        publisher: Publisher = known[args.publisher]
        if args.base_url:
            publisher = publisher.with_base_url(args.base_url)
    except publishers.ConfigError as exc:
        print(f"error: {exc}")
        return 2
    contact = args.contact or os.environ.get("PCC_FETCH_CONTACT") or CONTACT
    if not contact:
        if not _is_loopback(publisher.root):
            print(
                "error: set a contact URL or e-mail for the User-Agent first, so that site owners can reach us "
                "(--contact, the PCC_FETCH_CONTACT variable, or CONTACT in pipeline/acquire/fetch.py)"
            )
            return 2
        contact = "local test run"
    delay = args.delay if args.delay is not None else float(publisher.get("delay", DEFAULT_DELAY))
    if delay < DEFAULT_DELAY and not _is_loopback(publisher.root):
        log.warning("a delay of %ss between requests is less than the polite default of %ss", delay, DEFAULT_DELAY)
    politeness = Politeness(
        contact=contact,
        delay=delay,
        timeout=args.timeout if args.timeout is not None else float(publisher.get("timeout", 30.0)),
        max_bytes=args.max_bytes if args.max_bytes is not None else int(publisher.get("max_bytes", 50 * 1024 * 1024)),
    )
    store = Store(Path(args.output), publisher.slug)
    cache = Path(args.cache_dir) / f"{publisher.slug}.sqlite"
    print(f"{publisher.name} ({publisher.slug}) from {publisher.root}, {delay:g}s between requests")
    with Client(politeness, HostPolicy.of(publisher.allowed_hosts), cache) as client:
        site = make_site(publisher, client)
        options = Options(since=args.since, limit=args.limit, recheck=args.recheck)
        try:
            report = run(site, client, store, options, emit=print)
        except FetchError as exc:
            print(f"error: {exc}")
            print(f"manifest: {store.manifest_path} ({len(store.stored())} files); re-run to carry on")
            return 1
        except KeyboardInterrupt:
            print(
                "interrupted: no partial file was kept; "
                f"{len(store.stored())} files are in {store.manifest_path}; re-run to carry on"
            )
            return 130
        for line in summary_lines(report, client, store):
            print(line)
    return 1 if report.failures else 0


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2024-01-31") from None


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "fetch",
        help="download a publisher's new decision notices into data/raw/<publisher>/",
        description="Download a publisher's new decision notices (PDF) politely and incrementally, "
        "with a manifest of what came from where and when. See docs/fetch.md.",
    )
    p.add_argument("publisher", nargs="?", help="publisher slug, e.g. mopac (see --list)")
    p.add_argument("--list", action="store_true", help="list the publishers that can be fetched")
    p.add_argument("--since", type=_date, help="skip notices dated before this day (YYYY-MM-DD)")
    p.add_argument("--limit", type=_positive, help="read at most N notices")
    p.add_argument(
        "--recheck",
        action="store_true",
        help="read every listing page and re-check every known document (else stop at known notices)",
    )
    p.add_argument(
        "--base-url",
        help="send every request for the publisher's hosts here instead "
        "(e.g. http://127.0.0.1:8000 for a fixture site)",
    )
    p.add_argument(
        "--output", default=str(config.RAW_DIR), help="folder holding one folder per publisher (default data/raw)"
    )
    p.add_argument("--cache-dir", default=str(CACHE_DIR), help="HTTP cache folder (default data/interim/http-cache)")
    p.add_argument(
        "--delay",
        type=float,
        help=f"seconds between requests to one host (default {DEFAULT_DELAY:g}, "
        "or fetch.delay in the rules file; robots.txt Crawl-delay raises it)",
    )
    p.add_argument("--timeout", type=float, help="seconds to wait for a connection or for data (default 30)")
    p.add_argument("--max-bytes", type=int, help="refuse documents bigger than this (default 50 MiB)")
    p.add_argument("--contact", help="contact URL or e-mail for the User-Agent (or PCC_FETCH_CONTACT)")
    p.add_argument("--rules", default=str(config.RULES_DIR / "publishers"), help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_fetch)
