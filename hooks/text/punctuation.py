"""Punctuation width in pasted Chinese text: half-width marks next to CJK become full width."""
from __future__ import annotations

import re

FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
CJK = r"\u3400-\u9fff\u201c\u201d"
HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}


def normalise_punctuation(text: str) -> str:
    """Turn half-width punctuation used in Chinese text into full width, length-preserving."""
    text = text.replace("(", "（").replace(")", "）").replace("\u3000", " ").translate(FULLWIDTH_DIGITS)
    # Half-width marks next to a CJK character; never inside numbers such as 1,000 or 10:30.
    def widen(match: re.Match[str]) -> str:
        return HALF_TO_FULL[match.group(0)]

    text = re.sub(rf"(?<=[{CJK}）])[,:;?!]|[,:;?!](?=[{CJK}（])", widen, text)
    # A half-width full stop ending a Chinese sentence (not 1.5 or a marker "1.").
    text = re.sub(rf"(?<=[{CJK}）”])\.(?=[{CJK}（“]|\s|$)", "。", text)
    # "1." / "1、" after a number at line start stay distinguishable; 1．is the full-width form.
    text = re.sub(r"^(\d+)\.(?!\d)", r"\1．", text)
    return text
