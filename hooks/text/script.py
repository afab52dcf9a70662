"""Traditional characters as simplified ones, so that rules written in simplified Chinese read a
text copied from a traditional-character site (鎮委書記 → 镇委书记). OpenCC's tables, character
for character, so that line lengths and positions stay."""
from __future__ import annotations

from functools import lru_cache


def to_simplified(text: str) -> str:
    converted = _t2s().convert(text)
    if converted == text:
        return text
    if len(converted) != len(text):  # a phrase rule changed the length: convert each character
        converted = "".join(c2 if len(c2 := _t2s().convert(c)) == 1 else c for c in text)
    return converted


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")
