"""The spaCy pipeline: a blank English pipeline plus our rules, no model download.

Components, in order:
``sentence_starts`` marks the starts of numbered paragraphs, bullets, labelled lines
and headings (PDF text has a line break in every sentence, so line breaks alone
say nothing) and splits the rest at full stops as spaCy's ``sentencizer`` does;
``entity_ruler`` tags organisations and programmes from ``rules/organisations.jsonl``
and ``rules/programmes.jsonl``. :func:`generic_matcher` adds a ``Matcher`` for
capitalised names the gazetteers do not know. Both token matchers run through
:class:`CompactMatcher`, which skips the stretches of text where no pattern can
match. If a trained English pipeline is installed (``PCC_SPACY_MODEL`` names it),
its ORG entities are offered as extra candidates; nothing requires it.
"""

from __future__ import annotations

import functools
import json
import os
import re
from bisect import bisect_right
from functools import cache
from typing import TYPE_CHECKING, Any

import regex

from pipeline.extract.rules import load_jsonl, load_yaml

if TYPE_CHECKING:  # spaCy is imported when first needed, so reading cached results never loads it
    from spacy.language import Language
    from spacy.matcher import Matcher
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

_BLOCK_START = regex.compile(
    r"^\s*(?:\d{1,3}(?:\.\d+)*\.?\s|\(?[a-z0-9ivx]{1,4}\)\s|[•▪●◦\uf0b7\uf0a7\-–*]\s|\(cid:\d+\)"
    r"|[A-Z][\w /&()'’-]{0,40}:\s)"
)

# a long line that ends as a name starts ("... to commission the Youth" / "Diversion Programme: Bradford
# Council ..."): the next line's "Words:" finish the name, they are not a label
_LABEL_START = regex.compile(r"^\s*[A-Z][\w /&()'’-]{0,40}:\s")
_NAME_GOES_ON = regex.compile(r"^.{45,}\b(?:the|a|an|of|for|to|and)\s+(?-i:[A-Z])[\w'’-]*\s*$")


@cache
def form_label() -> regex.Pattern:
    """A form's field label opening a line without a colon ("Author   Commissioning Lead"): the labels
    that end a title (``rules/titles.yml``), capitalised."""
    labels = "|".join(label.replace(" ", r"\s+") for label in load_yaml("titles.yml")["stop_labels"])
    return regex.compile(rf"^\s*(?=[A-Z])(?i:{labels})\b")


def block_starts(text: str) -> set[int]:
    """Offsets where a new paragraph, list item, label or heading begins."""
    starts: set[int] = set()
    pos = 0
    previous = ""
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and (
            (_BLOCK_START.match(line) and not (_LABEL_START.match(line) and _NAME_GOES_ON.search(previous)))
            or form_label().match(line)
            or previous.rstrip().endswith((":", ".", ";"))
            or len(previous.strip()) < 45
            or stripped.isupper()
        ):
            starts.add(pos + len(line) - len(line.lstrip()))
        previous = line if stripped else ""
        pos += len(line) + 1
    return starts


def _sentence_starts(doc: Doc) -> Doc:
    """Mark sentence starts in one array write: the tokens that open a block (``block_starts``), and
    what spaCy's ``sentencizer`` marks (the first token, and the first token after a full stop that
    is neither punctuation nor a full stop): the marks that setting the block starts and then running
    spaCy's ``sentencizer`` gives, without a Python step per token. Also keeps each sentence's
    character span in ``doc.user_data`` for :func:`sentences`."""
    import numpy
    from spacy.attrs import IDX, IS_PUNCT, LENGTH, SENT_START

    n = len(doc)
    if not n:
        return doc
    columns = doc.to_array([IDX, LENGTH, IS_PUNCT])
    offsets = columns[:, 0].astype("int64")
    _, distinct, where = _orths(doc)
    in_punct = numpy.isin(distinct, _punct_orths(doc.vocab))[where]
    ordinary = numpy.flatnonzero(~in_punct & (columns[:, 2] == 0))
    # a token starts a sentence when a full stop stands between it and the ordinary token before it
    seen = numpy.concatenate(([0], numpy.cumsum(in_punct)))
    previous = numpy.concatenate(([-1], ordinary[:-1]))
    marks = numpy.zeros(n, dtype=bool)
    marks[ordinary[seen[ordinary] - seen[previous + 1] > 0]] = True
    # a company's abbreviation holds the sentence's full stop ("... Alliance Ltd. Red Rose Youth Partnership won")
    abbreviations = numpy.isin(distinct, _name_end_orths(doc.vocab))[where]
    after = numpy.flatnonzero(abbreviations[:-1]) + 1
    marks[after[[doc[int(k)].text[:1].isupper() and doc[int(k)].text not in NAME_SUFFIX_WORDS for k in after]]] = True
    marks[0] = True
    starts = doc.user_data.get("block_starts")
    if starts:
        marks |= numpy.isin(offsets, numpy.fromiter(starts, dtype="int64", count=len(starts)))
    doc.from_array([SENT_START], numpy.where(marks, 1, -1).astype("int64").astype("uint64").reshape(-1, 1))
    first = numpy.flatnonzero(marks)
    last = numpy.append(first[1:] - 1, n - 1)
    doc.user_data["sentence_starts"] = offsets[first].tolist()
    doc.user_data["sentence_ends"] = (offsets[last] + columns[last, 1].astype("int64")).tolist()
    return doc


