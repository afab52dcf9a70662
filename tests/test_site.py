"""The built site against the data: every meeting's official aspects in order, every record
exactly once at its permalink, counts that match, the JSON API, and the entry points."""
from __future__ import annotations

import json
from collections import Counter

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from site_html import DATA, all_pages, meetings_raw, normal, page, raw, records_raw


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
    shown = {(c.attributes["data-meeting"], c.attributes["data-dimension"]):
             int(c.attributes["data-real"]) + int(c.attributes["data-authored"]) for c in cells}
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


# ---- real and authored apart; 相互批评意见; local additions; sources (issues 14, 17) ------------

REAL_KINDS = {"seed", "public", "report", "import"}  # authored: written by this project
LOCAL_TAG = "地方增加的方面"


def sources_raw() -> dict[str, dict]:
    return {s["id"]: s for s in raw(DATA / "sources.yaml")["sources"]}


def records_with_sources() -> list[dict]:
    """records_raw, each with its effective source (its own, else its file's) and kind."""
    sources = sources_raw()
    records = []
    for folder, kind in (("examples", "example"), ("cases", "case")):
        for path in sorted((DATA / folder).glob("*.yaml")):
            document = raw(path)
            for record in document[folder]:
                source = record.get("source", document["source"])
                records.append({**record, "type": kind, "source": source,
                                "real": sources[source]["kind"] in REAL_KINDS})
    return records


def criticisms() -> list[dict]:
    return [r for r in records_with_sources() if r["type"] == "example" and r["part"] == "批评意见"]


def dimensions_of(record: dict) -> list[str]:
    aspects = {(m["id"], a["id"]): a["dimensions"] for m in meetings_raw() for a in m["aspects"]}
    return record.get("dimensions") or aspects.get((record["meeting"], record.get("aspect")), [])


def between(html: HTMLParser, anchor: str, stop: tuple[str, ...] = ("h2",)) -> list:
    """The nodes after the element with this id, up to the next heading of a stop level."""
    node = html.css_first(f'[id="{anchor}"]')
    assert node is not None, f"no element with id {anchor!r}"
    nodes = []
    node = node.next
    while node is not None and node.tag not in stop:
        nodes.append(node)
        node = node.next
    return nodes


def hrefs_in(nodes: list) -> list[str]:
    return [a.attributes.get("href") or "" for node in nodes if node.tag != "-text" for a in node.css("a")]


def test_criticism_page_lists_every_criticism_once_real_before_authored(built_site):
    html = page(built_site, "examples/piping/index.html")
    shown = [n.attributes["id"].removeprefix("_p-") for n in html.css('[id^="_p-"]')]
    expected = criticisms()
    assert sorted(shown) == sorted(r["id"] for r in expected)
    assert len(shown) == len(set(shown))
    real = {r["id"] for r in expected if r["real"]}
    assert real and len(real) < len(expected), "the data has both real and authored 批评意见"
    kinds = [i in real for i in shown]
    assert kinds == sorted(kinds, reverse=True), "an authored 批评意见 comes before a real one"
    by_id = {r["id"]: r for r in expected}
    authored_start = html.css_first("#_authored")
    for node in html.css('[id^="_p-"]'):
        record = by_id[node.attributes["id"].removeprefix("_p-")]
        heading = normal(node.text())
        if record.get("giver"):
            assert f"{record['giver']} → {record['receiver']}" in heading, record["id"]
        meta = normal(node.next.next.text()) if node.next.tag == "-text" else normal(node.next.text())
        assert ("本库编写的示例" in meta) != record["real"], record["id"]
    # Every authored one sits under the 本库编写的示例 heading, which carries the warning.
    after = " ".join(n.text() for n in between(html, "_authored"))
    assert "不出自任何真实材料" in after
    for record in expected:
        if not record["real"]:
            assert normal(record["title"]) in normal(after), record["id"]
    assert authored_start is not None


def test_criticism_page_groups_by_meeting_and_first_dimension(built_site):
    html = page(built_site, "examples/piping/index.html")
    for record in criticisms():
        dimension = dimensions_of(record)[0] if dimensions_of(record) else "none"
        group = f"_{'r' if record['real'] else 'w'}-{record['meeting']}-{dimension}"
        ids = {d.attributes["id"] for n in between(html, group, ("h2", "h3")) if n.tag != "-text"
               for d in n.css("[id]")}
        assert f"_p-{record['id']}" in ids, (record["id"], group)


