"""Rules found with the held-out notices, each checked on a sentence written for the test."""

from __future__ import annotations

import datetime as dt

from pipeline.extract.cost_tables import _bracketed_name, _join_continuations
from pipeline.extract.dates import choose_decision_date
from pipeline.extract.organisations import _acronym_mentions, _cue_role
from pipeline.read.document import Cell


def test_the_commissioners_date_under_a_bilingual_office_line_beats_the_officers() -> None:
    text = (
        "Prif Weithredwr / Chief Executive Signed: G. Jones Date: 30.10.17\n"
        "Penderfyniad y Comisiynydd / Commissioner's decision\n"
        "I approve the procurement set out above. I confirm that I have no personal or prejudicial\n"
        "interest in this matter.\nLlofnod / Signature: A. Person\n"
        "Comisiynydd Heddlu a Throseddu Gogledd Cymru / Police and Crime Commissioner for North\n"
        "Wales\nDyddiad / Date: 31.10.17\n"
    )
    assert choose_decision_date(text).match.date == dt.date(2017, 10, 31)


def test_an_acronym_spelled_out_after_it_is_an_organisation_but_a_fund_is_not() -> None:
    text = (
        "The service is delivered with SARSAS (Somerset and Avon Rape and Sexual Abuse Support). "
        "The Green House will subcontract part of it to SARSAS. "
        "Bids to the CSDF (Community Safety Development Fund) closed in May."
    )
    found = _acronym_mentions(text)
    assert {name for _, _, name in found} == {"SARSAS"}
    assert [text[a:b] for a, b, _ in found] == ["SARSAS", "SARSAS"]


def test_an_acronym_whose_letters_do_not_fit_the_name_is_left_alone() -> None:
    assert _acronym_mentions("funded by ABC (Home Office Violence Fund Team)") == []


def test_a_body_that_accredits_or_runs_the_tender_is_not_paid() -> None:
    sentence = "The company is accredited by the College of Policing to deliver police driver training."
    start = sentence.index("College")
    assert _cue_role(sentence, start, start + len("College of Policing"), "ORG") == "other"
    sentence = "Following a competitive tender run by the Strategic Alliance, Acme was chosen."
    start = sentence.index("Strategic")
    assert _cue_role(sentence, start, start + len("Strategic Alliance"), "ORG") == "other"
    sentence = "The project will be delivered by the Strategic Alliance."
    start = sentence.index("Strategic")
    assert _cue_role(sentence, start, start + len("Strategic Alliance"), "ORG") == "provider"


def test_a_subcontractor_is_a_provider() -> None:
    sentence = "The lead provider will subcontract the Somerset element of the service to SARSAS."
    start = sentence.index("SARSAS")
    assert _cue_role(sentence, start, start + 6, "ORG") == "provider"


def test_a_bracketed_recipient_header() -> None:
    assert _bracketed_name("Project (delivery partner)")
    assert _bracketed_name("Scheme (Provider)")
    assert not _bracketed_name("Provider")
    assert not _bracketed_name("Project (2023/24)")


def test_a_row_split_by_a_page_break_is_joined_to_the_row_above() -> None:
    def row(*texts: str) -> list[Cell | None]:
        return [Cell(t, (0.0, 0.0, 1.0, 1.0)) for t in texts]

    body = [
        row("Worthing – bystander training", "£27,500", "£32,500"),
        row("(Safe in Sussex)", "", ""),
        row("Communications campaign", "£20,000", "£25,000"),
        row("(not a continuation: it has money)", "£1,000", ""),
    ]
    joined = _join_continuations(body, {1: 1, 2: 1})
    assert [c.text for c in (r[0] for r in joined)] == [
        "Worthing – bystander training (Safe in Sussex)",
        "Communications campaign",
        "(not a continuation: it has money)",
    ]
