"""The 检索 page's first view, written into its HTML by the build.

Without it the page shows nothing until the browser has downloaded and parsed api/records.js and
run Material's bundle (620 ms at 10,000 records); with it the first results are painted with the
page. It is what assets/find.js renders for a URL without a keyword or condition and before the
full texts arrive: the form, every facet with its counts, the status line, the first PAGE_SIZE
results and the 再显示 button, node for node (tests/test_find_browser.py compares the two in
Chromium). find.js takes the page over once its data is in, keeping what was typed or picked.

It is built from find_data() (hooks/api.py), the same data find.js reads, so benchmarks and
tests that swap in generated data can rewrite the view from that data too.
"""
from __future__ import annotations

import re
from html import escape
from typing import Any
from urllib.parse import quote


# Mirrors of find.js's constants and labels.
PAGE_SIZE = 20
FACETS = [  # (URL key, legend, record field)
    ("meeting", "会议", "meeting"),
    ("aspect", "对照检查方面（所选会议）", "aspect"),
    ("dimension", "维度", "dimensions"),
    ("level", "层级", "level"),
    ("unit", "单位类型", "unit"),
    ("part", "材料部分", "part"),
    ("type", "类型", "type"),
]
ASPECT_HINT = "先选择一次会议，再按该会议的对照检查方面筛选。"
PLACEHOLDER = "如：形式主义 街道（多个词用空格分隔，须全部出现）"
DRAFT_TITLE = "草稿：内容尚待核对，引用前请核实"
# The first result's title is marked for the Element Timing API: the browser then reports when
# the first result was painted (benchmarks/find_bench.py reads it).
FIRST_RESULT_TIMING = "msh-first-result"

# The view sits between these comments in find.md, so it can be rewritten in a built page.
START, END = "<!-- msh-find:first-view -->", "<!-- /msh-find:first-view -->"
_REGION = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)


def replace_first_view(page_html: str, view_html: str) -> str:
    """page_html with the region between START and END replaced by view_html."""
    replaced, count = _REGION.subn(lambda _: START + view_html + END, page_html, count=1)
    if count != 1:
        raise ValueError(f"the 检索 page has no {START} … {END} region for its first view")
    return replaced


def _tag(name: str, attrs: dict[str, str | bool] | None = None, *children: str) -> str:
    """One element; attribute values and text children are escaped by the callers' helpers."""
    parts = [name]
    for key, value in (attrs or {}).items():
        if value is True:
            parts.append(key)
        elif value is not False and value is not None:
            parts.append(f'{key}="{escape(str(value))}"')
    opening = "<" + " ".join(parts) + ">"
    if name == "input":
        return opening
    return opening + "".join(children) + f"</{name}>"


def _text(value: object) -> str:
    return escape(str(value), quote=False)


def _option_id(key: str, value: str) -> str:
    """find.js: "msh-" + key + "-" + encodeURIComponent(value) with % as _, or "all"."""
    return f"msh-{key}-" + (quote(value, safe="-_.!~*'()").replace("%", "_") if value else "all")


def _option(key: str, value: str, label: str, count: int, *, checked: bool, disabled: bool) -> str:
    option_id = _option_id(key, value)
    return _tag("div", {"class": "msh-find__value"},
                _tag("input", {"type": "radio", "name": f"msh-{key}", "id": option_id, "value": value,
                               "checked": checked, "disabled": disabled}),
                _tag("label", {"for": option_id},
                     _tag("span", {"class": "msh-find__value-label"}, _text(label)),
                     _tag("span", {"class": "msh-find__value-count", "aria-label": f"{count} 条"},
                          str(count))))


def _counts(data: dict[str, Any]) -> tuple[dict[str, dict[str, int]], dict[str, int]]:
    """Per facet, the records with each value and with any value (find.js evaluate(), no state)."""
    at = {name: i for i, name in enumerate(data["fields"])}
    counts: dict[str, dict[str, int]] = {key: {} for key, _, _ in FACETS}
    totals = dict.fromkeys(counts, 0)
    for row in data["records"]:
        for key, _, field in FACETS:
            value = row[at[field]] if field in at else None
            totals[key] += 1
            values = value if isinstance(value, list) else [value] if value else []
            for one in values:
                counts[key][one] = counts[key].get(one, 0) + 1
    return counts, totals


