"""Match a document's headings to the official aspects of a meeting in data/meetings/."""
from __future__ import annotations

import re
from difflib import SequenceMatcher

from hooks.data.model import Aspect

MATCH_THRESHOLD = 0.6
# Words that frame an aspect heading without naming it: 在…方面, 带头, quotes, 对照.
FRAME = re.compile(r"^(在|关于|对照|聚焦)|方面(存在的问题|的问题|存在的不足)?$|[“”\"'‘’「」《》：:，,、。；;\s]|带头|存在的?问题")




def core(text: str) -> str:
    """The words of a heading that carry its meaning."""
    previous = None
    while previous != text:
        previous, text = text, FRAME.sub("", text)
    return text


def bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def similarity(heading: str, aspect: Aspect) -> float:
    """0..1: how well a heading names an aspect (paraphrase, abbreviation, a typo)."""
    words = core(heading)
    if not words:
        return 0.0
    best = 0.0
    for label in filter(None, (aspect.title, aspect.short)):
        official = core(label)
        if not official:
            continue
        if words == official or (len(official) >= 4 and official in words):
            return 1.0
        if len(words) >= 4 and words in official:
            best = max(best, 0.6 + 0.4 * len(words) / len(official))
        common = bigrams(words) & bigrams(official)
        dice = 2 * len(common) / (len(bigrams(words)) + len(bigrams(official)))
        ratio = SequenceMatcher(None, words, official).ratio()
        best = max(best, dice, ratio)
    return best


def assign(headings: list[str], aspects: list[Aspect]) -> list[tuple[Aspect | None, float]]:
    """Map each heading to at most one aspect and each aspect to at most one heading, best first."""
    scored = sorted(
        ((similarity(h, a), i, a) for i, h in enumerate(headings) for a in aspects),
        key=lambda entry: -entry[0],
    )
    result: list[tuple[Aspect | None, float]] = [(None, 0.0)] * len(headings)
    best_score = [0.0] * len(headings)
    for index, heading in enumerate(headings):
        best_score[index] = max((similarity(heading, a) for a in aspects), default=0.0)
    used: set[str] = set()
    for score, index, aspect in scored:
        if score < MATCH_THRESHOLD:
            break
        if result[index][0] is None and aspect.id not in used:
            result[index] = (aspect, score)
            used.add(aspect.id)
    return [(a, s if a else best_score[i]) for i, (a, s) in enumerate(result)]
