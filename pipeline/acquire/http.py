"""The polite HTTP client every scraper goes through.

Built on well-kept libraries rather than hand-written loops:

* ``requests`` for HTTP, with a ``requests-cache`` SQLite cache for HTML pages
  (every cached page is revalidated with ``If-None-Match``/``If-Modified-Since``,
  so a re-run costs a 304 per unchanged page);
* ``tenacity`` for retries with exponential backoff, honouring ``Retry-After``;
* ``protego`` (Scrapy's robots.txt parser, which follows RFC 9309 and Google's
  longest-match rules, unlike ``urllib.robotparser``) for robots.txt.

What this module guarantees, whatever the site module asks for:

* a descriptive User-Agent with a contact address;
* robots.txt obeyed, for the first request and for every redirect hop;
* at least ``delay`` seconds between two requests to one host (raised to the
  site's ``Crawl-delay`` when that is longer);
* redirects followed only to the publisher's own hosts over http(s);
* a PDF accepted only if it starts with ``%PDF``, matches its Content-Length
  and is no bigger than ``max_bytes``.
"""

from __future__ import annotations

import email.utils
import hashlib
import logging
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urljoin, urlsplit

import requests
import requests_cache
from protego import Protego
from requests.adapters import HTTPAdapter
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential,
    wait_random,
)

from pipeline import __version__

log = logging.getLogger(__name__)

T = TypeVar("T")

#: The product token robots.txt rules are matched against.
ROBOTS_TOKEN = "pcc-decisions"
#: Status codes worth another try (after a wait).
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
#: Bytes read per chunk when streaming a document to disk.
CHUNK = 64 * 1024


def user_agent(contact: str) -> str:
    """``pcc-decisions/0.1.0 (+<contact>; research dataset of UK police decision notices)``."""
    return f"{ROBOTS_TOKEN}/{__version__} (+{contact}; research dataset of UK police decision notices)"


# --------------------------------------------------------------------------- errors


class FetchError(Exception):
    """A request that gave no usable response. The message says why, in plain words."""


class BlockedURL(FetchError):
    """A URL (or a redirect target) outside the publisher's own hosts, or not http(s)."""


class RobotsDisallowed(FetchError):
    """robots.txt forbids the URL, or robots.txt could not be read (RFC 9309: then crawl nothing)."""


