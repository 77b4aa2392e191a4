"""Per-document results to the six tidy tables, in a stable order."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from pipeline.dataset.listing import listing_fields, load_listing
from pipeline.dataset.schema import TABLE_NAMES, columns
from pipeline.read.document import format_bbox

if TYPE_CHECKING:
    from pipeline.process import FileResult

__all__ = ["TABLE_NAMES", "build_tables"]

_INT_COLUMNS = {"pages", "page", "table", "row", "decision_id_page", "title_page", "decision_date_page"}


def _iso(value: Any) -> str:
    return value.isoformat() if value is not None else ""


def _frame(name: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    cols = columns(name)
    frame = pd.DataFrame(rows, columns=cols)
    for col in cols:
        if col in _INT_COLUMNS:
            frame[col] = frame[col].astype("Int64")
        elif col in ("ocr", "is_total", "repeat"):
            frame[col] = frame[col].astype(bool)
        elif col == "adds_up":
            frame[col] = frame[col].astype("boolean")
        elif col == "amount":
            frame[col] = frame[col].astype(object)
        else:
            frame[col] = frame[col].fillna("").astype(str)
    return frame


def build_tables(results: list[FileResult], input_dir: Path | None = None) -> dict[str, pd.DataFrame]:
    """The six tables; with ``input_dir``, decisions carry what fetch's manifests say of each file."""
    listing = load_listing(input_dir)
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLE_NAMES}
    for r in sorted(results, key=lambda r: r.source_file):
        status = "ocr" if r.notice is not None and r.notice.ocr and r.status == "ok" else r.status
        rows["documents"].append(
            {"source_file": r.source_file, "sha256": r.sha256, "pages": r.pages, "status": status, "message": r.message}
        )
        n = r.notice
        if n is None:
            continue
        base = {"source_file": r.source_file, "sha256": r.sha256}
        did = n.decision_id.value if n.decision_id else ""
        rows["decisions"].append(
            {
                **base,
                "publisher": n.publisher.name if n.publisher else "",
                "decision_id": did,
                "title": n.title.value if n.title else "",
                "decision_date": _iso(n.decision_date),
                "ocr": n.ocr,
                "decision_id_page": n.decision_id.page if n.decision_id else None,
                "decision_id_quote": n.decision_id.quote if n.decision_id else "",
                "title_page": n.title.page if n.title else None,
                "decision_date_page": n.decision_date_evidence.page if n.decision_date_evidence else None,
                "decision_date_quote": n.decision_date_evidence.quote if n.decision_date_evidence else "",
                **listing_fields(listing.find(r.source_file, r.sha256), did, _iso(n.decision_date)),
            }
        )
        base = {**base, "decision_id": did}
        seen: set[Decimal] = set()
        for a in n.amounts:
            rows["amounts"].append(
                {
                    **base,
                    "amount": a.amount,
                    "currency": a.currency,
                    "raw": a.raw,
                    "qualifier": a.qualifier,
                    "role": a.role,
                    "period": a.period,
                    "period_start": _iso(a.period_start),
                    "period_end": _iso(a.period_end),
                    "page": a.page,
                    "bbox": format_bbox(a.bbox),
                    "quote": a.quote,
                    "source": a.source,
                    "repeat": a.amount in seen,
                    "ocr": n.ocr,
                }
            )
            seen.add(a.amount)
        for o in n.organisations:
            rows["organisations"].append(
                {
                    **base,
                    "name": o.name,
                    "canonical": o.canonical,
                    "role": o.role,
                    "page": o.page,
                    "bbox": format_bbox(o.bbox),
                    "quote": o.quote,
                    "ocr": n.ocr,
                }
            )
        for p in n.programmes:
            rows["programmes"].append(
                {**base, "programme": p.programme, "page": p.page, "quote": p.quote, "ocr": n.ocr}
            )
        for c in n.cost_lines:
            rows["cost_lines"].append(
                {
                    **base,
                    "table": c.table,
                    "row": c.row,
                    "description": c.description,
                    "amount": c.amount,
                    "raw": c.raw,
                    "period": c.period,
                    "is_total": c.is_total,
                    "adds_up": c.adds_up,
                    "page": c.page,
                    "bbox": format_bbox(c.bbox),
                    "ocr": n.ocr,
                }
            )
    return {name: _frame(name, rows[name]) for name in TABLE_NAMES}
