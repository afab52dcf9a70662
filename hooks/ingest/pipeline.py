"""The import, stage by stage, each a function from one typed value to the next:

    read → clean → structure → classify → map aspects → records → anonymise → emit

Source → Cleaned → Structured → Classified → Placed → Drafted → Anonymised → Output.
A stage adds to what it was given and hands it on; the logic of each lives in its own module.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from hooks.data.library import load_meetings
from hooks.data.model import Meeting

from . import classify as kinds
from .anonymise import Mask, build_mask, count_uses
from .clean import Cleaned, clean
from .emit import Output, emit_output
from .minutes import ORGAN, ROLE, Minutes, looks_like_minutes, read_minutes, unfold
from .notice import Notice, meeting_draft, read_notice
from hooks.text.read import Source, read
from .records import Draft, minutes_drafts, reading_drafts
from .sections import Group, Reading, read_tree
from .structure import Loose, Section, parse, walk
from hooks.text.aspects import assign


# ====================================================================== values

@dataclass
class Structured:
    """The document's shape: its section tree, what the tree's parts hold, and for minutes
    the speakers' turns (self-criticism, opinions …)."""

    cleaned: Cleaned
    tree: Section
    reading: Reading | None
    minutes: Minutes | None

    def headings(self) -> list[str]:
        """Group headings first (they name aspects), else every heading."""
        readings = [self.reading] if self.reading else []
        if self.minutes:
            readings += [c.reading for c in self.minutes.banzi + self.minutes.self_checks]
        named = [g.section.heading for r in readings for g in r.groups if g.section.heading]
        return named or [s.heading for _, s in walk(self.tree) if s.heading and s is not self.tree]

    def groups(self) -> list[Group]:
        readings = [self.reading] if self.reading else []
        if self.minutes:
            readings += [c.reading for c in self.minutes.banzi + self.minutes.self_checks]
        return [g for r in readings for g in r.groups]


@dataclass
class Classified:
    """What the document is, for which meeting, at which level and unit."""

    structured: Structured
    doc_type: kinds.Guess
    meeting: kinds.MeetingGuess
    unit: kinds.Guess
    level: str
    case_analysis: bool
    notice: Notice | None = None
    meetings: list[Meeting] = field(default_factory=list)
    data_dir: Path | None = None


@dataclass
class Placed:
    """Each group heading with the aspect of the meeting it names (or none)."""

    classified: Classified
    groups: list[Group]


@dataclass
class Drafted:
    """The draft records (or the draft meeting of a notice), and the text no record holds."""

    placed: Placed
    drafts: list[Draft]
    loose: list[Loose]
    meeting_file: dict | None = None


@dataclass
class Anonymised:
    """The drafts with every entity replaced by its placeholder; the mask, for the report."""

    drafted: Drafted
    drafts: list[Draft]
    mask: Mask
    person_base: str


# ====================================================================== stages

def structure(cleaned: Cleaned) -> Structured:
    """Stage 3: the section tree; minutes also by turns (one line a turn, also when copied as one block)."""
    tree = parse(cleaned.lines)
    turns = unfold(cleaned.lines)
    minutes = read_minutes(turns) if looks_like_minutes(turns) else None
    reading = None if minutes else read_tree(tree)
    return Structured(cleaned, tree, reading, minutes)


def classify(structured: Structured, *, data_dir: Path, meeting_id: str | None = None,
             type_name: str | None = None) -> Classified:
    """Stage 4: type, meeting (or none, with the reason), unit, level. `type_name` (--type) forces
    the document to be read as that material, `meeting_id` (--meeting) as one for that meeting."""
    cleaned = structured.cleaned
    title, texts = cleaned.title, [line.text for line in cleaned.lines]
    turns = len([t for t in structured.minutes.turns if t.speaker]) if structured.minutes else 0
    if type_name and type_name not in kinds.MATERIALS:
        raise ValueError(f"--type {type_name}: expected one of {', '.join(kinds.MATERIALS)}")
    doc_type = (kinds.Guess(type_name, 1.0, ["set with --type"]) if type_name
                else kinds.document_type(title, texts, speaker_turns=turns))
    meetings = load_meetings(data_dir)
    notice = None
    if doc_type.value == kinds.NOTICE:
        notice = read_notice(title, [(line.no, line.text) for line in cleaned.lines])
        guess = kinds.MeetingGuess(None, 0.0, [], "a notice drafts a new meeting")
    elif meeting_id:
        chosen = next((m for m in meetings if m.id == meeting_id), None)
        if chosen is None:
            raise ValueError(f"--meeting {meeting_id}: no such meeting in {data_dir / 'meetings'} "
                             f"(known: {', '.join(m.id for m in meetings)})")
        guess = kinds.MeetingGuess(chosen, 1.0, ["set with --meeting"], candidate=chosen.id)
    else:  # also for a news report or a speech: the report says which meeting it is about
        guess = kinds.meeting(title, "".join(texts), structured.headings(), meetings)
    if guess.reason == kinds.ORG_LIFE_REASON and doc_type.value in (*kinds.MATERIALS, kinds.HOST) and not type_name:
        # a self-criticism or chair's script of an 组织生活会: no records for this library
        doc_type = kinds.Guess(kinds.ORG_LIFE, doc_type.confidence,
                               doc_type.evidence + [f"read as {doc_type.value}", "组织生活会 in the title or opening"])
    level = "班子" if doc_type.value == kinds.BANZI else "个人"
    headings = [s.heading for _, s in walk(structured.tree) if s.heading]
    return Classified(structured, doc_type, guess, kinds.unit(title, texts), level,
                      kinds.has_case_analysis(headings + [title]), notice, meetings, data_dir)


