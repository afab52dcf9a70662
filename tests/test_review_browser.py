"""The 自查 page (docs/review.md + assets/review.js) in Debian's chromium, over HTTP and from disk.

The page's report (the data-report attribute of #msh-review-report) must equal the Python
twin's (hooks.review) on the same drafts, .docx included; the shared pieces are compared one by
one as well: every exported pattern compiles in the browser and matches as Python's does, the
aspect similarity on many headings, the personal-data scan on the labelled sentences. Nothing
may leave the site (every request is recorded).
"""
from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from browser import serve_directory, watch_requests
from hooks.data.library import load_library
from hooks.privacy.checker import scan
from hooks.review.__main__ import review
from hooks.review.export import review_data
from hooks.review.rules import load_rules
from hooks.text.aspects import similarity
from hooks.text.read import read_text
from test_review import DATA, DRAFTS, make_word_file

TESTS = Path(__file__).resolve().parent
DRAFT_NAMES = sorted(p.name for p in DRAFTS.iterdir() if p.suffix in (".txt", ".md"))
HOSTILE = '<img src=x onerror="window.__pwned = 1">对照检查材料\n一、存在的问题\n（一）在<script>window.__pwned = 2</script>方面\n一是学习不够深入。'


@pytest.fixture(scope="module")
def python_side() -> tuple[dict, list[tuple[str, str]]]:
    library = load_library(DATA)
    return review_data(library, load_rules(DATA), browser=False), [(r.id, r.full_text) for r in library.records]


def python_report(python_side, text: str, **options) -> dict:
    data, records = python_side
    return review(text, data, records, **options)


@pytest.fixture()
def http_page(chromium: Any, http_build: Path):
    with serve_directory(http_build) as base:
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        log = watch_requests(context, base)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        yield page, base + "review/"
        context.close()
        assert not errors, errors
        log.assert_nothing_left()


@pytest.fixture()
def disk_page(chromium: Any, offline_build: Path):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    log = watch_requests(context, offline_build.as_uri() + "/")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page, (offline_build / "review.html").as_uri()
    context.close()
    assert not errors, errors
    log.assert_nothing_left()


