"""OCR for scanned and garbled documents, through OCRmyPDF and Tesseract when they are installed.

:func:`read_with_ocr` is the one entry point: it reads a PDF with
:func:`~pipeline.read.pdf.read_pdf` and, when that finds no text layer
(``needs_ocr``) or one of unmapped glyphs (``garbled``), runs ``ocrmypdf`` into
a temporary folder outside the input tree and reads the OCR'd copy with the
same reader. The input file is only ever read. Without an engine the original
``ReadError`` stands, and its message says how to install one.
"""

from __future__ import annotations

import dataclasses
import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

from pipeline.read.document import Document
from pipeline.read.pdf import ReadError, read_pdf, sha256_of

log = logging.getLogger(__name__)

#: Statuses that OCR may fix.
OCR_STATUSES = frozenset({"needs_ocr", "garbled"})
#: Seconds ``ocrmypdf`` may take when no per-document limit is given.
DEFAULT_OCR_SECONDS = 600.0


def ocr_engine() -> str | None:
    """The path of ``ocrmypdf`` when it and ``tesseract`` are both on PATH, else None."""
    ocrmypdf = shutil.which("ocrmypdf")
    return ocrmypdf if ocrmypdf and shutil.which("tesseract") else None


def ocr_command(engine: str, source: Path, target: Path, *, force: bool) -> list[str]:
    """``--skip-text`` keeps pages that have text; ``--force-ocr`` replaces a garbled text layer."""
    return [
        engine,
        "-l",
        "eng",
        "--force-ocr" if force else "--skip-text",
        "--output-type",
        "pdf",
        "--optimize",
        "0",
        "--jobs",
        "1",
        "--quiet",
        str(source),
        str(target),
    ]


def run_ocr(source: Path, target: Path, *, force: bool, timeout: float | None = None) -> None:
    """OCR ``source`` into ``target``; raise :class:`ReadError` when the engine fails."""
    engine = ocr_engine()
    if engine is None:
        raise ReadError("needs_ocr", "no OCR engine installed")
    cmd = ocr_command(engine, source, target, force=force)
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout or DEFAULT_OCR_SECONDS, check=False)
    except subprocess.TimeoutExpired as exc:
        raise ReadError("timeout", f"OCR took longer than {exc.timeout:g} s") from exc
    if done.returncode != 0 or not target.exists():
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise ReadError("error", f"OCRmyPDF failed (exit {done.returncode}): {detail[-1] if detail else 'no message'}")


def read_with_ocr(
    path: Path,
    source_file: str,
    *,
    max_pages: int | None = None,
    ocr: bool = True,
    timeout: float | None = None,
) -> Document:
    """Read ``path``, falling back to OCR for scanned or garbled pages; raise :class:`ReadError`."""
    try:
        return read_pdf(path, source_file, max_pages=max_pages)
    except ReadError as exc:
        if exc.status not in OCR_STATUSES or not ocr or ocr_engine() is None:
            raise
        first = exc
    log.info("%s: %s, running OCR", source_file, first.status)
    with tempfile.TemporaryDirectory(prefix="pcc-ocr-") as tmp:
        target = Path(tmp) / "ocr.pdf"
        run_ocr(path, target, force=first.status == "garbled", timeout=timeout)
        try:
            # the OCR text layer is set in an invisible glyph-less font whose metrics PDFium reports
            # loosely; pdfminer places it as drawn
            document = read_pdf(target, source_file, max_pages=max_pages, engine="pdfplumber")
        except ReadError as again:
            if again.status == "garbled":
                raise ReadError(
                    "garbled", "the text layer is unmapped glyphs and OCR found no readable text", first.pages
                ) from again
            if again.status == "needs_ocr":
                raise ReadError(
                    "empty", "no text found, even through OCR (a blank or image-only page)", first.pages
                ) from again
            raise
    return dataclasses.replace(document, sha256=sha256_of(path), ocr=True)
