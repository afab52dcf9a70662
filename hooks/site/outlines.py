"""Instantiate a document outline for a meeting: the meeting's aspects and required sections fill
the slots, and headings get the numbers of Chinese official documents (一、（一）1.（1）)."""
from __future__ import annotations

from dataclasses import dataclass

from hooks.data.model import Aspect, Meeting, Outline, OutlineSection, RequiredSection

CHINESE_NUMERALS = "一二三四五六七八九十"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, up to 99."""
    if n <= 10:
        return CHINESE_NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return (CHINESE_NUMERALS[tens - 1] if tens > 1 else "") + "十" + (CHINESE_NUMERALS[ones - 1] if ones else "")


def number_label(depth: int, n: int) -> str:
    """The official numbering of a heading at depth 1..4 (GB/T 9704: 一、 （一） 1. （1））."""
    if depth == 1:
        return f"{chinese_number(n)}、"
    if depth == 2:
        return f"（{chinese_number(n)}）"
    if depth == 3:
        return f"{n}."
    return f"（{n}）"


@dataclass(frozen=True)
class Heading:
    """One heading of an instantiated outline."""

    depth: int
    label: str  # 一、 / （一） / 1. / "" when unnumbered
    title: str
    guidance: str | None
    mistakes: tuple[str, ...]
    fields: tuple[str, ...]
    children: tuple["Heading", ...]
    aspect: Aspect | None = None
    slot: str | None = None  # aspect | required_section for slot headings; on a generic outline, unfilled
    repeat: bool = False  # a slot item after the first: same guidance, shown once on pages

    @property
    def text(self) -> str:
        return f"{self.label}{self.title}"


# Shown in a generic outline (no meeting chosen) where a slot would be filled.
SLOT_PLACEHOLDERS = {"aspect": "（当年对照检查的各个方面，按通知顺序逐一列出）",
                     "required_section": "（当年通知要求增加的专门部分，如典型案例剖析）"}


def instantiate(outline: Outline, meeting: Meeting | None) -> tuple[Heading, ...]:
    """The heading tree of `outline` for `meeting` (None: the generic outline with slot notes)."""
    return _headings(outline.sections, meeting, depth=1)


def _headings(sections: tuple[OutlineSection, ...], meeting: Meeting | None, depth: int) -> tuple[Heading, ...]:
    result: list[Heading] = []
    number = 0

    def label(numbered: bool) -> str:
        nonlocal number
        if not numbered:
            return ""
        number += 1
        return number_label(depth, number)

    for section in sections:
        if section.requires and meeting is not None and not meeting.has_section(section.requires):
            continue
        if section.each is None:
            result.append(Heading(depth, label(section.numbered), section.title or "", section.guidance,
                                  section.mistakes, section.fields,
                                  _headings(section.children, meeting, depth + 1)))
            continue
        for index, item in enumerate(_slot_items(section, meeting)):
            title = _placeholder(section, meeting) if item is None else \
                section.title_format.replace("{title}", _item_title(item))
            children = _headings(section.children, meeting, depth + 1)
            if isinstance(item, RequiredSection) and not section.children:
                children = tuple(Heading(depth + 1, number_label(depth + 1, i), part, None, (), (), ())
                                 for i, part in enumerate(item.parts, start=1))
            result.append(Heading(depth, label(section.numbered), title, section.guidance, section.mistakes,
                                  section.fields, children,
                                  aspect=item if isinstance(item, Aspect) else None, slot=section.each,
                                  repeat=index > 0))
    return tuple(result)


def _slot_items(section: OutlineSection, meeting: Meeting | None) -> list:
    """The items filling a slot; None stands for what is not known (never invented)."""
    if meeting is None:
        return [None]
    if section.each == "aspect":
        missing = (meeting.aspect_count or 0) > len(meeting.aspects) or not meeting.aspects
        return list(meeting.aspects) + ([None] if missing else [])
    return list(meeting.required_sections)


def _placeholder(section: OutlineSection, meeting: Meeting | None) -> str:
    if meeting is None:
        return SLOT_PLACEHOLDERS[section.each or "aspect"]
    if not meeting.aspects:
        return "（本次会议的对照检查方面待核实：以上级通知为准）"
    rest = (meeting.aspect_count or 0) - len(meeting.aspects)
    return f"（其余{rest}个方面待核实：以上级通知为准）"


def _item_title(item: Aspect | RequiredSection) -> str:
    return item.label if isinstance(item, Aspect) else item.title


def plain_text(headings: tuple[Heading, ...], indent: str = "") -> str:
    """The outline as plain text to copy into a document."""
    lines: list[str] = []
    for heading in headings:
        lines.append(f"{indent}{heading.text}")
        if heading.children:
            lines.append(plain_text(heading.children, indent + "  "))
    return "\n".join(lines)
