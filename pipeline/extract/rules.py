"""Load the extraction rules in ``rules/`` once per process.

Every rule file is data; this module is the one place that reads them. The
result cache's fingerprint (:func:`pipeline.cache.code_fingerprint`) hashes every
file under ``rules/``, so a rule change re-extracts everything.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import regex
import yaml

from pipeline import config


@cache
def load_yaml(name: str) -> dict[str, Any]:
    path = config.RULES_DIR / name
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return data


@cache
def load_jsonl(name: str) -> tuple[dict[str, Any], ...]:
    path = config.RULES_DIR / name
    rows = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            line = line.strip()
            if not line or line.startswith("//"):
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: {exc}") from exc
    return tuple(rows)


@cache
def publisher_rules() -> tuple[dict[str, Any], ...]:
    """Every ``rules/publishers/*.yml``, sorted by file name."""
    out = []
    for path in sorted((config.RULES_DIR / "publishers").glob("*.yml")):
        with path.open(encoding="utf-8") as fh:
            data = yaml.safe_load(fh) or {}
        data.setdefault("slug", path.stem)
        out.append(data)
    return tuple(out)


def any_of(patterns: list[str]) -> regex.Pattern:
    """One case-insensitive pattern that matches where any of a rule file's ``patterns`` does, each kept
    whole in its own group (an alternation inside one stays inside it)."""
    return regex.compile("|".join(f"(?:{p})" for p in patterns), regex.IGNORECASE)
