"""Copied text: passages of a draft that repeat a record of the library or an earlier draft.

Both sides keep only letters and digits (export.COPY_CHARS), so a copy with other punctuation
or spacing is still found, and compare runs of `shingle` characters. A draft position is a hit
for a source when the run starting there occurs in it; consecutive hits make a passage. The
meetings' official wording (themes, aspects, part titles) is everyone's: a passage is reported
only when at least `min_chars` of it lie outside official wording, in stretches of at least
`shingle` characters (the glue between two pieces of it, 在…方面 or a number, is no copy).
Among passages from different records that overlap, the longest is kept.
assets/review.js does the same with a rolling hash; the result does not depend on the hash
(every hash hit is checked against the text)."""
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

    def passages(source: str) -> list[tuple[int, int]]:
        hits: set[int] = set()
        for j in range(len(source) - size + 1):
            hits.update(positions.get(source[j:j + size], ()))
        return _runs(sorted(hits), draft, size, minimum, official)

    found: list[dict] = []
    candidates = []
    for index, (record_id, record_text) in enumerate(records):
        chars = significant(record_text, copy_chars)[0]
        candidates += [(start, end, index) for start, end in passages(chars)]
    kept: list[tuple[int, int, int]] = []
    for start, end, index in sorted(candidates, key=lambda c: (c[0] - c[1], c[0], c[2])):
        if all(end <= s or start >= e for s, e, _ in kept):
            kept.append((start, end, index))
    found += [_passage(start, end, records[index][0], False, line_of) for start, end, index in kept]
    if previous:
        found += [_passage(start, end, None, True, line_of)
                  for start, end in passages(significant(previous, copy_chars)[0])]
    return sorted(found, key=lambda p: (p["start"], p["previous"]))


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


def _runs(hits: list[int], draft: str, size: int, minimum: int, official: list[bool]) -> list[tuple[int, int]]:
    """Passages (start, end) in draft from sorted hit positions: consecutive positions join; a
    passage counts when at least `minimum` of its characters lie outside official wording, in
    stretches of at least `size`."""
    out = []
    index = 0
    while index < len(hits):
        first = last = hits[index]
        while index + 1 < len(hits) and hits[index + 1] == last + 1:
            index += 1
            last = hits[index]
        index += 1
        end = last + size
        # Official wording never counts, nor the few characters between two pieces of it (在…方面,
        # numbers): only stretches of at least `size` characters outside it.
        own, stretch = 0, 0
        for k in range(first, end + 1):
            if k < end and not official[k]:
                stretch += 1
                continue
            own += stretch if stretch >= size else 0
            stretch = 0
        if own >= minimum:
            out.append((first, end))
    return out


def _passage(start: int, end: int, record: str | None, previous: bool, line_of: list[int]) -> dict:
    return {"line": line_of[start], "end_line": line_of[end - 1], "chars": end - start, "start": start,
            "record": record, "previous": previous}
