"""Render the Library into Markdown pages (virtual files: src path → Markdown text).

Pages group records (a meeting's aspect, a meeting's cases, a dimension); each record's full
text appears on exactly one canonical page, where its heading carries the record id as anchor.
"""
from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from hooks.site.markdown_text import MarkdownEscaper, url
from hooks.data.model import Aspect, Dimension, Library, Meeting, Outline, Record
from hooks.site.outlines import instantiate, plain_text

TEMPLATES = Path(__file__).parent / "templates"
PART_ORDER = ("问题", "批评意见", "自我批评", "原因", "措施", "整改情况", "征求意见", "案例")
PART_SLUGS = {"问题": "wenti", "批评意见": "piping", "自我批评": "ziwo", "原因": "yuanyin", "措施": "cuoshi",
              "整改情况": "zhenggai", "征求意见": "zhengqiu", "案例": "anli"}
SOURCE_KINDS = {"seed": "种子材料（真实材料，已匿名化）", "report": "公开报道或通知",
                "public": "网上公开发布的材料（已匿名化、已改写）",
                "authored": "本项目编写的说明性示例", "import": "导入的材料（草稿）"}
_ANCHOR = re.compile(r"^_?[a-z0-9][a-z0-9-]*$")


# ---- where things live -------------------------------------------------------------------

def meeting_page(meeting: Meeting) -> str:
    return f"meetings/{meeting.id}/index.md"


def aspect_page(meeting: Meeting, aspect: Aspect | None) -> str:
    """The canonical page of a meeting's examples under one aspect (None: under no aspect)."""
    return f"meetings/{meeting.id}/{aspect.id if aspect else 'other'}.md"


def cases_page(meeting: Meeting) -> str:
    return f"cases/{meeting.id}.md"


def dimension_page(dimension: Dimension) -> str:
    return f"aspects/{dimension.id}.md"


def outline_page(outline: Outline, meeting: Meeting | None) -> str:
    return f"outlines/{outline.id}/{meeting.id if meeting else 'index'}.md"


def canonical_page(record: Record) -> str:
    return cases_page(record.meeting) if record.type == "case" else aspect_page(record.meeting, record.aspect)


def relative(from_page: str, target: str) -> str:
    """A link from one source page to another source path (MkDocs resolves and checks it)."""
    path, _, fragment = target.partition("#")
    rel = _relpath(path, posixpath.dirname(from_page) or ".")
    return rel + (f"#{fragment}" if fragment else "")


@lru_cache(maxsize=4096)  # thousands of record links share a few hundred (page, page) pairs
def _relpath(path: str, start: str) -> str:
    return posixpath.relpath(path, start)


TAGS_PAGE = "# 标签\n\n按会议年度、维度、层级和材料部分列出页面。\n\n<!-- material/tags -->\n"

# ---- the renderer ------------------------------------------------------------------------

@dataclass
class Group:
    records: list[Record]
    anchor: str
    aspect: Aspect | None = None
    meeting: Meeting | None = None
    part: str | None = None


