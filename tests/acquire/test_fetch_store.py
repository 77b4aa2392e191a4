"""Safe file names, atomic saving and the manifest."""

from __future__ import annotations

import csv

import pytest
from fixture_server import minimal_pdf

from pipeline.acquire.store import COLUMNS, Store, safe_stem


@pytest.mark.parametrize(
    ("parts", "stem"),
    [
        (("PCD 1462",), "pcd-1462"),
        (("2024/20", "Decision Notice"), "2024-20--decision-notice"),
        (("054/2024_25",), "054-2024-25"),
        (("WPCC3-0090",), "wpcc3-0090"),
        (("../../etc/passwd",), "etc-passwd"),
        (("C:\\Windows\\system32",), "c-windows-system32"),
        (("Décision №7\x00",), "decision-no7"),
        (("x" * 300,), "x" * 80),
    ],
)
def test_safe_stem(parts, stem):
    assert safe_stem(*parts) == stem


@pytest.mark.parametrize("bad", ["", "../..", "///", "\u2603"])
def test_safe_stem_refuses_names_with_nothing_safe_left(bad):
    with pytest.raises(ValueError):
        safe_stem(bad)


def stored(store: Store, stem: str, url: str, body: bytes) -> dict[str, str]:
    with store.partial(stem) as part:
        part.write_bytes(body)
        return store.commit(part, stem, {"decision_id": stem.upper(), "pdf_url": url, "bytes": str(len(body))})


def test_versions_of_one_url_are_all_kept(tmp_path):
    store = Store(tmp_path, "mopac")
    first = stored(store, "pcd-1", "http://x/1", minimal_pdf("one"))
    second = stored(store, "pcd-1", "http://x/1", minimal_pdf("two"))
    other = stored(store, "pcd-1", "http://x/other", minimal_pdf("other"))  # same ID, another document
    assert (first["file"], first["version"]) == ("pcd-1.pdf", "1")
    assert (second["file"], second["version"]) == ("pcd-1.v2.pdf", "2")
    assert other["file"] == "pcd-1-2.pdf"
    assert {p.name for p in store.dir.glob("*.pdf")} == {"pcd-1.pdf", "pcd-1.v2.pdf", "pcd-1-2.pdf"}
    with open(store.manifest_path, newline="") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames) == COLUMNS
        assert [r["file"] for r in reader] == ["pcd-1.pdf", "pcd-1.v2.pdf", "pcd-1-2.pdf"]
    assert Store(tmp_path, "mopac").latest("http://x/1")["file"] == "pcd-1.v2.pdf"


def test_an_error_mid_download_leaves_no_partial_file(tmp_path):
    store = Store(tmp_path, "mopac")
    with pytest.raises(KeyboardInterrupt), store.partial("pcd-2") as part:
        part.write_bytes(b"%PDF-1.4 half")
        raise KeyboardInterrupt
    assert list(store.dir.iterdir()) == []


def test_leftovers_of_a_killed_run_are_tidied(tmp_path, caplog):
    store = Store(tmp_path, "mopac")
    stored(store, "pcd-1", "http://x/1", minimal_pdf("one"))
    (store.dir / ".pcd-2.123.part").write_bytes(b"%PDF half")
    (store.dir / "pcd-1.pdf").unlink()  # listed but gone
    (store.dir / "stray.pdf").write_bytes(minimal_pdf("stray"))
    again = Store(tmp_path, "mopac")
    assert not list(again.dir.glob("*.part"))
    assert again.stored() == []  # pcd-1 will be fetched again
    assert "stray.pdf is not in manifest.csv" in caplog.text
    assert stored(again, "stray", "http://x/s", minimal_pdf("s"))["file"] == "stray-2.pdf"  # never overwritten


def test_a_later_success_replaces_the_failed_attempt(tmp_path):
    store = Store(tmp_path, "mopac")
    store.record({"decision_id": "PCD 1", "pdf_url": "http://x/1", "outcome": "failed", "error": "HTTP 500"})
    store.record({"decision_id": "PCD 1", "pdf_url": "http://x/1", "outcome": "failed", "error": "HTTP 503"})
    assert [r["error"] for r in store.rows] == ["HTTP 503"]
    stored(store, "pcd-1", "http://x/1", minimal_pdf("one"))
    assert [r["outcome"] for r in store.rows] == ["stored"]
