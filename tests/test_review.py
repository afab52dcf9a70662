"""自查 in Python (hooks/review): drafts of several shapes (tests/review_drafts/) against the
findings a reviewer would make, the command line, the rules file and its checks, the links to
the page. tests/test_review_browser.py runs the page on the same drafts and compares."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from hooks.data.errors import DataErrors
from hooks.data.library import load_library
from hooks.check import load_library as check_library
from hooks.review.__main__ import review
from hooks.review.export import review_data
from hooks.review.rules import load_rules
from hooks.text.patterns import js_subset_problem
from hooks.text.punctuation import normalise_punctuation
from hooks.text.read import read_text
from site_html import page

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
DRAFTS = Path(__file__).resolve().parent / "review_drafts"


@pytest.fixture(scope="module")
def setup() -> tuple[dict, list[tuple[str, str]]]:
    library = load_library(DATA)
    data = review_data(library, load_rules(DATA), browser=False)
    return data, [(r.id, r.full_text) for r in library.records]


def report_of(setup, name: str, **options) -> dict:
    data, records = setup
    path = name if isinstance(name, Path) else DRAFTS / name
    return review(read_text(path), data, records, **options)


def items_at(report: dict) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = {}
    for item in report["items"]:
        out.setdefault(item["line"], []).append(item)
    return out


def make_word_file(path: Path) -> Path:
    """A Word file as Word writes one: title and heading styles, automatic numbering (List
    Number), a bold run, and a 整改清单 table."""
    document = docx.Document()
    document.add_paragraph("某街道党工委领导班子2025年度民主生活会对照检查材料", style="Title")
    document.add_paragraph("会前，班子开展集中学习研讨3次，征求意见建议28条。")
    document.add_paragraph("存在的问题", style="Heading 1")
    document.add_paragraph("在带头强化政治忠诚、提高政治能力方面", style="Heading 2")
    document.add_paragraph("学习贯彻上级部署有时慢半拍，2025年4月的部署间隔23天才研究。", style="List Number")
    document.add_paragraph("理论学习不够深入，学用结合不紧密。", style="List Number")
    contact = document.add_paragraph("群众反映问题的联系电话")
    contact.add_run("13812345678").bold = True
    document.add_paragraph("整改措施", style="Heading 1")
    table = document.add_table(rows=3, cols=4)
    for column, header in enumerate(["序号", "存在问题", "整改措施", "完成时限"]):
        table.cell(0, column).text = header
    rows = [["1", "学习慢半拍", "每月调度1次加装电梯工作", "2026年3月"], ["2", "学用脱节", "进一步加强理论学习", ""]]
    for row, values in enumerate(rows, start=1):
        for column, value in enumerate(values):
            table.cell(row, column).text = value
    document.save(str(path))
    return path


# ---------------------------------------------------------------- drafts and their findings

def test_a_good_draft_has_every_part_and_aspect(setup):
    report = report_of(setup, "good_2025.txt")
    assert (report["type"], report["type_from"]) == ("班子对照检查材料", "title")
    assert (report["meeting"], report["meeting_from"]) == ("2025-niandu", "year")
    assert [(p["name"], p["found"], p["in_order"]) for p in report["parts"]] == [
        ("存在的问题", True, True), ("反面典型案例剖析情况", True, True), ("原因分析", True, True), ("整改措施", True, True)]
    assert [(a["id"], a["line"], a["items"]) for a in report["aspects"]] == [
        ("zhengzhi-zhongcheng", 6, 2), ("guben-peiyuan", 8, 2), ("san-jingwei", 10, 1), ("ganshi-chuangye", 12, 1),
        ("guandang-zhidang", 14, 1)]
    assert report["foreign"] == [] and report["unmatched"] == []
    problems = [i for i in report["items"] if i["part"] == "问题"]
    assert len(problems) == 7 and all(i["aspect"] for i in problems)
    # 批评与自我批评辣味不足… names no person, event, date or figure: the one vague problem.
    assert [i["title"][:6] for i in problems if not i["concrete"]] == ["批评与自我批"]
    assert all(i["concrete"] for i in report["items"] if i["part"] == "措施")
    assert report["personal_data"] == [] and report["copied"] == []
    assert 0.5 < report["share_problems_causes"] < 0.8
    assert report["chars"]["problems"] > report["chars"]["causes"] > 0


def test_last_years_aspects_are_named_with_their_meeting(setup):
    report = report_of(setup, "last_year_aspects.txt")
    assert report["meeting"] == "2025-niandu"  # the title says 2025年度: the aspects are checked against it
    assert not any(a["found"] for a in report["aspects"])
    assert [(f["line"], f["meeting"]) for f in report["foreign"]] == [(4, "2024-niandu"), (6, "2024-niandu"),
                                                                      (8, "2024-niandu"), (10, "2024-niandu")]
    assert [f["aspect"] for f in report["foreign"]] == ["zhengzhi-jilv", "dangxing-zuofeng", "zunguishouji-dandang",
                                                        "congyan-zhidang"]
    missing = [p["name"] for p in report["parts"] if not p["found"]]
    assert missing == ["反面典型案例剖析情况"]


def test_an_ai_template_is_vague_and_full_of_stock_phrases(setup):
    report = report_of(setup, "ai_template.txt")
    assert report["type"] == "个人对照检查材料"
    assert [a["found"] for a in report["aspects"]] == [True, True, True, True, False]  # 管党治党 left out
    assert [p["name"] for p in report["parts"] if not p["found"]] == ["需要说明的问题"]
    judged = [i for i in report["items"] if i["part"] in ("问题", "措施")]
    assert judged and not any(i["concrete"] for i in judged)
    phrases = {s["phrase"] for s in report["stock_phrases"]}
    assert {"学习不够深入", "服务意识不强", "进一步加强", "持续提升", "标准不高、要求不严"} <= phrases
    assert len(report["stock_phrases"]) >= 15
    # 措施 phrases are looked for in 整改措施 only, 问题 phrases not there
    assert all(s["line"] >= 12 for s in report["stock_phrases"] if s["phrase"] in ("进一步加强", "持续提升"))


def test_criticism_list_flags_pseudo_criticism(setup):
    report = report_of(setup, "piping.txt")
    assert (report["type"], report["type_from"]) == ("相互批评意见", "title")
    pseudo = {i["line"]: i["pseudo"] for i in report["items"]}
    assert pseudo == {3: ["hope"], 4: ["praise"], 5: ["no-person"], 6: [], 7: ["hope", "together"]}
    assert [i["line"] for i in report["items"] if i["concrete"]] == [6]


def test_minutes_find_the_agenda_and_judge_the_opinions(setup):
    report = report_of(setup, "jilu.txt")
    assert report["type"] == "会议记录"
    parts = {p["name"]: p["line"] for p in report["parts"]}
    assert parts["会议基本情况"] == 3 and parts["通报上年度整改落实和征求意见情况"] == 10
    opinions = {i["line"]: i for i in report["items"] if i["part"] == "批评意见"}
    assert set(opinions) == {13, 14}
    assert opinions[13]["pseudo"] == ["hope"] and not opinions[13]["concrete"]  # the roles do not make it concrete
    assert opinions[14]["pseudo"] == [] and opinions[14]["concrete"]


def test_names_places_and_phone_numbers_are_found(setup):
    report = report_of(setup, "personal_data.txt")
    assert {(p["line"], p["category"], p["text"]) for p in report["personal_data"]} == {
        (5, "person", "张建国书记"), (5, "place", "幸福里社区"), (5, "phone", "13812345678")}


def test_markdown_from_an_ai_chat(setup):
    report = report_of(setup, "ai_markdown.md")
    assert all(a["found"] for a in report["aspects"])
    assert [a["items"] for a in report["aspects"]] == [2, 1, 1, 1, 1]
    assert {p["name"]: p["found"] for p in report["parts"]}["需要说明的问题"]


def test_passages_copied_from_the_library_and_from_last_year(setup):
    report = report_of(setup, "copied.txt", previous=read_text(DRAFTS / "previous_2024.txt"))
    copied = [(c["line"], c["record"], c["previous"]) for c in report["copied"]]
    assert copied == [(5, "s000-q-06", False), (7, "au-c-05", False), (8, None, True)]
    assert all(c["chars"] >= 30 for c in report["copied"])
    without_previous = report_of(setup, "copied.txt")
    assert [c["record"] for c in without_previous["copied"]] == ["s000-q-06", "au-c-05"]


def test_official_wording_is_not_copying(setup):
    data, records = setup
    meeting = next(m for m in data["meetings"] if m["id"] == "2025-niandu")
    draft = "\n".join([meeting["themes"][0]] + [f"（{i}）在{a['title']}方面" for i, a in enumerate(meeting["aspects"], 1)])
    assert review(draft, data, records, previous=draft)["copied"] == []


def test_a_word_file_with_automatic_numbering(setup, tmp_path):
    report = report_of(setup, make_word_file(tmp_path / "draft.docx"))
    assert report["title"].startswith("某街道党工委领导班子2025年度")
    assert (report["type"], report["meeting"]) == ("班子对照检查材料", "2025-niandu")
    first = report["aspects"][0]
    assert first["found"] and first["items"] == 2
    assert [i["marker"] for i in report["items"] if i["part"] == "问题"] == ["1．", "2．"]
    assert [(p["category"], p["text"]) for p in report["personal_data"]] == [("phone", "13812345678")]
    measures = [i for i in report["items"] if i["part"] == "措施"]
    assert [i["concrete"] for i in measures] == [True, False]  # the table's rows, one without a date
    assert measures[1]["stock"] == ["进一步加强"]


def test_the_meeting_comes_from_the_theme_or_defaults_to_the_latest(setup):
    data, records = setup
    theme_2024 = next(m for m in data["meetings"] if m["id"] == "2024-niandu")["themes"][0]
    by_theme = review(f"对照检查材料\n会议主题是{theme_2024}。\n一、存在的问题", data, records)
    assert (by_theme["meeting"], by_theme["meeting_from"]) == ("2024-niandu", "theme")
    plain = review("一、存在的问题\n一是调研不够。", data, records)
    assert (plain["meeting"], plain["meeting_from"]) == (data["meetings"][0]["id"], "latest")
    chosen = review("一、存在的问题", data, records, meeting="2021-dangshi", doc_type="个人对照检查材料")
    assert (chosen["meeting"], chosen["meeting_from"], chosen["type"], chosen["type_from"]) == (
        "2021-dangshi", "given", "个人对照检查材料", "given")


def test_required_parts_follow_the_outlines_and_the_meeting(setup):
    data, _ = setup
    names = lambda kind, meeting: [p["name"] for p in data["parts"][kind][meeting]]  # noqa: E731
    # as the outline pages list them: the 个人 outline has no slot for 2025's 反面典型案例剖析
    assert names("个人对照检查材料", "2025-niandu") == ["存在的问题", "原因分析", "整改措施", "需要说明的问题"]
    assert names("班子对照检查材料", "2025-niandu") == ["存在的问题", "反面典型案例剖析情况", "原因分析", "整改措施"]
    assert names("班子对照检查材料", "2024-niandu") == ["存在的问题", "原因分析", "整改措施"]
    assert names("会议记录", "2025-niandu")[0] == "会议基本情况"


# ---------------------------------------------------------------- the command line

def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hooks.review", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=300)


def test_cli_json_has_the_documented_fields():
    result = run_cli(str(DRAFTS / "copied.txt"), "--previous", str(DRAFTS / "previous_2024.txt"), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert {"type", "meeting", "aspects", "foreign", "parts", "items", "stock_phrases", "personal_data", "copied",
            "share_problems_causes"} <= set(report)
    assert {"id", "title", "found", "line", "items"} <= set(report["aspects"][0])
    assert {"name", "found", "line"} <= set(report["parts"][0])
    assert {"line", "part", "aspect", "title", "concrete"} <= set(report["items"][0])
    assert {"line", "chars", "record", "previous"} <= set(report["copied"][0])


def test_cli_text_report_and_options():
    result = run_cli(str(DRAFTS / "last_year_aspects.txt"), "--meeting", "2024-niandu")
    assert result.returncode == 0, result.stderr
    assert "会议：2024年度民主生活会（given）" in result.stdout
    assert "✓ 带头严守政治纪律和政治规矩，维护党的团结统一：第4行" in result.stdout


@pytest.mark.parametrize("args, message", [
    (["no-such-draft.txt"], "no-such-draft.txt: no such file"),
    (["README.md", "--meeting", "1999-niandu"], "--meeting 1999-niandu: expected one of 2025-niandu"),
    (["mkdocs.yml"], "expected a .txt, .md or .docx file"),
])
def test_cli_bad_input_is_a_clear_error(args, message):
    result = run_cli(*args)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


# ---------------------------------------------------------------- the rules file

def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1) if needle in line)


@pytest.mark.parametrize("pattern, problem", [
    (r"学习\b不够", r"\b, which JavaScript reads otherwise"),
    (r"(?P<x>学习)", "named groups"),
    (r"学习(不够", "not a regular expression"),
])
def test_a_pattern_the_browser_reads_otherwise_stops_the_check(data_copy, pattern, problem):
    rules = data_copy / "review_rules.yaml"
    edit(rules, "pattern: 学习(还|仍)?不够(深入|系统|全面|透彻|经常)?", f"pattern: '{pattern}'")
    line = line_of(rules, pattern)
    with pytest.raises(DataErrors) as failure:
        check_library(data_copy)
    errors = [str(e) for e in failure.value.errors]
    assert len(errors) == 1
    assert errors[0].startswith(f"data/review_rules.yaml:{line}: stock_phrases[0].pattern: expected a regular expression")
    assert problem in errors[0]


def test_an_unknown_field_in_the_rules_is_named(data_copy):
    rules = data_copy / "review_rules.yaml"
    edit(rules, "  - phrase: 调研不够", "  - phrase: 调研不够\n    parst: [问题]")
    with pytest.raises(DataErrors) as failure:
        check_library(data_copy)
    assert any("stock_phrases[1].parst" in str(e) and "did you mean 'parts'" in str(e) for e in failure.value.errors)


@pytest.mark.parametrize("pattern, ok", [
    (r"[一二三]+是", True), (r"(?<=[。；])\s*(?=（\d+）)", True), (r"[\"“]", True), (r"^\d+[．、]", True),
    (r"\w+", False), (r"(?i)abc", False), (r"a++", False), (r"[\S]", False), (r"(a)\1", False), (r"\Aa", False),
])
def test_js_subset(pattern, ok):
    assert (js_subset_problem(pattern) is None) == ok


def test_every_rule_goes_to_the_browser():
    """review_data refuses a pattern outside the subset (pattern_json raises): the export of
    text, privacy and engine rules must go through."""
    library = load_library(DATA)
    data = review_data(library, load_rules(DATA))
    patterns = []

    def walk(value):
        if isinstance(value, dict):
            if set(value) == {"re", "flags"}:
                patterns.append(value["re"])
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
    walk(data)
    patterns += [source for source, _ in data["text"]["headings"]["PART_WORDS"]]  # plain strings there
    assert len(patterns) > 40 and [p for p in patterns if js_subset_problem(p) is not None] == []
    assert {"SURNAMES", "TITLE_RE", "COMMON_WORDS", "OTHER_WORDS"} <= set(data["privacy"])


def test_punctuation_is_normalised_by_its_steps():
    assert normalise_punctuation("1.学习(一)不够,比如:2.5") == "1．学习（一）不够，比如：2.5"
    assert normalise_punctuation("１２月,10:30") == "12月，10:30"


# ---------------------------------------------------------------- the site

def test_review_page_and_its_data_are_built(built_site):
    script = (built_site / "api" / "review.js").read_text(encoding="utf-8")
    assert script.startswith("window.MSH_REVIEW=JSON.parse(")
    data = json.loads(json.loads(script[len("window.MSH_REVIEW=JSON.parse("):-3]))
    assert [m["id"] for m in data["meetings"]][0] == "2025-niandu"
    assert set(data) >= {"text", "privacy", "engine", "rules", "meetings", "parts", "official", "outline_types"}
    html = page(built_site, "review/index.html")
    assert html.css_first("#msh-review textarea#msh-review-draft") is not None
    assert html.css_first("#msh-review-report") is not None


def test_every_home_meeting_and_outline_page_links_to_review(built_site):
    pages = ["index.html"] + [p.relative_to(built_site).as_posix() for p in (built_site / "meetings").glob("*/index.html")]
    pages += [p.relative_to(built_site).as_posix() for p in (built_site / "outlines").glob("*/*/index.html")]
    assert len(pages) > 20
    for path in pages:
        links = [a for a in page(built_site, path).css("article a") if a.text(strip=True) == "自查你的材料"]
        assert links, path
        href = links[0].attributes["href"]
        assert href.split("?")[0].endswith("review/"), (path, href)
        if path.startswith("meetings/"):
            assert href.endswith("?meeting=" + path.split("/")[1]), (path, href)
        if path.startswith("outlines/"):
            assert f"outline={path.split('/')[1]}" in href, (path, href)


def test_abbreviated_and_half_width_headings(setup):
    """(一)在强化政治忠诚方面, 固本培元方面, 三个敬畏方面 …, 1、 items and 第一，第二 inline."""
    report = report_of(setup, "abbreviated.txt")
    assert (report["meeting"], report["meeting_from"]) == ("2025-niandu", "aspects")
    assert [(a["line"], a["items"]) for a in report["aspects"]] == [(4, 2), (7, 1), (9, 2), (11, 1), (13, 1)]
    assert [i["marker"] for i in report["items"] if i["line"] == 10] == ["第一，", "第二，"]
    assert {p["name"]: p["line"] for p in report["parts"]}["原因分析"] == 15  # 二、问题产生的原因


def test_unnumbered_bold_aspect_headings(setup):
    report = report_of(setup, "bold_headings.md")
    assert report["title"] == ""  # an aspect heading first is no title
    assert [a["line"] for a in report["aspects"]][:2] == [1, 5]
    assert report["aspects"][0]["items"] == 2


def test_headings_run_together_on_one_line(setup):
    report = report_of(setup, "run_together.txt")
    assert [(a["line"], a["items"]) for a in report["aspects"]][:2] == [(3, 2), (3, 1)]


def test_minutes_in_prose(setup):
    report = report_of(setup, "jilu_prose.txt")
    found = {p["name"]: p["found"] for p in report["parts"]}
    assert found["代表班子作对照检查"] and found["班子成员逐一对照检查、自我批评"]
    assert found["通报上年度整改落实和征求意见情况"]
    assert not found["会议基本情况"]  # no 时间：/地点：/出席人： lines