def _orths(doc: Doc) -> tuple[Any, Any, Any]:
    """The orth id of every token, each distinct one, and which distinct one each token is (found once
    per Doc: the sentence marks and every matcher look words up by their distinct orth ids)."""
    found = doc.user_data.get("orths")
    if found is None:
        import numpy
        from spacy.attrs import ORTH

        orths = doc.to_array(ORTH)
        found = doc.user_data["orths"] = (orths, *numpy.unique(orths, return_inverse=True))
    return found


# a company's abbreviations that may hold a sentence's full stop, and the words that go on with the name after
# one ("Acme Co. Ltd"); organisations.py cuts a run of names where the sentence ends
NAME_END_ABBREVIATIONS = ("Ltd.", "Co.", "Limited.", "Inc.", "plc.", "PLC.", "LLP.", "CIC.")
NAME_SUFFIX_WORDS = frozenset({"Ltd", "Ltd.", "Limited", "LLP"})


@cache
def _name_end_orths(vocab: Vocab) -> Any:
    """The orth ids of a company's abbreviations with a full stop ("Ltd."), as an array for ``numpy.isin``."""
    import numpy

    return numpy.array(sorted(vocab.strings.add(c) for c in NAME_END_ABBREVIATIONS), dtype="uint64")


@cache
def _punct_orths(vocab: Vocab) -> Any:
    """The orth ids of the sentencizer's full stops, as an array for ``numpy.isin``."""
    import numpy
    from spacy.pipeline import Sentencizer

    return numpy.array(sorted(vocab.strings.add(c) for c in Sentencizer.default_punct_chars), dtype="uint64")


