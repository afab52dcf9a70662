"""hooks.ingest: seeds and hand-written documents against hand-checked expectations,
validation of the draft YAML by the data validator, anonymisation, and a round trip to the site."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from hooks.ingest.__main__ import main
from hooks.ingest.emit import dump
from hooks.ingest.pipeline import Result, run
from hooks.check import load_library

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
FIXTURES = Path(__file__).parent / "ingest_fixtures"
SEEDS = REPO.parent / "shared" / "seeds"  # CI clones shared/ beside the repository
OWN = {"geren_markdown": "geren_markdown.md", "jilu": "jilu.txt",
       "web_halfwidth": "web_halfwidth.txt", "paraphrase_typo": "paraphrase_typo.txt",
       "geren_2024_inline": "geren_2024_inline.txt", "banzi_2021_dangshi": "banzi_2021_dangshi.txt",
       "web_fullwidth_toc": "web_fullwidth_toc.txt", "jilu_roles": "jilu_roles.txt",
       "tigang_aspect_problem": "tigang_aspect_problem.txt"}
SEED_FILES = {"seed_000": "000_61249a1e89284a5c.txt", "seed_001": "001_9cc914dfadb0d61f.txt",
              "seed_004": "004_edabf4a0fb341e20.txt"}
MINUTES = ["jilu", "jilu_roles"]
CHECKED = [name for name in OWN if name not in MINUTES]


def source_path(name: str) -> Path:
    if name in OWN:
        return FIXTURES / OWN[name]
    path = SEEDS / SEED_FILES[name]
    if not path.exists():
        pytest.skip(f"seed not found at {path} (shared/ must sit beside the repository)")
    return path


def expected(name: str) -> dict:
    return yaml.safe_load((FIXTURES / f"expected_{name}.yaml").read_text(encoding="utf-8"))


def summary(result: Result) -> dict:
    """What the expected files record, computed from a result."""
    groups = result.reading.groups if result.reading else []
    return {
        "type": result.doc_type.value,
        "meeting": result.meeting.id if result.meeting else None,
        "level": result.level,
        "unit": result.unit.value,
        "aspects": [{"heading": g.section.heading, "aspect": g.aspect.id if g.aspect else None,
                     "items": len(g.items)} for g in groups],
        "parts": dict(Counter(record["part"] for record in result.examples)),
        "kept": [section.heading for section, _ in (result.reading.kept if result.reading else [])],
        "titles": [record["title"] for record in result.examples[:2]],
        "instances": sum(1 for record in result.examples if "instance" in record),
    }


@pytest.mark.parametrize("name", CHECKED + list(SEED_FILES))
def test_checked_material_matches_hand_checked_result(name: str) -> None:
    want = expected(name)
    got = summary(run(source_path(name), DATA))
    for key in ("type", "meeting", "level", "unit", "aspects", "parts", "kept", "titles", "instances"):
        if key in want:
            assert got[key] == want[key], key


@pytest.mark.parametrize("name", CHECKED + list(SEED_FILES))
def test_every_item_is_mapped_as_its_heading_says(name: str) -> None:
    """Each 问题 record carries the aspect of the heading it stood under, in document order."""
    want = expected(name)
    result = run(source_path(name), DATA)
    problems = [record["aspect"] for record in result.examples if record["part"] == "问题"]
    wanted = [a["aspect"] for a in want["aspects"] for _ in range(a["items"])]
    assert problems == wanted


@pytest.mark.parametrize("name", ["web_halfwidth", "web_fullwidth_toc", "seed_001", "seed_004"])
def test_web_debris_and_paywall_markers_are_gone(name: str) -> None:
    result = run(source_path(name), DATA)
    text = dump(result.source, result.examples)
    for word in expected(name)["absent"]:
        assert word not in text


def test_case_analysis_is_recognised() -> None:
    assert run(source_path("seed_000"), DATA).case_analysis
    assert not run(source_path("seed_004"), DATA).case_analysis


def check_minutes(name: str):
    """Import a 会议记录 fixture and compare it with its hand-checked expectation."""
    want = expected(name)
    result = run(source_path(name), DATA)
    assert result.doc_type.value == want["type"]
    assert result.meeting and result.meeting.id == want["meeting"]
    minutes = result.minutes
    assert list(minutes.header) == want["header_fields"]
    assert len(minutes.agenda) == want["agenda"]
    assert minutes.speakers == want["speakers"]
    assert [[o.giver, o.receiver] for o in minutes.opinions] == want["opinions"]
    assert dict(Counter(r["part"] for r in result.examples)) == want["parts"]
    return result


def test_minutes_header_agenda_speakers_and_opinions() -> None:
    result = check_minutes("jilu")
    opinion = next(r for r in result.examples if r["part"] == "批评意见")
    assert opinion["tags"] == ["提出人：成员B", "被批评人：成员A"]
    assert "会议不到半小时就通过" in opinion["instance"]


def test_minutes_with_role_speakers_and_quoted_opinion_lines() -> None:
    """书记/副镇长 as speakers, 「成员B对成员A：…」 opinions; the input's own 成员A/B keep their letters."""
    result = check_minutes("jilu_roles")
    used = {r.placeholder for r in result.replacements}
    assert not used & {"成员A", "成员B", "成员C"}  # header names never take a letter the text uses


