"""The dataset as JSON for other tools and the 检索 page: api/records.json, api/meetings.json,
api/dimensions.json, and api/records.js + api/records-text.js (scripts, since file:// forbids fetch).

records.js and records-text.js are for assets/find.js only and are compact, because their download
and parse are most of the time to the page's first results. records.js holds everything but the
long text: each record is one array in FIND_FIELDS order, without what the page can derive
(meeting and aspect titles and year from the meetings, url from a shared page path plus the id) or
does not show (instance, already inside full_text; source), and with only the text's first
FIND_EXCERPT_CHARS characters (`excerpt`), enough for the first results. records-text.js, loaded
after the first results, holds the rest of each text in the same order (text = excerpt + rest),
which keyword search needs. The public records.json keeps every field."""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from hooks.data.model import Library, Meeting, Record


def record_json(record: Record, url: str) -> dict:
    return {
        "id": record.id, "type": record.type, "url": url, "meeting": record.meeting.id,
        "meeting_title": record.meeting.title, "year": record.meeting.year,
        "aspect": record.aspect.id if record.aspect else None,
        "aspect_title": record.aspect.label if record.aspect else None,
        "dimensions": list(record.dimensions), "level": record.level, "unit": record.unit,
        "part": record.part, "title": record.title, "text": record.full_text,
        "instance": record.instance, "tags": list(record.tags), "source": record.source,
        "draft": record.draft,
    }


def meeting_json(meeting: Meeting) -> dict:
    return {
        "id": meeting.id, "year": meeting.year, "kind": meeting.kind, "batch": meeting.batch,
        "title": meeting.title,
        "theme": meeting.themes[0].text if meeting.themes else None,
        "themes": [{"text": t.text, "scope": t.scope, "confirmed": t.confirmed, "source": t.source}
                   for t in meeting.themes],
        "aspect_count": meeting.aspect_count or len(meeting.aspects),
        "aspects": [{"id": a.id, "title": a.label, "short": a.short, "position": a.position,
                     "dimensions": list(a.dimensions), "confirmed": a.confirmed}
                    for a in meeting.aspects],
        "required_sections": [{"id": s.id, "title": s.title, "confirmed": s.confirmed}
                              for s in meeting.required_sections],
    }


def script_json(value: object) -> str:
    """JSON that is safe inside a <script>: no `</script>`, `<!--` or JS line terminators."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


# One record of records.js, in this order. `page` is an index into `pages` when the url is
# pages[page] + "#" + id, else the url itself; `excerpt` is the text's first FIND_EXCERPT_CHARS
# characters (the whole text when shorter); `cut` is 1 when the text is longer than the excerpt,
# else 0; `draft` is 1 or 0.
FIND_FIELDS = ["id", "type", "page", "meeting", "aspect", "dimensions", "level", "unit", "part",
               "title", "excerpt", "cut", "tags", "draft"]
FIND_EXCERPT_CHARS = 60

# The order of facet values on the 检索 page: the enums' order in data/schema/common.schema.yaml
# (tests/test_find_browser.py checks they agree), then any other value in the order records
# first have it. Cases are part 案例.
LEVEL_ORDER = ["班子", "个人"]
UNIT_ORDER = ["街道", "乡镇", "社区", "机关部门", "国有企业", "学校", "医院", "事业单位", "县区党委", "通用"]
PART_ORDER = ["问题", "原因", "措施", "批评意见", "整改情况", "征求意见", "自我批评", "案例"]
TYPE_LABELS = {"example": "示例", "case": "案例"}


def find_data(records: list[dict[str, Any]], meetings: list[dict[str, Any]],
              dimensions: list[dict[str, Any]]) -> dict[str, Any]:
    """What find.js needs first, from records.json-shaped records (see FIND_FIELDS)."""
    pages: dict[str, int] = {}
    rows = []
    for record in records:
        url = record["url"]
        page, _, fragment = url.partition("#")
        where: int | str = url
        if fragment == record["id"]:
            where = pages.setdefault(page, len(pages))
        text = record["text"]
        row = {**record, "page": where, "excerpt": text[:FIND_EXCERPT_CHARS],
               "cut": 1 if len(text) > FIND_EXCERPT_CHARS else 0, "draft": 1 if record.get("draft") else 0}
        rows.append([row[field] for field in FIND_FIELDS])
    find_meetings = [{"id": m["id"], "year": m["year"], "title": m["title"],
                      "aspects": [{"id": a["id"], "title": a["title"], "short": a.get("short")}
                                  for a in m.get("aspects", [])]}
                     for m in meetings]
    return {"fields": FIND_FIELDS, "excerpt_chars": FIND_EXCERPT_CHARS, "pages": list(pages),
            "meetings": find_meetings, "dimensions": dimensions,
            "facets": facet_options(records, meetings, dimensions), "records": rows}


def facet_options(records: list[dict[str, Any]], meetings: list[dict[str, Any]],
                  dimensions: list[dict[str, Any]]) -> dict[str, list[list[str]]]:
    """[value, label] pairs of each facet but aspect (which follows the chosen meeting), in display
    order, for the values some record has."""
    seen: dict[str, dict[str, None]] = {key: {} for key in ("meeting", "dimension", "level", "unit", "part", "type")}
    for record in records:
        for key in ("meeting", "level", "unit", "part", "type"):
            if record.get(key):
                seen[key][record[key]] = None
        for dimension in record["dimensions"]:
            seen["dimension"][dimension] = None

    def ordered(key: str, order: list[str], labels: dict[str, str] | None = None) -> list[list[str]]:
        values = [v for v in order if v in seen[key]] + [v for v in seen[key] if v not in order]
        return [[v, (labels or {}).get(v, v)] for v in values]

    # Meetings newest first, batches in order; one the records name but meetings.json lacks
    # is listed by its id.
    known = {m["id"]: m for m in meetings}
    listed = [m for m in meetings if m["id"] in seen["meeting"]]
    listed.sort(key=lambda m: (-(m.get("year") or 0), m.get("batch") or 0))
    meeting_options = []
    for m in listed:
        title = str(m.get("title") or m["id"])
        year = m.get("year")
        meeting_options.append([m["id"], f"{year} · {title}" if year and str(year) not in title else title])
    meeting_options += [[v, v] for v in seen["meeting"] if v not in known]
    titles = {d["id"]: d["title"] for d in dimensions}
    return {
        "meeting": meeting_options,
        "dimension": ordered("dimension", list(titles), titles),
        "level": ordered("level", LEVEL_ORDER),
        "unit": ordered("unit", UNIT_ORDER),
        "part": ordered("part", PART_ORDER),
        "type": ordered("type", ["example", "case"], TYPE_LABELS),
    }


def find_text_data(records: list[dict[str, Any]]) -> list[str]:
    """Each record's text after its excerpt, in records.js order."""
    return [record["text"][FIND_EXCERPT_CHARS:] for record in records]


