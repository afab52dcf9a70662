"""The site's one search: the header box on every page (overrides/partials/header.html,
assets/search-box.js) over the engine and data of 检索 (assets/search.js, api/records*.js and
api/pages.js from hooks/site/search_pages.py), over http and from disk, in Debian's chromium.

What the box lists is checked against the rule written again here in Python: a result holds
every keyword (case ignored) in one of its fields; rank = 1 + per keyword the first field that
holds it (title 0, tags or headings 1, text 2), 0 for a query equal to the title; ties: pages
before records, then the order of the data. The pages' texts for "nothing is lost" are taken from
the built HTML with selectolax, not from api/pages.js.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from browser import IN_CI, serve_directory, watch_requests  # tests/ is on sys.path (rootdir conftest)

REPO = Path(__file__).resolve().parent.parent
AXE = REPO / ".cache" / "node_modules" / "axe-core" / "axe.min.js"
SHOWN = 8  # results under the box (search-box.js SHOWN)
PAGES_PREFIX, SCRIPT_SUFFIX = "window.MSH_PAGES=JSON.parse(", ");\n"


# ---------------------------------------------------------------------------- the data

def site_pages(site: Path) -> list[dict[str, Any]]:
    script = (site / "api" / "pages.js").read_text("utf-8")
    assert script.startswith(PAGES_PREFIX) and script.endswith(SCRIPT_SUFFIX)
    # Safe inside a <script>: no tag can end it, no line terminator JS would choke on.
    assert "<" not in script and not set(script) & {"\r", "\u2028", "\u2029"}
    return json.loads(json.loads(script[len(PAGES_PREFIX):-len(SCRIPT_SUFFIX)]))["pages"]


def site_records(site: Path) -> list[dict[str, Any]]:
    return json.loads((site / "api" / "records.json").read_text("utf-8"))


def record_fields(record: dict[str, Any]) -> list[str]:
    return [record["title"], " ".join(record["tags"]), record["text"]]


def page_fields(page: dict[str, Any]) -> list[str]:
    return [page["title"], "\n".join(s[1] for s in page["sections"]), "\n".join(s[2] for s in page["sections"])]


def score(fields: list[str], query: str) -> int:
    terms = query.lower().split()
    if any(t.upper() != t or t.lower() != t for t in terms):
        fields = [f.lower() for f in fields]
    total = 1
    for term in terms:
        where = next((n for n, field in enumerate(fields) if term in field), None)
        if where is None:
            return -1
        total += where
    return 0 if total == 1 and fields[0].strip() == " ".join(terms) else total


def expected(site: Path, query: str) -> list[tuple[str, str]]:
    """(kind, site-relative url) of every result, best first, as the box ranks them."""
    hits = []
    for n, page in enumerate(site_pages(site)):
        s = score(page_fields(page), query)
        if s >= 0:
            hits.append((s, 0, n, ("page", page["url"])))
    for n, record in enumerate(site_records(site)):
        s = score(record_fields(record), query)
        if s >= 0:
            hits.append((s, 1, n, ("record", record["url"])))
    return [hit[3] for hit in sorted(hits)]


# ---------------------------------------------------------------------------- the browser

def open_page(ctx: Any, url: str) -> Any:
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.wait_for_selector("[data-msh-search][data-state=ready]")
    assert not errors, errors
    return page


def shown(page: Any, base: str) -> list[tuple[str, str]]:
    """(kind, site-relative url without the page's section anchor) of each option shown."""
    options = page.eval_on_selector_all(
        "#msh-search-list [role=option]", "els => els.map(e => [e.dataset.kind, e.dataset.href])")
    out = []
    for kind, href in options:
        assert href.startswith(base), href
        url = unquote(href[len(base):])
        out.append((kind, url if kind == "record" else url.split("#")[0]))
    return out


def search_all(page: Any, queries: list[str], base: str) -> list[list[tuple[str, str]]]:
    """Each query put into the box as typing does (an input event), the options it shows."""
    found = page.evaluate("""queries => queries.map(q => {
        const box = document.getElementById("msh-search-q");
        box.value = q;
        box.dispatchEvent(new Event("input", {bubbles: true}));
        return [...document.querySelectorAll("#msh-search-list [role=option]")].map(e => [e.dataset.kind, e.dataset.href]);
    })""", queries)
    return [[(kind, unquote(href[len(base):]) if kind == "record" else unquote(href[len(base):]).split("#")[0])
             for kind, href in options] for options in found]


@pytest.fixture()
def served(http_build: Path):
    with serve_directory(http_build) as base:
        yield base


@pytest.fixture(params=["http", "disk"])
def where(request, http_build: Path, offline_build: Path):
    """(site folder, base URL, a page's path) over http, or the offline build from disk."""
    if request.param == "http":
        with serve_directory(http_build) as base:
            yield http_build, base, "meetings/2025-niandu/"
    else:
        yield offline_build, offline_build.as_uri() + "/", "meetings/2025-niandu/index.html"


# ---------------------------------------------------------------------------- the build

def test_page_sections_leave_out_records_and_excluded_lists():
    from hooks.site.search_pages import page_sections

    html = """<p>前言&amp;说明</p>
    <h1 id="t">完整标题<a class="headerlink" href="#t">&para;</a></h1><p>导语<strong>加粗</strong>文字</p>
    <h2 id="_a">第一节</h2><p>第一节正文</p><div data-search-exclude="true"><div><p>记录链接</p></div><p>也不要</p></div>
    <h2 id="_b">只有记录</h2>
    <h3 id="rec-1">记录标题</h3><p>记录正文</p><h4 id="rec-1-sub">记录小标题</h4><p>记录里的</p>
    <h3 id="_c">小节</h3><ul><li>甲</li><li>乙</li></ul><script>var x = "脚本";</script><noscript>无脚本</noscript>"""
    assert page_sections(html, ["rec-1"]) == [
        ("", "", "前言&说明"),
        ("", "完整标题", "导语加粗文字"),
        ("_a", "第一节", "第一节正文"),
        ("_c", "小节", "甲 乙"),
    ]


def test_pages_js_has_every_page_and_no_record(http_build: Path):
    """Every page of the site is in api/pages.js once, in navigation order from the home page;
    its text leaves out the records (found as records) and holds no markup."""
    pages = site_pages(http_build)
    urls = [p["url"] for p in pages]
    built = sorted(p.relative_to(http_build).parent.as_posix() + "/"
                   for p in http_build.rglob("index.html"))
    built = ["" if u == "./" else u for u in built]
    assert sorted(urls) == built, set(urls) ^ set(built)
    assert urls[0] == "" and len(set(urls)) == len(urls)
    records = site_records(http_build)
    texts = "\n".join(s[2] for p in pages for s in p["sections"])
    held = [r["id"] for r in records if r["text"] and r["text"][:40] in texts]
    assert not held, f"record texts inside page texts: {held[:5]}"
    # The tags of the pages are gone (a page may still show a tag as text, in code: <head>).
    assert not re.search(r"</?(p|div|span|a|li|ul|ol|h[1-6]|strong|em|code|table|td)\b[^>]*>|¶", texts), \
        "markup left in the page texts"
    find = next(p for p in pages if p["url"] == "find/")
    assert "按关键词和条件查找" in page_fields(find)[2] and "共 " not in page_fields(find)[2], \
        "检索 is found by its own text, not by its first view"


# ---------------------------------------------------------------------------- the box

@pytest.mark.parametrize("query", ["红脸出汗", "官僚主义"])
def test_box_lists_what_find_lists(chromium, where, query):
    """Typed into the box on a meeting page: the best results in rank order, their count, and
    全部结果 opening 检索 with the query, where the same records and pages are listed."""
    site, base, path = where
    ctx = chromium.new_context(viewport={"width": 1280, "height": 900})
    log = watch_requests(ctx, base)
    page = open_page(ctx, base + path)
    page.click("#msh-search-q")
    page.keyboard.type(query)
    page.wait_for_selector("#msh-search-list [role=option]")
    want = expected(site, query)
    assert want and any(kind == "record" for kind, _ in want), "the query should find records"
    assert shown(page, base) == want[:SHOWN]
    assert str(len(want)) in page.text_content(".msh-search__meta")
    assert page.get_attribute("#msh-search-q", "aria-expanded") == "true"
    marks = page.eval_on_selector_all("#msh-search-list mark", "els => els.map(e => e.textContent)")
    assert marks and set(marks) == {query}

    page.keyboard.press("Enter")  # no option chosen: 检索 with the query
    page.wait_for_selector("#msh-find[data-state=live][data-text-state=loaded] #msh-find-count[data-count]")
    assert urlsplit(page.url).query == "q=" + quote(query)
    records = [url for kind, url in want if kind == "record"]
    pages = [url for kind, url in want if kind == "page"]
    assert int(page.get_attribute("#msh-find-count", "data-count")) == len(records)
    listed = page.eval_on_selector_all("#msh-find-results [data-record-id] a", "els => els.map(e => e.href)")
    assert [unquote(h[len(base):]) for h in listed] == records[:20]
    listed_pages = page.eval_on_selector_all(".msh-find__page a", "els => els.map(e => e.href)")
    assert [unquote(h[len(base):]).split("#")[0] for h in listed_pages] == pages[:3]
    ctx.close()
    log.assert_nothing_left()


def test_keyboard(chromium, served):
    """Arrows move the active option (aria-activedescendant, aria-selected), Enter opens it, Esc
    closes the list and a second Esc clears the box; `/` puts the focus in the box."""
    ctx = chromium.new_context(viewport={"width": 1280, "height": 900})
    log = watch_requests(ctx, served)
    page = open_page(ctx, served + "about/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "msh-search-q"
    page.keyboard.type("官僚主义")
    page.wait_for_selector("#msh-search-list [role=option]")
    count = page.locator("#msh-search-list [role=option]").count()
    assert count == SHOWN

    def active() -> str | None:
        return page.get_attribute("#msh-search-q", "aria-activedescendant")

    assert active() is None
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert active() == "msh-search-option-1"
    assert page.eval_on_selector_all("[role=option][aria-selected=true]", "els => els.map(e => e.id)") == [active()]
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert active() is None  # back in the box
    page.keyboard.press("ArrowUp")
    assert active() == f"msh-search-option-{count - 1}"  # up from the box: the last

    page.keyboard.press("Escape")
    assert page.get_attribute("#msh-search-q", "aria-expanded") == "false"
    assert page.is_hidden(".msh-search__panel") and page.input_value("#msh-search-q") == "官僚主义"
    page.keyboard.press("ArrowDown")  # opens the list again
    assert page.get_attribute("#msh-search-q", "aria-expanded") == "true"
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    assert page.input_value("#msh-search-q") == ""

    page.keyboard.type("红脸出汗")
    page.wait_for_selector("#msh-search-list [role=option]")
    kinds = page.eval_on_selector_all("#msh-search-list [role=option]", "els => els.map(e => e.dataset.kind)")
    for _ in range(kinds.index("record") + 1):  # down to the first record
        page.keyboard.press("ArrowDown")
    href = page.get_attribute(f"#{active()}", "data-href")
    page.keyboard.press("Enter")
    page.wait_for_url(href)
    record_id = unquote(href.split("#", 1)[1])
    assert page.locator(f"[id='{record_id}']").count() == 1
    ctx.close()
    log.assert_nothing_left()


def test_click_an_option_and_close_on_leaving(chromium, served):
    ctx = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = open_page(ctx, served + "outlines/")
    page.fill("#msh-search-q", "提纲")
    page.wait_for_selector("#msh-search-list [role=option]")
    page.mouse.click(60, 600)  # beside the list, on the page: the focus leaves the box, the list closes
    assert page.is_hidden(".msh-search__panel")
    page.click("#msh-search-q")  # back: the list shows again
    option = page.locator("#msh-search-list [role=option]").nth(1)
    href = option.get_attribute("data-href")
    option.click()
    page.wait_for_url(href)
    ctx.close()


def test_q_in_the_url_opens_the_box(chromium, http_build, served):
    """?q= on a page other than 检索 opens the box with the query and its results."""
    ctx = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.goto(served + "about/?q=" + quote("官僚主义"))
    page.wait_for_selector("#msh-search-list [role=option]")
    assert page.input_value("#msh-search-q") == "官僚主义"
    assert page.evaluate("document.activeElement.id") == "msh-search-q"
    assert shown(page, served) == expected(http_build, "官僚主义")[:SHOWN]
    ctx.close()


def test_text_is_never_markup(chromium, http_build, tmp_path):
    """A page title and text with markup in them are shown as text."""
    import shutil

    site = tmp_path / "site"
    shutil.copytree(http_build, site)
    hostile = '<img src=x onerror="window.__pwned = 1">'
    pages = site_pages(site)
    pages[1] = dict(pages[1], title="危险" + hostile, sections=[["", "", "正文" + hostile + "结束"]])
    from hooks.site.api import parsed_script
    (site / "api" / "pages.js").write_text(parsed_script("MSH_PAGES", {"pages": pages}), encoding="utf-8")
    with serve_directory(site) as base:
        ctx = chromium.new_context()
        page = open_page(ctx, base + "about/")
        page.fill("#msh-search-q", "onerror")
        page.wait_for_selector("#msh-search-list [role=option]")
        title = page.text_content("#msh-search-option-0 .msh-search__title")
        assert title == "危险" + hostile
        assert page.locator(".msh-search__panel img").count() == 0
        assert page.evaluate("window.__pwned") is None
        ctx.close()


def test_find_page_keeps_its_q(chromium, served):
    """On 检索, q is the page's keyword: the box stays closed and empty."""
    ctx = chromium.new_context()
    page = ctx.new_page()
    page.goto(served + "find/?q=" + quote("官僚主义"))
    page.wait_for_selector("#msh-find[data-state=live]")
    page.wait_for_selector("[data-msh-search][data-state=ready]")
    assert page.input_value("#msh-search-q") == ""
    assert page.get_attribute("#msh-search-q", "aria-expanded") == "false"
    assert page.input_value("#msh-find-q") == "官僚主义"
    ctx.close()


def test_data_is_the_same_files_on_every_page(chromium, served):
    """Every page asks for the same three data files (so the browser's cache serves them) and
    nothing else for the search."""
    ctx = chromium.new_context()
    log = watch_requests(ctx, served)
    for path in ["", "about/", "meetings/2025-niandu/zhengzhi-zhongcheng/"]:
        open_page(ctx, served + path).close()
    data = sorted({u for u in log.urls if "/api/" in u})
    assert data == [served + "api/pages.js", served + "api/records-text.js", served + "api/records.js"]
    ctx.close()
    log.assert_nothing_left()


# ---------------------------------------------------------------------------- accessibility

@pytest.mark.parametrize("width", [1280, 390])
def test_axe_with_the_list_open(chromium, served, width):
    """axe-core (WCAG 2.2 A/AA): no violation at all, with the results list open."""
    if not AXE.is_file():
        message = f"{AXE.relative_to(REPO)} is missing: run `make system-deps`"
        if IN_CI:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    ctx = chromium.new_context(viewport={"width": width, "height": 800}, locale="zh-CN")
    page = open_page(ctx, served + "meetings/2025-niandu/")
    page.focus("#msh-search-q")
    page.keyboard.type("官僚主义")
    page.wait_for_selector("#msh-search-list [role=option]")
    page.keyboard.press("ArrowDown")
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("""() => axe.run(document, {runOnly: {type: 'tag', values:
        ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}, resultTypes: ['violations']})""")
    violations = [(v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in results["violations"]]
    assert violations == []
    page.screenshot(path=str(REPO / ".pytest_cache" / f"search-box-{width}.png"))
    ctx.close()


# ---------------------------------------------------------------------------- nothing is lost

def page_texts(site: Path, offline: bool) -> dict[str, str]:
    """Each page's own text from its HTML (selectolax): the article, without the sections of the
    records it holds, the lists marked data-search-exclude, headerlinks, tags and scripts."""
    records = site_records(site)
    held: dict[str, set[str]] = {}
    for record in records:
        url, _, anchor = record["url"].partition("#")
        held.setdefault(url, set()).add(anchor)
    texts = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel == "404.html":
            continue
        url = rel if offline else rel[:-len("index.html")]
        html = HTMLParser(path.read_text("utf-8"))
        article = html.css_first("article.md-content__inner")
        for node in article.css("[data-search-exclude], .headerlink, nav.md-tags, script, noscript, #msh-find"):
            node.decompose()
        parts = []
        skipping = None
        for node in article.iter(include_text=True):
            tag = node.tag
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                level = int(tag[1])
                if skipping is not None and level > skipping:
                    continue
                skipping = level if node.attributes.get("id") in held.get(url, ()) else None
            if skipping is None:
                parts.append(node.text(deep=True))
        texts[url] = " ".join(" ".join(parts).split())
    return texts


def distinctive(text: str, others: list[str], length: int = 6) -> str | None:
    """A query that this text matches and none of the others: one piece of it (no white space)
    found in no other text or, where the texts share all their pieces (the outlines of one
    document type for several years), a few pieces that no other text holds all of."""
    pieces = list(dict.fromkeys(text[i:i + length] for i in range(0, max(1, len(text) - length + 1))))
    pieces = [p for p in pieces if len(p) == length and not re.search(r"\s", p)]
    holders = {}
    for piece in pieces:
        holders[piece] = {n for n, other in enumerate(others) if piece in other}
        if not holders[piece]:
            return piece
    chosen, left = [], None
    for piece in sorted(pieces, key=lambda p: len(holders[p])):
        narrower = holders[piece] if left is None else left & holders[piece]
        if left is None or narrower != left:
            chosen.append(piece)
            left = narrower
        if not left:
            return " ".join(chosen)
    return None


def test_every_record_and_page_is_found(chromium, where):
    """Each record by a piece of its text, each page by a piece of its own text that no other
    record or page has: the box lists it."""
    site, base, _ = where
    offline = base.startswith("file:")
    records = site_records(site)
    pages = page_texts(site, offline)
    assert len(pages) == len(site_pages(site)) and records
    haystacks = {("page", url): text for url, text in pages.items()}
    haystacks.update({("record", r["url"]): "\n".join(record_fields(r)) for r in records})
    queries, missing = {}, []
    for key, text in haystacks.items():
        others = [t for k, t in haystacks.items() if k != key]
        piece = distinctive(text.replace("\n", " "), others)
        if piece is None:
            missing.append(key)
        else:
            queries[key] = piece
    assert not missing, f"no distinctive text: {missing}"
    ctx = chromium.new_context()
    log = watch_requests(ctx, base)
    page = open_page(ctx, base + ("index.html" if offline else ""))
    keys = list(queries)
    found = search_all(page, [queries[k] for k in keys], base)
    lost = [(k, queries[k], f) for k, f in zip(keys, found) if k not in f]
    assert not lost, lost[:10]
    ctx.close()
    log.assert_nothing_left()
