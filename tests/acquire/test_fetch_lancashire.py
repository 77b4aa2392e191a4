"""Lancashire PCC end to end against the fixture quarter pages served on 127.0.0.1."""

from __future__ import annotations

import csv
import shutil

import pytest
from conftest import SITES

from pipeline.acquire.sites.base import StructureError


def manifest(store) -> list[dict[str, str]]:
    with open(store.manifest_path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_quarters_two_pdfs_per_decision_and_a_restricted_one(serve, fetch):
    server = serve("lancashire")
    got = fetch("lancashire", server)
    assert {p.name for p in got.store.dir.glob("*.pdf")} == {
        "2024-23--decision-notice.pdf",
        "2024-23--recommendation-report.pdf",
        "2024-22--decision-notice.pdf",
        "2024-21--decision-notice.pdf",
        "2024-21--recommendation-report.pdf",
        "2024-20--decision-notice.pdf",
        "2024-20--recommendation-report.pdf",
        "2024-12--decision-notice.pdf",
    }
    rows = {(r["decision_id"], r["document_type"]): r for r in manifest(got.store)}
    report = rows[("2024/20", "Recommendation Report")]
    assert report["date_of_decision"] == "2024-09-02" and report["decision_maker"] == "PCC"
    assert report["title"] == "Drive Extension" and report["id_source"] == "listing"
    assert report["summary"].startswith("I have considered advice")
    assert report["listing_url"].endswith("/transparency/decisions/july-2024-to-september-2024/")
    assert report["restricted"] == "false"
    # the Ref is missing on the page: the ID comes from the PDF file name, 2024-21 -> 2024/21
    assert rows[("2024/21", "Decision Notice")]["id_source"] == "link"
    restricted = [r for r in manifest(got.store) if r["decision_id"] == "2024/22"]
    assert len(restricted) == 1 and restricted[0]["restricted"] == "true"
    assert restricted[0]["summary"].startswith("RESTRICTED - Information relating to this decision is restricted")
    # quarters read newest first
    pages = [h.target for h in server.log if h.target.startswith("/transparency/")]
    assert pages == [
        "/transparency/decisions/",
        "/transparency/decisions/july-2024-to-september-2024/",
        "/transparency/decisions/april-2024-to-june-2024/",
    ]


def test_second_fetch_reads_the_current_quarter_only_and_downloads_nothing(serve, fetch):
    server = serve("lancashire")
    fetch("lancashire", server)
    server.log.clear()
    got = fetch("lancashire", server)
    assert server.pdf_downloads() == []
    assert got.report.documents["unchanged"] == 3 and got.report.documents["new"] == 0
    assert "current quarter has no new notice" in got.report.stopped
    assert not any("july-2024" in h.target for h in server.log)


def test_decision_blocks_gone_but_pdfs_present_fails_clearly(serve, fetch, tmp_path):
    site = tmp_path / "lancs"
    shutil.copytree(SITES / "lancashire", site)
    page = site / "transparency/decisions/index.html"
    page.write_text(page.read_text().replace("Decision Ref:", "Reference:"))
    server = serve(site)
    with pytest.raises(StructureError, match=r"no decision blocks starting 'Decision Ref:'.*layout may have changed"):
        fetch("lancashire", server)
    assert server.pdf_downloads() == []


def test_missing_content_area_fails_clearly(serve, fetch, tmp_path):
    site = tmp_path / "lancs"
    shutil.copytree(SITES / "lancashire", site)
    page = site / "transparency/decisions/index.html"
    page.write_text(page.read_text().replace('class="entry-content"', 'class="page-body"'))
    with pytest.raises(StructureError, match="no element matches"):
        fetch("lancashire", serve(site))
