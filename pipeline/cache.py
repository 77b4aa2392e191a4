"""A cache of per-document results, keyed by content and by everything that shapes the result.

A key is the SHA-256 of the file's bytes plus a fingerprint of the code (every ``pipeline/**/*.py``),
the rules (every file under ``rules/``), the versions of the libraries that read PDFs and the
options of the run. So a re-run over unchanged files only reads the cache, a changed rule or a new
version of the code re-extracts everything, and the same PDF under two names is read once.

Entries are pickles written to a temporary file and renamed, so a crash never leaves half an
entry; an entry that cannot be read is treated as missing. The cache lives in ``data/interim/cache``
(outside the outputs) and ``make clean-cache`` removes it.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from dataclasses import replace
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline import config

if TYPE_CHECKING:
    from pipeline.process import FileResult

log = logging.getLogger(__name__)

_LIBRARIES = ("pdfplumber", "pdfminer.six", "pypdfium2", "spacy", "regex")
#: Statuses worth caching: the result of reading the file. A timeout or an error may not recur.
CACHEABLE = frozenset({"ok", "ocr", "needs_ocr", "encrypted", "corrupt", "not_pdf", "empty", "garbled", "too_large"})


def _hash_tree(digest: Any, root: Path, pattern: str) -> None:
    for path in sorted(root.rglob(pattern)):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())


@cache
def code_fingerprint() -> str:
    """Changes when the code, the rules or a PDF or NLP library changes."""
    digest = hashlib.sha256()
    _hash_tree(digest, config.ROOT / "pipeline", "*.py")
    _hash_tree(digest, config.RULES_DIR, "*")
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none".encode())
    return digest.hexdigest()


class ResultCache:
    """Per-document results on disk under ``folder``, for one set of run options."""

    def __init__(self, folder: Path, options: dict[str, Any]) -> None:
        self.folder = folder
        options_key = repr(sorted(options.items()))
        self.salt = hashlib.sha256(f"{code_fingerprint()}|{options_key}".encode()).hexdigest()
        self.hits = 0
        self.misses = 0

    def _path(self, sha256: str) -> Path:
        key = hashlib.sha256(f"{self.salt}|{sha256}".encode()).hexdigest()
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, sha256: str, source_file: str) -> FileResult | None:
        if not sha256:
            return None
        path = self._path(sha256)
        try:
            with path.open("rb") as fh:
                result = pickle.load(fh)
        except FileNotFoundError:
            self.misses += 1
            return None
        except Exception as exc:  # noqa: BLE001 - a damaged entry is a miss, and is replaced
            log.warning("ignoring a damaged cache entry %s: %s", path, exc)
            self.misses += 1
            return None
        self.hits += 1
        return _renamed(result, source_file)

    def put(self, result: FileResult) -> None:
        if not result.sha256 or result.status not in CACHEABLE:
            return
        path = self._path(result.sha256)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError as exc:
            log.warning("cannot write the cache entry %s: %s", path, exc)


def _renamed(result: FileResult, source_file: str) -> FileResult:
    """The cached result of the same bytes, under the name this run found them at."""
    return result if result.source_file == source_file else replace(result, source_file=source_file)


def default_folder() -> Path:
    return config.INTERIM_DIR / "cache"
