"""The structure of minutes (会议记录): header, agenda, and the speakers' turns, each recognised
as what it is: the 班子 check, a member's self-criticism, a critical opinion (giver → receiver),
a reply, a procedural line, the 上级点评, the closing speech.

Layouts handled: a speaker on a line of its own ("书　记：", "成员Ａ："), named inline
("陈志远：……"), "××同志发言：" / "××同志作个人对照检查", "X对Y提出批评意见：", 批评人/被批评人,
and opinions grouped under "相互批评意见：" after each member's self-criticism.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from hooks.text.headings import BRIEF_CRITICISM, CRITICISM, part_of
from hooks.text.markers import inline_starts, match_marker

from .clean import Line
from .sections import Group, Reading, read_tree
from hooks.text.items import first_clause

from .structure import Item, Section, inline_items, parse

HEADER_KEYS = ("时间", "地点", "出席人", "出席人员", "出席", "参加人", "参加人员", "参会人员", "缺席人", "缺席人员",
               "缺席", "列席人", "列席人员", "列席", "主持人", "主持", "记录人", "记录", "议程", "会议议程",
               "内容", "会议内容", "会议主题", "主题")
HEADER_FIELD = re.compile(r"^([^：:]{1,8})[：:]")
PEOPLE_KEYS = ("出席", "参加", "参会", "缺席", "列席", "主持", "记录")
# Roles that speak in minutes; a speaker named by a role keeps it (the role is no personal data).
ROLE = re.compile(r"^[\u4e00-\u9fff]{0,6}?(?:副?书记|副?主任|副?镇长|副?乡长|副?局长|副?部长|副?区长|副?县长|副?主席|"
                  r"副?组长|副?校长|副?院长|副?经理|委员|领导|主持人|督导组|指导组|记录员)$|^(?:班子)?成员[A-Z]{1,2}$")
# A body that gives or receives opinions (对党支部的批评意见): no person, never replaced as a name.
ORGAN = re.compile(r"(?:党?支部|党委|党组|党工委|党总支|班子|支委|委员会|领导小组)$")
# The parts a chair's 通报 reports (整改落实情况, 征求意见情况): records, not agenda headings.
REPORTED_PARTS = ("整改情况", "征求意见")
LEADER = re.compile(r"领导|督导|指导组|上级|区委|县委|市委|巡回")
# Words before a colon that open a section or a label, never a speaker.
NOT_SPEAKER = re.compile(r"问题|原因|措施|方向|意见|批评|情况|议程|内容|时间|地点|主题|例如|比如|其中|表现|"
                         r"说明|要求|目标|建议|整改|方面|事项|结论|总结|附件|备注|签字|^[一二三四五六七八九十\d]")
MASKED = re.compile(r"^[×xX*＊○某]+")
SPEAKER_ALONE = re.compile(r"^([^\s：:，,。；;、“”]{1,12}?)(?:同志)?(?:[（(][^）)]{1,20}[）)])?[：:]$")
SPEAKER_INLINE = re.compile(r"^([^\s：:，,。；;、“”]{1,8}?)(?:同志)?(?:[（(][^）)]{1,20}[）)])?[：:](.+)$")
# 王建国同志作个人对照检查 / ××同志发言： / 张宏同志点评：… / 王建国同志作总结讲话
SPEECH = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十\d]+[、．.])?\s*"
                    r"([^\s，。：:；、（）“”]{1,12}?)(?:同志)?(?:代表(?P<banzi>[^，。：:]{0,12}?班子))?"
                    r"(?:作|进行)?(?P<verb>个人对照检查发言|个人对照检查|对照检查发言|对照检查|自我批评|检视剖析|"
                    r"发言|表态发言|表态|点评讲话|点评|总结讲话|总结表态|讲话|总结)(?:[：:，,]\s*|。\s*|$)(?P<rest>.*)$")
QUOTED_LINE = re.compile(r"^[「『“](.*)[」』”]$")
GIVER_FIELD = re.compile(r"^批评人[：:]\s*([^\s，。；]+)(?:\s*被批评人[：:]\s*([^\s，。；]+))?")
RECEIVER_FIELD = re.compile(r"^被批评人[：:]\s*([^\s，。；]+)")
GROUP_LABEL = re.compile(r"^(?:相互批评意见|互相批评意见|批评意见|其他(?:同志|成员)(?:对其)?(?:提出)?(?:的)?批评意见|"
                         r"相互批评|开展相互批评)[：:]?$")
SELF_LABEL = re.compile(r"^(?:自我批评|个人对照检查|对照检查|自我剖析)(?:发言)?(?:要点|提纲|内容|情况)?[：:]?$")
# "我给×同志提三点意见：" at the start of an opinion: the receiver, and the formula to drop.
OPINION_FORMULA = re.compile(r"^(?:我|本人)?(?:再)?(?:给|对|向)([^\s，。：:；、]{1,10}?)(?:同志)?(?:提出?|谈)"
                             r"(?:[一二三四五六七八九十两几亮\d]+点)?(?:批评)?(?:意见|建议|看法)[：:，,。]?")
# Lines that run the meeting: calling the next speaker, asking for criticism, announcing an item.
PROCEDURAL = re.compile(r"^(?:下面|现在|接下来|首先|其次|然后|最后|会议进行|大会进行|进行|请)[^。]{0,60}?"
                        r"(?:发言|批评|议程|指示|点评|讲话|欢迎|对照检查|表态|结束)|大家还有什么|^（[^）]{1,6}）$|"
                        r"^(?:以上是我的|剖析检查完毕|对照检查完毕|不妥之处|请大家|敬请|恳请)|到此结束|^散会")
ASK_CRITICISM = re.compile(r"请大家对([^\s，。：:；、]{1,10}?)(?:同志)?(?:开展|进行|提出)?批评")
ASK_COMMENT = re.compile(r"(?:作|做)(?:重要)?(?:指示|点评|讲话|指导)")
REPLY = re.compile(r"感谢|谢谢|虚心接受|照单全收|全盘接[收受]|诚恳接受|完全接受|认真(?:改正|整改|对待)|立行立改|"
                   r"我将|我会|接受大家|有则改之")
ANNOUNCE_REPORT = re.compile(r"^(?:首先，?)?(?:由我)?(?:代表[^，。]{0,12})?通报")
ANNOUNCE_BANZI = re.compile(r"代表[^，。：:]{0,14}?班子作?(?:对照检查|检视剖析)")
ANNOUNCE_SELF = re.compile(r"由我(?:进行|作)?(?:个人)?(?:对照检查|发言|自我批评)|我(?:先|首先)?(?:作|进行)(?:个人)?对照检查|"
                           r"带头(?:作|进行)个人对照检查")
INLINE_OUTLINE = re.compile(r"[一二三]、(?:存在的?|主要)?[^，。]{0,6}问题|存在的(?:主要|突出)?问题[。：:]")
AGENDA_HEADING = re.compile(r"通报|对照检查|批评|点评|讲话|总结|表态")


@dataclass
class Participant:
    """Someone named in the header: a name or a role, and the title given with it."""

    who: str
    title: str = ""
    key: str = ""  # the header field that names them (出席人, 列席人 …)


@dataclass
class Turn:
    """What one speaker said, from the speaker line to the next."""

    speaker: str
    line: int
    lines: list[Line] = field(default_factory=list)
    hint: str = ""  # what the speaker line said the turn is (个人对照检查, 点评, 表态 …)
    receiver: str = ""  # given by the speaker line (X对Y提出批评意见, 被批评人)


@dataclass
class Opinion:
    """One critical opinion: a speech by giver to receiver, split into its numbered points."""

    giver: str
    receiver: str
    line: int
    points: list[Item]
    lead: str = ""


@dataclass
class SelfCheck:
    """A member's self-criticism (个人对照检查) read as a material."""

    speaker: str
    line: int
    reading: Reading


