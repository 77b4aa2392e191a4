"""Command line: ``python -m pipeline <command>``.

Each command lives in its own module and adds its sub-parser here through an
``add_parser(subparsers)`` function that sets ``func`` to the callable that
runs it and returns the exit code.
"""

from __future__ import annotations

import argparse
import logging
import sys

from pipeline import __version__


def build_parser() -> argparse.ArgumentParser:
    from pipeline import evaluate, run
    from pipeline.acquire import fetch

    parser = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Turn UK police decision notices (PDF) into a dataset with provenance.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debugging detail")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    run.add_parser(sub)
    evaluate.add_parser(sub)
    fetch.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    return int(args.func(args))
