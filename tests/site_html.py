"""Reading the data as written and the site as built, shared by the tests."""
from __future__ import annotations

from pathlib import Path

import yaml
from selectolax.lexbor import LexborHTMLParser as HTMLParser

DATA = Path(__file__).resolve().parent.parent / "data"


def raw(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def meetings_raw() -> list[dict]:
    return [raw(p) for p in sorted((DATA / "meetings").glob("*.yaml"))]


def records_raw() -> list[dict]:
    """Every example and case in data/, as written, with its type."""
    records = []
    for folder, kind in (("examples", "example"), ("cases", "case")):
        for path in sorted((DATA / folder).glob("*.yaml")):
            records += [{**record, "type": kind} for record in raw(path)[folder]]
    return records


def normal(text: str) -> str:
    """Whitespace-normalised, the way a reader sees text: runs of whitespace are one space."""
    return " ".join(text.split())


def page(site: Path, path: str) -> HTMLParser:
    return HTMLParser((site / path).read_text(encoding="utf-8"))


def all_pages(site: Path) -> dict[str, HTMLParser]:
    return {p.relative_to(site).as_posix(): HTMLParser(p.read_text(encoding="utf-8"))
            for p in site.rglob("*.html")}


def section_text(html: HTMLParser, anchor: str) -> str:
    """The text of a record: its heading and everything up to the next heading."""
    heading = html.css_first(f'[id="{anchor}"]')
    assert heading is not None, f"no element with id {anchor!r}"
    parts = [heading.text(deep=True)]
    node = heading.next
    while node is not None and node.tag not in ("h1", "h2", "h3"):
        parts.append(node.text(deep=True))
        node = node.next
    return normal(" ".join(parts))
