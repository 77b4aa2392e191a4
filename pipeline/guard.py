"""The per-document time limit and crash shield: one long-lived worker process.

:class:`GuardedWorker` runs :func:`~pipeline.process.process_file` in a child
process that lives for the whole run, so the sequential path pays for one
process, not one per document. When a document takes longer than the limit the
worker (and any OCR it started: it leads its own process group) is killed, the
document is recorded as ``timeout``, and a fresh worker takes the next one. A
worker that dies (a segfault in a C library, the out-of-memory killer) costs
its document an ``error`` row, never the run.

This is the only place the limit is enforced; ``--timeout 0`` runs in-process
with no limit.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import signal
import tempfile
import threading
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from pipeline.process import FileResult, process_file, relative_name
from pipeline.read.pdf import sha256_of

log = logging.getLogger(__name__)

_STARTING = threading.Lock()


def start_method() -> str:
    """fork: a worker starts in milliseconds with whatever the parent loaded; spawn where fork does not exist."""
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def _context() -> multiprocessing.context.BaseContext:
    return multiprocessing.get_context(start_method())


def _serve(conn: Connection, scratch: str) -> None:
    """The worker's loop: one (path, root, options) in, one FileResult out, until the pipe closes."""
    if hasattr(os, "setsid"):
        os.setsid()  # its own process group, so a kill also reaches ocrmypdf and tesseract
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    tempfile.tempdir = scratch  # OCR copies go here; the parent removes it even after a kill
    while True:
        try:
            path, root, options = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(process_file(path, root, **options))


def _fallback(path: Path, root: Path, status: str, message: str) -> FileResult:
    try:
        digest = sha256_of(path)
    except OSError:
        digest = ""
    return FileResult(relative_name(path, root), digest, 0, status, message)


class GuardedWorker:
    """Process documents one at a time in a child process, each within ``timeout`` seconds."""

    def __init__(self, timeout: float, **options: Any) -> None:
        self.timeout = timeout
        self.options = options
        self._ctx = _context()
        self._scratch = tempfile.mkdtemp(prefix="pcc-run-")
        self._proc: multiprocessing.process.BaseProcess | None = None
        self._conn: Connection | None = None

    def __enter__(self) -> GuardedWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> Connection:
        # One start at a time: a worker forked while another is starting would inherit the other's
        # ends of its pipes, and then the other's exit is not seen until this one exits too (closing
        # the run waited out the 5 s join on it).
        with _STARTING:
            parent, child = self._ctx.Pipe()
            self._proc = self._ctx.Process(target=_serve, args=(child, self._scratch), daemon=True, name="pcc-reader")
            self._proc.start()
            child.close()
        self._conn = parent
        return parent

    def _stop(self) -> None:
        proc, self._proc = self._proc, None
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if proc is None:
            return
        if proc.is_alive() and proc.pid is not None:
            try:
                if hasattr(os, "killpg"):
                    os.killpg(proc.pid, signal.SIGKILL)
                else:
                    proc.kill()
            except (ProcessLookupError, PermissionError):
                proc.kill()
        proc.join(5)

    def close(self) -> None:
        self._stop()
        shutil.rmtree(self._scratch, ignore_errors=True)

    def process(self, path: Path, root: Path) -> FileResult:
        conn = self._conn or self._start()
        try:
            conn.send((path, root, {**self.options, "timeout": self.timeout}))
            if conn.poll(self.timeout):
                return conn.recv()
        except (EOFError, OSError):
            proc = self._proc
            self._stop()
            code = proc.exitcode if proc is not None else None
            log.warning("the reader process died on %s (exit code %s)", path, code)
            return _fallback(path, root, "error", f"the reader process died (exit code {code}) on this file")
        self._stop()
        log.warning("%s took longer than %g s", path, self.timeout)
        return _fallback(path, root, "timeout", f"stopped after {self.timeout:g} s (the per-document limit)")
