"""Stage 8: the draft YAML (an examples file, or a data/meetings/ file from a notice), the
sources.yaml entry it needs, and the report; or no YAML and the plain reason why."""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from hooks.data.schemas import validator

from . import classify as kinds
from .records import Draft
from .structure import walk

if TYPE_CHECKING:
    from .pipeline import Anonymised

LEVEL_SLUG = {"班子": "banzi", "个人": "geren"}
KIND_SLUG = {kinds.BANZI: "banzi", kinds.GEREN: "geren", kinds.JILU: "jilu", kinds.OPINIONS: "piping"}
SCHEMAS = Path(__file__).resolve().parents[2] / "data" / "schema"


@dataclass
class Output:
    """What the import produced: the YAML text (None when no draft could be made, with the
    reason), the report for stderr, and the values behind them for tests and tools."""

    text: str | None
    report: str
    reason: str
    kind: str  # "examples", "meeting" or "" (none)
    source: dict = field(default_factory=dict)
    examples: list[dict] = field(default_factory=list)
    meeting_file: dict | None = None
    anonymised: Any = None

    @property
    def status(self) -> int:
        return 0 if self.text is not None else 3


def source_id(meeting_id: str, level: str, kind_slug: str, content: str) -> str:
    """A stable ASCII id: same document → same id, so a re-import replaces rather than duplicates."""
    digest = hashlib.sha1(content.encode("utf-8")).hexdigest()[:8]
    return f"import-{meeting_id or 'unknown'}-{kind_slug or LEVEL_SLUG.get(level, 'doc')}-{digest}"


def source_entry(identifier: str, title: str, file_name: str, description: str, anonymisation: str,
                 kind: str = "import") -> dict:
    """The entry the maintainer adds to data/sources.yaml."""
    return {"id": identifier, "kind": kind, "title": title, "file": file_name,
            "description": description, "anonymisation": anonymisation}


def records(drafts: list[Draft], *, source: str, meeting: str, unit: str) -> list[dict]:
    out = []
    for number, draft in enumerate(drafts, start=1):
        record: dict = {"id": f"{source}-{number:03d}", "meeting": meeting, "aspect": draft.aspect,
                        "part": draft.part, "level": draft.level, "unit": unit,
                        "title": draft.title, "text": draft.text}
        if draft.instance:
            record["instance"] = draft.instance
        if draft.tags:
            record["tags"] = draft.tags
        if draft.giver:
            record["giver"] = draft.giver
        if draft.receiver:
            record["receiver"] = draft.receiver
        record["draft"] = True
        out.append(record)
    return out


def dump(source: dict, examples: list[dict]) -> str:
    """YAML text: a comment with the sources.yaml entry, then {source, examples}."""
    body = yaml.safe_dump({"source": source["id"], "examples": examples},
                          allow_unicode=True, sort_keys=False, width=1000)
    return ("# Draft imported by `python -m hooks.ingest`: review, rewrite the texts, drop `draft`.\n"
            + source_comment(source) + body)


def dump_meeting(source: dict, meeting: dict) -> str:
    body = yaml.safe_dump(meeting, allow_unicode=True, sort_keys=False, width=1000)
    return ("# Draft from a notice by `python -m hooks.ingest`: check every wording against the notice,\n"
            "# then set confirmed: true where it matches; the dimensions are suggestions.\n"
            + source_comment(source) + body)


def source_comment(source: dict) -> str:
    entry = yaml.safe_dump([source], allow_unicode=True, sort_keys=False, width=1000)
    return "# Add this entry to data/sources.yaml:\n" + "".join(f"#   {line}\n" for line in entry.splitlines())


def schema_problems(name: str, document: dict) -> list[str]:
    """The draft checked against its schema before it is written: a draft is valid or not written."""
    return [f"{'.'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
            for e in validator(SCHEMAS, name).iter_errors(document)]