def test_criticism_page_names_good_criticism_and_the_pseudo_ones_with_their_source(built_site):
    html = page(built_site, "examples/piping/index.html")
    good = normal(" ".join(n.text() for n in between(html, "_good")))
    for part in ("一个人", "一件事", "一个后果"):
        assert part in good
    avoid_nodes = between(html, "_avoid")
    avoid = normal(" ".join(n.text() for n in avoid_nodes))
    for quoted in ("明贬暗褒", "隔靴搔痒", "不以表扬、希望代替批评", "“少数单位”“个别同志”",
                   "“希望”“建议”“共勉”", "中国组织人事报", "2014", "希望您多注意休息"):
        assert quoted in avoid, quoted
    assert any(h.endswith("about/sources/#facts") for h in hrefs_in(avoid_nodes))


def test_criticism_page_is_reached_from_nav_home_and_both_outlines(built_site):
    home = page(built_site, "index.html")
    assert "examples/piping/" in {a.attributes.get("href") for a in home.css("article a")}
    examples = page(built_site, "examples/index.html")  # the home page hides the navigation
    nav = [a for a in examples.css("nav.md-nav a") if normal(a.text()) == "相互批评意见"]
    assert nav, "相互批评意见 is not in the navigation"
    for path in ("outlines/piping-yijian/index.html", "outlines/huiyi-jilu/index.html"):
        hrefs = [a.attributes.get("href") or "" for a in page(built_site, path).css("article a")]
        assert any("examples/piping/" in h for h in hrefs), path


def test_minutes_outline_shows_the_seed_agenda_and_links_each_criticism(built_site):
    outline = raw(DATA / "outlines" / "huiyi-jilu.yaml")
    example = outline["example"]
    html = page(built_site, "outlines/huiyi-jilu/index.html")
    nodes = between(html, "_example")
    lists = [ol for node in nodes if node.tag != "-text" for ol in ([node] if node.tag == "ol" else node.css("ol"))]
    items = [li for li in lists[0].iter() if li.tag == "li"]
    assert len(items) == len(example["steps"])
    criticism_page = page(built_site, "examples/piping/index.html")
    seed = [r for r in criticisms() if r["source"] == example["source"]]
    linked = []
    for item, step in zip(items, example["steps"]):
        text = normal(item.text())
        assert step["speaker"] in text and normal(step["text"]) in text
        links = [a.attributes.get("href") or "" for a in item.css("a")]
        received = [r for r in seed if r["receiver"] == step["speaker"]] if step.get("criticised") else []
        assert len(links) == len(received), step
        for record in received:
            assert f"../../examples/piping/#_p-{record['id']}" in links, record["id"]
            assert f"{record['giver']} → {record['receiver']}" in text
            assert criticism_page.css_first(f'[id="_p-{record["id"]}"]') is not None
            linked.append(record["id"])
    assert seed and sorted(linked) == sorted(r["id"] for r in seed), "every 批评意见 of the seed once"
    guidance = normal(" ".join(n.text() for n in between(html, html.css_first("#_structure") and "_structure")))
    assert "对会议和每位成员发言的点评" not in guidance
    assert "不一定逐人点评" in guidance
    # The other meetings' pages point at the example rather than repeat it.
    for meeting in meetings_raw():
        other = page(built_site, f"outlines/huiyi-jilu/{meeting['id']}/index.html")
        shown = [n for n in between(other, "_example") if n.tag != "-text" and n.css("ol")]
        assert bool(shown) == (meeting["id"] == example["meeting"]), meeting["id"]


def test_meeting_page_shows_local_additions_apart_from_the_official_aspects(built_site):
    meetings = [m for m in meetings_raw() if m.get("local_additions")]
    assert meetings, "no meeting has local additions"
    records = records_with_sources()
    for meeting in meetings:
        html = page(built_site, f"meetings/{meeting['id']}/index.html")
        heading = html.css_first("#_local")
        assert heading is not None and normal(heading.text()).startswith("地方增加的方面（非中央统一要求）")
        section = between(html, "_local")
        text = normal(" ".join(n.text() for n in section))
        for addition in meeting["local_additions"]:
            assert normal(addition["text"]) in text
        links = hrefs_in(section)
        tagged = [r for r in records if r["meeting"] == meeting["id"] and LOCAL_TAG in r.get("tags", ())]
        assert tagged, "no record is tagged 地方增加的方面"
        for record in tagged:
            assert any(h.endswith(f"#{record['id']}") for h in links), record["id"]
        aspects = normal(" ".join(n.text() for n in between(html, "_aspects")))
        for addition in meeting["local_additions"]:
            assert normal(addition["text"]) not in aspects


