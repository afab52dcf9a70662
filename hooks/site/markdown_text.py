"""Turn data text into Markdown that shows exactly that text: YAML is data, never markup."""
from __future__ import annotations

from markupsafe import Markup

# Python-Markdown's own backslash escapes (markdown.Markdown.ESCAPED_CHARS) plus `|`, which the
# tables extension adds. Anything else is either harmless or turned into an HTML entity below.
DEFAULT_ESCAPED = frozenset("\\`*_{}[]()#+-.!|")
# `~` has no backslash escape, yet a line of ~~~ opens a code fence (MkDocs always enables
# fenced_code): the numeric entity shows the same character.
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "~": "&#126;"}


class MarkdownEscaper:
    """Escapes for one Markdown configuration (the set of backslash-escapable characters)."""

    def __init__(self, escaped_chars: frozenset[str] | set[str] | list[str] = DEFAULT_ESCAPED):
        self.escaped = frozenset(escaped_chars) - set(_ENTITIES)
        # One str.translate per text instead of a Python loop per character (~5x faster).
        self._table = {ord(c): "\\" + c for c in self.escaped} | {ord(c): e for c, e in _ENTITIES.items()}

    def inline(self, text: str) -> Markup:
        """One line of text for a heading, a list item or a table cell."""
        text = " ".join(str(text).split())  # newlines, tabs and indentation mean markup in Markdown
        return Markup(text.translate(self._table))

    def paragraphs(self, text: str) -> Markup:
        """A multi-line text: each non-blank line becomes a paragraph."""
        lines = [self.inline(line) for line in str(text).splitlines() if line.strip()]
        return Markup("\n\n".join(lines))


_URL_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./#?=&%")


def url(target: str) -> Markup:
    """A link target built by the site itself (ASCII slugs), checked rather than escaped."""
    if not target or not _URL_CHARACTERS.issuperset(target):
        raise ValueError(f"unsafe link target {target!r}")
    return Markup(target)
