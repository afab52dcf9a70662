"""Mistakes people really make in a data folder (files saved from Windows, pasted from Word or web
pages, copied from last year, put in the wrong place): each stops the check, and so the build,
with `file:line: field: expected …; found …` naming what is wrong — never a traceback, never a
file skipped without a word, never two generated pages or Word files with one name.

Written from the eight causes of issue 13, plus mistakes of our own (the `own_` ones)."""
from __future__ import annotations

import json
import os
import re
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.data_mistakes import billion_laughs
from conftest import REPO, build_site
from hooks.check import load_library, main as check_main
from hooks.data import layout, library as data_library
from hooks.data.errors import DataErrors
from hooks.data.loader import MAX_DEPTH
from hooks.data.names import FILE_NAME_BYTES, FIXED_PAGE_NAMES


# ---- helpers -------------------------------------------------------------------------------------

def edit(path: Path, old: str, new: str, count: int = 1) -> int:
    """Replace old by new in path; the line (1-based) where old began."""
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, count), "utf-8")
    return line


def line_of(path: Path, needle: str) -> int:
    text = path.read_text("utf-8")
    return text[: text.index(needle)].count("\n") + 1


def errors_of(data_dir: Path) -> list[str]:
    with pytest.raises(DataErrors) as failure:
        load_library(data_dir)
    return [str(e) for e in failure.value.errors]


EXAMPLES = "examples/authored.yaml"
MEETING = "meetings/2025-niandu.yaml"
FIRST_TEXT = "text: 学习满足于完成规定动作"


@dataclass
class Mistake:
    """A mistake made in a copy of data/: make(data) makes it and returns the line the error must
    name (None: the file as a whole); the error names `file` (relative to data/) and says `says`."""

    name: str
    make: Callable[[Path], int | None]
    file: str
    says: str


def _put(relative: str, text: str | bytes) -> Callable[[Path], None]:
    def make(data: Path) -> None:
        path = data / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text) if isinstance(text, bytes) else path.write_text(text, "utf-8")
    return make


