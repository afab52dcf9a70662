"""Punctuation width in pasted Chinese text: half-width marks next to CJK become full width."""
from __future__ import annotations

import re

# Full-width digits and letters (成员Ａ, ２０２５) as ASCII, so 成员Ａ and 成员A are one speaker.
FULLWIDTH_DIGITS = str.maketrans({chr(code): chr(code - 0xFEE0) for code in
                                  [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]})
CJK = r"\u3400-\u9fff\u201c\u201d"
HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}


def normalise_punctuation(text: str) -> str:
    """Turn half-width punctuation used in Chinese text into full width, length-preserving."""
    text = text.replace("(", "（").replace(")", "）").replace("\u3000", " ").translate(FULLWIDTH_DIGITS)
    # Half-width marks next to a CJK character; never inside numbers such as 1,000 or 10:30.
    def widen(match: re.Match[str]) -> str:
        return HALF_TO_FULL[match.group(0)]

    text = re.sub(rf"(?<=[{CJK}）])[,:;?!]|[,:;?!](?=[{CJK}（])", widen, text)
    # "一." at a line start is a marker (一、), not the end of a sentence.
    text = re.sub(r"^([一二三四五六七八九十]{1,3})\.(?=\S)", r"\1、", text)
    # A half-width full stop ending a Chinese sentence (not 1.5 or a marker "1.").
    text = re.sub(rf"(?<=[{CJK}）”])\.(?=[{CJK}（“]|\s|$)", "。", text)
    # "1." / "1、" after a number at line start stay distinguishable; 1．is the full-width form.
    text = re.sub(r"^(\d+)\.(?!\d)", r"\1．", text)
    return text
