"""The 检索 page (docs/find.md + assets/find.js) in Debian's chromium.

Most tests swap the build's api/ data for a generated data set (benchmarks/find_bench.py) with a
few hand-written records, and compare what the page shows with the same filter computed here in
Python; the others run on the data the build really publishes.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

import pytest

from browser import serve_directory, watch_requests  # tests/ is on sys.path (rootdir conftest)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.find_bench import generate_dataset, write_api  # noqa: E402

FACET_KEYS = ["meeting", "aspect", "dimension", "level", "unit", "part", "type"]
HOSTILE_TITLE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'


# ---------------------------------------------------------------------------- data

def fixture_dataset() -> dict[str, list[dict[str, Any]]]:
    dataset = generate_dataset(160, seed=11)
    template = dataset["records"][0]
    specials = [
        dict(template, id="sp-hostile", title=HOSTILE_TITLE, text="标题里有尖括号的记录 & 符号", instance=None, tags=[]),
        dict(template, id="sp-compound", title="作风问题", text="坚决反对形式主义官僚主义，力戒文山会海。", instance=None, tags=[]),
        # text is Record.full_text: the instance is inside it (records.js carries no instance).
        dict(template, id="sp-instance", title="学习不深", text="学习不够系统。\n例如，某街道学习“两个确立”只读原文。",
             instance="例如，某街道学习“两个确立”只读原文。", tags=[]),
        dict(template, id="sp-tag", title="调研不实", text="调研走马观花。", instance=None, tags=["两个确立专题"], draft=True),
        dict(template, id="sp-latin", title="ABC 小写测试", text="Mixed Case Text", instance=None, tags=[]),
    ]
    dataset["records"] = specials + dataset["records"]
    return dataset


def record_matches(record: dict[str, Any], state: dict[str, str], skip: str | None = None) -> bool:
    """The page's rule, written again: every keyword a substring, every other facet equal."""
    haystack = "\n".join([record["title"], record["text"], record.get("instance") or "",
                          " ".join(record.get("tags") or [])]).lower()
    if not all(term in haystack for term in state.get("q", "").lower().split()):
        return False
    for key in FACET_KEYS:
        wanted = state.get(key)
        if not wanted or key == skip:
            continue
        if wanted not in facet_values(record, key):
            return False
    return True


def facet_values(record: dict[str, Any], key: str) -> list[str]:
    if key == "dimension":
        return list(record["dimensions"])
    value = record.get(key)
    return [value] if value else []


def rank(record: dict[str, Any], query: str) -> int:
    """The engine's rank (assets/search.js Query.score), written again: 1 plus, per keyword, the
    first field holding it (title 0, tags 1, text 2); 0 for the query equal to the title."""
    terms = query.lower().split()
    lower = any(t.upper() != t or t.lower() != t for t in terms)
    fields = [record["title"], " ".join(record.get("tags") or []), record["text"]]
    if lower:
        fields = [f.lower() for f in fields]
    total = 1
    for term in terms:
        total += next(n for n, field in enumerate(fields) if term in field)
    return 0 if total == 1 and fields[0].strip() == " ".join(terms) else total


def expected_ids(records: list[dict[str, Any]], state: dict[str, str]) -> list[str]:
    """The records the page lists: in the data's order, or best first for a keyword."""
    found = [r for r in records if record_matches(r, state)]
    if state.get("q", "").split():
        found.sort(key=lambda r: rank(r, state["q"]))  # stable: ties keep the data's order
    return [r["id"] for r in found]


@pytest.fixture(scope="session")
def dataset() -> dict[str, list[dict[str, Any]]]:
    return fixture_dataset()


@pytest.fixture(scope="session")
def fixture_site(http_build: Path, tmp_path_factory: Any, dataset: dict) -> Path:
    site = tmp_path_factory.mktemp("find-http") / "site"
    shutil.copytree(http_build, site)
    write_api(site, dataset)
    return site


