"""Word templates (.docx) of the material outlines, one per meeting × document type.

A writer starts from a file in the official layout (GB/T 9704-2012, see shared FACTS.md) that
already holds the title, the numbered section tree with the meeting's aspects slotted in, and
under each heading a blue 【…】 note saying what to write there. Pure: library in, bytes out.

The page setup, styles and footer are built once into a base document; each template reopens
that base from bytes (cheap, because the base's style sheet is pruned to the styles used).
"""
from __future__ import annotations

import functools
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

import docx
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import BaseStyle
from docx.text.paragraph import Paragraph

from hooks.site.forked import start_in_fork
from hooks.data.model import Library, Meeting, Outline
from hooks.data.names import docx_file_name
from hooks.site.outlines import Heading, instantiate
from hooks.site.pages import outline_page

# ---- the official format (GB/T 9704-2012) ----------------------------------------------------

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
# The page number's dash sits 7 mm below the type area (35 mm from the bottom edge); a 14 pt
# line is about 6 mm high, so the footer's bottom is about 22 mm from the edge.
FOOTER_DISTANCE = Mm(22)
TITLE_FONT, BODY_FONT, PAGE_NUMBER_FONT = "方正小标宋简体", "仿宋_GB2312", "宋体"
HEADING_FONTS = {1: "黑体", 2: "楷体_GB2312", 3: "仿宋_GB2312", 4: "仿宋_GB2312"}
TITLE_SIZE, BODY_SIZE, PAGE_NUMBER_SIZE, TABLE_SIZE = Pt(22), Pt(16), Pt(14), Pt(12)
LINE_PITCH, TABLE_LINE_PITCH = Pt(28), Pt(20)  # fixed: 22 lines of body text per page
INDENT = Pt(32)  # two characters of 16 pt
PLACEHOLDER_COLOR = RGBColor(0x1F, 0x4E, 0xB4)  # blue: plainly not part of the finished text

TITLE_STYLE, PLACEHOLDER_STYLE, TABLE_STYLE = "Title", "填写提示", "表格文字"
HEADING_STYLES = {depth: f"Heading {depth}" for depth in HEADING_FONTS}
# Everything else in python-docx's template is dropped from the base (smaller, faster files).
KEPT_STYLES = {"Normal", "Footer", "Table Grid", "Normal Table", "Default Paragraph Font", "No List",
               TITLE_STYLE, *HEADING_STYLES.values()}

# ---- what each document says ----------------------------------------------------------------

# The document title per outline: who writes it, the meeting, the document's own name.
# ×× and 某单位 stay in the file for the writer to replace.
# The two parts are the title's two lines when it does not fit on one.
TITLES = {
    "banzi": ("某单位领导班子{meeting}", "对照检查材料"),
    "banzi-anli": ("某单位领导班子{meeting}", "对照检查材料"),
    "geren": ("××同志{meeting}", "个人对照检查材料"),
    "huiyi-jilu": ("某单位领导班子{meeting}", "会议记录"),
    "piping-yijian": ("{meeting}", "对××同志的批评意见"),
    "zhenggai-qingdan": ("某单位领导班子{meeting}", "查摆问题整改清单"),
}
TITLE_LINE_CHARACTERS = 20  # 156 mm of 22 pt characters
# What to put after a header field of the meeting record (议程 lists the agenda instead).
FIELD_HINTS = {"时间": "××××年×月×日", "地点": "××", "出席人": "××、××（应到×人，实到×人）",
               "缺席人": "××（缺席原因）", "列席人": "××（单位、职务）", "主持人": "××", "记录人": "××"}
AGENDA_FIELD = "议程"
# What to put in the cells of a table row, by column name.
COLUMN_HINTS = {"存在问题": "【具体问题】", "整改措施": "【具体措施】", "责任人": "××",
                "完成时限": "×年×月"}
# 156 mm in all; the short columns fit their names in 12 pt.
COLUMN_WIDTHS = {"序号": Mm(13), "存在问题": Mm(45), "整改措施": Mm(45), "责任人": Mm(17),
                 "完成时限": Mm(22), "备注": Mm(14)}
ROWS_PER_GROUP = 2
EMPTY_HINT = "在此撰写本部分内容"


