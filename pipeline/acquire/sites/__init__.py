"""One module per site family; ``fetch.scraper`` in a publisher's rules file names one of these."""

from __future__ import annotations

from pipeline.acquire.http import Client
from pipeline.acquire.publishers import ConfigError, Publisher
from pipeline.acquire.sites.base import Site
from pipeline.acquire.sites.generic import GenericSite
from pipeline.acquire.sites.lancashire import LancashireSite
from pipeline.acquire.sites.mopac import MopacSite

SCRAPERS: dict[str, type[Site]] = {
    "generic": GenericSite,
    "lancashire": LancashireSite,
    "mopac": MopacSite,
}


def make_site(publisher: Publisher, client: Client) -> Site:
    try:
        cls = SCRAPERS[publisher.scraper]
    except KeyError:
        raise ConfigError(
            f"{publisher.source}: fetch.scraper {publisher.scraper!r} is not one of {', '.join(sorted(SCRAPERS))}"
        ) from None
    return cls(publisher, client)
