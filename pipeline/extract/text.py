"""Tiny text helpers shared by the extractors."""

from __future__ import annotations


def squash(text: str) -> str:
    """Every run of white space (line breaks and page breaks included) as one space, ends trimmed."""
    return " ".join(text.split())
