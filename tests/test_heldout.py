"""The held-out notices (tests/fixtures/heldout*), written by people who never saw the code, from
publishers outside the dev corpus, scored against their gold files. Set 1 must stay at or above the
targets of the generalisation issue; the later sets at or above their scores today."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline.dataset.tables import build_tables
from pipeline.dataset.write import write_tables
from pipeline.evaluation.scoring import evaluate_folder
from pipeline.read.ocr import ocr_engine
from pipeline.run import extract_folder
from tests.conftest import ISSUE_TARGETS, below

FIXTURES = Path(__file__).parent / "fixtures"
SETS = ("heldout", *(f"heldout{n}" for n in range(2, 77)))


def _extracted(folder: Path, out: Path) -> Path:
    write_tables(build_tables(extract_folder(folder)), out)
    return out


def _assert_not_below(folder: Path, output: Path, floors: dict[str, float]) -> None:
    scores = evaluate_folder(folder, output)
    low = below(scores, floors)
    assert not low, {name: scores[name].misses for name in low}


def _output_fixture(name: str) -> object:
    """A module fixture ``<name>_output``: the set extracted once into a temporary folder."""

    @pytest.fixture(scope="module", name=f"{name}_output")
    def extracted(tmp_path_factory: pytest.TempPathFactory) -> Path:
        return _extracted(FIXTURES / name, tmp_path_factory.mktemp(name))

    return extracted


for _name in SETS:
    globals()[f"_{_name}_output"] = _output_fixture(_name)


def test_heldout_scores_meet_the_targets(heldout_output: Path) -> None:
    _assert_not_below(FIXTURES / "heldout", heldout_output, ISSUE_TARGETS)


def test_a_printed_total_that_does_not_add_up_is_flagged(heldout_output: Path) -> None:
    lines = pd.read_csv(heldout_output / "cost_lines.csv", dtype=str, keep_default_na=False)
    wales = lines[lines["source_file"] == "south-wales-21-043-project-adder-swansea.pdf"]
    total = wales[wales["is_total"] == "true"]
    # the table prints 2,631,200; its cells add up to 2,613,200
    assert list(total["amount"]) == ["2631200.00"]
    assert list(total["adds_up"]) == ["false"]
    assert set(wales["page"]) == {"1", "2"}  # one table over two pages
    assert wales["table"].nunique() == 1


def test_a_lost_pound_sign_is_read(heldout_output: Path) -> None:
    amounts = pd.read_csv(heldout_output / "amounts.csv", dtype=str, keep_default_na=False)
    staffs = amounts[amounts["source_file"].str.startswith("staffordshire")]
    assert "PS865,312" in set(staffs[staffs["amount"] == "865312.00"]["raw"])


def test_a_table_in_thousands_is_reported_in_pounds_with_its_unit(heldout3_output: Path) -> None:
    lines = pd.read_csv(heldout3_output / "cost_lines.csv", dtype=str, keep_default_na=False)
    lincs = lines[lines["source_file"].str.startswith("lincolnshire")]
    # the table is headed "2023/24 £000"; its first row prints 1,240 and 310 (read off the page)
    grantham = lincs[lincs["description"].str.startswith("Grantham Police Station")]
    assert list(zip(grantham["amount"], grantham["raw"], grantham["period"])) == [
        ("1240000.00", "1,240 (£000)", "2023/24"),
        ("310000.00", "310 (£000)", "2024/25"),
    ]
    total = lincs[lincs["is_total"] == "true"]
    assert list(total["amount"]) == ["3104000.00"] and list(total["adds_up"]) == ["true"]


def test_tender_scores_are_not_sums(heldout4_output: Path) -> None:
    amounts = pd.read_csv(heldout4_output / "amounts.csv", dtype=str, keep_default_na=False)
    thames = amounts[amounts["source_file"].str.startswith("thames-valley")]
    # the evaluation table prints quality and price scores such as 61.25 and 91.25 (no £ anywhere)
    assert not {"61.25", "91.25", "80.34", "73.35"} & set(thames["amount"])


def test_a_font_without_ascent_still_reads_its_commas(heldout4_output: Path) -> None:
    amounts = pd.read_csv(heldout4_output / "amounts.csv", dtype=str, keep_default_na=False)
    glos = amounts[amounts["source_file"].str.startswith("gloucestershire")]
    # the notice prints "a budget of £175,000." and "£160,500" (PDFium gives outline boxes for its font)
    assert {"175000.00", "160500.00", "612880.00"} <= set(glos["amount"])
    assert "£175,000" in set(glos["raw"])


def test_a_header_left_at_the_foot_of_a_page_heads_the_rows_on_the_next(heldout4_output: Path) -> None:
    lines = pd.read_csv(heldout4_output / "cost_lines.csv", dtype=str, keep_default_na=False)
    thames = lines[lines["source_file"].str.startswith("thames-valley")]
    # page 1 ends with the ruled header "Lot | 2024/25 £ | 2025/26 £ | 2026/27 (optional extension) £ |
    # Maximum value £"; page 2 starts with "Lot 1 – CARA (The Hampton Trust) 185,000 185,000 185,000 555,000"
    lot1 = thames[thames["description"].str.startswith("Lot 1") & (thames["is_total"] == "false")]
    assert list(zip(lot1["amount"], lot1["period"], lot1["page"])) == [
        ("185000.00", "2024/25", "2"),
        ("185000.00", "2025/26", "2"),
        ("185000.00", "2026/27", "2"),
    ]  # 555,000 sums its row under "Maximum value", so it is a row total, not a fourth line
    total = thames[thames["is_total"] == "true"]
    assert list(zip(total["amount"], total["adds_up"])) == [("1192800.00", "true")]


def test_a_net_line_after_a_deduction_is_not_a_cost_line(heldout2_output: Path) -> None:
    lines = pd.read_csv(heldout2_output / "cost_lines.csv", dtype=str, keep_default_na=False)
    norfolk = lines[lines["source_file"].str.startswith("norfolk")]
    # "Net requirement 2019/20 91,500" follows "Less: Year 1 underspend carried forward (12,500)", a line taken
    # off (negative); the two funders' rows under "Funded by:" are lines, and "Total funding 91,500" is the total
    items = norfolk[norfolk["is_total"] == "false"]
    assert "91500.00" not in set(items["amount"])
    assert {"61500.00", "30000.00", "-12500.00"} <= set(items["amount"])
    assert list(norfolk[norfolk["is_total"] == "true"]["amount"]) == ["91500.00"]


def _titles(output: Path) -> dict[str, str]:
    decisions = pd.read_csv(output / "decisions.csv", dtype=str, keep_default_na=False)
    return dict(zip(decisions["source_file"].str.split("-").str[0], decisions["title"]))


def test_titles_in_label_columns(heldout5_output: Path, heldout6_output: Path) -> None:
    titles = _titles(heldout5_output) | _titles(heldout6_output)
    # "Title" printed beside the middle of a two-line value, no colon
    assert titles["derbyshire"] == "Independent Domestic Violence Advisor (IDVA) Service – Contract Award"
    # "Title" and its value in two columns, the value wrapping under itself; "Report date" is the next field
    assert titles["staffordshire"] == "Domestic Abuse Perpetrator Programme (Inspire to Change) 2024-26"
    # "Subject: ..." followed by the heading "Background"
    assert titles["leicestershire"] == "Victim First and Commissioned Victims' Services 2024/25"
    # a "Teitl / Title" cell of a ruled table
    assert titles["southwales"] == "Domestic Abuse Perpetrator Programme – Award of Contract 2024-2026"
    # no label: the line under "Decision Record No. 27/2024-25"
    assert titles["hampshire"] == "Up2U: Creating Healthy Relationships – grant to Portsmouth City Council 2024-2026"


def test_a_font_with_a_descent_but_no_ascent_keeps_its_commas(heldout8_output: Path) -> None:
    amounts = pd.read_csv(heldout8_output / "amounts.csv", dtype=str, keep_default_na=False)
    humber = amounts[amounts["source_file"].str.startswith("humberside")]
    # the notice prints "a grant to Hull City Council of £296,000" and "University of Hull evaluation £26,000"
    assert {"296000.00", "26000.00", "742600.00", "1000000.00"} <= set(humber["amount"])
    assert not {"296.00", "26.00", "1.00"} & set(humber["amount"])  # the figures cut at a comma


def test_a_table_of_vehicle_numbers_is_not_a_cost_table(heldout7_output: Path) -> None:
    lines = pd.read_csv(heldout7_output / "cost_lines.csv", dtype=str, keep_default_na=False)
    lincs = lines[lines["source_file"].str.startswith("lincolnshire")]
    # Appendix A, "Replacement schedule (number of vehicles)": "Response cars 22 21 43" under the same
    # year headers as the £000 cost table, which prints "Response cars (Ford) 1,020 980 2,000"
    assert not {"22.00", "21.00", "43.00"} & set(lincs["amount"])
    assert {"1020000.00", "980000.00"} <= set(lincs["amount"])


def test_projects_named_in_a_project_column_are_programmes(heldout7_output: Path) -> None:
    from pipeline.extract.programmes import _TITLE_CASE

    progs = pd.read_csv(heldout7_output / "programmes.csv", dtype=str, keep_default_na=False)
    cumbria = set(progs[progs["source_file"].str.startswith("cumbria")]["programme"])
    # the grants table's "Project" column: "Barrow Youth Boxing Academy | Gloves On, Knives Down | 12,750"
    assert {"Gloves On, Knives Down", "Friday Night Project", "Street Sport Diversion", "Try Time"} <= cumbria
    # a project column of descriptions names no programme
    assert not _TITLE_CASE.fullmatch("Grantham Police Station – refurbishment and extension")
    assert not _TITLE_CASE.fullmatch("Detached youth work in Goldthorpe and Thurnscoe")
    assert not _TITLE_CASE.fullmatch("Contingency")


# Held-out sets 2 to 20 (notices written blind by helpers, each scored once before any change made for
# it; the README has those first looks) are below the issue's targets in some fields. Their floors are
# their scores today, so a change that makes any of them worse fails. Fields not listed are at 1.0.
# Two floors fell on purpose. Set 3's programmes (0.77 to 0.75): a bare "IDVA" priced in a cost table is
# no longer a programme, which the gold of sets 4 to 8 wanted (12 wrong rows against 6 right ones). Set 4's
# programmes (0.80 to 0.75): a name made only of words for a kind ("Domestic Abuse Behaviour Change
# Programme") gives way to a particular programme named beside it, which sets 2, 3 and 8 wanted. Set 2's
# programmes (0.90 to 0.80): "the Navigator programme" is now "Navigator", the name without its kind in lower
# case, as the dev gold has "Girls Inspired" for "two Girls Inspired programmes" and sets 11 and 12 want.
# Sets 11 (0.94 to 0.91), 13 (1.0 to 0.91), 14 (0.85 to 0.76) and 23 (0.86 to 0.81): a programme the
# gazetteer knows goes by the gazetteer's name ("Cautioning and Relationship Abuse (CARA)" is CARA), so that one
# programme has one name across publishers; these golds spell it out as the notice defines it, while sets 2, 3,
# 7, 15 and 44 write CARA (an earlier rule kept the notice's spelling and moved the floors of sets 2, 3 and 7 the
# other way).
# Sets 3 (0.73 to 0.64) and 7 (0.90 to 0.87): advisers a title names without "Service" ("ISVA and IDVA
# Uplift") are posts, not a programme, which sets 6, 11, 13 and 14 wanted (6 wrong rows against 3 right).
# Set 5 (0.90 to 0.85): a cost table's "Intervention" column names programmes as a "Project" column does, and
# "Safe Space – Norwich night-time economy" gives "Safe Space", which its gold does not count; 16 other misses of
# sets 14, 23, 25, 26, 27 and 28 were found.
# Sets 2 (amounts and cost lines 1.0 to 0.99 and 0.98) and 28 (0.99 and 0.96): a sum in brackets in a cost table
# is negative ("Less: Area Planning Board contribution (60,000)" is -60,000), as set 41's gold has it for five
# tables, so that a table's lines add up to its net total and are not counted twice; these two golds list it positive.
# Set 15's cost lines (1.0 to 0.98): a row split between named money columns ("Base allocation (£)", "SVD
# top-up (£)") is described "Harlow CSP – Base allocation", as set 36's gold wants; set 15's names the row alone.
FLOORS = {
    "heldout2": {"amounts": 0.99, "funders": 0.96, "programmes": 0.80, "cost_lines": 0.98},
    "heldout3": {"providers": 0.99, "programmes": 0.71},
    "heldout4": {"providers": 0.98, "funders": 0.97, "programmes": 0.78},
    "heldout5": {"programmes": 0.85},
    "heldout6": {"programmes": 0.86},
    "heldout7": {"providers": 0.97, "funders": 1.0, "programmes": 0.87, "cost_total": 0.85},
    "heldout8": {"funders": 0.96, "programmes": 0.66},
    "heldout9": {"providers": 0.98, "programmes": 0.80},
    "heldout10": {"programmes": 0.66},
    "heldout11": {"programmes": 0.91},
    "heldout12": {"funders": 0.96, "programmes": 0.97},
    "heldout13": {"providers": 0.97, "programmes": 0.91},
    "heldout14": {"providers": 0.98, "funders": 0.95, "programmes": 0.76},
    "heldout15": {"funders": 0.96, "cost_lines": 0.98},
    "heldout17": {"funders": 0.92},
    "heldout18": {"programmes": 0.90, "cost_total": 0.92},
    "heldout19": {"providers": 0.95, "programmes": 0.84},
    "heldout20": {"providers": 0.96, "programmes": 0.90},
    "heldout16": {"funders": 0.96},
    "heldout21": {"providers": 0.94, "funders": 0.92, "programmes": 0.94},
    "heldout22": {"funders": 0.92},
    "heldout23": {"providers": 0.97, "funders": 0.92, "programmes": 0.83},
    "heldout24": {},
    "heldout25": {"programmes": 0.96},
    "heldout27": {"providers": 0.97, "funders": 0.94, "programmes": 0.90},
    "heldout28": {"amounts": 0.99, "providers": 0.96, "funders": 0.94, "programmes": 0.76, "cost_lines": 0.96},
    "heldout29": {"funders": 0.93, "programmes": 0.92},
    "heldout30": {"programmes": 0.92},
    "heldout31": {"providers": 0.97, "funders": 0.96},
    "heldout32": {"providers": 0.98, "funders": 0.94, "programmes": 0.87, "cost_lines": 0.98, "cost_total": 0.90},
    "heldout33": {"providers": 0.96, "funders": 0.92, "programmes": 0.96},
    "heldout34": {"providers": 0.91, "programmes": 0.89, "cost_lines": 0.88},
    # sets 35 and 36: programmes (set 35) miss names the gold gives twice ("Clear Path Cheshire" and "Clear Path",
    # "Llwybr Newydd" and its translation "New Pathway") and services named only in a table's lot headings; set 36's
    # cost lines miss a table of years in rows, whose gold joins each row's and column's labels. Floors raised to
    # today's scores throughout at the end of the session that added these two sets
    "heldout35": {"providers": 0.98, "programmes": 0.82},
    "heldout36": {"providers": 0.97, "funders": 0.95, "programmes": 0.94, "cost_lines": 0.98, "cost_total": 0.94},
    # sets 37 and 38 (first looks on 659aa4c in the README): programmes miss a fund the gold counts ("VAWG
    # Grassroots and Specialist Services Fund", where 40 other golds leave funds out) and name two the gold does not
    "heldout37": {"programmes": 0.94},
    "heldout38": {"programmes": 0.91},
    # sets 39 and 40 (first looks on 1229edd in the README): set 39's cost lines miss two tables whose gold joins the
    # organisation and service columns ("Victim Support – Core victims' hub ..."), where 30 other tables' golds name
    # the organisation alone; set 40's amounts count a row total its gold leaves out
    "heldout39": {"providers": 0.99, "programmes": 0.93, "cost_lines": 0.92},
    "heldout40": {"amounts": 0.99, "providers": 0.97, "programmes": 0.96},
    # sets 41 and 42 (first looks on be6d481 in the README)
    "heldout41": {"providers": 0.99, "funders": 0.90, "programmes": 0.76},
    "heldout42": {"providers": 0.98, "programmes": 0.95},
    # sets 43 to 46 (first looks on 719183b in the README; set 46's amounts are its scanned notice, read by OCR)
    "heldout43": {"providers": 0.83, "programmes": 0.84},
    "heldout44": {"providers": 0.97, "programmes": 0.85},
    "heldout45": {"amounts": 0.99, "providers": 0.95, "programmes": 0.91, "cost_lines": 0.97, "cost_total": 0.94},
    "heldout46": {
        "amounts": 0.94,
        "providers": 0.84,
        "funders": 0.97,
        "programmes": 0.81,
        "cost_lines": 0.92,
        "cost_total": 0.87,
    },
    "heldout47": {"providers": 0.94, "funders": 0.97},
    "heldout48": {"programmes": 0.95},
    "heldout49": {"amounts": 0.98, "providers": 0.97},
    "heldout50": {"providers": 0.95, "programmes": 0.76},
    "heldout51": {"providers": 0.91, "programmes": 0.85},
    "heldout52": {"providers": 0.98, "funders": 0.93, "programmes": 0.88, "cost_lines": 0.98},
    "heldout53": {"providers": 0.93, "funders": 0.96, "programmes": 0.87, "cost_lines": 0.94, "cost_total": 0.93},
    "heldout54": {"providers": 0.83, "funders": 0.92, "programmes": 0.94, "cost_lines": 0.98, "cost_total": 0.76},
    "heldout55": {"providers": 0.90, "funders": 0.92, "programmes": 0.82},
    "heldout56": {"providers": 0.96, "programmes": 0.75},
    "heldout57": {"programmes": 0.75},
    "heldout58": {"providers": 0.98, "funders": 0.92},
    "heldout59": {"providers": 0.94, "funders": 0.96, "programmes": 0.86},
    "heldout60": {"providers": 0.97, "funders": 0.91, "programmes": 0.84, "cost_total": 0.93},
    "heldout61": {"providers": 0.92, "funders": 0.88, "programmes": 0.82},
    "heldout62": {"providers": 0.96, "funders": 0.97, "programmes": 0.80},
    "heldout63": {"providers": 0.94, "funders": 0.93, "programmes": 0.85},
    "heldout64": {"providers": 0.97, "funders": 0.96, "programmes": 0.84, "cost_lines": 0.96},
    "heldout65": {"providers": 0.90, "funders": 0.95, "programmes": 0.56, "cost_lines": 0.93},
    "heldout66": {"providers": 0.90, "funders": 0.88, "programmes": 0.80, "cost_total": 0.74},
    "heldout67": {"providers": 0.87, "funders": 0.97, "programmes": 0.82},
    "heldout68": {"providers": 0.94, "funders": 0.92},
    "heldout69": {"providers": 0.95, "funders": 0.89, "programmes": 0.71},
    "heldout70": {"providers": 0.97, "funders": 0.90, "programmes": 0.89},
    "heldout71": {"providers": 0.97, "funders": 0.93, "programmes": 0.87},
    "heldout72": {"providers": 0.85, "funders": 0.87, "programmes": 0.75},
    "heldout73": {"providers": 0.92, "programmes": 0.81},
    "heldout74": {"providers": 0.99, "funders": 0.96, "programmes": 0.95, "cost_lines": 0.97},
    "heldout75": {"funders": 0.94, "programmes": 0.96},
    "heldout76": {"providers": 0.93, "programmes": 0.93, "cost_lines": 0.95, "cost_total": 0.94},
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_held_out_sets_do_not_fall(name: str, request: pytest.FixtureRequest) -> None:
    if name == "heldout3" and ocr_engine() is None:
        pytest.skip("the Durham notice of set 3 is a scan and no OCR engine is installed")
    floors = {field: 1.0 for field in ISSUE_TARGETS} | FLOORS[name]
    _assert_not_below(FIXTURES / name, request.getfixturevalue(f"{name}_output"), floors)


def test_a_centred_header_still_splits_its_columns(heldout9_output: Path) -> None:
    orgs = pd.read_csv(heldout9_output / "organisations.csv", dtype=str, keep_default_na=False)
    leics = orgs[orgs["source_file"].str.startswith("leicestershire") & (orgs["role"] == "provider")]
    # "Organisation     District     Grant awarded" centred over "Living Without Abuse   Countywide   £18,500"
    assert {"Living Without Abuse", "Juniper Lodge", "Melton Youth Forum"} <= set(leics["name"])
    assert not any(name.endswith(("Countywide", "Leicester", "Melton")) for name in leics["name"])


def test_a_page_that_repeats_the_header_above_a_tables_last_rows(
    heldout11_output: Path, heldout12_output: Path
) -> None:
    # Humberside: page 1 prints "Partner – service | 2025/26 | 2026/27 | 2027/28 | Total" over a line of
    # "£" marks, then four partners' rows; page 2 repeats both header lines above "Total 748,500 730,000
    # 730,000 2,208,500"
    lines = pd.read_csv(heldout12_output / "cost_lines.csv", dtype=str, keep_default_na=False)
    humber = lines[lines["source_file"].str.startswith("humberside")]
    restorative = humber[humber["description"].str.startswith("Restorative Solutions")]
    assert list(zip(restorative["amount"], restorative["period"])) == [
        ("55000.00", "2025/26"),
        ("55000.00", "2026/27"),
        ("55000.00", "2027/28"),
    ]
    total = humber[humber["is_total"] == "true"]
    assert list(zip(total["amount"], total["page"], total["adds_up"])) == [("2208500.00", "2", "true")]
    # West Yorkshire: the year columns' "Total" row ends page 1; page 2 repeats the header above "Total over
    # two years £1,357,500", printed under the last year's column: the grand total, of every year
    lines = pd.read_csv(heldout11_output / "cost_lines.csv", dtype=str, keep_default_na=False)
    west = lines[lines["source_file"].str.startswith("west-yorkshire")]
    total = west[west["is_total"] == "true"]
    assert list(zip(total["description"], total["amount"], total["period"], total["adds_up"])) == [
        ("Total over two years", "1357500.00", "", "true")
    ]


def test_a_title_printed_in_welsh_and_english_side_by_side(heldout14_output: Path) -> None:
    # "Teitl: Rhaglen Rhybuddio a Cham-drin mewn Perthynas   Title: Cautioning and Relationship Abuse (CARA)"
    # over "(CARA) 2024-26                                      Programme 2024-26": the English column
    decisions = pd.read_csv(heldout14_output / "decisions.csv", dtype=str, keep_default_na=False)
    gwent = decisions[decisions["source_file"].str.startswith("gwent")]
    assert list(gwent["title"]) == ["Cautioning and Relationship Abuse (CARA) Programme 2024-26"]
