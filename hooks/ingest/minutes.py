"""Read the minutes (会议记录) of a 民主生活会: header, agenda, speakers, critical opinions."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .clean import Line
from .classify import HEADER_FIELD
from .records import Draft, split_item
from hooks.text.items import first_clause
from hooks.text.markers import INLINE_ITEM
from hooks.text.parts import BRIEF_CRITICISM, CRITICISM, NAME

PEOPLE_FIELDS = re.compile(r"^(出席人?员?|参加人?员?|参会人员|缺席人?员?|列席人?员?|主持人?|记录人?)[：:](.*)$")
SELF = re.compile(rf"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十\d]+[、．.])?\s*({NAME})(?:同志)?(?:作|进行)(?:个人)?(?:对照检查|自我批评|检视剖析)")
SELF_OUTLINE = re.compile(r"^(自我批评|对照检查|个人对照检查)(?:发言)?(?:要点|提纲|内容)?[：:]?$")
QUOTED_LINE = re.compile(r"^[「『“](.*)[」』”]$")
SPEAKER_OPINION = re.compile(rf"^({NAME})(?:同志)?(?:[（(][^）)]*[）)])?[：:](.*)$")
CRITICISM_BLOCK = re.compile(r"^.{0,20}(提出|开展).{0,6}批评意见[：:]?$|^批评意见[：:]?$")
RESPONSE = re.compile(r"表态|作总结|总结讲话|点评")
NUMBERED_ITEM = re.compile(r"^(?:\d+[．、]|[（(]\d+[）)]|[①②③④⑤⑥⑦⑧⑨⑩])\s*")
TITLES = re.compile(r"[（(][^）)]*[）)]|同志$|书记$|主任$")


@dataclass
class Opinion:
    giver: str
    receiver: str
    line: int
    heading: str
    text: str


@dataclass
class Minutes:
    header: dict[str, str] = field(default_factory=dict)
    agenda: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    self_items: list[tuple[str, int, str, str]] = field(default_factory=list)
    opinions: list[Opinion] = field(default_factory=list)
    unplaced: list[tuple[int, str]] = field(default_factory=list)


def people_in_header(lines: list[Line]) -> list[str]:
    """Names listed in the header fields; the importer replaces these wherever they occur."""
    names: list[str] = []
    for line in lines[:40]:
        found = PEOPLE_FIELDS.match(line.text)
        if not found:
            continue
        for piece in re.split(r"[、，,；;\s]+", TITLES.sub("", found.group(2))):
            piece = TITLES.sub("", re.sub(r"[（(][^）)]*[）)]", "", piece)).strip()
            piece = re.sub(r"^.*[组部委局办]", "", piece) if len(piece) > 4 else piece
            if 2 <= len(piece) <= 4 and piece not in {"无", "全体", "班子成员"} and not re.search(r"\d|等", piece):
                names.append(piece)
    return names


def read_minutes(lines: list[Line]) -> Minutes:
    """A small state machine: who is being examined, and whose opinions are being recorded."""
    minutes = Minutes()
    subject: str | None = None
    giver: str | None = None
    mode = "header"
    for line in lines[1:]:
        text = line.text
        quoted = QUOTED_LINE.match(text)
        if quoted:
            text = quoted.group(1).strip()
        header = HEADER_FIELD.match(text)
        if mode in ("header", "agenda") and header:
            key, value = header.group(1), text[header.end():].strip()
            minutes.header[key] = value
            mode = "agenda" if "议程" in key else "header"
            continue
        if mode == "agenda" and NUMBERED_ITEM.match(text):
            minutes.agenda.append(NUMBERED_ITEM.sub("", text).rstrip("；;。"))
            continue
        self_match = SELF.match(text)
        criticism = CRITICISM.match(text) or (None if self_match else BRIEF_CRITICISM.match(text))
        if criticism:
            giver, subject, mode = criticism.group(1), criticism.group(2), "criticism"
            if criticism.group(3).strip():
                add_opinions(minutes, giver, subject, line.no, criticism.group(3))
            continue
        if self_match and "代表班子" not in text:
            subject, giver, mode = self_match.group(1), None, "self"
            minutes.speakers.append(subject)
            rest = text[self_match.end():].lstrip("发言：: ")
            if rest:
                add_self(minutes, subject, line.no, rest)
            continue
        if subject and SELF_OUTLINE.match(text):
            mode = "self"
            continue
        if subject and CRITICISM_BLOCK.match(text):
            mode, giver = "criticism", None
            continue
        if RESPONSE.search(text[:20]):
            mode, giver = "other", None
            continue
        speaker = SPEAKER_OPINION.match(text)
        if mode == "criticism" and speaker and speaker.group(1) != subject:
            giver = speaker.group(1)
            if speaker.group(2).strip():
                add_opinions(minutes, giver, subject, line.no, speaker.group(2))
            continue
        if mode == "criticism" and giver and subject:
            add_opinions(minutes, giver, subject, line.no, text)
        elif mode == "self" and subject:
            add_self(minutes, subject, line.no, text)
    return minutes


def split_points(text: str) -> list[str]:
    """One line may hold several points: 1．… or 一是…二是…"""
    text = NUMBERED_ITEM.sub("", text)
    starts = [m.start() for m in INLINE_ITEM.finditer(text)]
    if not starts:
        return [text]
    cuts = starts + [len(text)]
    head = text[: starts[0]].strip()
    points = [text[cuts[i]:cuts[i + 1]].strip() for i in range(len(starts))]
    points = [INLINE_ITEM.sub("", p, count=1) for p in points]
    return ([head] if head else []) + points


def add_opinions(minutes: Minutes, giver: str, receiver: str, line: int, text: str) -> None:
    for point in split_points(text):
        heading, rest = first_clause(point)
        if heading:
            minutes.opinions.append(Opinion(giver, receiver, line, heading, rest))


def add_self(minutes: Minutes, subject: str, line: int, text: str) -> None:
    for point in split_points(text):
        heading, rest = first_clause(point)
        if heading:
            minutes.self_items.append((subject, line, heading, rest))


def drafts(minutes: Minutes) -> list[Draft]:
    """批评意见 records (who gave it, to whom, as tags) and 自我批评 records."""
    out: list[Draft] = []
    for subject, line, heading, rest in minutes.self_items:
        title, text, instance = split_item(heading, rest)
        out.append(Draft("自我批评", None, title, text, instance, line, subject, [f"发言人：{subject}"]))
    for opinion in minutes.opinions:
        title, text, instance = split_item(opinion.heading, opinion.text)
        out.append(Draft("批评意见", None, title, text, instance, opinion.line, opinion.receiver,
                         [f"提出人：{opinion.giver}", f"被批评人：{opinion.receiver}"]))
    return out
