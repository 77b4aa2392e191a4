"""The spaCy pipeline: a blank English pipeline plus our rules, no model download.

Components, in order:
``block_breaks`` marks the starts of numbered paragraphs, bullets, labelled lines
and headings (PDF text has a line break in every sentence, so line breaks alone
say nothing); ``sentencizer`` splits the rest at full stops; ``entity_ruler``
tags organisations and programmes from ``rules/organisations.jsonl`` and
``rules/programmes.jsonl``. :func:`generic_matcher` adds a ``Matcher`` for
capitalised names the gazetteers do not know. If a trained English pipeline is
installed (``PCC_SPACY_MODEL`` names it), its ORG entities are offered as extra
candidates; nothing requires it.
"""

from __future__ import annotations

import os
from bisect import bisect_right
from functools import cache
from typing import TYPE_CHECKING

import regex

from pipeline.extract.rules import load_jsonl, load_yaml

if TYPE_CHECKING:  # spaCy is imported when first needed, so reading cached results never loads it
    from spacy.language import Language
    from spacy.matcher import Matcher
    from spacy.tokens import Doc

_BLOCK_START = regex.compile(
    r"^\s*(?:\d+(?:\.\d+)*\.?\s|\(?[a-z0-9ivx]{1,4}\)\s|[•▪●◦\-–*]\s|\(cid:\d+\)|[A-Z][\w /&()'’-]{0,40}:\s)"
)


def block_starts(text: str) -> set[int]:
    """Offsets where a new paragraph, list item, label or heading begins."""
    starts: set[int] = set()
    pos = 0
    previous = ""
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and (
            _BLOCK_START.match(line)
            or previous.rstrip().endswith((":", ".", ";"))
            or len(previous.strip()) < 45
            or stripped.isupper()
        ):
            starts.add(pos + len(line) - len(line.lstrip()))
        previous = line if stripped else ""
        pos += len(line) + 1
    return starts


def _block_breaks(doc: Doc) -> Doc:
    """Mark the tokens that open a block as sentence starts, in one array write (setting
    ``token.is_sent_start`` one by one re-checks the whole Doc each time)."""
    import numpy
    from spacy.attrs import SENT_START

    starts = doc.user_data.get("block_starts", set())
    if not starts or not len(doc):
        return doc
    from spacy.attrs import IDX

    offsets = doc.to_array([IDX]).astype("int64")
    marks = numpy.isin(offsets, numpy.fromiter(starts, dtype="int64", count=len(starts)))
    values = marks.astype("uint64").reshape(-1, 1)
    values[0, 0] = 1
    doc.from_array([SENT_START], values)
    return doc


@cache
def get_nlp() -> Language:
    import spacy
    from spacy.language import Language

    if "block_breaks" not in Language.factories:
        Language.component("block_breaks", func=_block_breaks)
    nlp = spacy.blank("en")
    nlp.add_pipe("block_breaks")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "validate": True})
    ruler.add_patterns(list(load_jsonl("organisations.jsonl")) + list(load_jsonl("programmes.jsonl")))  # type: ignore[attr-defined]
    return nlp


def analyse(text: str) -> Doc:
    """Run the pipeline over a page or document text; offsets in the Doc equal offsets in ``text``."""
    nlp = get_nlp()
    flat = text.replace("\n", " ").replace("\f", " ")
    doc = nlp.make_doc(flat)
    doc.user_data["block_starts"] = block_starts(text.replace("\f", "\n"))
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


@cache
def generic_matcher() -> Matcher:
    """Capitalised names ending in a telling word: organisations and programmes."""
    from spacy.matcher import Matcher

    nlp = get_nlp()
    org = load_yaml("organisations.yml")
    prog = load_yaml("programmes.yml")
    connectors = org["name_connectors"]
    cap = {"TEXT": {"REGEX": r"^[A-Z][\w'’.&-]*$"}}
    inner = {
        "TEXT": {"REGEX": r"^(?:[A-Z][\w'’.&-]*|" + "|".join(regex.escape(c) for c in connectors) + r"|')$"},
        "OP": "*",
    }
    matcher = Matcher(nlp.vocab, validate=True)
    matcher.add(
        "ORG",
        [
            [cap, inner, {"TEXT": {"IN": org["name_suffixes"]}}],
            [
                {"TEXT": {"IN": org["name_prefixes"]}},
                {"LOWER": "of"},
                cap,
                {"TEXT": {"REGEX": r"^[A-Z][\w'’-]*$"}, "OP": "*"},
            ],
        ],
        greedy="LONGEST",
    )
    matcher.add("PROGRAMME", [[cap, inner, {"TEXT": {"IN": prog["suffixes"]}}]], greedy="LONGEST")
    # the suffix in lower case, as printed: "two Girls Inspired programmes", not "MOPAC Scheme of Delegation"
    matcher.add("PROGRAMME_LC", [[cap, inner, {"TEXT": {"IN": prog["lowercase_suffixes"]}}]], greedy="LONGEST")
    # "Project Grip", "Operation Encompass": the prefix and one name ("Project ADDER Swansea" is Project ADDER)
    matcher.add("PROGRAMME_PREFIX", [[{"TEXT": {"IN": prog["prefixes"]}}, {"TEXT": {"REGEX": r"^[A-Z][\w'’-]*$"}}]])
    return matcher


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once (spaCy joins every token each time it is asked)."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text


def sentence_at(doc: Doc, char: int) -> tuple[int, int]:
    """``(start, end)`` character offsets of the sentence holding ``char`` (boundaries found once per Doc)."""
    starts = doc.user_data.get("sentence_starts")
    if starts is None:
        bounds = [(s.start_char, s.end_char) for s in doc.sents]
        starts = doc.user_data["sentence_starts"] = [b[0] for b in bounds]
        doc.user_data["sentence_ends"] = [b[1] for b in bounds]
    if not starts:
        return 0, len(doc_text(doc))
    k = max(bisect_right(starts, char) - 1, 0)
    return starts[k], doc.user_data["sentence_ends"][k]


def generic_matches(doc: Doc) -> list[tuple[str, int, int]]:
    """``(label, start token, end token)`` of every generic match, computed once per Doc."""
    found = doc.user_data.get("generic_matches")
    if found is None:
        strings = doc.vocab.strings
        found = [(strings[match_id], s, e) for match_id, s, e in generic_matcher()(doc)]
        doc.user_data["generic_matches"] = found
    return found


@cache
def gazetteer_names() -> dict[str, tuple[str, str]]:
    """Lower-cased phrase patterns of the gazetteers → (label, canonical id)."""
    out: dict[str, tuple[str, str]] = {}
    for row in load_jsonl("organisations.jsonl") + load_jsonl("programmes.jsonl"):
        pattern = row["pattern"]
        text = (
            pattern
            if isinstance(pattern, str)
            else " ".join(t.get("TEXT", "") for t in pattern if isinstance(t.get("TEXT"), str))
        )
        if text:
            out.setdefault(text.lower(), (row["label"], row.get("id", text)))
    return out


@cache
def trained_model() -> Language | None:
    """A trained English pipeline, if the user installed one and named it in PCC_SPACY_MODEL."""
    name = os.environ.get("PCC_SPACY_MODEL")
    if not name:
        return None
    import spacy

    try:
        return spacy.load(name)
    except OSError:
        return None
