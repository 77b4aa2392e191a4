"""Fetch from the MOPAC fixture site, then extract: decisions carry the listing's metadata."""

from __future__ import annotations

import csv

import pandas as pd

from pipeline.cli import main
from pipeline.dataset.listing import listing_fields
from pipeline.extract.identifiers import same_decision_id


def _decisions(out) -> pd.DataFrame:
    return pd.read_csv(out / "decisions.csv", dtype=str, keep_default_na=False).set_index("source_file")


def test_extract_over_a_fetched_folder_joins_the_listing(serve, fetch, tmp_path):
    got = fetch("mopac", serve("mopac"))
    raw = got.store.dir.parent
    out = tmp_path / "out"
    assert main(["extract", "--input", str(raw), "--output", str(out)]) == 0
    decisions = _decisions(out)
    row = decisions.loc["mopac/pcd-1462.pdf"]
    assert row["decision_id"] == "PCD 1462" and row["decision_date"] == "2023-06-20"
    assert row["listing_decision_id"] == "PCD 1462"
    assert row["listing_date_published"] == "2023-06-23"  # only the listing has it
    assert row["listing_decision_maker"].startswith("Sophie Linden")
    assert row["listing_pdf_url"].endswith("/media/31462/download")
    assert row["listing_mismatch"] == ""
    assert (decisions["listing_fetched_at"] != "").all()


def test_a_disagreement_between_listing_and_pdf_is_flagged(serve, fetch, tmp_path):
    got = fetch("mopac", serve("mopac"))
    path = got.store.manifest_path
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        if r["decision_id"] == "PCD 1462":
            r["date_signed"] = "2023-06-19"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    out = tmp_path / "out"
    assert main(["extract", "--input", str(got.store.dir.parent), "--output", str(out)]) == 0
    assert _decisions(out).loc["mopac/pcd-1462.pdf", "listing_mismatch"] == "date: listing 2023-06-19, PDF 2023-06-20"


def test_listing_ids_written_the_other_way_round_are_the_same_decision():
    assert same_decision_id("2024/20", "20/2024")
    assert same_decision_id("129-23", "129 – 23")
    assert not same_decision_id("2024/21", "20/2024")
    fields = listing_fields({"decision_id": "2024/21", "date_of_decision": "2024-09-02"}, "20/2024", "2024-09-02")
    assert fields["listing_mismatch"] == "ID: listing 2024/21, PDF 20/2024"
    assert listing_fields(None, "20/2024", "2024-09-02")["listing_mismatch"] == ""