@dataclass(frozen=True)
class DocxFile:
    path: str  # site path, e.g. downloads/2025年度民主生活会-班子对照检查材料.docx
    content: bytes
    outline_page: str  # the outline page (source path) that offers it
    label: str  # the document type, as shown on buttons and lists
    meeting_id: str


def docx_targets(library: Library) -> list[DocxFile]:
    """Every Word template's file, page and label, in docx_files' order; content not built (b"")."""
    targets = [DocxFile(docx_path(outline, meeting), b"", outline_page(outline, meeting), outline.title, meeting.id)
               for meeting in library.meetings for outline in library.outlines if outline.applies_to(meeting)]
    paths = [target.path for target in targets]
    duplicates = sorted({p for p in paths if paths.count(p) > 1})
    if duplicates:  # two meetings with the same title would overwrite each other's files
        raise ValueError(f"Word template file names are not unique: {', '.join(duplicates)}")
    return targets


def docx_contents(library: Library) -> list[bytes]:
    """The bytes of every Word template, in docx_targets' order."""
    return [build_docx(outline, meeting, library)
            for meeting in library.meetings for outline in library.outlines if outline.applies_to(meeting)]


def docx_files(library: Library, contents: list[bytes] | None = None) -> list[DocxFile]:
    """A Word template for every meeting and every outline that applies to it.

    contents: docx_contents(library) if already built (in another process, see
    docx_contents_in_fork); None, or a list of the wrong length, builds them here."""
    targets = docx_targets(library)
    if contents is None or len(contents) != len(targets):
        contents = docx_contents(library)
    return [replace(target, content=content) for target, content in zip(targets, contents)]


def docx_contents_in_fork(library: Library) -> Callable[[], list[bytes] | None]:
    """Start docx_contents(library) in a forked process (hooks.site.forked); the returned function
    waits for the result. It gives None if the process failed: docx_files then builds here, so
    an error is raised as without the fork."""
    receiver, process = start_in_fork(lambda sender: sender.send(docx_contents(library)))

    def collect() -> list[bytes] | None:
        try:
            return receiver.recv()
        except (EOFError, OSError):
            return None
        finally:
            receiver.close()
            process.join()
    return collect


def docx_path(outline: Outline, meeting: Meeting) -> str:
    """downloads/<meeting>-<document type>.docx, in Chinese, safe on every file system (the
    rule lives in hooks.data.names, so the data check refuses titles that collide or do not fit)."""
    return f"downloads/{docx_file_name(meeting.title, outline.title)}"


def document_title(outline: Outline, meeting: Meeting) -> str:
    return "".join(_title_lines(outline, meeting))


def _title_lines(outline: Outline, meeting: Meeting) -> tuple[str, ...]:
    """The title, split where the meeting ends if it is too long for one line (not mid-word)."""
    first, second = TITLES.get(outline.id, ("{meeting}", outline.title))
    first = first.format(meeting=meeting.title)
    width = sum(0.5 if char.isascii() else 1 for char in first + second)  # ×, “” are full width in CJK fonts
    return (first + second,) if width <= TITLE_LINE_CHARACTERS else (first, second)


def build_docx(outline: Outline, meeting: Meeting, library: Library | None = None) -> bytes:
    """The .docx of `outline` for `meeting`. (`library` is accepted for symmetry; unused.)"""
    writer = _Writer(docx.Document(io.BytesIO(_base_document())))
    title = writer.paragraph("", TITLE_STYLE)
    for n, line in enumerate(_title_lines(outline, meeting)):
        run = title.add_run()
        if n:
            run.add_break()  # a line break: still one title paragraph
        run.add_text(line)
    writer.paragraph("")  # GB/T 9704: one empty line between title and body
    headings = instantiate(outline, meeting)
    if outline.columns:
        writer.table_document(outline.columns, headings)
    else:
        writer.headings(headings, agenda=[h.title for h in headings if h.label])
    out = io.BytesIO()
    writer.document.save(out)
    return out.getvalue()


# ---- content --------------------------------------------------------------------------------