@pytest.fixture(scope="session")
def fixture_offline_site(offline_build: Path, tmp_path_factory: Any, dataset: dict) -> Path:
    site = tmp_path_factory.mktemp("find-offline") / "site"
    shutil.copytree(offline_build, site)
    write_api(site, dataset, offline=True)
    return site


@pytest.fixture()
def served(fixture_site: Path):
    with serve_directory(fixture_site) as base_url:
        yield base_url


@pytest.fixture()
def context(chromium: Any, served: str):
    ctx = chromium.new_context(viewport={"width": 1280, "height": 900})
    log = watch_requests(ctx, served)
    yield ctx, served, log
    ctx.close()
    log.assert_nothing_left()


# ---------------------------------------------------------------------------- page helpers

def open_find(page: Any, url: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.wait_for_selector("#msh-find[data-state=live] #msh-find-count[data-count]")
    assert not errors, errors


def shown_ids(page: Any) -> list[str]:
    """Every result id, after pressing 再显示 until all are listed."""
    while page.locator(".msh-find__more:not([hidden])").count():
        before = page.locator("[data-record-id]").count()
        page.click(".msh-find__more")
        page.wait_for_function(f"document.querySelectorAll('[data-record-id]').length > {before}")
    return page.eval_on_selector_all("[data-record-id]", "els => els.map(e => e.dataset.recordId)")


def result_count(page: Any) -> int:
    return int(page.get_attribute("#msh-find-count", "data-count"))


def url_state(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def click_facet(page: Any, key: str, value: str) -> None:
    page.click(f"#msh-find [data-facet='{key}'] input[value='{value}'] + label")


def facet_options(page: Any, key: str) -> list[dict[str, Any]]:
    return page.eval_on_selector_all(
        f"#msh-find [data-facet='{key}'] input",
        """els => els.map(e => ({value: e.value, disabled: e.disabled, checked: e.checked,
            count: Number(e.nextElementSibling.querySelector('.msh-find__value-count').textContent)}))""",
    )


def assert_facet_counts(page: Any, records: list[dict[str, Any]], state: dict[str, str]) -> None:
    """Each value's number = results if it were picked with the other filters kept."""
    for key in FACET_KEYS:
        options = facet_options(page, key)
        if key == "aspect" and not state.get("meeting"):
            assert options == [], "aspects are offered only for a chosen meeting"
            continue
        assert options, f"facet {key} shows no values"
        for option in options:
            if option["value"] and option["value"] != state.get(key) and option["value"] not in {
                    v for r in records for v in facet_values(r, key)}:
                continue  # a value from the URL that the data does not have
            trial = dict(state, **{key: option["value"]})
            want = len(expected_ids(records, trial))
            assert option["count"] == want, (key, option, want)
            assert option["disabled"] == (want == 0 and option["value"] != state.get(key)), (key, option)


# ---------------------------------------------------------------------------- tests

def test_all_records_listed_without_filters(context, dataset):
    ctx, base, _ = context
    page = ctx.new_page()
    open_find(page, base + "find/")
    assert result_count(page) == len(dataset["records"])
    assert shown_ids(page) == [r["id"] for r in dataset["records"]]
    assert_facet_counts(page, dataset["records"], {})


@pytest.mark.parametrize("query", ["官僚主义", "两个确立", "形式主义 文山会海", "abc", "mixed case", "不存在的词语"])
def test_keyword_is_a_substring_of_any_field(context, dataset, query):
    ctx, base, _ = context
    page = ctx.new_page()
    open_find(page, base + "find/?q=" + quote(query))
    want = expected_ids(dataset["records"], {"q": query})
    assert shown_ids(page) == want
    assert result_count(page) == len(want)
    if query == "官僚主义":
        assert "sp-compound" in want  # inside 形式主义官僚主义
    if query == "两个确立":
        assert {"sp-instance", "sp-tag"} <= set(want)  # only in the instance / only in a tag
    if not want:
        assert "没有" in page.text_content("#msh-find-count")
    # Every result highlights each keyword at least once, as plain <mark> text.
    for record_id in want[:20]:
        marks = page.eval_on_selector_all(f"[data-record-id='{record_id}'] mark", "els => els.map(e => e.textContent.toLowerCase())")
        for term in query.lower().split():
            assert term in marks, (record_id, term, marks)


def test_typing_updates_results_and_url(context, dataset):
    ctx, base, _ = context
    page = ctx.new_page()
    open_find(page, base + "find/")
    page.get_by_label("关键词").press_sequentially("官僚主义")
    want = expected_ids(dataset["records"], {"q": "官僚主义"})
    page.wait_for_function(f"document.querySelector('#msh-find-count').dataset.count === '{len(want)}'")
    assert url_state(page.url) == {"q": "官僚主义"}
    assert shown_ids(page) == want
    page.go_back()  # one history entry for the whole word, back to the empty search
    page.wait_for_function(f"document.querySelector('#msh-find-count').dataset.count === '{len(dataset['records'])}'")
    assert url_state(page.url) == {}
    assert page.input_value("#msh-find-q") == ""


def test_first_results_before_the_texts_and_keyword_waits_for_them(context, dataset):
    """records-text.js held back: results and facets come from records.js alone; a keyword
    typed meanwhile shows 正在载入全文… and no results, then exactly the right ones."""
    ctx, base, _ = context
    held: list[Any] = []
    ctx.route("**/api/records-text.js", lambda route: held.append(route))
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base + "find/", wait_until="domcontentloaded")  # "load" waits for the held script
    page.wait_for_selector("#msh-find[data-state=live] #msh-find-count[data-count]")
    records = dataset["records"]
    assert result_count(page) == len(records)
    first = next(r for r in records[:20] if len(r["text"]) > 130)  # longer than any excerpt
    excerpt = page.text_content(f"[data-record-id='{first['id']}'] .msh-find__excerpt")
    assert excerpt.rstrip("…") == first["text"][:len(excerpt.rstrip("…"))] and len(excerpt) <= 61
    page.wait_for_function("document.getElementById('msh-find-text') !== null")
    assert held, "records-text.js is requested right after the first results"

    page.get_by_label("关键词").press_sequentially("官僚主义")
    page.wait_for_function("location.search.includes('q=')")
    assert "正在载入全文" in page.text_content("#msh-find-count")
    assert page.get_attribute("#msh-find-count", "data-count") is None
    assert page.locator("[data-record-id]").count() == 0

    for route in held:
        route.continue_()
    want = expected_ids(records, {"q": "官僚主义"})
    page.wait_for_function(f"document.querySelector('#msh-find-count').dataset.count === '{len(want)}'")
    assert shown_ids(page) == want
    by_id = {r["id"]: r for r in records}
    assert any("官僚主义" not in by_id[i]["title"] + by_id[i]["text"][:60] for i in want), \
        "some results match only beyond the excerpt"
    page.fill("#msh-find-q", "")
    page.wait_for_function(f"document.querySelector('#msh-find-count').dataset.count === '{len(records)}'")
    # With the texts in, the excerpt is the longer cut of the full text.
    assert len(page.text_content(f"[data-record-id='{first['id']}'] .msh-find__excerpt")) > len(excerpt)
    assert not errors, errors


# ---------------------------------------------------------------------------- first view

# The view under #msh-find as data: elements with their attributes (form state as properties,
# links resolved) and text, adjacent text nodes joined and blank ones dropped, so the parser's
# nodes and find.js's compare equal when they show the same thing.
SERIALISE_VIEW_JS = """
root => {
  const walk = node => {
    const attrs = {};
    for (const a of node.attributes) attrs[a.name] = a.value;
    for (const name of ["checked", "disabled", "open", "hidden", "value", "href"]) delete attrs[name];
    if (node.tagName === "A") attrs.href = node.href;
    if (node.tagName === "INPUT") Object.assign(attrs, {value: node.value, checked: node.checked, disabled: node.disabled});
    if (node.tagName === "DETAILS") attrs.open = node.open;
    if ("hidden" in node) attrs.hidden = node.hidden;
    const children = [];
    let text = null;
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) { text = (text || "") + child.data; continue; }
      if (text !== null && text.trim()) children.push(text);
      text = null;
      if (child.nodeType === Node.ELEMENT_NODE) children.push(walk(child));
    }
    if (text !== null && text.trim()) children.push(text);
    return [node.tagName, attrs, children];
  };
  return walk(root)[2];
}
"""


def first_view(ctx: Any, url: str) -> Any:
    """#msh-find as the build wrote it: find.js is never run."""
    ctx.route("**/assets/find.js", lambda route: route.abort())
    page = ctx.new_page()
    page.goto(url)
    view = page.eval_on_selector("#msh-find", SERIALISE_VIEW_JS)
    ctx.unroute("**/assets/find.js")
    page.close()
    return view


def live_view(ctx: Any, url: str) -> Any:
    """#msh-find once find.js has taken over, before the full texts (they are held back)."""
    ctx.route("**/api/records-text.js", lambda route: route.abort())
    page = ctx.new_page()
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector("#msh-find[data-state=live]")
    view = page.eval_on_selector("#msh-find", SERIALISE_VIEW_JS)
    ctx.unroute("**/api/records-text.js")
    page.close()
    return view


def test_first_view_is_what_the_script_shows(context, dataset):
    """The build's first view and find.js's first render agree node for node, so the page does
    not change when the script takes over (hooks/site/find_view.py writes the same HTML again)."""
    ctx, base, _ = context
    written = first_view(ctx, base + "find/")
    assert json.dumps(written).count("data-record-id") == 20
    assert written == live_view(ctx, base + "find/")


def test_first_view_of_the_published_data(chromium, http_build):
    with serve_directory(http_build) as base:
        ctx = chromium.new_context(viewport={"width": 1280, "height": 900})
        written = first_view(ctx, base + "find/")
        assert "msh-find__result" in json.dumps(written)
        assert written == live_view(ctx, base + "find/")
        ctx.close()


def test_first_view_shows_results_before_the_data(context, dataset):
    """records.js held back: the first results are on the page already, and what is typed and
    picked meanwhile is kept when the script takes over."""
    ctx, base, _ = context
    held: list[Any] = []
    ctx.route("**/api/records.js", lambda route: held.append(route))
    page = ctx.new_page()
    page.goto(base + "find/", wait_until="domcontentloaded")
    ids = page.eval_on_selector_all("#msh-find-results > li", "els => els.map(e => e.dataset.recordId)")
    assert ids == [r["id"] for r in dataset["records"][:20]]
    assert page.get_attribute("#msh-find", "data-state") is None
    page.click("#msh-find [data-facet='level'] input[value='班子'] + label")
    page.fill("#msh-find-q", "官僚")
    page.focus("#msh-find-q")
    page.wait_for_function("document.getElementById('msh-find-data') !== null")
    for route in held:
        route.continue_()
    page.wait_for_selector("#msh-find[data-state=live]")
    state = {"q": "官僚", "level": "班子"}
    want = expected_ids(dataset["records"], state)
    page.wait_for_function(f"document.querySelector('#msh-find-count').dataset.count === '{len(want)}'")
    assert page.evaluate("document.activeElement.id") == "msh-find-q"
    page.keyboard.type("主义")  # the caret stayed at the end of what was typed
    page.wait_for_function("new URLSearchParams(location.search).get('q') === '官僚主义'")
    state["q"] = "官僚主义"
    want = expected_ids(dataset["records"], state)
    page.wait_for_function(f"document.querySelector('#msh-find-count').dataset.count === '{len(want)}'")
    assert shown_ids(page) == want
    assert url_state(page.url) == state


def test_first_view_buttons_before_the_data(context, dataset):
    """On a slow machine the first view's buttons are pressed before the data is in: 清除条件
    clears what was picked, 再显示 is kept and shows the next 20 when the script takes over."""
    ctx, base, _ = context
    held: list[Any] = []
    ctx.route("**/api/records.js", lambda route: held.append(route))
    page = ctx.new_page()
    page.goto(base + "find/", wait_until="domcontentloaded")
    page.wait_for_function("document.getElementById('msh-find-data') !== null")  # find.js runs
    page.click("#msh-find [data-facet='level'] input[value='班子'] + label")
    page.fill("#msh-find-q", "官僚")
    page.click(".msh-find__reset")
    assert page.input_value("#msh-find-q") == ""
    assert page.is_checked("#msh-find [data-facet='level'] input[value='']")
    page.click(".msh-find__more")
    assert "正在加载" in page.text_content(".msh-find__more")
    for route in held:
        route.continue_()
    page.wait_for_selector("#msh-find[data-state=live]")
    ids = page.eval_on_selector_all("#msh-find-results > li", "els => els.map(e => e.dataset.recordId)")
    assert ids == [r["id"] for r in dataset["records"][:40]]
    assert url_state(page.url) == {}


def test_no_first_view_for_a_url_with_conditions(context, dataset):
    """A shared URL with a condition must not flash the unfiltered first view."""
    ctx, base, _ = context
    held: list[Any] = []
    ctx.route("**/api/records.js", lambda route: held.append(route))
    page = ctx.new_page()
    page.goto(base + "find/?level=" + quote("个人"), wait_until="domcontentloaded")
    assert page.locator("#msh-find-results > li").count() == 0
    page.wait_for_function("document.getElementById('msh-find-data') !== null")
    for route in held:
        route.continue_()
    page.wait_for_selector("#msh-find[data-state=live]")
    assert shown_ids(page) == expected_ids(dataset["records"], {"level": "个人"})


def test_missing_records_keep_the_first_view(context, dataset):
    """api/records.js cannot be read: the first view's results and links stay, and its status
    line says what failed; a URL with a condition says so in place of results."""
    ctx, base, log = context
    ctx.route("**/api/records.js", lambda route: route.abort())
    page = ctx.new_page()
    page.goto(base + "find/")
    page.wait_for_selector("#msh-find[data-state=failed]")
    assert "检索数据加载失败" in page.text_content("#msh-find-count")
    ids = page.eval_on_selector_all("#msh-find-results > li", "els => els.map(e => e.dataset.recordId)")
    assert ids == [r["id"] for r in dataset["records"][:20]]
    page.goto(base + "find/?level=" + quote("个人"))
    page.wait_for_function("document.getElementById('msh-find-count').textContent.includes('检索数据加载失败')")
    assert page.locator("#msh-find-results > li").count() == 0


def test_facet_order_follows_the_schema():
    """find_view/api keep their own copies of the schema's enum orders; they must agree."""
    import yaml

    from hooks.site.api import LEVEL_ORDER, PART_ORDER, UNIT_ORDER

    common = yaml.safe_load((Path(__file__).resolve().parent.parent / "data/schema/common.schema.yaml").read_text())
    defs = common["$defs"]
    assert LEVEL_ORDER == defs["level"]["enum"]
    assert UNIT_ORDER == defs["unit"]["enum"]
    assert PART_ORDER == defs["part"]["enum"] + ["案例"]


def test_facet_clicks_filter_count_and_disable(context, dataset):
    ctx, base, _ = context
    records = dataset["records"]
    page = ctx.new_page()
    open_find(page, base + "find/?q=" + quote("形式主义"))
    state = {"q": "形式主义"}
    for key in ["level", "meeting", "aspect", "part"]:
        # The value with most results that is not yet chosen, as a reader would pick.
        value = max((o for o in facet_options(page, key) if o["value"] and not o["disabled"]),
                    key=lambda o: o["count"])["value"]
        click_facet(page, key, value)
        state[key] = value
        page.wait_for_function(f"location.search.includes('{key}=')")
        assert url_state(page.url) == state
        want = expected_ids(records, state)
        assert shown_ids(page) == want
        assert_facet_counts(page, records, state)
        assert page.is_checked(f"#msh-find [data-facet='{key}'] input[value='{value}']")
    # Some value must be disabled by now, or the disabling is untested.
    disabled = [o for k in FACET_KEYS for o in facet_options(page, k) if o["disabled"]]
    assert disabled, "expected at least one value with no results to be disabled"
    # Changing the meeting forgets the aspect of the previous one.
    click_facet(page, "meeting", "")
    page.wait_for_function("!location.search.includes('meeting=')")
    assert "aspect" not in url_state(page.url)


def test_url_round_trip_and_back_button(context, dataset):
    ctx, base, _ = context
    records = dataset["records"]
    first = records[20]
    state = {"q": first["title"][:2], "meeting": first["meeting"], "level": first["level"],
             "unit": first["unit"], "type": first["type"]}
    page = ctx.new_page()
    open_find(page, base + "find/?" + "&".join(f"{k}={quote(v)}" for k, v in state.items()))
    assert page.input_value("#msh-find-q") == state["q"]
    for key in ("meeting", "level", "unit", "type"):
        assert page.is_checked(f"#msh-find [data-facet='{key}'] input[value='{state[key]}']")
    want = expected_ids(records, state)
    assert first["id"] in want and shown_ids(page) == want
    assert url_state(page.url) == state

    click_facet(page, "level", "")
    page.wait_for_function("!location.search.includes('level=')")
    wider = {k: v for k, v in state.items() if k != "level"}
    assert shown_ids(page) == expected_ids(records, wider)

    page.go_back()
    page.wait_for_function("location.search.includes('level=')")
    assert page.is_checked(f"#msh-find [data-facet='level'] input[value='{state['level']}']")
    assert shown_ids(page) == want
    page.go_forward()
    page.wait_for_function("!location.search.includes('level=')")
    assert shown_ids(page) == expected_ids(records, wider)

    # The same URL opened fresh gives the same results: a search can be shared.
    other = ctx.new_page()
    open_find(other, page.url)
    assert shown_ids(other) == expected_ids(records, wider)


def test_results_show_meeting_aspect_part_and_link_to_permalink(context, dataset):
    ctx, base, _ = context
    page = ctx.new_page()
    open_find(page, base + "find/")
    for record in dataset["records"][5:15]:
        item = page.locator(f"[data-record-id='{record['id']}']")
        meta = item.locator(".msh-find__meta").text_content()
        assert record["meeting_title"] in meta and record["part"] in meta
        if record["aspect_title"]:
            assert record["aspect_title"] in meta
        assert item.locator("a").get_attribute("href") == base + record["url"]
        assert item.locator(".msh-find__title").text_content() == record["title"]


def test_drafts_are_marked_and_aspect_chips_use_short_labels(context, dataset):
    ctx, base, _ = context
    page = ctx.new_page()
    open_find(page, base + "find/")
    first = dataset["records"][:20]
    assert any(r["draft"] for r in first) and not all(r["draft"] for r in first), "fixture needs both kinds"
    for record in first:
        badge = page.locator(f"[data-record-id='{record['id']}'] .msh-find__draft")
        assert badge.count() == (1 if record["draft"] else 0), record["id"]
        if record["draft"]:
            assert badge.text_content() == "草稿"
    meeting = next(m for m in dataset["meetings"] if any(a["short"] for a in m["aspects"]))
    click_facet(page, "meeting", meeting["id"])
    page.wait_for_function("location.search.includes('meeting=')")
    for aspect in meeting["aspects"]:
        label = page.locator(f"#msh-find [data-facet='aspect'] input[value='{aspect['id']}'] + label")
        assert label.locator(".msh-find__value-label").text_content() == (aspect["short"] or aspect["title"])
        assert label.get_attribute("title") == (aspect["title"] if aspect["short"] else None)


def test_record_text_is_never_markup(context):
    ctx, base, _ = context
    page = ctx.new_page()
    open_find(page, base + "find/?q=" + quote("<script>"))
    item = page.locator("[data-record-id='sp-hostile']")
    assert item.locator(".msh-find__title").text_content() == HOSTILE_TITLE
    assert item.locator("script, img").count() == 0
    assert page.evaluate("window.__pwned") is None
    open_find(page, base + "find/?q=" + quote("& 符号"))
    assert "& 符号" in page.locator("[data-record-id='sp-hostile'] .msh-find__excerpt").text_content()


def test_pages_with_the_keyword_come_first_without_conditions(context, http_build):
    """With a keyword and no condition the site's pages holding it are listed above the records,
    in the engine's rank order (the header box's order); a condition is about records: then no
    pages."""
    from test_search_browser import page_fields, score, site_pages

    ctx, base, _ = context
    page = ctx.new_page()
    open_find(page, base + "find/?q=" + quote("官僚主义"))
    ranked = sorted((score(page_fields(p), "官僚主义"), n, p["url"]) for n, p in enumerate(site_pages(http_build)))
    want = [url for s, _, url in ranked if s >= 0]
    assert len(want) > 3, "the real pages should hold 官僚主义 more than three times"
    assert page.text_content(".msh-find__pages-title") == f"页面（{len(want)} 个）"
    assert f"另有 {len(want)} 个页面" in page.text_content("#msh-find-count")

    def listed() -> list[str]:
        hrefs = page.eval_on_selector_all(".msh-find__page a", "els => els.map(e => e.href)")
        return [unquote(h[len(base):]).split("#")[0] for h in hrefs]

    assert listed() == want[:3]
    page.click(".msh-find__pages-more")
    assert listed() == want
    marks = page.eval_on_selector_all(".msh-find__page mark", "els => els.map(e => e.textContent)")
    assert marks and set(marks) == {"官僚主义"}
    click_facet(page, "level", "班子")
    page.wait_for_function("location.search.includes('level=')")
    assert page.locator(".msh-find__pages").count() == 0


def test_an_aspect_without_a_meeting_is_shown_and_can_be_cleared(context, dataset):
    """?aspect= without a meeting filters in every meeting with that aspect: the aspect facet
    shows it chosen (with its count), so that it can be cleared."""
    ctx, base, _ = context
    records = dataset["records"]
    aspect = "dandang-zuowei"  # an aspect of two meetings in the generated data
    assert len({r["meeting"] for r in records if r["aspect"] == aspect}) > 1
    page = ctx.new_page()
    open_find(page, base + "find/?aspect=" + aspect)
    want = expected_ids(records, {"aspect": aspect})
    assert want and shown_ids(page) == want
    options = facet_options(page, "aspect")
    assert [(o["value"], o["checked"]) for o in options] == [("", False), (aspect, True)]
    assert options[1]["count"] == len(want) and options[0]["count"] == len(records)
    assert "（2 次会议）" in page.text_content(f"#msh-find [data-facet='aspect'] input[value='{aspect}'] + label")
    assert page.text_content(".msh-find__filters > summary") == "筛选条件（已选 1 项）"
    click_facet(page, "aspect", "")
    page.wait_for_function("!location.search.includes('aspect=')")
    assert result_count(page) == len(records)
    assert facet_options(page, "aspect") == []  # idle again: pick a meeting first


def test_script_acts_only_on_the_find_page(chromium, http_build):
    """Elsewhere find.js does nothing (the header box loads the same data for itself)."""
    with serve_directory(http_build) as base:
        ctx = chromium.new_context()
        log = watch_requests(ctx, base)
        page = ctx.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(base)
        page.wait_for_selector("[data-msh-search][data-state=ready]")
        assert any(url.endswith("assets/find.js") for url in log.urls), "find.js is not loaded on pages"
        assert page.locator("#msh-find").count() == 0 and not errors
        assert page.evaluate("document.querySelector('[data-find-started]')") is None
        ctx.close()
        log.assert_nothing_left()


def test_published_data_is_searchable(chromium, http_build):
    """The build's real records.js: everything listed, every link resolves to its anchor."""
    records = json.loads((http_build / "api" / "records.json").read_text(encoding="utf-8"))
    assert records, "the build published no records"
    with serve_directory(http_build) as base:
        ctx = chromium.new_context()
        log = watch_requests(ctx, base)
        page = ctx.new_page()
        open_find(page, base + "find/")
        assert result_count(page) == len(records)
        assert shown_ids(page) == [r["id"] for r in records]
        record = records[len(records) // 2]
        page.click(f"[data-record-id='{record['id']}'] a")
        page.wait_for_load_state("load")
        assert page.url == base + record["url"]
        assert page.locator(f"[id='{record['url'].split('#', 1)[1]}']").count() == 1
        ctx.close()
        log.assert_nothing_left()


def test_phone_width_and_screenshots(chromium, served, tmp_path_factory):
    shots = tmp_path_factory.mktemp("screenshots")
    for name, viewport in [("desktop", {"width": 1280, "height": 900}), ("phone", {"width": 360, "height": 780})]:
        ctx = chromium.new_context(viewport=viewport)
        page = ctx.new_page()
        open_find(page, served + "find/?q=" + quote("形式主义") + "&level=" + quote("班子"))
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], name
        page.keyboard.press("Tab")
        page.screenshot(path=str(shots / f"find-{name}.png"))
        if name == "phone":  # filters folded so results come first; they open on demand
            assert not page.evaluate("document.querySelector('.msh-find__filters').open")
            page.click(".msh-find__filters > summary")
            assert page.is_visible("#msh-find [data-facet='level']")
        ctx.close()


def test_offline_first_view_from_disk(chromium, offline_build):
    """The offline build's find.html opened from disk, even with scripts off: the first results
    are there and each link opens the record's page, which has the record's anchor."""
    records = json.loads((offline_build / "api" / "records.json").read_text(encoding="utf-8"))
    ctx = chromium.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(offline_build.as_uri() + "/find.html")
    items = page.eval_on_selector_all(
        "#msh-find-results > li", "els => els.map(e => [e.dataset.recordId, e.querySelector('a').href])")
    assert [record_id for record_id, _ in items] == [r["id"] for r in records[:20]]
    for record_id, href in items:
        target, _, anchor = href.partition("#")
        assert anchor == record_id and target.startswith("file://") and target.endswith(".html"), href
        html = Path(unquote(urlsplit(target).path)).read_text(encoding="utf-8")
        assert f'id="{record_id}"' in html, href
    ctx.close()


def test_offline_build_from_disk(chromium, fixture_offline_site, dataset):
    base = fixture_offline_site.as_uri() + "/"
    ctx = chromium.new_context()
    log = watch_requests(ctx, base)
    page = ctx.new_page()
    open_find(page, base + "find.html?q=" + quote("官僚主义"))
    want = expected_ids(dataset["records"], {"q": "官僚主义"})
    assert shown_ids(page) == want
    click_facet(page, "level", "个人")
    page.wait_for_function("location.search.includes('level=')")
    assert shown_ids(page) == expected_ids(dataset["records"], {"q": "官僚主义", "level": "个人"})
    page.go_back()
    page.wait_for_function("!location.search.includes('level=')")
    assert shown_ids(page) == want
    href = page.locator("[data-record-id] a").first.get_attribute("href")
    assert href.startswith(base) and ".html#" in href
    ctx.close()
    log.assert_nothing_left()
