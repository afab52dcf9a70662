"""Turn placed items into draft example records: the heading as title, the whole text (the
maintainer rewrites it; the draft is not the place to cut), the 例如 part as the instance."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from hooks.text.items import INSTANCE_LEAD, RECTIFIED

from .minutes import REPORTED_PARTS, Minutes
from .sections import Reading, heading_states_a_problem
from .structure import Item, Loose


@dataclass
class Draft:
    """One record before it becomes YAML, with where it came from for the report."""

    part: str
    aspect: str | None
    title: str
    text: str
    instance: str | None
    line: int
    section: str
    level: str = "个人"
    tags: list[str] = field(default_factory=list)
    giver: str | None = None
    receiver: str | None = None


def split_item(heading: str, text: str) -> tuple[str, str, str | None]:
    """(title, text, instance): the heading, all of the text before 例如, all of it from 例如 on."""
    title = heading.strip().strip("。：:；;，, ")
    body = text.strip()
    if not title and body:
        first = re.match(r"[^。！？]+[。！？]?", body)
        title, body = first.group(0).rstrip("。"), body[first.end():].strip()
    instance = None
    lead = INSTANCE_LEAD.search(body)
    if lead and len(body) - lead.end() > 4:
        instance = body[lead.end():].strip()
        body = body[: lead.start()].strip()
    return title, body or title, instance


def reading_drafts(reading: Reading, level: str, tags: list[str] | None = None) -> tuple[list[Draft], list[Loose]]:
    """Records of one material (or one member's self-criticism): 问题 by aspect, then the other
    parts; the text that belongs to no item comes back for the report."""
    out: list[Draft] = []
    loose: list[Loose] = list(reading.loose)
    tags = list(tags or [])
    for group in reading.groups:
        heading = group.section.heading
        items = list(group.items)
        if heading_states_a_problem(group):
            # （七）政治判断力需要提高。… 一是…: the heading and its lead-in are a problem too.
            text = "".join(piece.text for piece in group.lead)
            items.insert(0, Item(group.section.marker, heading, text, group.section.line))
            heading = ""
        else:
            loose.extend(group.lead)
        # A group heading that is no aspect (a local addition) keeps its heading as a tag; a
        # heading that is its only item's own title is no group heading.
        own = len(items) == 1 and items[0].heading == heading and items[0].line == group.section.line
        group_tags = tags + ([heading] if heading and group.aspect is None and not own else [])
        for item in items:
            title, text, instance = split_item(item.heading, item.text)
            if RECTIFIED.search(f"{item.heading}{item.text}") and len(item.heading + item.text) <= 80:
                loose.append(Loose(item.line, title, "says earlier problems are rectified (整改完毕), not a problem"))
            elif title:
                out.append(Draft("问题", group.aspect.id if group.aspect else None, title, text, instance,
                                 item.line, heading, level, list(group_tags)))
    for part, section, items in reading.part_items:
        for item in items:
            title, text, instance = split_item(item.heading, item.text)
            if title:
                aspect = item.aspect.id if item.aspect is not None else None
                out.append(Draft(part, aspect, title, text, instance, item.line, section.heading, level, list(tags)))
    for item, giver, receiver in reading.opinions:
        title, text, instance = split_item(item.heading, item.text)
        if title:
            out.append(Draft("批评意见", None, title, text, instance, item.line, f"{giver or ''} → {receiver or ''}",
                             "个人", tags + [f"提出人：{giver}"] * bool(giver) + [f"被批评人：{receiver}"] * bool(receiver),
                             giver, receiver))
    return out, loose


def minutes_drafts(minutes: Minutes) -> tuple[list[Draft], list[Loose]]:
    """The 班子 check (班子 records), the 通报 of rectification and of the opinions asked for (班子
    整改情况 / 征求意见 records), each member's self-criticism (个人 records, the speaker's role as a
    tag), each critical opinion (批评意见 with giver and receiver)."""
    out: list[Draft] = []
    loose: list[Loose] = []
    # (speeches, level, the parts they give records of: None for all); a 通报 reports what was
    # rectified and what was asked for, as the 班子 reports it
    for checks, level, kept in ((minutes.banzi, "班子", None), (minutes.reports, "班子", REPORTED_PARTS),
                                (minutes.self_checks, "个人", None)):
        for check in checks:
            drafts, left = reading_drafts(check.reading, level, [f"发言人：{check.speaker}"] if check.speaker else [])
            out += [d for d in drafts if kept is None or d.part in kept]
            loose += left + [Loose(d.line, d.title, f"{d.part} in a 通报, not a record") for d in drafts
                             if kept is not None and d.part not in kept]
    for opinion in minutes.opinions:
        for point in opinion.points:
            title, text, instance = split_item(point.heading, point.text)
            if title:
                out.append(Draft("批评意见", None, title, text, instance, point.line,
                                 f"{opinion.giver} → {opinion.receiver}", "个人",
                                 [f"提出人：{opinion.giver}", f"被批评人：{opinion.receiver}"],
                                 opinion.giver, opinion.receiver))
    return out, loose