def map_aspects(classified: Classified) -> Placed:
    """Stage 5: group headings → the aspects of the recognised meeting, one heading per aspect;
    never an aspect of another meeting, none at all when the meeting is unknown."""
    groups = classified.structured.groups()
    meeting = classified.meeting.meeting
    for group in groups:
        group.aspect, group.score = None, 0.0
    if meeting is None:
        return Placed(classified, groups)
    readings = [classified.structured.reading] if classified.structured.reading else []
    if classified.structured.minutes:
        minutes = classified.structured.minutes
        readings += [c.reading for c in minutes.banzi + minutes.self_checks + minutes.reports]
    for reading in readings:  # each member's self-criticism maps on its own
        named = [g for g in reading.groups if g.section.heading]
        for group, (aspect, score) in zip(named, assign([g.section.heading for g in named], meeting.aspects)):
            group.aspect, group.score = aspect, score
        # Opinions asked for by aspect (（二）带头深刻感悟…：…): each item under the aspect its heading names.
        asked = [item for part, _, items in reading.part_items if part == "征求意见" for item in items if item.heading]
        for item, (aspect, _) in zip(asked, assign([item.heading for item in asked], meeting.aspects)):
            item.aspect = aspect
    return Placed(classified, groups)


def make_records(placed: Placed) -> Drafted:
    """Stage 6: draft records (or, for a notice, the draft meeting file)."""
    classified = placed.classified
    structured = classified.structured
    if classified.notice:
        notice = classified.notice
        if notice.year is None or not notice.of_meeting:
            return Drafted(placed, [], [])
        dimensions = yaml.safe_load((classified.data_dir / "dimensions.yaml").read_text(encoding="utf-8"))["dimensions"]
        draft = meeting_draft(notice, notice_source_id(notice), classified.meetings, dimensions)
        return Drafted(placed, [], [], draft)
    if classified.doc_type.value in kinds.NOT_MATERIAL:
        return Drafted(placed, [], [])
    if structured.minutes:
        drafts, loose = minutes_drafts(structured.minutes)
    else:
        drafts, loose = reading_drafts(structured.reading, classified.level)
    return Drafted(placed, drafts, loose)


def anonymise(drafted: Drafted) -> Anonymised:
    """Stage 7: one placeholder per entity across the document, applied to every field."""
    classified = drafted.placed.classified
    minutes = classified.structured.minutes
    person_base = "成员" if minutes else "××"
    lines = [(line.no, line.text) for line in classified.structured.cleaned.lines]
    known = minutes.names() if minutes else []
    reading = classified.structured.reading
    if reading:  # the givers and receivers a list of opinions names (对王建国同志的批评意见)
        known += [who for _, *pair in reading.opinions for who in pair
                  if who and not ROLE.match(who) and not ORGAN.search(who) and 2 <= len(who) <= 4]
    mask = build_mask(lines, person_base=person_base, known_people=sorted(set(known)))
    count_uses(mask, [text for _, text in lines])
    drafts = [Draft(d.part, d.aspect, mask(d.title), mask(d.text), mask(d.instance), d.line, mask(d.section),
                    d.level, [mask(t) for t in d.tags], mask(d.giver), mask(d.receiver)) for d in drafted.drafts]
    return Anonymised(drafted, drafts, mask, person_base)


def emit(anonymised: Anonymised) -> Output:
    """Stage 8: the YAML to write (or the plain reason there is none) and the report."""
    return emit_output(anonymised)


# ====================================================================== the whole import

def run(path: Path, data_dir: Path, *, meeting_id: str | None = None, type_name: str | None = None) -> Output:
    source: Source = read(path)
    cleaned = clean(source)
    structured = structure(cleaned)
    classified = classify(structured, data_dir=data_dir, meeting_id=meeting_id, type_name=type_name)
    placed = map_aspects(classified)
    drafted = make_records(placed)
    anonymised = anonymise(drafted)
    return emit(anonymised)


def notice_source_id(notice: Notice) -> str:
    return f"notice-{notice.year}-{'niandu' if notice.kind == '年度' else 'zhuanti'}"
