"""The import, step by step: read, clean, recognise, anonymise, parse, place, make records."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from hooks.data.library import load_meetings
from hooks.data.model import Meeting

from . import classify, minutes as minutes_module, sections
from .anonymise import Replacement, anonymise
from .clean import Line, clean_lines, is_title
from .emit import records, source_entry, source_id
from hooks.text.read import read_text
from .records import Draft
from .structure import Section, parse, walk


@dataclass
class Result:
    """Everything the report and the YAML need."""

    path: Path
    title: str
    doc_type: classify.Guess
    meeting: Meeting | None
    meeting_guess: classify.Guess
    unit: classify.Guess
    level: str
    case_analysis: bool
    tree: Section
    reading: sections.Reading | None
    minutes: minutes_module.Minutes | None
    drafts: list[Draft]
    replacements: list[Replacement]
    source: dict
    examples: list[dict]
    unplaced: list[tuple[int, str]] = field(default_factory=list)


def run(path: Path, data_dir: Path) -> Result:
    lines = clean_lines(read_text(path))
    if not lines:
        raise ValueError(f"{path}: no text left after removing web debris")
    title = document_title(lines)
    texts = [line.text for line in lines]
    doc_type = classify.document_type(title, texts)
    is_minutes = doc_type.value == classify.JILU
    people = minutes_module.people_in_header(lines) if is_minutes else []
    lines, replacements = anonymise(lines, "成员" if is_minutes else "××同志", people)
    title = document_title(lines)
    texts = [line.text for line in lines]
    tree = parse(lines)
    headings = [s.heading for _, s in walk(tree) if s.heading and s is not tree]
    meetings = load_meetings(data_dir)
    unit = classify.unit(title, texts)
    level = "班子" if doc_type.value == classify.BANZI else "个人"
    unplaced: list[tuple[int, str]] = []
    reading = minutes = None
    if is_minutes:
        minutes = minutes_module.read_minutes(lines)
        meeting, meeting_guess = classify.meeting(title, "".join(texts), headings, meetings)
        drafts = minutes_module.drafts(minutes)
        unplaced += minutes.unplaced
    else:
        reading = sections.read_tree(tree)
        group_headings = [g.section.heading for g in reading.groups if g.section.heading]
        meeting, meeting_guess = classify.meeting(title, "".join(texts), group_headings or headings, meetings)
        if meeting:
            sections.place_aspects(reading, meeting.aspects)
        drafts = sections.drafts(reading)
        unplaced += reading.unplaced
        unplaced += [(g.section.line, f"{g.section.heading!r}: no official aspect of "
                      f"{meeting.id if meeting else 'the meeting'}; items kept with aspect null and the heading as a tag")
                     for g in reading.groups if g.aspect is None]
    case_analysis = classify.has_case_analysis(headings + [title])
    full_text = "\n".join(texts)
    kind_slug = {"班子对照检查材料": "banzi", "个人对照检查材料": "geren", "会议记录": "jilu"}[doc_type.value]
    identifier = source_id(meeting.id if meeting else "", level, kind_slug, full_text)
    source = source_entry(
        identifier,
        f"{title}（导入草稿）",
        path.name,
        f"{doc_type.value}，{meeting.title if meeting else '会议未识别'}，{unit.value}；由 hooks.ingest 导入，待人工审核。",
        f"hooks.ingest 自动替换 {len(replacements)} 处（人名→{'成员' if is_minutes else '××同志'}A/B…，地名→某区/某小区…），原有 **/×× 遮挡保留。",
    )
    examples = records(drafts, source=identifier, meeting=meeting.id if meeting else "unknown",
                       level=level, unit=unit.value)
    return Result(path, title, doc_type, meeting, meeting_guess, unit, level, case_analysis, tree,
                  reading, minutes, drafts, replacements, source, examples, unplaced)


def document_title(lines: list[Line]) -> str:
    first = lines[0]
    return first.text if is_title(first.text) or first.md_level == 1 else ""