def open_review(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("#msh-review[data-state=ready]", timeout=30000)


def page_report(page: Any, text: str, previous: str | None = None) -> dict:
    """Paste text (as a paste: no button pressed) and wait for the full report."""
    if previous is not None:
        page.evaluate("(t) => { document.getElementById('msh-review-previous').value = t; }", previous)
    page.evaluate("""(text) => {
        const box = document.getElementById('msh-review-draft');
        const report = document.getElementById('msh-review-report');
        report.removeAttribute('data-copy-state');
        box.value = text;
        box.dispatchEvent(new InputEvent('input', {inputType: 'insertFromPaste', bubbles: true}));
    }""", text)
    page.wait_for_selector("#msh-review-report[data-copy-state=done]", timeout=30000)
    return json.loads(page.get_attribute("#msh-review-report", "data-report"))


# ---------------------------------------------------------------- the page against the twin

@pytest.mark.parametrize("name", DRAFT_NAMES)
def test_page_report_equals_python_over_http(http_page, python_side, name):
    page, url = http_page
    open_review(page, url)
    text = read_text(DRAFTS / name)
    assert page_report(page, text) == python_report(python_side, text)


def test_earlier_draft_over_http(http_page, python_side):
    page, url = http_page
    open_review(page, url)
    text, previous = read_text(DRAFTS / "copied.txt"), read_text(DRAFTS / "previous_2024.txt")
    report = page_report(page, text, previous)
    assert report == python_report(python_side, text, previous=previous)
    assert [c["previous"] for c in report["copied"]] == [False, False, True]
    links = page.locator("#msh-review-copied a")
    assert links.count() == 2
    href = links.first.get_attribute("href")
    assert "#s000-q-06" in href
    page.goto(href)  # the record the passage repeats
    assert page.locator("[id='s000-q-06']").count() == 1


def test_from_disk_with_a_word_file(disk_page, python_side, tmp_path):
    page, url = disk_page
    open_review(page, url)
    for name in ("good_2025.txt", "piping.txt"):
        text = read_text(DRAFTS / name)
        assert page_report(page, text) == python_report(python_side, text), name
    word = make_word_file(tmp_path / "草稿.docx")
    page.evaluate("document.getElementById('msh-review-report').removeAttribute('data-copy-state')")
    page.set_input_files("#msh-review-file", str(word))
    page.wait_for_selector("#msh-review-report[data-copy-state=done]", timeout=30000)
    assert page.input_value("#msh-review-draft") == read_text(word)
    report = json.loads(page.get_attribute("#msh-review-report", "data-report"))
    assert report == python_report(python_side, read_text(word))
    assert report["aspects"][0]["items"] == 2


def test_text_file_in_gb18030_from_disk(disk_page, tmp_path):
    page, url = disk_page
    open_review(page, url)
    path = tmp_path / "草稿.txt"
    path.write_bytes(read_text(DRAFTS / "piping.txt").encode("gb18030"))
    page.set_input_files("#msh-review-file", str(path))
    page.wait_for_selector("#msh-review-report[data-copy-state=done]", timeout=30000)
    assert page.input_value("#msh-review-draft").startswith("对班子成员A同志的批评意见")


def test_choices_in_the_url_and_in_the_form(http_page, python_side):
    page, url = http_page
    open_review(page, url + "?meeting=2024-niandu&outline=geren")
    assert page.input_value("#msh-review-meeting") == "2024-niandu"
    assert page.input_value("#msh-review-type") == "个人对照检查材料"
    text = read_text(DRAFTS / "last_year_aspects.txt")
    report = page_report(page, text)
    assert report == python_report(python_side, text, meeting="2024-niandu", doc_type="个人对照检查材料")
    assert all(a["found"] for a in report["aspects"])
    page.evaluate("document.getElementById('msh-review-report').removeAttribute('data-copy-state')")
    page.select_option("#msh-review-meeting", "")
    page.wait_for_selector("#msh-review-report[data-copy-state=done]")
    report = json.loads(page.get_attribute("#msh-review-report", "data-report"))
    assert (report["meeting"], len(report["foreign"])) == ("2025-niandu", 4)


def test_a_finding_points_at_its_line(http_page):
    page, url = http_page
    open_review(page, url)
    page_report(page, read_text(DRAFTS / "personal_data.txt"))
    page.locator("#msh-review-personal [data-line='5']").first.click()
    assert page.locator("#msh-review-line-5").get_attribute("class").split().count("msh-review__line--current") == 1
    assert page.locator(".msh-review__line--current").count() == 1
    marked = page.locator("#msh-review-line-5 mark").all_inner_texts()
    assert {"张建国书记", "幸福里社区", "13812345678"} <= set(marked)
    selected = page.evaluate("(() => { const b = document.getElementById('msh-review-draft'); "
                             "return b.value.slice(b.selectionStart, b.selectionEnd); })()")
    assert selected.startswith("一是学习不够深入。2025年3月")


def test_draft_text_is_never_markup(http_page):
    page, url = http_page
    open_review(page, url)
    report = page_report(page, HOSTILE)
    assert report["title"].startswith("<img")
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#msh-review-report img, #msh-review-report script").count() == 0
    assert "<script>" in page.locator("#msh-review-line-3").inner_text()


def test_links_lead_to_the_page_with_the_meeting_chosen(http_page):
    page, url = http_page
    page.goto(url.replace("review/", "meetings/2024-niandu/"))
    page.get_by_role("link", name="自查你的材料").click()
    page.wait_for_selector("#msh-review[data-state=ready]")
    assert page.input_value("#msh-review-meeting") == "2024-niandu"


# ---------------------------------------------------------------- the shared rules, piece by piece

def exported_patterns(value: Any) -> list[dict]:
    found = []
    if isinstance(value, dict):
        if set(value) == {"re", "flags"}:
            return [value]
        for item in value.values():
            found += exported_patterns(item)
    elif isinstance(value, list):
        for item in value:
            found += exported_patterns(item)
    return found


def test_every_pattern_compiles_in_the_browser(http_page, http_build):
    page, url = http_page
    open_review(page, url)
    failures = page.evaluate("""() => {
        const out = [], seen = [];
        const rules = window.MSH_REVIEW.rules;
        const extra = [];
        rules.stock_phrases.forEach(r => r.pattern && extra.push(r.pattern));
        rules.concrete.forEach(r => extra.push(r.pattern));
        rules.pseudo_criticism.forEach(r => { extra.push(r.pattern); if (r.unless) extra.push(r.unless); });
        Object.values(rules.types).forEach(v => typeof v === 'string' && extra.push(v));
        extra.push(rules.meeting.year);
        window.MSH_REVIEW.text.headings.PART_WORDS.forEach(p => extra.push(p[0]));  // plain strings there
        (function walk(v) {
            if (v && typeof v === 'object') {
                if (typeof v.re === 'string' && typeof v.flags === 'string') { seen.push(v); return; }
                Object.values(v).forEach(walk);
            }
        })(window.MSH_REVIEW);
        extra.forEach(re => seen.push({re: re, flags: ''}));
        seen.forEach(p => { try { MSHReview.compile(p, 'g'); } catch (e) { out.push(p.re + ': ' + e.message); } });
        return [seen.length, out];
    }""")
    count, errors = failures
    assert errors == []
    assert count >= 60


MATCH_CASES = [
    # (pattern, flags, text): \d and \s as Python reads them, escapes JS would refuse, lookbehind
    (r"\d+", "", "第１２条，共٣项，另有12件"),
    (r"[\d\s]+", "", "编号\u3000１２ 34\u00a0５"),
    (r"\S+", "", "学习\u2003不够\t深入"),
    (r"[“”\"'‘’「」《》：:，,、。；;\s]", "", "“带头”：在，方面。"),
    (r"(?<=[。；;！？\s])[一二三]是", "", "。一是；二是 三是"),
    (r"^(\d+)[．、]\s*(?!\d)", "m", "1．学习\n2、调研\n3.5亿"),
]


def test_translated_patterns_match_as_python(http_page):
    page, url = http_page
    open_review(page, url)
    for source, flags, text in MATCH_CASES:
        python_flags = (re.M if "m" in flags else 0)
        expected = [m.group(0) for m in re.finditer(source, text, python_flags)]
        got = page.evaluate("([re, flags, text]) => Array.from(text.matchAll(MSHReview.compile({re, flags}, 'g'))).map(m => m[0])",
                            [source, flags, text])
        assert got == expected, source


def heading_variants(data: dict) -> list[str]:
    """Headings as writers type them: the official titles, 在…方面, without 带头, abbreviated,
    with a typo, cut short, another meeting's, and unrelated ones."""
    headings = ["存在的问题", "原因分析", "工作作风方面", "在理论学习方面存在的问题", "关于担当作为", "一是学习不够", ""]
    for meeting in data["meetings"]:
        for aspect in meeting["aspects"]:
            title = aspect["title"]
            headings += [title, f"在{title}方面", f"{title}方面存在的问题", title.replace("带头", ""), title[: len(title) // 2],
                         title[:-2] + "工作", "“" + title + "”", title.replace("、", "，")]
            if aspect.get("short"):
                headings += [aspect["short"], f"在{aspect['short']}方面"]
            if len(title) > 6:
                headings.append(title[:3] + "的" + title[4:])  # a typo
                headings += [title[:2] + "ZZ" + title[4:], title[:4] + "××" + title[6:]]  # words a site masks
                headings.append(f"在{title}方面，结合本单位实际")  # a local addition after 方面
    return list(dict.fromkeys(headings))


def test_aspect_similarity_is_the_same_in_both(http_page, python_side):
    page, url = http_page
    open_review(page, url)
    data, _ = python_side
    headings = heading_variants(data)
    aspects = [a for m in data["meetings"] for a in m["aspects"]]
    assert len(headings) * len(aspects) > 5000
    got = page.evaluate("""([headings, aspects]) => {
        const e = new MSHReview.Engine(window.MSH_REVIEW);
        return headings.map(h => aspects.map(a => e.text.similarity(h, a)));
    }""", [headings, aspects])
    for heading, row in zip(headings, got):
        expected = [similarity(heading, type("A", (), a)) for a in aspects]
        assert row == expected, heading


def labelled_sentences() -> list[str]:
    texts = []
    for name in ("privacy_labelled.yaml", "privacy_real.yaml"):
        texts += [item["text"] for item in yaml.safe_load((TESTS / name).read_text("utf-8"))["items"]]
    return texts


def generated_sentences(count: int = 1500) -> list[str]:
    """Sentences made of the pieces the checker's rules turn on (surnames, titles, place and unit
    suffixes, cut words, numbers), in random order: they reach branches written text rarely does."""
    from hooks.privacy import rules

    rng = random.Random(12)
    pieces = (sorted(rules.SURNAMES)[:60] + rules.TITLES + list(rules.PLACE_SUFFIXES) + ["公司", "中学", "医院", "集团"]
              + list(rules.WORDS_BEFORE_NAME[:30]) + ["幸福", "光明", "东湖", "新华", "红旗", "建设", "发展", "第三"]
              + ["，", "。", "、", "：", "1", "12号", "13812345678", "〔2024〕3号", "某", "××", "同志", "对", "在"]
              + ["靖边", "海淀", "五中", "二小", "十九届", "全会"]
              + ["卫生院", "合作社", "种植专业", "附小", "实小", "夫妻", "响滩", "浚", "委组织部", "政府", "人大"]
              + ["黄石", "莘", "新城", "同仁", "长沙", "梨树沟", "火烧寨", "岭", "沟通", "、"])
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(3, 14))) for _ in range(count)]


