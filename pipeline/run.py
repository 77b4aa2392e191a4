"""The ``extract`` command: every PDF under INPUT to the six tables in OUTPUT.

Heavy modules are imported inside the functions so that ``--help`` and other
commands start quickly.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections import Counter
from collections.abc import Callable
from contextlib import ExitStack
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
    show_progress: bool = False,
    console: Console | None = None,
) -> list[FileResult]:
    """Process every PDF under ``input_dir``, each within ``timeout`` seconds (0: no limit, in-process)."""
    paths = find_pdfs(input_dir)
    with ExitStack() as stack:
        if timeout > 0:
            from pipeline.guard import GuardedWorker

            worker = stack.enter_context(GuardedWorker(timeout, max_pages=max_pages, max_bytes=max_bytes, ocr=ocr))
            one = worker.process
        else:
            from pipeline.process import process_file

            def one(path: Path, root: Path) -> FileResult:
                return process_file(path, root, max_pages=max_pages, max_bytes=max_bytes, ocr=ocr, timeout=None)

        return _run_all(paths, input_dir, one, show_progress, console)


def _run_all(
    paths: list[Path],
    input_dir: Path,
    one: Callable[[Path, Path], FileResult],
    show_progress: bool,
    console: Console | None,
) -> list[FileResult]:
    results: list[FileResult] = []
    if not show_progress:
        return [one(p, input_dir) for p in paths]
    with Progress(
        TextColumn("[bold]extract"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("", total=len(paths))
        for path in paths:
            progress.update(task, description=path.name[:60])
            results.append(one(path, input_dir))
            progress.advance(task)
    return results


def check_folders(input_dir: Path, output_dir: Path) -> str | None:
    """A usage error message, or None when the folders are fine."""
    if not input_dir.is_dir():
        return f"input folder {input_dir} does not exist"
    inp, out = input_dir.resolve(), output_dir.resolve()
    if out == inp or inp in out.parents:
        return f"the output folder {output_dir} may not be inside the input folder {input_dir}"
    return None


def summary_lines(results: list[FileResult], rows: dict[str, int], seconds: float) -> list[str]:
    from pipeline.dataset.tables import TABLE_NAMES
    from pipeline.read.pdf import STATUSES

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
    from pipeline.dataset.tables import build_tables
    from pipeline.dataset.write import OutputError, write_tables

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
        show_progress=sys.stderr.isatty(),
        console=console,
    )
    tables = build_tables(results, input_dir)
    try:
        write_tables(tables, output_dir)
    except OutputError as exc:
        console.print(f"[red]error:[/red] nothing written: {exc}")
        return 1
    for result in results:
        if result.status not in ("ok", "ocr"):
            console.print(f"[yellow]{result.status}[/yellow] {result.source_file}: {result.message}")
    rows = {name: len(frame) for name, frame in tables.items()}
    for line in summary_lines(results, rows, time.monotonic() - started):
        print(line)
    print(f"written to {output_dir}")
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
    p.set_defaults(func=cmd_extract)
