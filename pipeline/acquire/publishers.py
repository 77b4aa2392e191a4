"""Publisher configuration: the ``fetch:`` section of ``rules/publishers/<slug>.yml``.

Only the top-level ``slug``, ``name`` and ``fetch`` keys are read here; other keys in the same file
(ID patterns, labels for extraction, ...) belong to other stages and are ignored.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import yaml

from pipeline import config

log = logging.getLogger(__name__)

PUBLISHERS_DIR = config.RULES_DIR / "publishers"


class ConfigError(Exception):
    """A publisher file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Publisher:
    slug: str
    name: str
    scraper: str
    base_url: str  #: scheme and host of the real site, e.g. https://www.london.gov.uk
    hosts: tuple[str, ...]  #: every host the crawl may touch (the base URL's host is always one)
    settings: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)  #: the whole fetch: section
    source: Path | None = None
    base_override: str = ""  #: set by --base-url: every URL on ``hosts`` is sent there instead

    @property
    def root(self) -> str:
        return self.base_override or self.base_url

    @property
    def allowed_hosts(self) -> tuple[str, ...]:
        if self.base_override:
            return (urlsplit(self.base_override).netloc,)
        return self.hosts

    def with_base_url(self, base_url: str) -> Publisher:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ConfigError(f"--base-url {base_url!r} must look like http://127.0.0.1:8000")
        return replace(self, base_override=f"{parts.scheme}://{parts.netloc}")

    def url(self, path_or_url: str, page_url: str | None = None) -> str:
        """An absolute URL for a link found on ``page_url`` (or a configured path), moved to --base-url if set."""
        absolute = urljoin(page_url or self.root + "/", path_or_url.strip())
        absolute = absolute.split("#", 1)[0]
        if self.base_override:
            parts = urlsplit(absolute)
            host = (parts.hostname or "").lower()
            if parts.scheme in ("http", "https") and host in {urlsplit("//" + h).hostname for h in self.hosts}:
                base = urlsplit(self.base_override)
                absolute = urlunsplit((base.scheme, base.netloc, parts.path, parts.query, ""))
        return absolute

    def get(self, key: str, default: Any = None) -> Any:
        return self.settings.get(key, default)

    def require(self, key: str) -> Any:
        if key not in self.settings:
            raise ConfigError(f"{self.source or self.slug}: fetch.{key} is missing")
        return self.settings[key]


def load_file(path: Path) -> Publisher | None:
    """The publisher in ``path``, or None if the file has no ``fetch:`` section."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping at the top level")
    fetch = data.get("fetch")
    if fetch is None:
        return None
    if not isinstance(fetch, dict):
        raise ConfigError(f"{path}: fetch: must be a mapping")
    slug = str(data.get("slug") or path.stem)
    if slug != path.stem:
        raise ConfigError(f"{path}: slug {slug!r} does not match the file name")
    for key in ("scraper", "base_url"):
        if not fetch.get(key):
            raise ConfigError(f"{path}: fetch.{key} is missing")
    base = urlsplit(str(fetch["base_url"]))
    if base.scheme not in ("http", "https") or not base.netloc:
        raise ConfigError(f"{path}: fetch.base_url must be an http(s) URL")
    hosts = [base.netloc.lower(), *(str(h).lower() for h in fetch.get("hosts", []))]
    return Publisher(
        slug=slug,
        name=str(data.get("name") or slug),
        scraper=str(fetch["scraper"]),
        base_url=f"{base.scheme}://{base.netloc}",
        hosts=tuple(dict.fromkeys(hosts)),
        settings=dict(fetch),
        source=path,
    )


def load_all(folder: Path = PUBLISHERS_DIR) -> dict[str, Publisher]:
    """Every publisher with a ``fetch:`` section, by slug."""
    found: dict[str, Publisher] = {}
    for path in sorted(folder.glob("*.yml")):
        publisher = load_file(path)
        if publisher is not None:
            found[publisher.slug] = publisher
    return found


def load(slug: str, folder: Path = PUBLISHERS_DIR) -> Publisher:
    publishers = load_all(folder)
    if slug not in publishers:
        known = ", ".join(sorted(publishers)) or "none"
        raise ConfigError(f"no publisher {slug!r} with a fetch: section in {folder} (known: {known})")
    return publishers[slug]