def _facets(data: dict[str, Any]) -> str:
    counts, totals = _counts(data)
    fieldsets = []
    for key, legend, _ in FACETS:
        if key == "aspect":  # idle until a meeting is chosen
            body = _tag("p", {"class": "msh-find__hint"}, _text(ASPECT_HINT))
            css = "msh-find__facet msh-find__facet--idle"
        else:
            options = [_option(key, "", "全部", totals[key], checked=True, disabled=False)]
            for value, label in data["facets"][key]:
                n = counts[key].get(value, 0)
                options.append(_option(key, value, label, n, checked=False, disabled=n == 0))
            body = "".join(options)
            css = "msh-find__facet"
        fieldsets.append(_tag("fieldset", {"class": css, "data-facet": key},
                              _tag("legend", None, _text(legend)),
                              _tag("div", {"class": "msh-find__values"}, body)))
    return _tag("details", {"class": "msh-find__filters", "open": True},
                _tag("summary", None, "筛选条件"),
                _tag("div", {"class": "msh-find__facets"}, "".join(fieldsets)))


def _result(row: dict[str, Any], meetings: dict[str, dict[str, Any]], href: str, *, first: bool) -> str:
    meeting = meetings.get(row["meeting"])
    aspect_title = None
    if row["aspect"]:
        aspects = {a["id"]: a for a in (meeting or {}).get("aspects", [])}
        aspect_title = aspects[row["aspect"]]["title"] if row["aspect"] in aspects else row["aspect"]
    meta: list[str] = []
    for item in (meeting["title"] if meeting else row["meeting"], aspect_title, row["part"],
                 row["level"], row["unit"], "案例" if row["type"] == "case" else None):
        if item and item not in meta:
            meta.append(item)
    meta_html = _text(" · ".join(meta))
    css = "msh-find__result"
    if row["draft"]:
        css += " msh-find__result--draft"
        meta_html = _tag("span", {"class": "msh-find__draft", "title": DRAFT_TITLE}, "草稿") + " " + meta_html
    excerpt = row["excerpt"] + ("…" if row["cut"] else "")
    return _tag("li", {"class": css, "data-record-id": row["id"]},
                _tag("h2", {"class": "msh-find__title", "elementtiming": FIRST_RESULT_TIMING if first else None},
                     _tag("a", {"href": href}, _text(row["title"] or row["id"]))),
                _tag("p", {"class": "msh-find__meta"}, meta_html),
                _tag("p", {"class": "msh-find__excerpt"}, _text(excerpt)))


def first_view_html(data: dict[str, Any], page_url: str) -> str:
    """The view for the page at page_url (site-relative, as MkDocs gives it: find/ or find.html)."""
    fields = data["fields"]
    rows = [dict(zip(fields, row)) for row in data["records"]]
    total = len(rows)
    meetings = {m["id"]: m for m in data["meetings"]}
    items = []
    for n, row in enumerate(rows[:PAGE_SIZE]):
        where = row["page"]
        url = f"{data['pages'][where]}#{row['id']}" if isinstance(where, int) else str(where)
        items.append(_result(row, meetings, relative_url(url, page_url), first=n == 0))
    rest = total - min(PAGE_SIZE, total)
    status = f"共 {total} 条结果" if total else "没有符合条件的结果。可以减少关键词或放宽筛选条件。"
    form = _tag("form", {"class": "msh-find__form", "role": "search", "aria-label": "检索示例与案例"},
                _tag("div", {"class": "msh-find__query"},
                     _tag("label", {"for": "msh-find-q", "class": "msh-find__label"}, "关键词"),
                     _tag("input", {"id": "msh-find-q", "type": "search", "name": "q", "autocomplete": "off",
                                    "enterkeyhint": "search", "placeholder": PLACEHOLDER,
                                    "aria-describedby": "msh-find-count"}),
                     _tag("button", {"type": "button", "class": "msh-find__reset"}, "清除条件")))
    column = _tag("div", {"class": "msh-find__column"},
                  _tag("p", {"id": "msh-find-count", "class": "msh-find__count", "role": "status",
                             "aria-live": "polite", "data-count": str(total)}, _text(status)),
                  _tag("ol", {"id": "msh-find-results", "class": "msh-find__results", "aria-label": "检索结果"},
                       "".join(items)),
                  _tag("button", {"type": "button", "class": "msh-find__more", "hidden": rest <= 0},
                       f"再显示 {min(PAGE_SIZE, rest)} 条（还有 {rest} 条）" if rest > 0 else ""))
    return form + _tag("div", {"class": "msh-find__body"}, _facets(data) + column)



def relative_url(url: str, page_url: str) -> str:
    """url relative to the page at page_url, both site-relative, as MkDocs' get_relative_url
    computes it (a last segment with a dot is a file; '..' never climbs above the site)."""
    directory, _, name = page_url.rpartition("/")
    base = _parts(directory if "." in name else page_url)
    target = _parts(url)
    common = 0
    for a, b in zip(base, target):
        if a != b:
            break
        common += 1
    relative = "/".join([".."] * (len(base) - common) + target[common:]) or "."
    return relative + "/" if url.endswith("/") else relative


def _parts(path: str) -> list[str]:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part and part != ".":
            parts.append(part)
    return parts
