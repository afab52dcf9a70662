"""Text is data, never markup: any character sequence from YAML shows on the page as itself.

Two levels. Fast property tests feed hooks.site.markdown_text.MarkdownEscaper output to
Python-Markdown configured exactly as mkdocs.yml configures it, and compare the rendered text
content with the input. Build-level property tests write batches of hostile records into a copy
of data/ (every field that reaches a page), run the real `mkdocs build --strict`, and check
that each page shows each text literally and that nothing from the data became an element,
a link target, a script or a resource - or that the build stopped with a clear data error.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from conftest import REPO, build_site
from site_html import normal, page, section_text
from hooks.privacy import checker as privacy
from hooks.site.markdown_text import MarkdownEscaper

# ---- generated text ----------------------------------------------------------------------

# Sequences that mean something to Markdown, its extensions, HTML, Jinja or a <script>.
HOSTILE = [
    "<script>alert(1)</script>", "</script><script>alert(2)</script>", "<!--", "-->",
    "{{ config }}", "{% raw %}", "{# c #}", "[点我](javascript:alert(3))", "<javascript:alert(4)>",
    "<img src=x onerror=alert(5)>", "<iframe src=//evil.example>", "![i](http://evil.example/a.png)",
    "<https://evil.example>", "[x]: http://evil.example", "[ref][x]", "# ", "## 标题 {#id}",
    "{: .cls }", "{ #anchor }", "*强调*", "**粗**", "_u_", "__uu__", "`code`", "```", "~~~",
    "> ", "1. ", "- ", "+ ", "* ", "    ", "\t", "!!! warning \"x\"", "???", "| a | b |", "|---|",
    "---", "===", "&amp;", "&lt;", "&#x3C;", "&", "<", ">", "\"", "'", "\\", "\\*", "[", "]", "(", ")",
    "<b>粗</b>", "<div markdown>*x*</div>", "<span class=\"x\">", "</div>", "[^1]", "\u00a0",
    "\u3000", "\u200b", "\u2028", "\u2029", "\u202e", "\ufeff", "\U0001d54f", "😀", "x\u0301",
    "¶", "&para;", "\x85", ":smile:", "==mark==", "^sup^", "$$x$$", "<?php ?>", "<![CDATA[x]]>",
]
# What data/schema/common.schema.yaml `text` refuses: C0 controls but tab/LF/CR, DEL, surrogates.
REFUSED = {chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F)}
ANY_CHAR = st.characters(blacklist_categories=("Cs",), blacklist_characters="".join(REFUSED))
FRAGMENT = st.one_of(st.sampled_from(HOSTILE), st.text(ANY_CHAR, min_size=1, max_size=6),
                     st.sampled_from(["某", "街道", "问题", "a", "1", " ", "\n"]))


def _joined(parts: list[str]) -> str:
    return "".join(parts)


def texts(max_parts: int = 8, multiline: bool = True) -> st.SearchStrategy[str]:
    """A non-empty text mixing hostile sequences with arbitrary Unicode."""
    strategy = st.lists(FRAGMENT, min_size=1, max_size=max_parts).map(_joined)
    if not multiline:
        strategy = strategy.map(lambda s: " ".join(s.splitlines()))
    return strategy.filter(lambda s: s.strip() != "")


# ---- the Markdown the site uses -----------------------------------------------------------

@pytest.fixture(scope="module")
def site_markdown() -> tuple[MarkdownEscaper, markdown.Markdown]:
    from mkdocs.config import load_config

    config = load_config(str(REPO / "mkdocs.yml"))
    md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    return MarkdownEscaper(set(md.ESCAPED_CHARS)), md


def render_text(md: markdown.Markdown, source: str) -> HTMLParser:
    md.reset()
    return HTMLParser(md.convert(source))


def visible(html: HTMLParser) -> str:
    for node in html.css("a.headerlink"):
        node.decompose()
    return normal(html.body.text(deep=True) if html.body else "")


def only_expected_elements(html: HTMLParser, allowed: set[str]) -> list[str]:
    return [node.tag for node in html.body.traverse() if node.tag not in allowed | {"body", "-text"}]


# Each inline context the templates use, with the elements it is allowed to produce.
INLINE_CONTEXTS = {
    "paragraph": ("{x}", {"p"}),
    "heading": ("### {x} { #rec-1 }", {"h3", "a"}),
    "list item": ("- {x} · 问题", {"ul", "li"}),
    "link text": ("[{x}](a.md#rec-1)", {"p", "a"}),
    "table cell": ("| 会议 | 方面 |\n|---|---|\n| {x} | 1 |", {"table", "thead", "tbody", "tr", "th", "td"}),
    "admonition body": ('!!! quote "标题"\n\n    {x}', {"div", "p"}),
    "attribute line": ("{x}\n{{: .msh-meta }}", {"p"}),
}


@settings(max_examples=300, deadline=None)
@given(text=texts(multiline=False))
@example(text="<script>alert(1)</script>")
@example(text="[点我](javascript:alert(3))")
@example(text="1. 第一")
@example(text="## 标题 {#id}")
@example(text="&#x3C;script&#x3E;")
def test_escaped_inline_text_renders_as_itself(site_markdown, text):
    escaper, md = site_markdown
    for name, (template, allowed) in INLINE_CONTEXTS.items():
        html = render_text(md, template.replace("{x}", str(escaper.inline(text))))
        assert only_expected_elements(html, allowed) == [], (name, text)
        expected = visible(render_text(md, template.replace("{x}", "QQQ"))).replace("QQQ", normal(text))
        assert visible(html) == expected, (name, text)
        for link in html.css("a[href]"):
            assert link.attributes["href"] in ("a.md#rec-1", "#rec-1"), (name, text)


@settings(max_examples=200, deadline=None)
@given(text=texts(max_parts=12))
@example(text="第一段\n\n    缩进代码\n> 引用\n- 列表\n# 标题\n---")
@example(text="<div>\n*x*\n</div>")
def test_escaped_paragraphs_render_as_their_lines(site_markdown, text):
    escaper, md = site_markdown
    html = render_text(md, str(escaper.paragraphs(text)))
    assert only_expected_elements(html, {"p"}) == [], text
    shown = [normal(p.text()) for p in html.css("p")]
    assert shown == [normal(line) for line in text.splitlines() if line.strip()], text


# ---- hostile records through the real build ------------------------------------------------

MEETING_ID = "2025-niandu"
ASPECT_ID = "zhengzhi-zhongcheng"
PAGE = f"meetings/{MEETING_ID}/{ASPECT_ID}/index.html"
CASES_PAGE = f"cases/{MEETING_ID}/index.html"
MEETING_PAGE = f"meetings/{MEETING_ID}/index.html"


def _clean(text: str) -> bool:
    """Texts the personal-data check would refuse are another test's business (test_privacy.py)."""
    return not privacy.scan(text)


