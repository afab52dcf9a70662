"""Plain data classes between the YAML files and the pages."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Source:
    id: str
    kind: str  # seed | report | public | authored | import
    title: str
    file: str | None = None
    description: str | None = None
    anonymisation: str | None = None
    url: str | None = None
    accessed: str | None = None


@dataclass(frozen=True)
class Dimension:
    id: str
    title: str
    description: str


@dataclass(frozen=True)
class Fact:
    text: str
    confirmed: bool
    source: str


@dataclass(frozen=True)
class Theme:
    text: str
    scope: str
    confirmed: bool
    source: str


@dataclass(frozen=True)
class Aspect:
    id: str
    meeting_id: str
    position: int  # 1-based official order
    title: str
    short: str | None
    incomplete: bool
    dimensions: tuple[str, ...]
    confirmed: bool
    source: str

    @property
    def label(self) -> str:
        """The title as shown: an incomplete official title ends in an ellipsis."""
        return self.title + ("……" if self.incomplete else "")


@dataclass(frozen=True)
class RequiredSection:
    id: str
    title: str
    parts: tuple[str, ...]
    confirmed: bool
    source: str


@dataclass(frozen=True)
class LocalAddition:
    """A point a local notice added to the official aspects, as a real material shows it."""

    text: str
    source: str
    tag: str | None = None  # the records of this point carry it besides 地方增加的方面
    note: str | None = None


@dataclass
class Meeting:
    id: str
    year: int
    kind: str
    title: str
    themes: tuple[Theme, ...]
    aspects: tuple[Aspect, ...]
    file: str
    batch: int | None = None
    held: str | None = None
    context: str | None = None
    general_requirement: Fact | None = None
    aspect_count: int | None = None
    required_sections: tuple[RequiredSection, ...] = ()
    notes: tuple[Fact, ...] = ()
    local_additions: tuple[LocalAddition, ...] = ()

    def aspect(self, aspect_id: str | None) -> Aspect | None:
        return next((a for a in self.aspects if a.id == aspect_id), None)

    def has_section(self, section_id: str) -> bool:
        return any(s.id == section_id for s in self.required_sections)

    @property
    def aspects_known_in_full(self) -> bool:
        return (self.aspect_count in (None, len(self.aspects))) and not any(a.incomplete for a in self.aspects)


@dataclass(frozen=True)
class OutlineSection:
    title: str | None
    each: str | None  # aspect | required_section: a slot filled per meeting
    title_format: str | None
    numbered: bool
    requires: str | None
    guidance: str | None
    mistakes: tuple[str, ...]
    fields: tuple[str, ...]
    children: tuple["OutlineSection", ...]


@dataclass(frozen=True)
class ExampleStep:
    speaker: str  # a role
    text: str
    agenda: str | None = None
    criticised: bool = False  # the speaker's own turn: the 批评意见 they received are listed


@dataclass(frozen=True)
class OutlineExample:
    """A worked example of an outline from a real material (a meeting's agenda and speakers)."""

    title: str
    source: str
    steps: tuple[ExampleStep, ...]
    meeting: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Outline:
    id: str
    title: str
    order: int
    level: str
    description: str
    source: str
    sections: tuple[OutlineSection, ...]
    file: str
    requires: str | None = None
    columns: tuple[str, ...] = ()
    part: str | None = None  # the part of records the document is made of (批评意见)
    example: OutlineExample | None = None

    def applies_to(self, meeting: Meeting) -> bool:
        return self.requires is None or meeting.has_section(self.requires)


@dataclass
class Record:
    """An example item (问题, 原因, 措施 …) or a case; `type` tells which."""

    id: str
    type: str  # example | case
    meeting: Meeting
    aspect: Aspect | None
    dimensions: tuple[str, ...]
    level: str
    unit: str
    part: str  # for cases: 案例
    title: str
    source: str
    file: str
    line: int | None
    text: str | None = None
    instance: str | None = None
    situation: str | None = None
    analysis: str | None = None
    lessons: str | None = None
    tags: tuple[str, ...] = ()
    draft: bool = False
    also_sources: tuple[str, ...] = ()
    giver: str | None = None  # 批评意见: roles, never names
    receiver: str | None = None

    @property
    def full_text(self) -> str:
        """Every text field, in reading order: what search and excerpts work on."""
        parts = (self.text, self.instance, self.situation, self.analysis, self.lessons)
        return "\n".join(p for p in parts if p)


@dataclass
class Library:
    """Everything in data/, checked and cross-linked."""

    sources: dict[str, Source]
    dimensions: dict[str, Dimension]
    meetings: list[Meeting]  # newest first
    outlines: list[Outline]  # in `order`
    records: list[Record]  # meeting order, then aspect order, then file order
    by_id: dict[str, Record] = field(default_factory=dict)
    # Indexes built once, so pages never scan every record (the build stays linear in size).
    _by_slot: dict[tuple[str, str | None], list[Record]] = field(default_factory=dict, repr=False)
    _by_meeting: dict[str, list[Record]] = field(default_factory=dict, repr=False)
    _by_dimension: dict[str, list[Record]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.by_id = {record.id: record for record in self.records}
        for record in self.records:
            slot = (record.meeting.id, record.aspect.id if record.aspect else None)
            self._by_slot.setdefault(slot, []).append(record)
            self._by_meeting.setdefault(record.meeting.id, []).append(record)
            for dimension in record.dimensions:
                self._by_dimension.setdefault(dimension, []).append(record)

    def meeting(self, meeting_id: str) -> Meeting:
        return next(m for m in self.meetings if m.id == meeting_id)

    def records_in(self, meeting: Meeting, aspect: Aspect | None) -> list[Record]:
        """Records filed under one aspect of a meeting (aspect None: under no aspect)."""
        return self._by_slot.get((meeting.id, aspect.id if aspect else None), [])

    def records_of_meeting(self, meeting: Meeting) -> list[Record]:
        return self._by_meeting.get(meeting.id, [])

    def records_of_dimension(self, dimension: Dimension) -> list[Record]:
        return self._by_dimension.get(dimension.id, [])
