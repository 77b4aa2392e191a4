"""Every publisher rules file is well formed, and its examples fit its own rules and the generic ID reader."""

from __future__ import annotations

import pytest
import regex

from pipeline.extract.identifiers import _rules as id_rules
from pipeline.extract.identifiers import _valid, clean_id
from pipeline.extract.rules import publisher_rules

RULES = publisher_rules()


def test_every_publisher_has_a_name_an_office_and_detection_patterns():
    assert len(RULES) >= 40
    slugs = [r["slug"] for r in RULES]
    assert len(slugs) == len(set(slugs))
    for r in RULES:
        assert r["name"] and r["office"], r["slug"]
        for pattern in r["detect"]:
            regex.compile(pattern)
        assert regex.search(r["detect"][0], r["office"], regex.IGNORECASE) or r["slug"] in {
            "mopac",
            "greater-manchester",
            "west-yorkshire",
            "south-yorkshire",
            "york-and-north-yorkshire",
        }, r["slug"]


@pytest.mark.parametrize("rules", [r for r in RULES if r.get("id_examples")], ids=lambda r: r["slug"])
def test_id_examples_fit_the_pattern_and_are_read_after_each_label(rules):
    for example in rules["id_examples"]:
        assert _valid(example), example
        if rules.get("id_pattern"):
            assert regex.fullmatch(rules["id_pattern"], example), example
        for label in rules.get("id_labels", ["Reference:"]):
            m = id_rules().line.search(f"{label} {example}")
            assert m is not None and clean_id(m.group("id")) == example, (label, example)


def test_a_publisher_is_known_by_its_area_before_the_office_in_capitals() -> None:
    from pipeline.extract.publisher import detect_publisher
    from tests.test_general_rules import _text_document

    doc = _text_document(
        "BEDFORDSHIRE POLICE AND CRIME COMMISSIONER\nRECORD OF DECISION\nRecord of Decision No. BPCC 24/091\n"
        "Title Grant to Ouse Valley Street Angels - Bedford Safe Night Out 2024/25\n"
    )
    found = detect_publisher(doc)
    assert found is not None and found.slug == "bedfordshire"
    assert found.quote == "BEDFORDSHIRE POLICE AND CRIME COMMISSIONER"
    # the force is not the office
    assert detect_publisher(_text_document("Bedford Police Station\nRecord of decision\n")) is None