class Renderer:
    """Jinja templates whose every {{ value }} is escaped for Markdown unless marked safe."""

    def __init__(self, library: Library, escaper: MarkdownEscaper | None = None,
                 downloads: dict[str, list[dict]] | None = None):
        self.library = library
        self.escaper = escaper or MarkdownEscaper()
        # Word templates per outline page, added by the docx step: page path → [{label, path}]
        self.downloads = downloads or {}
        self._escaped: dict[str, Markup] = {}
        self._links: dict[tuple[str, str], Markup] = {}
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES), undefined=jinja2.StrictUndefined,
            trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, autoescape=False,
            finalize=self._finalize)
        # `markdown` marks the output of our own macros, built from escaped values, as finished Markdown.
        self.env.filters.update(paragraphs=self.escaper.paragraphs, html=_html, slug=_slug, markdown=Markup)
        self.env.globals.update(
            link=self._link, anchor=_anchor, css_class=_css_class, meeting_page=meeting_page,
            aspect_page=aspect_page, outline_page=outline_page, cases_page=cases_page,
            find_link=self._find_link, dimensions=library.dimensions, sources=library.sources,
            downloads_by_page=self.downloads)

    def _finalize(self, value: object) -> object:
        if isinstance(value, Markup):
            return value
        # Parts, levels, units, titles of meetings, dimensions and sources repeat on every
        # record: each distinct value is escaped once (10,000 records: 200,000 calls, 0.4 s).
        text = str(value)
        escaped = self._escaped.get(text)
        if escaped is None:
            escaped = self._escaped[text] = self.escaper.inline(text)
        return escaped

    def _link(self, from_page: str, target: str | Record) -> Markup:
        if isinstance(target, Record):
            target = f"{canonical_page(target)}#{target.id}"
        link = self._links.get((from_page, target))
        if link is None:  # a page links the same dimension and source pages from every record
            link = self._links[from_page, target] = url(relative(from_page, target))
        return link

    def _find_link(self, from_page: str, **params: str) -> Markup:
        query = "&".join(f"{key}={quote(str(value), safe='')}" for key, value in params.items())
        return url(relative(from_page, "find.md") + "?" + query)

    def _render(self, template: str, page_path: str, **context: object) -> str:
        return self.env.get_template(template).render(page_path=page_path, **context)

    # -- pages --

    def pages(self) -> Iterable[tuple[str, str]]:
        """Every generated page as (source path, Markdown)."""
        return ((path, render()) for path, render in self.page_jobs())

    def page_jobs(self) -> Iterable[tuple[str, Callable[[], str]]]:
        """Every generated page as (source path, function that renders its Markdown): the paths
        are known before any page is rendered (hooks/page_stream.py renders them elsewhere)."""
        lib = self.library
        yield "index.md", self.home
        yield "meetings/index.md", partial(
            self._render, "meetings_index.md.j2", "meetings/index.md", meetings=lib.meetings,
            counts={m.id: len(lib.records_of_meeting(m)) for m in lib.meetings})
        for meeting in lib.meetings:
            yield meeting_page(meeting), partial(self.meeting, meeting)
            for aspect in meeting.aspects:
                yield aspect_page(meeting, aspect), partial(self.aspect, meeting, aspect)
            if any(r.type == "example" for r in lib.records_in(meeting, None)):
                yield aspect_page(meeting, None), partial(self.aspect, meeting, None)
            if any(r.type == "case" for r in lib.records_of_meeting(meeting)):
                yield cases_page(meeting), partial(self.cases, meeting)
        yield "cases/index.md", self.cases_index
        yield "aspects/index.md", self.matrix
        for dimension in lib.dimensions.values():
            yield dimension_page(dimension), partial(self.dimension, dimension)
        yield "outlines/index.md", partial(self._render, "outlines_index.md.j2", "outlines/index.md",
                                           outlines=lib.outlines, meetings=lib.meetings)
        for outline in lib.outlines:
            yield outline_page(outline, None), partial(self.outline, outline, None)
            for meeting in lib.meetings:
                if outline.applies_to(meeting):
                    yield outline_page(outline, meeting), partial(self.outline, outline, meeting)
        yield "examples/index.md", self.examples_index
        yield "about/sources.md", partial(
            self._render, "sources.md.j2", "about/sources.md", sources=list(lib.sources.values()), kinds=SOURCE_KINDS)
        yield "tags.md", lambda: TAGS_PAGE

    def home(self) -> str:
        examples = sum(r.type == "example" for r in self.library.records)
        latest = self.library.meetings[0] if self.library.meetings else None
        return self._render("home.md.j2", "index.md", example_count=examples,
                            case_count=len(self.library.records) - examples, latest=latest)

    def meeting(self, meeting: Meeting) -> str:
        groups = [Group(self.library.records_in(meeting, a), _aspect_anchor(a), aspect=a)
                  for a in [*meeting.aspects, None]]
        groups = [g for g in groups if g.aspect or g.records]
        counts = {a.id: len(self.library.records_in(meeting, a)) for a in meeting.aspects}
        outlines = [o for o in self.library.outlines if o.applies_to(meeting)]
        return self._render("meeting.md.j2", meeting_page(meeting), meeting=meeting, groups=groups,
                            counts=counts, outlines=outlines)

    def aspect(self, meeting: Meeting, aspect: Aspect | None) -> str:
        slot = self.library.records_in(meeting, aspect)
        examples = [r for r in slot if r.type == "example"]
        cases = [r for r in slot if r.type == "case"]
        page = aspect_page(meeting, aspect)
        return self._render("aspect.md.j2", page, meeting=meeting, aspect=aspect,
                            groups=_by_part(examples), cases=cases,
                            front_matter=_front_matter(meeting, examples, self.library))

    def cases(self, meeting: Meeting) -> str:
        cases = [r for r in self.library.records_of_meeting(meeting) if r.type == "case"]
        groups = []
        for aspect in [*meeting.aspects, None]:
            records = [r for r in cases if r.aspect is aspect]
            if records:
                groups.append(Group(records, _aspect_anchor(aspect), aspect=aspect))
        return self._render("cases.md.j2", cases_page(meeting), meeting=meeting, groups=groups,
                            front_matter=_front_matter(meeting, cases, self.library))

    def cases_index(self) -> str:
        groups = []
        for meeting in self.library.meetings:
            records = [r for r in self.library.records_of_meeting(meeting) if r.type == "case"]
            if records:
                groups.append(Group(records, f"_m-{meeting.id}", meeting=meeting))
        return self._render("cases_index.md.j2", "cases/index.md", groups=groups)

    def matrix(self) -> str:
        lib = self.library
        rows = []
        for dimension in lib.dimensions.values():
            records = lib.records_of_dimension(dimension)
            cells = []
            for meeting in lib.meetings:
                cells.append({
                    "meeting": meeting,
                    "aspects": [a for a in meeting.aspects if dimension.id in a.dimensions],
                    "count": sum(1 for r in records if r.meeting is meeting)})
            rows.append({"dimension": dimension, "cells": cells, "total": len(records)})
        return self._render("matrix.md.j2", "aspects/index.md", meetings=lib.meetings, rows=rows)

    def dimension(self, dimension: Dimension) -> str:
        lib = self.library
        records = lib.records_of_dimension(dimension)
        phrasings = [{"meeting": m, "aspect": a, "count": len(lib.records_in(m, a))}
                     for m in lib.meetings for a in m.aspects if dimension.id in a.dimensions]
        groups = []
        for meeting in lib.meetings:
            mine = [r for r in records if r.meeting is meeting]
            if mine:
                groups.append(Group(mine, f"_m-{meeting.id}", meeting=meeting))
        return self._render("dimension.md.j2", dimension_page(dimension), dimension=dimension,
                            phrasings=phrasings, groups=groups)

    def outline(self, outline: Outline, meeting: Meeting | None) -> str:
        headings = instantiate(outline, meeting)
        page = outline_page(outline, meeting)
        return self._render("outline.md.j2", page, outline=outline, meeting=meeting,
                            meetings=[m for m in self.library.meetings if outline.applies_to(m)],
                            headings=headings, plain=plain_text(headings), slotted=_has_slot(headings),
                            downloads=self.downloads.get(page, []))

    def examples_index(self) -> str:
        lib = self.library
        parts = [p for p in PART_ORDER if p != "案例" and any(r.part == p for r in lib.records)]
        rows = []
        for meeting in lib.meetings:
            examples = [r for r in lib.records_of_meeting(meeting) if r.type == "example"]
            cells = [{"part": p, "count": sum(r.part == p for r in examples)} for p in parts]
            rows.append({"meeting": meeting, "cells": cells, "total": len(examples),
                         "general": any(r.type == "example" for r in lib.records_in(meeting, None))})
        return self._render("examples_index.md.j2", "examples/index.md", parts=parts, rows=rows)


