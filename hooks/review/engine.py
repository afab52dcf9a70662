"""The 自查 report of a draft: type and meeting, required parts, the official aspects found as
headings (and those worded as another meeting's), every item (concrete or not, stock phrases,
pseudo-criticism), the share of 问题 and 原因, personal data.

assets/review.js does the same, step for step, on the same data (export.review_data): the text
rules of hooks/text, the personal-data rules of hooks/privacy, data/review_rules.yaml, the
meetings and the parts of each document type. tests/test_review_browser.py runs both on the
same drafts and compares the reports. Keep the two in step: a change here is a change there.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from hooks.privacy.checker import scan
from hooks.text.aspects import MATCH_THRESHOLD, assign, core, similarity
from hooks.text.headings import ASPECT_HEADING, BRIEF_CRITICISM, CRITICISM, PART_HEADING_MAX, part_of
from hooks.text.items import HEADING_MAX, INSTANCE_LEAD, first_clause, sentences, split_heading
from hooks.text.markdown import strip_markdown
from hooks.text.markers import INLINE_ITEM, RUN_TOGETHER, match_marker
from hooks.text.punctuation import normalise_punctuation

# The document types, named as their outlines are (data/outlines/*.yaml).
BANZI, GEREN, PIPING, JILU = "班子对照检查材料", "个人对照检查材料", "相互批评意见", "会议记录"
TYPES = (BANZI, GEREN, PIPING, JILU)
TITLE_MAX = 70
HEADER_SCAN = 30  # minutes' header lines are looked for in the first lines
LINE_BREAK = re.compile(r"\r\n|\r|\n")
# A first line ending like a sentence or a salutation is no title.
TITLE_STOPS = ("。", "；", "：", "，", ":", ";")
# An unnumbered line naming a part (存在的问题) opens it above the numbered headings.
UNNUMBERED_PART_RANK = 0.5
# What the theme is compared without (spaces and quotation marks vary between copies).
THEME_FLATTEN = re.compile(r"[\s“”\"]")
# An aspect heading without 方面 starts with 带头 (the wording of every meeting since 2020).
ASPECT_LEAD = re.compile(r"^在?带头")
# An unnumbered line that reads as an aspect heading sits between 一、 and （一）; a sentence is none.
NOT_AN_ASPECT_LINE = re.compile(r"[。；;]|[，,]$")
UNNUMBERED_ASPECT_RANK = 1.5
# Minutes hold their agenda in sentences: a part is there when a sentence has this share of its
# words (two-character runs).
PROSE_PART_SHARE = 0.7
# A heading with a comma or a sentence end is an item that mentions a part word (今后, 措施), not
# the part's heading.
NOT_A_PART_HEADING = re.compile(r"[，。；,;]")


@dataclass
class Line:
    no: int
    raw: str
    text: str
    md: int


@dataclass
class Node:
    line: int
    rank: float
    marker: str
    heading: str
    body: list[tuple[int, str]] = field(default_factory=list)
    children: list["Node"] = field(default_factory=list)


@dataclass
class Item:
    line: int
    marker: str
    heading: str
    text: str
    lines: list[int]

    @property
    def full(self) -> str:
        return f"{self.heading}。{self.text}" if self.text else self.heading


@dataclass
class Group:
    node: Node
    items: list[Item]


# ---------------------------------------------------------------- compiled data

def compiled(data: dict) -> SimpleNamespace:
    """The patterns of data/review_rules.yaml and the meetings' aspects, ready to use."""
    rules = data["rules"]
    meetings = [SimpleNamespace(**{**m, "aspects": [SimpleNamespace(**a) for a in m["aspects"]]})
                for m in data["meetings"]]
    return SimpleNamespace(
        header=re.compile(data["header_field"]["re"]),
        types=SimpleNamespace(**{key: value if isinstance(value, int) else re.compile(value)
                                 for key, value in rules["types"].items()}),
        stock=[(rule, re.compile(rule.get("pattern") or re.escape(rule["phrase"]))) for rule in rules["stock_phrases"]],
        concrete=[(rule["kind"], re.compile(rule["pattern"])) for rule in rules["concrete"]],
        pseudo=[(rule["id"], re.compile(rule["pattern"]), re.compile(rule["unless"]) if rule.get("unless") else None)
                for rule in rules["pseudo_criticism"]],
        year=re.compile(rules["meeting"]["year"]),
        year_lines=rules["meeting"]["lines"],
        theme_chars=rules["meeting"]["theme_chars"],
        meetings=meetings,
        all_aspects=[a for m in meetings for a in m.aspects],
        accepted=set(data["accepted"]),
    )


