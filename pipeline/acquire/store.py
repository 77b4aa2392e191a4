"""Where a fetch puts things: PDFs under ``data/raw/<publisher>/`` and ``manifest.csv`` beside them.

* File names come from the decision ID (and the document type), through ``safe_stem``: lower-case
  ASCII letters, digits and hyphens only. Never from a URL path.
* A download goes to a ``.part`` file in the same folder and is renamed into place only once it
  has been checked; an interrupt (Ctrl-C) removes the ``.part`` file, so no partial PDF is left.
* The manifest is rewritten atomically (temporary file, then rename) after every change, and the
  rename of the PDF plus the manifest write are shielded from Ctrl-C, so the two always agree.
* A changed PDF at a known URL becomes a new version (``pcd-1462.v2.pdf``); old versions are kept.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import logging
import os
import re
import signal
import threading
import unicodedata
from collections.abc import Iterator
from pathlib import Path

log = logging.getLogger(__name__)

MANIFEST = "manifest.csv"
#: Written when a crawl has read the listing to its end; until then a run resumes the crawl.
STATE = "fetch-state.json"

#: The manifest's columns, in order. docs/fetch.md describes each one (a test checks it does).
COLUMNS: tuple[str, ...] = (
    "publisher",
    "decision_id",
    "id_source",
    "title",
    "date_signed",
    "date_published",
    "date_of_decision",
    "decision_maker",
    "restricted",
    "summary",
    "document_type",
    "link_text",
    "listing_url",
    "detail_url",
    "pdf_url",
    "final_url",
    "file",
    "version",
    "outcome",
    "error",
    "fetched_at",
    "http_status",
    "content_type",
    "bytes",
    "sha256",
    "etag",
    "last_modified",
)

#: ``outcome`` values. Only ``stored`` rows are history; the others are replaced by the next attempt.
STORED, FAILED, NO_DOCUMENT = "stored", "failed", "no_document"

Row = dict[str, str]


def safe_stem(*parts: str, max_length: int = 80) -> str:
    """``("PCD 1462", "Decision Notice")`` -> ``"pcd-1462--decision-notice"``.

    Each part is folded to ASCII, lower-cased, and every run of other characters becomes one hyphen,
    so no path separator, dot or control character can survive. Raises ValueError if nothing is left.
    """
    cleaned = []
    for part in parts:
        ascii_text = unicodedata.normalize("NFKD", part).encode("ascii", "ignore").decode("ascii")
        slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
        if slug:
            cleaned.append(slug)
    if not cleaned:
        raise ValueError(f"no safe file name can be made from {parts!r}")
    return "--".join(cleaned)[:max_length].strip("-")


@contextlib.contextmanager
def deferred_interrupt() -> Iterator[None]:
    """Hold back Ctrl-C (SIGINT) until the block is done, so a rename and its manifest row go together."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[tuple[int, object]] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: received.append((signum, frame)))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if received and callable(previous):
            previous(*received[0])