def test_minutes_names_are_replaced_consistently() -> None:
    result = run(source_path("jilu"), DATA)
    text = dump(result.source, result.examples)
    for name in expected("jilu")["names_removed"]:
        assert name not in text
    placeholders: dict[str, set[str]] = {}
    for replacement in result.replacements:
        placeholders.setdefault(replacement.original, set()).add(replacement.placeholder)
    assert all(len(used) == 1 for used in placeholders.values())  # one name → one placeholder
    assert len({next(iter(u)) for u in placeholders.values()}) == len(placeholders)  # and no sharing


def test_existing_masks_are_kept_as_they_are() -> None:
    result = run(source_path("seed_000"), DATA)
    assert any("**街道" in record["text"] for record in result.examples)
    assert not any(r.original.strip("*×") == "" for r in result.replacements)


def test_docx_input_gives_the_same_result_as_markdown(tmp_path: Path) -> None:
    """A Word file made from the Markdown fixture: heading styles instead of '#'."""
    import docx

    document = docx.Document()
    for line in OWN_LINES("geren_markdown"):
        hashes = len(line) - len(line.lstrip("#"))
        text = line.lstrip("# ").replace("**", "")
        if hashes:
            document.add_heading(text, level=hashes)
        else:
            document.add_paragraph(text)
    path = tmp_path / "geren.docx"
    document.save(str(path))
    got, want = summary(run(path, DATA)), expected("geren_markdown")
    assert got["aspects"] == want["aspects"]
    assert got["parts"] == want["parts"]
    assert got["type"] == want["type"]


# Word's automatic numbering: a chineseCounting "一、", a "（一）" and a "1．" level, as an office
# template would define them (the numbers are not in the paragraphs' text).
AUTO_NUMBERING = """
<w:abstractNum xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3．"/></w:lvl>
</w:abstractNum>"""
AUTO_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+．)")


def numbered(paragraph: Any, level: int) -> None:
    from docx.oxml import parse_xml

    paragraph._p.get_or_add_pPr().append(parse_xml(
        '<w:numPr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f'<w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))