field_text = texts().filter(_clean)
line_text = texts(multiline=False).filter(_clean)


@st.composite
def hostile_batch(draw: st.DrawFn, examples: int, cases: int) -> dict:
    """Hostile values for every field that reaches a page."""
    return {
        "examples": [{"title": draw(line_text), "text": draw(field_text), "instance": draw(line_text),
                      "tags": draw(st.lists(line_text, min_size=1, max_size=2))} for _ in range(examples)],
        "cases": [{"title": draw(line_text), "situation": draw(field_text), "analysis": draw(field_text),
                   "lessons": draw(field_text), "tags": draw(st.lists(line_text, max_size=2))}
                  for _ in range(cases)],
        "theme": draw(line_text), "aspect": draw(line_text), "notes": draw(st.lists(line_text, min_size=1, max_size=3)),
        "dimension": draw(line_text), "source": draw(line_text),
    }


def write_batch(data_dir: Path, batch: dict) -> None:
    """Put the batch into a copy of data/: new records, and hostile meeting/dimension/source texts."""
    examples = [{"id": f"zz-ex-{i}", "meeting": MEETING_ID, "aspect": ASPECT_ID, "part": "问题", "level": "班子",
                 "unit": "通用", "source": "zz-hostile", **values} for i, values in enumerate(batch["examples"])]
    cases = [{"id": f"zz-case-{i}", "meeting": MEETING_ID, "aspect": ASPECT_ID, "level": "班子", "unit": "通用",
              "source": "zz-hostile", **values} for i, values in enumerate(batch["cases"])]
    # Double-quoted scalars with escapes: PyYAML's plain/single-quoted output folds NEL (U+0085)
    # and U+2028 into spaces on reading, so only this style round-trips every string exactly.
    dump = lambda value: yaml.safe_dump(value, allow_unicode=True, sort_keys=False, default_style='"')  # noqa: E731
    (data_dir / "examples" / "zz-hostile.yaml").write_text(dump({"source": "authored", "examples": examples}), "utf-8")
    (data_dir / "cases" / "zz-hostile.yaml").write_text(dump({"source": "authored", "cases": cases}), "utf-8")

    meeting_path = data_dir / "meetings" / f"{MEETING_ID}.yaml"
    meeting = yaml.safe_load(meeting_path.read_text("utf-8"))
    meeting["themes"][0]["text"] = batch["theme"]
    meeting["aspects"][0]["title"] = batch["aspect"]
    meeting["aspects"][0].pop("short", None)  # the nav and matrix show the full title then
    meeting["notes"] = [{"text": t, "confirmed": False, "source": "zz-hostile"} for t in batch["notes"]]
    meeting_path.write_text(dump(meeting), "utf-8")

    dimensions_path = data_dir / "dimensions.yaml"
    dimensions = yaml.safe_load(dimensions_path.read_text("utf-8"))
    dimensions["dimensions"][0]["title"] = batch["dimension"]
    dimensions_path.write_text(dump(dimensions), "utf-8")

    sources_path = data_dir / "sources.yaml"
    sources = yaml.safe_load(sources_path.read_text("utf-8"))
    sources["sources"].append({"id": "zz-hostile", "kind": "authored", "title": batch["source"]})
    sources_path.write_text(dump(sources), "utf-8")


