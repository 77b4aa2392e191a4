"""Shared fixtures: one extraction of the bundled sample corpus per test session."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline import config
from pipeline.dataset.tables import build_tables
from pipeline.dataset.write import write_tables
from pipeline.read.ocr import ocr_engine
from pipeline.run import extract_folder

SAMPLES = config.RAW_DIR / "samples"

if os.environ.get("PCC_REQUIRE_OCR") and not ocr_engine():
    raise RuntimeError("PCC_REQUIRE_OCR is set (as in CI) but ocrmypdf or tesseract is not on PATH")

#: Tests that run OCR for real skip on a machine without OCRmyPDF and Tesseract (CI installs them).
needs_ocr_engine = pytest.mark.skipif(
    ocr_engine() is None, reason="OCRmyPDF and Tesseract are not installed (apt-get install ocrmypdf tesseract-ocr)"
)
GOLD_DIR = Path(__file__).parent / "fixtures" / "gold"

# The targets of the generalisation issue, as F1 per field.
ISSUE_TARGETS = {
    "decision_id": 0.97,
    "decision_date": 0.97,
    "amounts": 0.97,
    "title": 0.90,
    "providers": 0.90,
    "funders": 0.90,
    "programmes": 0.90,
    "cost_lines": 0.90,
    "cost_total": 0.90,
}


def below(scores: dict, floors: dict[str, float]) -> dict[str, float]:
    """The fields whose F1, rounded as ``make evaluate`` prints it, is under its floor."""
    return {name: round(s.f1, 3) for name, s in scores.items() if round(s.f1, 3) < floors[name]}


def gold_files() -> list[Path]:
    return sorted(GOLD_DIR.glob("*.gold.json"))


def load_gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def sample_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The six tables written from data/raw (the bundled samples), as make extract writes them."""
    out = tmp_path_factory.mktemp("processed")
    results = extract_folder(config.RAW_DIR)
    write_tables(build_tables(results), out)
    return out


@pytest.fixture(scope="session")
def tables(sample_output: Path) -> dict[str, pd.DataFrame]:
    return {
        name: pd.read_csv(sample_output / f"{name}.csv", dtype=str, keep_default_na=False)
        for name in ("documents", "decisions", "amounts", "organisations", "programmes", "cost_lines")
    }


@pytest.fixture()
def small_input(tmp_path: Path) -> Path:
    """An input folder with two real notices (one in a sub-folder)."""
    root = tmp_path / "raw"
    (root / "london").mkdir(parents=True)
    shutil.copy(SAMPLES / "mopac-pcd-1462-drive-extension.pdf", root / "london")
    shutil.copy(SAMPLES / "surrey-041-2021-rrf-application-aug-2021.pdf", root)
    return root