def test_personal_data_scan_is_the_same_in_both(http_page):
    page, url = http_page
    open_review(page, url)
    texts = labelled_sentences() + generated_sentences()
    assert len(texts) > 1700
    got = page.evaluate("""(texts) => {
        const e = new MSHReview.Engine(window.MSH_REVIEW);
        return texts.map(t => e.privacy.scan(t).map(f => [f.category, f.match, f.start, f.end]));
    }""", texts)
    expected = [[[f.category, f.match, f.start, f.end] for f in scan(t, use_jieba=False)] for t in texts]
    mismatched = [(t, g, x) for t, g, x in zip(texts, got, expected) if g != x]
    assert mismatched == []
    assert sum(map(len, expected)) > 1000  # the sentences do hold names, places and numbers


def test_copy_check_is_the_same_in_both_on_many_records(http_page, python_side):
    """Generated records that share clauses (benchmarks/find_bench.py) and a draft made of them
    (benchmarks/review_bench.py): many overlapping passages, ties and repeated runs."""
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from benchmarks.find_bench import generate_dataset
    from benchmarks.review_bench import make_draft

    page, url = http_page
    open_review(page, url)
    data, _ = python_side
    dataset = generate_dataset(600, seed=3)
    records = [[r["id"], r["text"]] for r in dataset["records"]]
    draft = make_draft(dataset["records"], 6000, seed=9)
    previous = make_draft(dataset["records"], 3000, seed=10)
    got = page.evaluate("""([draft, records, previous]) => {
        const e = new MSHReview.Engine(window.MSH_REVIEW);
        return e.copied(draft, {records: records, sig: null}, previous);
    }""", [draft, records, previous])
    from hooks.review.copycheck import copied
    expected = copied(draft, data, [tuple(r) for r in records], previous)
    assert got == expected
    assert len(expected) > 20 and any(p["previous"] for p in expected)


