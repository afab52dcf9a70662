"""Material's full-text search: jieba with the domain user dictionary, ?q= on any page, and the
offline build searching from file:// with nothing loaded from outside the site."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote


from browser import serve_directory, watch_requests  # tests/ is on sys.path (rootdir conftest)

USER_DICT = Path(__file__).resolve().parent.parent / "data" / "jieba_user_dict.txt"


def user_dictionary() -> tuple[list[str], list[str]]:
    """(terms kept whole, compounds that must split) from data/jieba_user_dict.txt."""
    whole, split = [], []
    for line in USER_DICT.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            continue
        (split if len(parts) > 1 and parts[1] == "0" else whole).append(parts[0])
    return whole, split


def index_docs(site: Path) -> tuple[list[dict[str, Any]], str]:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return index["docs"], index["config"]["separator"]


def tokens(text: str, separator: str) -> set[str]:
    plain = re.sub(r"<[^>]+>", " ", text)
    return {t.strip("“”\"'（）()《》：:") for t in re.split(separator, plain) if t}


def test_user_dictionary_is_well_formed():
    whole, split = user_dictionary()
    required = {"两个确立", "四个意识", "四个自信", "两个维护", "第一议题", "三重一大", "八项规定", "形式主义", "官僚主义", "国之大者"}
    assert required <= set(whole)
    assert "形式主义官僚主义" in split and "中央八项规定" in split
    for line in USER_DICT.read_text(encoding="utf-8").splitlines():
        assert re.fullmatch(r"\S+ \d+( [a-z]+)?", line), f"{USER_DICT}: bad line {line!r} (word freq [tag])"


def test_each_record_is_indexed_once_at_its_own_page(http_build):
    """Material's search finds a record at its permalink only: the lists of links on meeting,
    dimension and case index pages are left out of the index (data-search-exclude)."""
    docs, _ = index_docs(http_build)
    records = json.loads((http_build / "api" / "records.json").read_text(encoding="utf-8"))
    for record in records:
        title = record["title"]
        where = [d["location"] for d in docs if title in (d["title"] + d["text"]).replace("\u200b", "")]
        assert record["url"] in where, (record["id"], where)
        # List sections have anchors of their own, starting with _ (_records, _a-…, _m-…, _cases).
        listed = [d["location"] for d in docs if "#_" in d["location"] and title in d["text"].replace("\u200b", "")]
        assert not listed, (record["id"], listed)


def test_domain_terms_are_whole_tokens_in_the_index(http_build):
    """Wherever a page holds a dictionary term, the index holds it as one token, also inside a
    longer compound (官僚主义 in 形式主义官僚主义, 八项规定 in 中央八项规定精神)."""
    docs, separator = index_docs(http_build)
    whole, _ = user_dictionary()
    checked = 0
    for term in whole:
        holders = [d for d in docs if term in d["text"].replace("\u200b", "")]
        for doc in holders:
            assert term in tokens(doc["text"], separator), (term, doc["location"])
            checked += 1
    assert checked > 0, "no page contains any dictionary term: the test checked nothing"
    compound = [d for d in docs if "形式主义官僚主义" in d["text"].replace("\u200b", "")]
    assert compound, "expected the data to contain 形式主义官僚主义 somewhere"
    assert all("官僚主义" in tokens(d["text"], separator) for d in compound)


def open_search(page: Any, url: str) -> list[str]:
    """Open a page with ?q=, wait for Material's results, return their texts."""
    page.goto(url)
    page.wait_for_selector(".md-search-result__item", timeout=30_000)
    assert page.evaluate("document.getElementById('__search').checked") is True
    return page.eval_on_selector_all(".md-search-result__item", "els => els.map(e => e.textContent)")


def pages_with(site: Path, term: str) -> set[str]:
    docs, _ = index_docs(site)
    fields = lambda d: " ".join([d["title"], d["text"], *d.get("tags", [])]).replace("\u200b", "")  # noqa: E731
    return {d["location"].split("#")[0] for d in docs if term in fields(d)}


def result_pages(page: Any, base: str) -> set[str]:
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
    return {href[len(base):].split("#")[0].split("?")[0] for href in hrefs}


def test_q_opens_material_search_and_finds_the_term(chromium, http_build):
    with serve_directory(http_build) as base:
        ctx = chromium.new_context()
        log = watch_requests(ctx, base)
        page = ctx.new_page()
        texts = open_search(page, base + "?q=" + quote("官僚主义"))
        assert any("官僚主义" in t for t in texts), texts[:3]
        found = result_pages(page, base)
        assert found and found <= pages_with(http_build, "官僚主义") | {""}, found
        assert page.locator(".md-search-result mark").count() > 0
        ctx.close()
        log.assert_nothing_left()


def test_offline_build_searches_from_disk_without_external_requests(chromium, offline_build):
    html = [p for p in offline_build.rglob("*.html")]
    assert html
    for path in html[:200]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"<script[^>]+src=\"(https?:)?//", text), f"{path} loads a script from outside"
    assert (offline_build / "assets" / "vendor" / "iframe-worker-shim.js").exists()
    assert (offline_build / "search" / "search_index.js").exists()

    base = offline_build.as_uri() + "/"
    ctx = chromium.new_context()
    log = watch_requests(ctx, base)
    page = ctx.new_page()
    texts = open_search(page, base + "index.html?q=" + quote("官僚主义"))
    assert any("官僚主义" in t for t in texts), texts[:3]
    ctx.close()
    log.assert_nothing_left()