@dataclass
class Minutes:
    header: dict[str, str] = field(default_factory=dict)
    agenda: list[str] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    chair: str = ""
    turns: list[Turn] = field(default_factory=list)
    banzi: list[SelfCheck] = field(default_factory=list)
    self_checks: list[SelfCheck] = field(default_factory=list)
    reports: list[SelfCheck] = field(default_factory=list)  # 通报: 整改落实情况, 征求意见情况
    opinions: list[Opinion] = field(default_factory=list)
    roles: list[tuple[int, str, str]] = field(default_factory=list)  # (line, speaker, what the turn is)
    unplaced: list[tuple[int, str]] = field(default_factory=list)

    @property
    def speakers(self) -> list[str]:
        return [check.speaker for check in self.self_checks]

    def names(self) -> list[str]:
        """Speakers and participants that are names, not roles: the anonymiser replaces them."""
        seen = {p.who for p in self.participants} | {t.speaker for t in self.turns}
        return sorted(w for w in seen if w and not ROLE.match(w) and not MASKED.match(w) and 2 <= len(w) <= 4)


def header_key(text: str) -> tuple[str, str] | None:
    found = HEADER_FIELD.match(text)
    if not found:
        return None
    key = re.sub(r"\s+", "", found.group(1))
    return (key, text[found.end():].strip()) if key in HEADER_KEYS else None