class Store:
    """The folder of one publisher: its PDFs and its manifest."""

    def __init__(self, root: Path, publisher: str) -> None:
        self.publisher = publisher
        self.dir = root / safe_stem(publisher)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.manifest_path = self.dir / MANIFEST
        self.rows: list[Row] = self._load()
        self._tidy()

    # -- reading

    def _load(self) -> list[Row]:
        if not self.manifest_path.exists():
            return []
        with open(self.manifest_path, newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            missing = set(COLUMNS) - set(reader.fieldnames or ())
            rows = [{c: (r.get(c) or "") for c in COLUMNS} for r in reader]
        if missing:
            log.warning(
                "%s lacks columns %s (written by an older version?); they are left empty",
                self.manifest_path,
                ", ".join(sorted(missing)),
            )
        kept = []
        for row in rows:
            if row["outcome"] == STORED and not (self.dir / row["file"]).is_file():
                log.warning("%s lists %s, which is missing; it will be fetched again", MANIFEST, row["file"])
                continue
            kept.append(row)
        return kept

    def _tidy(self) -> None:
        """Remove ``.part`` files an interrupted run left, and say which PDFs the manifest does not know."""
        for part in self.dir.glob("*.part"):
            log.info("removing %s, left by an interrupted fetch", part.name)
            part.unlink(missing_ok=True)
        listed = {row["file"] for row in self.rows}
        for pdf in sorted(self.dir.glob("*.pdf")):
            if pdf.name not in listed:
                log.warning("%s is not in %s; left alone, and its name will not be reused", pdf.name, MANIFEST)

    def stored(self) -> list[Row]:
        return [r for r in self.rows if r["outcome"] == STORED]

    def latest(self, pdf_url: str) -> Row | None:
        """The newest stored version of the document at ``pdf_url``."""
        versions = [r for r in self.stored() if r["pdf_url"] == pdf_url]
        return max(versions, key=lambda r: int(r["version"] or 1)) if versions else None

    def is_known(self, decision_id: str, detail_url: str, pdf_urls: list[str]) -> bool:
        """Whether an earlier run recorded the notice (matched by ID, detail page or PDF URL), whatever the outcome."""
        for row in self.rows:
            if decision_id and row["decision_id"] == decision_id:
                return True
            if detail_url and row["detail_url"] == detail_url:
                return True
            if row["pdf_url"] in pdf_urls:
                return True
        return False

    def has_stored(self, decision_id: str, detail_url: str, pdf_urls: list[str]) -> bool:
        """Whether a notice has a stored document (matched by ID, detail page or PDF URL)."""
        for row in self.stored():
            if (decision_id and row["decision_id"] == decision_id) or (detail_url and row["detail_url"] == detail_url):
                return True
            if row["pdf_url"] in pdf_urls:
                return True
        return False

    @property
    def crawl_complete(self) -> bool:
        """Whether some run read the listing to its end (so later runs may stop at known notices)."""
        try:
            return bool(json.loads((self.dir / STATE).read_text(encoding="utf-8")).get("listing_read_to_end"))
        except (OSError, ValueError):
            return False

    def mark_complete(self, when: str) -> None:
        tmp = self.dir / (STATE + ".tmp")
        tmp.write_text(json.dumps({"listing_read_to_end": when}, indent=1) + "\n", encoding="utf-8")
        os.replace(tmp, self.dir / STATE)

    # -- writing

    @contextlib.contextmanager
    def partial(self, stem: str) -> Iterator[Path]:
        """A ``.part`` file to download into; removed when the block ends unless it was committed."""
        path = self.dir / f".{stem}.{os.getpid()}.part"
        try:
            yield path
        finally:
            path.unlink(missing_ok=True)

    def _taken(self) -> set[str]:
        return {r["file"] for r in self.rows if r["file"]} | {p.name for p in self.dir.glob("*.pdf")}

    def _file_name(self, stem: str, pdf_url: str) -> tuple[str, int]:
        """A new file name for the document at ``pdf_url``: its next version, or a fresh unused name."""
        latest = self.latest(pdf_url)
        taken = self._taken()
        if latest is not None:
            base = re.sub(r"(\.v\d+)?\.pdf$", "", latest["file"])
            version = int(latest["version"] or 1) + 1
            while f"{base}.v{version}.pdf" in taken:
                version += 1
            return f"{base}.v{version}.pdf", version
        name, n = f"{stem}.pdf", 2
        while name in taken:
            name, n = f"{stem}-{n}.pdf", n + 1
        return name, 1

    def commit(self, part: Path, stem: str, row: Row) -> Row:
        """Move a checked download into place under a safe name and add its manifest row."""
        name, version = self._file_name(stem, row["pdf_url"])
        row = {c: str(row.get(c, "")) for c in COLUMNS}
        row.update(publisher=self.publisher, file=name, version=str(version), outcome=STORED, error="")
        if not row["sha256"]:
            row["sha256"] = hashlib.sha256(part.read_bytes()).hexdigest()
        with deferred_interrupt():
            os.replace(part, self.dir / name)
            self._drop_attempts(row)
            self.rows.append(row)
            self._write()
        return row

    def record(self, row: Row) -> Row:
        """Record a notice or document that gave no file (``failed`` or ``no_document``)."""
        row = {c: str(row.get(c, "")) for c in COLUMNS}
        row.update(publisher=self.publisher, file="", version="")
        with deferred_interrupt():
            self._drop_attempts(row)
            self.rows.append(row)
            self._write()
        return row

    def settle(self, pdf_url: str) -> None:
        """The document at ``pdf_url`` is fine again: forget earlier failed attempts at it."""
        kept = [r for r in self.rows if r["outcome"] == STORED or r["pdf_url"] != pdf_url]
        if len(kept) != len(self.rows):
            with deferred_interrupt():
                self.rows = kept
                self._write()

    def _drop_attempts(self, row: Row) -> None:
        """Forget earlier unsuccessful attempts at the same document (or the same notice, if it has none)."""

        def same(other: Row) -> bool:
            if other["outcome"] == STORED:
                return False
            if row["pdf_url"] or other["pdf_url"]:
                if other["pdf_url"] == row["pdf_url"]:
                    return True
                # a notice that had no document (or whose page failed) and now has one
                return not other["pdf_url"] and _same_notice(other, row)
            return _same_notice(other, row)

        self.rows = [r for r in self.rows if not same(r)]

    def _write(self) -> None:
        tmp = self.manifest_path.with_suffix(".csv.tmp")
        with open(tmp, "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(self.rows)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.manifest_path)


def _same_notice(a: Row, b: Row) -> bool:
    if a["detail_url"] and a["detail_url"] == b["detail_url"]:
        return True
    return bool(a["decision_id"]) and a["decision_id"] == b["decision_id"]
