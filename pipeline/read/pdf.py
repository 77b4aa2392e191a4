"""Read a PDF with pdfplumber into a :class:`~pipeline.read.document.Document`.

One function, :func:`read_pdf`, with no shared state: it opens the file
read-only, reads each page's text (with the box of every character) and its
ruled tables, closes each page as soon as it is done, and returns plain data.
Anything that stops a file being read raises :class:`ReadError` with a status
from :data:`STATUSES` and a message a person can act on.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import regex
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from pipeline.files import sha256_of
from pipeline.read.document import BBox, Cell, Document, Page, Table
from pipeline.read.fast import read_page
from pipeline.statuses import STATUSES  # re-exported: every status a read can end in

log = logging.getLogger(__name__)

# pdfminer logs every odd object at WARNING; the run summary reports what matters.
for _name in ("pdfminer", "pdfplumber"):
    logging.getLogger(_name).setLevel(logging.ERROR)


#: How to get an OCR engine, quoted in every ``needs_ocr`` message.
OCR_INSTALL_HINT = (
    "install OCRmyPDF and Tesseract to read it through OCR: `apt-get install ocrmypdf tesseract-ocr` "
    "(Debian/Ubuntu), `brew install ocrmypdf` (macOS), or `pip install ocrmypdf` plus Tesseract"
)


class ReadError(Exception):
    """A document that cannot be read, with its status and a plain message."""

    def __init__(self, status: str, message: str, pages: int = 0) -> None:
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}")
        super().__init__(message)
        self.status = status
        self.message = message
        self.pages = pages


def _sniff(path: Path) -> None:
    """Refuse files that are empty or not PDFs before pdfminer sees them."""
    size = path.stat().st_size
    if size == 0:
        raise ReadError("empty", "the file is empty (0 bytes)")
    with path.open("rb") as fh:
        head = fh.read(1024)
    if b"%PDF-" not in head:
        lowered = head.lstrip().lower()
        if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered:
            looks = "an HTML page"
        elif lowered.startswith(b"pk\x03\x04"):
            looks = "a ZIP archive (perhaps a Word file)"
        else:
            looks = "not a PDF"
        raise ReadError("not_pdf", f"no %PDF header: the file looks like {looks}")


def _round(bbox: tuple[float, float, float, float]) -> BBox:
    return (round(float(bbox[0]), 2), round(float(bbox[1]), 2), round(float(bbox[2]), 2), round(float(bbox[3]), 2))


def _read_tables(page: pdfplumber.page.Page, number: int) -> list[Table]:
    tables: list[Table] = []
    for found in page.find_tables():
        texts = found.extract()
        rows: list[list[Cell | None]] = []
        for row, row_texts in zip(found.rows, texts):
            cells: list[Cell | None] = []
            for box, text in zip(row.cells, row_texts):
                if box is None:
                    cells.append(None)
                else:
                    cells.append(Cell(text or "", _round(box)))
            rows.append(cells)
        if rows:
            tables.append(Table(page=number, bbox=_round(found.bbox), rows=rows))
    return tables


def _read_page(page: pdfplumber.page.Page, number: int) -> Page:
    textmap = page.get_textmap()
    text_parts: list[str] = []
    boxes: list[BBox | None] = []
    for char_text, obj in textmap.tuples:
        for ch in char_text:
            text_parts.append(ch)
            boxes.append(None if obj is None else _round((obj["x0"], obj["top"], obj["x1"], obj["bottom"])))
    return Page(
        number=number,
        width=float(page.width),
        height=float(page.height),
        text="".join(text_parts),
        boxes=boxes,
        tables=_read_tables(page, number),
    )


_UNMAPPED = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f\ufffd\ue000-\uf8ff]")
_WHITE = regex.compile(r"\s")


def _garbled_share(text: str) -> float:
    """The share of the text that is unmapped glyphs: ``(cid:NN)`` (pdfminer), control characters or
    private-use code points (PDFium), replacement characters (either)."""
    visible = len(text) - len(_WHITE.findall(text))
    if visible <= 0:
        return 0.0
    bad = text.count("(cid:") * 6 + len(_UNMAPPED.findall(text))
    return min(1.0, bad / visible)


def _pages_pdfplumber(path: Path, max_pages: int | None) -> list[Page]:
    pages: list[Page] = []
    try:
        with pdfplumber.open(path) as pdf:
            count = len(pdf.pages)
            if max_pages is not None and count > max_pages:
                raise ReadError("too_large", f"{count} pages, over the limit of {max_pages}", count)
            for index, plumber_page in enumerate(pdf.pages):
                try:
                    pages.append(_read_page(plumber_page, index + 1))
                finally:
                    plumber_page.close()
    except ReadError:
        raise
    except PdfminerException as exc:
        cause = exc.__cause__ or (exc.args[0] if exc.args else None)
        if isinstance(cause, PDFPasswordIncorrect):
            raise ReadError("encrypted", "the PDF needs a password to open") from exc
        raise ReadError("corrupt", f"pdfminer could not parse the file: {cause or exc}") from exc
    except Exception as exc:  # noqa: BLE001 - any parser failure is a corrupt file
        raise ReadError("corrupt", f"could not parse the file: {type(exc).__name__}: {exc}") from exc
    return pages


def _pages_pdfium(path: Path, max_pages: int | None) -> list[Page] | None:
    """Pages read by PDFium, or None when PDFium cannot open the file (pdfminer then gets its chance,
    and gives the message)."""
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise ReadError("encrypted", "the PDF needs a password to open") from exc
        return None
    pages: list[Page] = []
    try:
        count = len(pdf)
        if max_pages is not None and count > max_pages:
            raise ReadError("too_large", f"{count} pages, over the limit of {max_pages}", count)
        for index in range(count):
            page = pdf[index]
            try:
                pages.append(read_page(page, index + 1))
            finally:
                page.close()  # keeps memory bounded whatever the length of the notice
    except ReadError:
        raise
    except Exception as exc:  # noqa: BLE001 - a page PDFium cannot read: let pdfminer try the file
        log.info("PDFium could not read %s (%s); trying pdfminer", path, exc)
        return None
    finally:
        pdf.close()
    return pages


def read_pdf(path: Path, source_file: str, *, max_pages: int | None = None, engine: str = "pdfium") -> Document:
    """Read ``path`` into a Document, or raise :class:`ReadError`.

    ``engine="pdfium"`` (the default) reads with PDFium (:mod:`pipeline.read.fast`), about 3 ms a page
    against pdfminer's 0.1 to 0.2 s, with the same text and tables; a file PDFium cannot open is handed
    to pdfplumber. ``engine="pdfplumber"`` reads with pdfplumber alone."""
    _sniff(path)
    digest = sha256_of(path)
    pages = _pages_pdfium(path, max_pages) if engine == "pdfium" else None
    if pages is None:
        pages = _pages_pdfplumber(path, max_pages)
    if not pages:
        raise ReadError("empty", "the PDF has no pages")
    text = "".join(p.text for p in pages)
    if not text.strip():
        raise ReadError(
            "needs_ocr",
            f"no text layer (a scanned document); {OCR_INSTALL_HINT}",
            len(pages),
        )
    if _garbled_share(text) > 0.3:
        raise ReadError(
            "garbled",
            "the text layer is mostly unmapped glyphs ((cid:NN) or replacement characters), a font without "
            f"a Unicode map; {OCR_INSTALL_HINT}",
            len(pages),
        )
    return Document(source_file=source_file, sha256=digest, pages=pages)
