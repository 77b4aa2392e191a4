"""Is OUTPUT already what this run would write? A re-run over unchanged inputs skips the writing.

After writing, ``extract`` saves ``OUTPUT/.extract-state.json``: a key made of the code and rules
fingerprint, the run's options, every input file's name, hash and status, and every manifest beside
them; the hash and the row count of each table file written. A later run with the same key whose
tables still have those hashes would write the same bytes again, so it leaves them as they are.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.dataset.names import TABLE_NAMES
from pipeline.files import sha256_of, write_atomic

if TYPE_CHECKING:
    from pipeline.process import FileResult

STATE = ".extract-state.json"


def run_key(results: list[FileResult], input_dir: Path, options: dict[str, Any]) -> str:
    from pipeline.cache import code_fingerprint

    digest = hashlib.sha256()
    digest.update(code_fingerprint().encode())
    digest.update(json.dumps(options, sort_keys=True, default=str).encode())
    for r in sorted(results, key=lambda r: r.source_file):
        digest.update(f"{r.source_file}\0{r.sha256}\0{r.status}\0{r.message}\n".encode())
    for manifest in sorted(input_dir.rglob("manifest.csv")):
        digest.update(manifest.relative_to(input_dir).as_posix().encode())
        digest.update(sha256_of(manifest).encode())
    return digest.hexdigest()


def _outputs(output: Path) -> list[Path]:
    return [output / f"{name}.{ext}" for name in TABLE_NAMES for ext in ("csv", "parquet")]


def current_rows(output: Path, key: str) -> dict[str, int] | None:
    """The row count of each table when the tables in ``output`` were written under ``key`` and are
    unchanged since; else None (they must be written again)."""
    try:
        saved = json.loads((output / STATE).read_text(encoding="utf-8"))
        if saved.get("key") != key or not all(saved["files"].get(p.name) == sha256_of(p) for p in _outputs(output)):
            return None
        return {str(name): int(n) for name, n in saved["rows"].items()}
    except (OSError, ValueError, KeyError, AttributeError, TypeError):
        return None


def save(output: Path, key: str, rows: dict[str, int]) -> None:
    files = {p.name: sha256_of(p) for p in _outputs(output)}
    write_atomic(output / STATE, json.dumps({"key": key, "files": files, "rows": rows}, indent=1).encode())
