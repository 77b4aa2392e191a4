"""Print (and optionally save) the evaluation scores."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from pipeline.evaluation.scoring import FIELDS, Score, evaluate_folder


def format_scores(scores: dict[str, Score]) -> list[str]:
    lines = [f"{'field':<14} {'precision':>9} {'recall':>7} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
    for name in FIELDS:
        s = scores[name]
        lines.append(f"{name:<14} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f} {s.tp:>5} {s.fp:>5} {s.fn:>5}")
    return lines


def run_evaluation(args: argparse.Namespace) -> int:
    gold, output = Path(args.gold), Path(args.output)
    if not gold.is_dir() or not any(gold.glob("*.gold.json")):
        print(f"error: no .gold.json files in {gold}")
        return 2
    if not (output / "decisions.csv").exists():
        print(f"error: {output} holds no extracted tables; run extract first")
        return 2
    scores = evaluate_folder(gold, output)
    for line in format_scores(scores):
        print(line)
    if args.misses:
        print()
        for name in FIELDS:
            for miss in scores[name].misses:
                print(miss)
    if args.json_out:
        data = {
            n: {"precision": s.precision, "recall": s.recall, "f1": s.f1, "tp": s.tp, "fp": s.fp, "fn": s.fn}
            for n, s in scores.items()
        }
        Path(args.json_out).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return 0
