"""--jobs, the result cache and the Dask executor give the same output as one plain run."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import cache as cache_module
from pipeline.cli import main
from pipeline.dataset.tables import build_tables
from pipeline.dataset.write import write_tables
from pipeline.run import extract_folder
from tests.conftest import SAMPLES


def _hashes(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.glob("*.*"))
        if not p.name.startswith(".")
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    for name in (
        "mopac-pcd-1462-drive-extension.pdf",
        "lancashire-rr-20-2024-drive-extension.pdf",
        "essex-043-24-csdf-allocations-2023-4.pdf",
        "mopac-pcd-1436-ho-da-perpetrator-funding-2023-25.pdf",
    ):
        shutil.copy(SAMPLES / name, root / name)
    (root / "sub").mkdir()
    shutil.copy(SAMPLES / "surrey-041-2021-rrf-application-aug-2021.pdf", root / "sub" / "surrey.pdf")
    (root / "not-a-pdf.pdf").write_text("<html>gone</html>")
    return root


def _run(corpus: Path, out: Path, *extra: str) -> dict[str, str]:
    assert main(["extract", "--input", str(corpus), "--output", str(out), "--no-ocr", *extra]) == 0
    return _hashes(out)


def test_jobs_2_writes_the_same_bytes_as_jobs_1(corpus: Path, tmp_path: Path) -> None:
    one = _run(corpus, tmp_path / "one", "--jobs", "1", "--no-cache")
    two = _run(corpus, tmp_path / "two", "--jobs", "2", "--no-cache")
    assert one == two
    assert len(one) == 12


def test_a_warm_run_reads_the_cache_and_writes_the_same_bytes(corpus: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    cold = _run(corpus, tmp_path / "cold", "--jobs", "2", "--cache-dir", str(cache_dir))
    entries = sorted(cache_dir.rglob("*.pickle"))
    assert len(entries) == 6  # five notices and the not-a-PDF; one entry each
    stamps = {p: p.stat().st_mtime_ns for p in entries}
    warm = _run(corpus, tmp_path / "warm", "--jobs", "2", "--cache-dir", str(cache_dir))
    assert warm == cold
    assert {p: p.stat().st_mtime_ns for p in sorted(cache_dir.rglob("*.pickle"))} == stamps  # nothing re-extracted


def test_a_warm_rerun_into_the_same_folder_loads_no_extractor(corpus: Path, tmp_path: Path) -> None:
    cache_dir, out = tmp_path / "cache", tmp_path / "out"
    cold = _run(corpus, out, "--jobs", "1", "--cache-dir", str(cache_dir))
    code = (
        "import sys\n"
        "from pipeline.cli import main\n"
        f"rc = main(['extract', '--input', {str(corpus)!r}, '--output', {str(out)!r}, '--no-ocr', '--jobs', '1',"
        f" '--cache-dir', {str(cache_dir)!r}])\n"
        "assert rc == 0, rc\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('pipeline.extract', 'spacy', 'pdfplumber')))\n"
        "print('LOADED', loaded)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "up to date" in run.stdout
    assert "LOADED []" in run.stdout, run.stdout  # the cached notices stayed pickled
    assert _hashes(out) == cold


def test_the_same_bytes_under_another_name_come_from_the_cache(corpus: Path, tmp_path: Path) -> None:
    from pipeline.cache import ResultCache

    cache_dir = tmp_path / "cache"
    options = {"max_pages": 2000, "max_bytes": 200 * 1024 * 1024, "ocr": False}
    extract_folder(corpus, cache_dir=cache_dir, ocr=False, timeout=0)
    renamed = tmp_path / "renamed"
    renamed.mkdir()
    shutil.copy(corpus / "mopac-pcd-1462-drive-extension.pdf", renamed / "pcd-1462.pdf")
    results = extract_folder(renamed, cache_dir=cache_dir, ocr=False, timeout=0)
    assert [r.source_file for r in results] == ["pcd-1462.pdf"]
    assert results[0].notice is not None and results[0].notice.decision_id.value == "PCD 1462"
    probe = ResultCache(cache_dir, options)
    assert probe.get(results[0].sha256, "x.pdf") is not None


def test_a_rule_change_re_extracts(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.cache import ResultCache

    options = {"max_pages": 2000, "max_bytes": 1, "ocr": False}
    before = ResultCache(tmp_path, options).salt
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "rules changed")
    assert ResultCache(tmp_path, options).salt != before
    assert ResultCache(tmp_path, {**options, "ocr": True}).salt != ResultCache(tmp_path, options).salt


def test_a_damaged_cache_entry_is_a_miss(corpus: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    first = build_tables(extract_folder(corpus, cache_dir=cache_dir, ocr=False, timeout=0))
    for entry in cache_dir.rglob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    again = build_tables(extract_folder(corpus, cache_dir=cache_dir, ocr=False, timeout=0))
    for name in first:
        assert first[name].equals(again[name]), name


def test_dask_on_a_local_cluster_gives_the_local_output(corpus: Path, tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    local = tmp_path / "local"
    dask = tmp_path / "dask"
    write_tables(build_tables(extract_folder(corpus, ocr=False, timeout=0)), local)
    results = extract_folder(corpus, ocr=False, timeout=0, executor="dask", jobs=2)
    write_tables(build_tables(results), dask)
    assert _hashes(local) == _hashes(dask)


def test_an_unchanged_rerun_leaves_the_tables_and_a_touched_table_is_rewritten(
    corpus: Path, tmp_path: Path, capsys
) -> None:
    out, cache_dir = tmp_path / "out", tmp_path / "cache"
    args = ["--jobs", "2", "--cache-dir", str(cache_dir)]
    first = _run(corpus, out, *args)
    printed_first = capsys.readouterr().out
    second = _run(corpus, out, *args)
    printed_second = capsys.readouterr().out
    assert second == first
    assert "up to date" in printed_second and "up to date" not in printed_first
    # the summary's row counts are the same whether the tables were written or found up to date
    rows = [line for line in printed_first.splitlines() if line.startswith("rows:")]
    assert rows and rows == [line for line in printed_second.splitlines() if line.startswith("rows:")]
    (out / "amounts.csv").write_text("edited by hand\n")
    third = _run(corpus, out, *args)
    assert "up to date" not in capsys.readouterr().out
    assert third == first
