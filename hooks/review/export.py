"""What 自查 needs, as one JSON-able value: the build writes it to api/review.js for the browser
(window.MSH_REVIEW) and `python -m hooks.review` reads the same value, so both apply the same
rules to the same meetings.

- text: the text rules of hooks/text (markers, headings, parts, types, punctuation, aspect frame)
- engine: the constants of hooks/review/engine.py (line breaks, title and part-heading rules)
- privacy: the personal-data rules (hooks.privacy.export), accepted: reviewed global exceptions
- rules: data/review_rules.yaml
- meetings: id, year, kind, title, themes, aspects (official order), required sections
- parts: for each document type and meeting, the parts the material must have, in order
- outline_types: the document type of each outline (links from an outline page preset it)
- official: the meetings' official wording (themes, aspects, parts), which copying is allowed
- copy_chars: the characters the copy check compares (letters and digits)
- header_field: a header line of minutes (时间：地点：…, the minutes outline's fields)
"""
from __future__ import annotations

import re
from typing import Any

from hooks.data.model import Library, Meeting, Outline
from hooks.privacy.checker import Exceptions
from hooks.privacy.export import export as privacy_rules
from hooks.review import engine
from hooks.review.engine import TYPES
from hooks.text.export import export as text_rules
from hooks.text.headings import part_of
from hooks.text.patterns import module_rules, pattern_json

# What the copy check compares: a copy with other punctuation or spacing is still a copy.
COPY_CHARS = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")


def review_data(library: Library, rules: dict[str, Any], exceptions: Exceptions | None = None,
                browser: bool = True) -> dict[str, Any]:
    """browser=False leaves out text and privacy: Python applies those rules from their modules."""
    data = {
        "accepted": sorted({e.match for e in (exceptions.entries if exceptions else []) if e.file is None}),
        "rules": rules,
        "types": list(TYPES),
        "meetings": [meeting_data(m) for m in library.meetings],
        "parts": {kind: {m.id: required_parts(library.outlines, kind, m) for m in library.meetings} for kind in TYPES},
        "outline_types": {o.id: kind for o in library.outlines for kind in TYPES if _of_type(o, kind)},
        "official": official_texts(library),
        "copy_chars": pattern_json(COPY_CHARS),
        "header_field": pattern_json(header_field(library.outlines)),
    }
    if browser:
        data = {"text": text_rules(), "privacy": privacy_rules(), "engine": module_rules(engine), **data}
    return data


def header_field(outlines: list[Outline]) -> re.Pattern[str]:
    """A header line of minutes: one of the fields their outline lists (时间：, 地点：…)."""
    fields = list(dict.fromkeys(f for o in outlines for s in o.sections for f in s.fields))
    return re.compile("^(" + "|".join(re.escape(f) for f in fields or ["时间"]) + r")[：:]")


def meeting_data(meeting: Meeting) -> dict[str, Any]:
    return {"id": meeting.id, "year": meeting.year, "kind": meeting.kind, "batch": meeting.batch,
            "title": meeting.title, "themes": [t.text for t in meeting.themes],
            "aspects": [{"id": a.id, "title": a.title, "short": a.short} for a in meeting.aspects],
            "required_sections": [{"id": s.id, "title": s.title} for s in meeting.required_sections]}


def outline_for(outlines: list[Outline], kind: str, meeting: Meeting) -> Outline | None:
    """The outline of a document type for a meeting: 班子对照检查材料（含典型案例剖析） when the
    meeting requires its section, else the plain one."""
    fitting = [o for o in outlines if _of_type(o, kind) and o.applies_to(meeting)]
    return max(fitting, key=lambda o: (o.requires is not None, -o.order), default=None)


def _of_type(outline: Outline, kind: str) -> bool:
    return outline.title == kind or outline.title.startswith(kind + "（")


def required_parts(outlines: list[Outline], kind: str, meeting: Meeting) -> list[dict[str, Any]]:
    """The numbered top-level sections of the type's outline for the meeting (and the header
    fields of minutes), in order, the meeting's required sections where the outline has their
    slot: the parts the site's outline page for that type and meeting lists."""
    outline = outline_for(outlines, kind, meeting)
    if outline is None:
        return []
    parts: list[dict[str, Any]] = []
    for section in outline.sections:
        if section.requires and not meeting.has_section(section.requires):
            continue
        if section.each == "required_section":
            parts += [_part((section.title_format or "{title}").replace("{title}", required.title))
                      for required in meeting.required_sections]
        elif section.each is None and (section.numbered or section.fields):
            parts.append(_part(section.title or "", list(section.fields)))
    return parts


def _part(name: str, fields: list[str] | None = None) -> dict[str, Any]:
    return {"name": name, "part": part_of(name), "fields": fields or []}


def official_texts(library: Library) -> list[str]:
    texts: list[str] = []
    for meeting in library.meetings:
        texts += [t.text for t in meeting.themes]
        texts += [a.title for a in meeting.aspects]
        texts += [s.title for s in meeting.required_sections]
        texts += [p for s in meeting.required_sections for p in s.parts]
    for outline in library.outlines:
        stack = list(outline.sections)
        while stack:
            section = stack.pop(0)
            if section.title:
                texts.append(section.title)
            stack += section.children
    return list(dict.fromkeys(texts))