def test_matrix_shows_real_and_authored_counts_apart(built_site):
    html = page(built_site, "aspects/index.html")
    expected: dict[tuple[str, str], Counter] = {}
    for record in records_with_sources():
        for dim in dimensions_of(record):
            expected.setdefault((record["meeting"], dim), Counter())["real" if record["real"] else "authored"] += 1
    assert any(c["authored"] for c in expected.values()) and any(c["real"] for c in expected.values())
    shown = {(c.attributes["data-meeting"], c.attributes["data-dimension"]): c for c in html.css(".msh-count")}
    for key, count in expected.items():
        cell = shown[key]
        assert (int(cell.attributes["data-real"]), int(cell.attributes["data-authored"])) == \
            (count["real"], count["authored"]), key
        wanted = f"{count['real']} + {count['authored']} 编写" if count["authored"] else str(count["real"])
        assert normal(cell.text()) == wanted, key


def test_home_counts_real_and_authored_apart(built_site):
    html = page(built_site, "index.html")
    records = records_with_sources()
    for kind, key in (("examples", "example"), ("cases", "case")):
        node = html.css_first(f'[data-kind="{kind}"]')
        mine = [r for r in records if r["type"] == key]
        real = sum(r["real"] for r in mine)
        assert (int(node.attributes["data-real"]), int(node.attributes["data-authored"])) == (real, len(mine) - real)
        assert f"{real}" in node.text()


@pytest.mark.parametrize("meeting", meetings_raw(), ids=lambda m: m["id"])
def test_aspect_page_without_real_examples_says_so(built_site, meeting):
    records = records_with_sources()
    for aspect in meeting["aspects"]:
        examples = [r for r in records if r["type"] == "example" and r["meeting"] == meeting["id"]
                    and r.get("aspect") == aspect["id"]]
        text = page(built_site, f"meetings/{meeting['id']}/{aspect['id']}/index.html").css_first("article").text()
        no_real = bool(examples) and not any(r["real"] for r in examples)
        assert ("本方面暂无真实材料中的示例；以下均为本库编写的示例" in text) == no_real, aspect["id"]
        assert ("本方面暂无示例" in text) == (not examples), aspect["id"]


def test_sources_page_tables_count_the_records_of_each_seed_and_public_material(built_site):
    html = page(built_site, "about/sources/index.html")
    sources = sources_raw()
    cited = Counter()
    for record in records_with_sources():
        for source in dict.fromkeys([record["source"], *record.get("also_sources", ())]):
            cited[source] += 1
    for anchor, kind in (("_seeds", "seed"), ("_public", "public")):
        tables = [n for n in between(html, anchor) if n.tag != "-text" and n.css_first("table")]
        rows = tables[0].css("tbody tr")
        expected = [s for s in sources.values() if s["kind"] == kind]
        assert len(rows) == len(expected) and expected
        for row, source in zip(rows, expected):
            text = normal(row.text())
            assert normal(source["title"]) in text
            assert row.css_first(".msh-count").text() == str(cited[source["id"]]), source["id"]
            if kind == "seed":
                assert source["id"] in text
            else:
                assert source["url"] in text and source["accessed"] in text


def test_every_record_of_a_real_material_links_to_its_source(built_site):
    published = {r["id"]: r["url"] for r in json.loads((built_site / "api" / "records.json").read_text("utf-8"))}
    pages_cache: dict[str, HTMLParser] = {}
    sources = sources_raw()
    checked = 0
    for record in records_with_sources():
        if sources[record["source"]]["kind"] not in ("seed", "public"):
            continue
        path, _, anchor = published[record["id"]].partition("#")
        file = path + "index.html" if path.endswith("/") else path
        html = pages_cache.setdefault(file, page(built_site, file))
        links = hrefs_in(between(html, anchor, ("h1", "h2", "h3")))
        assert any(h.endswith(f"about/sources/#{record['source']}") for h in links), record["id"]
        checked += 1
    assert checked > 100


def test_unknown_reference_in_an_outline_example_or_a_local_addition_is_a_data_error(data_copy):
    from hooks.check import load_library
    from hooks.data.errors import DataErrors
    outline = data_copy / "outlines" / "huiyi-jilu.yaml"
    outline.write_text(outline.read_text("utf-8").replace("  source: seed-003\n", "  source: no-such-seed\n"),
                       "utf-8")
    meeting = data_copy / "meetings" / "2021-dangshi.yaml"
    text = meeting.read_text("utf-8")
    meeting.write_text(text.replace("    tag: 其他方面\n    source: seed-003", "    tag: 其他方面\n    source: no-such-source"),
                       "utf-8")
    with pytest.raises(DataErrors) as failure:
        load_library(data_copy)
    messages = [str(e) for e in failure.value.errors]
    line = next(i for i, l in enumerate(outline.read_text("utf-8").splitlines(), 1) if "no-such-seed" in l)
    assert any(m.startswith(f"data/outlines/huiyi-jilu.yaml:{line}: example.source: expected a known source id")
               and "'no-such-seed'" in m for m in messages), messages
    assert any(m.startswith("data/meetings/2021-dangshi.yaml:") and "local_additions[1].source" in m
               and "'no-such-source'" in m for m in messages), messages