MIN_TURNS = 3  # speakers taking turns: minutes, not a material quoting one 书记：
# A speaker or a header field inside a line (时间：… 地点：… 书记：… 副书记：…): minutes copied as one
# paragraph. A cue follows a sentence end or a space.
TURN_CUE = re.compile(r"(?:^|(?<=[。！？；;!?\s”]))([^\s：:，,。；;、“”！？]{1,8}?)(?:同志)?(?:[（(][^）)]{1,20}[）)])?[：:]")
ONE_BLOCK = 80  # only a line this long can hold several turns


def unfold(lines: list[Line]) -> list[Line]:
    """Minutes written as one block: a line of its own for each header field and each speaker's
    turn (a role such as 书记/成员A, or a name that opens two turns)."""
    cues = [(line, m) for line in lines if len(line.text) >= ONE_BLOCK for m in TURN_CUE.finditer(line.text)]
    names = Counter(normal(m.group(1)) for _, m in cues)
    speakers = {who for who, count in names.items() if count >= 2 and re.fullmatch(r"[\u4e00-\u9fff]{2,4}", who)
                and not NOT_SPEAKER.search(who)}
    for line, m in cues:  # the people a 出席人员：… field lists speak too, once is enough
        if any(normal(m.group(1)).startswith(key) for key in PEOPLE_KEYS):
            value = re.split(r"\s", line.text[m.end():].strip(), maxsplit=1)[0]
            speakers |= {p.who for p in people(value) if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", p.who)}
    out: list[Line] = []
    for line in lines:
        cuts = [m.start() for ln, m in cues if ln is line and m.start() > 0
                and (normal(m.group(1)) in HEADER_KEYS or is_speaker(m.group(1), speakers))]
        if len(cuts) < 2:
            out.append(line)
            continue
        bounds = [0, *cuts, len(line.text)]
        out.extend(Line(line.no, line.text[a:b].strip(), line.md_level) for a, b in zip(bounds, bounds[1:])
                   if line.text[a:b].strip())
    return out


def looks_like_minutes(lines: list[Line]) -> bool:
    """Three header fields, or speakers taking turns (a speaker on a line of its own or opening it)."""
    fields = sum(1 for line in lines[:30] if header_key(line.text))
    alone = sum(1 for line in lines if SPEAKER_ALONE.match(line.text) and is_speaker(line.text.rstrip("：:"), set()))
    inline = sum(1 for line in lines if (m := SPEAKER_INLINE.match(line.text)) and ROLE.match(normal(m.group(1))))
    return fields >= 3 or alone >= 4 or inline >= MIN_TURNS


def normal(who: str) -> str:
    """A speaker as a key: no spaces, no 同志, no title in brackets."""
    who = re.sub(r"\s+", "", who)
    who = re.sub(r"[（(][^）)]*[）)]$", "", who)
    return re.sub(r"同志$", "", who)


def is_speaker(who: str, known: set[str]) -> bool:
    who = normal(who)
    if not who or NOT_SPEAKER.search(who) or who in ("我", "我们", "大家", "同志们"):
        return False
    return who in known or bool(ROLE.match(who))


def read_header(lines: list[Line]) -> tuple[Minutes, int]:
    """Header fields and the agenda; returns the index of the first line of the body."""
    minutes = Minutes()
    index, in_agenda = 0, False
    while index < len(lines):
        text = lines[index].text
        field_ = header_key(text)
        if field_:
            key, value = field_
            if key in ("内容", "会议内容"):
                index += 1
                break
            minutes.header[key] = value
            in_agenda = "议程" in key
            if in_agenda and value:
                minutes.agenda.extend(p.strip("；;。 ") for p in re.split(r"[；;]|(?=[一二三四五六七八九十]是)", value) if p.strip("；;。 "))
            index += 1
            continue
        if in_agenda and (re.match(r"^(?:[①②③④⑤⑥⑦⑧⑨⑩]|\d+[．.、]|[（(]\d+[）)]|[一二三四五六七八九十]是)", text)):
            minutes.agenda.append(re.sub(r"^(?:[①②③④⑤⑥⑦⑧⑨⑩]|\d+[．.、]|[（(]\d+[）)])\s*", "", text).rstrip("；;。"))
            index += 1
            continue
        if minutes.header and index < 40 and not in_agenda and len(text) <= 30 and not SPEAKER_ALONE.match(text):
            index += 1  # a stray short line inside the header (签到, a blank field)
            continue
        break
    for key, value in minutes.header.items():
        if any(key.startswith(k) for k in PEOPLE_KEYS):
            minutes.participants.extend(Participant(p.who, p.title, key) for p in people(value))
    chair = next((v for k, v in minutes.header.items() if k.startswith("主持")), "")
    minutes.chair = normal(people(chair)[0].who) if people(chair) else ""
    return minutes, index


def people(value: str) -> list[Participant]:
    out: list[Participant] = []
    for piece in re.split(r"[、，,；;](?![^（(]*[）)])|\s{2,}", value):  # not at a 、 inside brackets
        piece = piece.strip()
        titled = re.match(r"^(.+?)[（(]([^）)]*)[）)]$", piece)
        who, title = (titled.group(1), titled.group(2)) if titled else (piece, "")
        who = normal(who)
        if not who or MASKED.fullmatch(who) or who in ("无", "全体", "班子成员", "全体班子成员") or re.search(r"\d|等|全体", who):
            continue
        if len(who) > 4 and not ROLE.match(who):  # 县委第二督导组刘洋: the unit is a title
            unit_words = re.match(r"^.*[组部委局办室处科]", who)
            if unit_words and len(who) - unit_words.end() >= 2:
                who, title = who[unit_words.end():], title or unit_words.group(0)
        out.append(Participant(who, title))
    return out


def split_turns(lines: list[Line], minutes: Minutes) -> list[Turn]:
    """Cut the body at speaker lines."""
    known = {p.who for p in minutes.participants} | ({minutes.chair} if minutes.chair else set())
    # A name that opens two or more lines with a colon is a speaker even when the header has none.
    openers = Counter(normal(m.group(1)) for line in lines
                      for m in [SPEAKER_INLINE.match(strip_number(line.text)) or SPEAKER_ALONE.match(line.text)] if m)
    known |= {who for who, count in openers.items() if count >= 2 and 2 <= len(who) <= 4
              and not NOT_SPEAKER.search(who) and re.fullmatch(r"[\u4e00-\u9fff]+", who)}
    turns: list[Turn] = []
    current: Turn | None = None

    def start(speaker: str, line: Line, hint: str = "", receiver: str = "", rest: str = "") -> None:
        nonlocal current
        current = Turn(normal(speaker), line.no, [], hint, receiver)
        if rest.strip():
            current.lines.append(Line(line.no, rest.strip(), 0))
        turns.append(current)

    giver = ""
    for line in lines:
        text = compact(line.text)
        quoted = QUOTED_LINE.match(text)
        if quoted:
            text = quoted.group(1).strip()
        unnumbered = strip_number(text)
        if (found := GIVER_FIELD.match(text)):
            giver = normal(found.group(1))
            if found.group(2):
                start(giver, line, "批评", normal(found.group(2)))
            continue
        if (found := RECEIVER_FIELD.match(text)) and giver:
            start(giver, line, "批评", normal(found.group(1)))
            continue
        if (found := CRITICISM.match(unnumbered)) and is_name_or_role(found.group(1), known) \
                and is_name_or_role(found.group(2), known | MASK_OK):
            start(found.group(1), line, "批评", normal(found.group(2)), found.group(3))
            continue
        if (found := BRIEF_CRITICISM.match(text)) and is_name_or_role(found.group(1), known) \
                and is_name_or_role(found.group(2), known | MASK_OK):
            start(found.group(1), line, "批评", normal(found.group(2)), found.group(3))
            continue
        if (found := SPEECH.match(text)) and is_name_or_role(found.group(1), known | MASK_OK) \
                and (match_marker(text) is None or len(text) <= 40 or found.group("rest")):
            hint = "班子" if found.group("banzi") else found.group("verb")
            start(found.group(1), line, hint, rest=found.group("rest"))
            continue
        if (found := SPEAKER_ALONE.match(text)) and is_speaker(found.group(1), known):
            start(found.group(1), line)
            continue
        if (found := SPEAKER_INLINE.match(unnumbered)) and is_speaker(found.group(1), known):
            start(found.group(1), line, rest=found.group(2))
            continue
        if current is None:
            current = Turn("", line.no, [])
            turns.append(current)
        current.lines.append(Line(line.no, text, line.md_level))
    return turns


def compact(text: str) -> str:
    """"书　记：" → "书记：": the spaces that centre a short speaker label are no part of it."""
    if len(text) <= 16:
        return re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff（(：:])", "", text)
    return text


