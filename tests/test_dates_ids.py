from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.extract.dates import choose_decision_date, find_periods, parse_date, parse_financial_years
from pipeline.extract.identifiers import _rules as id_rules
from pipeline.extract.identifiers import _valid


@pytest.mark.parametrize(
    ("printed", "iso"),
    [
        ("20/06/2023", "2023-06-20"),
        ("8/4/2022", "2022-04-08"),
        ("11/04/17", "2017-04-11"),
        ("21.07.2023", "2023-07-21"),
        ("31.10.17", "2017-10-31"),
        ("2nd September 2024", "2024-09-02"),
        ("06 September 2019", "2019-09-06"),
        ("April 1, 2023", "2023-04-01"),
        ("1st of August 2023", "2023-08-01"),
        ("03-Dec-24", "2024-12-03"),
        ("4 Chwefror 2025", "2025-02-04"),
        ("30 Mehefin 2024", "2024-06-30"),
        ("3-Sept-2024", "2024-09-03"),
    ],
)
def test_parse_date(printed: str, iso: str) -> None:
    assert parse_date(printed) == dt.date.fromisoformat(iso)


@pytest.mark.parametrize("text", ["31/02/2023", "2023/24", "£84,500", "13/13/2020", ""])
def test_parse_date_refuses(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("printed", "label", "end"),
    [
        ("2023/24", "2023/24", "2024-03-31"),
        ("2023-24", "2023/24", "2024-03-31"),
        ("2023-25", "2023/25", "2025-03-31"),
        ("22/23", "2022/23", "2023-03-31"),
        ("2024-5", "2024/25", "2025-03-31"),
    ],
)
def test_financial_years(printed: str, label: str, end: str) -> None:
    period = parse_financial_years(printed)
    assert period is not None and period.label == label and period.end == dt.date.fromisoformat(end)


def test_periods_in_a_sentence() -> None:
    text = "for the period 1st August 2023 to 31st March 2025 (with the option to extend to 31st March 2026)"
    labels = [p.label for _, _, p in find_periods(text)]
    assert labels == ["2023-08-01 to 2025-03-31", "to 2026-03-31"]


def test_decision_date_prefers_the_decision_makers_signature() -> None:
    text = (
        "DATE: 1st May 2023\nThe above request has my approval.\nSignature Date 20/06/2023\n"
        "Chief Executive Officer\nI have been consulted.\nSignature\nDate: 19/06/2023\n"
    )
    assert choose_decision_date(text).match.date == dt.date(2023, 6, 20)


def test_decision_date_label_wins() -> None:
    text = "Date of report: 13/03/2024\nDate of Decision: 11th September 2024\nSigned\nDate: 12/09/2024"
    assert choose_decision_date(text).match.date == dt.date(2024, 9, 11)


def test_a_publication_date_after_the_signature_is_not_the_decision_date() -> None:
    text = (
        "Chief Executive   Advice given. Signed: J Smith. Date: 25/07/2023\n"
        "Police and Crime  I approve the decision set out in section 2.\n"
        "Commissioner      Signed: A Person\n"
        "                  Date: 28 July 2023\n"
        "Published         04/08/2023\n"
    )
    assert choose_decision_date(text).match.date == dt.date(2023, 7, 28)


def test_a_welsh_publication_date_is_not_the_decision_date() -> None:
    text = (
        "Dyddiad yr adroddiad /             24/08/2023\nReport date\n"
        "Comisiynydd / Commissioner         I approve the recommendations.\n"
        "Dyddiad / Date                     06/09/2023\n"
        "Dyddiad cyhoeddi /                 13/09/2023\nPublication date\n"
    )
    assert choose_decision_date(text).match.date == dt.date(2023, 9, 6)


def test_single_date_is_the_decision_date() -> None:
    assert choose_decision_date("Report dated 2nd September 2024.").match.date == dt.date(2024, 9, 2)


@pytest.mark.parametrize(
    "line",
    [
        "Decision Reference Number: WPCC3-0090",
        "DECISION: 20/2024 DATE: 2nd September 2024",
        "Report reference number: 129 – 23",
        "Decision number: 054/2024_25",
        "DMPC Decision – DMPCD 2014 110",
        "Decision Ref: 2024/20",
        "Reference: PCCML 000504 2019",
        "Decision number: EXE0048/23",
        "Decision Ref No: 23-24-0022",
        "Reference: 2015.068",
        "Decision: 028-2021 – Title of the decision",
        "Rhif y Penderfyniad /       2023.041",  # the English half of the label wraps onto the next line
        "Rhif / Number                      2023-24/019",
    ],
)
def test_id_after_label(line: str) -> None:
    m = id_rules().line.search(line)
    assert m is not None and _valid(m.group("id"))
    assert m.group("id").split()[0][0].isalnum()