def _copy(source: str, target: str) -> Callable[[Path], None]:
    def make(data: Path) -> None:
        (data / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(data / source, data / target)
    return make


def _in_text(insert: str, after: str = FIRST_TEXT, file: str = EXAMPLES) -> Callable[[Path], int]:
    return lambda data: edit(data / file, after, after + insert)


def _replace(file: str, old: str, new: str, lines_on: int = 0) -> Callable[[Path], int]:
    """old by new; the error's line is lines_on lines after where old began."""
    return lambda data: edit(data / file, old, new) + lines_on


def _then(*steps: Callable[[Path], int | None]) -> Callable[[Path], int | None]:
    """Several edits; the line of the last one."""
    def make(data: Path) -> int | None:
        line = None
        for step in steps:
            line = step(data)
        return line
    return make


def _later_error_after(char: str) -> Callable[[Path], int]:
    """A line break YAML sees and editors do not, then a real error further down: its line must
    be the editor's."""
    def make(data: Path) -> int:
        path = data / MEETING
        edit(path, "context: 深入贯彻", f"context: 深入{char}贯彻")
        return edit(path, "    short: 三个敬畏", "    short: 三个敬畏\n    colour: red") + 1
    return make


def _new_meeting(target: str, id_: str, title: str, at: str = "id") -> Callable[[Path], int]:
    """A copy of the 2018 meeting (no records refer to it) with a new id and title; the line of
    the field `at`."""
    def make(data: Path) -> int:
        shutil.copy(data / "meetings/2018-niandu.yaml", data / target)
        edit(data / target, "title: 2018年度民主生活会", f"title: {title}")
        edit(data / target, "id: 2018-niandu", f"id: {id_}")
        return line_of(data / target, f"\n{at}:") + 1 if at != "id" else 1
    return make


def _billion_laughs(data: Path) -> None:
    """A record whose title is nine levels of nine aliases: 9^9 strings once expanded, in 1 KB."""
    text = billion_laughs()
    assert len(text.encode()) < 1100
    (data / "examples" / "bomb.yaml").write_text(text, "utf-8")


def _deep(levels: int, block: bool = False) -> Callable[[Path], int]:
    def make(data: Path) -> int:
        body = "  - " + (("- " * levels + "x\n") if block else ("[" * levels + "]" * levels + "\n"))
        (data / "examples" / "deep.yaml").write_text("source: authored\nexamples:\n" + body, "utf-8")
        return 3
    return make


MISTAKES = [
    # 1. files that were not read, without a word
    Mistake("misspelt_folder", _copy(EXAMPLES, "exmaples/more.yaml"), "exmaples/more.yaml", "did you mean examples/?"),
    Mistake("subfolder", _copy(EXAMPLES, "examples/2025/more.yaml"), "examples/2025/more.yaml",
            "go directly in data/examples/"),
    Mistake("capital_extension", _copy(EXAMPLES, "examples/more.YAML"), "examples/more.YAML", "rename it to more.yaml"),
    Mistake("hidden_txt_extension", _copy(EXAMPLES, "examples/more.yaml.txt"), "examples/more.yaml.txt",
            "rename it to more.yaml"),
    Mistake("yml", _copy(EXAMPLES, "examples/more.yml"), "examples/more.yml", "rename it to more.yaml"),
    Mistake("capital_folder", _copy(EXAMPLES, "Examples/more.yaml"), "Examples/more.yaml", "did you mean examples/?"),
    Mistake("file_at_the_top", _copy(EXAMPLES, "more.yaml"), "more.yaml", "examples/*.yaml"),
    Mistake("material_not_imported", _put("examples/材料.docx", b"PK\x03\x04"), "examples/材料.docx", "hooks.ingest"),
    # 2. ids that would give two generated pages one path
    Mistake("dimension_index", _replace("dimensions.yaml", "- id: zhengzhi\n", "- id: index\n"), "dimensions.yaml",
            "other than index and other"),
    Mistake("meeting_index", _new_meeting("meetings/index.yaml", "index", "测试会议"), "meetings/index.yaml",
            "other than index and other"),
    Mistake("aspect_index", _replace(MEETING, "- id: guandang-zhidang", "- id: index"), MEETING,
            "other than index and other"),
    Mistake("aspect_other", _replace(MEETING, "- id: guandang-zhidang", "- id: other"), MEETING,
            "other than index and other"),
    Mistake("outline_index", _then(lambda d: (d / "outlines/geren.yaml").rename(d / "outlines/index.yaml"),
                                   _replace("outlines/index.yaml", "id: geren", "id: index")),
            "outlines/index.yaml", "other than index and other"),
    # 3. exceptions instead of data errors
    Mistake("vertical_tab", _in_text("\x0b一是"), EXAMPLES, "U+000B"),
    Mistake("nul", _in_text("\x00"), EXAMPLES, "U+0000"),
    Mistake("escape_character", _in_text("\x1b[0m"), EXAMPLES, "U+001B"),
    Mistake("form_feed", _in_text("\x0c"), EXAMPLES, "U+000C"),
    Mistake("impossible_date_held", _replace(MEETING, "held: 中央政治局会议于2025年12月25日至26日召开", "held: 2025-02-30"),
            MEETING, 'put it in quotes to keep it as text: "2025-02-30"'),
    Mistake("impossible_date_title", _replace(MEETING, "title: 2025年度民主生活会", "title: 2026-02-30"), MEETING,
            "2026-02-30, which YAML reads as a date"),
    Mistake("folder_named_like_a_file", lambda d: (d / "examples/more.yaml").mkdir(), "examples/more.yaml/",
            "an empty folder inside examples/"),
    # 5. what the check could not see and the build broke on
    Mistake("readme_step_1_title_unchanged",
            _then(_copy(MEETING, "meetings/2026-niandu.yaml"),
                  _replace("meetings/2026-niandu.yaml", "year: 2025", "year: 2026"),
                  lambda d: edit(d / "meetings/2026-niandu.yaml", "id: 2025-niandu", "id: 2026-niandu") + 3),
            "meetings/2026-niandu.yaml", "a title no other meeting has"),
    Mistake("long_meeting_title", _replace(MEETING, "title: 2025年度民主生活会", "title: " + "很长的标题" * 20),
            MEETING, "bytes too long"),
    Mistake("escaped_uffff", _replace(MEETING, "title: 带头坚决扛起管党治党责任", 'title: "带头坚决扛起\\uFFFF管党治党责任"'),
            MEETING, "U+FFFF"),
    Mistake("escaped_control", _replace(EXAMPLES, "title: 理论武装没有真正入脑入心", 'title: "理论武装\\x0b没有真正入脑入心"'),
            EXAMPLES, "U+000B"),
    # 6. line breaks to YAML, not to editors: later errors keep the editor's line
    Mistake("line_separator", _later_error_after("\u2028"), MEETING, "unknown field 'colour'"),
    Mistake("paragraph_separator", _later_error_after("\u2029"), MEETING, "unknown field 'colour'"),
    Mistake("next_line", _later_error_after("\x85"), MEETING, "unknown field 'colour'"),
    Mistake("line_separator_named", _in_text("\u2028"), EXAMPLES, "U+2028 LINE SEPARATOR"),
    # weak messages
    Mistake("tab_indent", _replace(EXAMPLES, "    meeting: 2025-niandu\n    aspect: null",
                                   "    meeting: 2025-niandu\n\taspect: null", 1), EXAMPLES, "tab (U+0009"),
    Mistake("empty_file", _put("examples/new.yaml", "# to do\n"), "examples/new.yaml", "an empty file"),
    Mistake("date_held", _replace(MEETING, "held: 中央政治局会议于2025年12月25日至26日召开", "held: 2025-12-25"), MEETING,
            'put it in quotes to keep it as text: "2025-12-25"'),
    Mistake("sexagesimal", _replace(MEETING, "short: 三个敬畏", "short: 12:30"), MEETING,
            "12:30, which YAML reads as a number"),
    Mistake("no_as_false", _replace(MEETING, "short: 三个敬畏", "short: NO"), MEETING, 'in quotes to keep it as text: "NO"'),
    # our own: what else people do
    Mistake("own_quote_starts_text", _replace(EXAMPLES, "title: 理论武装没有真正入脑入心", 'title: "理论武装"没有真正入脑入心'),
            EXAMPLES, "to start a text with a quote"),
    Mistake("own_full_width_colon", _replace(EXAMPLES, "title: 理论武装没有真正入脑入心", "title：理论武装没有真正入脑入心"),
            EXAMPLES, "a full-width colon"),
    Mistake("own_full_width_indent", _replace(EXAMPLES, "    meeting: 2025-niandu\n    aspect: null",
                                              "    meeting: 2025-niandu\n\u3000\u3000aspect: null", 1),
            EXAMPLES, "U+3000"),
    Mistake("own_zero_width_space_in_a_name", _in_text("张\u200b书记要求整改。"), EXAMPLES, "U+200B ZERO WIDTH SPACE"),
    Mistake("own_saved_as_gbk", lambda d: (d / EXAMPLES).write_bytes((d / EXAMPLES).read_text("utf-8").encode("gbk"))
            and None, EXAMPLES, "GBK"),
    Mistake("own_saved_as_utf16", lambda d: (d / EXAMPLES).write_bytes((d / EXAMPLES).read_text("utf-8").encode("utf-16"))
            and None, EXAMPLES, "UTF-16"),
    Mistake("own_copy_left_beside", _copy(EXAMPLES, "examples/authored - 副本.yaml"), "examples/authored - 副本.yaml",
            "a copy?"),
    Mistake("own_meeting_among_examples", _copy("meetings/2018-niandu.yaml", "examples/2018-niandu.yaml"),
            "examples/2018-niandu.yaml", "move it there"),
    Mistake("own_text_starts_with_star", _replace(EXAMPLES, "title: 理论武装没有真正入脑入心", "title: *某单位理论武装没有入脑入心"),
            EXAMPLES, "YAML takes *… for an alias"),
    Mistake("own_colon_in_value", _replace(EXAMPLES, "title: 理论武装没有真正入脑入心", "title: 问题: 理论武装没有入脑入心"),
            EXAMPLES, "': ' inside a value"),
    Mistake("own_two_files_joined", lambda d: (d / EXAMPLES).write_text(
        (d / EXAMPLES).read_text("utf-8") + "---\n" + (d / "examples/seed-000.yaml").read_text("utf-8"), "utf-8") and None,
        EXAMPLES, "one YAML document per file"),
    Mistake("own_year_left_in_copy", _new_meeting("meetings/2019-niandu.yaml", "2019-niandu", "2019年度测试会议", "year"),
            "meetings/2019-niandu.yaml", "year: expected the year the id starts with (2019)"),
    Mistake("own_word_list_ansi", _put("privacy/name_words.txt", "建国 红梅\n".encode("gbk")), "privacy/name_words.txt",
            "GBK"),
    Mistake("own_schema_bad_pattern", _replace("schema/common.schema.yaml", 'pattern: "^[a-z0-9][a-z0-9-]*$"',
                                               'pattern: "^[a-z0-9][a-z0-9-*$"'),
            "schema/common.schema.yaml", "a valid JSON Schema"),
    Mistake("own_no_break_space_after_colon", _replace(EXAMPLES, "title: 理论武装没有真正入脑入心", "title:\u00a0理论武装没有真正入脑入心"),
            EXAMPLES, "no-break"),
    Mistake("own_windows_path_in_quotes", _replace("sources.yaml", "file: 000_61249a1e89284a5c.txt",
                                                   'file: "C:\\Users\\材料\\000.txt"'), "sources.yaml", "single quotes"),
    Mistake("own_unclosed_quote", _replace(EXAMPLES, "title: 理论武装没有真正入脑入心", 'title: "理论武装没有真正入脑入心'),
            EXAMPLES, "a closing quote"),
    Mistake("own_record_without_dash", _replace(EXAMPLES, "  - id: au-y-02\n", "    id: au-y-02\n"), EXAMPLES,
            "its own '- id:' line"),
    Mistake("own_tags_not_a_list", _replace(EXAMPLES, "tags: [思想根源, 理论武装, 学用脱节]", "tags: 思想根源，理论武装"),
            EXAMPLES, "a list: [first, second]"),
    Mistake("own_same_title_but_spaces", _new_meeting("meetings/2018-copy.yaml", "2018-copy", "2018年度 民主生活会", "title"),
            "meetings/2018-copy.yaml", "names the same file"),
    Mistake("own_office_lock_file", _put("examples/~$材料.docx", b"x"), "examples/~$材料.docx", "temporary file"),
    Mistake("own_finder_file", _put(".DS_Store", b"\x00\x00\x00\x01Bud1"), ".DS_Store", "file manager"),
    Mistake("own_hashtag_dropped_as_comment", _replace(EXAMPLES, "title: 理论武装没有真正入脑入心",
                                                       "title: 理论武装没有真正入脑入心 #学用脱节#"),
            EXAMPLES, "'#学用脱节#' dropped"),
    Mistake("own_field_indented_one_more", _replace(EXAMPLES, "    meeting: 2025-niandu\n", "     meeting: 2025-niandu\n"),
            EXAMPLES, "indented alike"),
    Mistake("own_dash_without_space", _replace(EXAMPLES, "  - id: au-y-02\n", "  -id: au-y-02\n"), EXAMPLES,
            "a - with no space after it"),
    Mistake("own_material_pasted_into_yaml", _put("examples/new.yaml", "一、存在的问题\n（一）理论学习不够深入。\n"),
            "examples/new.yaml", "plain text, not fields"),
    Mistake("own_chinese_comma_in_a_list", _replace(MEETING, "dimensions: [zhengzhi, lilun-wuzhuang]",
                                                    "dimensions: [zhengzhi，lilun-wuzhuang]"), MEETING, "ASCII comma"),
    Mistake("own_sources_as_a_folder", _copy("sources.yaml", "sources/sources.yaml"), "sources/sources.yaml",
            "did you mean the file sources.yaml?"),
]


@pytest.mark.parametrize("mistake", MISTAKES, ids=[m.name for m in MISTAKES])
def test_each_mistake_is_reported_where_it_is(mistake: Mistake, data_copy: Path) -> None:
    line = mistake.make(data_copy)
    errors = errors_of(data_copy)
    where = f"data/{mistake.file}" + (f":{line}:" if line else ":")
    assert any(e.startswith(where) and mistake.says in e for e in errors), "\n".join(errors)
    assert all(re.match(r"[^:]+(:\d+)?: [^:]+: expected .+", e) for e in errors), errors


@pytest.mark.parametrize("newline, bom", [("\r\n", "\ufeff"), ("\r", ""), ("\n", "\ufeff")],
                         ids=["windows_with_bom", "old_mac", "unix_with_bom"])
def test_line_endings_and_byte_order_marks_are_read(newline: str, bom: str, data_copy: Path) -> None:
    """Files saved by Windows editors (CRLF, a UTF-8 byte-order mark) or old Macs (CR) are read,
    and an error in one names the line the editor shows."""
    path = data_copy / EXAMPLES
    text = path.read_text("utf-8")
    path.write_bytes((bom + text.replace("\n", newline)).encode("utf-8"))
    assert load_library(data_copy).records
    line = line_of(path, "part: 原因")
    path.write_bytes((bom + text.replace("part: 原因", "part: 原困", 1).replace("\n", newline)).encode("utf-8"))
    assert any(e.startswith(f"data/{EXAMPLES}:{line}: examples[0].part: expected one of") for e in errors_of(data_copy))


def test_a_mistake_is_one_error_not_a_cascade(data_copy: Path) -> None:
    """A file that cannot be read stops the checks that would report what it held as missing."""
    (data_copy / MEETING).write_bytes(b"\xff\xfe" + "id: 2025".encode("utf-16-le"))
    assert errors_of(data_copy) == [
        "data/meetings/2025-niandu.yaml: (file): expected a text file saved as UTF-8 (in Notepad: Save as → "
        "Encoding: UTF-8); found a file saved as UTF-16 (Notepad's “Unicode”)"]


# ---- characters -----------------------------------------------------------------------------------------

def test_every_character_yaml_refuses_or_counts_as_a_line_break_is_refused_first() -> None:
    """So that YAML never stops with "<unicode string>, position N", and its line numbers stay the
    editor's: what PyYAML's reader refuses, and U+0085, U+2028, U+2029, the check refuses itself."""
    import yaml.reader
    from hooks.data.loader import _REFUSED
    yaml_refuses = yaml.reader.Reader.NON_PRINTABLE
    missed = [f"U+{code:04X}" for code in range(0x110000)
              if (yaml_refuses.match(chr(code)) or chr(code) in "\x85\u2028\u2029") and not _REFUSED.match(chr(code))
              and chr(code) not in "\t\n\r"]
    assert missed == []


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(min_size=1, max_size=12), st.text(
    st.sampled_from("a中 \t\n\x00\x0b\x0c\x1b\x7f\x85\x9f\ufffe\uffff\u2028\u200b\U0010ffff\U0001fffe"), min_size=1, max_size=6)))
