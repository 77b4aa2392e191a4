"""The configuration-driven scraper (Surrey, Warwickshire) and publisher rules files."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from conftest import SITES

from pipeline.acquire import publishers
from pipeline.acquire.sites.base import StructureError, find_id, label_value, listing_date


def manifest(store) -> list[dict[str, str]]:
    with open(store.manifest_path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_surrey_listing_pages_decision_pages_and_pdfs(serve, fetch):
    server = serve("surrey")
    got = fetch("surrey", server)
    rows = {r["decision_id"]: r for r in manifest(got.store)}
    assert set(rows) == {"054/2024_25", "041/2021", "012/2020"}  # the third is on page 2 (the "next" link)
    assert {r["file"] for r in rows.values()} == {"054-2024-25.pdf", "041-2021.pdf", "012-2020.pdf"}
    assert rows["054/2024_25"]["date_signed"] == "2025-03-12" and rows["054/2024_25"]["id_source"] == "detail"
    assert rows["041/2021"]["title"] == "RRF Application August 2021"
    assert rows["041/2021"]["decision_maker"] == "Police and Crime Commissioner"
    assert not any(h.target.startswith("/about") or h.target.startswith("/transparency/?") for h in server.log)


def test_warwickshire_yearly_logs_and_labelled_dates(serve, fetch):
    server = serve("warwickshire")
    got = fetch("warwickshire", server)
    rows = {r["decision_id"]: r for r in manifest(got.store)}
    assert set(rows) == {"WPCC3-0090", "WPCC3-0089", "WPCC3-0067"}
    assert rows["WPCC3-0090"]["date_of_decision"] == "2023-06-05"  # the first "Date:"
    assert rows["WPCC3-0090"]["date_signed"] == "2023-06-06"  # the one under "Signature:"
    assert rows["WPCC3-0090"]["file"] == "wpcc3-0090.pdf"
    server.log.clear()
    again = fetch("warwickshire", server)
    assert server.pdf_downloads() == [] and again.report.documents["new"] == 0
    assert not any("decisions-log-2022" in h.target for h in server.log)  # stopped after the 2023 log


def test_generic_listing_with_no_matching_links_fails_clearly(serve, fetch, tmp_path):
    site = tmp_path / "surrey"
    shutil.copytree(SITES / "surrey", site)
    page = site / "transparency/decisions/index.html"
    page.write_text(page.read_text().replace("/decisions/054-", "/d/054-").replace("/decision-log-", "/d/log-"))
    server = serve(site)
    with pytest.raises(StructureError, match=r"no decision links match .*layout may have changed"):
        fetch("surrey", server)


def test_generic_follow_links_gone_fails_clearly(serve, fetch, tmp_path):
    site = tmp_path / "warks"
    shutil.copytree(SITES / "warwickshire", site)
    page = site / "your-pcc/decision-making/index.html"
    page.write_text(page.read_text().replace("decisions-log-", "log-"))
    with pytest.raises(StructureError, match="no listing links match"):
        fetch("warwickshire", serve(site))


# --------------------------------------------------------------------------- rules files


def test_the_four_publishers_are_configured():
    found = publishers.load_all()
    assert {"mopac", "lancashire", "surrey", "warwickshire"} <= set(found)
    assert found["mopac"].name == "MOPAC" and found["lancashire"].name == "Lancashire PCC"
    assert found["surrey"].scraper == found["warwickshire"].scraper == "generic"


def test_rules_files_may_hold_other_stages_keys(tmp_path: Path):
    (tmp_path / "essex.yml").write_text(
        "slug: essex\nname: Essex PFCC\nid_patterns: ['\\d{3}-\\d{2}']\nlabels: {date: 'Date:'}\n"
        "fetch:\n  scraper: generic\n  base_url: https://www.essex.pfcc.police.uk\n  start: [/decisions/]\n"
    )
    (tmp_path / "cleveland.yml").write_text("slug: cleveland\nname: Cleveland PCC\nid_patterns: []\n")  # no fetch:
    found = publishers.load_all(tmp_path)
    assert list(found) == ["essex"]
    assert found["essex"].hosts == ("www.essex.pfcc.police.uk",)


def test_a_rules_file_without_a_scraper_is_an_error(tmp_path: Path):
    (tmp_path / "x.yml").write_text("slug: x\nname: X\nfetch:\n  base_url: https://x.example\n")
    with pytest.raises(publishers.ConfigError, match=r"x.yml: fetch.scraper is missing"):
        publishers.load_all(tmp_path)


def test_base_url_override_moves_the_publishers_hosts_only():
    mopac = publishers.load("mopac").with_base_url("http://127.0.0.1:9999/ignored/path")
    assert mopac.url("https://www.london.gov.uk/media/1/download") == "http://127.0.0.1:9999/media/1/download"
    assert mopac.url("https://london.gov.uk/a?b=1#c") == "http://127.0.0.1:9999/a?b=1"
    assert mopac.url("https://elsewhere.example/x.pdf") == "https://elsewhere.example/x.pdf"  # then refused
    assert mopac.allowed_hosts == ("127.0.0.1:9999",)


# --------------------------------------------------------------------------- parsing helpers


@pytest.mark.parametrize(
    ("lines", "label", "expected"),
    [
        (["Date signed:", "Date published:", "23 June 2023"], "Date signed:", ""),
        (["Date signed:", "Date published:", "23 June 2023"], "Date published:", "23 June 2023"),
        (["Reference code: PCD 1462"], "Reference code:", "PCD 1462"),
        (["Date of Decision:", "2nd September 2024", "Date:", "1/2/2024"], "Date:", "1/2/2024"),
        (["Dates: x"], "Date:", ""),
    ],
)
def test_label_value(lines, label, expected):
    assert label_value(lines, label) == expected


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2nd September 2024", "2024-09-02"),
        ("20 June 2023", "2023-06-20"),
        ("20/06/2023", "2023-06-20"),
        ("21.07.2023", "2023-07-21"),
        ("Tuesday 20 June 2023", "2023-06-20"),
        ("", ""),
        ("sometime in June", "sometime in June"),  # kept as printed, with a warning
    ],
)
def test_listing_date(text, iso):
    assert listing_date(text) == iso


def test_lancashire_ids_read_the_same_from_page_and_file_name():
    rules = publishers.load("lancashire")
    patterns, fmt = rules.get("id_pattern"), rules.get("id_format")
    assert find_id(patterns, "2024/20", id_format=fmt) == "2024/20"
    assert find_id(patterns, "DN-2024-21-PCSA-CPIP.pdf", id_format=fmt) == "2024/21"
    assert find_id(patterns, "RR-20-2024-Drive-Extension.pdf", id_format=fmt) == "2024/20"
    assert find_id(patterns, "Drive Extension", id_format=fmt) == ""
