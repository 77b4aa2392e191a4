"""Run the per-document function over many files: locally on N guarded worker processes, or on a
Dask cluster. Either way the caller gets one FileResult per path, and sorts them itself, so the
output does not depend on which worker finished first.

Local: ``jobs`` threads, each driving its own :class:`~pipeline.guard.GuardedWorker` (a long-lived
child process), so documents run in parallel and each still has its time limit and crash shield.

Dask (``pip install .[dask]``): the same :func:`~pipeline.process.process_file` is mapped over the
paths with ``dask.distributed``. The files must be readable at the same paths on every worker (a
shared file system). Dask cannot stop a running task, so the per-document time limit bounds only
OCR there; a document that hangs holds its worker.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import queue
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.process import FileResult

log = logging.getLogger(__name__)


def run_local(
    paths: list[Path], root: Path, jobs: int, timeout: float, options: dict[str, Any]
) -> Iterator[FileResult]:
    """Yield a result per path as each finishes."""
    if not paths:
        return
    if timeout <= 0:
        from pipeline.process import process_file

        if jobs <= 1:
            for path in paths:
                yield process_file(path, root, **options, timeout=None)
            return
        with _ready_to_fork(multiprocessing.get_start_method()), ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = [pool.submit(process_file, path, root, **options, timeout=None) for path in paths]
            for future in as_completed(futures):
                yield future.result()
        return

    from pipeline.guard import GuardedWorker, start_method

    workers: queue.Queue[GuardedWorker] = queue.Queue()
    with _ready_to_fork(start_method()), ExitStack() as stack:
        for _ in range(max(1, min(jobs, len(paths)))):
            workers.put(stack.enter_context(GuardedWorker(timeout, **options)))

        def one(path: Path) -> FileResult:
            worker = workers.get()
            try:
                return worker.process(path, root)
            finally:
                workers.put(worker)

        if workers.qsize() == 1:
            for path in paths:
                yield one(path)
            return
        with ThreadPoolExecutor(max_workers=workers.qsize(), thread_name_prefix="pcc-job") as threads:
            futures = [threads.submit(one, path) for path in paths]
            for future in as_completed(futures):
                yield future.result()


@contextmanager
def _ready_to_fork(method: str) -> Iterator[None]:
    """When workers are forked from this process: load the NLP pipeline and the rules here first, so each
    worker (and any that replaces one after a timeout) starts with them instead of loading them itself,
    and freeze what is loaded for the run, so the workers' garbage collector does not scan it again and
    again (about two thirds of their collection time) nor copy its pages."""
    if method != "fork":
        yield
        return
    from pipeline.process import warm_up

    try:
        warm_up()
    except Exception:  # noqa: BLE001 - a broken rule file fails each document, as it would without this
        log.warning("loading the rules before starting the workers failed", exc_info=True)
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def run_dask(
    paths: list[Path], root: Path, scheduler: str | None, jobs: int, options: dict[str, Any]
) -> Iterator[FileResult]:
    """Yield a result per path from a Dask cluster: ``scheduler`` is its address, or None for a LocalCluster."""
    try:
        from dask.distributed import Client, LocalCluster
        from dask.distributed import as_completed as dask_completed
    except ImportError as exc:  # pragma: no cover - depends on the extra
        raise RuntimeError("the Dask executor needs the dask extra: pip install '.[dask]'") from exc
    from pipeline.process import process_file

    with ExitStack() as stack:
        if scheduler:
            client = stack.enter_context(Client(scheduler))
        else:
            cluster = stack.enter_context(
                LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True, dashboard_address=None)
            )
            client = stack.enter_context(Client(cluster))
        futures = client.map(process_file, paths, root=root, pure=False, **options)
        for future in dask_completed(futures):
            yield future.result()
