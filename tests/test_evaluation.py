"""The evaluator on small hand-made cases, and the score floors on the dev corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from pipeline.evaluation.scoring import FIELDS, Score, Tables, evaluate_folder, normalise_id, score_document
from tests.conftest import GOLD_DIR, ISSUE_TARGETS, below


def _tables(**frames: list[dict]) -> Tables:
    cols = {
        "decisions": ["source_file", "decision_id", "decision_date", "title"],
        "amounts": ["source_file", "amount"],
        "organisations": ["source_file", "name", "role"],
        "programmes": ["source_file", "programme"],
        "cost_lines": ["source_file", "description", "amount", "is_total"],
    }
    return Tables(**{k: pd.DataFrame(frames.get(k, []), columns=c, dtype=str) for k, c in cols.items()})


GOLD = {
    "file": "x.pdf",
    "decision_id": "129 – 23",
    "title": "Drive Extension",
    "decision_date": "2023-06-20",
    "amounts": ["84500.00", "500000.00"],
    "providers": [["The Drive Partnership", "Drive Partnership"], ["Rise Mutual"]],
    "funders": [["MOPAC"]],
    "programmes": ["Drive"],
    "cost_lines": [{"description": "Employed staff payroll costs", "amount": "171790.00"}],
    "cost_total": "171790.00",
}


def _score(tables: Tables) -> dict[str, Score]:
    scores = {f: Score() for f in FIELDS}
    score_document(GOLD, tables, scores)
    return scores


def test_ids_compare_after_normalising() -> None:
    assert normalise_id("129 – 23") == normalise_id("129-23") == "129-23"
    assert normalise_id("pcd 1462") == "PCD 1462"
    assert normalise_id("054/2024_25") == normalise_id("054 / 2024 _ 25")


def test_a_perfect_document() -> None:
    s = _score(
        _tables(
            decisions=[
                {
                    "source_file": "dir/x.pdf",
                    "decision_id": "129-23",
                    "decision_date": "2023-06-20",
                    "title": "Drive extension.",
                }
            ],
            amounts=[{"source_file": "dir/x.pdf", "amount": a} for a in ("84500.00", "500000.00", "84500.00", "0.00")],
            organisations=[
                {"source_file": "dir/x.pdf", "name": "Drive Partnership Ltd", "role": "provider"},
                {"source_file": "dir/x.pdf", "name": "Rise Mutual", "role": "provider"},
                {"source_file": "dir/x.pdf", "name": "MOPAC", "role": "funder"},
            ],
            programmes=[{"source_file": "dir/x.pdf", "programme": "Drive"}],
            cost_lines=[
                {
                    "source_file": "dir/x.pdf",
                    "description": "Employed staff payroll cost",
                    "amount": "171790.00",
                    "is_total": "false",
                },
                {"source_file": "dir/x.pdf", "description": "Total", "amount": "171790.00", "is_total": "true"},
            ],
        )
    )
    for name in FIELDS:
        assert (s[name].fp, s[name].fn) == (0, 0), (name, s[name].misses)
        assert s[name].f1 == 1.0


def test_misses_are_reported() -> None:
    s = _score(
        _tables(
            decisions=[
                {
                    "source_file": "x.pdf",
                    "decision_id": "130-23",
                    "decision_date": "2023-06-19",
                    "title": "Something else",
                }
            ],
            amounts=[{"source_file": "x.pdf", "amount": "84500.00"}, {"source_file": "x.pdf", "amount": "1.00"}],
            organisations=[
                {"source_file": "x.pdf", "name": "Victim Support", "role": "provider"},
                {"source_file": "x.pdf", "name": "Rise Mutual", "role": "funder"},
            ],
        )
    )
    assert (s["decision_id"].tp, s["decision_id"].fp, s["decision_id"].fn) == (0, 1, 1)
    assert s["amounts"].tp == 1 and s["amounts"].fp == 1 and s["amounts"].fn == 1
    assert any("missing 500000.00" in m for m in s["amounts"].misses)
    assert s["providers"].fp == 1 and s["providers"].fn == 2
    assert any("Victim Support" in m for m in s["providers"].misses)
    assert s["funders"].fp == 1 and s["funders"].fn == 1
    assert s["cost_total"].fn == 1 and s["cost_lines"].fn == 1
    assert 0 < s["amounts"].f1 < 1


def test_a_second_total_is_reported_beside_the_right_one() -> None:
    line = {"source_file": "x.pdf", "description": "Employed staff payroll costs", "is_total": "false"}
    s = _score(
        _tables(
            cost_lines=[
                {**line, "amount": "171790.00"},
                {**line, "description": "Total", "amount": "171790.00", "is_total": "true"},
                {**line, "description": "Total allocated", "amount": "600000.00", "is_total": "true"},
            ]
        )
    )
    assert (s["cost_total"].tp, s["cost_total"].fp, s["cost_total"].fn) == (1, 1, 0)
    assert s["cost_total"].misses == ["x: cost_total extra 600000.00"]


def test_dev_corpus_scores_do_not_fall(sample_output: Path, tmp_path: Path) -> None:
    scores = evaluate_folder(GOLD_DIR, sample_output)
    low = below(scores, ISSUE_TARGETS)  # the scanned notice counts as missed until OCR reads it
    (tmp_path / "scores.json").write_text(json.dumps({n: s.f1 for n, s in scores.items()}))
    assert not low, low


def test_a_programme_may_be_given_as_a_list_of_spellings() -> None:
    gold = {**GOLD, "programmes": [["Pathways to Change Programme", "Pathways"], "Drive"]}
    scores = {f: Score() for f in FIELDS}
    rows = [{"source_file": "x.pdf", "programme": p} for p in ("Pathways", "Drive", "Beacon")]
    score_document(gold, _tables(programmes=rows), scores)
    s = scores["programmes"]
    assert (s.tp, s.fp, s.fn) == (2, 1, 0)
    assert s.misses == ["x: programmes: extra 'Beacon'"]
