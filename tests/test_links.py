"""Every link works and nothing is lost, in the HTTP build and the offline (file://) build.

- every internal href/src resolves to a file of the site, and every #anchor to an element id;
- no page, stylesheet or script loads a resource from outside the site;
- every record in data/ appears exactly once, at the permalink that api/records.json gives,
  with its whole text (tests/test_site.py checks ids and titles in the HTTP build; this adds
  the offline build and the full text).
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from site_html import normal, records_raw, section_text

BUILDS = ["built_site", "offline_site"]
# Attributes whose URL the browser loads by itself (not on a click).
RESOURCE_SELECTORS = ("script[src]", "img[src]", "iframe[src]", "frame[src]", "embed[src]", "object[data]",
                      "source[src]", "source[srcset]", "img[srcset]", "video[src]", "video[poster]", "audio[src]",
                      "track[src]", "input[src]", "link[href]")
EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.IGNORECASE)


@pytest.fixture(scope="module", params=BUILDS)
def site(request) -> Path:
    return Path(request.getfixturevalue(request.param))


@pytest.fixture(scope="module")
def pages(site) -> dict[str, HTMLParser]:
    return {p.relative_to(site).as_posix(): HTMLParser(p.read_text(encoding="utf-8"))
            for p in sorted(site.rglob("*.html"))}


@pytest.fixture(scope="module")
def ids(pages) -> dict[str, set[str]]:
    return {path: {n.attributes["id"] for n in html.css("[id]")} | {n.attributes["name"] for n in html.css("a[name]")}
            for path, html in pages.items()}


def target_file(site: Path, page_path: str, href: str) -> tuple[str, str]:
    """The site file (relative path) an internal href on page_path points at, and its fragment."""
    parts = urlsplit(urljoin("http://site.invalid/" + page_path, href))
    path = unquote(parts.path).lstrip("/")
    if path == "" or path.endswith("/") or (site / path).is_dir():
        path = path.rstrip("/") + "/index.html" if path else "index.html"
    return path.lstrip("/"), unquote(parts.fragment)


def internal_refs(html: HTMLParser) -> list[tuple[str, str]]:
    """(attribute, url) of every internal link and resource reference on a page."""
    refs = []
    for node in html.css("[href], [src]"):
        for attribute in ("href", "src"):
            value = node.attributes.get(attribute)
            if value is None or EXTERNAL.match(value):
                continue
            refs.append((f"<{node.tag} {attribute}>", value))
    return refs


def test_the_builds_have_pages(pages):
    assert len(pages) > 50 and "index.html" in pages


def test_no_link_uses_a_script_url(pages):
    bad = [(path, node.attributes.get("href")) for path, html in pages.items() for node in html.css("[href]")
           if re.match(r"\s*(javascript|vbscript|data):", node.attributes.get("href") or "", re.IGNORECASE)]
    assert bad == []


def test_every_internal_href_and_anchor_resolves(site, pages, ids):
    broken = []
    checked = 0
    for path, html in pages.items():
        for where, value in internal_refs(html):
            file, fragment = target_file(site, path, value)
            checked += 1
            if not (site / file).is_file():
                broken.append((path, where, value, f"no file {file}"))
            elif fragment and file.endswith(".html") and fragment not in ids.get(file, set()):
                broken.append((path, where, value, f"no id {fragment!r} in {file}"))
    assert checked > 1000, "the crawl found suspiciously few links"
    assert broken == [], "\n".join(map(str, broken[:40]))


def test_material_config_points_at_files_of_the_site(site, pages):
    """The search worker and the base URL live in Material's JSON config, not in an href."""
    for path in ("index.html", "meetings/index.html"):
        config = json.loads(pages[path].css_first("#__config").text())
        base = urljoin("http://site.invalid/" + path, config["base"] + "/")
        worker = urlsplit(urljoin(base, config["search"])).path.lstrip("/")
        assert (site / worker).is_file(), worker


