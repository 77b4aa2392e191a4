"""MOPAC end to end against the fixture copy of london.gov.uk served on 127.0.0.1."""

from __future__ import annotations

import csv
import hashlib
import shutil
from datetime import date

import pytest
from conftest import SITES
from fixture_server import minimal_pdf

from pipeline.acquire.http import RobotsDisallowed
from pipeline.acquire.sites.base import StructureError
from pipeline.acquire.store import COLUMNS

LISTING = (
    "/programmes-strategies/mayors-office-policing-and-crime-mopac/mopac-governance-and-decision-making/mopac-decisions"
)
FIRST_CRAWL = {"pcd-1462.pdf", "pcd-1436.pdf", "pcd-1041.pdf", "pcd-889.pdf", "pcd-353.pdf", "dmpcd-2014-110.pdf"}


def manifest(store) -> list[dict[str, str]]:
    with open(store.manifest_path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def by_id(rows, decision_id):
    return [r for r in rows if r["decision_id"] == decision_id]


def test_first_fetch_stores_every_pdf_with_a_complete_manifest(serve, fetch):
    server = serve("mopac")
    got = fetch("mopac", server)
    assert got.report.documents["new"] == 6 and got.report.documents["no_document"] == 1
    assert {p.name for p in got.store.dir.glob("*.pdf")} == FIRST_CRAWL
    rows = manifest(got.store)
    assert tuple(rows[0]) == COLUMNS
    for row in rows:
        if row["outcome"] == "stored":
            data = (got.store.dir / row["file"]).read_bytes()
            assert data.startswith(b"%PDF")
            assert hashlib.sha256(data).hexdigest() == row["sha256"]
            assert int(row["bytes"]) == len(data)
            assert row["http_status"] == "200" and row["etag"] and row["fetched_at"].endswith("Z")
            assert row["pdf_url"].startswith(server.url)
    pcd1462 = by_id(rows, "PCD 1462")[0]
    assert pcd1462["date_signed"] == "2023-06-20" and pcd1462["date_published"] == "2023-06-23"
    assert pcd1462["decision_maker"] == "Sophie Linden, Deputy Mayor, Policing and Crime"
    assert pcd1462["link_text"] == "PCD 1462 Drive Extension.pdf"
    assert pcd1462["pdf_url"] == server.url + "/media/31462/download"
    assert pcd1462["summary"].startswith("Approval of £84,500")
    assert pcd1462["listing_url"] == f"{server.url}{LISTING}?page=0"
    # Date signed is blank on most cards and detail pages: kept blank, not taken from the next label
    assert by_id(rows, "PCD 1436")[0]["date_signed"] == ""
    # an absolute link to www.london.gov.uk is sent to --base-url; the short alias redirect is followed
    pcd1041 = by_id(rows, "PCD 1041")[0]
    assert pcd1041["pdf_url"] == server.url + "/media/21041/download"
    # the 2015 page's table of files, and the older /sites/default/files/ links
    assert by_id(rows, "DMPCD 2014 110")[0]["file"] == "dmpcd-2014-110.pdf"
    # a decision whose page has no PDF yet is kept, with its listing metadata
    pcd900 = by_id(rows, "PCD 900")[0]
    assert pcd900["outcome"] == "no_document" and pcd900["date_published"] == "2021-03-01" and pcd900["file"] == ""


def test_second_fetch_of_an_unchanged_site_downloads_nothing(serve, fetch):
    server = serve("mopac")
    fetch("mopac", server)
    downloads = len(server.pdf_downloads())
    server.log.clear()
    again = fetch("mopac", server)
    assert server.pdf_downloads() == []
    assert again.report.documents["new"] == again.report.documents["changed"] == 0
    assert again.report.documents["unchanged"] == 3  # the PDFs linked from page 0, checked with If-None-Match
    assert all(h.status == 304 for h in server.log if "/media/" in h.target)
    assert "page 0" in again.report.stopped and "no new notice" in again.report.stopped
    assert not any("page=1" in h.target for h in server.log)
    assert downloads == 6


def test_new_notices_on_a_grown_listing_are_fetched_and_nothing_else(serve, fetch):
    server = serve("mopac")
    fetch("mopac", server)
    server.roots.insert(0, SITES / "mopac-grown")  # PCD 1500 published since
    server.log.clear()
    got = fetch("mopac", server)
    assert [h.target for h in server.pdf_downloads()] == ["/media/31500/download"]
    assert got.report.new_notices == 1
    assert (got.store.dir / "pcd-1500.pdf").is_file()
    assert "page 1" in got.report.stopped  # page 0 had a new notice, page 1 had none


def test_cards_shifting_between_pages_mid_crawl_are_fetched_once(serve, fetch):
    server = serve("mopac")

    def page0_then_grow(req):
        req.serve_static()
        if SITES / "mopac-grown" not in server.roots:
            server.roots.insert(0, SITES / "mopac-grown")  # a new card pushes PCD 1041 onto page 1

    server.routes[f"{LISTING}?page=0"] = page0_then_grow
    got = fetch("mopac", server)
    assert got.report.shifted == 1  # PCD 1041 seen again at the top of page 1
    targets = [h.target for h in server.pdf_downloads()]
    assert len(targets) == len(set(targets)) == 6
    assert {p.name for p in got.store.dir.glob("*.pdf")} == FIRST_CRAWL
    # the next run picks up the card that appeared on page 0 during the crawl
    del server.routes[f"{LISTING}?page=0"]
    assert fetch("mopac", server).report.documents["new"] == 1


def test_a_changed_pdf_at_the_same_url_is_a_new_version_and_the_old_is_kept(serve, fetch, tmp_path):
    server = serve("mopac")
    first = fetch("mopac", server)
    old = (first.store.dir / "pcd-1462.pdf").read_bytes()
    changed = tmp_path / "changed"
    (changed / "media/31462").mkdir(parents=True)
    (changed / "media/31462/download").write_bytes(minimal_pdf("PCD 1462 re-signed"))
    server.roots.insert(0, changed)
    got = fetch("mopac", server)
    assert got.report.documents["changed"] == 1
    assert (got.store.dir / "pcd-1462.pdf").read_bytes() == old
    assert (got.store.dir / "pcd-1462.v2.pdf").read_bytes() == minimal_pdf("PCD 1462 re-signed")
    versions = [r for r in manifest(got.store) if r["pdf_url"].endswith("/media/31462/download")]
    assert [(r["file"], r["version"]) for r in versions] == [("pcd-1462.pdf", "1"), ("pcd-1462.v2.pdf", "2")]
    assert versions[0]["sha256"] != versions[1]["sha256"]


def test_a_server_without_validators_is_downloaded_again_but_nothing_is_stored_twice(serve, fetch):
    server = serve("mopac")
    server.etags = False
    fetch("mopac", server)
    got = fetch("mopac", server)
    assert got.report.documents["redownloaded"] == 3 and got.report.documents["new"] == 0
    assert {p.name for p in got.store.dir.glob("*.pdf")} == FIRST_CRAWL


def test_since_skips_older_notices_and_stops_paging(serve, fetch):
    server = serve("mopac")
    got = fetch("mopac", server, since=date(2021, 3, 1))
    assert {p.name for p in got.store.dir.glob("*.pdf")} == {"pcd-1462.pdf", "pcd-1436.pdf", "pcd-1041.pdf"}
    assert "older than 2021-03-01" in got.report.stopped
    assert not any("page=2" in h.target for h in server.log)


def test_limit(serve, fetch):
    server = serve("mopac")
    got = fetch("mopac", server, limit=2)
    assert got.report.notices == 2 and "--limit 2" in got.report.stopped
    assert {p.name for p in got.store.dir.glob("*.pdf")} == {"pcd-1462.pdf", "pcd-1436.pdf"}


def test_recheck_reads_every_page(serve, fetch):
    server = serve("mopac")
    fetch("mopac", server)
    server.log.clear()
    got = fetch("mopac", server, recheck=True)
    assert got.report.pages == 3 and got.report.documents["unchanged"] == 6
    assert server.pdf_downloads() == []


def test_a_pdf_that_fails_is_recorded_and_retried_next_time(serve, fetch):
    server = serve("mopac")
    server.routes["/media/31436/download"] = lambda req: req.reply(200, b"<html>Access denied</html>")
    got = fetch("mopac", server)
    assert got.report.documents["failed"] == 1 and "not a PDF" in got.report.failures[0]
    failed = by_id(manifest(got.store), "PCD 1436")
    assert [r["outcome"] for r in failed] == ["failed"] and failed[0]["file"] == ""
    assert not list(got.store.dir.glob("*.part")) and not (got.store.dir / "pcd-1436.pdf").exists()
    del server.routes["/media/31436/download"]
    again = fetch("mopac", server)
    assert again.report.documents["new"] == 1
    assert [r["outcome"] for r in by_id(manifest(again.store), "PCD 1436")] == ["stored"]


def structure_changed(tmp_path, html_edit):
    """A copy of the MOPAC fixture whose page 0 has been edited."""
    site = tmp_path / "mopac-changed"
    shutil.copytree(SITES / "mopac", site)
    page0 = site / LISTING.lstrip("/") / "index@page=0.html"
    page0.write_text(html_edit(page0.read_text()))
    return site


def test_changed_card_markup_fails_with_a_clear_message(serve, fetch, tmp_path):
    server = serve(structure_changed(tmp_path, lambda s: s.replace('class="card card--decision"', 'class="teaser"')))
    with pytest.raises(StructureError, match=r"no decision cards match .*site layout may have changed"):
        fetch("mopac", server)
    assert server.pdf_downloads() == []


def test_missing_results_header_fails_with_a_clear_message(serve, fetch, tmp_path):
    server = serve(structure_changed(tmp_path, lambda s: s.replace("Showing", "Displaying")))
    with pytest.raises(StructureError, match="no results header"):
        fetch("mopac", server)


def test_robots_txt_disallowing_the_listing_stops_the_fetch(serve, fetch):
    server = serve("mopac")
    server.routes["/robots.txt"] = lambda req: req.reply(200, b"User-agent: *\nDisallow: /programmes-strategies/\n")
    with pytest.raises(RobotsDisallowed, match="disallows"):
        fetch("mopac", server)
    assert [h.target for h in server.log] == ["/robots.txt"]


def test_failures_on_pages_not_read_again_are_retried_directly(serve, fetch):
    server = serve("mopac")
    url = "/sites/default/files/pcd_353_pan_london_dv_service_extension.pdf"
    server.routes[url] = lambda req: req.reply(404, b"<html>Not found</html>")
    first = fetch("mopac", server)
    assert first.report.documents["failed"] == 1 and "HTTP 404" in first.report.failures[0]
    del server.routes[url]
    server.log.clear()
    again = fetch("mopac", server)
    assert again.report.retried == 2  # PCD 353's PDF, and PCD 900's page (which still links none)
    assert [h.target for h in server.pdf_downloads()] == [url]
    assert not any("page=1" in h.target or "page=2" in h.target for h in server.log)
    assert (again.store.dir / "pcd-353.pdf").is_file()


def test_an_unfinished_first_crawl_is_resumed_not_cut_short(serve, fetch):
    server = serve("mopac")
    first = fetch("mopac", server, limit=3)  # stops after page 0, as an interrupted first run would
    assert "--limit 3" in first.report.stopped and not first.store.crawl_complete
    server.log.clear()
    got = fetch("mopac", server)
    assert got.report.resumed and got.report.skipped == 3
    page0_pdfs = {"/media/31462/download", "/media/31436/download", "/media/21041/download"}
    assert not any(h.target in page0_pdfs for h in server.log)  # stored ones are not even re-checked
    assert len(server.pdf_downloads()) == 3
    assert {p.name for p in got.store.dir.glob("*.pdf")} == FIRST_CRAWL
    assert got.report.stopped == "the end of the listing" and got.store.crawl_complete
    third = fetch("mopac", server)
    assert not third.report.resumed and "page 0" in third.report.stopped
