"""Recognise the document type, the level and unit, and the meeting it was written for."""
from __future__ import annotations

import re

from hooks.data.model import Meeting
from hooks.text.aspects import assign
from hooks.text.doctypes import BANZI, GEREN, HEADER_FIELD, JILU, Guess, document_type  # noqa: F401 - used by pipeline, minutes

CASE_SECTION = re.compile(r"典型案例|案例剖析|案例原因|[带含]案例")
UNIT_WORDS: list[tuple[str, str]] = [
    (r"街道", "街道"), (r"社区", "社区"), (r"乡镇|[镇乡](?:党委|政府|领导班子|人大)", "乡镇"),
    (r"公司|集团|国有企业|国企", "国有企业"), (r"学校|大学|学院|中学|小学", "学校"), (r"医院", "医院"),
    (r"[县区]委(?:常委会|领导班子)", "县区党委"),
    (r"(?<![大格布全结当开变时])局|党组|机关|部门|委员会", "机关部门"),
]


def unit(title: str, lines: list[str]) -> Guess:
    """The kind of unit, from the title, else from the first paragraphs."""
    for where, text in (("title", title), ("opening", "".join(lines[:6]))):
        for pattern, kind in UNIT_WORDS:
            found = re.search(pattern, text)
            if found:
                return Guess(kind, 0.9 if where == "title" else 0.6, [f"{found.group(0)!r} in the {where}"])
    return Guess("通用", 0.3, ["no unit word found"])


def has_case_analysis(headings: list[str]) -> bool:
    return any(CASE_SECTION.search(h) for h in headings)


def longest_common_run(a: str, b: str) -> int:
    """Length of the longest common substring (theme sentences are quoted verbatim)."""
    from difflib import SequenceMatcher

    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size


def meeting(title: str, text: str, headings: list[str], meetings: list[Meeting]) -> tuple[Meeting | None, Guess]:
    """Score every known meeting by year and kind in the title, theme sentence and aspect headings."""
    years = {int(y) for y in re.findall(r"(20\d\d)\s*年", title)} or {
        int(y) for y in re.findall(r"(20\d\d)\s*年度", text[:600])
    }
    kind_hint = "年度" if "年度" in title else ("专题" if re.search(r"专题|主题教育", title) else "")
    flat = re.sub(r"[\s“”\"]", "", text)
    ranked: list[tuple[float, Meeting, list[str]]] = []
    for candidate in meetings:
        score, evidence = 0.0, []
        if candidate.year in years:
            score += 0.3
            evidence.append(f"year {candidate.year} in the title")
        if kind_hint and kind_hint == candidate.kind:
            score += 0.1
            evidence.append(f"kind {kind_hint}")
        run = max((longest_common_run(flat, re.sub(r"[\s“”\"]", "", t)) for t in (theme.text for theme in candidate.themes)), default=0)
        if run >= 25:
            score += 0.3
            evidence.append(f"theme sentence quoted ({run} characters in common)")
        if candidate.aspects:
            matched = [a for a, _ in assign(headings, candidate.aspects) if a]
            share = len(matched) / len(candidate.aspects)
            score += 0.4 * share
            if matched:
                evidence.append(f"{len(matched)}/{len(candidate.aspects)} aspect headings")
        ranked.append((score, candidate, evidence))
    ranked.sort(key=lambda entry: -entry[0])
    if not ranked or ranked[0][0] == 0:
        return None, Guess("", 0.0, ["no year, theme or aspect heading matched a meeting"])
    score, best, evidence = ranked[0]
    margin = score - (ranked[1][0] if len(ranked) > 1 else 0)
    confidence = round(min(1.0, score) * (1.0 if margin >= 0.2 else 0.7), 2)
    return best, Guess(best.id, confidence, evidence)