def parsed_script(name: str, value: object) -> str:
    """`window.NAME=JSON.parse("…");` — V8 parses a JSON string faster than the same data as an
    object literal, and the string literal is escaped like script_json."""
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return f"window.{name}=JSON.parse({script_json(data)});\n"


def find_script(records: list[dict[str, Any]], meetings: list[dict[str, Any]],
                dimensions: list[dict[str, Any]]) -> str:
    """api/records.js: what the first results need (MSH_FIND)."""
    return parsed_script("MSH_FIND", find_data(records, meetings, dimensions))


def find_text_script(records: list[dict[str, Any]]) -> str:
    """api/records-text.js: the rest of every text (MSH_FIND_TEXT), for keyword search."""
    return parsed_script("MSH_FIND_TEXT", find_text_data(records))


@dataclass(frozen=True)
class ApiData:
    """records.json, meetings.json and dimensions.json as Python values."""

    records: list[dict[str, Any]]
    meetings: list[dict[str, Any]]
    dimensions: list[dict[str, Any]]

    @cached_property
    def find(self) -> dict[str, Any]:
        """What the 检索 page reads first (records.js), also the source of its first view."""
        return find_data(self.records, self.meetings, self.dimensions)


def api_data(library: Library, url_of: Callable[[Record], str]) -> ApiData:
    return ApiData(records=[record_json(r, url_of(r)) for r in library.records],
                   meetings=[meeting_json(m) for m in library.meetings],
                   dimensions=[{"id": d.id, "title": d.title} for d in library.dimensions.values()])


def write_api(api: ApiData, site_dir: Path) -> dict[str, int]:
    """Write the API files; return their sizes in bytes."""
    out = site_dir / "api"
    out.mkdir(parents=True, exist_ok=True)
    files = {
        "records.json": json.dumps(api.records, ensure_ascii=False, separators=(",", ":")),
        "meetings.json": json.dumps(api.meetings, ensure_ascii=False, indent=1),
        "dimensions.json": json.dumps(api.dimensions, ensure_ascii=False, indent=1),
        "records.js": parsed_script("MSH_FIND", api.find),
        "records-text.js": find_text_script(api.records),
    }
    sizes = {}
    for name, text in files.items():
        data = text.encode("utf-8")
        (out / name).write_bytes(data)
        sizes[name] = len(data)
    return sizes
