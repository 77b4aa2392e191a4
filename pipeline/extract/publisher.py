"""Which office published a notice, from the document itself (``rules/publishers/*.yml``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from pipeline.extract.rules import publisher_rules
from pipeline.extract.text import squash
from pipeline.read.document import BBox, Document

# A commissioner we hold no rules file for: "Police and Crime Commissioner for X".
_GENERIC = regex.compile(
    r"(?P<kind>Police,?\s+Fire\s+and\s+Crime|Police\s+and\s+Crime)\s+Commissioner\s+for\s+"
    r"(?P<area>[A-Z][a-z]+(?:(?:\s+and\s+|\s+|-)[A-Z][a-z]+){0,3})"
)


@dataclass(frozen=True)
class Publisher:
    slug: str
    name: str
    office: str
    id_pattern: str | None = None
    page: int | None = None
    bbox: BBox | None = None
    quote: str = ""
    aliases: tuple[str, ...] = ()  # other names for the office itself ("Kent PCC", "GMCA")


def _aliases(office: str, area: str | None, extra: list[str]) -> tuple[str, ...]:
    names = [office, *extra]
    if area:
        for kind in ("Police and Crime Commissioner", "Police, Fire and Crime Commissioner", "Commissioner"):
            names.append(f"{area} {kind}")
        for kind in ("Police and Crime Commissioner", "Police, Fire and Crime Commissioner"):
            names += [f"{kind} for {area}", f"Office of the {kind} for {area}"]
        names += [f"{area} {short}" for short in ("PCC", "OPCC", "PFCC", "OPFCC")]
    return tuple(dict.fromkeys(names))


def _from_rules(rules: dict, page: int, bbox: BBox | None, quote: str) -> Publisher:
    return Publisher(
        slug=rules["slug"],
        name=rules["name"],
        office=rules["office"],
        id_pattern=rules.get("id_pattern"),
        page=page,
        bbox=bbox,
        quote=quote,
        aliases=_aliases(rules["office"], rules.get("area"), rules.get("aliases", [])),
    )


@cache
def _compiled() -> tuple[tuple[dict, tuple[regex.Pattern, ...], regex.Pattern | None], ...]:
    """Each publisher's rules, its detect patterns, and the pattern of its area's name."""
    out = []
    for rules in publisher_rules():
        patterns = tuple(regex.compile(p, regex.IGNORECASE) for p in rules.get("detect", []))
        if patterns and rules.get("name") and rules.get("office"):
            area = rules.get("area")
            if area:
                # the area before the office, in any case: "BEDFORDSHIRE POLICE AND CRIME COMMISSIONER"
                office = r"(?:Police,?\s+Fire\s+and\s+Crime|Police\s+and\s+Crime)\s+Commissioner\b"
                area_words = r"\s+".join(regex.escape(w) for w in area.split())
                patterns += (regex.compile(rf"\b{area_words}\s+{office}", regex.IGNORECASE),)
            out.append((rules, patterns, regex.compile(rf"\b{regex.escape(area)}\b") if area else None))
    return tuple(out)


_OFFICE_WORDS = regex.compile(r"Commissioner|\bO?PF?CC\b")


def detect_publisher(doc: Document) -> Publisher | None:
    """The publisher whose patterns match earliest, searching page 1 first, then the rest."""
    for pages in (doc.pages[:1], doc.pages[1:]):
        best: tuple[int, int, dict, regex.Match] | None = None
        for page in pages:
            for rules, patterns, _ in _compiled():
                for rank, pattern in enumerate(patterns):
                    m = pattern.search(page.text)
                    if m and (best is None or (page.number, m.start()) < (best[0], best[1].start())):
                        best = (page.number, m, rules, rank)  # type: ignore[assignment]
            if best:
                break  # a match on a later page cannot be earlier
        if best:
            number, m, rules, _ = best  # type: ignore[misc]
            page = doc.pages[number - 1]
            return _from_rules(rules, number, page.bbox_of(m.start(), m.end()), m.group(0))
    # Layout can split "Commissioner for" from the area; then the area named most often wins.
    text = doc.text
    if _OFFICE_WORDS.search(text):
        counts = []
        for rules, _, area in _compiled():
            if area is not None:
                found = list(area.finditer(text))
                if len(found) >= 2:
                    counts.append((len(found), -found[0].start(), rules, found[0]))
        if counts:
            _, _, rules, m = max(counts, key=lambda t: (t[0], t[1]))
            number, bbox = doc.locate(m.start(), m.end())
            return _from_rules(rules, number, bbox, m.group(0))
    for page in doc.pages:
        m = _GENERIC.search(page.text)
        if m and page.text[m.end() : m.end() + 1] != ":":
            area = squash(m.group("area"))
            fire = "Fire" in m.group("kind")
            kind = "Police, Fire and Crime Commissioner" if fire else "Police and Crime Commissioner"
            slug = regex.sub(r"[^a-z]+", "-", area.lower()).strip("-")
            rules = {
                "slug": slug,
                "name": f"{area} {'PFCC' if fire else 'PCC'}",
                "office": f"{kind} for {area}",
                "area": area,
            }
            return _from_rules(rules, page.number, page.bbox_of(m.start(), m.end()), m.group(0))
    return None