# ---------------------------------------------------------------- reading

def read_lines(text: str) -> list[Line]:
    lines = []
    for number, raw in enumerate(LINE_BREAK.split(text), start=1):
        stripped = raw.strip()
        md_text, md = strip_markdown(stripped) if stripped else ("", 0)
        lines.append(Line(number, raw, normalise_punctuation(md_text).strip(), md))
    return lines


def find_title(lines: list[Line], c: SimpleNamespace) -> Line | None:
    """The first line, if it reads as a title: short, no number, no sentence end, and naming a
    document type, or else not a part or aspect heading (存在的问题, 在…方面)."""
    first = next((line for line in lines if line.text), None)
    if first is None:
        return None
    if first.md == 1:
        return first
    text, t = first.text, c.types
    names_type = any(p.search(text) for p in (t.minutes_title, t.criticism_title, t.personal_title, t.group_title))
    if (match_marker(text) is None and len(text) <= TITLE_MAX and not text.endswith(TITLE_STOPS)
            and not c.header.match(text) and not INLINE_ITEM.match(text)
            and (names_type or not (is_part_line(text, c.header) or is_aspect_line(text, c.header)))):
        return first
    return None


def heading_part(heading: str) -> str | None:
    """The part a heading opens, if it reads as a heading."""
    return None if NOT_A_PART_HEADING.search(heading) else part_of(heading)


def is_part_line(text: str, header: re.Pattern[str]) -> bool:
    """存在的问题 alone on a line: an unnumbered part heading."""
    return (len(text) <= PART_HEADING_MAX and heading_part(text) is not None and not ASPECT_HEADING.search(text)
            and not INLINE_ITEM.match(text) and not header.match(text))


def is_aspect_line(text: str, header: re.Pattern[str]) -> bool:
    """在带头…方面 alone on a line: an unnumbered aspect heading."""
    return (len(text) <= HEADING_MAX and not NOT_AN_ASPECT_LINE.search(text)
            and bool(ASPECT_HEADING.search(text) or ASPECT_LEAD.match(text))
            and not INLINE_ITEM.match(text) and not header.match(text))


def has_content(node: Node) -> bool:
    """Something under the heading: subheadings, 一是 items, or paragraphs on later lines."""
    return bool(node.children) or any(number != node.line for number, _ in node.body) or bool(inline_items(node.body))


def pieces(lines: list[Line], title: Line | None) -> list[tuple[Line, str]]:
    """The lines to parse, a line holding （一）…。（二）… run together cut at each marker."""
    return [(line, piece.strip()) for line in lines if line.text and line is not title
            for piece in RUN_TOGETHER.split(line.text) if piece.strip()]


