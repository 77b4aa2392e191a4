"""Write the tables as CSV and Parquet, atomically, after the schema check.

Every file is written to a temporary file in a staging folder inside OUTPUT,
then renamed over the old one, so a crash leaves either the previous table or
the new one, never half of one. CSV cells that a spreadsheet would run as a
formula are neutralised; Parquet keeps the exact value.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from pathlib import Path

import pandas as pd
import pandera.errors
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.dataset.schema import TABLE_NAMES, arrow_schema, validate

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

#: Test hook: seconds to wait between staging every file and renaming them into place (the SIGKILL test).
PAUSE_ENV = "PCC_TEST_PAUSE_BEFORE_RENAME"

log = logging.getLogger(__name__)


class OutputError(Exception):
    """The tables could not be checked or written."""


def neutralise(value: object) -> object:
    """Prefix a text cell that a spreadsheet would treat as a formula with a quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == bool or str(out[col].dtype) == "boolean":
            out[col] = out[col].map(lambda v: "" if pd.isna(v) else ("true" if v else "false"))
        elif out[col].dtype == object and col != "amount":
            out[col] = out[col].map(neutralise)
    return out


def _fsync_write(path: Path, write) -> None:
    write(path)
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


def write_tables(tables: dict[str, pd.DataFrame], output: Path) -> list[Path]:
    try:
        validate(tables)
    except pandera.errors.SchemaErrors as exc:
        raise OutputError(f"the tables failed the schema check:\n{exc.failure_cases.head(20)}") from exc
    try:
        output.mkdir(parents=True, exist_ok=True)
        for stale in output.glob(".staging-*"):  # left by a run that was killed before it could clean up
            shutil.rmtree(stale, ignore_errors=True)
        staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=output))
    except OSError as exc:
        raise OutputError(f"cannot create {output}: {exc}") from exc
    written: list[Path] = []
    try:
        staged: list[tuple[Path, Path]] = []
        for name in TABLE_NAMES:
            frame = tables[name]
            csv_tmp = staging / f"{name}.csv"
            _fsync_write(
                csv_tmp, lambda p, f=frame: csv_frame(f).to_csv(p, index=False, encoding="utf-8", lineterminator="\n")
            )
            staged.append((csv_tmp, output / f"{name}.csv"))
            pq_tmp = staging / f"{name}.parquet"
            table = pa.Table.from_pandas(frame, schema=arrow_schema(name), preserve_index=False)
            _fsync_write(pq_tmp, lambda p, t=table: pq.write_table(t, p))
            staged.append((pq_tmp, output / f"{name}.parquet"))
        pause = float(os.environ.get(PAUSE_ENV) or 0)
        if pause:
            log.warning("%s: every table staged, waiting %g s before renaming", PAUSE_ENV, pause)
            (staging / ".complete").touch()
            time.sleep(pause)
        for tmp, final in staged:
            os.replace(tmp, final)
            written.append(final)
    except OSError as exc:
        raise OutputError(f"cannot write to {output}: {exc}") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written
