"""Bad data stops the build with file:line, the field, what was expected and what was found."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import build_site
from hooks.data.errors import DataErrors
from hooks.check import load_library


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def errors_of(data_dir: Path) -> list[str]:
    with pytest.raises(DataErrors) as failure:
        load_library(data_dir)
    return [str(e) for e in failure.value.errors]


def test_shipped_data_is_valid():
    library = load_library(Path(__file__).resolve().parent.parent / "data")
    assert library.meetings and library.records


def test_malformed_yaml_names_the_line(data_copy):
    target = data_copy / "examples" / "seed-000.yaml"
    edit(target, "examples:", "examples: [")
    errors = errors_of(data_copy)
    assert len(errors) == 1
    assert errors[0].startswith("data/examples/seed-000.yaml:")
    assert "well-formed YAML" in errors[0]


def test_unknown_key_names_file_line_field_and_suggests(data_copy):
    target = data_copy / "examples" / "seed-001.yaml"
    first_title = next(l for l in target.read_text("utf-8").splitlines() if l.strip().startswith("title:"))
    edit(target, first_title, first_title.replace("title:", "titel:"))
    line = line_of(target, "titel:")
    errors = errors_of(data_copy)
    assert any(e.startswith(f"data/examples/seed-001.yaml:{line}: examples[0].titel:")
               and "did you mean 'title'" in e and "unknown field 'titel'" in e for e in errors), errors
    # the missing title is reported too, in the same run
    assert any("examples[0].title: expected a value" in e for e in errors), errors


def test_wrong_type_and_enum(data_copy):
    target = data_copy / "meetings" / "2025-niandu.yaml"
    edit(target, "year: 2025", "year: 二〇二五")
    edit(target, "kind: 年度", "kind: 年会")
    errors = errors_of(data_copy)
    assert any(re.match(r"data/meetings/2025-niandu.yaml:\d+: year: expected a whole number; found '二〇二五'", e)
               for e in errors), errors
    assert any("kind: expected one of 年度, 专题; found '年会'" in e for e in errors), errors


def test_empty_required_text(data_copy):
    target = data_copy / "dimensions.yaml"
    text = target.read_text("utf-8")
    title = re.search(r"title: (.+)", text).group(0)
    edit(target, title, 'title: "  "')
    errors = errors_of(data_copy)
    assert any("dimensions[0].title: expected a non-empty text" in e for e in errors), errors


def test_unknown_references(data_copy):
    target = data_copy / "examples" / "seed-000.yaml"
    edit(target, "meeting: 2025-niandu", "meeting: 2026-niandu")
    edit(target, "aspect: guben-peiyuan", "aspect: gubenpeiyuan")
    errors = errors_of(data_copy)
    assert any(re.match(r"data/examples/seed-000.yaml:\d+: examples\[\d+\]\.meeting: expected a known meeting id", e)
               for e in errors), errors
    assert any("aspect: expected a known aspect of meeting 2025-niandu id" in e and "'gubenpeiyuan'" in e
               for e in errors), errors


def test_aspect_that_the_meeting_does_not_have(data_copy):
    target = data_copy / "examples" / "seed-004.yaml"  # 2023 batch 1
    edit(target, "aspect: lilun-xuexi", "aspect: guben-peiyuan")
    errors = errors_of(data_copy)
    assert any("aspect of meeting 2023-zhuti-1" in e and "guben-peiyuan" in e for e in errors), errors


def test_id_used_twice_across_files(data_copy):
    source = (data_copy / "examples" / "seed-000.yaml").read_text("utf-8")
    first_id = re.search(r"- id: (\S+)", source).group(1)
    target = data_copy / "examples" / "seed-001.yaml"
    second_id = re.search(r"- id: (\S+)", target.read_text("utf-8")).group(1)
    edit(target, f"id: {second_id}", f"id: {first_id}")
    errors = errors_of(data_copy)
    assert any(e.startswith("data/examples/seed-001.yaml:") and "already defined at data/examples/seed-000.yaml:" in e
               for e in errors), errors


def test_duplicate_key_in_one_mapping(data_copy):
    target = data_copy / "dimensions.yaml"
    text = target.read_text("utf-8")
    title = re.search(r"\n(\s+)title: (.+)", text)
    edit(target, title.group(0), title.group(0) + f"\n{title.group(1)}title: 重复")
    errors = errors_of(data_copy)
    assert any("appears twice" in e and e.startswith("data/dimensions.yaml:") for e in errors), errors


def test_personal_data_stops_and_an_exception_accepts_it(data_copy):
    target = data_copy / "examples" / "authored.yaml"
    text = target.read_text("utf-8")
    old = re.search(r"text: (.+)", text).group(1)
    edit(target, f"text: {old}", f"text: 张书记在阳光花园小区召开现场会。{old}")
    errors = errors_of(data_copy)
    assert any("«张书记»" in e and "no personal data" in e for e in errors), errors
    assert any("«阳光花园小区»" in e for e in errors), errors
    (data_copy / "privacy_exceptions.yaml").write_text(
        "exceptions:\n  - match: 张书记\n    reason: 测试用的虚构名称，不指向真实的人和地方\n  - match: 阳光花园小区\n    reason: 测试用的虚构名称，不指向真实的人和地方\n",
        encoding="utf-8")
    assert load_library(data_copy).records


def test_several_errors_in_one_run(data_copy):
    edit(data_copy / "meetings" / "2024-niandu.yaml", "kind: 年度", "kind: x")
    edit(data_copy / "meetings" / "2022-niandu.yaml", "kind: 年度", "kind: y")
    errors = errors_of(data_copy)
    assert any("2024-niandu" in e for e in errors) and any("2022-niandu" in e for e in errors)


def test_the_build_stops_with_the_message_and_no_traceback(data_copy, tmp_path):
    edit(data_copy / "meetings" / "2025-niandu.yaml", "kind: 年度", "kind: 年会")
    result = build_site(tmp_path / "site", data_dir=data_copy, check=False)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert re.search(r"data/meetings/2025-niandu.yaml:\d+: kind: expected one of 年度, 专题; found '年会'", output)
    assert "Traceback" not in output


def test_check_command_reports_errors(data_copy, capsys):
    from hooks.check import main
    edit(data_copy / "meetings" / "2025-niandu.yaml", "kind: 年度", "kind: 年会")
    assert main([str(data_copy)]) == 1
    assert "kind: expected one of" in capsys.readouterr().err
