"""The site navigation, built from the data so a new year appears without editing mkdocs.yml.

MkDocs puts nav titles into HTML unescaped, so every title from data is HTML-escaped here.
"""
from __future__ import annotations

import html
from pathlib import Path

from hooks.data.model import Library
from hooks.site.pages import CRITICISM_PAGE, aspect_page, cases_page, dimension_page, meeting_page, outline_page


def build_nav(library: Library, docs_dir: Path) -> list:
    e = html.escape
    meetings = [{e(m.title): [meeting_page(m),
                              *({e(f"{a.position}. {a.short or a.label}"): aspect_page(m, a)} for a in m.aspects),
                              *([{"不分方面": aspect_page(m, None)}]
                                if any(r.type == "example" for r in library.records_in(m, None)) else [])]}
                for m in library.meetings]
    with_cases = [m for m in library.meetings if any(r.type == "case" for r in library.records_of_meeting(m))]
    about = ["about/index.md", {"来源": "about/sources.md"}]
    if (docs_dir / "about" / "performance.md").exists():
        about.append({"性能": "about/performance.md"})
    about.append({"标签": "tags.md"})
    return [
        {"首页": "index.md"},
        {"会议": ["meetings/index.md", *meetings]},
        {"方面": ["aspects/index.md", *({e(d.title): dimension_page(d)} for d in library.dimensions.values())]},
        {"提纲": ["outlines/index.md",
                  *({e(o.title): [outline_page(o, None),
                                  *({e(m.title): outline_page(o, m)} for m in library.meetings if o.applies_to(m))]}
                    for o in library.outlines)]},
        {"示例": ["examples/index.md", {"相互批评意见": CRITICISM_PAGE}]},
        {"案例": ["cases/index.md", *({e(m.title): cases_page(m)} for m in with_cases)]},
        {"检索": "find.md"},
        {"关于": about},
    ]