def test_text_the_check_accepts_fits_in_a_word_file(text: str) -> None:
    """Whatever text the check lets through, escaped or not, lxml takes into a Word file."""
    import docx
    from hooks.data.loader import parse_document
    document, errors = parse_document(f"title: {json.dumps(text)}\n", "x.yaml")
    if errors or document is None or not isinstance(document.content.get("title"), str):
        return
    docx.Document().add_paragraph(document.content["title"])  # lxml raises ValueError on what XML cannot hold


# ---- links, permissions, missing folders ------------------------------------------------------------

def test_links_that_lead_nowhere(data_copy: Path) -> None:
    (data_copy / "examples" / "loop.yaml").symlink_to("loop.yaml")
    (data_copy / "examples" / "gone.yaml").symlink_to("nowhere.yaml")
    errors = errors_of(data_copy)
    assert any(e.startswith("data/examples/loop.yaml: (file): ") and "leads back to itself" in e for e in errors)
    assert any(e.startswith("data/examples/gone.yaml: (file): ") and "does not exist" in e for e in errors)


def _unreadable(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """chmod 000; as root, who reads everything, reading that path is made to fail the same way."""
    path.chmod(0)
    if os.geteuid() != 0:
        return
    real_read_bytes, real_scandir = Path.read_bytes, os.scandir

    def read_bytes(self: Path) -> bytes:
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    def scandir(folder: object = ".") -> object:
        if Path(folder) == path:
            raise PermissionError(13, "Permission denied", str(folder))
        return real_scandir(folder)
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.setattr(os, "scandir", scandir)


def test_unreadable_file(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _unreadable(data_copy / EXAMPLES, monkeypatch)
    try:
        errors = errors_of(data_copy)
    finally:
        (data_copy / EXAMPLES).chmod(0o644)
    assert errors == [f"data/{EXAMPLES}: (file): expected a file the check can read; "
                      "found no permission to read it (ls -l; chmod u+r)"]


def test_unreadable_folder_is_one_error_naming_it(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _unreadable(data_copy / "meetings", monkeypatch)
    try:
        errors = errors_of(data_copy)
    finally:
        (data_copy / "meetings").chmod(0o755)
    assert errors == ["data/meetings/: (folder): expected a folder the check can read; "
                      "found no permission to read it (ls -l; chmod u+r)"]


@pytest.mark.parametrize("missing", ["", "schema", "privacy", "meetings"])
def test_missing_folders(missing: str, data_copy: Path) -> None:
    shutil.rmtree(data_copy / missing)
    errors = errors_of(data_copy)
    shown = "data/" + (f"{missing}/" if missing else "")
    assert any(e.startswith(f"{shown}: (folder): ") and "no such folder" in e for e in errors), errors
    assert len(errors) <= 2, errors  # the folder (and, for data/ itself, nothing else)


def test_word_lists_come_from_the_data_folder_checked(data_copy: Path) -> None:
    from hooks.privacy import rules
    edit(data_copy / EXAMPLES, FIRST_TEXT, FIRST_TEXT + "张书记要求整改。")
    try:
        assert any("«张书记»" in e for e in errors_of(data_copy))
        (data_copy / "privacy" / "surnames.txt").write_text("# 没有姓\n", "utf-8")
        assert load_library(data_copy).records  # this folder's list knows no 张: nothing found
    finally:
        rules.use_word_lists(rules.DATA_DIR)


def test_word_lists_are_the_layout_table_rows() -> None:
    """The personal-data check reads exactly the privacy/ rows of hooks/data/layout.py's table."""
    from hooks.privacy import rules
    rows = {row.pattern for row in layout.DATA_FILES if row.folder == "privacy"}
    assert rows == {f"privacy/{name}" for name in [*rules.WORD_LISTS.values(), rules.COMMON_WORDS_FILE]}


# ---- what takes time and memory ------------------------------------------------------------------

def _check_in_a_subprocess(data_dir: Path) -> subprocess.CompletedProcess:
    """`python -m hooks.check`, limited to 1 GB of memory (a regression fails, not the machine)."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
    return subprocess.run([sys.executable, "-m", "hooks.check", str(data_dir)], cwd=REPO, capture_output=True,
                          text=True, timeout=120, preexec_fn=limit)


@pytest.mark.parametrize("make, says", [
    (_billion_laughs, "no YAML anchors & and aliases *"),
    (_deep(1_000), f"nested at most {MAX_DEPTH} levels deep"),
    (_deep(50_000), f"nested at most {MAX_DEPTH} levels deep"),
    (_deep(50_000, block=True), f"nested at most {MAX_DEPTH} levels deep"),
], ids=["billion_laughs", "flow_1000", "flow_50000", "block_50000"])
def test_bombs_and_deep_nesting_are_refused(make: Callable, says: str, data_copy: Path) -> None:
    make(data_copy)
    result = _check_in_a_subprocess(data_copy)
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert re.search(r"data/examples/(bomb|deep)\.yaml:\d+: .*" + re.escape(says), result.stderr), result.stderr


def test_nesting_as_deep_as_allowed_is_read(tmp_path: Path) -> None:
    from hooks.data.loader import parse_document
    for depth in (MAX_DEPTH - 1, MAX_DEPTH):
        document, errors = parse_document("[" * depth + "]" * depth, "x.yaml")
        assert not errors and document is not None
        document, errors = parse_document("- " * depth + "x", "x.yaml")
        assert not errors and document is not None
    assert parse_document("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), "x.yaml")[0] is None


# ---- generated pages and Word files: no two with one name ---------------------------------------------

def _documents(data_dir: Path) -> dict:
    documents, errors = data_library.read_documents(data_dir, parallel=False)
    assert not errors
    return documents


def _page_paths(library) -> list[str]:
    from hooks.site.pages import Renderer
    return [path for path, _ in Renderer(library).page_jobs()]


def _urls(paths: list[str]) -> list[str]:
    """The URL each page gets with use_directory_urls (x.md and x/index.md are both x/)."""
    return [re.sub(r"(^|/)index$", "", path.removesuffix(".md")) for path in paths]


def test_fixed_page_names_are_those_of_the_real_paths() -> None:
    """Every name the real path functions put beside an id is one the check refuses as an id."""
    library = load_library(REPO / "data")
    ids = {m.id for m in library.meetings} | {a.id for m in library.meetings for a in m.aspects} | \
        set(library.dimensions) | {o.id for o in library.outlines}
    beside_ids = set()
    for path in _page_paths(library):
        parts = path.removesuffix(".md").split("/")
        if any(part in ids for part in parts[:-1]) or len(parts) == 2 and parts[0] in {
                "meetings", "aspects", "cases", "outlines"}:
            beside_ids.add(parts[-1])
    assert beside_ids - ids <= FIXED_PAGE_NAMES, beside_ids - ids
    assert "index" in beside_ids - ids and "other" in beside_ids - ids


# An id of each kind that becomes a path segment, and the fields that refer to it.
RENAMED = {"meeting": ("2018-niandu", ("id", "meeting")), "aspect": ("guandang-zhidang", ("id", "aspect")),
           "dimension": ("guandang", ("id", "dimensions")), "outline": ("geren", ("id",))}


def _rename(value: object, old: str, new: str, fields: tuple[str, ...]) -> object:
    """The id old renamed to new wherever one of fields holds it."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in fields and item == old:
                value[key] = new
            elif key in fields and isinstance(item, list):
                value[key] = [new if x == old else x for x in item]
            else:
                _rename(item, old, new, fields)
    elif isinstance(value, list):
        for item in value:
            _rename(item, old, new, fields)
    return value


def _set_id(documents: dict, kind: str, value: str) -> None:
    old, fields = RENAMED[kind]
    for group in documents.values():
        for document in group:
            _rename(document.content, old, value, fields)
            if document.path.endswith(f"/{old}.yaml"):
                document.path = document.path.replace(f"/{old}.yaml", f"/{value}.yaml")


@pytest.mark.parametrize("kind", ["meeting", "aspect", "dimension", "outline"])
def test_no_two_pages_share_a_path_whatever_the_id(kind: str) -> None:
    """For every name a generated page path holds, an id of that name is refused by the check,
    naming file, line and id, or else every page keeps a path and a URL of its own."""
    from hooks.data import crossref
    base = load_library(REPO / "data")
    names = {part for path in _page_paths(base) for part in path.removesuffix(".md").split("/")}
    names |= FIXED_PAGE_NAMES | {"2025-niandu", "zhengzhi", "banzi", "cases", "meetings", "aspects", "sources"}
    for name in sorted(names):
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
            continue
        documents = _documents(REPO / "data")
        _set_id(documents, kind, name)
        errors = crossref.check(documents)
        if errors:
            assert any(name in e.found or name in e.expected for e in errors), (name, errors)
            assert all(e.line for e in errors), errors
            continue
        paths = _page_paths(data_library.build_library(documents))
        assert len(paths) == len(set(paths)), (kind, name)
        assert len(_urls(paths)) == len(set(_urls(paths))), (kind, name)


@pytest.mark.parametrize("title", ["2025年度民主生活会", "2025年度 民主生活会", "2025年度民主生活会\t",
                                   "2018年度民主生活会-班子对照检查材料", "ABC民主生活会", "abc民主生活会",
                                   "长" * 60, "长" * 70, "长" * 100])
def test_word_file_names_never_collide_or_overflow(title: str) -> None:
    """A meeting title the check accepts gives Word templates whose names are unique on every file
    system and fit in one file name (hooks.word.templates, the real names)."""
    from hooks.data import crossref
    from hooks.data.names import same_file_key
    from hooks.word.templates import docx_targets
    documents = _documents(REPO / "data")
    meeting = next(d for d in documents["meetings"] if d.content["id"] == "2018-niandu")
    meeting.content["title"] = title
    next(d for d in documents["meetings"] if d.content["id"] == "2019-zhuti").content["title"] = "ABC民主生活会"
    errors = crossref.check(documents)
    if errors:
        assert all(e.field == "title" and e.line for e in errors), errors
        return
    names = [target.path.removeprefix("downloads/") for target in docx_targets(data_library.build_library(documents))]
    assert len({same_file_key(name) for name in names}) == len(names)
    assert max(len(name.encode()) for name in names) <= FILE_NAME_BYTES


# ---- every file under data/ is read or reported ---------------------------------------------------------

def test_every_file_of_the_shipped_data_is_read() -> None:
    found = layout.survey(REPO / "data")
    assert not found.errors
    listed = {path.relative_to(REPO / "data").as_posix() for paths in found.found.values() for path in paths}
    on_disk = {path.relative_to(REPO / "data").as_posix() for path in (REPO / "data").rglob("*") if path.is_file()}
    assert listed == on_disk


@pytest.mark.parametrize("name", ["x.YML", "X.Yaml", "x.json", "x", ".x", "x.yaml.bak", "x.yaml~", "x.md", "x.csv",
                                  "说明.txt", "x.schema.yaml"])
@pytest.mark.parametrize("folder", ["", "meetings/", "examples/", "schema/", "privacy/", "examples/sub/", "other/"])
def test_any_other_file_anywhere_is_an_error_naming_it(folder: str, name: str, data_copy: Path) -> None:
    relative = folder + name
    if any(re.fullmatch(row.pattern.replace(".", r"\.").replace("*", "[^/]*"), relative) for row in layout.DATA_FILES):
        return  # a name the check reads (schema/x.schema.yaml): read, and so checked
    (data_copy / relative).parent.mkdir(parents=True, exist_ok=True)
    (data_copy / relative).write_text("x: 1\n", "utf-8")
    errors = [str(e) for e in layout.survey(data_copy).errors]
    assert any(e.startswith(f"data/{relative}: (file): expected ") for e in errors), errors


@pytest.mark.parametrize("name", [".2025-niandu.yaml.swp", ".2025-niandu.yaml.swo", "4913", ".#2025-niandu.yaml",
                                  ".~lock.2025-niandu.yaml#"])
def test_an_editors_file_beside_an_open_data_file_is_skipped(name: str, data_copy: Path) -> None:
    """vim, Emacs and LibreOffice keep these only while the file is open: `mkdocs serve` must go on."""
    (data_copy / "meetings" / name).write_bytes(b"b0VIM 9.0\x00")
    assert load_library(data_copy).meetings
    (data_copy / "meetings" / "2025-niandu.yaml.bak").write_bytes(b"x")  # a backup is still an error
    assert any("2025-niandu.yaml.bak: (file)" in e for e in errors_of(data_copy))


# ---- the check and the build say the same --------------------------------------------------------------

BUILT = ["readme_step_1_title_unchanged", "long_meeting_title", "escaped_uffff", "aspect_other", "line_separator",
         "misspelt_folder"]


@pytest.mark.parametrize("name", BUILT)
def test_the_build_stops_as_the_check_does(name: str, data_copy: Path, tmp_path: Path, capsys) -> None:
    mistake = next(m for m in MISTAKES if m.name == name)
    mistake.make(data_copy)
    assert check_main([str(data_copy)]) == 1
    reported = capsys.readouterr().err.strip().splitlines()[1:]
    result = build_site(tmp_path / "site", data_dir=data_copy, check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output[-3000:]
    assert all(line.strip() in output for line in reported), (reported, output[-3000:])


# ---- README's "Adding a year", step by step ------------------------------------------------------------

def _readme_steps() -> list[str]:
    text = (REPO / "README.md").read_text("utf-8")
    section = text.split("## Adding a year", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\d+\. (.+?)(?=^\d+\. |\Z)", section, re.M | re.S)


def test_readme_adding_a_year_passes_at_each_step(data_copy: Path, tmp_path: Path) -> None:
    """README's steps, done to a fresh copy of data/ as written: the check passes after each."""
    steps = _readme_steps()
    assert len(steps) == 5, steps
    meetings = data_copy / "meetings"
    newest = max(meetings.glob("*.yaml"), key=lambda p: (p.name[:4], p.name))
    year = int(newest.name[:4]) + 1
    new = meetings / f"{year}-niandu.yaml"

    # 1. copy the newest meeting; change id, year and title
    assert all(word in steps[0] for word in ("`id`", "`year`", "`title`")), steps[0]
    shutil.copy(newest, new)
    old_id, old_year = newest.stem, int(newest.name[:4])
    edit(new, f"id: {old_id}", f"id: {year}-niandu")
    edit(new, f"year: {old_year}", f"year: {year}")
    edit(new, f"title: {old_year}年度民主生活会", f"title: {year}年度民主生活会")
    assert load_library(data_copy).meetings[0].id == f"{year}-niandu"
    result = build_site(tmp_path / "site-1", data_dir=data_copy, check=False)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]

    # 2. the new wording: known aspects only (none yet), aspect_count, a source for them
    assert "`aspect_count`" in steps[1] and "sources.yaml" in steps[1], steps[1]
    text = new.read_text("utf-8")
    head, _, _ = text.partition("themes:")
    (data_copy / "sources.yaml").write_text((data_copy / "sources.yaml").read_text("utf-8") + (
        f"  - id: notice-{year}\n    kind: report\n    title: {year}年度民主生活会的通知（示例）\n"), "utf-8")
    new.write_text(head + f"themes:\n  - text: 新一年的主题（示例）\n    scope: 中央\n    confirmed: false\n"
                   f"    source: notice-{year}\naspect_count: 5\naspects: []\n", "utf-8")
    assert load_library(data_copy).meetings[0].aspect_count == 5

    # 3. each aspect 1-3 dimensions
    assert "`dimensions`" in steps[2], steps[2]
    new.write_text(new.read_text("utf-8").replace(
        "aspects: []\n", f"aspects:\n  - id: zhengzhi-nengli\n    title: 带头强化政治能力（示例）\n"
        f"    dimensions: [zhengzhi]\n    confirmed: false\n    source: notice-{year}\n"), "utf-8")
    assert load_library(data_copy).meetings[0].aspects[0].dimensions == ("zhengzhi",)

    # 4. last year's held, context and required sections are not this year's
    assert "`held`" in steps[3] and "`required_sections`" in steps[3], steps[3]
    text = new.read_text("utf-8")
    text = re.sub(r"^(held|context): .*\n", "", text, flags=re.M)
    new.write_text(text, "utf-8")
    assert load_library(data_copy).meetings[0].held is None

    # 5. examples and cases, then make check-data and make serve
    assert "make check-data" in steps[4], steps[4]
    (data_copy / "examples" / f"{year}.yaml").write_text(
        f"source: notice-{year}\nexamples:\n  - id: y{year}-q-01\n    meeting: {year}-niandu\n"
        "    aspect: zhengzhi-nengli\n    part: 问题\n    level: 班子\n    unit: 通用\n    title: 示例标题\n"
        "    text: 示例正文，用自己的话写。\n", "utf-8")
    assert check_main([str(data_copy)]) == 0
    result = build_site(tmp_path / "site-5", data_dir=data_copy, check=False)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
