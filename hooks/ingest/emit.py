"""Write the draft YAML (an examples file) and the sources.yaml entry it needs."""
from __future__ import annotations

import hashlib
import re

import yaml

from .records import Draft

LEVEL_SLUG = {"班子": "banzi", "个人": "geren"}


def source_id(meeting_id: str, level: str, kind_slug: str, content: str) -> str:
    """A stable ASCII id: same document → same id, so a re-import replaces rather than duplicates."""
    digest = hashlib.sha1(content.encode("utf-8")).hexdigest()[:8]
    return f"import-{meeting_id or 'unknown'}-{kind_slug or LEVEL_SLUG.get(level, 'doc')}-{digest}"


def source_entry(identifier: str, title: str, file_name: str, description: str, anonymisation: str) -> dict:
    """The entry the maintainer adds to data/sources.yaml (kind: import)."""
    return {"id": identifier, "kind": "import", "title": title, "file": file_name,
            "description": description, "anonymisation": anonymisation}


def records(drafts: list[Draft], *, source: str, meeting: str, level: str, unit: str) -> list[dict]:
    out = []
    for number, draft in enumerate(drafts, start=1):
        record: dict = {"id": f"{source}-{number:03d}", "meeting": meeting, "aspect": draft.aspect,
                        "part": draft.part, "level": level, "unit": unit,
                        "title": draft.title, "text": draft.text}
        if draft.instance:
            record["instance"] = draft.instance
        if draft.tags:
            record["tags"] = draft.tags
        record["draft"] = True
        out.append(record)
    return out


def dump(source: dict, examples: list[dict]) -> str:
    """YAML text: a comment with the sources.yaml entry, then {source, examples}."""
    entry = yaml.safe_dump([source], allow_unicode=True, sort_keys=False, width=1000)
    comment = "".join(f"#   {line}\n" for line in entry.splitlines())
    body = yaml.safe_dump({"source": source["id"], "examples": examples},
                          allow_unicode=True, sort_keys=False, width=1000)
    return ("# Draft imported by `python -m hooks.ingest`: review, rewrite the texts, drop `draft`.\n"
            "# Add this entry to data/sources.yaml:\n" + comment + body)


def safe_slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