@pytest.fixture()
def axe() -> Path:
    """axe-core, as tests/test_accessibility.py finds it (skipped without it, failed in CI)."""
    from test_accessibility import AXE
    from browser import IN_CI

    if not AXE.is_file():
        if IN_CI:
            pytest.fail(f"{AXE} is missing: run `make system-deps`", pytrace=False)
        pytest.skip(f"{AXE} is missing: run `make system-deps`")
    return AXE


def test_page_with_a_report_has_no_serious_wcag_violation(axe, http_page):
    """axe-core (as tests/test_accessibility.py runs it) on the page with a full report shown."""
    from test_accessibility import BLOCKING, WCAG_TAGS, summary

    page, url = http_page
    open_review(page, url)
    page_report(page, read_text(DRAFTS / "copied.txt"), read_text(DRAFTS / "previous_2024.txt"))
    page.add_script_tag(path=str(axe))
    results = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
                            WCAG_TAGS)
    blocking = [v for v in results["violations"] if v["impact"] in BLOCKING]
    assert blocking == [], summary(blocking)


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def word_files(folder: Path) -> list[Path]:
    """Word files in the shapes Word writes: styles, automatic numbering (一、 （一） 1． by list
    definitions, by a heading style, restarted), a 整改清单 table, merged cells, tabs and breaks."""
    import docx
    from docx.oxml import parse_xml
    from test_ingest import AUTO_NUMBERING, make_docx_with_table, numbered

    files = [make_word_file(folder / "plain.docx")]
    make_docx_with_table(folder / "table.docx")
    files.append(folder / "table.docx")

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(AUTO_NUMBERING.replace(
        '<w:lvl w:ilvl="0"><w:start w:val="1"/>', '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:pStyle w:val="Heading2"/>')))
    numbering.append(parse_xml(f'<w:num {W_NS} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    numbering.append(parse_xml(f'<w:num {W_NS} w:numId="91"><w:abstractNumId w:val="90"/>'
                               '<w:lvlOverride w:ilvl="2"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
    document.styles["Heading 2"].element.get_or_add_pPr().append(parse_xml(f'<w:numPr {W_NS}><w:numId w:val="90"/></w:numPr>'))
    document.add_paragraph("某局领导班子2025年度民主生活会对照检查材料", style="Title")
    document.add_heading("存在的问题", level=2)
    numbered(document.add_paragraph("在带头强化政治忠诚、提高政治能力方面"), 1)
    for text in ("学习不深，2025年只学了3次", "调研不实"):
        numbered(document.add_paragraph(text), 2)
    restarted = document.add_paragraph("另起一组")
    restarted._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="2"/><w:numId w:val="91"/></w:numPr>'))
    broken = document.add_paragraph("一是")
    broken.add_run().add_tab()
    broken.add_run("换行前")
    broken.add_run().add_break()
    broken.add_run("换行后，联系人张建国书记")
    document.add_heading("整改措施", level=2)
    table = document.add_table(rows=3, cols=3)
    for column, header in enumerate(["存在问题", "整改措施", "完成时限"]):
        table.cell(0, column).text = header
    table.cell(1, 0).merge(table.cell(2, 0)).text = "学习不深"  # one problem, two measures
    table.cell(1, 1).text, table.cell(1, 2).text = "每月集中学习1次", "2026年6月"
    table.cell(2, 1).text, table.cell(2, 2).text = "每季度调研2次", "2026年12月"
    document.save(str(folder / "numbered.docx"))
    files.append(folder / "numbered.docx")
    return files


def test_word_files_read_in_the_browser_as_in_python(http_page, tmp_path):
    import base64

    page, url = http_page
    open_review(page, url)
    for path in word_files(tmp_path):
        got = page.evaluate("""(data) => {
            const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
            return MSHReview.readDocx(bytes.buffer);
        }""", base64.b64encode(path.read_bytes()).decode())
        assert got == read_text(path), path.name
    assert "一、存在的问题" in read_text(tmp_path / "numbered.docx")  # the numbering was there to read


def test_a_file_that_is_not_a_word_file_is_refused_clearly(http_page, tmp_path):
    page, url = http_page
    open_review(page, url)
    fake = tmp_path / "草稿.docx"
    fake.write_text("这不是 Word 文件", encoding="utf-8")
    page.set_input_files("#msh-review-file", str(fake))
    page.wait_for_function("document.getElementById('msh-review-status').textContent.includes('无法读取')")
    assert "草稿.docx" in page.text_content("#msh-review-status")


REAL_TEXTS = sorted((Path(__file__).resolve().parent.parent / "benchmarks" / "eval").glob("*/*.txt"))


def test_real_documents_give_the_same_report_in_both(http_page, python_side):
    """The real public documents of benchmarks/eval/ (minutes, notices, news, 主持词, web pages
    with debris, traditional characters): whatever 自查 makes of them, both sides make the same."""
    page, url = http_page
    open_review(page, url)
    data, records = python_side
    assert len(REAL_TEXTS) > 30
    texts = [path.read_text(encoding="utf-8") for path in REAL_TEXTS]
    got = page.evaluate("""([texts, records]) => {
        const e = new MSHReview.Engine(window.MSH_REVIEW);
        const library = {records: records, sig: null};
        return texts.map(t => { const r = e.analyse(t, {}); r.copied = e.copied(t, library, null); return r; });
    }""", [texts, [list(r) for r in records]])
    different = [path.name for path, text, report in zip(REAL_TEXTS, texts, got)
                 if report != python_report(python_side, text)]
    assert different == []