def parse(lines: list[Line], title: Line | None, header: re.Pattern[str]) -> Node:
    """The heading tree: numbered and Markdown headings and unnumbered part lines, with the
    other lines as their body (each with its line number)."""
    root = Node(0, 0, "", "")
    stack = [root]
    for line, text in pieces(lines, title):
        found = match_marker(text)
        if found:
            rank, marker, rest = found
            heading, body = split_heading(rest)
            if not heading:  # a long numbered paragraph: an item, not a section heading
                heading, body = first_clause(rest)
        elif line.md >= 2 and len(text) <= HEADING_MAX:
            rank, marker, heading, body = line.md - 1, "#" * line.md, text, ""
        elif is_part_line(text, header):
            rank, marker, heading, body = UNNUMBERED_PART_RANK, "", text.rstrip("：:"), ""
        elif is_aspect_line(text, header):
            rank, marker, heading, body = UNNUMBERED_ASPECT_RANK, "", text.rstrip("：:"), ""
        else:
            stack[-1].body.append((line.no, text))
            continue
        while stack[-1].rank >= rank and len(stack) > 1:
            stack.pop()
        node = Node(line.no, rank, marker, heading, [(line.no, body)] if body else [])
        stack[-1].children.append(node)
        stack.append(node)
    return root


def inline_items(paragraphs: list[tuple[int, str]]) -> list[Item]:
    """Items of paragraphs split at 一是/二是 markers; a paragraph without one continues the item
    before it (the lead-in before the first item is no item)."""
    items: list[Item] = []
    for number, paragraph in paragraphs:
        starts = list(INLINE_ITEM.finditer(paragraph))
        if not starts:
            if items:
                items[-1].text += paragraph
                items[-1].lines.append(number)
            continue
        head = paragraph[: starts[0].start()].strip()
        if items and head:
            items[-1].text += head
            items[-1].lines.append(number)
        for index, start in enumerate(starts):
            end = starts[index + 1].start() if index + 1 < len(starts) else len(paragraph)
            heading, text = first_clause(paragraph[start.end():end].strip())
            items.append(Item(number, start.group(0).strip(), heading, text, [number]))
    return items


def items_of(node: Node) -> list[Item]:
    """A node's items: its 一是 items, then its children's items, a leaf child being one item."""
    items = inline_items(node.body)
    for child in node.children:
        child_items = items_of(child)
        if child_items:
            items += child_items
        else:
            items.append(Item(child.line, child.marker, child.heading, "".join(t for _, t in child.body),
                              [child.line, *(n for n, _ in child.body if n != child.line)]))
    return items


def lines_of(node: Node) -> list[int]:
    numbers = [node.line] if node.line else []
    numbers += [n for n, _ in node.body if n != node.line]
    for child in node.children:
        numbers += lines_of(child)
    return numbers


# ---------------------------------------------------------------- the report