@pytest.mark.parametrize(
    ("line", "want"),
    [
        # "Decision No" is not a label inside "DECISION NOTICE"
        ("DECISION NOTICE 2024/057", "2024/057"),
        # a label followed by what it is: "Decision Log" + "Reference"
        ("Decision Log Reference                     PCC/DPP/2024/031", "PCC/DPP/2024/031"),
    ],
)
def test_the_whole_id_after_a_label(line: str, want: str) -> None:
    m = id_rules().line.search(line)
    assert m is not None and m.group("id") == want


@pytest.mark.parametrize("line", ["Decision summary: the PCC agreed", "Decision and Authorisation", "Reference: 2024"])
def test_no_id_without_one(line: str) -> None:
    m = id_rules().line.search(line)
    assert m is None or not _valid(m.group("id"))


@given(st.text(max_size=300))
def test_date_and_id_parsers_never_raise(text: str) -> None:
    parse_date(text)
    parse_financial_years(text)
    find_periods(text)
    choose_decision_date(text)
    id_rules().line.search(text)


def test_a_head_date_after_the_officers_signatures_is_the_decision_date() -> None:
    from pipeline.extract.dates import choose_decision_date

    sign_offs = (
        "Chief Finance Officer\nSignature Martin Ashcroft\nDate 9/11/23\n"
        "Monitoring Officer\nSignature Angela Brennan\nDate 10/11/23\n"
    )
    head = "RECOMMENDATION REPORT\nDECISION: 34/2023 DATE: {}\nTITLE: CARA Service\nThe report asks for £162,540.\n"
    chosen = choose_decision_date(head.format("14th November 2023") + sign_offs)
    assert chosen is not None and str(chosen.match.date) == "2023-11-14"
    # a head date before the signatures is the report's, as the officers sign after it is written
    chosen = choose_decision_date(head.format("2nd November 2023") + sign_offs)
    assert chosen is not None and str(chosen.match.date) == "2023-11-10"


def test_an_end_date_in_the_approval_and_a_deadline_after_a_rule_are_not_the_decision_date() -> None:
    extension = (
        "Signed: O. Pritchard Date: 20/01/2025\n"
        "Decision of the Police and Crime Commissioner\n"
        "I approve the extension of the contract for the ISVA Service to 31 March 2026 at a cost of £458,250.\n"
        "Signed: A. Meriton\nDate: 27/01/2025\n"
    )
    assert choose_decision_date(extension).match.date == dt.date(2025, 1, 27)
    deadline = (
        "Contracts with a value over £250,000 require a decision of the Police and Crime Commissioner.\n"
        "If the new system is not live before 30 June 2025, the force would have to buy extended support.\n"
        "Chief Finance Officer Signed: P. Chandran 06/03/2025\n"
        "Police and Crime Commissioner I approve the award. Signed: M. Oduya 10/03/2025\n"
    )
    assert choose_decision_date(deadline).match.date == dt.date(2025, 3, 10)
    formal = (
        "Contracts with a value over £250,000 require a formal decision of the Police and Crime Commissioner.\n"
        "The Force Change Board will review the contract on 15/09/2025.\n"
        "Chief Finance Officer Signed: P. Chandran 06/03/2025\n"
        "Police and Crime Commissioner I approve the award. Signed: M. Oduya 10/03/2025\n"
    )
    assert choose_decision_date(formal).match.date == dt.date(2025, 3, 10)


def test_a_bilingual_signature_date_in_welsh_first() -> None:
    text = (
        "Dyddiad yr Adroddiad / Date of Report 27/01/2025\n"
        "Prif Swyddog Cyllid / Chief Finance Officer Llofnod / Signature: G. Pritchard Dyddiad / Date: 30/01/2025\n"
        "Comisiynydd Heddlu a Throseddu / Police and Crime Llofnod / Signature: R. ap Gwyn "
        "Dyddiad / Date: 4 Chwefror 2025 / 4 February\nCommissioner 2025\n"
    )
    assert choose_decision_date(text).match.date == dt.date(2025, 2, 4)


@pytest.mark.parametrize("note", ["Mayor informed", "Date the Panel was notified", "Commissioner notified on"])
def test_a_later_note_that_someone_was_told_of_the_decision_is_not_its_date(note: str) -> None:
    text = (
        "9. Decision\nI approve the recommendation and the grants listed in Appendix A.\n"
        "Signed                Richard Bainbridge, Deputy Mayor for Policing, Fire and Crime\n"
        "Date                  12/11/2024\n"
        f"{note}        13 November 2024\n"
    )
    assert choose_decision_date(text).match.date == dt.date(2024, 11, 12)


@pytest.mark.parametrize(
    "block",
    [
        "Signed: Police and Crime Commissioner\nPanel notified: Yes\nDate: 12/11/2024\n",
        "Signature: PCC\nCommissioner informed: N/A\nDate: 12/11/2024\n",
        "Signed: J Smith, Chief Executive. The Commissioner was informed.\nDate: 12/11/2024\n",
    ],
)
def test_a_told_of_label_on_the_line_above_does_not_hide_the_signature_date(block: str) -> None:
    text = "Report date: 1 November 2024\nI approve the recommendations.\n" + block
    assert choose_decision_date(text).match.date == dt.date(2024, 11, 12)
