"""The ``extract`` command: every PDF under INPUT to the six tables in OUTPUT.

Heavy modules are imported inside the functions so that ``--help`` and other
commands start quickly.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from pipeline import config

if TYPE_CHECKING:
    from pipeline.process import FileResult

log = logging.getLogger(__name__)


def find_pdfs(root: Path) -> list[Path]:
    """Every file under ``root`` whose name ends in .pdf (any case), sorted by relative path."""
    found = [p for p in root.rglob("*") if p.is_file() and p.suffix.lower() == ".pdf" and not p.is_symlink()]
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def extract_folder(
    input_dir: Path,
    *,
    max_pages: int = config.MAX_PAGES,
    max_bytes: int = config.MAX_BYTES,
    timeout: float = config.TIMEOUT_SECONDS,
    ocr: bool = True,
    jobs: int = 1,
    executor: str = "local",
    scheduler: str | None = None,
    cache_dir: Path | None = None,
    show_progress: bool = False,
    console: Console | None = None,
) -> list[FileResult]:
    """Process every PDF under ``input_dir``: each within ``timeout`` seconds (0: no limit, in-process),
    on ``jobs`` worker processes (or a Dask cluster), reusing cached results from ``cache_dir``.

    The results come back sorted by ``source_file``, whatever order the workers finished in."""
    from pipeline.cache import ResultCache
    from pipeline.files import sha256_of
    from pipeline.parallel import run_dask, run_local
    from pipeline.process import relative_name

    paths = find_pdfs(input_dir)
    options = {"max_pages": max_pages, "max_bytes": max_bytes, "ocr": ocr}
    cache = ResultCache(cache_dir, options) if cache_dir is not None else None
    results: list[FileResult] = []
    todo: list[Path] = []
    for path in paths:
        cached = None
        if cache is not None:
            try:
                cached = cache.get(sha256_of(path), relative_name(path, input_dir))
            except OSError:
                cached = None
        if cached is not None:
            results.append(cached)
        else:
            todo.append(path)
    # largest files first, so a long notice does not start last and leave the other workers idle
    todo.sort(key=lambda p: -p.stat().st_size)
    if executor == "dask":
        stream = run_dask(todo, input_dir, scheduler, jobs, {**options, "timeout": timeout or None})
    else:
        stream = run_local(todo, input_dir, jobs, timeout, options)
    with _progress(show_progress, console, len(paths), len(results)) as advance:
        for result in stream:
            if cache is not None:
                cache.put(result)
            results.append(result)
            advance(result.source_file)
    if cache is not None:
        log.info("cache: %d read from the cache, %d extracted", len(paths) - len(todo), len(todo))
    return sorted(results, key=lambda r: r.source_file)


@contextmanager
def _progress(show: bool, console: Console | None, total: int, done: int) -> Iterator[Callable[[str], None]]:
    if not show:
        yield lambda _name: None
        return
    with Progress(
        TextColumn("[bold]extract"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("", total=total, completed=done)

        def advance(name: str) -> None:
            progress.update(task, advance=1, description=name[-60:])

        yield advance


def check_folders(input_dir: Path, output_dir: Path) -> str | None:
    """A usage error message, or None when the folders are fine."""
    if not input_dir.is_dir():
        return f"input folder {input_dir} does not exist"
    inp, out = input_dir.resolve(), output_dir.resolve()
    if out == inp or inp in out.parents:
        return f"the output folder {output_dir} may not be inside the input folder {input_dir}"
    return None


def summary_lines(results: list[FileResult], rows: dict[str, int], seconds: float) -> list[str]:
    from pipeline.dataset.names import TABLE_NAMES
    from pipeline.statuses import STATUSES

    statuses = Counter(r.status for r in results)
    lines = [f"documents read: {len(results)}"]
    lines.append(f"  ok: {statuses.pop('ok', 0)}")
    order = {status: i for i, status in enumerate(STATUSES)}
    for status, count in sorted(statuses.items(), key=lambda item: (order.get(item[0], len(order)), item[0])):
        lines.append(f"  {status}: {count}")
    lines.append("rows: " + ", ".join(f"{name} {rows[name]}" for name in TABLE_NAMES))
    lines.append(f"seconds: {seconds:.1f}")
    return lines


def cmd_extract(args: argparse.Namespace) -> int:
    from pipeline.dataset.state import current_rows, run_key
    from pipeline.dataset.state import save as save_state

    input_dir, output_dir = Path(args.input), Path(args.output)
    problem = check_folders(input_dir, output_dir)
    console = Console(stderr=True)
    if problem:
        console.print(f"[red]error:[/red] {problem}")
        return 2
    started = time.monotonic()
    results = extract_folder(
        input_dir,
        max_pages=args.max_pages,
        max_bytes=args.max_bytes,
        timeout=args.timeout,
        ocr=not args.no_ocr,
        jobs=args.jobs,
        executor=args.executor,
        scheduler=args.scheduler,
        cache_dir=None if args.no_cache else Path(args.cache_dir),
        show_progress=sys.stderr.isatty(),
        console=console,
    )
    options = {"max_pages": args.max_pages, "max_bytes": args.max_bytes, "ocr": not args.no_ocr}
    key = run_key(results, input_dir, options)
    saved_rows = current_rows(output_dir, key)
    if saved_rows is not None:  # the cached notices need not even be unpickled
        rows = saved_rows
        print("the tables in the output folder are up to date: nothing changed since they were written")
    else:
        from pipeline.dataset.tables import build_tables
        from pipeline.dataset.write import OutputError, write_tables

        tables = build_tables(results, input_dir)
        try:
            write_tables(tables, output_dir)
            rows = {name: len(frame) for name, frame in tables.items()}
            save_state(output_dir, key, rows)
        except (OutputError, OSError) as exc:
            console.print(f"[red]error:[/red] nothing written: {exc}")
            return 1
    for result in results:
        if result.status not in ("ok", "ocr"):
            console.print(f"[yellow]{result.status}[/yellow] {result.source_file}: {result.message}")
    for line in summary_lines(results, rows, time.monotonic() - started):
        print(line)
    print(f"tables in {output_dir}")
    return 0


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="extract every PDF under --input into tables in --output")
    p.add_argument("--input", default=str(config.RAW_DIR), help="folder read recursively for PDFs (default data/raw)")
    p.add_argument("--output", default=str(config.PROCESSED_DIR), help="folder for the tables (default data/processed)")
    p.add_argument("--max-pages", type=int, default=config.MAX_PAGES, help="record longer documents as too_large")
    p.add_argument("--max-bytes", type=int, default=config.MAX_BYTES, help="record bigger files as too_large")
    p.add_argument(
        "--timeout",
        type=float,
        default=config.TIMEOUT_SECONDS,
        help="seconds one document may take before it is recorded as timeout (default 120; 0 for no limit)",
    )
    p.add_argument("--no-ocr", action="store_true", help="never run OCR, even when OCRmyPDF is installed")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (default: all cores)")
    p.add_argument(
        "--executor",
        choices=("local", "dask"),
        default="local",
        help="local worker processes, or a Dask cluster (pip install '.[dask]')",
    )
    p.add_argument("--scheduler", help="with --executor dask: the scheduler's address (default: start a LocalCluster)")
    p.add_argument(
        "--cache-dir",
        default=str(config.INTERIM_DIR / "cache"),
        help="per-document results kept by file hash and rules version (default data/interim/cache)",
    )
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    p.set_defaults(func=cmd_extract)
