"""Read a checked material's section tree: which part each section is, which aspect it names."""
from __future__ import annotations

from dataclasses import dataclass, field

from hooks.text.aspects import Aspect, assign
from hooks.text.parts import ASPECT_HEADING, part_of
from .records import Draft, split_item
from .structure import Item, Section, items_of

# Parts kept and reported but not turned into example records.
NOT_EMITTED = {"案例": "典型案例剖析 (cases go to data/cases/ by hand)",
               "说明": "需要说明的问题 (personal matters, not examples)"}


@dataclass
class Group:
    """A heading under 存在的问题 (or a top-level heading naming an aspect) and its items."""

    section: Section
    items: list[Item]
    aspect: Aspect | None = None
    score: float = 0.0


@dataclass
class Reading:
    """What was found in the tree, before records are made."""

    groups: list[Group] = field(default_factory=list)
    part_items: list[tuple[str, Section, list[Item]]] = field(default_factory=list)
    parts: list[tuple[Section, str]] = field(default_factory=list)
    kept: list[tuple[Section, str]] = field(default_factory=list)
    unplaced: list[tuple[int, str]] = field(default_factory=list)


def read_tree(root: Section) -> Reading:
    """Walk the top of the tree: parts, then aspect groups under 问题."""
    reading = Reading()
    sections = root.children or []
    if not sections and root.body:
        reading.unplaced.append((root.line, "no numbered headings found"))
    for section in sections:
        read_section(section, None, reading)
    return reading


def read_section(section: Section, part: str | None, reading: Reading) -> None:
    own = part_of(section.heading)
    if own in NOT_EMITTED:
        reading.kept.append((section, NOT_EMITTED[own]))
        return
    if own == "问题" and ASPECT_HEADING.search(section.heading):
        # 一、在…方面存在的问题: an aspect heading that names its part, not the 问题 part itself.
        reading.groups.append(Group(section, items_of(section) or [_as_item(section)]))
        return
    if own:
        reading.parts.append((section, own))
        part = own
    if part == "问题" and own == "问题":
        _, loose = _inline(section)
        if loose:
            reading.groups.append(Group(Section(section.rank, "", "", section.line), loose))
        for child in section.children:
            if part_of(child.heading) in NOT_EMITTED:
                reading.kept.append((child, NOT_EMITTED[part_of(child.heading)]))
                continue
            reading.groups.append(Group(child, items_of(child) or [_as_item(child)]))
        return
    if part and part != "问题":
        items = items_of(section)
        if items:
            reading.part_items.append((part, section, items))
        else:
            reading.unplaced.append((section.line, f"{section.heading!r}: a {part} section without items"))
        return
    # No part named: a top-level heading may itself be an aspect (发言提纲 without 存在的问题).
    if section.children or section.body:
        reading.groups.append(Group(section, items_of(section) or [_as_item(section)]))
    else:
        reading.unplaced.append((section.line, f"{section.heading!r}: an empty heading"))


def _inline(section: Section) -> tuple[list[str], list[Item]]:
    from .structure import inline_items

    return inline_items(section.body, section.line)


def _as_item(section: Section) -> Item:
    return Item(section.marker, section.heading, " ".join(section.body), section.line)


def place_aspects(reading: Reading, aspects: list[Aspect]) -> None:
    """Match group headings to aspects jointly (one heading per aspect)."""
    named = [g for g in reading.groups if g.section.heading]
    for group, (aspect, score) in zip(named, assign([g.section.heading for g in named], aspects)):
        group.aspect, group.score = aspect, score


def drafts(reading: Reading) -> list[Draft]:
    """Records in document order: 问题 by aspect, then the other parts."""
    out: list[Draft] = []
    for group in reading.groups:
        heading = group.section.heading
        # A group heading that is no aspect (a local addition) keeps its heading as a tag.
        tags = [heading] if heading and group.aspect is None else []
        for item in group.items:
            title, text, instance = split_item(item.heading, item.text)
            out.append(Draft("问题", group.aspect.id if group.aspect else None, title, text, instance,
                             item.line, heading, list(tags)))
    for part, section, items in reading.part_items:
        for item in items:
            title, text, instance = split_item(item.heading, item.text)
            out.append(Draft(part, None, title, text, instance, item.line, section.heading))
    return out
