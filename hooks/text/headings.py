"""Headings of a material: which part of the document a heading opens (问题, 原因, 措施 …), and
which headings open text that is no part at all (基本情况, 会前准备, an agenda); the lines of
minutes that hold a critical opinion. Shared by the importer and the draft checker (自查)."""
from __future__ import annotations

import re

# Order matters: 案例原因剖析 is the case section, 需要说明的问题 is not 问题, 问题整改情况 is 整改情况.
PART_WORDS: list[tuple[str, str]] = [
    (r"案例", "案例"),
    (r"需要说明|说明的(问题|事项|情况)|个人有关事项|其他事项", "说明"),
    # Not inside a problem stated as a heading (发展意识不强，维持现状保稳定).
    (r"^(?!.*(?:不[强够足深实严细高好力]|缺乏|有待|欠缺|弱化|淡化))"
     r".*(?:基本情况|总体情况|现状|工作开展情况|会前准备|准备情况|主要成效|取得的成效|工作成效|主要做法|会议议程)|^议程", "情况"),
    (r"整改落实情况|整改情况|落实情况|整改进展", "整改情况"),
    (r"征求意见|意见建议征集", "征求意见"),
    (r"批评意见|批评帮助", "批评意见"),
    (r"原因|根源|根子|思想根源", "原因"),
    (r"整改措施|改进措施|努力方向|整改方向|今后|下一步|措施|打算", "措施"),
    (r"存在的|主要问题|突出问题|问题查摆|查摆问题|检视问题|问题和不足|存在问题|对照检查情况|问题$", "问题"),
]
# 在…方面存在的问题 / 关于…方面的问题: an aspect heading, even though it ends in 问题.
ASPECT_HEADING = re.compile(r"..方面")
# A heading that frames an aspect rather than stating a problem: 在…, 带头…, …方面.
FRAME_HEADING = re.compile(r"^(在|关于|对照|聚焦|围绕)|^带头|..方面")
PART_HEADING_MAX = 30  # a longer line names a part only in passing
# Parts kept and reported but not turned into example records, and why.
NOT_EMITTED = {"案例": "典型案例剖析 (cases go to data/cases/ by hand)",
               "说明": "需要说明的问题 (personal matters, not examples)",
               "情况": "an account of the work or the preparations, not problems"}
# A paragraph that closes a part or the document (总之，我将…): reported, never glued to the last item.
CLOSING = re.compile(r"^(总之|总而言之|综上|以上(是|为|就是)|最后，?我|剖析检查完毕|对照检查完毕)")


def part_of(heading: str) -> str | None:
    """The part a heading opens, or None (an aspect heading, an item, an unknown heading)."""
    for pattern, part in PART_WORDS:
        if re.search(pattern, heading) and len(heading) <= PART_HEADING_MAX:
            return part
    return None


# An opinion in minutes: 成员B对成员A的批评意见：… / 成员B对成员A：… (giver, receiver, the opinion).
CRITICISM = re.compile(r"^([^\s，。：:；、（）“”]{1,8}?)(?:同志)?(?:对|给|向)([^\s，。：:；、（）“”]{1,8}?)(?:同志)?"
                       r"(?:提出|提|的)?(?:的)?(?:批评意见|意见)[：:]?(.*)$")
BRIEF_CRITICISM = re.compile(r"^([^\s，。：:；、（）对]{1,8})(?:同志)?对([^\s，。：:；、（）]{1,8}?)(?:同志)?[：:](.+)$")
