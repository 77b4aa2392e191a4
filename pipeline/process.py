"""One input file to one :class:`FileResult`: the pure per-document function.

:func:`process_file` reads nothing but its file and the rules, writes nothing,
and never raises for a bad document: every failure becomes a status and a
message. That makes it safe to run in a worker process and to cache by the
file's content hash.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import config

if TYPE_CHECKING:  # imported inside process_file, so unpickling a cached result loads no PDF or NLP library
    from pipeline.extract.notice import Notice

log = logging.getLogger(__name__)


@dataclass
class FileResult:
    source_file: str
    sha256: str
    pages: int
    status: str
    message: str
    notice: Notice | None = None


def relative_name(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def warm_up() -> None:
    """Import the readers and extractors and load the rules and the NLP pipeline in this process, so
    that worker processes forked from it start ready (about two seconds each otherwise)."""
    import pipeline.read.ocr  # noqa: F401
    import pipeline.read.pdf  # noqa: F401
    from pipeline.extract.notice import prepare

    prepare()


def process_file(
    path: Path,
    root: Path,
    *,
    max_pages: int = config.MAX_PAGES,
    max_bytes: int = config.MAX_BYTES,
    ocr: bool = True,
    timeout: float | None = config.TIMEOUT_SECONDS,
) -> FileResult:
    """Read and extract one file. ``timeout`` bounds only the OCR subprocess here; the whole-document limit
    is enforced from outside by :mod:`pipeline.guard`, which can stop any code."""
    from pipeline.extract.notice import extract_notice
    from pipeline.read.ocr import read_with_ocr
    from pipeline.read.pdf import ReadError, sha256_of

    source_file = relative_name(path, root)
    try:
        digest = sha256_of(path)
    except OSError as exc:
        return FileResult(source_file, "", 0, "error", f"cannot read the file: {exc}")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return FileResult(source_file, digest, 0, "too_large", f"{size} bytes, over the limit of {max_bytes}")
        document = read_with_ocr(path, source_file, max_pages=max_pages, ocr=ocr, timeout=timeout)
    except ReadError as exc:
        return FileResult(source_file, digest, exc.pages, exc.status, exc.message)
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the run
        log.exception("reading %s failed", source_file)
        return FileResult(source_file, digest, 0, "error", f"{type(exc).__name__}: {exc}")
    try:
        notice = extract_notice(document)
    except Exception as exc:  # noqa: BLE001
        log.exception("extracting %s failed", source_file)
        return FileResult(
            source_file, digest, len(document.pages), "error", f"extraction failed: {type(exc).__name__}: {exc}"
        )
    if document.ocr:
        return FileResult(source_file, digest, len(document.pages), "ocr", "read through OCR", notice)
    return FileResult(source_file, digest, len(document.pages), "ok", "", notice)