def analyse(text: str, data: dict, *, meeting: str | None = None, doc_type: str | None = None) -> dict:
    """The report of a draft (copied passages are added by copycheck.copied)."""
    c = compiled(data)
    lines = read_lines(text)
    title = find_title(lines, c)
    title_text = title.text if title else ""
    texts = [line.text for line in lines if line.text and line is not title]
    root = parse(lines, title, c.header)

    def aspect_like(heading: str) -> bool:
        return bool(ASPECT_HEADING.search(heading) or ASPECT_LEAD.match(heading)) or any(
            similarity(heading, a) >= MATCH_THRESHOLD for a in c.all_aspects)

    line_part: dict[int, str | None] = {}
    found_parts: list[tuple[str, Node]] = []  # (part, node) of every part heading, in order
    groups: list[Group] = []
    items: list[tuple[Item, str | None, Group | None]] = []

    def set_part(node: Node, part: str | None) -> None:
        for number in lines_of(node):
            line_part[number] = part

    def add_group(node: Node, part: str) -> None:
        group = Group(node, items_of(node) or _body_item(node))
        groups.append(group)
        items.extend((item, part, group) for item in group.items)

    items += [(item, None, None) for item in inline_items(root.body)]
    for node in root.children:
        own = heading_part(node.heading)
        if own == "问题" and ASPECT_HEADING.search(node.heading):
            own = None  # 一、在…方面存在的问题: an aspect heading
        if own:
            found_parts.append((own, node))
            set_part(node, own)
            for child in node.children:
                if heading_part(child.heading):
                    found_parts.append((heading_part(child.heading), child))
            if own == "问题":
                items += [(item, own, None) for item in inline_items(node.body)]
                for child in node.children:
                    # A heading with something under it is an aspect heading, whatever it says;
                    # a line alone is one only if it reads as one (…方面, 带头…).
                    if has_content(child) or ASPECT_HEADING.search(child.heading) or ASPECT_LEAD.match(child.heading):
                        add_group(child, own)
                    else:
                        items.append((_leaf(child), own, None))
            else:
                items += [(item, own, None) for item in items_of(node)]
        elif aspect_like(node.heading):  # no 存在的问题 heading: the aspects stand at the top
            if not any(part == "问题" for part, _ in found_parts):
                found_parts.append(("问题", node))
            set_part(node, "问题")
            add_group(node, "问题")
        else:
            set_part(node, None)
            items += [(item, None, None) for item in items_of(node) or [_leaf(node)]]

    kind, kind_from = _document_type(c, title_text, texts, doc_type)
    default_part = "批评意见" if kind == PIPING else None  # a list of criticisms: what is in no part
    items = [(item, part or default_part, group) for item, part, group in items]
    # 成员B对成员A的批评意见：… (minutes): a criticism, judged by its opinion alone.
    opinions: dict[int, str] = {}
    for index, (item, part, group) in enumerate(items):
        found = (CRITICISM.match(item.full) or BRIEF_CRITICISM.match(item.full)) if part in (None, "批评意见") else None
        if found:
            items[index] = (item, "批评意见", group)
            opinions[id(item)] = found.group(3)
    part_at = {line.no: line_part.get(line.no) or default_part for line in lines}
    headings = [g.node.heading for g in groups]
    chosen, meeting_from = _meeting(c, lines, title, headings, meeting)

    report: dict[str, Any] = {
        "title": title_text, "title_line": title.no if title else None,
        "type": kind, "type_from": kind_from, "meeting": chosen.id, "meeting_from": meeting_from,
    }
    report["parts"] = _parts(data["parts"][kind].get(chosen.id, []), found_parts, all_headings(root), title, lines,
                             prose=kind == JILU, header=c.header)
    aspects, foreign, unmatched = _aspects(c, chosen, groups)
    report["aspects"], report["foreign"], report["unmatched"] = aspects, foreign, unmatched
    group_aspect = {id(g): a for g, a in zip(groups, [a for a, _ in assign(headings, chosen.aspects)])}
    report["items"] = [_item_report(c, item, part, group_aspect.get(id(group)) if group else None,
                                    opinions.get(id(item))) for item, part, group in items]
    report["stock_phrases"] = _stock_phrases(c, lines, title, part_at)
    report["personal_data"] = [{"line": line.no, "text": f.match, "category": f.category}
                               for line in lines if line.text
                               for f in scan(line.raw, use_jieba=False) if f.match not in c.accepted]
    report.update(_share(lines, title, part_at))
    return report


def _body_item(node: Node) -> list[Item]:
    """A heading with plain paragraphs under it: the paragraphs are its one item."""
    if not node.body:
        return []
    first = node.body[0]
    heading, rest = first_clause("".join(t for _, t in node.body))
    return [Item(first[0], "", heading, rest, [n for n, _ in node.body])]


def _leaf(node: Node) -> Item:
    return Item(node.line, node.marker, node.heading, "".join(t for _, t in node.body),
                [node.line, *(n for n, _ in node.body if n != node.line)])


