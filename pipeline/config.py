"""Paths and defaults in one place."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULES_DIR = ROOT / "rules"
DATA_DIR = ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
PROCESSED_DIR = DATA_DIR / "processed"
INTERIM_DIR = DATA_DIR / "interim"
DOCS_DIR = ROOT / "docs"

#: Documents with more pages than this are recorded as ``too_large``.
MAX_PAGES = 2000
#: Files bigger than this are recorded as ``too_large``.
MAX_BYTES = 200 * 1024 * 1024
#: Seconds one document may take (reading, OCR and extraction) before it is recorded as ``timeout``.
TIMEOUT_SECONDS = 120.0
