"""Match a document's headings to the official aspects of a meeting in data/meetings/.

A heading names an aspect in many ways: the official wording with a typo anywhere in it
(…正反两方面惊艳…), the official wording cut short, an abbreviation (政治忠诚方面), a frame
(在…方面存在的问题), or the official wording with a local addition after it. rapidfuzz's
partial_ratio aligns the shorter text inside the longer one, so each of these scores high;
a short heading must match exactly, since four characters with one wrong say little.
"""
from __future__ import annotations

import re

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from hooks.data.model import Aspect

MATCH_THRESHOLD = 0.75
SHORT = 5  # a heading core this short must occur verbatim in the official wording
# Words that frame an aspect heading without naming it: 在…方面, 带头, quotes, 对照.
FRAME = re.compile(r"^(在|关于|对照|聚焦|围绕)|方面(存在的问题|的问题|存在的不足|问题)?$|上$"
                   r"|[“”\"'‘’「」《》：:，,、。；;\s]|带头|存在的?问题")


def core(text: str) -> str:
    """The words of a heading that carry its meaning (a local addition after 方面 is cut off)."""
    cut = text.find("方面", 4)
    if 0 < cut < len(text) - 2:
        text = text[:cut + 2]
    previous = None
    while previous != text:
        previous, text = text, FRAME.sub("", text)
    return text


# Letters or marks standing in for words a site filters (带头强化ZZ忠诚 for 政治, X的二十大 for 党).
MASK_TOKEN = re.compile(r"[A-Za-z]{1,3}|[×＊*○]+")


def _masked_score(words: str, official: str) -> float:
    """A heading with masked words: the masks may stand for any words of the official title."""
    plain = MASK_TOKEN.sub("", words)
    masked = len(words) - len(plain)
    matches = (len(plain) + len(official) - Indel.distance(plain, official)) / 2
    return min(1.0, 2 * (matches + masked) / (len(words) + len(official))) if plain else 0.0


def _score(words: str, official: str) -> float:
    if not words or not official:
        return 0.0
    if words == official:
        return 1.0
    if MASK_TOKEN.search(words):
        return max(_masked_score(words, official), _score(MASK_TOKEN.sub("", words), official) * 0.9)
    needle, hay = sorted((words, official), key=len)
    if len(needle) < SHORT:
        return 1.0 if needle in hay else 0.5 * fuzz.ratio(words, official) / 100
    partial = fuzz.partial_ratio(needle, hay) / 100
    # A heading that covers only a sliver of a long official title is weaker evidence; an
    # official title found inside a longer heading (a local addition) is not.
    coverage = 1.0 if needle is official else min(1.0, len(needle) / max(8, min(len(hay), 24)))
    return max(partial * (0.8 + 0.2 * coverage), fuzz.ratio(words, official) / 100)


def similarity(heading: str, aspect: Aspect) -> float:
    """0..1: how well a heading names an aspect (typo, abbreviation, frame, local addition)."""
    words = core(heading)
    return max((_score(words, core(label)) for label in (aspect.title, aspect.short) if label), default=0.0)


def assign(headings: list[str], aspects: list[Aspect]) -> list[tuple[Aspect | None, float]]:
    """Map each heading to at most one aspect and each aspect to at most one heading, best first;
    a heading left without an aspect carries its best score (for the report)."""
    table = [[similarity(h, a) for a in aspects] for h in headings]
    scored = sorted(((table[i][j], i, j) for i in range(len(headings)) for j in range(len(aspects))),
                    key=lambda entry: (-entry[0], entry[1]))
    result: list[tuple[Aspect | None, float]] = [(None, max(row, default=0.0)) for row in table]
    used: set[int] = set()
    for score, index, column in scored:
        if score < MATCH_THRESHOLD:
            break
        if result[index][0] is None and column not in used:
            result[index] = (aspects[column], score)
            used.add(column)
    return result
