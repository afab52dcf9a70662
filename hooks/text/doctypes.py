"""What kind of material a text is (班子/个人对照检查材料, 会议记录) and what line is its title;
shared by the importer and the draft checker (自查)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

BANZI, GEREN, JILU = "班子对照检查材料", "个人对照检查材料", "会议记录"
HEADER_FIELD = re.compile(r"^(时间|地点|出席人?员?|参加人?员?|参会人员|缺席人?员?|列席人?员?|主持人?|记录人?|议程|会议议程)[：:]")
HEADER_FIELDS_MIN = 3  # header fields in the first HEADER_LINES lines that make a text minutes
HEADER_LINES = 30
# What a title says about the type, tried in this order.
JILU_TITLE = re.compile(r"会议记录|会议纪要")
GEREN_TITLE = re.compile(r"个人|发言提纲|本人")
BANZI_TITLE = re.compile(r"班子|党委|党组|党工委|支委")
# Without a telling title: first person against collective voice in the body.
FIRST_PERSON = re.compile(r"我(?![们国市区县镇省])|本人")
COLLECTIVE = re.compile(r"班子|我们")
TITLE_WORDS = re.compile(r"对照检查材料|发言提纲|检视剖析材料|会议记录|会议纪要|对照检查发言|检查材料")
TITLE_MAX = 70
# A breadcrumb (首页 > 范文 > 对照检查材料) names a document type but is no title.
BREADCRUMB = re.compile(r"[>»›]|当前位置|您的位置")


@dataclass
class Guess:
    """A recognised value with a confidence in 0..1 and the evidence behind it."""

    value: str
    confidence: float
    evidence: list[str] = field(default_factory=list)


def is_title(text: str) -> bool:
    """A document title: short, names a document type, no sentence end."""
    return (bool(TITLE_WORDS.search(text)) and len(text) <= TITLE_MAX and not text.endswith(("。", "；"))
            and not BREADCRUMB.search(text))


def document_type(title: str, lines: list[str]) -> Guess:
    """班子 / 个人 对照检查材料 or 会议记录, from the title first, then the content."""
    header_fields = sum(1 for line in lines[:HEADER_LINES] if HEADER_FIELD.match(line))
    if JILU_TITLE.search(title) or header_fields >= HEADER_FIELDS_MIN:
        evidence = [f"title {title!r}"] if "会议" in title else []
        return Guess(JILU, 0.95 if evidence and header_fields >= HEADER_FIELDS_MIN else 0.8,
                     evidence + [f"{header_fields} header fields"])
    if GEREN_TITLE.search(title):
        return Guess(GEREN, 0.95, [f"title {title!r}"])
    if BANZI_TITLE.search(title):
        return Guess(BANZI, 0.95, [f"title {title!r}"])
    body = "".join(lines)
    first_person = len(FIRST_PERSON.findall(body))
    collective = len(COLLECTIVE.findall(body))
    if first_person > collective:
        return Guess(GEREN, 0.6, [f"first person {first_person}× vs 班子/我们 {collective}×"])
    return Guess(BANZI, 0.6 if collective else 0.3, [f"班子/我们 {collective}× vs first person {first_person}×"])
