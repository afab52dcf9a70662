"""Recognise what a document is (a material, minutes, a notice, or no material at all: a news
report, a 主持词, a speech), its level and unit, and the meeting it was written for.

The meeting is taken only on evidence that tells it apart: the year (or the 专题's name) and
either the theme quoted or half of the aspects named. A 组织生活会, an undated 自查 or a
document that names no year is left for the maintainer, with the reason in the report.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from hooks.data.model import Meeting
from hooks.text.aspects import assign

from .minutes import MIN_TURNS

BANZI, GEREN, JILU, OPINIONS = "班子对照检查材料", "个人对照检查材料", "会议记录", "相互批评意见"
NOTICE, NEWS, HOST, SPEECH, OTHER = "通知", "新闻报道", "主持词", "讲话", "其他"
ORG_LIFE = "组织生活会材料"
MATERIALS = (BANZI, GEREN, JILU, OPINIONS)  # what --type may force
ORG_LIFE_REASON = "a 组织生活会 material: data/meetings/ holds 民主生活会 only"
NOT_MATERIAL = {NEWS: "a news report of a meeting", HOST: "a 主持词 (the chair's script)",
                ORG_LIFE: "a material of an 组织生活会, not of a 民主生活会",
                SPEECH: "a speech (讲话), not a 对照检查 material",
                OTHER: "a text about materials or another kind of report (述职, 自查报告, a guide, an essay)"}
CASE_SECTION = re.compile(r"典型案例|案例剖析|案例原因|[带含]案例")
UNIT_WORDS: list[tuple[str, str]] = [
    (r"街道", "街道"), (r"社区", "社区"), (r"乡镇|[镇乡](?:党委|政府|领导班子|人大)", "乡镇"),
    (r"公司|集团|国有企业|国企", "国有企业"), (r"学校|大学|学院|中学|小学", "学校"), (r"医院", "医院"),
    (r"[县区]委(?:常委会|领导班子)", "县区党委"),
    (r"(?<![大格布全结当开变时])局|党组|机关|部门|委员会", "机关部门"),
]
# A report about a meeting: dates, who chaired it, what was said in the third person.
NEWS_SIGNS = re.compile(r"\d{1,2}月\d{1,2}日(?:上午|下午|晚上)?|会议由.{1,20}主持|主持会议|召开了?.{0,30}(?:民主生活会|组织生活会)"
                        r"|(?:指出|强调|表示|认为)[，,：:要]|出席(?:会议|并)|参加会议|[报网]讯|记者|通讯员|[（(]来源|责任编辑|据了解|据悉"
                        r"|代表[^，。]{0,12}(?:班子|党组|党委)作了?对照检查|逐一(?:进行|作)?(?:个人)?对照检查|^会上|会议(?:通报|强调|指出|要求)"
                        r"|作总结讲话|进行民主测评")
HOST_SIGNS = re.compile(r"同志们[：:，,]|各位领导|进行(?:会议)?第[一二三四五六七八九十\d]项(?:议程)?|共有[一二三四五六七八九十\d]项议程|"
                        r"大家欢迎|(?:热烈的)?掌声|请.{1,12}同志(?:作|代表|发言|讲话)|下面[，,]?(?:请|进行|按照)")
# 自我批评 / 自我革命 name an act, not the writer.
FIRST_PERSON = re.compile(r"(?<!自)我(?![们国市区县镇省校院局部委厅])|本人|(?<!班子成员)自己")
# Not a material of a meeting although it lists problems: a 述职 or 自查 report, a drafting guide,
# an essay about materials (它们讲“本文”“文友”，引用“检查材料中”别人写的话).
OTHER_TITLE = re.compile(r"述职|述廉|自查报告|自检|自查自纠|起草指南|写作指南|心得|体会|论文|调研报告|党课|研讨发言|交流发言")
# Only in a title (a first line without sentence marks): 会前开展谈心谈话，… or 思考如何… open materials too.
OTHER_TITLE_ONLY = re.compile(r"制度$|规定$|办法$|细则$|整改方案|整改清单|整改台账|征求意见表|谈心谈话|怎样|怎么|如何")
# A title run on into the text (严格规范党内组织生活调研报告党支部组织生活是…, …民主生活会制度一、…):
# the kind of text is in its first words, before any sentence mark or quoted document name.
RUN_ON_TITLE = re.compile(r"^(?!根据|按照|依据|对照|结合|落实)[^，。：:；《“]{2,24}?"
                          r"(?:调研报告|述职(?:述廉)?报告|述廉报告|自查报告|心得体会|制度|规定|办法|实施细则)(?=[^，,。：:；、》”\s])")
# A notice or 通报 is addressed to units (各党总支、党支部：) and says 通知如下 / 通报如下; 各位领导 opens a speech.
ADDRESSEE = re.compile(r"^各(?!位)[^。；，,]{1,30}[：:]$")
NOTICE_OPENING = re.compile(r"(?:通知|通报)如下")
# Rules and requirements (一般为半年召开一次, 要指定专人…, 应当…): what must be done, said of no one in particular.
PRESCRIPTIVE = re.compile(r"应当|应该|必须|务必|不得|严禁|不允许|一般为|一般每|(?<![需重主只还就也总不想])要(?![求点素闻])")
STRONG_NEWS = re.compile(r"\d{1,2}月\d{1,2}日|记者|通讯员|[报网]讯|责任编辑")
# Texts about other people's shortcomings (一些党支部…, 有的同志…): a survey or an essay, not a self-criticism.
OTHERS = re.compile(r"(?:一些|有的|少数|个别|部分|不少|多数)(?:基层)?(?:党支部|支部|单位|党组织|党员干部|领导干部|干部|党员|同志|人)")
OWN_VOICE = re.compile(r"我们|班子(?!成员)|你|您")  # 组织班子成员… in a rule is no one speaking
MATERIAL_TITLE = re.compile(r"对照检查|检视剖析|剖析材料|发言提纲|批评意见|自我批评")
# …自查情况, 集中整改进展情况予以公布: a report published on rectification, not a meeting's material.
OTHER_OPENING = re.compile(r"现将自查(?:自纠)?情况|自查报告的通知|整改(?:进展|落实)?情况(?:予以)?公[布开]")
ABOUT_MATERIALS = re.compile(r"本文|笔者|文友|起草(?:指南|方法|技巧)|写作技巧|(?:检查|剖析|发言)材料中|指导文章|调研发现|调查发现")
# What only a material does: report its own check (现将…情况报告如下, 剖析如下) or list its points
# at line starts (一、… 1. … 一是…).
SELF_REPORT = re.compile(r"(?:对照检查|检视剖析|剖析|检查)(?:情况)?(?:报告|汇报)?如下|进行剖析|自我剖析|查摆(?:出)?(?:以下|如下)")
ITEM_LINE = re.compile(r"^(?:[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、．.]|[一二三四五六七八九十][是要])")
PROBLEM_PART = re.compile(r"^(?:[一二三四五六七八九十]+[、．.]|（[一二三四五六七八九十]+）|#+\s*|【).{0,8}"
                          r"(?:存在的|主要问题|突出问题|问题查摆|检视问题|存在问题)|^.{0,6}(?:存在的(?:主要|突出)?问题|主要问题)[：:]?$")


@dataclass
class Guess:
    """A recognised value with a confidence in 0..1 and the evidence behind it."""

    value: str
    confidence: float
    evidence: list[str] = field(default_factory=list)


def document_type(title: str, lines: list[str], *, speaker_turns: int = 0) -> Guess:
    """What the document is, from its title first, then from what its text does."""
    body = "\n".join(lines)
    head = title or (lines[0] if lines else "")
    problem_parts = sum(1 for line in lines if PROBLEM_PART.match(line))
    header_fields = sum(1 for line in lines[:30] if re.match(r"^(时\s*间|地\s*点|主\s*持\s*人?|记\s*录\s*人?|出席|列席|缺席|参加人|议\s*程|会议议程)[：:]", line))
    opening = "\n".join(lines[:8])
    if re.search(r"(?:通知|通报)$", head) or (re.search(r"特此通知", body) and not problem_parts):
        return Guess(NOTICE, 0.9, [f"title {head!r}" if re.search(r"通知|通报", head) else "特此通知"])
    if (lines and ADDRESSEE.match(lines[0])) or NOTICE_OPENING.search(opening):
        # its numbered 存在问题/要求 are the sender's findings and instructions, not a self-criticism
        found = NOTICE_OPENING.search(opening)
        return Guess(NOTICE, 0.85, [f"{found.group(0)!r} in the opening" if found else f"addressed to {lines[0]!r}"])
    if re.search(r"主持词|主持稿|主持讲话", head):
        return Guess(HOST, 0.95, [f"title {head!r}"])
    if re.search(r"会议记录|会议纪要", title) or header_fields >= 3 or speaker_turns >= MIN_TURNS:
        evidence = [f"title {title!r}"] if "会议" in title else []
        return Guess(JILU, 0.95 if evidence and header_fields >= 3 else 0.8,
                     evidence + [f"{header_fields} header fields", f"{speaker_turns} speaker turns"])
    if re.search(r"(?:讲话|致辞|党课)$|上的(?:讲话|发言)$", head) and not re.search(r"提纲|对照|检查|剖析", head):
        return Guess(SPEECH, 0.9, [f"title {head!r}"])
    first_person = len(FIRST_PERSON.findall(body))
    host = len(HOST_SIGNS.findall(body))
    if host >= 3 and not problem_parts:
        return Guess(HOST, 0.8, [f"{host} signs of a chair's script (同志们, 第X项议程, 请…发言)", "no 存在的问题 part"])
    titled = head if len(head) <= 40 and not re.search(r"[，,。；;：:！？]", head) else title
    named = (OTHER_TITLE.search(head if len(head) <= 40 else title) or OTHER_TITLE_ONLY.search(titled)
             or RUN_ON_TITLE.search(head) or OTHER_OPENING.search("\n".join(lines[:3])))
    # …对照检查材料 names a material even when it names 述职 too; a question (…该怎样提) never does
    if named and (re.search(r"怎样|怎么|如何", named.group(0)) or not MATERIAL_TITLE.search(head if len(head) <= 40 else title)):
        return Guess(OTHER, 0.8, [f"{named.group(0)!r} in the title or opening"])
    questions = len(re.findall(r"是否[^。；！？\n]*[？?]", body))  # asked, not 检视…是否到位 in a sentence
    if questions >= 3 and not problem_parts:
        return Guess(OTHER, 0.7, [f"a checklist of questions (是否… {questions}×)", "no 存在的问题 part"])
    news = sum(len(NEWS_SIGNS.findall(line)) for line in lines[:40])
    if news >= 3 and not problem_parts and news > first_person:
        return Guess(NEWS, 0.85, [f"{news} signs of a report (dates, 主持, 指出/强调, third person)",
                                  f"first person {first_person}×", "no 存在的问题 part"])
    if re.search(r"讲话$|讲三点意见|讲几点意见", head + body[:600]) and not problem_parts:
        return Guess(SPEECH, 0.7, ["speaks to an audience (讲几点意见)", "no 存在的问题 part"])
    about = len(ABOUT_MATERIALS.findall(body))
    if about >= 2 or (about and not problem_parts):
        return Guess(OTHER, 0.7, [f"{about} signs of a text about materials (本文, 文友, 起草指南, 检查材料中…)"])
    item_lines = sum(1 for line in lines if ITEM_LINE.match(line))
    material = problem_parts or SELF_REPORT.search(body) or item_lines >= 2 or re.search(r"对照检查|检视剖析|剖析材料|发言提纲", title)
    rules = len(PRESCRIPTIVE.findall(body))
    if not material and news and not (rules >= 2 and not STRONG_NEWS.search(body)):
        return Guess(NEWS, 0.6, [f"{news} sign(s) of a report", "nothing a material has (no 存在的问题 part, no numbered points)"])
    # Numbered lines alone make no material: rules, guides and surveys number theirs too. A material
    # speaks of itself (我, 我们, 班子) or says what it is in its title.
    own = first_person + len(OWN_VOICE.findall(body))
    # (存在的主要问题 may stand mid-line in a PDF copy, where no part heading is seen)
    short_head = head if len(head) <= 40 else title  # a title the cleaner did not take for one (对…的批评意见)
    if not problem_parts and not SELF_REPORT.search(body) and not MATERIAL_TITLE.search(short_head) and not re.search(
            r"存在的?(?:主要|突出)?问题", body) and (
            not own or (len(OTHERS.findall(body)) >= 3 and not OWN_VOICE.search(body) and not first_person)):
        return Guess(OTHER, 0.6, ["nobody speaks of themselves (no 我/我们/班子)" if not own else
                                  f"speaks of others' shortcomings (一些党支部/有的同志… {len(OTHERS.findall(body))}×)",
                                  f"{rules} rule word(s) (要/应当/一般…)", "no 存在的问题 part, no 对照检查 in the title"])
    # A title naming a post (区委常委、宣传部长…) without 班子: one person's material.
    post = re.search(r"(?:书记|部长|局长|主任|镇长|乡长|区长|县长|市长|常委|委员|主席|校长|院长|经理)(?:\d{4}|[^班]{0,6}(?:年度|专题|民主生活会))", title)
    opinion_parts = sum(1 for line in lines if re.match(r"^(?:[一二三四五六七八九十]+[、．.]).{0,30}批评意见", line))
    if opinion_parts and not problem_parts:
        return Guess(OPINIONS, 0.8, [f"{opinion_parts} 批评意见 headings", "no 存在的问题 part"])
    if re.search(r"批评意见|相互批评", short_head) and not problem_parts:
        return Guess(OPINIONS, 0.75, [f"title {short_head!r}", "no 存在的问题 part"])
    if re.search(r"个人|发言提纲|本人", title) or (post and not re.search(r"班子|党委|党组|党工委|支部", title)):
        return Guess(GEREN, 0.95, [f"title {title!r}"])
    if re.search(r"班子|党委|党组|党工委|支委|党支部|党总支", title):
        return Guess(BANZI, 0.95, [f"title {title!r}"])
    collective = len(re.findall(r"班子|我们|党支部|支部", body))
    if first_person > collective:
        return Guess(GEREN, 0.6, [f"first person {first_person}× vs 班子/我们 {collective}×"])
    return Guess(BANZI, 0.6 if collective else 0.3, [f"班子/我们 {collective}× vs first person {first_person}×"])


def unit(title: str, lines: list[str]) -> Guess:
    """The kind of unit, from the title, else from the first paragraphs."""
    for where, text in (("title", title), ("opening", "".join(lines[:6]))):
        for pattern, kind in UNIT_WORDS:
            found = re.search(pattern, text)
            if found:
                return Guess(kind, 0.9 if where == "title" else 0.6, [f"{found.group(0)!r} in the {where}"])
    return Guess("通用", 0.3, ["no unit word found"])


def has_case_analysis(headings: list[str]) -> bool:
    return any(CASE_SECTION.search(h) for h in headings)


def longest_common_run(a: str, b: str) -> int:
    """Length of the longest common substring (theme sentences are quoted verbatim)."""
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size


# What names a 专题 meeting in a title, by the words of its own title; the most specific first (a
# 主题教育 inside 不忘初心、牢记使命主题教育 is that one, not the 2023 one).
SPECIAL_NAMES = [(re.compile(r"不忘初心、?牢记使命.{0,3}(?:主题教育)?"), "不忘初心、牢记使命"),
                 (re.compile(r"党史学习教育"), "党史学习教育"), (re.compile(r"主题教育"), "主题教育")]
THEME_RUN = 25
ASPECT_SHARE = 0.5
# The meeting a text is written for or reports (召开2022年度民主生活会, 2022年度民主生活会在…召开,
# 紧扣2024年度民主生活会主题), not one it looks back on (对照2024年度民主生活会查摆的问题).
DECLARED = [re.compile(r"(?:召开|开好|关于|举行)了?[^，。；]{0,15}?(20\d\d)\s*年度[^，。；]{0,12}?民主生活会"),
            re.compile(r"(20\d\d)\s*年度[^，。；]{0,12}?民主生活会(?:在[^，。；]{0,20}?)?(?:召开|举行)"),
            re.compile(r"紧扣(20\d\d)\s*年度[^，。；]{0,6}民主生活会(?:的)?主题")]
YEAR_RANGE = re.compile(r"(20\d\d)\s*[-—–~至到]\s*(20\d\d)\s*年度")
BATCH = re.compile(r"第([一二])批")
# "六个带头", "对照六个重点方面": as many aspects as a meeting has.
ASPECT_COUNT = re.compile(r"([一二三四五六七八九十\d])个[^，。；“”]{0,4}?(?:带头|方面)")
CN_DIGIT = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}
# A meeting is never for a year before an event its text speaks of as past (党的二十大召开后, 二十大精神:
# not the 2021 meeting; 迎接党的二十大 is no such word).
AFTER = r"(?:胜利)?(?:召开)?(?:以来|之后|后|精神|报告|通过的)"
EVENTS = [(re.compile(event + AFTER), year) for event, year in
          (("十九届五中全会", 2020), ("十九届六中全会", 2021), ("二十大", 2022), ("二十届三中全会", 2024), ("二十届四中全会", 2025))]
LIST_WINDOW = 80  # the aspects of one meeting written as a list fit in one sentence


def names_in(lead: str) -> set[str]:
    """The 专题 names a text uses, each span read once, most specific name first."""
    names = set()
    for pattern, name in SPECIAL_NAMES:
        if pattern.search(lead):
            names.add(name)
            lead = pattern.sub("", lead)
    return names


# A meeting of a 民主党派 (民进市委会领导班子民主生活会): not the CPC's meeting of data/meetings/.
PARTY_OTHER = re.compile(r"民革|民盟|民建|民进|农工党|致公党|九三学社|台盟")


def special_declared(candidate: Meeting, title: str, lead: str) -> bool:
    """The 专题 meeting is the one the text is about (召开…主题教育专题民主生活会), not one reported on."""
    names = [name for _, name in SPECIAL_NAMES if name in candidate.title]
    return any(name in title or re.search(rf"(?:召开|开好|关于|举行)了?[^，。；]{{0,25}}?{re.escape(name)}[^，。；]{{0,15}}?专题民主生活会"
                                          rf"|{re.escape(name)}[^，。；]{{0,15}}?专题民主生活会(?:在[^，。；]{{0,20}}?)?(?:召开|举行)", lead)
               for name in names)


def held_months(meeting: Meeting) -> set[int]:
    """The months data/meetings/ says a meeting was held in (2023年8月至9月 → {8, 9})."""
    months = [int(m) for m in re.findall(r"(\d{1,2})月", meeting.held or "")]
    return set(range(months[0], months[-1] + 1)) if months and months[0] <= months[-1] else set(months)


def listed_aspects(flat: str, candidate: Meeting) -> int:
    """How many of a meeting's aspects a text names by their short titles in one list (深入查摆思想政治、
    精神状态、工作作风等方面问题), a masked word (ZZ素质) standing for its characters."""
    shorts = [a.short for a in candidate.aspects if a.short and a.id != "case-analysis"]
    if len(shorts) < 3:
        return 0
    best = 0
    for start in [m.start() for m in re.finditer(re.escape(shorts[0][:2]), flat)] or [0]:
        window = flat[max(0, start - LIST_WINDOW // 2): start + LIST_WINDOW]
        best = max(best, sum(1 for short in shorts if short in window or _masked_in(short, window)))
    return best


def _masked_in(short: str, window: str) -> bool:
    return len(short) >= 4 and bool(re.search(r"[A-Z×]{1,2}" + re.escape(short[2:]), window))


@dataclass
class MeetingGuess:
    """The meeting, or None and why; evidence either way."""

    meeting: Meeting | None
    confidence: float
    evidence: list[str]
    reason: str = ""
    candidate: str = ""


def meeting(title: str, text: str, headings: list[str], meetings: list[Meeting]) -> MeetingGuess:
    """The meeting the document was written for, only when the evidence tells it apart."""
    lead = title + text[:800]
    if re.search(r"组织生活会", title or text[:300]) and not re.search(r"民主生活会", title or text[:300]):
        return MeetingGuess(None, 0.0, ["组织生活会 in the title or opening"], ORG_LIFE_REASON)
    if PARTY_OTHER.search(title or text[:300]):
        return MeetingGuess(None, 0.0, [f"{PARTY_OTHER.search(title or text[:300]).group(0)} in the title or opening"],
                            "a meeting of a 民主党派: data/meetings/ holds the CPC's 民主生活会 only")
    years = {int(y) for y in re.findall(r"(20\d\d)\s*年度", lead)} | {int(y) for y in re.findall(r"(20\d\d)\s*年", title)}
    years |= {int(y) for pair in YEAR_RANGE.findall(lead) for y in pair}
    declared = {int(y) for y in re.findall(r"(20\d\d)\s*年度", title)} | {
        int(y) for pattern in DECLARED for y in pattern.findall(lead)}
    named = names_in(lead)
    if "民主生活会" not in title + text:  # 不忘初心、牢记使命主题教育 in a report of something else
        years, declared, named = set(), set(), set()
    # 2023年主题教育 / 2023年度专题民主生活会: the year of a 专题 meeting.
    special_years = {int(y) for y in re.findall(r"(20\d\d)\s*年度?(?:第[一二]批)?[^，。；]{0,8}?(?:主题教育|专题民主生活会)", lead)}
    # The batch a text is about comes first (2023年第二批主题教育…; 在今年8月，第一批… is looked back on).
    batch = {CN_DIGIT[found.group(1)] for found in [BATCH.search(title) or BATCH.search(lead)] if found}
    months = {int(m) for m in re.findall(r"(\d{1,2})月\d{1,2}日", text[:300])}
    counts = {int(n) if n.isdigit() else CN_DIGIT[n] for n in ASPECT_COUNT.findall(lead)}
    after = max((year for pattern, year in EVENTS if pattern.search(text)), default=0)
    flat = re.sub(r"[\s“”\"]", "", text)
    ranked: list[tuple[float, bool, bool, Meeting, list[str]]] = []
    for candidate in meetings:
        evidence: list[str] = []
        own_words = candidate.title + "".join(a.title for a in candidate.aspects) + "".join(t.text for t in candidate.themes)
        if candidate.year < after and not any(p.search(own_words) for p, year in EVENTS if year == after):
            continue  # the text speaks of an event after this meeting
        if batch and candidate.batch and candidate.batch not in batch:
            continue  # 第二批 is not the 第一批 meeting
        dated = False
        if candidate.kind == "专题":
            if any(name in candidate.title for name in named) and (not special_years or candidate.year in special_years):
                dated = True
                evidence.append(f"专题 named ({', '.join(sorted(named))})")
            elif candidate.year in special_years and not named and re.search(r"专题民主生活会", lead):
                dated = True
                evidence.append(f"{candidate.year}年 专题民主生活会 (no 年度 meeting that year)")
        elif candidate.year in years and (not named or candidate.year in declared):
            dated = True
            evidence.append(f"{candidate.year}年度 " + ("declared" if candidate.year in declared else "mentioned"))
        run = max((longest_common_run(flat, re.sub(r"[\s“”\"]", "", t.text)) for t in candidate.themes), default=0)
        themed = run >= THEME_RUN
        if themed:
            evidence.append(f"theme quoted ({run} characters in common)")
        share = 0.0
        if candidate.aspects and headings:
            matched = [a for a, _ in assign(headings, candidate.aspects) if a]
            share = len(matched) / len(candidate.aspects)
            if matched:
                evidence.append(f"{len(matched)}/{len(candidate.aspects)} aspects named by headings")
        own = [a for a in candidate.aspects if a.id != "case-analysis"]
        listed = listed_aspects(flat, candidate)
        in_list = len(own) >= 3 and listed >= len(own) - (1 if len(own) >= 5 else 0)
        if in_list:
            evidence.append(f"{listed}/{len(own)} aspects listed in the text")
        counted = bool(own) and len(own) in counts
        if counted:
            evidence.append(f"{len(own)} aspects counted (…个带头/方面)")
        in_held = bool(months & held_months(candidate)) and candidate.kind == "专题"
        if in_held:
            evidence.append(f"held in month {', '.join(map(str, sorted(months & held_months(candidate))))}")
        content = themed or share >= ASPECT_SHARE or in_list or counted
        strong = dated and (candidate.kind == "专题" or candidate.year in declared)
        if candidate.kind == "专题" and dated and declared and not special_declared(candidate, title, lead):
            strong = False  # 召开2024年度民主生活会 … 通报了主题教育专题民主生活会整改落实情况
        score = round((0.4 if strong else 0.25 if dated else 0.0) + 0.3 * themed + 0.3 * min(1.0, share / ASPECT_SHARE)
                      + 0.6 * in_list + 0.2 * counted + 0.15 * in_held, 2)
        ranked.append((score, dated, content, candidate, evidence))
    ranked.sort(key=lambda entry: -entry[0])
    if not ranked or ranked[0][0] == 0:
        return MeetingGuess(None, 0.0, ["no year, 专题 name, theme or aspect heading matched a known meeting"],
                            "nothing in the text names a meeting of data/meetings/ (no year, no theme, no aspect)")
    score, dated, content, best, evidence = ranked[0]
    runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
    # A material that declares its 年度 names its meeting on its own: one meeting a year; so
    # does a 专题's name that only one meeting has (党史学习教育, not 主题教育's two batches).
    same_name = [c for _, d, _, c, _ in ranked if d and c.kind == "专题"]
    title_names_it = dated and ((best.kind == "年度" and declared == {best.year})
                                or (best.kind == "专题" and same_name == [best]))
    if (dated and content) or title_names_it or (content and score >= 0.6):
        if round(score - runner_up, 2) < 0.15 and not title_names_it:
            return MeetingGuess(None, round(score, 2), evidence,
                                f"{best.id} and {ranked[1][3].id} fit equally well", best.id)
        return MeetingGuess(best, round(min(1.0, score), 2), evidence, candidate=best.id)
    missing = [] if dated else ["no year or 专题 name"]
    missing += [] if content else ["neither the theme quoted nor half of the aspects named"]
    return MeetingGuess(None, round(score, 2), evidence, "; ".join(missing) + f" (best candidate {best.id})", best.id)
