"""The output contract, the CLI and the promises about inputs and outputs."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pandas as pd
import regex

from pipeline import config
from pipeline.cli import main
from pipeline.dataset.schema import TABLE_NAMES, columns
from pipeline.dataset.write import neutralise


def _documented_columns() -> dict[str, list[str]]:
    text = (config.DOCS_DIR / "schema.md").read_text(encoding="utf-8")
    out: dict[str, list[str]] = {}
    for section in regex.split(r"^## ", text, flags=regex.MULTILINE)[1:]:
        name = section.split("\n", 1)[0].strip()
        rows = regex.findall(r"^\| (\w+) \| \w+ \|", section, flags=regex.MULTILINE)
        out[name] = [r for r in rows if r != "column"]
    return out


def test_csv_columns_match_docs(sample_output: Path) -> None:
    documented = _documented_columns()
    assert list(documented) == list(TABLE_NAMES)
    for name in TABLE_NAMES:
        header = (sample_output / f"{name}.csv").read_text(encoding="utf-8").split("\n", 1)[0].split(",")
        assert header == documented[name] == columns(name), name


def test_parquet_keeps_exact_decimals(sample_output: Path) -> None:
    amounts = pd.read_parquet(sample_output / "amounts.parquet")
    assert (
        str(amounts["amount"].dtype).startswith("decimal")
        or amounts["amount"].map(type).eq(type(amounts["amount"].iloc[0])).all()
    )
    assert "1790932.20" in {f"{v:f}" for v in amounts["amount"]}


def _hashes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_extract_cli_reads_recursively_and_reports(small_input: Path, tmp_path: Path, capsys) -> None:
    bad = small_input / "broken.pdf"
    bad.write_text("<!DOCTYPE html><html><body>Not found</body></html>")
    (small_input / "empty.pdf").write_bytes(b"")
    before = _hashes(small_input)
    out = tmp_path / "out"
    assert main(["extract", "--input", str(small_input), "--output", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "documents read: 4" in printed and "ok: 2" in printed and "not_pdf: 1" in printed and "empty: 1" in printed
    docs = pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False)
    assert dict(zip(docs["source_file"], docs["status"])) == {
        "broken.pdf": "not_pdf",
        "empty.pdf": "empty",
        "london/mopac-pcd-1462-drive-extension.pdf": "ok",
        "surrey-041-2021-rrf-application-aug-2021.pdf": "ok",
    }
    assert "HTML" in docs.set_index("source_file").loc["broken.pdf", "message"]
    assert _hashes(small_input) == before  # the inputs are never changed
    first = _hashes(out)
    assert main(["extract", "--input", str(small_input), "--output", str(out)]) == 0
    assert _hashes(out) == first  # a re-run writes the same bytes
    assert not [p for p in out.iterdir() if p.name.startswith(".staging")]


def test_output_inside_input_is_refused(small_input: Path) -> None:
    assert main(["extract", "--input", str(small_input), "--output", str(small_input / "out")]) == 2
    assert not (small_input / "out").exists()


def test_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["extract", "--input", str(tmp_path / "nope"), "--output", str(tmp_path / "out")]) == 2


def test_help_lists_commands() -> None:
    result = subprocess.run([sys.executable, "-m", "pipeline", "--help"], capture_output=True, text=True, check=True)
    assert "extract" in result.stdout and "evaluate" in result.stdout


def test_make_help_lists_targets() -> None:
    result = subprocess.run(["make", "-s", "help"], capture_output=True, text=True, cwd=config.ROOT, check=True)
    for target in ("extract", "test", "evaluate"):
        assert regex.search(rf"^\s+{target}\s", result.stdout, flags=regex.MULTILINE), target


def test_formula_cells_are_neutralised_in_csv_only() -> None:
    assert neutralise('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert neutralise("-5 costs") == "'-5 costs"
    assert neutralise("Victim Support") == "Victim Support"


def test_sigkill_mid_write_leaves_previous_outputs(small_input: Path, tmp_path: Path) -> None:
    import os
    import signal
    import time

    from pipeline.dataset.write import PAUSE_ENV

    out = tmp_path / "out"
    assert main(["extract", "--input", str(small_input), "--output", str(out), "--timeout", "0"]) == 0
    before = _hashes(out)
    (small_input / "more").mkdir()
    (small_input / "more" / "empty.pdf").write_bytes(b"")  # the second run would write different tables
    env = {**os.environ, PAUSE_ENV: "60"}
    cmd = [sys.executable, "-m", "pipeline", "extract", "--input", str(small_input), "--output", str(out)]
    proc = subprocess.Popen(cmd, env=env, cwd=config.ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not list(out.glob(".staging-*/.complete")):
            assert proc.poll() is None, "the run ended before it staged its tables"
            assert time.monotonic() < deadline, "the run never staged its tables"
            time.sleep(0.1)
        staged = next(out.glob(".staging-*"))
        assert len(list(staged.glob("*.csv"))) == len(TABLE_NAMES)  # killed with every new table half-way in
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert {k: v for k, v in _hashes(out).items() if not k.startswith(".staging")} == before
    for name in TABLE_NAMES:
        assert len(pd.read_parquet(out / f"{name}.parquet")) == len(pd.read_csv(out / f"{name}.csv"))
    assert len(pd.read_csv(out / "documents.csv")) == 2
    # the next run clears what the killed one left and writes the new tables
    assert main(["extract", "--input", str(small_input), "--output", str(out), "--timeout", "0"]) == 0
    assert not list(out.glob(".staging-*"))
    assert len(pd.read_csv(out / "documents.csv")) == 3
