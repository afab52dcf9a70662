"""Every page's own text for the site's one search (the header box and 检索): api/pages.js.

Records are searched in api/records.js + records-text.js (hooks/site/api.py). A page's text here
leaves them out: the record sections of the page that holds them (a heading whose id is a
record id, up to the next heading of the same or a higher level) and the lists of links to
records (elements marked data-search-exclude, as Material's search honoured it). So a record is
found once, as a record, and a page for what it says itself. A page whose front matter has
`search: {exclude: true}` is left out. (The 检索 page is in: its text is taken before its first
view, which is records, is written into it.)

Each page is cut into sections at its headings with an id, so that a result can link to the
section that holds the keyword. The text is the HTML MkDocs made of the page (generated and
hand-written pages alike) with its tags stripped and its entities decoded: data, which the
browser only ever puts into text nodes.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from hooks.site.api import parsed_script

_HEADING = re.compile(r"<h([1-6])\b([^>]*)>(.*?)</h\1\s*>", re.S | re.I)
_ID = re.compile(r"""\bid\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_HEADERLINK = re.compile(r"""<a\b[^>]*\bclass\s*=\s*["'][^"']*\bheaderlink\b[^>]*>.*?</a\s*>""", re.S | re.I)
_EXCLUDED_OPEN = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*\bdata-search-exclude\b[^>]*>")
# Not text a reader sees with the page (noscript: the 检索 page's note for browsers without it).
_DROPPED = re.compile(r"<(script|style|template|svg|noscript)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
# Tags that end a block of text: replaced by a space, so words of two blocks never join.
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|li|ul|ol|dl|dt|dd|tr|td|th|table|thead|tbody|br|hr|h[1-6]|blockquote|pre|"
    r"section|article|details|summary|figure|figcaption|nav|header|footer)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class SearchPage:
    url: str  # site-relative, as MkDocs gives it (meetings/2025-niandu/ or meetings/2025-niandu.html)
    title: str
    path: str  # the titles of the sections above the page in the navigation, joined with " › "
    sections: tuple[tuple[str, str, str], ...]  # (anchor, heading, text); the first has anchor ""

    def as_json(self) -> dict:
        return {"url": self.url, "title": self.title, "path": self.path,
                "sections": [list(section) for section in self.sections]}


def is_excluded(meta: dict) -> bool:
    """Front matter `search: {exclude: true}`."""
    search = meta.get("search")
    return isinstance(search, dict) and search.get("exclude") is True


def page_sections(page_html: str, record_ids: Iterable[str] = ()) -> list[tuple[str, str, str]]:
    """(anchor, heading, text) of each section of a page's HTML, without the records' sections
    (headings whose id is in record_ids) and without elements marked data-search-exclude.
    The part before the first heading has anchor and heading ""; the h1 (the page's full title,
    where the navigation may show a short one) heads that part too, with anchor "". Sections
    without text are left out, except the h1's."""
    records = set(record_ids)
    body = _without_excluded(_DROPPED.sub(" ", page_html))
    sections: list[tuple[str, str, str]] = []
    anchor, heading, start = "", "", 0
    skip_below = 0  # inside a record's section: headings deeper than this level are skipped too
    for match in _HEADING.finditer(body):
        level = int(match.group(1))
        if skip_below and level > skip_below:
            start = match.end()
            continue
        if not skip_below:
            _add(sections, anchor, heading, body[start:match.start()])
        skip_below = 0
        ids = _ID.search(match.group(2))
        heading_id = (ids.group(1) or ids.group(2) or "") if ids else ""
        if heading_id in records:
            skip_below = level
        else:
            anchor, heading = "" if level == 1 else heading_id, _text(match.group(3))
        start = match.end()
    if not skip_below:
        _add(sections, anchor, heading, body[start:])
    return sections


def _add(sections: list[tuple[str, str, str]], anchor: str, heading: str, fragment: str) -> None:
    text = _text(fragment)
    if text or (heading and not anchor):
        sections.append((anchor, heading, text))


def _text(fragment: str) -> str:
    plain = _TAG.sub("", _BLOCK_TAG.sub(" ", _HEADERLINK.sub("", fragment)))
    return _SPACE.sub(" ", html.unescape(plain)).strip()


def _without_excluded(body: str) -> str:
    """body without the elements that carry data-search-exclude (with what they contain)."""
    out: list[str] = []
    at = 0
    while True:
        opening = _EXCLUDED_OPEN.search(body, at)
        if opening is None:
            out.append(body[at:])
            return "".join(out)
        out.append(body[at:opening.start()])
        at = _element_end(body, opening.group(1), opening.end())


def _element_end(body: str, tag: str, at: int) -> int:
    """Where the element opened just before `at` ends (nested elements of the same name counted)."""
    pattern = re.compile(rf"<(/?){re.escape(tag)}\b[^>]*>", re.I)
    depth = 1
    for match in pattern.finditer(body, at):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    return len(body)


def pages_script(pages: list[SearchPage]) -> str:
    """api/pages.js: MSH_PAGES, the pages in navigation order."""
    return parsed_script("MSH_PAGES", {"pages": [page.as_json() for page in pages]})


def write_pages(pages: list[SearchPage], site_dir: Path) -> int:
    """Write api/pages.js; return its size in bytes."""
    out = site_dir / "api"
    out.mkdir(parents=True, exist_ok=True)
    data = pages_script(pages).encode("utf-8")
    (out / "pages.js").write_bytes(data)
    return len(data)
