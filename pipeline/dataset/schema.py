"""The output contract: every table, its columns, their types, and the checks.

``docs/schema.md`` describes the same columns for people; a test keeps the two
in step. :func:`validate` runs before anything is written.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_arrow

from pipeline.dataset.listing import LISTING_COLUMNS
from pipeline.dataset.names import TABLE_NAMES
from pipeline.statuses import STATUSES

ROLES_ORG = ["provider", "funder", "partner", "decision_maker", "other"]

_BBOX = r"^$|^-?\d+\.\d,-?\d+\.\d,-?\d+\.\d,-?\d+\.\d$"
_SHA = r"^[0-9a-f]{64}$|^$"


def _is_pence(value: object) -> bool:
    return isinstance(value, Decimal) and value.is_finite() and value.as_tuple().exponent == -2


_AMOUNT = pa.Check(lambda s: s.map(_is_pence), element_wise=False, error="amount must be a Decimal with 2 places")


def _text(nullable: bool = False, **checks: object) -> pa.Column:
    return pa.Column(str, nullable=nullable, checks=list(checks.values()) or None, coerce=False)


SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "documents": pa.DataFrameSchema(
        {
            "source_file": _text(),
            "sha256": _text(c=pa.Check.str_matches(_SHA)),
            "pages": pa.Column("Int64", pa.Check.ge(0)),
            "status": _text(c=pa.Check.isin(list(STATUSES))),
            "message": _text(),
        },
        strict=True,
        ordered=True,
        unique=["source_file"],
    ),
    "decisions": pa.DataFrameSchema(
        {
            "source_file": _text(),
            "sha256": _text(c=pa.Check.str_matches(_SHA)),
            "publisher": _text(),
            "decision_id": _text(),
            "title": _text(),
            "decision_date": _text(c=pa.Check.str_matches(r"^$|^\d{4}-\d{2}-\d{2}$")),
            "ocr": pa.Column(bool),
            "decision_id_page": pa.Column("Int64", nullable=True),
            "decision_id_quote": _text(),
            "title_page": pa.Column("Int64", nullable=True),
            "decision_date_page": pa.Column("Int64", nullable=True),
            "decision_date_quote": _text(),
            **{col: _text() for col in LISTING_COLUMNS},
            "listing_mismatch": _text(),
        },
        strict=True,
        ordered=True,
        unique=["source_file"],
    ),
    "amounts": pa.DataFrameSchema(
        {
            "source_file": _text(),
            "sha256": _text(c=pa.Check.str_matches(_SHA)),
            "decision_id": _text(),
            "amount": pa.Column(object, _AMOUNT),
            "currency": _text(c=pa.Check.isin(["GBP"])),
            "raw": _text(),
            "qualifier": _text(),
            "role": _text(),
            "period": _text(),
            "period_start": _text(c=pa.Check.str_matches(r"^$|^\d{4}-\d{2}-\d{2}$")),
            "period_end": _text(c=pa.Check.str_matches(r"^$|^\d{4}-\d{2}-\d{2}$")),
            "page": pa.Column("Int64", pa.Check.ge(1)),
            "bbox": _text(c=pa.Check.str_matches(_BBOX)),
            "quote": _text(),
            "source": _text(c=pa.Check.isin(["text", "table"])),
            "repeat": pa.Column(bool),
            "ocr": pa.Column(bool),
        },
        strict=True,
        ordered=True,
    ),
    "organisations": pa.DataFrameSchema(
        {
            "source_file": _text(),
            "sha256": _text(c=pa.Check.str_matches(_SHA)),
            "decision_id": _text(),
            "name": _text(),
            "canonical": _text(),
            "role": _text(c=pa.Check.isin(ROLES_ORG)),
            "page": pa.Column("Int64", pa.Check.ge(1)),
            "bbox": _text(c=pa.Check.str_matches(_BBOX)),
            "quote": _text(),
            "ocr": pa.Column(bool),
        },
        strict=True,
        ordered=True,
        unique=["source_file", "canonical", "role"],
    ),
    "programmes": pa.DataFrameSchema(
        {
            "source_file": _text(),
            "sha256": _text(c=pa.Check.str_matches(_SHA)),
            "decision_id": _text(),
            "programme": _text(),
            "page": pa.Column("Int64", pa.Check.ge(1)),
            "quote": _text(),
            "ocr": pa.Column(bool),
        },
        strict=True,
        ordered=True,
        unique=["source_file", "programme"],
    ),
    "cost_lines": pa.DataFrameSchema(
        {
            "source_file": _text(),
            "sha256": _text(c=pa.Check.str_matches(_SHA)),
            "decision_id": _text(),
            "table": pa.Column("Int64", pa.Check.ge(1)),
            "row": pa.Column("Int64", pa.Check.ge(1)),
            "description": _text(),
            "amount": pa.Column(object, _AMOUNT),
            "raw": _text(),
            "period": _text(),
            "is_total": pa.Column(bool),
            "adds_up": pa.Column("boolean", nullable=True),
            "page": pa.Column("Int64", pa.Check.ge(1)),
            "bbox": _text(c=pa.Check.str_matches(_BBOX)),
            "ocr": pa.Column(bool),
        },
        strict=True,
        ordered=True,
    ),
}

assert tuple(SCHEMAS) == TABLE_NAMES, "pipeline/dataset/names.py and the schemas disagree"


def columns(table: str) -> list[str]:
    return list(SCHEMAS[table].columns)


def arrow_schema(table: str) -> pa_arrow.Schema:
    """Parquet types: decimals stay exact (decimal128(18, 2)), never float."""
    fields = []
    for name, column in SCHEMAS[table].columns.items():
        dtype = str(column.dtype)
        if name == "amount":
            typ = pa_arrow.decimal128(18, 2)
        elif dtype == "Int64":
            typ = pa_arrow.int64()
        elif dtype in ("bool", "boolean"):
            typ = pa_arrow.bool_()
        else:  # text, and dates as ISO text so CSV and Parquet agree
            typ = pa_arrow.string()
        fields.append(pa_arrow.field(name, typ, nullable=True))
    return pa_arrow.schema(fields)


def validate(tables: dict[str, pd.DataFrame]) -> None:
    """Raise ``pandera.errors.SchemaErrors`` listing every problem, before anything is written."""
    for name, schema in SCHEMAS.items():
        schema.validate(tables[name], lazy=True)
