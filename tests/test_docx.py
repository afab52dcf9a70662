"""Word templates: every generated .docx opens, has the GB/T 9704-2012 page and fonts, and its
headings are the meeting's aspects in official order; the built site links and serves them."""
from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path
from urllib.parse import unquote

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from hooks.word.templates import (DocxFile, build_docx, document_title, docx_files,  # noqa: E402
                                  docx_path)
from hooks.check import load_library  # noqa: E402
from hooks.data.model import Library, Meeting, Outline  # noqa: E402
from hooks.site.outlines import Heading, instantiate  # noqa: E402
from hooks.site.pages import meeting_page, outline_page  # noqa: E402

from browser import serve_directory  # tests/ is on sys.path (rootdir conftest)

REPO = Path(__file__).resolve().parent.parent
HEADING_FONTS = {"Heading 1": "黑体", "Heading 2": "楷体_GB2312", "Heading 3": "仿宋_GB2312",
                 "Heading 4": "仿宋_GB2312"}
ASPECT_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)在(.+)方面$")


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(REPO / "data")


@pytest.fixture(scope="module")
def generated(library) -> list[tuple[DocxFile, Outline, Meeting, docx.document.Document]]:
    outlines = {o.title: o for o in library.outlines}
    meetings = {m.id: m for m in library.meetings}
    return [(f, outlines[f.label], meetings[f.meeting_id], docx.Document(io.BytesIO(f.content)))
            for f in docx_files(library)]


def east_asian_font(style) -> str | None:
    fonts = style.element.rPr.rFonts if style.element.rPr is not None else None
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def heading_paragraphs(document) -> list:
    """Heading paragraphs in document order, including those in table cells (整改清单 groups)."""
    found = []
    for block in document.element.body.iterchildren():
        paragraphs = block.iter(qn("w:p")) if block.tag == qn("w:tbl") else [block] if block.tag == qn("w:p") else []
        for p in paragraphs:
            paragraph = docx.text.paragraph.Paragraph(p, document)
            if paragraph.style.name.startswith("Heading"):
                found.append(paragraph)
    return found


def numbered(headings: tuple[Heading, ...]) -> list[Heading]:
    out = []
    for heading in headings:
        if heading.label:
            out.append(heading)
        out += numbered(heading.children)
    return out


# ---- what is generated --------------------------------------------------------------------

def test_one_file_per_meeting_and_applicable_outline(library, generated):
    expected = {(m.id, o.id) for m in library.meetings for o in library.outlines if o.applies_to(m)}
    got = {(meeting.id, outline.id) for _, outline, meeting, _ in generated}
    assert got == expected
    assert len(generated) == len(expected)  # no duplicates either
    anli = [m.id for m in library.meetings if m.has_section("case-analysis")]
    assert {meeting.id for _, o, meeting, _ in generated if o.id == "banzi-anli"} == set(anli)


def test_file_names_say_meeting_and_document_type_in_chinese(generated):
    for file, outline, meeting, _ in generated:
        name = file.path.removeprefix("downloads/")
        assert file.path.startswith("downloads/") and name.endswith(".docx")
        assert outline.title in name
        assert re.sub(r'["\s]', "", meeting.title) in name
        assert not set(name) & set('\\/:*?"<>|')


def test_file_name_drops_characters_windows_forbids(library):
    meeting = library.meetings[0]
    hostile = Meeting(**{**meeting.__dict__, "title": '"不忘初心"专题/民主:生活会?'})
    assert docx_path(library.outlines[0], hostile) == f"downloads/不忘初心专题民主生活会-{library.outlines[0].title}.docx"


def test_page_setup_is_gb_t_9704(generated):
    for file, _, _, document in generated:
        for section in document.sections:
            # Word stores twentieths of a point: compare to a tenth of a millimetre.
            assert mm(section.page_width, section.page_height) == (210, 297), file.path
            assert mm(section.top_margin, section.bottom_margin) == (37, 35), file.path
            assert mm(section.left_margin, section.right_margin) == (28, 26), file.path


def mm(*lengths) -> tuple[float, ...]:
    return tuple(round(length.mm, 1) for length in lengths)


