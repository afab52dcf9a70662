"""Punctuation width in pasted Chinese text: half-width marks next to CJK become full width.

The rule is data (PUNCTUATION_STEPS), applied in order by normalise_punctuation here and by the
same loop in assets/review.js: a step maps single characters (`chars`), or replaces each match of
`re` by `map[match]` or by the template `to` (\\1 = the first group)."""
from __future__ import annotations

import re

CJK = r"\u3400-\u9fff\u201c\u201d"
HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
# Full-width digits and letters (成员Ａ, ２０２５) as ASCII, so 成员Ａ and 成员A are one speaker.
FULLWIDTH_ALNUM = {chr(code): chr(code - 0xFEE0)
                   for code in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]}
PUNCTUATION_STEPS: list[dict] = [
    {"chars": {"(": "（", ")": "）", "\u3000": " ", **FULLWIDTH_ALNUM}},
    # Half-width marks next to a CJK character; never inside numbers such as 1,000 or 10:30.
    {"re": re.compile(rf"(?<=[{CJK}）])[,:;?!]|[,:;?!](?=[{CJK}（])"), "map": HALF_TO_FULL},
    # "一." at a line start is a marker (一、), not the end of a sentence.
    {"re": re.compile(r"^([一二三四五六七八九十]{1,3})\.(?=\S)"), "to": r"\1、"},
    # A half-width full stop ending a Chinese sentence (not 1.5 or a marker "1.").
    {"re": re.compile(rf"(?<=[{CJK}）”])\.(?=[{CJK}（“]|\s|$)"), "to": "。"},
    # "1." at line start is the marker 1．(full width), kept apart from 1.5.
    {"re": re.compile(r"^(\d+)\.(?!\d)"), "to": r"\1．"},
]


def normalise_punctuation(text: str) -> str:
    """Turn half-width punctuation used in Chinese text into full width, length-preserving."""
    for step in PUNCTUATION_STEPS:
        if "chars" in step:
            text = text.translate(str.maketrans(step["chars"]))
        elif "map" in step:
            table = step["map"]
            text = step["re"].sub(lambda match: table[match.group(0)], text)
        else:
            text = step["re"].sub(step["to"], text)
    return text