def test_no_page_loads_anything_from_outside(site, pages):
    outside = []
    for path, html in pages.items():
        for selector in RESOURCE_SELECTORS:
            for node in html.css(selector):
                attribute = selector.split("[")[1].rstrip("]")
                value = node.attributes.get(attribute) or ""
                if selector == "link[href]" and not _loads(node):
                    continue
                if EXTERNAL.match(value) or any(EXTERNAL.match(u.split()[0]) for u in value.split(",") if u.strip()):
                    outside.append((path, node.html))
        for node in html.css("style"):
            outside += [(path, url) for url in _css_urls(node.text()) if EXTERNAL.match(url) and not url.startswith("data:")]
        for node in html.css("[style]"):
            outside += [(path, url) for url in _css_urls(node.attributes["style"] or "")
                        if EXTERNAL.match(url) and not url.startswith("data:")]
    assert outside == [], outside[:20]


def _loads(link) -> bool:
    """Whether a <link> makes the browser fetch its href (a stylesheet, icon, preload …)."""
    rel = (link.attributes.get("rel") or "").lower().split()
    return bool(set(rel) & {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest",
                            "apple-touch-icon", "preconnect", "dns-prefetch"})


def _css_urls(css: str) -> list[str]:
    return [a or b for a, b in CSS_URL.findall(css)]


# Material's bundle fetches these from unpkg.com only on a condition the site never meets.
MATERIAL_CONDITIONAL_LOADS = {
    "https://unpkg.com/resize-observer-polyfill": "only when the browser lacks ResizeObserver (all current ones have it)",
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js": "only for a page with a mermaid diagram (none here: tested)",
}


def test_no_stylesheet_or_script_file_loads_from_outside(site, pages):
    outside = []
    for path in site.rglob("*.css"):
        for url in _css_urls(path.read_text(encoding="utf-8", errors="replace")):
            if EXTERNAL.match(url) and not url.lower().startswith("data:"):
                outside.append((path.relative_to(site).as_posix(), url))
    for path in site.rglob("*.js"):
        text = path.read_text(encoding="utf-8", errors="replace")
        for url in re.findall(r"""["'`](?:https?:)?//(?:cdn|unpkg|fonts\.g|ajax\.g)[^"'`]*""", text):
            if url[1:] not in MATERIAL_CONDITIONAL_LOADS:
                outside.append((path.relative_to(site).as_posix(), url[1:]))
    assert outside == [], outside
    diagrams = [path for path, html in pages.items() if html.css_first(".mermaid")]
    assert diagrams == [], "a mermaid diagram makes Material load mermaid from unpkg.com"


# ---- nothing a maintainer wrote is lost ---------------------------------------------------

def test_each_record_once_at_its_permalink_with_its_whole_text(site, pages):
    published = json.loads((site / "api" / "records.json").read_text(encoding="utf-8"))
    by_id = Counter(r["id"] for r in published)
    anchors = Counter(i for html in pages.values() for i in (n.attributes["id"] for n in html.css("[id]")))
    urls = {r["id"]: r["url"] for r in published}
    source = records_raw()
    assert source, "no records in data/"
    assert sorted(by_id) == sorted(r["id"] for r in source) and set(by_id.values()) == {1}
    for record in source:
        assert anchors[record["id"]] == 1, record["id"]
        file, fragment = target_file(site, "index.html", urls[record["id"]])
        assert fragment == record["id"] and file in pages, urls[record["id"]]
        shown = section_text(pages[file], fragment)
        texts = [record["title"], *record.get("tags", ())]
        if record["type"] == "case":
            texts += [line for key in ("situation", "analysis", "lessons") for line in record[key].splitlines()]
        else:
            texts += [*record["text"].splitlines(), record.get("instance") or ""]
        for text in texts:
            assert normal(text) in shown, (record["id"], text)