class _Writer:
    """Appends paragraphs to one document; styles are looked up once (python-docx's lookup is slow)."""

    def __init__(self, document: Document):
        self.document = document
        self._styles: dict[str, BaseStyle] = {}

    def style(self, name: str) -> BaseStyle:
        if name not in self._styles:
            self._styles[name] = self.document.styles[name]
        return self._styles[name]

    def paragraph(self, text: str, style: str = "Normal") -> Paragraph:
        return self.styled(self.document.add_paragraph(text), style)

    def styled(self, paragraph: Paragraph, style: str) -> Paragraph:
        paragraph._p.style = self.style(style).style_id  # by id: python-docx's setter looks it up again
        return paragraph

    def placeholder(self, text: str) -> None:
        self.paragraph(f"【{text}】", PLACEHOLDER_STYLE)

    def headings(self, headings: tuple[Heading, ...], agenda: list[str]) -> None:
        """Each heading, its header fields, then a note on what to write; then its children."""
        for heading in headings:
            if heading.label:
                self.paragraph(heading.text, HEADING_STYLES[min(heading.depth, 4)])
            if heading.guidance or not (heading.children or heading.fields):
                hint = heading.guidance or EMPTY_HINT
                # An unnumbered section (会前准备情况 …) is a paragraph, not a heading: name it in the note.
                self.placeholder(hint if heading.label else f"{heading.title}：{hint}")
            for field in heading.fields:
                self.field(field, agenda)
            self.headings(heading.children, agenda)

    def field(self, field: str, agenda: list[str]) -> None:
        """A header field of the meeting record; 议程 lists the agenda (the numbered sections)."""
        paragraph = self.paragraph(f"{field}：")
        if field == AGENDA_FIELD and agenda:
            for n, item in enumerate(agenda, start=1):
                self.paragraph(f"{n}. {item}")
            return
        _hint_run(paragraph, FIELD_HINTS.get(field, "××"))

    def table_document(self, columns: tuple[str, ...], headings: tuple[Heading, ...]) -> None:
        """整改清单: notes of the unnumbered sections, then one table grouped by the numbered ones."""
        for heading in headings:
            if not heading.label:
                self.placeholder(f"{heading.title}：{heading.guidance or EMPTY_HINT}")
        table = self.document.add_table(rows=1, cols=len(columns))
        table.style = self.style("Table Grid")
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        widths = [COLUMN_WIDTHS.get(column, Mm(20)) for column in columns]
        for grid_column, width in zip(table._tbl.tblGrid.gridCol_lst, widths):
            grid_column.w = width
        header = table.rows[0]
        header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeats on every page
        for cell, column, width in zip(header.cells, columns, widths):
            cell.width = width
            paragraph = self.styled(cell.paragraphs[0], TABLE_STYLE)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _east_asian(paragraph.add_run(column)._r.get_or_add_rPr(), HEADING_FONTS[1])
        number = 0
        for group in (h for h in headings if h.label):
            row = table.add_row()
            # One cell spanning the row (python-docx's merge() is slow and does the same).
            first, *rest = row._tr.tc_lst
            for tc in rest:
                row._tr.remove(tc)
            first.grid_span = len(columns)
            row.cells[0].width = sum(widths, Mm(0))
            paragraph = self.styled(row.cells[0].paragraphs[0], HEADING_STYLES[1])
            paragraph.add_run(group.text)
            paragraph.paragraph_format.first_line_indent = Pt(0)
            for _ in range(ROWS_PER_GROUP):
                number += 1
                for cell, column, width in zip(table.add_row().cells, columns, widths):
                    cell.width = width
                    paragraph = self.styled(cell.paragraphs[0], TABLE_STYLE)
                    if column == columns[0]:
                        paragraph.add_run(str(number))
                        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    elif COLUMN_HINTS.get(column):
                        _hint_run(paragraph, COLUMN_HINTS[column])


def _hint_run(paragraph: Paragraph, text: str) -> None:
    """Text to replace inside an otherwise finished line (after 时间：, in a table cell)."""
    paragraph.add_run(text).font.color.rgb = PLACEHOLDER_COLOR


# ---- the base document: page, styles, footer, metadata ----------------------------------------

