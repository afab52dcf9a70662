"""Rules as data for the browser: Python values and regular expressions turned into JSON that
assets/review.js reads, and the check that a pattern means the same in Python and in JavaScript.

A pattern is exported as {"re": source, "flags": "ims"}. The browser compiles it with the `u`
flag after rewriting the three escapes whose meaning differs between the two engines (\\d, \\s and
their negations) into the exact character sets Python uses (CLASSES); everything else must lie in
the subset both engines read alike, which js_subset_problem checks.
"""
from __future__ import annotations

import array
import re
from functools import lru_cache
from types import ModuleType
from typing import Any

FLAG_LETTERS = {re.IGNORECASE: "i", re.MULTILINE: "m", re.DOTALL: "s"}
# Constructs Python reads and JavaScript does not, or reads otherwise (\b, \w: Unicode words in
# Python, ASCII in JavaScript; $ before a final newline is harmless on single lines).
_UNSUPPORTED = [
    (re.compile(r"\(\?P"), "named groups (?P<…>)"),
    (re.compile(r"\(\?[aiLmsux-]+[:)]"), "inline flags such as (?i)"),
    (re.compile(r"\(\?#"), "comments (?#…)"),
    (re.compile(r"\(\?>|[*+?}]\+"), "atomic groups and possessive quantifiers"),
    (re.compile(r"\(\?\("), "conditional groups"),
]
_UNSUPPORTED_ESCAPES = {"A": r"\A", "Z": r"\Z", "b": r"\b", "B": r"\B", "w": r"\w", "W": r"\W",
                        "N": r"\N{…}", "U": r"\U…", "0": "octal escapes", "g": r"\g<…>"}


def js_subset_problem(source: str, flags: int = 0) -> str | None:
    """Why the pattern would not mean the same in the browser, or None."""
    try:
        re.compile(source, flags)
    except re.error as error:
        return f"not a regular expression ({error})"
    if flags & (re.VERBOSE | re.ASCII | re.LOCALE):
        return "the flags re.VERBOSE, re.ASCII and re.LOCALE"
    for pattern, what in _UNSUPPORTED:
        if pattern.search(_without_escapes(source)):
            return f"{what}, which JavaScript reads otherwise"
    index, in_class = 0, False
    while index < len(source):
        char = source[index]
        if char == "\\" and index + 1 < len(source):
            escaped = source[index + 1]
            if escaped in _UNSUPPORTED_ESCAPES:
                return f"{_UNSUPPORTED_ESCAPES[escaped]}, which JavaScript reads otherwise"
            if escaped.isdigit() and not in_class:
                return "back-references (\\1)"
            if escaped == "S" and in_class:
                return r"\S inside [...]"
            index += 2
            continue
        if char == "[" and not in_class:
            in_class = True
            if source.startswith("[^]", index) or source.startswith("[]", index):
                return "a ']' first in a class, which JavaScript reads as an empty class"
        elif char == "]" and in_class:
            in_class = False
        index += 1
    return None


def _without_escapes(source: str) -> str:
    """The pattern's syntax alone: escapes and the insides of [...] blanked out."""
    return re.sub(r"\[\^?\]?[^\]]*\]", "C", re.sub(r"\\.", "E", source))


def pattern_json(pattern: re.Pattern[str]) -> dict[str, str]:
    problem = js_subset_problem(pattern.pattern, pattern.flags & ~re.UNICODE)
    if problem:
        raise ValueError(f"pattern {pattern.pattern!r} cannot go to the browser: {problem}")
    return {"re": pattern.pattern, "flags": "".join(letter for flag, letter in FLAG_LETTERS.items()
                                                    if pattern.flags & flag)}


class _Skip:
    """A value with no JSON form (a path, a function): left out of an export."""


SKIP = _Skip()


def exported(value: Any) -> Any:
    """value as JSON-able data: patterns as {"re", "flags"}, sets as sorted lists, tuples as lists."""
    if isinstance(value, re.Pattern):
        return pattern_json(value)
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (set, frozenset)):
        return sorted(exported(v) for v in value)
    if isinstance(value, (list, tuple)):
        items = [exported(v) for v in value]
        return SKIP if any(i is SKIP for i in items) else items
    if isinstance(value, dict):
        items = {str(k): exported(v) for k, v in value.items()}
        return SKIP if any(i is SKIP for i in items.values()) else items
    return SKIP


def module_rules(module: ModuleType) -> dict[str, Any]:
    """Every upper-case constant of a module that has a JSON form, by name: a rule added to the
    module reaches the browser without a change here."""
    rules = {}
    for name, value in vars(module).items():
        if name.isupper() and not name.startswith("_"):
            data = exported(value)
            if data is not SKIP:
                rules[name] = data
    return rules


@lru_cache(maxsize=1)
def classes() -> dict[str, str]:
    """The characters Python's \\d and \\s match in a str pattern, as the inside of a JavaScript
    character class (ranges of \\u{…} escapes), so that the browser matches exactly the same."""
    # Planes 0 and 1 as one string, made at C speed: Unicode has no digit beyond them and no
    # space above U+3000.
    every = array.array("I", range(0x20000)).tobytes().decode("utf-32-le", "surrogatepass")
    return {"d": _ranges(map(ord, re.findall(r"\d", every))),
            "s": _ranges(map(ord, re.findall(r"\s", every[:0x3001])))}


def _ranges(codes) -> str:
    out, start, previous = [], None, None
    for code in codes:
        if start is None:
            start = previous = code
        elif code == previous + 1:
            previous = code
        else:
            out.append((start, previous))
            start = previous = code
    if start is not None:
        out.append((start, previous))
    return "".join(f"\\u{{{a:x}}}" if a == b else f"\\u{{{a:x}}}-\\u{{{b:x}}}" for a, b in out)
