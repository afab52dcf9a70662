"""Render the Library into Markdown pages (virtual files: src path → Markdown text).

Pages group records (a meeting's aspect, a meeting's cases, a dimension); each record's full
text appears on exactly one canonical page, where its heading carries the record id as anchor.
The 相互批评意见 page repeats every 批评意见 in full (anchors `_p-<id>`), left out of search.
"""
from __future__ import annotations

import html
import json
import posixpath
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from hooks.site.markdown_text import MarkdownEscaper, url
from hooks.data.model import Aspect, Dimension, Library, Meeting, Outline, Record, Source
from hooks.site.outlines import instantiate, plain_text

TEMPLATES = Path(__file__).parent / "templates"
PART_ORDER = ("问题", "批评意见", "自我批评", "原因", "措施", "整改情况", "征求意见", "案例")
PART_SLUGS = {"问题": "wenti", "批评意见": "piping", "自我批评": "ziwo", "原因": "yuanyin", "措施": "cuoshi",
              "整改情况": "zhenggai", "征求意见": "zhengqiu", "案例": "anli"}
SOURCE_KINDS = {"seed": "种子材料（真实材料，已匿名化）", "report": "公开报道或通知",
                "public": "网上公开发布的材料（已匿名化、已改写）",
                "authored": "本项目编写的说明性示例", "import": "导入的材料（草稿）"}
# Records from these kinds of source come from real materials (import: a real material, not yet
# reviewed, shown as 草稿); the rest (authored) are ours and are labelled 本库编写 wherever shown.
REAL_KINDS = frozenset({"seed", "public", "report", "import"})
# The tag of records under a point a local notice added to the official aspects (no aspect).
LOCAL_TAG = "地方增加的方面"
CRITICISM_PAGE = "examples/piping.md"
# Parts with a page of their own, which outlines made of that part link to.
PART_PAGES = {"批评意见": CRITICISM_PAGE}
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
    dimension: Dimension | None = None
    title: str | None = None
    note: str | None = None
    source: str | None = None


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
            downloads_by_page=self.downloads, real=self.is_real, excluded_anchor=_excluded_anchor,
            criticism_page=CRITICISM_PAGE, part_pages=PART_PAGES, record_link=self._record_link,
            meeting_tag=meeting_tag)

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

    def _record_link(self, from_page: str, record: Record) -> Markup:
        """A 批评意见 links to its entry on the 相互批评意见 page, any other record to its permalink."""
        if record.part == "批评意见" and record.type == "example":
            return self._link(from_page, f"{CRITICISM_PAGE}#_p-{record.id}")
        return self._link(from_page, record)

    def is_real(self, record: Record) -> bool:
        """Whether the record comes from a real material (not written by this project)."""
        return self.library.sources[record.source].kind in REAL_KINDS

    def _real_and_authored(self, records: Iterable[Record]) -> dict[str, int]:
        real = authored = 0
        for record in records:
            if self.is_real(record):
                real += 1
            else:
                authored += 1
        return {"real": real, "authored": authored}

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
        yield CRITICISM_PAGE, self.criticism
        yield "about/sources.md", self.sources
        yield "tags.md", lambda: TAGS_PAGE

    def home(self) -> str:
        records = self.library.records
        latest = self.library.meetings[0] if self.library.meetings else None
        return self._render(
            "home.md.j2", "index.md", latest=latest,
            examples=self._real_and_authored(r for r in records if r.type == "example"),
            cases=self._real_and_authored(r for r in records if r.type == "case"),
            criticism=self._real_and_authored(r for r in records if r.part == "批评意见" and r.type == "example"))

    def meeting(self, meeting: Meeting) -> str:
        local = self.local_groups(meeting)
        shown_local = {r.id for g in local for r in g.records}
        groups = [Group([r for r in self.library.records_in(meeting, a) if r.id not in shown_local],
                        _aspect_anchor(a), aspect=a)
                  for a in [*meeting.aspects, None]]
        groups = [g for g in groups if g.aspect or g.records]
        counts = {a.id: self._real_and_authored(self.library.records_in(meeting, a)) for a in meeting.aspects}
        outlines = [o for o in self.library.outlines if o.applies_to(meeting)]
        return self._render("meeting.md.j2", meeting_page(meeting), meeting=meeting, groups=groups,
                            counts=counts, outlines=outlines, local=local)

    def local_groups(self, meeting: Meeting) -> list[Group]:
        """The meeting's local additions, each with the records tagged for it, and a last group
        of the records tagged 地方增加的方面 that name none of them."""
        tagged = [r for r in self.library.records_of_meeting(meeting) if LOCAL_TAG in r.tags]
        groups, taken = [], set()
        for index, addition in enumerate(meeting.local_additions, start=1):
            mine = [r for r in tagged if addition.tag and addition.tag in r.tags and r.id not in taken]
            taken.update(r.id for r in mine)
            groups.append(Group(mine, f"_local-{index}", title=addition.text, note=addition.note,
                                source=addition.source))
        rest = [r for r in tagged if r.id not in taken]
        if rest:
            groups.append(Group(rest, "_local-other", title="其他标为地方增加的条目"))
        return groups

    def aspect(self, meeting: Meeting, aspect: Aspect | None) -> str:
        slot = self.library.records_in(meeting, aspect)
        examples = [r for r in slot if r.type == "example"]
        cases = [r for r in slot if r.type == "case"]
        page = aspect_page(meeting, aspect)
        return self._render("aspect.md.j2", page, meeting=meeting, aspect=aspect,
                            groups=_by_part(examples), cases=cases,
                            counts=self._real_and_authored(examples),
                            local=any(LOCAL_TAG in r.tags for r in examples),
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
                    **self._real_and_authored(r for r in records if r.meeting is meeting)})
            rows.append({"dimension": dimension, "cells": cells, **self._real_and_authored(records)})
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
        example = outline.example
        return self._render("outline.md.j2", page, outline=outline, meeting=meeting,
                            meetings=[m for m in self.library.meetings if outline.applies_to(m)],
                            headings=headings, plain=plain_text(headings), slotted=_has_slot(headings),
                            downloads=self.downloads.get(page, []),
                            example_meeting=self.library.meeting(example.meeting) if example and example.meeting else None,
                            example_records=self._example_records(outline))

    def criticism(self) -> str:
        """Every 批评意见, real ones first, each group a meeting and the record's first dimension."""
        lib = self.library
        records = [r for r in lib.records if r.part == "批评意见" and r.type == "example"]
        real = [r for r in records if self.is_real(r)]
        authored = [r for r in records if not self.is_real(r)]
        real_groups = _by_meeting_and_dimension(real, lib, "_r")
        authored_groups = _by_meeting_and_dimension(authored, lib, "_w")
        # The overview: dimension × meeting, counts of the records filed by their first dimension.
        meetings = [m for m in lib.meetings if any(r.meeting is m for r in records)]
        cells: dict[tuple[str, str | None], dict] = {}
        for kind, groups in (("real", real_groups), ("authored", authored_groups)):
            for group in groups:
                cell = cells.setdefault((group.meeting.id, group.dimension.id if group.dimension else None),
                                        {"real": 0, "authored": 0, "anchor": group.anchor})
                cell[kind] = len(group.records)
        rows = [{"dimension": d, "cells": [cells.get((m.id, d.id if d else None)) for m in meetings]}
                for d in [*lib.dimensions.values(), None]
                if any((m.id, d.id if d else None) in cells for m in meetings)]
        return self._render("criticism.md.j2", CRITICISM_PAGE, real_groups=real_groups,
                            authored_groups=authored_groups, real_count=len(real),
                            authored_count=len(authored), meetings=meetings, rows=rows,
                            outline=next((o for o in lib.outlines if o.part == "批评意见"), None),
                            minutes=next((o for o in lib.outlines if o.example and any(
                                s.criticised for s in o.example.steps)), None),
                            pseudo_example=lib.by_id.get(PSEUDO_CRITICISM_EXAMPLE))

    def sources(self) -> str:
        """The 来源 page: tables of the seeds and the public materials, then every source."""
        citing: dict[str, Counter] = {s: Counter() for s in self.library.sources}
        for record in self.library.records:
            for source in dict.fromkeys((record.source, *record.also_sources)):
                citing[source][record.part] += 1
        counts = {s: {"total": sum(c.values()),
                      "parts": [(p, c[p]) for p in PART_ORDER if c[p]]} for s, c in citing.items()}
        sources = list(self.library.sources.values())
        return self._render("sources.md.j2", "about/sources.md", sources=sources, kinds=SOURCE_KINDS,
                            seeds=[s for s in sources if s.kind == "seed"],
                            public=[s for s in sources if s.kind == "public"],
                            counts=counts, summary=_summary)

    def _example_records(self, outline: Outline) -> list[list[Record]]:
        """Per step of the outline's example, the 批评意见 of its source that the speaker received
        (steps of the speaker's own turn), in the order of the data."""
        example = outline.example
        if example is None:
            return []
        received: dict[str, list[Record]] = {}
        for record in self.library.records:
            if record.source == example.source and record.part == "批评意见" and record.receiver:
                received.setdefault(record.receiver, []).append(record)
        return [received.get(step.speaker, []) if step.criticised else [] for step in example.steps]

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