def _document_type(c: SimpleNamespace, title: str, texts: list[str], given: str | None) -> tuple[str, str]:
    """The type from the title, else from the content (data/review_rules.yaml, types)."""
    if given:
        return given, "given"
    t = c.types
    for pattern, kind in ((t.minutes_title, JILU), (t.criticism_title, PIPING), (t.personal_title, GEREN),
                          (t.group_title, BANZI)):
        if title and pattern.search(title) and not (kind == PIPING and "对照检查" in title):
            return kind, "title"
    if sum(1 for text in texts[:HEADER_SCAN] if c.header.match(text)) >= t.header_lines:
        return JILU, "content"
    body = "".join(texts)
    first, collective = len(t.first_person.findall(body)), len(t.collective.findall(body))
    if len(t.second_person.findall(body)) > first + collective:
        return PIPING, "content"
    return (GEREN if first > collective else BANZI), "content"


def _meeting(c: SimpleNamespace, lines: list[Line], title: Line | None, headings: list[str],
             given: str | None) -> tuple[SimpleNamespace, str]:
    if given:
        chosen = next((m for m in c.meetings if m.id == given), None)
        if chosen is None:
            raise ValueError(f"unknown meeting {given!r}: expected one of {', '.join(m.id for m in c.meetings)}")
        return chosen, "given"
    first_lines = [line.text for line in lines if line.text][: c.year_lines]
    years = {int(m.group(1)) for text in first_lines for m in c.year.finditer(text)}
    flat = THEME_FLATTEN.sub("", "".join(line.text for line in lines))
    size = c.theme_chars
    best, best_key, source = None, None, "latest"
    themes = [[THEME_FLATTEN.sub("", theme) for theme in m.themes] for m in c.meetings]
    for index, candidate in enumerate(c.meetings):
        year_hit = candidate.year in years
        # Themes share their openings (深入学习贯彻习近平新时代中国特色社会主义思想): only the
        # runs of a theme that no other meeting's theme has tell which one is quoted.
        others = "\n".join(t for j, own in enumerate(themes) if j != index for t in own)
        theme_hit = sum(1 for theme in themes[index] for i in range(len(theme) - size + 1)
                        if theme[i:i + size] in flat and theme[i:i + size] not in others)
        aspect_hits = sum(1 for a, _ in assign(headings, candidate.aspects) if a) if candidate.aspects else 0
        key = (year_hit, theme_hit, aspect_hits, -index)
        if best_key is None or key > best_key:
            best, best_key = candidate, key
            source = "year" if year_hit else "theme" if theme_hit else "aspects" if aspect_hits else "latest"
    return best, source


def all_headings(node: Node) -> list[Node]:
    out = []
    for child in node.children:
        out.append(child)
        out += all_headings(child)
    return out


def bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} or {text}


def _covers(sentence: str, name: str) -> bool:
    """Most of a part's words in one sentence (minutes say 会议通报了上年度…, no heading)."""
    words = core(name)
    wanted = bigrams(words)
    return len(words) >= 2 and len(wanted & bigrams(core(sentence))) >= PROSE_PART_SHARE * len(wanted)


def _parts(required: list[dict], found: list[tuple[str, Node]], headings: list[Node], title: Line | None,
           lines: list[Line], prose: bool, header: re.Pattern[str]) -> list[dict]:
    """Each required part: found (a part heading of its kind, else the first heading or the title
    worded like it; in minutes, else the first sentence holding most of its words), its line,
    and whether it comes after the parts found before it."""
    named = ([(title.no, title.text)] if title else []) + [(node.line, node.heading) for node in headings]
    out, last = [], 0
    for part in required:
        line = None
        if part["fields"]:
            line = next((l.no for l in lines if l.text and header.match(l.text)), None)
        if line is None and part["part"]:
            line = next((node.line for kind, node in found if kind == part["part"]), None)
        if line is None and not part["fields"]:
            wording = SimpleNamespace(title=part["name"], short=None)
            line = next((number for number, heading in named if similarity(heading, wording) >= MATCH_THRESHOLD), None)
        if line is None and prose and not part["fields"]:
            line = next((l.no for l in lines if l.text and l is not title and any(
                _covers(sentence, part["name"]) for sentence in sentences(l.text))), None)
        entry = {"name": part["name"], "found": line is not None, "line": line,
                 "in_order": line is None or line >= last}
        if line is not None:
            last = max(last, line)
        out.append(entry)
    return out