class CompactMatcher:
    """A :class:`~spacy.matcher.Matcher` run over only the stretches of a Doc where a match can be,
    with the same result as running it over the whole Doc.

    Every token of a match meets the token pattern it stands for, and each token pattern here looks at
    the word alone (its text, its lower-case form, a vocabulary flag). So a token that meets none of the patterns ends
    every partial match, like any other such token; and a run of tokens between two of them that
    lacks a token some pattern cannot do without holds no match. Such runs and tokens are replaced by
    one separator token that meets no pattern, the Matcher runs over the short Doc that is left, and
    the matches are mapped back: the same matches, in the same order, the same ``greedy`` filtering.
    Which patterns a word meets is worked out once per word and kept. Patterns that look at anything
    else (the sentence, a negation ``"OP": "!"``, an empty pattern matching any token) fall back to the
    plain Matcher.
    """

    _LEXICAL = frozenset({"ORTH", "TEXT", "LOWER"})

    @classmethod
    def _lexical(cls, key: object) -> bool:
        """Whether a token pattern's key looks at the word alone: its text, lower case, or a vocabulary flag."""
        return str(key).upper() in cls._LEXICAL or (isinstance(key, int) and 0 < key < 64)

    def __init__(self, matcher: Matcher) -> None:
        from spacy.matcher import Matcher

        self.matcher = matcher
        self.vocab = matcher.vocab
        bits: dict[str, tuple[int, dict]] = {}  # each distinct token pattern → its bit, and the pattern
        self._required: list[int] = []  # per pattern, the bits of the token patterns it cannot do without
        usable = True
        for patterns in matcher._patterns.values():
            for pattern in patterns:
                required = 0
                for spec in pattern:
                    spec = dict(spec)
                    op = spec.pop("OP", None)
                    if op == "!" or not spec or not all(self._lexical(k) for k in spec):
                        usable = False
                    key = repr(sorted(spec.items(), key=lambda item: str(item[0])))
                    bit = bits.setdefault(key, (len(bits), spec))[0]
                    if op in (None, "+"):
                        required |= 1 << bit
                self._required.append(required)
        self._words: dict[int, int] = {}  # orth → the bits of the token patterns the word meets
        self._helper = Matcher(self.vocab, validate=False)  # the wrapped Matcher took these patterns
        for bit, spec in bits.values():
            self._helper.add(str(bit), [[spec]])
        self._bit_of = {self.vocab.strings.add(str(bit)): bit for bit, _ in bits.values()}
        self._separator: int | None = None
        if usable and len(bits) <= 63:
            for word in ("\x00", "\x01", "\u2063"):
                orth = self.vocab.strings.add(word)
                if not self._lookup([orth])[orth]:
                    self._separator = orth
                    break

    def __len__(self) -> int:
        return len(self.matcher)

    def __contains__(self, key: object) -> bool:
        return key in self.matcher

    def __getattr__(self, name: str):  # add, remove, get ...: the wrapped Matcher's
        return getattr(self.matcher, name)

    def _lookup(self, orths: list[int]) -> dict[int, int]:
        words = self._words
        new = [o for o in set(orths) if o not in words]
        if new:
            from spacy.tokens import Doc

            strings = self.vocab.strings
            found = [0] * len(new)
            for key, start, _ in self._helper(Doc(self.vocab, words=[strings[o] for o in new])):
                found[start] |= 1 << self._bit_of[key]
            words.update(zip(new, found))
        return words

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        from spacy.tokens import Doc

        if self._separator is None or not isinstance(doc, Doc) or not len(doc):
            return self.matcher(doc)
        import numpy

        orths, distinct, where = _orths(doc)
        listed = distinct.tolist()
        words = self._lookup(listed)
        met = numpy.fromiter(map(words.__getitem__, listed), dtype="uint64", count=len(listed))[where]
        candidate = met != 0
        # runs of candidate tokens; keep a run only if it holds every required token pattern of some pattern
        edges = numpy.flatnonzero(numpy.diff(numpy.concatenate(([False], candidate, [False])).astype("int8")))
        run_starts, run_ends = edges[0::2], edges[1::2]
        if len(run_starts):
            held = numpy.bitwise_or.reduceat(met, run_starts)
            keep = numpy.zeros(len(run_starts), dtype=bool)
            for required in set(self._required):
                keep |= (held & numpy.uint64(required)) == numpy.uint64(required)
            candidate[:] = False
            for a, b in zip(run_starts[keep].tolist(), run_ends[keep].tolist()):
                candidate[a:b] = True
        # each run of other tokens becomes one separator
        kept = candidate.copy()
        kept[0] = True
        kept[1:] |= candidate[:-1]
        index = numpy.flatnonzero(kept)
        short = numpy.where(candidate[index], orths[index], numpy.uint64(self._separator))
        if not candidate.any():
            return []
        strings = self.vocab.strings
        matches = self.matcher(Doc(self.vocab, words=[strings[o] for o in short.tolist()]))
        position = index.tolist()
        return [(key, position[start], position[end - 1] + 1) for key, start, end in matches]


@cache
def get_nlp() -> Language:
    import spacy
    from spacy.language import Language

    if "sentence_starts" not in Language.factories:
        Language.component("sentence_starts", func=_sentence_starts)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentence_starts")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "validate": True})
    # the ruler makes a Doc of every phrase pattern with the components before it; the phrase matcher
    # reads only the tokens' lower-case forms, so sentence marks would be made for nothing
    with nlp.select_pipes(disable=["sentence_starts"]):
        ruler.add_patterns(list(load_jsonl("organisations.jsonl")) + list(load_jsonl("programmes.jsonl")))  # type: ignore[attr-defined]
    ruler.matcher = CompactMatcher(ruler.matcher)  # type: ignore[attr-defined]
    return nlp


def analyse(text: str) -> Doc:
    """Run the pipeline over a page or document text; offsets in the Doc equal offsets in ``text``."""
    nlp = get_nlp()
    flat = text.replace("\n", " ").replace("\f", " ")
    doc = nlp.make_doc(flat)
    doc.user_data["text"] = flat  # what doc.text would join from the tokens
    doc.user_data["block_starts"] = block_starts(text.replace("\f", "\n"))
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


def _as_flags(vocab: Vocab, pattern: list[dict[str, Any]], made: dict[str, int]) -> list[dict[Any, Any]]:
    """``pattern`` with each ``{"TEXT": {"REGEX": r}}`` and ``{"TEXT": {"IN": [words]}}`` token pattern
    made a vocabulary flag, ``{flag: True}``: spaCy works a flag out once per word and the Matcher checks
    it without calling Python, where REGEX and IN call Python for every token. The test is the one
    spaCy's predicates apply (``re.search`` on the text; the text among the words). Other token
    patterns, and all of them once no flag is free, stay as they are. ``made`` keeps the flags made."""
    out = []
    for spec in pattern:
        rest = {k: v for k, v in spec.items() if k != "OP"}
        test = None
        if len(rest) == 1 and next(iter(rest)) in ("TEXT", "ORTH") and isinstance(next(iter(rest.values())), dict):
            predicate = next(iter(rest.values()))
            if len(predicate) == 1 and isinstance(predicate.get("REGEX"), str):
                test = functools.partial(_regex_test, re.compile(predicate["REGEX"]))
            elif (
                len(predicate) == 1
                and isinstance(predicate.get("IN"), list)
                and all(isinstance(w, str) for w in predicate["IN"])
            ):
                test = frozenset(predicate["IN"]).__contains__
        free = [bit for bit in range(19, 64) if bit not in vocab.lex_attr_getters]  # 1-18 are spaCy's own
        key = json.dumps(rest, sort_keys=True)
        if test is None or (key not in made and not free):
            out.append(spec)
            continue
        if key not in made:
            made[key] = vocab.add_flag(test, free[0])
        out.append({made[key]: True, **({"OP": spec["OP"]} if "OP" in spec else {})})
    return out


