"""Issue 6: every bad input gets its status and a message, and no bad input stops the run.

The files in tests/fixtures/bad/ are made by scripts/make_bad_fixtures.py; expected.json gives each one's
status without an OCR engine (``status``) and with one (``with_ocr``).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import time
from pathlib import Path

import pandas as pd
import pytest

from pipeline.cli import main
from pipeline.read.ocr import ocr_engine
from pipeline.read.pdf import STATUSES
from pipeline.run import extract_folder, summary_lines

BAD = Path(__file__).parent / "fixtures" / "bad"
MANIFEST = json.loads((BAD / "expected.json").read_text(encoding="utf-8"))
FILES = MANIFEST["files"]


def _options(name: str) -> list[str]:
    options = {**MANIFEST["options"], **FILES[name]["options"]}
    return [arg for key, value in options.items() for arg in (f"--{key.replace('_', '-')}", str(value))]


def _extract_one(name: str, tmp_path: Path, *extra: str) -> pd.Series:
    inp, out = tmp_path / "in", tmp_path / "out"
    inp.mkdir()
    shutil.copy(BAD / name, inp / name)
    assert main(["extract", "--input", str(inp), "--output", str(out), *_options(name), *extra]) == 0
    docs = pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False)
    assert list(docs["source_file"]) == [name]
    return docs.iloc[0]


def test_every_status_has_a_fixture() -> None:
    expected = {f["status"] for f in FILES.values()} | {f["with_ocr"] for f in FILES.values()}
    # error is the catch-all for what no file can be made to trigger; it is tested below by breaking the reader
    assert expected == set(STATUSES) - {"error"}
    assert all((BAD / name).exists() for name in FILES)


@pytest.mark.parametrize("name", sorted(FILES))
def test_bad_fixture_gets_its_status(name: str, tmp_path: Path) -> None:
    before = hashlib.sha256((BAD / name).read_bytes()).hexdigest()
    row = _extract_one(name, tmp_path)
    want = FILES[name]["with_ocr"] if ocr_engine() else FILES[name]["status"]
    assert row["status"] == want, row["message"]
    if want != "ok":
        assert row["message"]
    if want == "needs_ocr":
        assert "apt-get install ocrmypdf tesseract-ocr" in row["message"]
    assert hashlib.sha256((BAD / name).read_bytes()).hexdigest() == before


@pytest.mark.parametrize("name", sorted(n for n, f in FILES.items() if f["status"] != f["with_ocr"]))
def test_without_ocr_the_status_says_how_to_get_it(name: str, tmp_path: Path) -> None:
    row = _extract_one(name, tmp_path, "--no-ocr")
    assert row["status"] == FILES[name]["status"]
    assert "apt-get install ocrmypdf tesseract-ocr" in row["message"]


def _sleepy(path, root, **options):  # runs in the forked worker
    from pipeline.process import process_file

    if "slow" in path.name:
        time.sleep(60)
    if "crash" in path.name:
        os._exit(3)
    return process_file(path, root, **options)


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(), reason="needs fork")
def test_timeout_and_crash_cost_one_row_not_the_run(small_input: Path, monkeypatch) -> None:
    import pipeline.guard

    shutil.copy(BAD / "truncated-download.pdf", small_input / "a-slow.pdf")
    shutil.copy(BAD / "truncated-download.pdf", small_input / "b-crash.pdf")
    monkeypatch.setattr(pipeline.guard, "process_file", _sleepy)
    started = time.monotonic()
    results = {r.source_file: r for r in extract_folder(small_input, timeout=2)}
    assert time.monotonic() - started < 40
    assert results["a-slow.pdf"].status == "timeout" and "2 s" in results["a-slow.pdf"].message
    assert results["b-crash.pdf"].status == "error" and "exit code 3" in results["b-crash.pdf"].message
    assert results["a-slow.pdf"].sha256 == hashlib.sha256((small_input / "a-slow.pdf").read_bytes()).hexdigest()
    # the worker was replaced: the files after the bad ones are still read
    assert results["london/mopac-pcd-1462-drive-extension.pdf"].status == "ok"
    assert results["surrey-041-2021-rrf-application-aug-2021.pdf"].status == "ok"


def test_extraction_failure_is_an_error_with_the_exception(small_input: Path, monkeypatch) -> None:
    import pipeline.extract.notice

    def boom(document):
        raise ValueError("no such rule")

    monkeypatch.setattr(pipeline.extract.notice, "extract_notice", boom)
    results = extract_folder(small_input, timeout=0)
    assert {r.status for r in results} == {"error"}
    assert all("ValueError: no such rule" in r.message for r in results)


def test_summary_has_one_line_per_status() -> None:
    from pipeline.process import FileResult

    kinds = ["ok", "ocr", "timeout", "ocr", "corrupt"]
    results = [FileResult(f"{s}{i}.pdf", "", 0, s, "") for i, s in enumerate(kinds)]
    rows = dict.fromkeys(("documents", "decisions", "amounts", "organisations", "programmes", "cost_lines"), 0)
    lines = summary_lines(results, rows, 1.0)
    assert lines[:5] == ["documents read: 5", "  ok: 1", "  ocr: 2", "  corrupt: 1", "  timeout: 1"]


def _mutations(data: bytes, rng: random.Random) -> dict[str, bytes]:
    flipped = bytearray(data)
    for _ in range(max(1, len(data) // 200)):
        flipped[rng.randrange(len(flipped))] ^= 1 << rng.randrange(8)
    zeroed = bytearray(data)
    xref = data.rfind(b"xref")
    if xref >= 0:
        zeroed[xref : xref + 400] = bytes(len(zeroed[xref : xref + 400]))
    header = bytearray(data)
    header[:8] = b"\x00" * 8
    return {
        "truncated-head": data[: len(data) // 3],
        "truncated-tail": data[: len(data) - 50],
        "flipped": bytes(flipped),
        "zeroed-xref": bytes(zeroed),
        "no-header": bytes(header),
        "doubled": data + data,
    }


def test_fuzzed_pdfs_all_get_a_status(tmp_path: Path) -> None:
    from pipeline import config

    rng = random.Random(6)
    sources = [BAD / "owner-password-only.pdf", BAD / "garbled-unmapped-font.pdf"]
    sources += [config.RAW_DIR / "samples" / "lancashire-dn-2024-21-pcsa-cpip.pdf"]
    inp, out = tmp_path / "fuzz", tmp_path / "out"
    inp.mkdir()
    for source in sources:
        for kind, data in _mutations(source.read_bytes(), rng).items():
            (inp / f"{source.stem}-{kind}.pdf").write_bytes(data)
    names = sorted(p.name for p in inp.iterdir())
    assert main(["extract", "--input", str(inp), "--output", str(out), "--no-ocr", "--timeout", "60"]) == 0
    docs = pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False)
    assert sorted(docs["source_file"]) == names
    assert set(docs["status"]) <= set(STATUSES)
    assert (docs.loc[docs["status"] != "ok", "message"] != "").all()
    statuses = dict(zip(docs["source_file"], docs["status"]))
    assert statuses["lancashire-dn-2024-21-pcsa-cpip-no-header.pdf"] == "not_pdf"
    assert statuses["lancashire-dn-2024-21-pcsa-cpip-truncated-head.pdf"] == "corrupt"
