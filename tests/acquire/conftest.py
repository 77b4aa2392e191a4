"""Fixtures for the fetch tests: fixture sites served on 127.0.0.1, and a fast polite client.

Nothing here touches any address but 127.0.0.1: every publisher is run with --base-url pointing at
a local FixtureServer, and the host policy then allows only that server.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from fixture_server import FixtureServer  # noqa: E402

from pipeline.acquire import publishers  # noqa: E402
from pipeline.acquire.fetch import Options, Report, run  # noqa: E402
from pipeline.acquire.http import Client, HostPolicy, Politeness  # noqa: E402
from pipeline.acquire.sites import make_site  # noqa: E402
from pipeline.acquire.store import Store  # noqa: E402

SITES = HERE.parent / "fixtures" / "sites"
CONTACT = "https://example.org/pcc-decisions-tests"
#: Politeness for tests: no delay, tiny backoff, short timeout.
FAST = {"delay": 0.0, "timeout": 2.0, "attempts": 3, "backoff": 0.01, "max_backoff": 0.02}


def fast(**overrides: object) -> Politeness:
    return Politeness(contact=CONTACT, **{**FAST, **overrides})  # type: ignore[arg-type]


@pytest.fixture
def serve() -> Iterator[Callable[..., FixtureServer]]:
    """``serve("mopac")`` starts a server on 127.0.0.1 (random port) for that fixture site."""
    servers: list[FixtureServer] = []

    def start(*roots: str | Path) -> FixtureServer:
        server = FixtureServer(*(SITES / r if isinstance(r, str) else r for r in roots)).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@dataclass
class Fetched:
    report: Report
    store: Store
    stats: dict[str, int]


@pytest.fixture
def fetch(tmp_path: Path) -> Callable[..., Fetched]:
    """Run the fetch of a publisher against a fixture server, into tmp_path, like the CLI does."""

    def go(
        slug: str,
        server: FixtureServer,
        *,
        since: object = None,
        limit: int | None = None,
        recheck: bool = False,
        **politeness: object,
    ) -> Fetched:
        publisher = publishers.load(slug).with_base_url(server.url)
        store = Store(tmp_path / "raw", slug)
        cache = tmp_path / "cache" / f"{slug}.sqlite"
        with Client(fast(**politeness), HostPolicy.of(publisher.allowed_hosts), cache) as client:
            report = run(make_site(publisher, client), client, store, Options(since, limit, recheck))  # type: ignore[arg-type]
            return Fetched(report, store, dict(client.stats))

    return go