def test_word_automatic_numbering_is_read_as_typed_numbers(tmp_path: Path) -> None:
    """The Markdown fixture as a Word file whose 一、 （一） 1． come from numbering definitions:
    the importer must see them, and give the same result as from the typed numbers."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(AUTO_NUMBERING))  # abstractNum elements come before num ones
    numbering.append(parse_xml('<w:num xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                               'w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    typed = []
    for line in OWN_LINES("geren_markdown"):
        hashes = len(line) - len(line.lstrip("#"))
        text = line.lstrip("# ").replace("**", "")
        typed.append(text)
        number = AUTO_NUMBER.match(text)
        text = text[number.end():] if number else text
        paragraph = document.add_heading(text, level=hashes) if hashes else document.add_paragraph(text)
        if number:
            numbered(paragraph, 0 if number.group().endswith("、") else 1 if number.group().startswith("（") else 2)
    assert sum(1 for t in typed if AUTO_NUMBER.match(t)) >= 10, "the fixture must use all three levels"
    path = tmp_path / "geren_auto.docx"
    document.save(str(path))

    from hooks.ingest.read import read_docx
    assert [line.lstrip("# ") for line in read_docx(path).splitlines()] == typed
    got, want = summary(run(path, DATA)), expected("geren_markdown")
    assert (got["aspects"], got["parts"], got["type"]) == (want["aspects"], want["parts"], want["type"])


def test_word_numbering_by_heading_style_and_restart(tmp_path: Path) -> None:
    """Headings numbered by their style (a template's 标题 2 linked to the list), and a second
    list instance that starts again at 1 (w:startOverride)."""
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(AUTO_NUMBERING.replace(
        '<w:lvl w:ilvl="0"><w:start w:val="1"/>', '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:pStyle w:val="Heading2"/>')))
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="91"><w:abstractNumId w:val="90"/>'
                               '<w:lvlOverride w:ilvl="2"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
    document.styles["Heading 2"].element.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {w}><w:numId w:val="90"/></w:numPr>'))
    document.add_heading("存在的问题", level=2)
    for text in ("学习不深", "调研不实"):
        numbered(document.add_paragraph(text), 2)
    item = document.add_paragraph("另起一组")  # the second instance: starts again, not 3．
    item._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {w}><w:ilvl w:val="2"/><w:numId w:val="91"/></w:numPr>'))
    document.add_heading("整改措施", level=2)
    numbered(document.add_paragraph("加强学习"), 2)
    document.add_paragraph("不编号的段落")
    path = tmp_path / "styled.docx"
    document.save(str(path))

    from hooks.ingest.read import read_docx
    assert read_docx(path).splitlines() == ["## 一、存在的问题", "1．学习不深", "2．调研不实", "1．另起一组",
                                           "## 二、整改措施", "1．加强学习", "不编号的段落"]


def test_word_number_formats() -> None:
    from hooks.ingest.numbering import format_number

    cases = [(1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (12, "chineseCounting", "十二"),
             (23, "chineseCountingThousand", "二十三"), (3, "decimalEnclosedCircle", "③"),
             (2, "ideographTraditional", "乙"), (4, "upperRoman", "IV"), (27, "lowerLetter", "aa"),
             (7, "decimalFullWidth", "７"), (11, "chineseLegalSimplified", "拾壹"), (5, "decimal", "5")]
    assert [format_number(n, fmt) for n, fmt, _ in cases] == [want for _, _, want in cases]


def make_docx_with_table(path: Path) -> None:
    """Word heading styles (numbers in the heading text) and a 整改清单 table under 整改措施."""
    import docx

    document = docx.Document()
    document.add_heading("某街道党工委班子2025年度民主生活会对照检查材料", level=0)
    document.add_paragraph("按照区委部署，班子认真开展会前准备，现报告如下。")
    document.add_heading("一、存在的问题", level=1)
    document.add_heading("（一）在带头强化政治忠诚、提高政治能力方面", level=2)
    document.add_paragraph("一是理论学习不够深入。学习多停留在读文件。二是贯彻部署有温差。")
    document.add_heading("（二）在带头干事创业、担当作为方面", level=2)
    document.add_paragraph("一是攻坚克难劲头不足。例如，老旧小区加装电梯推进缓慢。")
    document.add_heading("二、原因剖析", level=1)
    document.add_paragraph("一是理论武装不够到位。二是宗旨意识有所淡化。")
    document.add_heading("三、整改措施", level=1)
    document.add_paragraph("班子将逐项列出整改清单，明确责任和时限。")
    table = document.add_table(rows=1, cols=5)
    for cell, text in zip(table.rows[0].cells, ["序号", "存在问题", "整改措施", "责任人", "完成时限"]):
        cell.text = text
    for row in (["1", "理论学习不够深入", "每月开展一次专题研讨", "王建国", "2026年6月底"],
                ["2", "攻坚克难劲头不足", "建立加装电梯项目推进台账", "李明华", "2026年12月底"]):
        for cell, text in zip(table.add_row().cells, row):
            cell.text = text
    document.add_paragraph("以上报告，请批评指正。")
    document.save(str(path))


def test_docx_rectification_table_rows_become_measures(tmp_path: Path) -> None:
    path = tmp_path / "banzi_table.docx"
    make_docx_with_table(path)
    result = run(path, DATA)
    assert summary(result)["aspects"] == [
        {"heading": "在带头强化政治忠诚、提高政治能力方面", "aspect": "zhengzhi-zhongcheng", "items": 2},
        {"heading": "在带头干事创业、担当作为方面", "aspect": "ganshi-chuangye", "items": 1}]
    measures = [r for r in result.examples if r["part"] == "措施"]
    assert [r["title"] for r in measures] == ["每月开展一次专题研讨", "建立加装电梯项目推进台账"]
    assert "理论学习不够深入" in measures[0]["text"] and "2026年6月底" in measures[0]["text"]
    text = dump(result.source, result.examples)
    for absent in ("王建国", "李明华", "批评指正", "责任人"):  # the 责任人 column is never kept
        assert absent not in text
    assert not result.unplaced
    assert load_library(add_to_data(tmp_path, [result])) is not None


def OWN_LINES(name: str) -> list[str]:
    return [line for line in (FIXTURES / OWN[name]).read_text(encoding="utf-8").splitlines() if line.strip()]


def add_to_data(tmp_path: Path, results: list[Result]) -> Path:
    """A copy of data/ with the imports added the way the maintainer adds them."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    sources = yaml.safe_load((data / "sources.yaml").read_text(encoding="utf-8"))
    for result in results:
        (data / "examples" / f"{result.source['id']}.yaml").write_text(
            dump(result.source, result.examples), encoding="utf-8")
        sources["sources"].append(result.source)
    (data / "sources.yaml").write_text(yaml.safe_dump(sources, allow_unicode=True, sort_keys=False),
                                       encoding="utf-8")
    return data


@pytest.mark.parametrize("name", list(OWN) + list(SEED_FILES))
def test_output_passes_the_data_validator(tmp_path: Path, name: str) -> None:
    result = run(source_path(name), DATA)
    assert result.examples and all(record["draft"] is True for record in result.examples)
    library = load_library(add_to_data(tmp_path, [result]))  # raises DataErrors on any problem
    assert library is not None


def test_cli_writes_yaml_and_reports_to_stderr(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    output = tmp_path / "out.yaml"
    assert main([str(source_path("paraphrase_typo")), "-o", str(output)]) == 0
    report = capsys.readouterr().err
    assert "type: 班子对照检查材料" in report and "meeting: 2025-niandu" in report
    assert "在落实意识形态工作责任制方面" in report and "no official aspect" in report
    assert "kind: import" in report
    written = yaml.safe_load(output.read_text(encoding="utf-8"))
    assert written["source"].startswith("import-2025-niandu-banzi-")


def test_cli_rejects_unknown_input(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    bad = tmp_path / "material.pdf"
    bad.write_bytes(b"%PDF")
    assert main([str(bad)]) == 2
    assert "material.pdf" in capsys.readouterr().err


def test_round_trip_records_appear_on_the_site(tmp_path: Path) -> None:
    """import → add to data/ → mkdocs build → the imported titles are in the built HTML."""
    result = run(source_path("paraphrase_typo"), DATA)
    project = tmp_path / "project"
    project.mkdir()
    for part in ("docs", "hooks", "overrides", "mkdocs.yml"):
        source = REPO / part
        (shutil.copytree(source, project / part, ignore=shutil.ignore_patterns("__pycache__"))
         if source.is_dir() else shutil.copy(source, project / part))
    add_to_data(project, [result])
    site = project / "site"
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
                           cwd=project, capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr[-3000:]
    html = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    for record in result.examples[:3]:
        assert record["title"] in html


def test_anonymiser_keys_people_by_name_and_keeps_titles() -> None:
    """Works on Finding-shaped input, so it holds whatever hooks.privacy reports."""
    from hooks.ingest.anonymise import Anonymiser, Finding

    anonymiser = Anonymiser("成员", ["王建国"])
    first = anonymiser.placeholder(Finding("person", "王建国", 0, 3, "××同志"))
    with_title = anonymiser.placeholder(Finding("人名", "王建国同志", 0, 5, "××同志"))
    other = anonymiser.placeholder(Finding("person", "李明华", 0, 3, "××同志"))
    assert (first, with_title, other) == ("成员A", "成员A同志", "成员B")
    places = [anonymiser.placeholder(Finding("place", n, 0, 6, "某小区")) for n in ("甲花园", "乙家园", "甲花园")]
    assert places == ["某小区", "某小区B", "某小区"]


def test_table_of_contents_after_the_title_is_dropped() -> None:
    """A 目录 block after the title repeats the headings; they must not become empty sections."""
    result = run(FIXTURES / "toc_after_title.txt", DATA)
    assert not result.unplaced
    assert [s.heading for s in result.tree.children] == ["存在的问题", "原因剖析", "整改措施"]
    assert dict(Counter(r["part"] for r in result.examples)) == {"问题": 2, "原因": 1, "措施": 1}
