"""Read a material's section tree: which part each section is (问题, 原因, 措施 …), which
headings group the problems (the aspects), and what text belongs to no item."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from hooks.data.model import Aspect
from hooks.text.headings import ASPECT_HEADING, FRAME_HEADING, NOT_EMITTED, part_of
from hooks.text.items import ITEMS_INTRODUCED

from hooks.text.markers import INLINE_ITEM as INLINE_ITEM_START

from .structure import Item, Loose, Section, as_item, inline_items, items_of


@dataclass
class Group:
    """A heading under 存在的问题 (or a top-level heading naming an aspect) and its items."""

    section: Section
    items: list[Item]
    aspect: Aspect | None = None
    score: float = 0.0
    lead: list[Loose] = field(default_factory=list)


@dataclass
class Reading:
    """What was found in the tree, before records are made."""

    groups: list[Group] = field(default_factory=list)
    part_items: list[tuple[str, Section, list[Item]]] = field(default_factory=list)
    parts: list[tuple[Section, str]] = field(default_factory=list)
    kept: list[tuple[Section, str]] = field(default_factory=list)
    loose: list[Loose] = field(default_factory=list)
    unplaced: list[tuple[int, str]] = field(default_factory=list)
    opinions: list[tuple[Item, str | None, str | None]] = field(default_factory=list)  # (item, giver, receiver)

    @property
    def item_count(self) -> int:
        return sum(len(g.items) for g in self.groups) + sum(len(i) for _, _, i in self.part_items)


def read_tree(root: Section) -> Reading:
    """Walk the top of the tree: parts, then aspect groups under 问题."""
    reading = Reading()
    if root.body:
        reading.loose.extend(Loose(line, text, "lead-in before the first heading (opening, 基本情况)")
                             for text, line in zip(root.body, root.body_lines))
    if not root.children and root.body:
        loose, items = inline_items(root.body, root.body_lines)
        if items:  # 一是…二是… with no heading above them
            reading.loose = loose
            reading.groups.append(Group(Section(1, "", "", root.line), items))
        else:
            reading.unplaced.append((root.line, "no numbered headings found"))
    for section in root.children:
        read_section(section, None, reading)
    return reading


def read_section(section: Section, part: str | None, reading: Reading) -> None:
    own = part_of(section.heading)
    if own in NOT_EMITTED:
        reading.kept.append((section, NOT_EMITTED[own]))
        return
    if own == "问题" and ASPECT_HEADING.search(section.heading):
        # 一、在…方面存在的问题: an aspect heading that names its part, not the 问题 part itself.
        add_group(section, reading)
        return
    if own:
        reading.parts.append((section, own))
        part = own
    if part == "问题" and own == "问题":
        loose, items = inline_items(section.body, section.body_lines)
        reading.loose.extend(loose)
        if items:
            reading.groups.append(Group(Section(section.rank, "", "", section.line), items))
        for child in section.children:
            child_part = part_of(child.heading)
            if child_part in NOT_EMITTED:
                reading.kept.append((child, NOT_EMITTED[child_part]))
            elif child_part in ("原因", "措施"):  # 原因 nested under 问题 by a numbering slip
                read_section(child, None, reading)
            else:
                add_group(child, reading)
        return
    if part == "批评意见":  # a list of opinions: who gave them to whom, from the headings
        found = opinion_items(section, None, None, reading)
        if found:
            reading.opinions.extend(found)
        else:
            reading.unplaced.append((section.line, f"{section.heading!r}: a 批评意见 section without items"))
        return
    if part and part != "问题":
        loose, items = items_of(section)
        reading.loose.extend(loose)
        if not items and (section.heading and not own):
            items = [as_item(section)]  # a bare numbered measure: its heading is the item
        if items:
            reading.part_items.append((part, section, items))
        else:
            reading.unplaced.append((section.line, f"{section.heading!r}: a {part} section without items"))
        return
    # No part named: a top-level heading may itself be an aspect (发言提纲 without 存在的问题).
    if section.children or section.body:
        add_group(section, reading)
    elif section.heading:
        reading.unplaced.append((section.line, f"{section.heading!r}: a heading without text"))
    else:
        reading.loose.append(Loose(section.line, section.marker, "an empty heading (the text breaks off?)"))


# 对王建国同志（党支部书记）的批评意见 / 党员对党支部的批评意见 / 何长生同志（院长）所提批评意见
# …的批评意见 / …的批评 at the end, not 对其进行批评教育 inside a point.
RECEIVER_HEADING = re.compile(r"对([^\s，。：:、（）()]{1,12}?)(?:同志)?(?:[（(][^）)]*[）)])?(?:提出)?的?批评(?:意见|帮助|$)")
GIVER_HEADING = re.compile(r"^([^\s，。：:、（）()]{1,8}?)(?:同志)?(?:[（(][^）)]*[）)])?(?:所|对其)?提(?:出)?的?批评意见")


def opinion_items(section: Section, giver: str | None, receiver: str | None,
                  reading: Reading) -> list[tuple[Item, str | None, str | None]]:
    """Items of a list of opinions, each with the giver and receiver its headings name."""
    heading = section.heading
    if (found := RECEIVER_HEADING.search(heading)):
        receiver = found.group(1)
        before = heading[: found.start()]
        giver = before if before and not re.search(r"[、，,]|党员|支委|群众|大家", before) else giver
    if (found := GIVER_HEADING.match(heading)) and not RECEIVER_HEADING.search(heading):
        giver = found.group(1)
    body, lines = [], []
    for text, line in zip(section.body, section.body_lines):
        named = RECEIVER_HEADING.search(text)
        if named and len(text) <= 40:  # 对王建国同志（书记）的批评意见（共3条）: a heading without a number
            receiver = named.group(1)
        else:
            body.append(text)
            lines.append(line)
    loose, items = inline_items(body, lines)
    reading.loose.extend(loose)
    out = [(item, giver, receiver) for item in items]
    for child in section.children:
        nested = []
        if child.children or child.body and INLINE_ITEM_START.match(child.body[0]) or part_of(child.heading) == "批评意见" \
                or GIVER_HEADING.match(child.heading) or RECEIVER_HEADING.search(child.heading):
            nested = opinion_items(child, giver, receiver, reading)
        if nested:
            out.extend(nested)
        elif not child.body and not child.children and (GIVER_HEADING.match(child.heading) or RECEIVER_HEADING.search(child.heading)):
            reading.loose.append(Loose(child.line, child.heading, "a heading of opinions without points (the text breaks off?)"))
        elif child.heading or child.body:  # a point of its own, never lost for looking like a heading
            out.append((as_item(child), giver, receiver))
    return out


def add_group(section: Section, reading: Reading) -> None:
    """One group of problems under a heading; its lead-in stays with it until the aspects are
    known (a heading that names no aspect may itself be a problem, its lead-in the text)."""
    if not section.heading and not section.body and not section.children:
        reading.loose.append(Loose(section.line, section.marker, "an empty heading (the text breaks off?)"))
        return
    loose, items = items_of(section)
    if not items:
        # （三）在问题矛盾上缺少…韧劲。 is one problem; a heading cut off mid-sentence never ends in 。
        if section.body or section.raw.endswith(("。", "；", "！")) or not FRAME_HEADING.search(section.heading):
            reading.groups.append(Group(section, [as_item(section)]))
        else:  # （一）在带头…方面 and nothing after it: the page breaks off
            reading.loose.append(Loose(section.line, section.heading, "a heading without text (the text breaks off?)"))
        return
    lead = [piece for piece in loose if piece.why.startswith("lead-in")]
    reading.loose.extend(piece for piece in loose if piece not in lead)
    reading.groups.append(Group(section, items, lead=lead))


def heading_states_a_problem(group: Group) -> bool:
    """（七）政治判断力需要提高。… with 一是 items after it: the heading is a problem of its own,
    unless it frames an aspect (在…方面, 带头…) or was matched to one."""
    heading = group.section.heading
    if not heading or group.aspect is not None or FRAME_HEADING.search(heading):
        return False
    if "。" not in group.section.raw:  # a title (意识形态工作责任制落实情况), not a sentence
        return False
    if any(ITEMS_INTRODUCED.search(piece.text) for piece in group.lead) or ITEMS_INTRODUCED.search(group.section.raw):
        return False  # 学习不够。主要表现为：1)… — the points show the heading
    only = group.items[0] if len(group.items) == 1 else None
    return not (only and only.heading == heading and only.line == group.section.line)
