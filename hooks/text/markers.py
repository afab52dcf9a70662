"""Numbering markers of Chinese official documents (GB/T 9704 order): 一、 （一） 1． （1）/① and
the inline 一是…二是…; the importer and the draft checker split items by these."""
from __future__ import annotations

import re

CN_NUM = "一二三四五六七八九十"
# Rank of each numbering style, outermost first, as GB/T 9704 orders them.
MARKERS: list[tuple[int, re.Pattern[str]]] = [
    (1, re.compile(rf"^([{CN_NUM}]+)[、，．.]\s*")),
    (2, re.compile(rf"^（([{CN_NUM}]+)）\s*")),
    (3, re.compile(r"^(\d+)[．、]\s*(?!\d)")),
    (4, re.compile(r"^（(\d+)）\s*|^(\d+)）\s*|^([①②③④⑤⑥⑦⑧⑨⑩])\s*")),
]
# 一是…二是… (and 一要…二要…, the way measures are written) items, at a paragraph start, after a
# sentence end or after a colon ("具体表现为：一是…"). Also 1.…2.…3. run together in one paragraph
# (never 2.5 or 3、4月: a CJK character must follow).
INLINE_ITEM = re.compile(rf"(?:^|(?<=[。；;！？：:\s]))(?:[{CN_NUM}]+[是要](?![否的])|第[{CN_NUM}]+[，,、]|\d{{1,2}}[.．、](?=[\u4e00-\u9fff“]))")
# 二是/三是 after a comma, in a list that a 一是 has opened ("一是开放意识不够，二是集聚智慧不足").
INLINE_ITEM_AFTER_COMMA = re.compile(r"(?<=[，,])(?:[二三四五六七八九十][是要](?![否的]))")
# （1）…。（2）… run together in one paragraph: each marker after a sentence end starts a line;
# so does 二、原因分析 (a part heading) in minutes that record a whole outline on one line.
RUN_TOGETHER = re.compile(rf"(?<=[。；])\s*(?=（\d+）|（[{CN_NUM}]+）|[{CN_NUM}]、[^，。]{{0,16}}(?:问题|原因|措施|方向|剖析|分析))")
# A part heading written after other words on the same line ("…整改措施 一、存在的主要问题 : 1、…"):
# it starts a line where a gap of spaces comes before it.
EMBEDDED_PART = re.compile(rf"\s+(?=[{CN_NUM}]、[^，。：:]{{0,16}}(?:问题|原因|措施|方向|剖析|分析))")
NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|#)")


def match_marker(text: str) -> tuple[int, str, str] | None:
    """Return (rank, marker, rest) when the line starts with a numbering marker."""
    for rank, pattern in MARKERS:
        found = pattern.match(text)
        if found:
            return rank, found.group(0).strip(), text[found.end():]
    return None


def inline_starts(text: str) -> list[re.Match[str]]:
    """Where the 一是/二是 items of a paragraph start, in order; 二是… after a comma only once a
    一是 has opened the list."""
    starts = list(INLINE_ITEM.finditer(text))
    opened = next((m.start() for m in starts if m.group(0).startswith("一")), None)
    if opened is not None:
        taken = {m.start() for m in starts}
        starts += [m for m in INLINE_ITEM_AFTER_COMMA.finditer(text, opened) if m.start() not in taken]
    return sorted(starts, key=lambda m: m.start())