def emit_output(anonymised: Anonymised) -> Output:
    drafted = anonymised.drafted
    classified = drafted.placed.classified
    cleaned = classified.structured.cleaned
    mask = anonymised.mask
    title = mask(cleaned.title) or cleaned.source.path.stem
    doc_type = classified.doc_type.value
    reason, text, kind = "", None, ""
    source: dict = {}
    examples: list[dict] = []
    if drafted.meeting_file is not None and not (drafted.meeting_file["themes"] or drafted.meeting_file["aspects"]):
        reason = "a notice, but " + "; ".join(classified.notice.missing)
    elif drafted.meeting_file is not None:
        meeting = drafted.meeting_file
        source = source_entry(meeting["themes"][0]["source"] if meeting["themes"] else f"notice-{meeting['id']}",
                              title, cleaned.source.path.name,
                              f"{meeting['title']}的通知；由 hooks.ingest 起草 data/meetings/{meeting['id']}.yaml，待逐字核对。",
                              "通知原文，无个人信息。", kind="report")
        for entry in meeting.get("aspects", []) + meeting.get("required_sections", []) + meeting.get("themes", []):
            entry["source"] = source["id"]
        problems = schema_problems("meeting", meeting)
        if problems:
            reason = "the drafted meeting does not pass its schema: " + "; ".join(problems)
        else:
            text, kind = dump_meeting(source, meeting), "meeting"
    elif classified.notice is not None:
        reason = ("a notice, but " if classified.notice.of_meeting else "a notice, ") + "; ".join(classified.notice.missing)
    elif doc_type in kinds.NOT_MATERIAL:
        reason = (f"not a material: {kinds.NOT_MATERIAL[doc_type]} ({'; '.join(classified.doc_type.evidence)}); "
                  + ("if it is one of a 民主生活会, run again with --meeting ID" if doc_type == kinds.ORG_LIFE else
                     "if it is a material of a 民主生活会, run again with --type TYPE (one of: "
                     + ", ".join(kinds.MATERIALS) + ") and, if asked, --meeting ID"))
    elif classified.meeting.meeting is None:
        known = ", ".join(m.id for m in classified.meetings)
        reason = (f"the meeting is not recognised with confidence ({classified.meeting.reason}); "
                  f"choose it and run again with --meeting ID (one of: {known})")
    elif not anonymised.drafts:
        reason = "no items found (no numbered or 一是/二是 items under 问题/原因/措施 headings)"
    else:
        meeting = classified.meeting.meeting
        full_text = "\n".join(line.text for line in cleaned.lines)
        identifier = source_id(meeting.id, classified.level, KIND_SLUG.get(doc_type, ""), full_text)
        entities = anonymised.mask.entities
        source = source_entry(
            identifier, f"{title}（导入草稿）", cleaned.source.path.name,
            f"{doc_type}，{meeting.title}，{classified.unit.value}；由 hooks.ingest 导入，待人工审核。",
            f"hooks.ingest 自动替换 {len(entities)} 个人名、地名、单位名（每个一个占位符：人名→{anonymised.person_base}A/B…，"
            "地名→某区A/某镇A…），原有 **/×× 遮挡保留。")
        examples = records(anonymised.drafts, source=identifier, meeting=meeting.id, unit=classified.unit.value)
        problems = schema_problems("examples", {"source": identifier, "examples": examples})
        if problems:
            reason = "the draft does not pass the examples schema: " + "; ".join(problems[:5])
            examples = []
        else:
            text, kind = dump(source, examples), "examples"
    output = Output(text, "", reason, kind, source, examples, drafted.meeting_file, anonymised)
    output.report = report(output)
    return output


