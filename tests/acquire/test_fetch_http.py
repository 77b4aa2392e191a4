"""The polite client against a real server on 127.0.0.1: politeness, retries and every fault."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import CONTACT, fast
from fixture_server import minimal_pdf, sleep, status, then_static

from pipeline.acquire.http import (
    BlockedURL,
    Client,
    FetchError,
    HostPolicy,
    HTTPStatusError,
    NotAPDF,
    RobotsDisallowed,
    TooLarge,
    Truncated,
    retry_after_seconds,
)

PDF = "/media/31462/download"
PAGE = (
    "/programmes-strategies/mayors-office-policing-and-crime-mopac/mopac-governance-and-decision-making/mopac-decisions"
)


def client_for(server, tmp_path: Path, **overrides) -> Client:
    return Client(fast(**overrides), HostPolicy.of([server.url.split("//")[1]]), tmp_path / "cache.sqlite")


def pdf_hits(server) -> list:
    return [h for h in server.log if h.target == PDF]


# --------------------------------------------------------------------------- politeness


def test_user_agent_is_descriptive_with_contact(serve, tmp_path):
    server = serve("mopac")
    with client_for(server, tmp_path) as client:
        client.download(server.url + PDF, tmp_path / "x.part")
    agents = {h.headers.get("User-Agent") for h in server.log}
    assert len(agents) == 1
    agent = agents.pop()
    assert agent.startswith("pcc-decisions/") and CONTACT in agent


def test_delay_between_requests_to_one_host(serve, tmp_path):
    server = serve("mopac")
    with client_for(server, tmp_path, delay=0.25) as client:
        started = time.monotonic()
        for n in range(3):
            client.get_page(f"{server.url}{PAGE}?page={n}")
        elapsed = time.monotonic() - started
    # robots.txt + 3 pages = 4 requests, so at least 3 gaps of 0.25 s
    assert len(server.log) == 4
    assert elapsed >= 0.7


def test_crawl_delay_from_robots_txt_is_honoured(serve, tmp_path):
    server = serve("mopac")
    server.routes["/robots.txt"] = lambda req: req.reply(
        200, b"User-agent: *\nCrawl-delay: 0.3\n", content_type="text/plain"
    )
    with client_for(server, tmp_path, delay=0.0) as client:
        started = time.monotonic()
        client.get_page(f"{server.url}{PAGE}?page=0")
        client.get_page(f"{server.url}{PAGE}?page=1")
        assert time.monotonic() - started >= 0.28  # robots.txt is read first, then its delay applies


def test_pages_are_cached_and_revalidated(serve, tmp_path):
    server = serve("mopac")
    url = f"{server.url}{PAGE}?page=0"
    with client_for(server, tmp_path) as client:
        first = client.get_page(url)
        second = client.get_page(url)
    assert not first.from_cache and second.from_cache
    assert second.text == first.text
    page_hits = [h for h in server.log if "page=0" in h.target]
    assert [h.status for h in page_hits] == [200, 304]
    assert page_hits[1].headers.get("If-None-Match")


def test_conditional_download_gives_not_modified(serve, tmp_path):
    server = serve("mopac")
    with client_for(server, tmp_path) as client:
        first = client.download(server.url + PDF, tmp_path / "a.part")
        again = client.download(server.url + PDF, tmp_path / "b.part", {"If-None-Match": first.etag})
    assert first.bytes == 60708 and first.sha256 and first.etag
    assert again.not_modified and again.bytes == 0
    assert [h.status for h in pdf_hits(server)] == [200, 304]


# --------------------------------------------------------------------------- faults: retries


def test_500_then_success(serve, tmp_path):
    server = serve("mopac")
    server.routes[PDF] = then_static([status(500), status(503)])
    with client_for(server, tmp_path) as client:
        got = client.download(server.url + PDF, tmp_path / "x.part")
    assert [h.status for h in pdf_hits(server)] == [500, 503, 200]
    assert got.status == 200 and (tmp_path / "x.part").read_bytes().startswith(b"%PDF")


def test_5xx_every_time_gives_up_with_clear_message(serve, tmp_path):
    server = serve("mopac")
    server.routes[PDF] = status(502)
    with client_for(server, tmp_path) as client, pytest.raises(HTTPStatusError, match=r"HTTP 502.*gave up after 3"):
        client.download(server.url + PDF, tmp_path / "x.part")
    assert len(pdf_hits(server)) == 3


def test_429_with_retry_after_is_honoured(serve, tmp_path):
    server = serve("mopac")
    server.routes[PDF] = then_static([status(429, {"Retry-After": "1"})])
    with client_for(server, tmp_path) as client:
        started = time.monotonic()
        client.download(server.url + PDF, tmp_path / "x.part")
        waited = time.monotonic() - started
    assert [h.status for h in pdf_hits(server)] == [429, 200]
    assert waited >= 0.95  # the backoff alone would be 0.01 s


def test_retry_after_longer_than_the_limit_fails_at_once(serve, tmp_path):
    server = serve("mopac")
    server.routes[PDF] = status(429, {"Retry-After": "3600"})
    with client_for(server, tmp_path) as client, pytest.raises(HTTPStatusError, match="Retry-After 3600s"):
        started = time.monotonic()
        client.download(server.url + PDF, tmp_path / "x.part")
    assert time.monotonic() - started < 1
    assert len(pdf_hits(server)) == 1


def test_timeout_then_success(serve, tmp_path):
    server = serve("mopac")
    server.routes[PDF] = then_static([sleep(1.0)])
    with client_for(server, tmp_path, timeout=0.3) as client:
        got = client.download(server.url + PDF, tmp_path / "x.part")
    assert got.bytes == 60708
    assert server.count[PDF] == 2


def test_timeout_every_time_gives_up(serve, tmp_path):
    server = serve("mopac")
    server.routes[PDF] = sleep(0.6)
    with client_for(server, tmp_path, timeout=0.2, attempts=2) as client, pytest.raises(FetchError, match="timed out"):
        client.download(server.url + PDF, tmp_path / "x.part")
    assert server.count[PDF] == 2


def test_truncated_body_is_retried_then_accepted(serve, tmp_path):
    server = serve("mopac")
    body = (server.roots[0] / PDF.lstrip("/")).read_bytes()
    server.routes[PDF] = then_static([lambda req: req.truncated(body, 1000)])
    with client_for(server, tmp_path) as client:
        got = client.download(server.url + PDF, tmp_path / "x.part")
    assert got.bytes == len(body) and (tmp_path / "x.part").read_bytes() == body
    assert server.count[PDF] == 2


def test_truncated_body_every_time_is_rejected(serve, tmp_path):
    server = serve("mopac")
    body = minimal_pdf("short")
    server.routes[PDF] = lambda req: req.truncated(body, len(body) // 2)
    with client_for(server, tmp_path) as client, pytest.raises(FetchError, match="truncated|bytes promised"):
        client.download(server.url + PDF, tmp_path / "x.part")
    assert server.count[PDF] == 3


# --------------------------------------------------------------------------- faults: refused at once


def test_html_error_page_served_as_pdf_is_rejected(serve, tmp_path):
    server = serve("mopac")
    page = b"<!DOCTYPE html><html><body><h1>Sorry, something went wrong</h1></body></html>"
    server.routes[PDF] = lambda req: req.reply(200, page, content_type="application/pdf")
    with client_for(server, tmp_path) as client, pytest.raises(NotAPDF, match=r"not a PDF.*<!DOCTYPE"):
        client.download(server.url + PDF, tmp_path / "x.part")
    assert server.count[PDF] == 1  # not retried


def test_content_length_over_the_limit_is_refused(serve, tmp_path):
    server = serve("mopac")
    with client_for(server, tmp_path, max_bytes=10_000) as client, pytest.raises(TooLarge, match="10000-byte limit"):
        client.download(server.url + PDF, tmp_path / "x.part")
    assert not (tmp_path / "x.part").exists() or (tmp_path / "x.part").stat().st_size == 0


def test_403_is_reported_plainly(serve, tmp_path):
    server = serve("mopac")
    server.routes[PDF] = status(403)
    with client_for(server, tmp_path) as client, pytest.raises(HTTPStatusError, match="refused") as caught:
        client.download(server.url + PDF, tmp_path / "x.part")
    assert caught.value.status == 403 and server.count[PDF] == 1


def test_redirect_to_another_host_is_not_followed(serve, tmp_path):
    server = serve("mopac")
    other = serve("mopac")  # same machine, another origin: it must never be asked
    server.routes[PDF] = lambda req: req.redirect(other.url + PDF, 302)
    with client_for(server, tmp_path) as client, pytest.raises(BlockedURL, match="not on the publisher's own hosts"):
        client.download(server.url + PDF, tmp_path / "x.part")
    assert other.log == []


# every target is on 127.0.0.1 where nothing listens, so even a broken guard would send nothing off this machine
@pytest.mark.parametrize("location", ["ftp://127.0.0.1/x.pdf", "file:///etc/passwd", "//127.0.0.1:1/x.pdf"])
def test_redirect_to_other_schemes_or_hosts_is_refused(serve, tmp_path, location):
    server = serve("mopac")
    server.routes[PDF] = lambda req: req.redirect(location, 302)
    with client_for(server, tmp_path) as client, pytest.raises(BlockedURL):
        client.download(server.url + PDF, tmp_path / "x.part")
    assert server.count[PDF] == 1


def test_redirect_on_the_same_host_is_followed(serve, tmp_path):
    server = serve("mopac")
    with client_for(server, tmp_path) as client:
        page = client.get_page(server.url + "/pcd-1041-ho-da-perpetrator-extension-funding")
    assert page.final_url.endswith("/mopac-decisions/pcd-1041-ho-da-perpetrator-extension-funding")
    assert "PCD 1041" in page.text


def test_robots_txt_that_disallows_is_obeyed(serve, tmp_path):
    server = serve("mopac")
    server.routes["/robots.txt"] = lambda req: req.reply(
        200, b"User-agent: pcc-decisions\nDisallow: /media/\n\nUser-agent: *\nAllow: /\n", content_type="text/plain"
    )
    with client_for(server, tmp_path) as client:
        with pytest.raises(RobotsDisallowed, match="disallows"):
            client.download(server.url + PDF, tmp_path / "x.part")
        client.get_page(f"{server.url}{PAGE}?page=0")  # still allowed
    assert server.count.get(PDF) is None


def test_robots_txt_checked_on_redirect_hops(serve, tmp_path):
    server = serve("mopac")
    server.routes["/robots.txt"] = lambda req: req.reply(200, b"User-agent: *\nDisallow: /private/\n")
    server.routes[PDF] = lambda req: req.redirect("/private/file.pdf", 302)
    with client_for(server, tmp_path) as client, pytest.raises(RobotsDisallowed):
        client.download(server.url + PDF, tmp_path / "x.part")
    assert server.count.get("/private/file.pdf") is None


def test_robots_txt_server_error_means_no_crawl(serve, tmp_path):
    server = serve("mopac")
    server.routes["/robots.txt"] = status(500)
    with client_for(server, tmp_path) as client, pytest.raises(RobotsDisallowed, match="robots.txt"):
        client.get_page(f"{server.url}{PAGE}?page=0")
    assert server.count.get(f"{PAGE}?page=0") is None


def test_missing_robots_txt_means_no_restriction(serve, tmp_path):
    server = serve("mopac")
    server.routes["/robots.txt"] = status(404)
    with client_for(server, tmp_path) as client:
        assert "MOPAC decisions" in client.get_page(f"{server.url}{PAGE}?page=0").text


def test_a_url_off_the_publishers_hosts_is_never_requested(serve, tmp_path):
    server = serve("mopac")
    with client_for(server, tmp_path) as client, pytest.raises(BlockedURL):
        client.get_page("http://127.0.0.1:1/")  # another origin on this machine; nothing listens there
    assert server.log == []


# --------------------------------------------------------------------------- small parts


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://www.london.gov.uk/media/1/download", True),
        ("http://www.london.gov.uk:80/x", True),
        ("https://london.gov.uk/x", False),
        ("https://www.london.gov.uk.evil.example/x", False),
        ("https://www.london.gov.uk:8443/x", False),
        ("ftp://www.london.gov.uk/x", False),
        ("javascript:alert(1)", False),
    ],
)
def test_host_policy(url, allowed):
    assert HostPolicy.of(["www.london.gov.uk"]).allows(url) is allowed


def test_retry_after_values():
    assert retry_after_seconds("7") == 7
    assert retry_after_seconds(None) is None
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0  # in the past
    assert retry_after_seconds("soon") is None


def test_truncated_is_a_bad_document():
    assert issubclass(Truncated, FetchError)
