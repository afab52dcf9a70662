"""The text rules as plain data for the browser (自查, assets/review.js): every upper-case
constant of the shared modules, by module, the character sets of Python's \\d and \\s, and the
traditional characters to_simplified reads as simplified ones (character for character)."""
from __future__ import annotations

from typing import Any

from hooks.text import aspects, headings, items, markdown, markers, punctuation, read
from hooks.text.patterns import classes, module_rules
from hooks.text.script import to_simplified

MODULES = {"markers": markers, "items": items, "headings": headings, "markdown": markdown,
           "punctuation": punctuation, "aspects": aspects, "read": read}


def export() -> dict[str, Any]:
    return {"classes": classes(), "script": {"T2S": traditional()},
            **{name: module_rules(module) for name, module in MODULES.items()}}


def traditional() -> dict[str, str]:
    """Each CJK character that to_simplified changes, and what it becomes."""
    out = {}
    for code in range(0x3400, 0xA000):
        char = chr(code)
        simplified = to_simplified(char)
        if simplified != char and len(simplified) == 1:
            out[char] = simplified
    return out