# ---- helpers -----------------------------------------------------------------------------

def _has_slot(headings: Iterable) -> bool:
    return any(h.slot or _has_slot(h.children) for h in headings)


def _by_part(records: list[Record]) -> list[Group]:
    return [Group([r for r in records if r.part == part], f"_{PART_SLUGS[part]}", part=part)
            for part in PART_ORDER if any(r.part == part for r in records)]


def _aspect_anchor(aspect: Aspect | None) -> str:
    return f"_a-{aspect.id}" if aspect else "_a-other"


def _anchor(value: str) -> Markup:
    """An attr_list id for a heading; ids are slugs, checked here rather than trusted."""
    if not _ANCHOR.match(value):
        raise ValueError(f"not a valid anchor id: {value!r}")
    return Markup(f"{{ #{value} }}")


def _css_class(name: str) -> Markup:
    """A class for the paragraph just written (attr_list wants it on the paragraph's last line)."""
    return Markup(f"\n{{: .{name} }}")


def _slug(value: str) -> Markup:
    if not _ANCHOR.match(value):
        raise ValueError(f"not a slug: {value!r}")
    return Markup(value)


def _html(value: str) -> Markup:
    return Markup(html.escape(value))


def meeting_tag(meeting: Meeting) -> str:
    """A short name of a meeting for tag lists: 2025年度, 2023年专题（第1批）."""
    if meeting.kind == "年度":
        return f"{meeting.year}年度"
    return f"{meeting.year}年专题" + (f"（第{meeting.batch}批）" if meeting.batch else "")


def _front_matter(meeting: Meeting, records: list[Record], library: Library) -> Markup:
    """Tags for Material's tags plugin: the meeting's year, dimensions, levels and parts.

    MkDocs renders tag names into HTML without escaping, so they are escaped here; JSON keeps
    the YAML front matter safe whatever the text.
    """
    tags: list[str] = [meeting_tag(meeting)]
    for record in records:
        for name in (*(library.dimensions[d].title for d in record.dimensions), record.level, record.part):
            if name not in tags:
                tags.append(name)
    return Markup("tags: " + _yaml_json(json.dumps([html.escape(t) for t in tags], ensure_ascii=True)))


_SURROGATE_PAIR = re.compile(r"\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})")


def _yaml_json(text: str) -> str:
    """ASCII JSON as a YAML flow value. JSON writes a character beyond U+FFFF as a UTF-16
    surrogate pair, which YAML reads as two lone surrogates (the page then lost its whole front
    matter); YAML's own escape for it is \\UXXXXXXXX."""
    def join(match: re.Match[str]) -> str:
        high, low = int(match[1], 16), int(match[2], 16)
        return f"\\U{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):08X}"
    return _SURROGATE_PAIR.sub(join, text)

