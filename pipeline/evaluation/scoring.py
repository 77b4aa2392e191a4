"""Score extracted tables against ``.gold.json`` files (rules: shared/corpus/README.md).

Each field is scored as true positives, false positives and false negatives,
summed over documents (micro-averaged). Misses are kept so a person can see
every wrong or missing value.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import pandas as pd
import regex

from pipeline.extract.identifiers import normalise_id

FIELDS = (
    "decision_id",
    "decision_date",
    "title",
    "amounts",
    "providers",
    "funders",
    "programmes",
    "cost_lines",
    "cost_total",
)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKC", str(text)).lower().replace("’", "'")
    text = regex.sub(r"[^\w\s]", " ", text)
    return regex.sub(r"\s+", " ", text).strip()


def _org_plain(text: str) -> str:
    words = [w for w in _plain(text).split() if w not in {"the", "ltd", "limited"}]
    return " ".join(words)


def similar(a: str, b: str, *, org: bool = False) -> float:
    f = _org_plain if org else _plain
    return SequenceMatcher(None, f(a), f(b)).ratio()


def _match_names(predicted: list[str], gold: list[list[str]], threshold: float, label: str, score: Score) -> None:
    remaining = list(range(len(gold)))
    seen: set[str] = set()
    for name in predicted:
        key = _org_plain(name)
        if key in seen:
            continue
        seen.add(key)
        best = max(remaining, key=lambda i: max(similar(name, s, org=True) for s in gold[i]), default=None)
        if best is not None and max(similar(name, s, org=True) for s in gold[best]) >= threshold:
            score.tp += 1
            remaining.remove(best)
        else:
            score.fp += 1
            score.misses.append(f"{label}: extra {name!r}")
    for i in remaining:
        score.fn += 1
        score.misses.append(f"{label}: missing {gold[i][0]!r}")


def _amount(value: Any) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


@dataclass
class Tables:
    decisions: pd.DataFrame
    amounts: pd.DataFrame
    organisations: pd.DataFrame
    programmes: pd.DataFrame
    cost_lines: pd.DataFrame

    @classmethod
    def load(cls, folder: Path) -> Tables:
        def read(name: str) -> pd.DataFrame:
            return pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)

        return cls(*(read(n) for n in ("decisions", "amounts", "organisations", "programmes", "cost_lines")))

    def of(self, frame: pd.DataFrame, file: str) -> pd.DataFrame:
        names = frame["source_file"].map(lambda s: Path(s).name)
        return frame[names == file]


def score_document(gold: dict[str, Any], tables: Tables, scores: dict[str, Score]) -> None:
    file = gold["file"]
    tag = Path(file).stem
    decision = tables.of(tables.decisions, file)
    row = decision.iloc[0] if len(decision) else None

    def single(field_name: str, got: str, want: str | None, equal) -> None:
        s = scores[field_name]
        if want in (None, ""):
            if got:
                s.fp += 1
            return
        if got and equal(got, want):
            s.tp += 1
            return
        if got:
            s.fp += 1
        s.fn += 1
        s.misses.append(f"{tag}: {field_name} got {got!r}, want {want!r}")

    single(
        "decision_id",
        row["decision_id"] if row is not None else "",
        gold.get("decision_id"),
        lambda a, b: normalise_id(a) == normalise_id(b),
    )
    single(
        "decision_date", row["decision_date"] if row is not None else "", gold.get("decision_date"), lambda a, b: a == b
    )
    single("title", row["title"] if row is not None else "", gold.get("title"), lambda a, b: similar(a, b) >= 0.9)

    got_amounts = {_amount(a) for a in tables.of(tables.amounts, file)["amount"]} - {Decimal("0.00")}
    want_amounts = {_amount(a) for a in gold.get("amounts", [])} - {Decimal("0.00")}
    s = scores["amounts"]
    s.tp += len(got_amounts & want_amounts)
    s.fp += len(got_amounts - want_amounts)
    s.fn += len(want_amounts - got_amounts)
    s.misses += [f"{tag}: amounts extra {a}" for a in sorted(got_amounts - want_amounts)]
    s.misses += [f"{tag}: amounts missing {a}" for a in sorted(want_amounts - got_amounts)]

    orgs = tables.of(tables.organisations, file)
    for role, key in (("provider", "providers"), ("funder", "funders")):
        names = list(orgs[orgs["role"] == role]["name"])
        _match_names(names, gold.get(key, []), 0.85, f"{tag}: {key}", scores[key])
    programmes = list(tables.of(tables.programmes, file)["programme"])
    # a programme is a name, or (as organisations are) a list of acceptable spellings: ["Pathways to Change",
    # "Pathways"]
    wanted = [[p] if isinstance(p, str) else list(p) for p in gold.get("programmes", [])]
    _match_names(programmes, wanted, 0.85, f"{tag}: programmes", scores["programmes"])

    lines = tables.of(tables.cost_lines, file)
    body = lines[lines["is_total"] != "true"]
    remaining = list(gold.get("cost_lines", []))
    s = scores["cost_lines"]
    for _, line in body.iterrows():
        amount = _amount(line["amount"])
        if amount == 0:
            continue
        hit = next(
            (
                g
                for g in remaining
                if _amount(g["amount"]) == amount and similar(line["description"], g["description"]) >= 0.6
            ),
            None,
        )
        if hit is not None:
            s.tp += 1
            remaining.remove(hit)
        else:
            s.fp += 1
            s.misses.append(f"{tag}: cost_lines extra {line['description']!r} {amount}")
    s.fn += len(remaining)
    s.misses += [f"{tag}: cost_lines missing {g['description']!r} {g['amount']}" for g in remaining]

    totals = {_amount(a) for a in lines[lines["is_total"] == "true"]["amount"]}
    want = gold.get("cost_total")
    s = scores["cost_total"]
    found = want is not None and _amount(want) in totals
    if found:
        s.tp += 1
    elif want is not None:
        s.fn += 1
        s.misses.append(f"{tag}: cost_total missing {want}")
    extra = sorted(totals - {_amount(want)}) if found else sorted(totals)
    s.fp += len(extra)
    s.misses += [f"{tag}: cost_total extra {amount}" for amount in extra]


def evaluate_folder(gold_dir: Path, output_dir: Path) -> dict[str, Score]:
    tables = Tables.load(output_dir)
    scores = {f: Score() for f in FIELDS}
    for path in sorted(gold_dir.glob("*.gold.json")):
        score_document(json.loads(path.read_text(encoding="utf-8")), tables, scores)
    return scores
