"""The numbering hierarchy of a Chinese official document as a tree of sections, and the items
(一是/1．/（一）…) of a section, each with its whole text."""
from __future__ import annotations

from dataclasses import dataclass, field

from hooks.text.headings import CLOSING, part_of
from hooks.text.items import HEADING_MAX, first_clause, split_heading
from hooks.text.markers import EMBEDDED_PART, INLINE_ITEM, RUN_TOGETHER, inline_starts, match_marker

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
    body_lines: list[int] = field(default_factory=list)
    raw: str = ""  # the line after its marker, as written


@dataclass
class Item:
    """One 一是/1./（一） item: its short heading and the whole text that follows it."""

    marker: str
    heading: str
    text: str
    line: int
    aspect: object = None  # the meeting's Aspect an item's own heading names (征求意见 by aspect)


@dataclass
class Loose:
    """Text of a section that belongs to no item: the lead-in before the first item, or a
    closing paragraph (总之，…). Reported, never dropped without a word."""

    line: int
    text: str
    why: str


def split_run_together(lines: list[Line]) -> list[Line]:
    """One line per numbered heading: headings run together after a sentence end, a part heading
    after other words (…措施 一、存在的问题 : 1、…), and a first item after its part heading's colon."""
    out: list[Line] = []
    for line in lines:
        pieces = [q for p in RUN_TOGETHER.split(line.text) for q in EMBEDDED_PART.split(p) if q.strip()]
        for piece in pieces:
            out.extend(Line(line.no, part, line.md_level) for part in split_after_part_heading(piece.strip()))
    return out


def first_colon(text: str) -> int:
    """Where the first colon (full or half width) after the first character is, else -1."""
    return min((i for i in (text.find("："), text.find(":")) if i > 0), default=-1)


def split_after_part_heading(text: str) -> list[str]:
    """一、存在的主要问题：1、政治意识不强。… → the part heading, then the item on a line of its own."""
    found = match_marker(text)
    if not found or found[0] != 1:
        return [text]
    rest = found[2]
    colon = first_colon(rest)
    after = rest[colon + 1:].strip()
    if colon > 0 and part_of(rest[:colon].strip()) and match_marker(after):
        return [text[:len(text) - len(rest) + colon].strip(), after]
    return [text]


def parse(lines: list[Line], *, titled: bool | None = None) -> Section:
    """Build the section tree; the root holds the title and any text before the first heading."""
    lines = split_run_together(lines)
    has_title = titled if titled is not None else (
        bool(lines) and (is_title(lines[0].text) or lines[0].md_level == 1))
    root = Section(0, "", lines[0].text if has_title and lines else "", lines[0].no if lines else 0)
    stack: list[Section] = [root]
    for line in lines[1:] if has_title else lines:
        found = match_marker(line.text)
        if found:
            rank, marker, rest = found
            heading, body = heading_before_items(rest) or split_heading(rest)
            if not heading and not INLINE_ITEM.match(rest):  # a long numbered paragraph: an item
                heading, body = first_clause(rest)
        elif line.md_level >= 2 and len(line.text) <= HEADING_MAX:
            rank, marker, heading, body, rest = line.md_level - 1, "#" * line.md_level, line.text, "", ""
        else:
            stack[-1].body.append(line.text)
            stack[-1].body_lines.append(line.no)
            continue
        while stack[-1].rank >= rank and len(stack) > 1:
            stack.pop()
        section = Section(rank, marker, heading, line.no, [body] if body else [], [], [line.no] if body else [])
        section.raw = rest.strip()
        stack[-1].children.append(section)
        stack.append(section)
    for _, section in walk(root):
        rejoin_heading(section)
    return root


def heading_before_items(rest: str) -> tuple[str, str] | None:
    """（八）其他方面：一是…。二是… and 1、政治方面：学习不够系统。— the heading ends at the colon that
    opens the items or follows an aspect written inline, even when a full stop comes within a
    heading's length."""
    colon = first_colon(rest)
    if 0 < colon <= HEADING_MAX and (INLINE_ITEM.match(rest[colon + 1:].lstrip())
                                     or rest[:colon].endswith("方面") and "，" not in rest[:colon]):
        return rest[:colon].strip(), rest[colon + 1:].strip()
    return None


def rejoin_heading(section: Section) -> None:
    """A long heading over numbered items (the official wording of an aspect, cut at a comma
    as if it were an item's first clause) gets its whole sentence back."""
    raw = section.raw
    if (section.children and section.body and section.body_lines[0] == section.line and raw
            and raw.rstrip("。").count("。") == 0 and not INLINE_ITEM.search(raw)):
        section.heading = raw.rstrip("。：:")
        section.body, section.body_lines = section.body[1:], section.body_lines[1:]


def inline_items(paragraphs: list[str], lines: list[int]) -> tuple[list[Loose], list[Item]]:
    """Split paragraphs at 一是/二是/一要 markers; return the text outside items and the items.

    A paragraph without a marker continues the item before it (例如 …), unless it closes the
    section (总之 …)."""
    loose: list[Loose] = []
    items: list[Item] = []
    for paragraph, line in zip(paragraphs, lines + [lines[-1] if lines else 0] * len(paragraphs)):
        starts = inline_starts(paragraph)
        if not starts:
            if CLOSING.match(paragraph):
                loose.append(Loose(line, paragraph, "closing paragraph"))
            elif items:
                items[-1].text = join(items[-1].text, paragraph)
            else:
                loose.append(Loose(line, paragraph, "lead-in before the first item"))
            continue
        head = paragraph[: starts[0].start()].strip()
        if head:
            if items and not head.endswith(("：", ":")):
                items[-1].text = join(items[-1].text, head)
            else:
                loose.append(Loose(line, head, "lead-in before the first item"))
        for index, start in enumerate(starts):
            end = starts[index + 1].start() if index + 1 < len(starts) else len(paragraph)
            heading, text = first_clause(paragraph[start.end():end].strip())
            items.append(Item(start.group(0).strip(), heading, text, line))
    return loose, items


def join(text: str, more: str) -> str:
    """Two paragraphs of one item: a long sentence cut mid-word (a copied page's line break) runs
    on; a short one without a full stop (a heading) gets one."""
    if not text or text.endswith(("。", "！", "？", "；", "：")):
        return (text + more).strip()
    last = text.rsplit("。", 1)[-1]
    return f"{text}{more}".strip() if len(last) >= CUT_SENTENCE else f"{text}。{more}".strip()


CUT_SENTENCE = 20  # a paragraph ending this far into a sentence without a mark was cut, not finished


def items_of(section: Section) -> tuple[list[Loose], list[Item]]:
    """Items of a section: its 一是 items, then its subsections (a leaf subsection is one item)."""
    loose, items = inline_items(section.body, section.body_lines)
    for child in section.children:
        child_loose, child_items = items_of(child)
        if child_items:
            if child.heading:  # a sub-heading with items of its own: its words lead them in
                loose.append(Loose(child.line, child.heading, "heading of a sub-group"))
            loose.extend(child_loose)
            items.extend(child_items)
        elif child.heading or child.body:
            items.append(as_item(child))
        else:
            loose.append(Loose(child.line, child.marker, "an empty heading (the text breaks off?)"))
    return loose, items


def as_item(section: Section) -> Item:
    text = ""
    for paragraph in section.body:
        text = join(text, paragraph)
    return Item(section.marker, section.heading, text, section.line)


def walk(section: Section, depth: int = 0):
    """Yield (depth, section) for the tree, for the report."""
    yield depth, section
    for child in section.children:
        yield from walk(child, depth + 1)