@functools.cache
def _base_document() -> bytes:
    document = docx.Document()
    _prune(document)
    _page_setup(document)
    _styles(document)
    _page_numbers(document)
    _clear_metadata(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _prune(document: Document) -> None:
    """Drop the template's unused styles, the Word 2010 style copy and the thumbnail."""
    for style in list(document.styles):
        if style.name not in KEPT_STYLES:
            style.element.getparent().remove(style.element)
    part = document.part
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            part.drop_rel(rel_id)
    package_part = part.package
    for rel_id, rel in list(package_part.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package_part.rels[rel_id]


def _page_setup(document: Document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    section.footer_distance = FOOTER_DISTANCE
    section.start_type = WD_SECTION.NEW_PAGE


def _styles(document: Document) -> None:
    styles = document.styles
    _defaults(styles.element)
    _paragraph_style(styles["Normal"], BODY_FONT, BODY_SIZE, indent=INDENT)
    title = _paragraph_style(styles[TITLE_STYLE], TITLE_FONT, TITLE_SIZE, indent=Pt(0))
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for depth, name in HEADING_STYLES.items():
        heading = _paragraph_style(styles[name], HEADING_FONTS[depth], BODY_SIZE, indent=INDENT)
        heading.paragraph_format.keep_with_next = True
        _outline_level(heading, depth - 1)  # keeps the headings in Word's navigation pane
    hint = styles.add_style(PLACEHOLDER_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    hint.base_style = styles["Normal"]
    hint.font.color.rgb = PLACEHOLDER_COLOR
    hint.quick_style = True
    table_text = styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    _paragraph_style(table_text, BODY_FONT, TABLE_SIZE, indent=Pt(0), line=TABLE_LINE_PITCH)
    table_text.base_style = styles["Normal"]
    _paragraph_style(styles["Footer"], PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE, indent=Pt(0), line=None)


def _defaults(styles_element) -> None:
    """Document defaults: 仿宋 for every script (no theme fonts), Chinese as the East Asian language."""
    r_pr = styles_element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _east_asian(r_pr, BODY_FONT)
    lang = r_pr.find(qn("w:lang"))
    lang.set(qn("w:eastAsia"), "zh-CN")


def _paragraph_style(style: BaseStyle, font: str, size: Pt, indent: Pt, line: Pt | None = LINE_PITCH):
    """Reset a style to: one font for all scripts, not bold or italic, black, fixed line pitch."""
    element = style.element
    # w:link names a character style twin that the pruned base no longer has.
    for child in (element.find(qn("w:pPr")), element.find(qn("w:rPr")), element.find(qn("w:link"))):
        if child is not None:
            element.remove(child)
    style.font.size = size
    style.font.bold = False
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    _east_asian(element.get_or_add_rPr(), font)
    fmt = style.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = indent
    if line is not None:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = line
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    return style


def _east_asian(r_pr, font: str) -> None:
    """Name the font for every script; without w:eastAsia Word shows Chinese in another font."""
    r_fonts = r_pr.get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        r_fonts.attrib.pop(qn(theme), None)
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        r_fonts.set(qn(script), font)


def _outline_level(style: BaseStyle, level: int) -> None:
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), str(level))
    style.element.get_or_add_pPr().append(outline)


def _page_numbers(document: Document) -> None:
    """"— 1 —" in 宋体 14 pt: odd pages at the right, even pages at the left, one character in."""
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    for footer, alignment, side in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
                                    (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left")):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.style = document.styles["Footer"]
        paragraph.alignment = alignment
        setattr(paragraph.paragraph_format, f"{side}_indent", PAGE_NUMBER_SIZE)
        _page_number_runs(paragraph)


def _page_number_runs(paragraph) -> None:
    paragraph.add_run("— ")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind:
            field_char = OxmlElement("w:fldChar")
            field_char.set(qn("w:fldCharType"), kind)
            run._r.append(field_char)
        elif text == " PAGE ":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        else:
            run.text = text
    paragraph.add_run(" —")
    for run in paragraph.runs:  # direct formatting too: some editors ignore the Footer style
        run.font.size = PAGE_NUMBER_SIZE
        _east_asian(run._r.get_or_add_rPr(), PAGE_NUMBER_FONT)


def _clear_metadata(document: Document) -> None:
    """No author, no 'generated by', no company: the file carries nothing about who made it."""
    core = document.core_properties
    core.author = core.last_modified_by = core.comments = core.title = core.subject = ""
    core.keywords = core.category = ""
    for part in document.part.package.iter_parts():
        if part.partname == "/docProps/app.xml":
            # python-docx keeps this part as raw bytes; empty the elements that could name anyone.
            blob = part.blob.decode("utf-8")
            blob = re.sub(r"<(Company|Manager)>[^<]*</\1>", r"<\1/>", blob)
            blob = blob.replace("<Application>Microsoft Macintosh Word</Application>", "<Application/>")
            part._blob = blob.encode("utf-8")
