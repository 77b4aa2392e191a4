"""Make tests/fixtures/bad/: one small file for each way an input can fail, and expected.json.

Run from the repository root: ``python scripts/make_bad_fixtures.py``. Every file is derived from a real
notice in data/raw/samples (or written by hand where the point is that it is not a PDF), kept small, and
listed in expected.json with the status it must get: ``status`` without an OCR engine and ``with_ocr``
with one. ``too_large`` and ``timeout`` hold for the limits in ``options`` (the test passes them).
Needs pypdf and pypdfium2 (``pip install -e '.[dev]'``).
"""

from __future__ import annotations

import io
import json
import sys
import zlib
from pathlib import Path

import pypdfium2
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.constants import UserAccessPermissions
from pypdf.generic import NameObject

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from the repository root
from tests.pdf_bytes import pdf_from_objects  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "raw" / "samples"
OUT = ROOT / "tests" / "fixtures" / "bad"
SMALL = SAMPLES / "mopac-dmpcd-2014-110-integrated-victims-services.pdf"  # 3 pages, 7 kB
WORD = SAMPLES / "surrey-041-2021-rrf-application-aug-2021.pdf"  # a Word/LibreOffice export with subset fonts

#: extract options the test passes for every file; FIXTURES may override them for one file.
OPTIONS = {"max_pages": 50, "timeout": 60}


def _writer_from(path: Path, pages: int | None = None) -> PdfWriter:
    writer = PdfWriter()
    writer.append(PdfReader(path), pages=None if pages is None else (0, pages))
    return writer


def _save(writer: PdfWriter, name: str) -> None:
    buf = io.BytesIO()
    writer.write(buf)
    (OUT / name).write_bytes(buf.getvalue())


def encrypted(name: str) -> None:
    """A user password: nobody can read it without the password."""
    writer = _writer_from(SMALL)
    writer.encrypt(user_password="secret", owner_password="owner-secret", algorithm="AES-128")
    _save(writer, name)


def owner_password_only(name: str) -> None:
    """Only an owner password (printing and copying 'restricted'): opens with an empty password, reads as ok."""
    writer = _writer_from(SMALL)
    restricted = UserAccessPermissions.all() & ~UserAccessPermissions.PRINT & ~UserAccessPermissions.EXTRACT
    writer.encrypt(user_password="", owner_password="owner-secret", algorithm="AES-256", permissions_flag=restricted)
    _save(writer, name)


def scanned(name: str, *, dpi: int = 150) -> None:
    """Page 1 rendered to a greyscale image and wrapped in a PDF: no text layer, as a scanner makes it."""
    pdf = pypdfium2.PdfDocument(SMALL)
    image = pdf[0].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    pdf.close()
    image.save(OUT / name, "PDF", resolution=dpi, quality=60)


def signatures_only(name: str, *, dpi: int = 100) -> None:
    """A scanned page holding only a scrawl: there is nothing to read, even through OCR."""
    image = Image.new("L", (int(8.27 * dpi), int(11.69 * dpi)), 255)
    pixels = image.load()
    for x in range(200, 500):
        y = 800 + int(25 * ((x % 37) / 37.0 - 0.5) * (1 if (x // 37) % 2 else -1))
        for dy in range(3):
            pixels[x, y + dy] = 0
    image.save(OUT / name, "PDF", resolution=dpi)


def garbled(name: str) -> None:
    """A Word export whose fonts lost their ToUnicode maps: pdfplumber yields (cid:NN), the glyphs still print."""
    writer = _writer_from(WORD, pages=1)
    for page in writer.pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            font.pop(NameObject("/ToUnicode"), None)
            font.pop(NameObject("/Encoding"), None)
    _save(writer, name)


def truncated(name: str) -> None:
    """The first 60% of a notice, like an interrupted download."""
    data = SMALL.read_bytes()
    (OUT / name).write_bytes(data[: int(len(data) * 0.6)])


def html_as_pdf(name: str) -> None:
    """What a server sends for a missing file, saved under the notice's name."""
    (OUT / name).write_text(
        "<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head>\n"
        "<body><h1>Page not found</h1><p>The document you requested has moved.</p></body></html>\n",
        encoding="utf-8",
    )


def zero_bytes(name: str) -> None:
    (OUT / name).write_bytes(b"")


def too_many_pages(name: str) -> None:
    """60 blank pages, over the test's --max-pages 50."""
    writer = PdfWriter()
    for _ in range(60):
        writer.add_blank_page(width=595, height=842)
    _save(writer, name)


def slow(name: str, *, repeats: int = 10_000_000, pages: int = 40) -> None:
    """Pages that all draw one 40 kB compressed content stream, which unpacks to ten million do-nothing operators
    (``q Q``, save and restore the graphics state): a small file that keeps the reader busy far beyond the test's
    limit. One page of it is not enough: PDFium 2025 and later read such a page in well under a second."""
    body = b"q Q " * repeats
    stream = zlib.compress(body, 9)
    kids = b" ".join(b"%d 0 R" % (4 + k) for k in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        *(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>" for _ in range(pages)),
    ]
    (OUT / name).write_bytes(pdf_from_objects(objects))


#: file name -> (maker, status without OCR, status with OCR, option overrides)
FIXTURES = {
    "owner-password-only.pdf": (owner_password_only, "ok", "ok", {}),
    "encrypted-user-password.pdf": (encrypted, "encrypted", "encrypted", {}),
    "scanned.pdf": (scanned, "needs_ocr", "ocr", {}),
    "signatures-only-scan.pdf": (signatures_only, "needs_ocr", "empty", {}),
    "garbled-unmapped-font.pdf": (garbled, "garbled", "ocr", {}),
    "truncated-download.pdf": (truncated, "corrupt", "corrupt", {}),
    "html-error-page.pdf": (html_as_pdf, "not_pdf", "not_pdf", {}),
    "zero-bytes.pdf": (zero_bytes, "empty", "empty", {}),
    "too-many-pages.pdf": (too_many_pages, "too_large", "too_large", {}),
    "slow-content-stream.pdf": (slow, "timeout", "timeout", {"timeout": 3}),
}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    expected = {}
    for name, (make, status, with_ocr, options) in FIXTURES.items():
        make(name)
        expected[name] = {"status": status, "with_ocr": with_ocr, "options": options, "made_by": make.__name__}
        print(f"{name}: {(OUT / name).stat().st_size} bytes")
    manifest = {"options": OPTIONS, "files": expected}
    (OUT / "expected.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
