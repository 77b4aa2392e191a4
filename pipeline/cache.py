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
        if not (isinstance(result, tuple) and len(result) == 6):
            log.warning("ignoring a cache entry of an older layout %s", path)
            self.misses += 1
            return None
        self.hits += 1
        from pipeline.process import FileResult

        _cached_name, sha, pages, status, message, blob = result
        notice = _Pickled(blob) if blob is not None else None
        return FileResult(source_file, sha, pages, status, message, notice)

    def put(self, result: FileResult) -> None:
        if not result.sha256 or result.status not in CACHEABLE:
            return
        path = self._path(result.sha256)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
            # the notice is pickled on its own, so reading the entry back imports none of the
            # extractors' modules until a table is built from it (a warm run never does)
            notice = result.notice
            blob = None if notice is None else pickle.dumps(notice, protocol=pickle.HIGHEST_PROTOCOL)
            entry = (result.source_file, result.sha256, result.pages, result.status, result.message, blob)
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(entry, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError as exc:
            log.warning("cannot write the cache entry %s: %s", path, exc)


class _Pickled:
    """A cached notice kept as its pickle until something reads it: attribute access unpickles it
    once (importing the extractors' modules then), and pickling it again passes the real notice on."""

    __slots__ = ("_blob", "_value")

    def __init__(self, blob: bytes) -> None:
        self._blob = blob
        self._value: Any = None

    def _load(self) -> Any:
        if self._value is None:
            self._value = pickle.loads(self._blob)
        return self._value

    def __getattr__(self, name: str) -> Any:
        return getattr(self._load(), name)

    def __eq__(self, other: object) -> bool:
        return self._load() == (other._load() if isinstance(other, _Pickled) else other)

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, tuple[bytes]]:
        return (pickle.loads, (self._blob,))


def default_folder() -> Path:
    return config.INTERIM_DIR / "cache"
