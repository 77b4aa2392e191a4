"""Every dev-corpus notice against its .gold.json, for the fields the extractor gets right today.

A field listed in KNOWN_MISSES is one the extractor does not yet get right for that
document; everything else must match, so a regression fails here by name.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.evaluation.scoring import FIELDS, Score, Tables, score_document
from pipeline.read.ocr import ocr_engine
from tests.conftest import gold_files, load_gold, needs_ocr_engine

SCANNED = "warwickshire-wpcc3-0090-dapp-awards-2023-25-scanned"
KNOWN_MISSES = {
    # without an OCR engine the scanned notice cannot be read; with one it must score like the others
    **({} if ocr_engine() else {(SCANNED, f): "needs OCR" for f in FIELDS}),
    ("essex-129-23-project-grip-year-2", "programmes"): "gold lists Project Grip and Grip as two programmes",
    ("mopac-dmpcd-2014-110-integrated-victims-services", "programmes"): "'Competed Fund' is not named as a programme",
    (
        "mopac-pcd-1041-ho-da-perpetrator-extension-funding",
        "programmes",
    ): "the title's DA Perpetrator Programme is taken as a programme",
}


@pytest.mark.parametrize("gold_path", gold_files(), ids=lambda p: p.name.removesuffix(".gold.json"))
def test_dev_notice(gold_path: Path, sample_output: Path) -> None:
    gold = load_gold(gold_path)
    scores = {f: Score() for f in FIELDS}
    score_document(gold, Tables.load(sample_output), scores)
    stem = gold_path.name.removesuffix(".gold.json")
    wrong = [
        f"{field}: {scores[field].misses}"
        for field in FIELDS
        if (stem, field) not in KNOWN_MISSES and (scores[field].fp or scores[field].fn)
    ]
    assert not wrong, "\n".join(wrong)


def test_scanned_notice_is_reported_not_dropped(tables) -> None:
    docs = tables["documents"].set_index("source_file")
    row = docs.loc[f"samples/{SCANNED}.pdf"]
    if ocr_engine():
        assert row["status"] == "ocr"
        assert f"samples/{SCANNED}.pdf" in set(tables["decisions"]["source_file"])
    else:
        assert row["status"] == "needs_ocr"
        assert "apt-get install ocrmypdf tesseract-ocr" in row["message"]
        assert f"samples/{SCANNED}.pdf" not in set(tables["decisions"]["source_file"])


@needs_ocr_engine
def test_scanned_notice_values_are_marked_as_ocr(tables) -> None:
    scanned = f"samples/{SCANNED}.pdf"
    for name in ("decisions", "amounts", "organisations", "programmes", "cost_lines"):
        rows = tables[name][tables[name]["source_file"] == scanned]
        assert len(rows), name
        assert set(rows["ocr"]) == {"true"}, name
        others = tables[name][tables[name]["source_file"] != scanned]
        assert set(others["ocr"]) == {"false"}, name


def test_cost_totals_add_up(tables) -> None:
    lines = tables["cost_lines"]
    for (file, table), group in lines.groupby(["source_file", "table"]):
        totals = group[group["is_total"] == "true"]
        body = group[group["is_total"] == "false"]
        for _, total in totals.iterrows():
            same = body[body["period"] == total["period"]] if total["period"] else body
            assert (sum(Decimal(a) for a in same["amount"]) == Decimal(total["amount"])) == (
                total["adds_up"] == "true"
            ), (
                file,
                table,
            )
