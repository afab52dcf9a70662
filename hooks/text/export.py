"""The text rules as plain data for the browser (自查, assets/review.js): every upper-case
constant of the shared modules, by module, and the character sets of Python's \\d and \\s."""
from __future__ import annotations

from typing import Any

from hooks.text import aspects, doctypes, items, markdown, markers, parts, punctuation
from hooks.text.patterns import classes, module_rules

MODULES = {"markers": markers, "items": items, "parts": parts, "doctypes": doctypes,
           "markdown": markdown, "punctuation": punctuation, "aspects": aspects}


def export() -> dict[str, Any]:
    return {"classes": classes(), **{name: module_rules(module) for name, module in MODULES.items()}}
