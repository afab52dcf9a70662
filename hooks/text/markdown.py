"""Markdown and web-page marks around a pasted line (## 一、…, **（一）…**, 【存在的问题】): removed,
keeping the heading level they show. Shared by the importer and the draft checker (自查)."""
from __future__ import annotations

import re

from hooks.text.markers import NUMBERED

# 【存在的问题】 on a line of its own: a web page's top-level heading.
BRACKET_HEADING = re.compile(r"^【([^】]{2,30})】$")
MD_HEADING = re.compile(r"^(#{1,6})\s*")
MD_BULLET = re.compile(r"^(?:[-*+•·]\s+)")
# **...** around a whole heading (or at the start of a numbered line) is Markdown bold;
# a lone ** elsewhere is a mask for a place name and is kept.
MD_BOLD_LINE = re.compile(r"^\*\*(.+?)\*\*(.*)$")
BOLD_HEADING_FOLLOWERS = "。：:"  # what may follow **heading** on its line


def strip_markdown(text: str) -> tuple[str, int]:
    """Remove Markdown heading marks, bullets and heading bold; return text and heading level."""
    level = 0
    heading = MD_HEADING.match(text)
    if heading:
        level = len(heading.group(1))
        text = text[heading.end():]
    text = MD_BULLET.sub("", text)
    bracket = BRACKET_HEADING.match(text.strip())
    if bracket and not level:
        return bracket.group(1).strip(), 2
    bold = MD_BOLD_LINE.match(text)
    if bold and (not bold.group(2) or NUMBERED.match(bold.group(1))
                 or bold.group(2)[:1] in BOLD_HEADING_FOLLOWERS):
        text = bold.group(1) + bold.group(2)
    return text.strip(), level