class HTTPStatusError(FetchError):
    def __init__(self, message: str, status: int, retry_after: float | None = None, final: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after
        self.final = final  #: not worth another try, whatever the status


class BadDocument(FetchError):
    """The response was not an acceptable PDF."""


class TooLarge(BadDocument):
    pass


class NotAPDF(BadDocument):
    pass


class Truncated(BadDocument):
    """Fewer bytes than the Content-Length promised (retried)."""


def _retryable(exc: BaseException) -> bool:
    if isinstance(exc, HTTPStatusError):
        return exc.status in RETRY_STATUSES and not exc.final
    # Timeout, ConnectionError and ChunkedEncodingError (a body cut short) are all RequestExceptions
    # worth another try; invalid URLs and the like are not.
    return isinstance(
        exc, Truncated | requests.Timeout | requests.ConnectionError | requests.exceptions.ChunkedEncodingError
    )


# --------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class Politeness:
    """How hard the client may push one site. The defaults are for real sites; tests shrink them."""

    contact: str
    delay: float = 1.0  #: seconds between two requests to one host
    timeout: float = 30.0  #: seconds to connect, and between bytes of a response
    attempts: int = 4  #: tries per request (1 + retries) on timeouts, 429 and 5xx
    backoff: float = 2.0  #: first wait before a retry; doubles each time, plus jitter
    max_backoff: float = 60.0
    max_retry_after: float = 300.0  #: a longer Retry-After is not waited for: the request fails
    max_bytes: int = 50 * 1024 * 1024  #: a bigger document is refused
    max_redirects: int = 5

    @property
    def user_agent(self) -> str:
        return user_agent(self.contact)


@dataclass(frozen=True)
class HostPolicy:
    """Which hosts a publisher's crawl may touch: ``www.london.gov.uk`` (any default port) or ``127.0.0.1:8765``."""

    hosts: frozenset[str]

    @classmethod
    def of(cls, hosts: Iterable[str]) -> HostPolicy:
        return cls(frozenset(h.lower() for h in hosts))

    def allows(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return False
        try:
            port = parts.port
        except ValueError:
            return False
        for allowed in self.hosts:
            a = urlsplit("//" + allowed)
            if a.hostname != parts.hostname.lower():
                continue
            if a.port == port or (a.port is None and port in (None, 80, 443)):
                return True
        return False

    def check(self, url: str, *, what: str = "URL") -> str:
        if not self.allows(url):
            raise BlockedURL(
                f"{what} {url} is not on the publisher's own hosts ({', '.join(sorted(self.hosts))}) "
                "over http(s); not requested"
            )
        return url


# --------------------------------------------------------------------------- politeness parts


class HostThrottle:
    """At least ``delay`` seconds between the starts of two requests to one host."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self._delays: dict[str, float] = {}
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def set_delay(self, host: str, seconds: float) -> None:
        self._delays[host] = max(self.delay, seconds)

    def wait(self, host: str) -> float:
        with self._lock:
            now = time.monotonic()
            pause = max(0.0, self._next.get(host, now) - now)
            self._next[host] = now + pause + self._delays.get(host, self.delay)
        if pause:
            time.sleep(pause)
        return pause


class PoliteAdapter(HTTPAdapter):
    """Every request that really goes on the wire (not one answered from the cache) waits its turn here."""

    def __init__(self, throttle: HostThrottle, stats: Counter[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.throttle = throttle
        self.stats = stats

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        self.throttle.wait(urlsplit(request.url or "").netloc)
        self.stats["requests"] += 1
        log.debug("GET %s", request.url)
        return super().send(request, *args, **kwargs)


class RobotsRules:
    """robots.txt per origin, fetched once per run through the same polite session."""

    def __init__(self, fetch_text: Callable[[str], tuple[int, str]], throttle: HostThrottle) -> None:
        self._fetch_text = fetch_text
        self._throttle = throttle
        self._rules: dict[str, Protego | None] = {}

    def check(self, url: str) -> None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._rules:
            self._rules[origin] = self._load(origin)
        rules = self._rules[origin]
        if rules is not None and not rules.can_fetch(url, ROBOTS_TOKEN):
            raise RobotsDisallowed(f"robots.txt at {origin} disallows {url} for {ROBOTS_TOKEN}; not requested")

    def _load(self, origin: str) -> Protego | None:
        robots_url = origin + "/robots.txt"
        try:
            status, text = self._fetch_text(robots_url)
        except FetchError as exc:
            raise RobotsDisallowed(f"{robots_url} could not be read ({exc}); not crawling {origin}") from exc
        if 400 <= status < 500:
            log.info("%s: HTTP %s, so no restrictions (RFC 9309)", robots_url, status)
            return None
        if status != 200:
            raise RobotsDisallowed(f"{robots_url} answered HTTP {status}; not crawling {origin} (RFC 9309)")
        rules = Protego.parse(text)
        crawl_delay = rules.crawl_delay(ROBOTS_TOKEN)
        if crawl_delay:
            self._throttle.set_delay(urlsplit(origin).netloc, float(crawl_delay))
            log.info("%s asks for %ss between requests; honoured", robots_url, crawl_delay)
        return rules


class PoliteSession(requests_cache.CachedSession):
    """A cached session whose redirects are checked against the host policy and robots.txt at every hop."""

    policy: HostPolicy
    robots: RobotsRules | None

    def get_redirect_target(self, resp: requests.Response) -> str | None:
        target = super().get_redirect_target(resp)
        if target:
            absolute = urljoin(resp.url, target)
            self.policy.check(absolute, what=f"redirect from {resp.url} to")
            if self.robots is not None:
                self.robots.check(absolute)
        return target


# --------------------------------------------------------------------------- results


@dataclass
class Page:
    url: str
    final_url: str
    status: int
    text: str
    from_cache: bool


@dataclass
class Download:
    url: str
    final_url: str
    status: int
    not_modified: bool = False
    sha256: str = ""
    bytes: int = 0
    content_type: str = ""
    etag: str = ""
    last_modified: str = ""
    fetched_at: str = ""


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def retry_after_seconds(value: str | None) -> float | None:
    """``Retry-After`` as seconds: either a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class _WaitRetryAfter:
    """Wait what the server asked for in Retry-After, else exponential backoff with jitter."""

    def __init__(self, politeness: Politeness) -> None:
        self.fallback = wait_exponential(multiplier=politeness.backoff, max=politeness.max_backoff) + wait_random(
            0, politeness.backoff / 2
        )

    def __call__(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, HTTPStatusError) and exc.retry_after is not None:
            return exc.retry_after
        return float(self.fallback(state))


# --------------------------------------------------------------------------- the client


class Client:
    """One per publisher and run. ``get_page`` for HTML, ``download`` for documents."""

    def __init__(self, politeness: Politeness, policy: HostPolicy, cache_path: Path | None = None) -> None:
        self.politeness = politeness
        self.policy = policy
        self.stats: Counter[str] = Counter()
        self.throttle = HostThrottle(politeness.delay)
        if cache_path is not None:
            cache_path.parent.mkdir(parents=True, exist_ok=True)
        session = PoliteSession(
            cache_name=str(cache_path) if cache_path else "pcc-decisions",
            backend="sqlite" if cache_path else "memory",
            expire_after=requests_cache.EXPIRE_IMMEDIATELY,  # keep pages, but revalidate each use
            always_revalidate=True,
            allowable_codes=(200,),
        )
        session.policy = policy
        session.robots = None
        session.max_redirects = politeness.max_redirects
        session.headers["User-Agent"] = politeness.user_agent
        adapter = PoliteAdapter(self.throttle, self.stats, max_retries=0)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        self.session = session
        self.robots = RobotsRules(self._robots_text, self.throttle)
        session.robots = self.robots

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing

    def _retrying(self, url: str, attempt: Callable[[], T]) -> T:
        p = self.politeness
        retrying = Retrying(
            stop=stop_after_attempt(p.attempts),
            wait=_WaitRetryAfter(p),
            retry=retry_if_exception(_retryable),
            reraise=True,
            before_sleep=lambda s: log.warning(
                "%s; try %d of %d after %.1fs",
                _describe(s.outcome.exception() if s.outcome else None, url),
                s.attempt_number + 1,
                p.attempts,
                s.upcoming_sleep,
            ),
        )
        try:
            return retrying(attempt)
        except FetchError as exc:
            if not _retryable(exc):
                raise
            message = f"{exc} (gave up after {p.attempts} tries)"
            if isinstance(exc, HTTPStatusError):
                raise HTTPStatusError(message, exc.status, exc.retry_after) from exc
            raise type(exc)(message) from exc
        except requests.RequestException as exc:
            raise FetchError(f"{_describe(exc, url)} (gave up after {p.attempts} tries)") from exc

    def _check_status(self, resp: requests.Response, url: str) -> None:
        status = resp.status_code
        if status == 200 or status == 304:
            return
        if status in RETRY_STATUSES:
            wait = retry_after_seconds(resp.headers.get("Retry-After"))
            if wait is not None and wait > self.politeness.max_retry_after:
                raise HTTPStatusError(
                    f"{url}: HTTP {status} with Retry-After {wait:.0f}s, longer than the "
                    f"{self.politeness.max_retry_after:.0f}s limit; try again later",
                    status,
                    final=True,
                )
            self.stats[f"http_{status}"] += 1
            raise HTTPStatusError(f"{url}: HTTP {status}", status, wait)
        if status in (401, 403):
            raise HTTPStatusError(
                f"{url}: HTTP {status} {resp.reason}: the site refused the request "
                "(some police sites refuse scripted downloads); not retried",
                status,
            )
        raise HTTPStatusError(f"{url}: HTTP {status} {resp.reason}", status)

    def _robots_text(self, robots_url: str) -> tuple[int, str]:
        def attempt() -> tuple[int, str]:
            resp = self.session.get(robots_url, timeout=self.politeness.timeout)
            if resp.status_code in RETRY_STATUSES:
                self._check_status(resp, robots_url)
            return resp.status_code, resp.text

        return self._retrying(robots_url, attempt)

    def _prepare(self, url: str) -> str:
        self.policy.check(url)
        self.robots.check(url)
        return url

    # -- public

    def get_page(self, url: str) -> Page:
        """An HTML page (200 only), from the cache when the server says it has not changed."""
        self._prepare(url)

        def attempt() -> Page:
            resp = self.session.get(url, timeout=self.politeness.timeout)
            self._check_status(resp, url)
            from_cache = bool(getattr(resp, "from_cache", False))
            if from_cache:
                self.stats["pages_not_modified"] += 1
            return Page(url, resp.url, resp.status_code, resp.text, from_cache)

        return self._retrying(url, attempt)

    def download(self, url: str, dest: Path, validators: dict[str, str] | None = None) -> Download:
        """Stream ``url`` into ``dest`` (truncated first) and check it is a whole PDF.

        ``validators`` (an earlier ETag / Last-Modified) make the request conditional: a 304
        gives ``Download(not_modified=True)`` and leaves ``dest`` empty. Raises ``FetchError``.
        """
        self._prepare(url)
        headers = {"Accept": "application/pdf,*/*;q=0.5", "Accept-Encoding": "identity"}
        for name, value in (validators or {}).items():
            if value:
                headers[name] = value

        def attempt() -> Download:
            with (
                self.session.cache_disabled(),  # documents are checked against the manifest, not cached
                self.session.get(url, headers=headers, stream=True, timeout=self.politeness.timeout) as resp,
            ):
                self._check_status(resp, url)
                result = Download(
                    url=url,
                    final_url=resp.url,
                    status=resp.status_code,
                    content_type=resp.headers.get("Content-Type", ""),
                    etag=resp.headers.get("ETag", ""),
                    last_modified=resp.headers.get("Last-Modified", ""),
                    fetched_at=_now(),
                )
                if resp.status_code == 304:
                    self.stats["documents_not_modified"] += 1
                    result.not_modified = True
                    return result
                self._stream(resp, url, dest, result)
                self.stats["documents_downloaded"] += 1
                return result

        return self._retrying(url, attempt)

    def _stream(self, resp: requests.Response, url: str, dest: Path, result: Download) -> None:
        limit = self.politeness.max_bytes
        declared = resp.headers.get("Content-Length")
        expected = int(declared) if declared and declared.isdigit() else None
        if expected is not None and expected > limit:
            raise TooLarge(f"{url}: Content-Length {expected} bytes is over the {limit}-byte limit; not downloaded")
        digest = hashlib.sha256()
        size = 0
        with open(dest, "wb") as out:
            for chunk in resp.iter_content(CHUNK):
                if not chunk:
                    continue
                if size == 0 and not chunk.startswith(b"%PDF"):
                    # A short first chunk could split "%PDF"; a real server never sends fewer than 4 bytes here.
                    raise NotAPDF(
                        f"{url}: not a PDF (Content-Type {result.content_type or 'missing'}, "
                        f"starts with {chunk[:40]!r})"
                    )
                size += len(chunk)
                if size > limit:
                    raise TooLarge(f"{url}: more than the {limit}-byte limit; download stopped")
                digest.update(chunk)
                out.write(chunk)
        if size == 0:
            raise NotAPDF(f"{url}: empty response, not a PDF")
        if expected is not None and size != expected:
            raise Truncated(f"{url}: got {size} of the {expected} bytes promised by Content-Length")
        result.sha256 = digest.hexdigest()
        result.bytes = size
        self.stats["bytes"] += size


def _describe(exc: BaseException | None, url: str) -> str:
    """A plain-words account of a failed request (FetchError messages already name the URL)."""
    if isinstance(exc, FetchError):
        return str(exc)
    if exc is None:
        what = "no response"
    elif isinstance(exc, requests.Timeout) or "timed out" in str(exc).lower():
        what = "timed out"
    elif isinstance(exc, requests.exceptions.ChunkedEncodingError):
        what = "connection broken mid-body (truncated response)"
    elif isinstance(exc, requests.ConnectionError):
        what = f"connection failed ({type(exc).__name__})"
    else:
        what = f"{type(exc).__name__}: {exc}"
    return f"{url}: {what}"