def test_records_json_is_the_same_in_both_builds(built_site, offline_site):
    """The offline build differs in URLs only (use_directory_urls is off there)."""
    def without_urls(site: Path) -> list[dict]:
        records = json.loads((site / "api" / "records.json").read_text(encoding="utf-8"))
        return [{k: v for k, v in r.items() if k != "url"} for r in records]

    assert without_urls(built_site) == without_urls(offline_site)


# ---- api/records.js + records-text.js: the 检索 page's compact copy of records.json ---------

FIND_SCRIPT_PREFIX, FIND_SCRIPT_SUFFIX = "window.MSH_FIND=JSON.parse(", ");\n"
FIND_TEXT_SCRIPT_PREFIX = "window.MSH_FIND_TEXT=JSON.parse("
# What the page shows or searches, per record, in records.json's terms.
FIND_KEYS = ["id", "type", "url", "meeting", "meeting_title", "year", "aspect", "aspect_title",
             "dimensions", "level", "unit", "part", "title", "text", "tags", "draft"]


def parsed_script_value(site: Path, name: str, prefix: str) -> Any:
    """The value of `window.X=JSON.parse("…");\n`, a script holding one JSON string literal."""
    script = (site / "api" / name).read_text("utf-8")
    assert script.startswith(prefix) and script.endswith(FIND_SCRIPT_SUFFIX), name
    assert "<" not in script and not set(script) & {"\r", "\u2028", "\u2029"}, name
    return json.loads(json.loads(script[len(prefix):-len(FIND_SCRIPT_SUFFIX)]))


def records_from_find_script(site: Path) -> list[dict]:
    """Decode api/records.js and api/records-text.js back into records.json's shape, deriving what
    the page derives (titles and year from the meetings, url from the page path + id, text from
    the excerpt + the rest of the text), the way find.js does."""
    data = parsed_script_value(site, "records.js", FIND_SCRIPT_PREFIX)
    rests = parsed_script_value(site, "records-text.js", FIND_TEXT_SCRIPT_PREFIX)
    assert len(rests) == len(data["records"]), "records-text.js has one text per record"
    assert "text" not in data["fields"], "records.js leaves the long text to records-text.js"
    meetings = {m["id"]: m for m in data["meetings"]}
    records = []
    for row, rest in zip(data["records"], rests):
        assert len(row) == len(data["fields"]), row
        record = dict(zip(data["fields"], row))
        page = record.pop("page")
        excerpt = record.pop("excerpt")
        # The first results' excerpt: short, all of the text when the text is short, and `cut`
        # says which.
        assert len(excerpt) <= data["excerpt_chars"] and (not rest or len(excerpt) == data["excerpt_chars"]), record["id"]
        assert record.pop("cut") == (1 if rest else 0), record["id"]
        record["text"] = excerpt + rest
        record["url"] = f"{data['pages'][page]}#{record['id']}" if isinstance(page, int) else page
        meeting = meetings[record["meeting"]]
        aspects = {a["id"]: a["title"] for a in meeting["aspects"]}
        record.update(meeting_title=meeting["title"], year=meeting["year"],
                      aspect_title=aspects[record["aspect"]] if record["aspect"] else None,
                      draft=bool(record["draft"]))
        records.append(record)
    return records


def assert_records_js_carries_records_json(site: Path) -> None:
    """records.js + records-text.js hold every record, in order, with every field find.js needs
    equal to records.json's; they leave out only `instance` (inside `text`) and `source`."""
    published = json.loads((site / "api" / "records.json").read_text("utf-8"))
    decoded = records_from_find_script(site)
    assert [{k: r[k] for k in FIND_KEYS} for r in published] == [{k: r[k] for k in FIND_KEYS} for r in decoded]
    assert all(set(r) == set(FIND_KEYS) for r in decoded)
    for record in published:
        assert set(record) - set(FIND_KEYS) <= {"instance", "source"}, set(record) - set(FIND_KEYS)
        assert not record.get("instance") or record["instance"] in record["text"], record["id"]


def test_records_js_carries_what_the_find_page_needs(site):
    assert_records_js_carries_records_json(site)