MASK_OK = {"×", "××", "×××", "*", "**", "某", "某某"}


def is_name_or_role(who: str, known: set[str]) -> bool:
    who = normal(who)
    return who in known or bool(ROLE.match(who)) or bool(MASKED.fullmatch(who))


def is_leader(speaker: str) -> bool:
    """领导, 督导组, 区委… : the one who comments (点评), never a member under examination."""
    return bool(LEADER.search(speaker)) and not speaker.startswith(("成员", "班子成员"))


def strip_number(text: str) -> str:
    found = match_marker(text)
    return found[2] if found else text


@dataclass
class _State:
    subject: str = ""
    phase: str = "opening"  # opening → members (criticism …) → comment → closing
    expect_comment: bool = False
    examined: list[str] = field(default_factory=list)


def read_minutes(lines: list[Line]) -> Minutes:
    """Header, then each turn recognised in order (a small state machine: who is being examined)."""
    body_start = 1 if lines and not header_key(lines[0].text) else 0
    minutes, offset = read_header(lines[body_start:])
    body = lines[body_start + offset:]
    minutes.turns = split_turns(body, minutes)
    if not minutes.chair:
        minutes.chair = next((t.speaker for t in minutes.turns if t.speaker), "")
    state = _State()
    for turn in minutes.turns:
        for hint, segment in segments(turn):
            read_segment(turn, hint, segment, state, minutes)
    return minutes


