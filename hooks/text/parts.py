"""Which part of a material a heading opens (存在的问题, 原因分析, 整改措施 …), shared by the importer
and the draft checker (自查)."""
from __future__ import annotations

import re

# Order matters: 案例原因剖析 is the case section, 需要说明的问题 is not 问题.
PART_WORDS: list[tuple[re.Pattern[str], str]] = [(re.compile(pattern), part) for pattern, part in (
    (r"案例", "案例"),
    (r"需要说明|说明的(问题|事项|情况)|个人有关事项|其他事项", "说明"),
    (r"整改落实情况|整改情况|落实情况|整改进展", "整改情况"),
    (r"征求意见|意见建议征集", "征求意见"),
    (r"原因|根源|根子|思想根源", "原因"),
    (r"整改措施|改进措施|努力方向|整改方向|今后|下一步|措施", "措施"),
    (r"存在的|主要问题|问题查摆|查摆问题|检视问题|问题和不足|存在问题|对照检查情况|问题$", "问题"),
)]
PART_HEADING_MAX = 30  # a longer line names a part only in passing
# 在…方面存在的问题 / 关于…方面的问题: an aspect heading, even though it ends in 问题.
ASPECT_HEADING = re.compile(r"..方面")


def part_of(heading: str) -> str | None:
    for pattern, part in PART_WORDS:
        if pattern.search(heading) and len(heading) <= PART_HEADING_MAX:
            return part
    return None


# An opinion in minutes: 成员B对成员A的批评意见：… or 成员B对成员A：… (the opinion is group 3).
NAME = r"[^\s，。：:；、（）]{1,10}?"
CRITICISM = re.compile(rf"^({NAME})(?:同志)?对({NAME})(?:同志)?(?:提出|的)?(?:的)?批评意见[：:]?(.*)$")
BRIEF_CRITICISM = re.compile(r"^([^\s，。：:；、（）对]{1,8})(?:同志)?对([^\s，。：:；、（）]{1,8}?)(?:同志)?[：:](.+)$")
