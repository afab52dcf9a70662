"""Replace personal data with placeholders, one per entity across the whole document.

The detector is the personal-data checker over the whole document (hooks.privacy.document:
what it finds in one line it finds in every line, 青岛 as well as 青岛市); this module only
decides the placeholders and applies them. An entity gets its placeholder wherever it occurs,
also where the checker's context rules would miss it (a name in a heading, a record's field),
and a place or unit also written shorter shares the placeholder of its full name: a town is
某镇A everywhere, a person 成员A or ××A with
the title kept after it (成员A同志, ××B书记), never a placeholder with a second title in it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from string import ascii_uppercase

from hooks.privacy.checker import Finding
from hooks.privacy.document import scan_document

# Masks already in the text (** / * / ×× / XX / 某某): kept as they are, never reported.
EXISTING_MASK = re.compile(r"\*{1,3}|[×Xx]{2,}|○{2,}|某+")
PERSON_WORDS = ("person", "name", "人名", "姓名", "人员")
# A title after a name stays visible; only the name is replaced.
TITLE_SUFFIX = re.compile(r"(同志|副?书记|副?主任|副?局长|副?镇长|副?区长|副?县长|副?部长|部长|委员|组长|主席|校长|院长|经理)$")
MASK_CHARS = set("某×*＊XxＸ○〇")


@dataclass
class Entity:
    """One person, place or unit of the document and its placeholder."""

    category: str
    surface: str  # the text replaced (a name without its title)
    placeholder: str
    line: int
    count: int = 0


@dataclass
class Mask:
    """The document's value → placeholder map, applied to any text in one pass."""

    entities: list[Entity] = field(default_factory=list)
    _pattern: re.Pattern[str] | None = None

    def __call__(self, text: str | None) -> str | None:
        if not text or not self.entities:
            return text
        if self._pattern is None:
            surfaces = sorted({e.surface for e in self.entities}, key=len, reverse=True)
            self._pattern = re.compile("|".join(re.escape(s) for s in surfaces))
        lookup = {e.surface: e.placeholder for e in self.entities}
        return self._pattern.sub(lambda m: lookup[m.group(0)], text)


def letter(index: int) -> str:
    return ascii_uppercase[index] if index < 26 else f"{ascii_uppercase[index // 26 - 1]}{ascii_uppercase[index % 26]}"


def is_person(finding: Finding) -> bool:
    return any(word in finding.category.lower() for word in PERSON_WORDS)


def build_mask(lines: list[tuple[int, str]], *, person_base: str, known_people: list[str]) -> Mask:
    """Scan the document once; give each entity the next free placeholder of its kind."""
    taken = {hit for _, text in lines for hit in re.findall(rf"{re.escape(person_base)}[A-Z]{{1,2}}(?![A-Za-z])", text)}
    counters: dict[str, int] = {}

    def placeholder(base: str) -> str:
        index = counters.get(base, 0)
        while f"{base}{letter(index)}" in taken:
            index += 1
        counters[base] = index + 1
        return f"{base}{letter(index)}"

    seen = _entities_in_reading_order(lines, person_base, known_people)
    by_surface: dict[str, Entity] = {}
    for entity, base, title in seen:
        full = _full_name(entity, seen)
        if full is not None:  # 青岛 beside 青岛市: one town, one placeholder
            if not full.placeholder:
                full.placeholder = placeholder(base)
            entity.placeholder = full.placeholder
        elif not entity.placeholder:
            entity.placeholder = placeholder(base) + title
        by_surface[entity.surface] = entity
    return Mask(sorted(by_surface.values(), key=lambda e: e.line))


def _entities_in_reading_order(lines: list[tuple[int, str]], person_base: str,
                               known_people: list[str]) -> list[tuple[Entity, str, str]]:
    """(entity, its placeholder's base, the title kept after it) for the first occurrence of
    each surface, in reading order; placeholders are given by build_mask."""
    out: list[tuple[Entity, str, str]] = []
    surfaces: set[str] = set()
    scanned = scan_document([text for _, text in lines])
    for (number, text), found in zip(lines, scanned):
        found = found + [Finding("person", name, m.start(), m.end(), person_base)
                         for name in known_people for m in re.finditer(re.escape(name), text)]
        for finding in sorted(found, key=lambda f: (f.start, -(f.end - f.start))):  # in reading order
            surface, base, title = finding.match, finding.placeholder or "某", ""
            if EXISTING_MASK.fullmatch(surface) or all(c in MASK_CHARS for c in surface):
                continue
            if is_person(finding):
                suffix = TITLE_SUFFIX.search(surface)
                if suffix and suffix.start() >= 2:  # 王建国同志 → 王建国; 李书记 stays whole
                    surface = surface[: suffix.start()]
                elif suffix:
                    title = suffix.group(0)
                if any(c in MASK_CHARS for c in surface):
                    continue  # ×同志, 某某书记: already masked
                base = person_base
            if surface not in surfaces:
                surfaces.add(surface)
                category = "person" if is_person(finding) else finding.category
                out.append((Entity(category, surface, "", number), base, title))
    return out


def _full_name(entity: Entity, seen: list[tuple[Entity, str, str]]) -> Entity | None:
    """The first place or unit of the document whose name begins with this one's and is longer."""
    if entity.category == "person":
        return None
    return next((other for other, _, _ in seen if other.category == entity.category
                 and len(other.surface) > len(entity.surface) and other.surface.startswith(entity.surface)),
                None)


def count_uses(mask: Mask, texts: list[str]) -> None:
    """How often each entity was replaced, for the report."""
    counts: dict[str, int] = {}
    if mask.entities:
        mask("x")  # compiles the pattern the replacement uses: 青岛市 is not also counted as 青岛
        for m in mask._pattern.finditer("\n".join(texts)):
            counts[m.group(0)] = counts.get(m.group(0), 0) + 1
    for entity in mask.entities:
        entity.count = counts.get(entity.surface, 0)
