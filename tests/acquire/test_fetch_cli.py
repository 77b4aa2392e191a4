"""``python -m pipeline fetch`` and ``make fetch``: what a person runs and sees."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pipeline import config
from pipeline.acquire.store import COLUMNS
from pipeline.cli import main

DOCS = config.ROOT / "docs" / "fetch.md"


def cli(server, tmp_path: Path, *extra: str) -> list[str]:
    return [
        "fetch", "mopac", "--base-url", server.url, "--output", str(tmp_path / "raw"),
        "--cache-dir", str(tmp_path / "cache"), "--delay", "0", *extra,
    ]  # fmt: skip


def test_list_shows_the_publishers(capsys):
    assert main(["fetch", "--list"]) == 0
    out = capsys.readouterr().out
    for slug, name in [
        ("mopac", "MOPAC"),
        ("lancashire", "Lancashire PCC"),
        ("surrey", "Surrey PCC"),
        ("warwickshire", "Warwickshire PCC"),
    ]:
        assert re.search(rf"^{slug}\s+{name}\s", out, re.M)


def test_first_run_fetches_and_second_run_says_nothing_is_new(serve, tmp_path, capsys):
    server = serve("mopac")
    assert main(cli(server, tmp_path)) == 0
    first = capsys.readouterr().out
    assert "documents: 6 new" in first and "new        PCD 1462: pcd-1462.pdf" in first
    assert main(cli(server, tmp_path)) == 0
    second = capsys.readouterr().out
    assert "documents: 0 new, 0 changed" in second
    assert "nothing new: no PDF was downloaded again" in second
    assert "3 documents not modified" in second


def test_unknown_publisher_and_missing_contact_are_usage_errors(capsys, monkeypatch):
    assert main(["fetch", "nowhere"]) == 2
    assert "unknown publisher 'nowhere'" in capsys.readouterr().out
    monkeypatch.delenv("PCC_FETCH_CONTACT", raising=False)
    monkeypatch.setattr("pipeline.acquire.fetch.CONTACT", "")  # so this can never reach the real site
    assert main(["fetch", "mopac", "--output", "/nonexistent-never-written"]) == 2  # real site, no contact
    assert "contact" in capsys.readouterr().out


def test_a_structure_change_exits_1_with_the_reason(serve, tmp_path, capsys):
    server = serve("mopac")
    server.routes[
        "/programmes-strategies/mayors-office-policing-and-crime-mopac/mopac-governance-and-decision-making/"
        "mopac-decisions?page=0"
    ] = lambda req: req.reply(200, b"<html><main>Maintenance</main></html>")
    assert main(cli(server, tmp_path)) == 1
    out = capsys.readouterr().out
    assert "error:" in out and "no results header" in out and "site layout may have changed" in out


def test_ctrl_c_mid_download_leaves_no_partial_pdf_and_a_rerun_resumes(serve, tmp_path):
    server = serve("mopac")
    slow = "/media/31436/download"  # the second PDF
    body = (server.roots[0] / slow.lstrip("/")).read_bytes()
    started, release = threading.Event(), threading.Event()

    def trickle(req):
        req._log(200)
        req.send_response(200)
        req.send_header("Content-Type", "application/pdf")
        req.send_header("Content-Length", str(len(body)))
        req.end_headers()
        req.wfile.write(body[:4096])
        req.wfile.flush()
        started.set()
        release.wait(20)

    server.routes[slow] = trickle
    env = {**os.environ, "PYTHONPATH": str(config.ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline", *cli(server, tmp_path)],
        cwd=config.ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        assert started.wait(30), "the download never started"
        time.sleep(0.2)
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=30)
    finally:
        release.set()
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, out
    assert "interrupted" in out
    folder = tmp_path / "raw" / "mopac"
    assert [p.name for p in folder.iterdir() if p.name.endswith(".part")] == []
    assert {p.name for p in folder.glob("*.pdf")} == {"pcd-1462.pdf"}
    del server.routes[slow]
    assert main(cli(server, tmp_path)) == 0
    assert len(list(folder.glob("*.pdf"))) == 6


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_fetch_passes_its_variables():
    out = subprocess.run(
        ["make", "-n", "fetch", "PUBLISHER=mopac", "BASE_URL=http://127.0.0.1:8765", "SINCE=2024-01-01",
         "LIMIT=5", "OUTPUT=/tmp/raw-test"],
        cwd=config.ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    command = " ".join(out.replace("\\\n", " ").split())
    assert (
        "-m pipeline fetch mopac --since 2024-01-01 --limit 5 --base-url http://127.0.0.1:8765 --output /tmp/raw-test"
    ) in command


def test_docs_describe_every_manifest_column_and_option():
    text = DOCS.read_text(encoding="utf-8")
    missing = [c for c in COLUMNS if f"`{c}`" not in text]
    assert not missing, f"docs/fetch.md does not describe {missing}"
    for option in [
        "--since",
        "--limit",
        "--list",
        "--base-url",
        "--recheck",
        "--output",
        "--cache-dir",
        "--delay",
        "--timeout",
        "--max-bytes",
        "--contact",
        "make fetch",
    ]:
        assert option in text, option
