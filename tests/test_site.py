"""The built site against the data: every meeting's official aspects in order, every record
exactly once at its permalink, counts that match, the JSON API, and the entry points."""
from __future__ import annotations

import json
from collections import Counter

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from site_html import all_pages, meetings_raw, page, records_raw


@pytest.fixture(scope="module")
def pages(built_site) -> dict[str, HTMLParser]:
    return all_pages(built_site)


@pytest.mark.parametrize("meeting", meetings_raw(), ids=lambda m: m["id"])
def test_meeting_page_lists_official_aspects_in_order(built_site, meeting):
    html = page(built_site, f"meetings/{meeting['id']}/index.html")
    heading = html.css_first("#_aspects")
    assert heading is not None
    items = []
    node = heading.next
    while node is not None and node.tag != "h2":
        if node.tag == "ol":
            items = [li.text() for li in node.css("li")]
            break
        node = node.next
    assert len(items) == len(meeting["aspects"])
    for item, aspect in zip(items, meeting["aspects"]):
        assert item.startswith(aspect["title"]), (item, aspect["title"])
        assert ("待核实" in item) != aspect["confirmed"]


@pytest.mark.parametrize("meeting", meetings_raw(), ids=lambda m: m["id"])
def test_meeting_page_shows_every_theme_variant_and_its_status(built_site, meeting):
    text = page(built_site, f"meetings/{meeting['id']}/index.html").body.text()
    for theme in meeting["themes"]:
        assert theme["text"] in text
        assert theme["scope"] in text


def test_every_record_has_exactly_one_permalink_in_the_site(pages):
    ids = Counter()
    for html in pages.values():
        for node in html.css("[id]"):
            ids[node.attributes["id"]] += 1
    for record in records_raw():
        assert ids[record["id"]] == 1, record["id"]


def test_every_record_is_listed_on_its_meeting_page(pages):
    for record in records_raw():
        meeting_page = pages[f"meetings/{record['meeting']}/index.html"]
        hrefs = [a.attributes.get("href", "") for a in meeting_page.css("a")]
        assert any(h.endswith(f"#{record['id']}") for h in hrefs), record["id"]


def test_records_json_points_at_each_permalink(built_site, pages):
    records = json.loads((built_site / "api" / "records.json").read_text(encoding="utf-8"))
    expected = {r["id"]: r for r in records_raw()}
    assert sorted(r["id"] for r in records) == sorted(expected)
    for record in records:
        for key in ("id", "type", "url", "meeting", "year", "aspect", "dimensions", "level", "unit",
                    "part", "title", "text"):
            assert key in record
        source = expected[record["id"]]
        assert record["type"] == source["type"]
        assert record["meeting"] == source["meeting"] and record["title"] == source["title"]
        path, _, anchor = record["url"].partition("#")
        assert anchor == record["id"]
        target = pages[path + "index.html" if path.endswith("/") else path]
        node = target.css_first(f'[id="{anchor}"]')
        assert node is not None and record["title"] in node.text()


def test_meetings_json_holds_ordered_aspects(built_site):
    meetings = {m["id"]: m for m in json.loads((built_site / "api" / "meetings.json").read_text("utf-8"))}
    for meeting in meetings_raw():
        published = meetings[meeting["id"]]
        assert published["year"] == meeting["year"] and published["kind"] == meeting["kind"]
        assert [a["id"] for a in published["aspects"]] == [a["id"] for a in meeting["aspects"]]
        assert [a["confirmed"] for a in published["aspects"]] == [a["confirmed"] for a in meeting["aspects"]]


def test_matrix_counts_equal_the_data(built_site):
    html = page(built_site, "aspects/index.html")
    aspect_dims = {(m["id"], a["id"]): a["dimensions"] for m in meetings_raw() for a in m["aspects"]}
    expected = Counter()
    for record in records_raw():
        dims = record.get("dimensions") or aspect_dims.get((record["meeting"], record.get("aspect")), [])
        for dim in dims:
            expected[(record["meeting"], dim)] += 1
    cells = html.css(".msh-count")
    assert cells, "the matrix shows no counts"
    shown = {(c.attributes["data-meeting"], c.attributes["data-dimension"]): int(c.text()) for c in cells}
    for key, count in expected.items():
        assert shown.get(key) == count, key
    assert all(count == expected[key] for key, count in shown.items())


def test_home_reaches_every_section_in_one_click(built_site):
    hrefs = {a.attributes.get("href") for a in page(built_site, "index.html").css("article a")}
    for target in ("meetings/", "aspects/", "outlines/", "examples/", "cases/", "find/"):
        assert target in hrefs, target


def test_outline_for_a_meeting_slots_its_aspects_in_order(built_site):
    for meeting in meetings_raw():
        if not meeting["aspects"]:
            continue
        article = page(built_site, f"outlines/banzi/{meeting['id']}/index.html").css_first("article")
        headings = [h.text() for h in article.css("h3, h4, h5") if "方面" in h.text()]
        slotted = [h for h in headings if any(a["title"] in h for a in meeting["aspects"])]
        assert len(slotted) == len(meeting["aspects"]), meeting["id"]
        for heading, aspect in zip(slotted, meeting["aspects"]):
            assert aspect["title"] in heading, meeting["id"]


def test_outline_with_case_analysis_only_for_meetings_that_require_it(built_site):
    for meeting in meetings_raw():
        has = any(s["id"] == "case-analysis" for s in meeting.get("required_sections", []))
        assert (built_site / f"outlines/banzi-anli/{meeting['id']}/index.html").exists() == has


def test_no_page_loads_anything_from_outside(pages):
    for path, html in pages.items():
        for node in html.css("script[src], link[href], img[src], iframe[src]"):
            ref = node.attributes.get("src") or node.attributes.get("href") or ""
            if node.tag == "link" and node.attributes.get("rel") not in ("stylesheet", "preload", "icon", "modulepreload"):
                continue
            assert not ref.startswith(("http:", "https:", "//")), (path, ref)


def test_chinese_headings_get_readable_anchors(built_site):
    html = page(built_site, "outlines/banzi/2025-niandu/index.html")
    ids = [h.attributes.get("id", "") for h in html.css("article h3")]
    assert ids and all(i and not i.startswith("_") or i.startswith("_") and len(i) > 2 for i in ids)
    assert any(any("\u4e00" <= ch <= "\u9fff" for ch in i) for i in ids)
