"""How a numbered line and an item read: the heading and the body of a numbered line, an item's
first clause, its sentences and the lead words of a concrete instance (例如…). The importer and
the draft checker (自查, in Python and in the browser) split text by these."""
from __future__ import annotations

import re

from hooks.text.markers import INLINE_ITEM

HEADING_MAX = 45  # a first clause longer than this is a paragraph, not a heading
# Where a heading ends on its numbered line ('在…方面。一是…'), first match wins.
HEADING_STOPS = ("。", "：", "；")
SENTENCE = re.compile(r"[^。！？]+[。！？]?")
# The words before a list of points that say the points show the heading (主要表现为：一是…): the
# heading is what they have in common, not one more point.
ITEMS_INTRODUCED = re.compile(r"(?:表现(?:为|在)|体现(?:为|在)|主要有|具体(?:是|有|如下)|如下)[：:]?$")
# A numbered line under 存在的问题 that only says the earlier problems are settled (…均已整改完毕).
RECTIFIED = re.compile(r"(?:均|都|全部)已?(?:整改|落实)(?:完毕|到位|完成)。?$")
INSTANCE_LEAD = re.compile(r"(?:^|(?<=[。；！？]))(?:例如|比如|譬如|举例来说|举例而言|如在)[，,：:]?")


def split_heading(rest: str) -> tuple[str, str]:
    """Split '在…方面。一是…' into the heading and the body that follows on the same line.

    A line whose text starts with 一是 has no heading: all of it is items."""
    if INLINE_ITEM.match(rest):
        return "", rest.strip()
    for stop in HEADING_STOPS:
        position = rest.find(stop)
        if 0 < position <= HEADING_MAX:
            return rest[:position].strip(), rest[position + 1:].strip()
    if len(rest) <= HEADING_MAX:
        return rest.strip().rstrip("：:"), ""
    return "", rest.strip()


def first_clause(text: str) -> tuple[str, str]:
    """The short heading of an item (up to the first 。) and the rest."""
    position = text.find("。")
    if position < 0:
        position = len(text)
    heading, rest = text[:position], text[position + 1:]
    if len(heading) > 60:  # a heading that runs on: cut at a comma near its start
        comma = heading.find("，", 8)
        if 0 < comma <= 40:
            heading, rest = heading[:comma], heading[comma + 1:] + "。" + rest
    return heading.strip("：: "), rest.strip()


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE.findall(text) if s.strip()]
