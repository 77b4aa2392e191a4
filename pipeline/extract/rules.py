"""Load the extraction rules in ``rules/`` once per process.

Every rule file is data; this module is the one place that reads them, so a
rule change is visible and the cache fingerprint (:func:`rules_fingerprint`)
covers all of them.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

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


def rules_fingerprint(root: Path | None = None) -> str:
    """A hash of every file under ``rules/``: changes when any rule changes."""
    root = root or config.RULES_DIR
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
