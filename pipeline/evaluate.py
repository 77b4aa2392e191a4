"""The ``evaluate`` command: score output tables against ``.gold.json`` files."""

from __future__ import annotations

import argparse


def cmd_evaluate(args: argparse.Namespace) -> int:
    from pipeline.evaluation.report import run_evaluation

    return run_evaluation(args)


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("evaluate", help="score the tables in --output against the gold files in --gold")
    p.add_argument("--gold", required=True, help="folder of <stem>.gold.json files")
    p.add_argument("--output", required=True, help="folder holding the tables written by extract")
    p.add_argument("--misses", action="store_true", help="list every wrong or missing value")
    p.add_argument("--json", dest="json_out", help="also write the scores to this JSON file")
    p.set_defaults(func=cmd_evaluate)