# A real record that names a pseudo-criticism (希望您多注意休息) the 相互批评意见 page quotes.
PSEUDO_CRITICISM_EXAMPLE = "s000-q-05"


def _by_meeting_and_dimension(records: list[Record], library: Library, prefix: str) -> list[Group]:
    """Groups of one meeting and one dimension (a record's first), meetings newest first and
    dimensions in their file's order; each record in one group."""
    order = {d: i for i, d in enumerate(library.dimensions)}
    slots: dict[tuple[str, str | None], list[Record]] = {}
    for record in records:
        slots.setdefault((record.meeting.id, record.dimensions[0] if record.dimensions else None), []).append(record)
    rank = {m.id: i for i, m in enumerate(library.meetings)}
    keys = sorted(slots, key=lambda k: (rank[k[0]], order.get(k[1], len(order)) if k[1] else len(order)))
    return [Group(slots[k], f"{prefix}-{k[0]}-{k[1] or 'none'}", meeting=library.meeting(k[0]),
                  dimension=library.dimensions[k[1]] if k[1] else None) for k in keys]


def _summary(source: Source) -> str:
    """What a source is, in one clause: its description up to the first ；：or 。."""
    text = source.description or ""
    cut = min((i for i in (text.find(c) for c in "；：。") if i > 0), default=len(text))
    return text[:cut]


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


def _excluded_anchor(value: str) -> Markup:
    """A heading's attr_list id, with the heading left out of Material's search."""
    if not _ANCHOR.match(value):
        raise ValueError(f"not a valid anchor id: {value!r}")
    return Markup(f'{{ #{value} data-search-exclude="true" }}')


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

