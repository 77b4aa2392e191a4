"""The PDFium reader lays out text and finds ruled tables as pdfplumber does, on every sample."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from pipeline import config
from pipeline.read.fast import read_page
from pipeline.read.pdf import ReadError, read_pdf
from tests.pdf_bytes import pdf_from_objects

SAMPLES = sorted((config.RAW_DIR / "samples").glob("*.pdf"))


def _cells(table) -> list[list[str | None]]:
    return [[c.text if c else None for c in row] for row in table.rows]


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_same_text_and_tables_as_pdfplumber(path: Path) -> None:
    try:
        reference = read_pdf(path, path.name, engine="pdfplumber")
    except ReadError:
        pytest.skip("no text layer")
    pdf = pdfium.PdfDocument(str(path))
    try:
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            pages.append(read_page(page, index + 1))
            page.close()
    finally:
        pdf.close()
    assert len(pages) == len(reference.pages)
    for ours, theirs in zip(pages, reference.pages):
        # pdfminer cannot map one bullet glyph and prints (cid:127); PDFium maps it to •
        assert ours.text == theirs.text.replace("(cid:127)", "•")
        assert len(ours.boxes) == len(ours.text)
        assert [_cells(t) for t in ours.tables] == [_cells(t) for t in theirs.tables]
        for a, b in zip(ours.tables, theirs.tables):
            assert all(abs(x - y) < 1.5 for x, y in zip(a.bbox, b.bbox))
    # character boxes agree with pdfminer's: across to within a point; down to within the
    # difference in how the two measure a font's ascent (a few points, never a line)
    first, ref = pages[0], reference.pages[0]
    if "(cid:" in ref.text:
        return  # the offsets differ after the bullet
    for i in range(0, len(first.text), 97):
        if first.boxes[i] and ref.boxes[i]:
            (a0, at, a1, ab), (b0, bt, b1, bb) = first.boxes[i], ref.boxes[i]
            assert abs(a0 - b0) < 1 and abs(a1 - b1) < 1, (i, first.text[i])
            assert abs(at - bt) < 6 and abs(ab - bb) < 3, (i, first.text[i])


def test_a_label_in_a_font_whose_ascent_is_its_capitals_height_stays_on_its_values_line() -> None:
    # the bold labels' font has an ascent no higher than its capitals, so PDFium's boxes for it stood three
    # points below the regular value's and the label fell onto a line of its own ("Decson re erence:")
    path = Path(__file__).parent / "fixtures/heldout34/westmidlands-012-2025-custody-drug-alcohol-referral.pdf"
    reference = read_pdf(path, path.name, engine="pdfplumber")
    ours = read_pdf(path, path.name)
    assert [p.text for p in ours.pages] == [p.text for p in reference.pages]
    assert "Decision reference: 012-2025\n" in ours.pages[0].text


def test_tight_justified_text_whose_spaces_the_pdf_does_not_print_keeps_its_word_breaks() -> None:
    # a LibreOffice export of 9-point justified text: no space glyphs, word gaps of 2.9 points (under the
    # 3-point tolerance); the words ran together ("TheHomeOfficehasawarded", "PCCDN057/23")
    path = Path(__file__).parent / "fixtures/heldout45/merseyside-pccdn-057-23-perpetrator-interventions.pdf"
    text = read_pdf(path, path.name).pages[0].text
    assert "Decision Number PCCDN 057/23" in text
    assert "The Home Office has awarded the Police and Crime Commissioner for Merseyside £375,000" in text
    assert "It will be delivered by Mersey Pathways CIC." in text


def test_ten_point_text_with_word_gaps_of_a_quarter_of_its_height_keeps_its_word_breaks() -> None:
    # a LibreOffice export of 10-point text whose word gaps are 2.5 points: PDFium makes up the spaces, and
    # at a quarter of the glyph's height the gap was no wider than the tolerance ("Date 12September2024")
    path = Path(__file__).parent / "fixtures/heldout66/derbyshire-dpcc-dr-24-031-belper-neighbourhood-base-lease.pdf"
    text = read_pdf(path, path.name).text
    assert "Date 12 September 2024" in text
    assert "I hereby approve the recommendations above." in text


def _pdf_with_text(lines: list[tuple[float, float, float, str]]) -> bytes:
    """A one-page PDF printing each (size, character spacing, top, text) line in Helvetica, written by hand."""
    stream = "".join(
        f"BT /F1 {size} Tf {spacing} Tc 50 {792 - top} Td ({text}) Tj ET\n" for size, spacing, top, text in lines
    ).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream",
    ]
    return pdf_from_objects(objects, b"1.4")


def test_letter_spaced_small_type_keeps_its_words_whole(tmp_path: Path) -> None:
    # tracking of 2 to 2.5 points in 6- to 8-point type: PDFium makes up no space between the letters, so only a
    # gap over 3 points breaks a word
    path = tmp_path / "tracked.pdf"
    path.write_bytes(
        _pdf_with_text(
            [
                (6, 2.0, 60, "OFFICIAL SENSITIVE"),
                (7, 2.5, 80, "Decision PCC/2024/031"),
                (8, 2.5, 100, "Total 45,000"),
                (10, 0, 130, "The Commissioner approves the grant."),
            ]
        )
    )
    text = read_pdf(path, path.name).pages[0].text
    assert "OFFICIAL SENSITIVE" in text
    assert "Decision PCC/2024/031" in text
    assert "Total 45,000" in text
    assert "The Commissioner approves the grant." in text