def _aspects(c: SimpleNamespace, meeting: SimpleNamespace, groups: list[Group]) -> tuple[list, list, list]:
    headings = [g.node.heading for g in groups]
    assigned = assign(headings, meeting.aspects) if meeting.aspects else [(None, 0.0)] * len(groups)
    aspects = []
    for aspect in meeting.aspects:
        mine = [(g, score) for g, (a, score) in zip(groups, assigned) if a is aspect]
        aspects.append({"id": aspect.id, "title": aspect.title, "found": bool(mine),
                        "line": mine[0][0].node.line if mine else None,
                        "heading": mine[0][0].node.heading if mine else None,
                        "score": int(mine[0][1] * 100) if mine else None,
                        "items": sum(len(g.items) for g, _ in mine)})
    foreign, unmatched = [], []
    for group, (aspect, _) in zip(groups, assigned):
        if aspect is not None:
            continue
        heading = group.node.heading
        best, best_score = None, 0.0
        for other in c.meetings:
            if other.id == meeting.id:
                continue
            for candidate in other.aspects:
                score = similarity(heading, candidate)
                if score > best_score:
                    best, best_score = (other, candidate), score
        if best is not None and best_score >= MATCH_THRESHOLD:
            foreign.append({"line": group.node.line, "heading": heading, "meeting": best[0].id,
                            "aspect": best[1].id, "title": best[1].title, "score": int(best_score * 100)})
        else:
            unmatched.append({"line": group.node.line, "heading": heading})
    return aspects, foreign, unmatched


def _item_report(c: SimpleNamespace, item: Item, part: str | None, aspect: Any, opinion: str | None) -> dict:
    full = item.full if opinion is None else opinion
    kinds = [name for name, pattern in c.concrete if pattern.search(full)]
    lead = INSTANCE_LEAD.search(full)
    if lead and len(full) - lead.end() > 4:  # 例如 followed by a case (as the importer reads it)
        kinds.append("例如")
    stock = []
    for rule, pattern in c.stock:
        if (not rule.get("parts") or part in rule["parts"]) and pattern.search(full) and rule["phrase"] not in stock:
            stock.append(rule["phrase"])
    report = {"line": item.line, "lines": item.lines, "part": part, "aspect": aspect.id if aspect else None,
              "marker": item.marker, "title": item.heading, "concrete": bool(kinds), "evidence": kinds,
              "stock": stock}
    if part == "批评意见":
        report["pseudo"] = [rule_id for rule_id, pattern, unless in c.pseudo
                            if pattern.search(full) and not (unless and unless.search(full))]
    return report


def _stock_phrases(c: SimpleNamespace, lines: list[Line], title: Line | None, line_part: dict) -> list[dict]:
    found = []
    for line in lines:
        if not line.text or line is title:
            continue
        part = line_part.get(line.no)
        for rule, pattern in c.stock:
            if rule.get("parts") and part not in rule["parts"]:
                continue
            found += [{"line": line.no, "phrase": rule["phrase"], "text": m.group(0)}
                      for m in pattern.finditer(line.text) if m.group(0)]
    return found


def _share(lines: list[Line], title: Line | None, line_part: dict) -> dict:
    total = problems = causes = 0
    for line in lines:
        if not line.text or line is title:
            continue
        size = len(line.text)
        total += size
        part = line_part.get(line.no)
        problems += size if part == "问题" else 0
        causes += size if part == "原因" else 0
    share = None
    if total and (problems or causes):
        share = ((problems + causes) * 1000 + total // 2) // total / 1000
    return {"share_problems_causes": share, "chars": {"problems": problems, "causes": causes, "total": total}}