def report(output: Output, show_originals: bool = False) -> str:
    """Everything the maintainer must know, masked like the draft (names only with show_originals)."""
    anonymised = output.anonymised
    drafted = anonymised.drafted
    classified = drafted.placed.classified
    structured = classified.structured
    cleaned = structured.cleaned
    mask = (lambda text: text) if show_originals else anonymised.mask
    out: list[str] = [f"== hooks.ingest: {cleaned.source.path}"]
    guess = classified.doc_type
    out.append(f"type: {guess.value} (confidence {guess.confidence:.2f}; {'; '.join(guess.evidence)})")
    if classified.case_analysis:
        out.append("  includes 典型案例剖析")
    m = classified.meeting
    if m.meeting:
        out.append(f"meeting: {m.meeting.id} {m.meeting.title} (confidence {m.confidence:.2f}; {'; '.join(m.evidence)})")
    elif classified.notice is None:
        out.append(f"meeting: NOT RECOGNISED — {m.reason}" + (f" (evidence: {'; '.join(m.evidence)})" if m.evidence else ""))
    if classified.notice is None and guess.value not in kinds.NOT_MATERIAL:
        out.append(f"level: {classified.level}; unit: {classified.unit.value} (confidence {classified.unit.confidence:.2f}; "
                   f"{'; '.join(classified.unit.evidence)})")
    if cleaned.dropped or cleaned.joined or cleaned.notes:
        out.append(f"cleaned: {cleaned.dropped} lines of web debris dropped, {cleaned.joined} hard line breaks joined"
                   + "".join(f"; {note}" for _, note in cleaned.notes))
    if classified.notice:
        notice = classified.notice
        out.append(f"notice: year {notice.year}, kind {notice.kind}, theme {'found' if notice.theme else 'NOT FOUND'}, "
                   f"{len(notice.aspects)} aspects, required sections: {', '.join(t for _, t in notice.required) or 'none'}")
        for line, aspect in notice.aspects:
            out.append(f"  line {line}: aspect {aspect}")
        if notice.year and classified.data_dir is not None:
            existing = classified.data_dir / "meetings" / f"{drafted.meeting_file['id']}.yaml" if drafted.meeting_file else None
            if existing is not None and existing.exists():
                out.append(f"  NOTE: {existing} exists: compare the two, do not overwrite it blindly")
    if structured.minutes is None and classified.notice is None:
        out.append("sections:")
        for depth, section in walk(structured.tree):
            if section is not structured.tree:
                out.append(f"  {'  ' * (depth - 1)}line {section.line}: {section.marker}{mask(section.heading)}")
    groups = drafted.placed.groups
    if groups and classified.meeting.meeting:
        out.append("aspects:")
        for group in groups:
            heading = group.section.heading or "(no heading)"
            where = (f"{group.aspect.id} ({group.score:.2f})" if group.aspect
                     else f"NO OFFICIAL ASPECT, kept as a tag (best {group.score:.2f})" if group.section.heading else "no aspect")
            out.append(f"  line {group.section.line}: {mask(heading)} → {where}: {len(group.items)} items")
    if structured.reading:
        for section, why in structured.reading.kept:
            out.append(f"kept, not records: line {section.line}: {mask(section.heading)} ({why})")
    minutes = structured.minutes
    if minutes:
        out.append("minutes:")
        out.append("  header: " + "; ".join(f"{k}={mask(v)}" for k, v in minutes.header.items()))
        out.append(f"  agenda ({len(minutes.agenda)}): " + " / ".join(mask(a) for a in minutes.agenda))
        out.append(f"  chair: {mask(minutes.chair) or '(unknown)'}")
        for line, speaker, what in minutes.roles:
            out.append(f"  line {line}: {mask(speaker)}: {mask(what)}")
        out.append(f"  self-criticism ({len(minutes.self_checks)}): " + ", ".join(mask(s) for s in minutes.speakers))
        out.append(f"  critical opinions ({len(minutes.opinions)} speeches, "
                   f"{sum(len(o.points) for o in minutes.opinions)} points):")
        for opinion in minutes.opinions:
            out.append(f"    line {opinion.line}: {mask(opinion.giver)} → {mask(opinion.receiver)}: "
                       f"{len(opinion.points)} point(s), {mask(opinion.points[0].heading)}")
    if drafted.loose:
        out.append(f"text in no record ({len(drafted.loose)}):")
        for piece in drafted.loose:
            excerpt = mask(piece.text)
            out.append(f"  line {piece.line}: {piece.why}: {excerpt[:40]}{'…' if len(excerpt) > 40 else ''}")
    counts = Counter((d.part, d.aspect or "-") for d in anonymised.drafts)
    out.append(f"records: {len(anonymised.drafts)} (" + ", ".join(f"{p}/{a} {n}" for (p, a), n in counts.items()) + ")")
    entities = anonymised.mask.entities
    out.append(f"anonymisation: {len(entities)} entities, {sum(e.count for e in entities)} replacements")
    for entity in entities:
        original = f" (was {entity.surface!r})" if show_originals else ""
        out.append(f"  {entity.placeholder} ← {entity.category}, first at line {entity.line}, {entity.count}×{original}")
    unplaced = (structured.reading.unplaced if structured.reading else []) + (minutes.unplaced if minutes else [])
    if unplaced:
        out.append(f"not placed: {len(unplaced)}")
        for line, why in unplaced:
            out.append(f"  line {line}: {mask(why)}")
    if output.text is None:
        out.append(f"NO DRAFT WRITTEN: {output.reason}")
    else:
        what = "data/meetings/ file" if output.kind == "meeting" else "examples file"
        out.append(f"draft: a {what}; add to data/sources.yaml (the draft's `source` refers to it):")
        for key, value in output.source.items():
            out.append(f"  {'- ' if key == 'id' else '  '}{key}: {value}")
    return "\n".join(out) + "\n"