def article_text(html: HTMLParser) -> str:
    article = html.css_first("article")
    for node in article.css("a.headerlink"):
        node.decompose()
    return normal(article.text(deep=True))


def assert_no_markup_from_data(site: Path) -> None:
    """Nothing the data says became a script, a link elsewhere, a resource or a Jinja result."""
    for path in site.rglob("*.html"):
        html = page(site, path.relative_to(site).as_posix())
        for node in html.css("script"):
            assert "alert(" not in (node.text() or ""), (path, node.html)
        for node in html.css("[href], [src]"):
            target = node.attributes.get("href") or node.attributes.get("src") or ""
            assert not target.lower().lstrip().startswith(("javascript:", "http:", "https:", "//")), (path, node.html)
        for node in html.css("img, iframe"):
            assert node.attributes.get("src") not in ("x", "//evil.example"), (path, node.html)
        # The inner texts of HOSTILE's inline markup: such an element can only come from data.
        for node in html.css("b, i, em, strong, code, del, mark, sup, span"):
            assert node.text() not in ("粗", "强调", "u", "uu", "code", "mark", "sup", "x"), (path, node.html)
        for node in html.body.traverse() if html.body else ():
            for name in node.attributes:
                assert not name.lower().startswith("on"), (path, node.html)


def assert_batch_shown(site: Path, batch: dict) -> None:
    aspect_page = page(site, PAGE)
    for index, values in enumerate(batch["examples"]):
        shown = section_text(aspect_page, f"zz-ex-{index}")
        heading = aspect_page.css_first(f'[id="zz-ex-{index}"]')
        for node in heading.css("a.headerlink"):
            node.decompose()
        assert normal(heading.text(deep=True)) == normal(values["title"])
        for line in [*values["text"].splitlines(), values["instance"], *values["tags"]]:
            assert normal(line) in shown, (line, shown)
        assert normal(batch["source"]) in shown
    cases_page = page(site, CASES_PAGE)
    for index, values in enumerate(batch["cases"]):
        shown = section_text(cases_page, f"zz-case-{index}")
        for key in ("situation", "analysis", "lessons"):
            for line in values[key].splitlines():
                assert normal(line) in shown, (key, line, shown)
        assert normal(values["title"]) in shown
        for tag in values["tags"]:
            assert normal(tag) in shown
    meeting_text = article_text(page(site, MEETING_PAGE))
    for value in (batch["theme"], batch["aspect"], *batch["notes"]):
        assert normal(value) in meeting_text, value
    for index, values in enumerate(batch["examples"]):
        assert normal(values["title"]) in meeting_text
    assert normal(batch["dimension"]) in article_text(page(site, "aspects/index.html"))
    assert normal(batch["dimension"]) in article_text(page(site, "aspects/zhengzhi/index.html"))
    assert normal(batch["source"]) in article_text(page(site, "about/sources/index.html"))
    # Navigation titles (escaped in hooks/navigation.py) and the tags page.
    nav = normal(page(site, MEETING_PAGE).css_first("nav.md-nav--primary").text(deep=True))
    assert normal(batch["aspect"]) in nav
    tags_text = article_text(page(site, "tags/index.html"))
    assert normal(batch["dimension"]) in tags_text
    # The 检索 page's first view (hooks/site/find_view.py) lists the dimension as a facet value.
    assert normal(batch["dimension"]) in normal(page(site, "find/index.html").css_first("#msh-find").text(deep=True))
    # The JSON API keeps the text exactly (no whitespace change at all).
    records = {r["id"]: r for r in json.loads((site / "api" / "records.json").read_text("utf-8"))}
    for index, values in enumerate(batch["examples"]):
        published = records[f"zz-ex-{index}"]
        assert (published["title"], published["instance"], published["tags"]) == (
            values["title"], values["instance"], values["tags"])
        assert values["text"] in published["text"]
    assert_records_js_equals_json(site)