def segments(turn: Turn) -> list[tuple[str, list[Line]]]:
    """A long turn of the chair holds several agenda items: cut it where one is announced — a short
    line, or a sentence of a long one (minutes copied as one block announce mid-line)."""
    out: list[tuple[str, list[Line]]] = [(turn.hint, [])]
    for line in turn.lines:
        if match_marker(line.text):
            out[-1][1].append(line)
            continue
        pieces = re.findall(r"[^。]*(?:。|$)", line.text)
        kept = ""
        for sentence in (p for p in pieces if p):
            kind = "" if len(sentence) > 70 else (
                "通报" if ANNOUNCE_REPORT.search(sentence) else "班子" if ANNOUNCE_BANZI.search(sentence)
                else "个人对照检查" if ANNOUNCE_SELF.search(sentence) else "")
            if kind:
                if kept.strip():
                    out[-1][1].append(Line(line.no, kept.strip(), line.md_level))
                out.append((kind, []))
                kept = ""
            else:
                kept += sentence
        if kept.strip():
            out[-1][1].append(Line(line.no, kept.strip(), line.md_level))
    return [(hint, lines) for hint, lines in out if lines or hint]


def has_outline(lines: list[Line]) -> bool:
    """A self-criticism: its 问题/原因/措施 headings, or a 自我批评： label."""
    for line in lines:
        found = match_marker(line.text)
        if found and part_of(found[2][:30]) in ("问题", "原因", "措施"):
            return True
        if INLINE_OUTLINE.search(line.text[:80]):
            return True
        if SELF_LABEL.match(line.text):
            return True
    return False