def test_fonts_sizes_and_line_spacing(generated):
    for file, _, _, document in generated:
        styles = document.styles
        expected = {"Normal": ("仿宋_GB2312", Pt(16)), "Title": ("方正小标宋简体", Pt(22)),
                    **{name: (font, Pt(16)) for name, font in HEADING_FONTS.items()}}
        for name, (font, size) in expected.items():
            style = styles[name]
            assert east_asian_font(style) == font, (file.path, name)
            assert style.font.name == font, (file.path, name)
            assert style.font.size == size, (file.path, name)
            assert style.font.bold is False, (file.path, name)
            assert style.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
            assert style.paragraph_format.line_spacing == Pt(28)
        assert styles["Title"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
        # No theme font may override the named ones (Word prefers w:eastAsiaTheme over w:eastAsia).
        xml = styles.element.xml
        assert "eastAsiaTheme" not in xml and "asciiTheme" not in xml, file.path


def test_title_is_the_meeting_and_document_type(generated):
    for file, outline, meeting, document in generated:
        title = document.paragraphs[0]
        assert title.style.name == "Title"
        assert title.text.replace("\n", "") == document_title(outline, meeting)
        assert meeting.title in title.text.replace("\n", "")
    titles = {document_title(o, m) for _, o, m, _ in generated if m.id == "2025-niandu"}
    assert "某单位领导班子2025年度民主生活会对照检查材料" in titles


def test_headings_are_the_meetings_aspects_in_order(generated):
    checked = 0
    for file, outline, meeting, document in generated:
        headings = [p.text for p in heading_paragraphs(document)]
        aspect_titles = [m.group(1) for h in headings if (m := ASPECT_HEADING.match(h))]
        if not any(s.each == "aspect" for s in _all_sections(outline.sections)):
            assert aspect_titles == [], file.path
            continue
        assert aspect_titles == [a.label for a in meeting.aspects], file.path
        # What is not known stays visible: a 待核实 heading for missing aspects, …… for cut titles.
        if (meeting.aspect_count or 0) > len(meeting.aspects) or not meeting.aspects:
            assert any("待核实" in h for h in headings), f"{file.path}: unknown aspects must stay visible"
        for aspect in meeting.aspects:
            assert aspect.label.endswith("……") == aspect.incomplete
        checked += 1
    assert checked >= 9


def test_heading_tree_matches_the_outline_with_its_styles(generated):
    for file, outline, meeting, document in generated:
        expected = numbered(instantiate(outline, meeting))
        found = heading_paragraphs(document)
        assert [p.text for p in found] == [h.text for h in expected], file.path
        assert [p.style.name for p in found] == [f"Heading {min(h.depth, 4)}" for h in expected], file.path


def test_every_heading_of_text_documents_has_a_placeholder(generated):
    for file, outline, _, document in generated:
        if outline.columns:
            continue
        paragraphs = document.paragraphs
        for i, paragraph in enumerate(paragraphs):
            if paragraph.style.name.startswith("Heading"):
                following = paragraphs[i + 1]
                assert following.style.name in ("填写提示", *HEADING_FONTS), (file.path, paragraph.text)
        hints = [p for p in paragraphs if p.style.name == "填写提示"]
        assert hints and all(p.text.startswith("【") and p.text.endswith("】") for p in hints), file.path
        assert document.styles["填写提示"].font.color.rgb not in (None, docx.shared.RGBColor(0, 0, 0))


def test_rectification_list_is_a_table_with_the_official_columns(generated):
    lists = [(f, o, m, d) for f, o, m, d in generated if o.columns]
    assert lists
    for file, outline, meeting, document in lists:
        assert list(outline.columns) == ["序号", "存在问题", "整改措施", "责任人", "完成时限", "备注"]
        table = document.tables[0]
        assert [c.text for c in table.rows[0].cells] == list(outline.columns), file.path
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # header repeats per page


def test_meeting_record_has_header_fields_and_agenda(generated):
    records = [(f, o, m, d) for f, o, m, d in generated if o.id == "huiyi-jilu"]
    assert records
    for file, outline, meeting, document in records:
        texts = [p.text for p in document.paragraphs]
        fields = next(h.fields for h in instantiate(outline, meeting) if h.fields)
        for field in fields:
            assert any(t.startswith(f"{field}：") for t in texts), (file.path, field)
        agenda_at = texts.index("议程：")
        agenda = [h.title for h in instantiate(outline, meeting) if h.label]
        assert texts[agenda_at + 1: agenda_at + 1 + len(agenda)] == [f"{n}. {t}" for n, t in enumerate(agenda, 1)]


def test_page_numbers_dash_field_songti_odd_right_even_left(generated):
    for file, _, _, document in generated:
        assert document.settings.odd_and_even_pages_header_footer, file.path
        section = document.sections[0]
        for footer, alignment in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                                  (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
            paragraph = footer.paragraphs[0]
            assert paragraph.alignment == alignment, file.path
            assert "PAGE" in "".join(t.text for t in paragraph._p.iter(qn("w:instrText")))
            assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —"), paragraph.text
            for run in paragraph.runs:
                assert run.font.size == Pt(14)
                assert run._r.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"


def test_metadata_names_nobody(generated):
    for file, _, _, document in generated:
        core = document.core_properties
        assert (core.author, core.last_modified_by, core.comments) == ("", "", ""), file.path
        with zipfile.ZipFile(io.BytesIO(file.content)) as package:
            app = package.read("docProps/app.xml").decode("utf-8")
            assert "python-docx" not in package.read("docProps/core.xml").decode("utf-8")
        company = re.search(r"<Company>([^<]*)</Company>|<Company/>", app)
        assert company is None or not company.group(1), file.path


def test_build_docx_is_pure_and_repeatable(library):
    meeting, outline = library.meetings[0], library.outlines[0]
    first = docx.Document(io.BytesIO(build_docx(outline, meeting, library)))
    second = docx.Document(io.BytesIO(build_docx(outline, meeting, library)))
    assert [p.text for p in first.paragraphs] == [p.text for p in second.paragraphs]


def _all_sections(sections):
    for section in sections:
        yield section
        yield from _all_sections(section.children)


# ---- the built site ---------------------------------------------------------------------------

def links_to_docx(html: str) -> list[str]:
    return [unquote(h) for h in re.findall(r'href="([^"]+\.docx)"', html)]


def test_site_has_the_files_linked_from_outline_and_meeting_pages(built_site, library):
    files = docx_files(library)
    for file in files:
        built = built_site / file.path
        assert built.read_bytes()[:2] == b"PK", file.path
        # The build made them in a second process (hooks.mkdocs_hooks on_env): the same document.
        with zipfile.ZipFile(built) as site_copy, zipfile.ZipFile(io.BytesIO(file.content)) as here:
            assert site_copy.read("word/document.xml") == here.read("word/document.xml"), file.path
        page = built_site / outline_page_html(file.outline_page)
        links = links_to_docx(page.read_text(encoding="utf-8"))
        assert len(links) == 1, page
        assert (page.parent / links[0]).resolve() == built.resolve()
    for meeting in library.meetings:
        page = built_site / outline_page_html(meeting_page(meeting))
        linked = {(page.parent / link).resolve() for link in links_to_docx(page.read_text(encoding="utf-8"))}
        assert linked == {(built_site / f.path).resolve() for f in files if f.meeting_id == meeting.id}
    assert {p.name for p in (built_site / "downloads").glob("*.docx")} == \
        {f.path.removeprefix("downloads/") for f in files}


def outline_page_html(source: str) -> str:
    """Where MkDocs (use_directory_urls) writes a source page."""
    return source.replace("index.md", "index.html") if source.endswith("index.md") \
        else source.removesuffix(".md") + "/index.html"


def test_browser_downloads_the_template_over_http(built_site, chromium, library):
    meeting = library.meetings[0]
    outline = library.outlines[0]
    with serve_directory(built_site) as base:
        context = chromium.new_context(accept_downloads=True)
        try:
            page = context.new_page()
            page.goto(base + outline_page(outline, meeting).removesuffix(".md") + "/")
            with page.expect_download() as info:
                page.get_by_text("下载 Word 模板").first.click()
            download = info.value
            assert download.suggested_filename == docx_path(outline, meeting).removeprefix("downloads/")
            document = docx.Document(download.path())
            assert document.paragraphs[0].text.replace("\n", "") == document_title(outline, meeting)
        finally:
            context.close()
