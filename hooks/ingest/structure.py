"""Parse the numbering hierarchy of a Chinese official document into a tree of sections."""
from __future__ import annotations

from dataclasses import dataclass, field

from hooks.text.items import HEADING_MAX, first_clause, split_heading
from hooks.text.markers import INLINE_ITEM, RUN_TOGETHER, match_marker

from .clean import Line, is_title


@dataclass
class Section:
    """A numbered (or Markdown) heading with its body paragraphs and subsections."""

    rank: int
    marker: str
    heading: str
    line: int
    body: list[str] = field(default_factory=list)
    children: list["Section"] = field(default_factory=list)


@dataclass
class Item:
    """One 一是/1./（一） item: a short heading and the text that follows it."""

    marker: str
    heading: str
    text: str
    line: int


def split_run_together(lines: list[Line]) -> list[Line]:
    out: list[Line] = []
    for line in lines:
        pieces = [p for p in RUN_TOGETHER.split(line.text) if p.strip()]
        out.extend(Line(line.no, piece.strip(), line.md_level) for piece in pieces)
    return out


def parse(lines: list[Line]) -> Section:
    """Build the section tree; the root holds the title and any text before the first heading."""
    lines = split_run_together(lines)
    has_title = bool(lines) and (is_title(lines[0].text) or lines[0].md_level == 1)
    root = Section(0, "", lines[0].text if has_title else "", lines[0].no if lines else 0)
    stack: list[Section] = [root]
    for line in lines[1:] if has_title else lines:
        found = match_marker(line.text)
        if found:
            rank, marker, rest = found
            heading, body = split_heading(rest)
            if not heading:  # a long numbered paragraph: an item, not a section heading
                heading, body = first_clause(rest)
        elif line.md_level >= 2 and len(line.text) <= HEADING_MAX:
            rank, marker, heading, body = line.md_level - 1, "#" * line.md_level, line.text, ""
        else:
            stack[-1].body.append(line.text)
            continue
        while stack[-1].rank >= rank and len(stack) > 1:
            stack.pop()
        section = Section(rank, marker, heading, line.no, [body] if body else [])
        stack[-1].children.append(section)
        stack.append(section)
    return root


def inline_items(paragraphs: list[str], line: int) -> tuple[list[str], list[Item]]:
    """Split paragraphs at 一是/二是 markers; return the lead-in paragraphs and the items."""
    lead: list[str] = []
    items: list[Item] = []
    for paragraph in paragraphs:
        starts = [m for m in INLINE_ITEM.finditer(paragraph)]
        if not starts:
            if items:  # a continuation paragraph (例如 …) belongs to the item before it
                items[-1].text = (items[-1].text + paragraph).strip()
            else:
                lead.append(paragraph)
            continue
        if starts[0].start() > 0:
            head = paragraph[: starts[0].start()].strip()
            if items:
                items[-1].text += head
            elif head:
                lead.append(head)
        for index, start in enumerate(starts):
            end = starts[index + 1].start() if index + 1 < len(starts) else len(paragraph)
            heading, text = first_clause(paragraph[start.end():end].strip())
            items.append(Item(start.group(0).strip(), heading, text, line))
    return lead, items


def items_of(section: Section) -> list[Item]:
    """Items of a section: its 一是 items, else its leaf subsections, recursively."""
    lead, items = inline_items(section.body, section.line)
    for child in section.children:
        child_items = items_of(child)
        if child_items:
            items.extend(child_items)
        else:
            items.append(Item(child.marker, child.heading, " ".join(child.body), child.line))
    return items


def walk(section: Section, depth: int = 0):
    """Yield (depth, section) for the tree, for the report."""
    yield depth, section
    for child in section.children:
        yield from walk(child, depth + 1)
