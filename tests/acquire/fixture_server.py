"""A real HTTP server on 127.0.0.1 serving fixture copies of publisher sites, with scripted faults.

Files map to URLs like a static host:

* ``/a/b/`` and ``/a/b`` (a folder) -> ``a/b/index.html``; ``/a/b?page=1`` -> ``a/b/index@page=1.html``;
* any other path -> the file at that path (``/media/31462/download`` -> ``media/31462/download``);
* ``_redirects.txt`` in a root holds ``<from> <to> [status]`` lines.

Several roots can be stacked (``server.roots.insert(0, other)``): the first that has a file wins.
Responses carry an ETag (and Last-Modified) and answer a matching If-None-Match with 304.
Tests add ``routes``: a target (path with its query) mapped to a function that answers instead.
Every request is logged in ``server.log``.

Run by hand: ``python tests/acquire/fixture_server.py tests/fixtures/sites/mopac --port 8765``.
"""

from __future__ import annotations

import argparse
import contextlib
import email.utils
import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

LAST_MODIFIED = email.utils.formatdate(1_700_000_000, usegmt=True)


@dataclass
class Hit:
    method: str
    target: str
    status: int
    headers: dict[str, str]

    @property
    def path(self) -> str:
        return urlsplit(self.target).path


Handler = Callable[["RequestHandler"], None]


class RequestHandler(BaseHTTPRequestHandler):
    server: FixtureHTTPServer
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        fixture = self.server.fixture
        fixture.count[self.path] = fixture.count.get(self.path, 0) + 1
        route = fixture.routes.get(self.path) or fixture.routes.get(urlsplit(self.path).path)
        if route is not None:
            route(self)
        else:
            self.serve_static()

    # -- answers, for routes to call

    def reply(
        self,
        status: int,
        body: bytes = b"",
        headers: dict[str, str] | None = None,
        content_type: str = "text/html; charset=utf-8",
    ) -> None:
        self._log(status)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str, status: int = 301) -> None:
        self.reply(status, b"", {"Location": location})

    def truncated(self, body: bytes, keep: int) -> None:
        """Promise ``len(body)`` bytes, send ``keep`` of them, and hang up."""
        self._log(200)
        self.send_response(200)
        self.send_header("Content-Type", content_type_of(self.path, body))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[:keep])
        self.wfile.flush()
        self.close_connection = True

    def serve_static(self, etag: bool | None = None) -> None:
        fixture = self.server.fixture
        target = unquote(self.path)
        redirect = fixture.redirect_for(urlsplit(target).path)
        if redirect:
            self.redirect(*redirect)
            return
        body = fixture.file_for(target)
        if body is None:
            self.reply(404, b"<html><body><h1>Page not found</h1></body></html>")
            return
        headers = {}
        if fixture.etags if etag is None else etag:
            tag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
            headers = {"ETag": tag, "Last-Modified": LAST_MODIFIED}
            if self.headers.get("If-None-Match") == tag:
                self._log(304)
                self.send_response(304)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                return
        self.reply(200, body, headers, content_type_of(target, body))

    def _log(self, status: int) -> None:
        self.server.fixture.log.append(Hit("GET", self.path, status, dict(self.headers.items())))


def content_type_of(target: str, body: bytes) -> str:
    if body.startswith(b"%PDF"):
        return "application/pdf"
    if urlsplit(target).path.endswith(".txt"):
        return "text/plain; charset=utf-8"
    return "text/html; charset=utf-8"


class FixtureHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    fixture: FixtureServer


class FixtureServer:
    def __init__(self, *roots: Path, host: str = "127.0.0.1", port: int = 0) -> None:
        self.roots: list[Path] = list(roots)
        self.routes: dict[str, Handler] = {}
        self.log: list[Hit] = []
        self.count: dict[str, int] = {}
        self.etags = True
        self.httpd = FixtureHTTPServer((host, port), RequestHandler)
        self.httpd.fixture = self
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FixtureServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> FixtureServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- content

    def file_for(self, target: str) -> bytes | None:
        parts = urlsplit(target)
        rel = parts.path.strip("/")
        if ".." in rel.split("/"):
            return None
        for root in self.roots:
            base = root / rel if rel else root
            if parts.query:
                candidate = base / f"index@{parts.query}.html"
            elif base.is_dir():
                candidate = base / "index.html"
            else:
                candidate = base
            if candidate.is_file():
                return candidate.read_bytes()
        return None

    def redirect_for(self, path: str) -> tuple[str, int] | None:
        for root in self.roots:
            rules = root / "_redirects.txt"
            if not rules.is_file():
                continue
            for line in rules.read_text().splitlines():
                fields = line.split()
                if len(fields) >= 2 and not line.startswith("#") and fields[0].rstrip("/") == path.rstrip("/"):
                    return fields[1], int(fields[2]) if len(fields) > 2 else 301
        return None

    # -- for assertions

    def hits(self, status: int | None = None, contains: str = "") -> list[Hit]:
        return [h for h in self.log if (status is None or h.status == status) and contains in h.target]

    def pdf_downloads(self) -> list[Hit]:
        """Requests answered with a whole PDF body (200 and the file is a PDF)."""
        return [h for h in self.log if h.status == 200 and (self.file_for(h.target) or b"").startswith(b"%PDF")]


# --------------------------------------------------------------------------- scripted faults


def then_static(handlers: list[Handler]) -> Handler:
    """Answer the n-th request with ``handlers[n]``, and every later one from the files."""
    calls = {"n": 0}
    lock = threading.Lock()

    def route(req: RequestHandler) -> None:
        with lock:
            n = calls["n"]
            calls["n"] += 1
        if n < len(handlers):
            handlers[n](req)
        else:
            req.serve_static()

    return route


def status(
    code: int, headers: dict[str, str] | None = None, body: bytes = b"<html><body>Error</body></html>"
) -> Handler:
    return lambda req: req.reply(code, body, headers)


def sleep(seconds: float) -> Handler:
    def route(req: RequestHandler) -> None:
        time.sleep(seconds)
        with contextlib.suppress(OSError):  # the client may have given up
            req.serve_static()

    return route


def minimal_pdf(text: str) -> bytes:
    """A small valid one-page PDF showing ``text`` (ASCII), with a correct xref table."""
    safe = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 12 Tf 72 720 Td ({safe}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve a fixture site on 127.0.0.1.")
    parser.add_argument("root", nargs="+", type=Path)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    server = FixtureServer(*args.root, port=args.port)
    print(f"serving {', '.join(map(str, args.root))} at {server.url} (Ctrl-C stops)", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.httpd.serve_forever()


if __name__ == "__main__":
    main()
