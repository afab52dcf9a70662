"""Turn parsed items into draft example records: short heading, trimmed text, the 例如 part."""
from __future__ import annotations

from dataclasses import dataclass, field

from hooks.text.items import INSTANCE_LEAD, sentences

TEXT_SENTENCES = 2
INSTANCE_MAX = 160


@dataclass
class Draft:
    """One record before it becomes YAML, with where it came from for the report."""

    part: str
    aspect: str | None
    title: str
    text: str
    instance: str | None
    line: int
    section: str
    tags: list[str] = field(default_factory=list)


def trim(text: str, limit: int) -> str:
    """Cut a long text at a comma before the limit (trimming only, no rewording)."""
    if len(text) <= limit:
        return text
    comma = text.rfind("，", 0, limit)
    return text[: comma if comma > limit // 2 else limit].rstrip("，、；") + "……"


def split_item(heading: str, text: str) -> tuple[str, str, str | None]:
    """(title, text, instance): the heading as is, the first sentences, the 例如 sentence."""
    title = heading.strip().strip("。：:；; ")
    body = sentences(text)
    if not title and body:
        title, body = body[0].rstrip("。"), body[1:]
    instance = None
    kept: list[str] = []
    for sentence in body:
        lead = INSTANCE_LEAD.match(sentence)
        if lead and instance is None and len(sentence) > len(lead.group(0)) + 4:
            instance = trim(sentence[lead.end():].strip(), INSTANCE_MAX)
        elif len(kept) < TEXT_SENTENCES:
            kept.append(sentence)
    text_out = trim("".join(kept), 200) or title
    return title or text_out[:30], text_out, instance