def read_segment(turn: Turn, hint: str, lines: list[Line], state: _State, minutes: Minutes) -> None:
    speaker = turn.speaker
    note = lambda what: minutes.roles.append((lines[0].no if lines else turn.line, speaker or "(no speaker)", what))
    content: list[Line] = []
    for line in lines:  # procedural lines run the meeting; they steer, they are no content
        text = line.text
        if GROUP_LABEL.match(text):
            state.phase = "criticism"
            continue
        if match_marker(text) and len(text) <= 30 and AGENDA_HEADING.search(text) and not has_outline([line]) \
                and part_of(strip_number(text)) not in REPORTED_PARTS:
            steer(text, state, minutes)  # 四、督导组点评 / 三、批评和自我批评: an agenda heading of the minutes
            continue
        if PROCEDURAL.search(text) and len(text) <= 80 and not OPINION_FORMULA.match(text):
            steer(text, state, minutes)
            continue
        content.append(line)
    if not content and hint not in ("班子",):
        if lines:
            note("procedural")
        return
    text = "".join(line.text for line in content)
    if hint == "通报":
        minutes.reports.append(SelfCheck(speaker, content[0].no, read_tree(parse(content, titled=False))))
        note("通报 (整改落实、征求意见) → 班子 records of those parts")
        return
    if hint == "班子":
        minutes.banzi.append(SelfCheck(speaker, content[0].no if content else turn.line,
                                       read_tree(parse(content, titled=False))))
        note("代表班子作对照检查 → 班子 records")
        return
    if hint in ("点评", "点评讲话") or state.expect_comment or is_leader(speaker) or \
            any(p.who == speaker and (LEADER.search(p.title) or p.key.startswith("列席")) for p in minutes.participants):
        state.expect_comment, state.phase = False, "comment"
        note("上级点评: reported, not records")
        return
    if hint in ("总结讲话", "总结", "总结表态") or (state.phase == "comment" and speaker == minutes.chair):
        state.phase = "closing"
        note("closing speech (总结讲话): reported, not records")
        return
    if state.phase == "opening" and speaker in (minutes.chair, "") and not (hint.startswith(("个人", "对照", "自我", "检视"))) \
            and not has_outline(content):
        note("opening remarks: reported, not records")
        return
    if hint.startswith(("个人", "对照", "自我", "检视")) or (has_outline(content) and hint != "批评"):
        body = [line for line in content if not SELF_LABEL.match(line.text)]
        reading = read_tree(parse(body, titled=False))
        if not reading.groups and not reading.part_items:  # 自我批评： with plain items
            loose, items = inline_items([line.text for line in body], [line.no for line in body])
            if items:
                reading.groups.append(Group(Section(1, "", "", body[0].no), items))
                reading.loose = loose
        minutes.self_checks.append(SelfCheck(speaker, turn.line, reading))
        state.subject, state.phase = speaker, "criticism"
        state.examined.append(speaker)
        note("个人对照检查 (self-criticism) → 个人 records")
        return
    if hint in ("表态", "表态发言") or (speaker == state.subject and REPLY.search(text)):
        state.phase = "between"
        note(f"reply of {speaker} to the opinions: not an opinion")
        return
    receiver = turn.receiver
    if not receiver and state.phase in ("criticism", "between") and state.subject and speaker != state.subject:
        receiver = state.subject
    if hint == "批评" or (receiver and speaker and speaker != receiver):
        opinion = make_opinion(speaker, receiver or state.subject, content, minutes)
        if opinion:
            if MASKED.fullmatch(opinion.receiver or "") or not opinion.receiver:
                opinion.receiver = state.subject or opinion.receiver
            minutes.opinions.append(opinion)
            state.phase = "criticism"
            note(f"批评意见 → {opinion.receiver}")
            return
    note("not placed (no subject under examination)")
    minutes.unplaced.append((content[0].no, f"{speaker or '(no speaker)'}: {text[:30]}… (not recognised as part of the meeting)"))


def steer(text: str, state: _State, minutes: Minutes) -> None:
    """What a procedural line tells: whom to criticise next, that a leader comments now."""
    asked = ASK_CRITICISM.search(text)
    if asked and not MASKED.fullmatch(normal(asked.group(1))):
        state.subject = normal(asked.group(1))
        state.phase = "criticism"
    elif asked:
        state.phase = "criticism"
    if ASK_COMMENT.search(text) or "点评" in text:
        state.expect_comment = True
    if re.search(r"总结", text) and state.phase == "comment":
        state.phase = "closing"


def make_opinion(giver: str, receiver: str, lines: list[Line], minutes: Minutes) -> Opinion | None:
    text = re.sub(r"^批评意见[：:]", "", "".join(line.text for line in lines).strip())
    formula = OPINION_FORMULA.match(text)
    if formula:
        named = normal(formula.group(1))
        if named and not MASKED.fullmatch(named) and named != giver:
            receiver = named
        text = text[formula.end():].strip()
    if not text:
        return None
    starts = inline_starts(text)
    lead = text[: starts[0].start()].strip() if starts else ""
    points: list[Item] = []
    if len(starts) >= 2:
        for index, start in enumerate(starts):
            end = starts[index + 1].start() if index + 1 < len(starts) else len(text)
            heading, rest = first_clause(text[start.end():end].strip())
            points.append(Item(start.group(0), heading, rest, lines[0].no))
        if lead:  # context before 一是 (这一年，因挂职…) stays with the first point
            points[0].text = lead + points[0].text
    else:
        if starts and starts[0].start() == 0:  # a lone 一是 (the second point never came)
            text = text[starts[0].end():]
        heading, rest = first_clause(text)
        points.append(Item("", heading, rest, lines[0].no))
    return Opinion(giver, receiver, lines[0].no, points, lead)
