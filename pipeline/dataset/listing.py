"""Join what a publisher's listing said (``manifest.csv`` written by ``fetch``) onto the decisions.

The listing can hold what the PDF lacks (MOPAC's "Date published", Lancashire's "Decision Maker", a
RESTRICTED mark). A decision row is matched to the manifest row of the same stored file (the manifest
sits beside the PDFs it lists), else by SHA-256. Where the listing and the PDF disagree on the ID or
the date, ``listing_mismatch`` says so: a journalist checks those by hand.
"""

from __future__ import annotations

import csv
import logging
from dataclasses import dataclass
from pathlib import Path

from pipeline.extract.identifiers import same_decision_id

log = logging.getLogger(__name__)

MANIFEST = "manifest.csv"

#: decision column → manifest column
LISTING_COLUMNS = {
    "listing_decision_id": "decision_id",
    "listing_title": "title",
    "listing_date_signed": "date_signed",
    "listing_date_published": "date_published",
    "listing_date_of_decision": "date_of_decision",
    "listing_decision_maker": "decision_maker",
    "listing_restricted": "restricted",
    "listing_detail_url": "detail_url",
    "listing_pdf_url": "pdf_url",
    "listing_fetched_at": "fetched_at",
}


@dataclass(frozen=True)
class Listing:
    by_file: dict[str, dict[str, str]]
    by_sha: dict[str, dict[str, str]]

    def find(self, source_file: str, sha256: str) -> dict[str, str] | None:
        return self.by_file.get(source_file) or self.by_sha.get(sha256)


def load_listing(input_dir: Path | None) -> Listing:
    """Every stored row of every ``manifest.csv`` under ``input_dir``."""
    by_file: dict[str, dict[str, str]] = {}
    by_sha: dict[str, dict[str, str]] = {}
    if input_dir is None:
        return Listing(by_file, by_sha)
    for manifest in sorted(input_dir.rglob(MANIFEST)):
        folder = manifest.parent.relative_to(input_dir).as_posix()
        try:
            with manifest.open(encoding="utf-8", newline="") as fh:
                rows = list(csv.DictReader(fh))
        except (OSError, csv.Error, UnicodeDecodeError) as exc:
            log.warning("cannot read %s: %s", manifest, exc)
            continue
        for row in rows:
            if row.get("outcome", "stored") != "stored" or not row.get("file"):
                continue
            path = row["file"] if folder == "." else f"{folder}/{row['file']}"
            by_file[path] = row
            if row.get("sha256"):
                by_sha[row["sha256"]] = row
    return Listing(by_file, by_sha)


def listing_fields(row: dict[str, str] | None, decision_id: str, decision_date: str) -> dict[str, str]:
    """The ``listing_*`` columns of one decision, and what disagrees."""
    out = {col: (row or {}).get(src, "") or "" for col, src in LISTING_COLUMNS.items()}
    problems = []
    if row:
        listed_id = out["listing_decision_id"]
        if listed_id and decision_id and not same_decision_id(listed_id, decision_id):
            problems.append(f"ID: listing {listed_id}, PDF {decision_id}")
        listed_dates = {d for d in (out["listing_date_signed"], out["listing_date_of_decision"]) if d}
        if listed_dates and decision_date and decision_date not in listed_dates:
            problems.append(f"date: listing {', '.join(sorted(listed_dates))}, PDF {decision_date}")
    out["listing_mismatch"] = "; ".join(problems)
    return out