def _regex_test(pattern: re.Pattern, text: str) -> bool:
    return bool(pattern.search(text))


@cache
def generic_matcher() -> CompactMatcher:
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
    patterns = {
        "ORG": [
            # the suffix may carry a sentence's full stop as one token ("... Ford Motor Company Ltd. 2.3 ...")
            [cap, inner, {"TEXT": {"IN": org["name_suffixes"] + [f"{s}." for s in org["name_suffixes"]]}}],
            # a local Rape Crisis centre: "Nene Valley Rape Crisis" (not "the Cost of Living Crisis")
            [cap, inner, {"TEXT": "Rape"}, {"TEXT": {"IN": ["Crisis", "Crisis."]}}],
            [
                {"TEXT": {"IN": org["name_prefixes"]}},
                {"LOWER": "of"},
                {"LOWER": "the", "OP": "?"},  # "University of the Weald"
                cap,
                {"TEXT": {"REGEX": r"^[A-Z][\w'’-]*$"}, "OP": "*"},
            ],
            # an NHS body named by its area: "NHS Greater Manchester", "NHS Surrey Heartlands"
            [
                {"TEXT": "NHS"},
                {"TEXT": {"REGEX": r"^[A-Z][a-z]+$", "NOT_IN": org["nhs_not_areas"]}},
                {"TEXT": {"REGEX": r"^[A-Z][a-z]+$"}, "OP": "*"},
            ],
        ],
        "PROGRAMME": [[cap, inner, {"TEXT": {"IN": prog["suffixes"]}}]],
        # the suffix in lower case, as printed: "two Girls Inspired programmes", not "MOPAC Scheme of Delegation"
        "PROGRAMME_LC": [[cap, inner, {"TEXT": {"IN": prog["lowercase_suffixes"]}}]],
        # "Project Grip", "Operation Encompass": the prefix and one name ("Project ADDER Swansea" is Project ADDER)
        "PROGRAMME_PREFIX": [[{"TEXT": {"IN": prog["prefixes"]}}, {"TEXT": {"REGEX": r"^[A-Z][\w'’-]*$"}}]],
    }
    Matcher(nlp.vocab, validate=True).add("CHECK", [p for group in patterns.values() for p in group])  # validate
    made: dict[str, int] = {}
    matcher = Matcher(nlp.vocab, validate=False)  # flags are not in the pattern schema
    for key, group in patterns.items():
        greedy = None if key == "PROGRAMME_PREFIX" else "LONGEST"
        matcher.add(key, [_as_flags(nlp.vocab, p, made) for p in group], greedy=greedy)
    return CompactMatcher(matcher)


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once (spaCy joins every token each time it is asked)."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text


def _sentence_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """Start and end character offsets of every sentence (``_sentence_starts`` keeps them; found once)."""
    starts = doc.user_data.get("sentence_starts")
    if starts is None:
        bounds = [(s.start_char, s.end_char) for s in doc.sents]
        starts = doc.user_data["sentence_starts"] = [b[0] for b in bounds]
        doc.user_data["sentence_ends"] = [b[1] for b in bounds]
    return starts, doc.user_data["sentence_ends"]


def sentences(doc: Doc) -> list[tuple[int, int]]:
    """``(start_char, end_char)`` of every sentence, in order: the spans of ``doc.sents``."""
    return list(zip(*_sentence_bounds(doc)))


def sentence_at(doc: Doc, char: int) -> tuple[int, int]:
    """``(start, end)`` character offsets of the sentence holding ``char`` (boundaries found once per Doc)."""
    starts, _ = _sentence_bounds(doc)
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
    """Lower-cased phrase patterns of the gazetteers → (label, canonical id): bodies and programmes (not the national
    policing programmes that are neither)."""
    out: dict[str, tuple[str, str]] = {}
    for row in load_jsonl("organisations.jsonl") + load_jsonl("programmes.jsonl"):
        if row["label"] == "NATIONAL":
            continue
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
