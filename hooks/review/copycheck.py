"""Copied text: passages of a draft that repeat a record of the library or an earlier draft.

Both sides keep only letters and digits (export.COPY_CHARS), so a copy with other punctuation
or spacing is still found. A passage is a stretch the draft and the source have in common, found
as consecutive equal runs of `shingle` characters on both sides (a diagonal: draft position p+t
and source position j+t for t = 0, 1, …). The meetings' official wording (themes, aspects, part
titles) is everyone's: a passage is reported only when at least `min_chars` of it lie outside
official wording, in stretches of at least `shingle` characters (the glue between two pieces of
it, 在…方面 or a number, is no copy). From each draft position the longest passage counts (the
first record's on ties); of those that overlap, the longest is kept (then the first in the draft),
separately for the library and for the earlier draft.

Most sources share only short phrases with a draft: a passage needs `min_chars - shingle + 1`
consecutive source positions whose run occurs in the draft, so only such stretches are looked at
closely. assets/review.js does the same with a rolling hash; the result does not depend on the
hash (every hash hit is checked against the text).
"""
from __future__ import annotations

import re
from typing import Any

from hooks.review.engine import LINE_BREAK


def significant(text: str, copy_chars: re.Pattern[str], line_numbers: bool = False) -> tuple[str, list[int]]:
    """The letters and digits of text, and (line_numbers) the 1-based line of each."""
    chars: list[str] = []
    lines: list[int] = []
    for number, line in enumerate(LINE_BREAK.split(text), start=1):
        kept = copy_chars.findall(line)
        chars += kept
        if line_numbers:
            lines += [number] * len(kept)
    return "".join(chars), lines


def copied(text: str, data: dict[str, Any], records: list[tuple[str, str]], previous: str | None = None) -> list[dict]:
    """Passages of text repeating a record ((id, text) pairs, in library order) or previous."""
    size, minimum = data["rules"]["copy"]["shingle"], data["rules"]["copy"]["min_chars"]
    copy_chars = re.compile(data["copy_chars"]["re"])
    draft, line_of = significant(text, copy_chars, line_numbers=True)
    official = official_mask(draft, data["official"], copy_chars, size)
    positions: dict[str, list[int]] = {}
    for i in range(len(draft) - size + 1):
        positions.setdefault(draft[i:i + size], []).append(i)
    needed = max(1, minimum - size + 1)  # consecutive runs a passage of min_chars takes

    best: dict[int, tuple[int, int]] = {}  # draft start -> (end, source) of the longest passage from it

    def passages(source: str, index: int) -> None:
        hits = [positions.get(source[j:j + size]) for j in range(len(source) - size + 1)]
        j = 0
        while j < len(hits):
            if hits[j] is None:
                j += 1
                continue
            end = j
            while end < len(hits) and hits[end] is not None:
                end += 1
            if end - j >= needed:
                for s, e in _diagonals(hits, j, end, size):
                    if e - s >= minimum and e > best.get(s, (0, 0))[0] and _own(official, s, e, size) >= minimum:
                        best[s] = (e, index)
            j = end

    def collect() -> list[tuple[int, int, int]]:
        runs = [(start, end, index) for start, (end, index) in best.items()]
        best.clear()
        return _longest_first(runs)

    for index, (_, record_text) in enumerate(records):
        passages(significant(record_text, copy_chars)[0], index)
    found = [_passage(start, end, records[index][0], False, line_of) for start, end, index in collect()]
    if previous:
        passages(significant(previous, copy_chars)[0], 0)
        found += [_passage(start, end, None, True, line_of) for start, end, _ in collect()]
    return sorted(found, key=lambda p: (p["start"], p["previous"]))


def _diagonals(hits: list[list[int] | None], first: int, end: int, size: int) -> list[tuple[int, int]]:
    """The common stretches (draft start, draft end) along each diagonal within source
    positions first..end-1, every one of which has its run somewhere in the draft."""
    out: list[tuple[int, int]] = []
    active: dict[int, int] = {}  # draft position at the previous source position -> start of its diagonal
    for j in range(first, end):
        following = {p: active.get(p - 1, p) for p in hits[j]}
        out += [(start, p + size) for p, start in active.items() if p + 1 not in following]
        active = following
    out += [(start, p + size) for p, start in active.items()]
    return out


def _own(official: list[bool], start: int, end: int, size: int) -> int:
    """Characters of draft[start:end] outside official wording, in stretches of at least size."""
    own = stretch = 0
    for k in range(start, end + 1):
        if k < end and not official[k]:
            stretch += 1
            continue
        own += stretch if stretch >= size else 0
        stretch = 0
    return own


def _longest_first(candidates: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    kept: list[tuple[int, int, int]] = []
    for start, end, index in sorted(candidates, key=lambda c: (c[0] - c[1], c[0], c[2])):
        if all(end <= s or start >= e for s, e, _ in kept):
            kept.append((start, end, index))
    return kept


def official_mask(draft: str, wordings: list[str], copy_chars: re.Pattern[str], size: int) -> list[bool]:
    """For each character of draft, whether it lies in official wording: in a run of `size`
    characters of a theme, aspect or part title, or in a whole one shorter than that."""
    shingles: set[str] = set()
    short: list[str] = []
    for wording in wordings:
        chars = significant(wording, copy_chars)[0]
        if len(chars) >= size:
            shingles.update(chars[i:i + size] for i in range(len(chars) - size + 1))
        elif chars:
            short.append(chars)
    mask = [False] * len(draft)
    for i in range(len(draft) - size + 1):
        if draft[i:i + size] in shingles:
            mask[i:i + size] = [True] * size
    for chars in short:
        at = draft.find(chars)
        while at >= 0:
            mask[at:at + len(chars)] = [True] * len(chars)
            at = draft.find(chars, at + 1)
    return mask


def _passage(start: int, end: int, record: str | None, previous: bool, line_of: list[int]) -> dict:
    return {"line": line_of[start], "end_line": line_of[end - 1], "chars": end - start, "start": start,
            "record": record, "previous": previous}