def assert_records_js_equals_json(site: Path) -> None:
    """api/records.js and api/records-text.js are scripts: together they must hold the same data,
    and neither a raw `<`."""
    from test_links import assert_records_js_carries_records_json  # the compact format's decoder
    for name in ("records.js", "records-text.js"):
        script = (site / "api" / name).read_text("utf-8")
        assert "<" not in script and not set(script) & {"\r", "\u2028", "\u2029"}, name
        assert script.count("\n") == 1, name  # JavaScript ends lines at \n, \r, U+2028 and U+2029 only
    assert_records_js_carries_records_json(site)


def build_batch(tmp_path: Path, data_source: Path, batch: dict) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(data_source, data_dir)
    write_batch(data_dir, batch)
    site = tmp_path / "site"
    result = build_site(site, data_dir=data_dir, check=False)
    if result.returncode != 0:
        # Refusing is allowed only with a data error that names a file and a field.
        output = result.stdout + result.stderr
        assert re.search(r"data error.*\n\s+data/\S+?:\d+: \S+: expected", output), output[-3000:]
        return
    assert_batch_shown(site, batch)
    assert_no_markup_from_data(site)


FIXED_BATCH = {
    "examples": [{"title": f"T{i} {h}", "text": f"X{i} {h}\n第二行 {h}", "instance": f"I{i} {h}",
                  "tags": [f"tag{i} {h}".replace("\n", " ")]}
                 for i, h in enumerate(h for h in HOSTILE if h.strip() and h not in ("\u2028", "\u2029", "\x85"))],
    "cases": [{"title": "案例 <script>alert(1)</script>", "situation": "情况 [x](javascript:alert(1))\n# 不是标题",
               "analysis": "{{ 7*7 }} {% raw %}", "lessons": "</script><img src=x onerror=alert(1)>",
               "tags": ["<b>粗</b>"]}],
    "theme": "主题 <script>alert(1)</script> {{ x }}", "aspect": "方面 <img src=x onerror=alert(1)> *强调*",
    "notes": ["说明 [x](javascript:alert(1))", "# 标题 | 表格 |"],
    "dimension": "维度 <b>粗</b> & \"引号\"", "source": "来源 </script><!-- {{ x }}",
}


def test_a_batch_of_every_hostile_sequence_shows_literally(tmp_path):
    build_batch(tmp_path, REPO / "data", FIXED_BATCH)


# Each example is a full build (~10 s); shrinking would take hours, so a failure shows the whole batch.
@settings(max_examples=3, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much])
@given(batch=hostile_batch(examples=30, cases=8))
def test_generated_hostile_records_show_literally_or_fail_clearly(tmp_path_factory, batch):
    build_batch(tmp_path_factory.mktemp("hostile"), REPO / "data", batch)
