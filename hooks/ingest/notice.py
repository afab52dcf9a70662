"""A notice (通知) of a 民主生活会 read as a draft data/meetings/ file: year, kind, theme, the
aspects in order, the sections it requires; every fact confirmed: false until the maintainer
has checked it against the notice, and one source (the notice) to add to data/sources.yaml."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from hooks.data.model import Meeting
from hooks.text.aspects import core
from hooks.text.markers import INLINE_ITEM, match_marker

CN_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}
# The theme in quotes; it may quote within it (“十五五”), so the closing quote is the one the
# sentence ends with.
THEME = [re.compile(r"主题(?:是|为)[：:]?\s*[“\"「](.{10,400}?)[”\"」](?=。|；|$|，)(?![^。]*”)"),
         re.compile(r"以[“\"「](.{10,400}?)[”\"」]为主题"),
         re.compile(r"围绕[“\"「](.{10,400}?)[”\"」](?:这一|这个)?主题"),
         re.compile(r"主题(?:是|为)[：:]\s*([^。]{10,400})。")]
ASPECTS_LEAD = re.compile(r"(?:重点|主要|紧扣|围绕|聚焦|对照|从以下).{0,40}?(?:([一二三四五六七八九十\d]+)|几)个方面")
REQUIRED = [("case-analysis", re.compile(r"(?:反面)?典型案例(?:剖析)?"), "反面典型案例剖析"),
            ("last-year-rectification", re.compile(r"上一?年度民主生活会(?:查摆问题)?整改(?:落实)?情况"), "上年度民主生活会整改落实情况"),
            ("campaign-rectification", re.compile(r"学习教育[^，。；]{0,12}整改整治情况"), None),
            ("opinions-report", re.compile(r"征求意见情况"), "征求意见情况")]


@dataclass
class Notice:
    """What a notice says about its meeting; `missing` lists what could not be read."""

    title: str
    year: int | None
    kind: str
    theme: str
    aspects: list[tuple[int, str]]  # (line, official wording)
    aspect_count: int | None
    required: list[tuple[str, str]]
    missing: list[str] = field(default_factory=list)
    of_meeting: bool = True  # a notice of a 民主生活会 (not of an 组织生活会, 民主评议, a study …)


def read_notice(title: str, lines: list[tuple[int, str]]) -> Notice:
    text = "\n".join(t for _, t in lines)
    years = re.findall(r"(20\d\d)\s*年度", title + text[:1500])
    year = int(years[0]) if years else None
    kind = "专题" if re.search(r"专题", title) and not re.search(r"年度", title) else "年度"
    theme = next((m.group(1).strip() for pattern in THEME if (m := pattern.search(text))), "")
    aspects, count = read_aspects(lines)
    required = []
    for identifier, pattern, label in REQUIRED:
        found = pattern.search(text)
        if found:
            required.append((identifier, label or found.group(0)))
    notice = Notice(title, year, kind, theme, aspects, count, required)
    if "民主生活会" not in title + text[:600]:
        notice.of_meeting = False
        notice.missing.append("not of a 民主生活会 but of something else (组织生活会, 民主评议党员, study …): "
                              "its numbered requirements are no records, and no data/meetings/ file is drafted")
        return notice
    if year is None:
        notice.missing.append("the year (no 20XX年度 in the title or opening)")
    if not theme:
        notice.missing.append("the theme (no 主题是“…” / 以“…”为主题)")
    if not aspects:
        notice.missing.append("the aspects (no list after …N个方面)")
    elif count and count != len(aspects):
        notice.missing.append(f"{count} aspects announced, {len(aspects)} read")
    return notice


def read_aspects(lines: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], int | None]:
    """The list that follows '重点对照以下N个方面': numbered lines, or 一是…；二是… in one paragraph."""
    for index, (number, text) in enumerate(lines):
        lead = ASPECTS_LEAD.search(text)
        if not lead:
            continue
        count = CN_DIGITS.get(lead.group(1), None) if lead.group(1) and not lead.group(1).isdigit() else (
            int(lead.group(1)) if lead.group(1) else None)
        rest = text[lead.end():]
        colon = re.search(r"[：:]", rest[:16])
        rest = (rest[colon.end():] if colon else rest).lstrip("：:，, ")
        found = [(number, t) for t in split_inline(rest)]
        for later_number, later in lines[index + 1:]:
            if found and not match_marker(later) and not INLINE_ITEM.match(later):
                break
            marker = match_marker(later)
            body = marker[2] if marker else later
            if not marker and not INLINE_ITEM.match(later):
                break
            found.extend((later_number, t) for t in split_inline(body))
        found = [(n, t) for n, t in found if t]
        if found:
            return found, count
    # No announced list: consecutive lines or clauses that begin with 带头.
    starts = [(n, t) for n, text in lines for t in split_inline(text) if t.startswith("带头")]
    return starts, None


def split_inline(text: str) -> list[str]:
    """一是带头…；二是带头… (or 带头…；带头…) as separate aspects, each cut at its first 。."""
    pieces = [p for p in re.split(rf"{INLINE_ITEM.pattern}|[；;]", text) if p and p.strip("，,。 ")]
    out = []
    for piece in pieces:
        piece = piece.strip().lstrip("，,：:")
        piece = re.split(r"[。]", piece)[0].strip().rstrip("，,、")
        if len(piece) >= 6 and (piece.startswith("带头") or len(pieces) > 1) and not piece.endswith(("：", ":")):
            out.append(piece)
    if any(p.startswith("带头") for p in out):  # a list of 带头… : whatever is not one is no aspect
        out = [p for p in out if p.startswith("带头")]
    return out


def suggest_dimensions(title: str, meetings: list[Meeting], dimensions: list[dict]) -> list[str]:
    """The dimensions of the closest aspect of an earlier year, else the closest descriptions."""
    words = core(title)
    best, best_score = None, 0.0
    for meeting in meetings:
        for aspect in meeting.aspects:
            score = fuzz.partial_ratio(words, core(aspect.title)) / 100 if len(words) >= 4 else 0.0
            if score > best_score:
                best, best_score = aspect, score
    if best is not None and best_score >= 0.7:
        return list(best.dimensions)[:3]
    grams = {words[i:i + 2] for i in range(len(words) - 1)}
    scored = []
    for dimension in dimensions:
        text = dimension["title"] + dimension.get("description", "")
        overlap = sum(1 for g in grams if g in text)
        scored.append((overlap, dimension["id"]))
    scored.sort(key=lambda entry: -entry[0])
    return [identifier for overlap, identifier in scored[:2] if overlap > 0] or [scored[0][1]]


def meeting_draft(notice: Notice, source_id: str, meetings: list[Meeting], dimensions: list[dict]) -> dict:
    """The data/meetings/<id>.yaml content: every fact unconfirmed, each citing the notice."""
    identifier = f"{notice.year}-niandu" if notice.kind == "年度" else f"{notice.year}-zhuanti"
    draft: dict = {"id": identifier, "year": notice.year, "kind": notice.kind,
                   "title": f"{notice.year}年度民主生活会" if notice.kind == "年度" else re.sub(r"^关于|的通知$", "", notice.title)}
    draft["themes"] = [{"text": notice.theme, "scope": "通知原文（核对后写明发文层级）", "confirmed": False,
                        "source": source_id}] if notice.theme else []
    if notice.aspect_count and notice.aspect_count != len(notice.aspects):
        draft["aspect_count"] = notice.aspect_count
    aspects, used = [], set()
    for _, title in notice.aspects:
        dims = suggest_dimensions(title, meetings, dimensions)
        slug, n = dims[0], 2
        while slug in used:
            slug, n = f"{dims[0]}-{n}", n + 1
        used.add(slug)
        aspects.append({"id": slug, "title": title, "dimensions": dims, "confirmed": False, "source": source_id})
    draft["aspects"] = aspects
    if notice.required:
        draft["required_sections"] = [{"id": i, "title": t, "confirmed": False, "source": source_id}
                                      for i, t in notice.required]
    return draft
