"""Data errors that name the file, the line and the field, and say what was expected."""
from __future__ import annotations

import reprlib
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class DataError:
    file: str
    line: int | None
    field: str
    expected: str
    found: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        found = f"; found {self.found}" if self.found else ""
        return f"{where}: {self.field or '(document)'}: expected {self.expected}{found}"


# A report lists at most this many errors of one file, then says how many more there are: a file
# in the wrong folder or a copy of another file can give hundreds of errors that say one thing.
SHOWN_PER_FILE = 25


class DataErrors(Exception):
    """Every error found in one pass, so a maintainer fixes them all in one go."""

    def __init__(self, errors: list[DataError]):
        self.errors = sorted(set(errors), key=lambda e: (e.file, e.line or 0, e.field, e.expected))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.errors)
        lines = [f"{count} data error{'s' if count != 1 else ''}:"]
        per_file: dict[str, int] = {}
        for error in self.errors:
            shown = per_file[error.file] = per_file.get(error.file, 0) + 1
            if shown <= SHOWN_PER_FILE:
                lines.append(f"  {error}")
        for file, shown in per_file.items():
            if shown > SHOWN_PER_FILE:
                lines.append(f"  {file}: … and {shown - SHOWN_PER_FILE} more errors in this file")
        return "\n".join(lines)


# Bounded: a found value may be a whole file's records; only its beginning is shown.
_REPR = reprlib.Repr()
_REPR.maxstring, _REPR.maxother, _REPR.maxlist, _REPR.maxdict, _REPR.maxlevel = 80, 60, 4, 4, 2


def show(value: object, limit: int = 60) -> str:
    """A short, readable rendering of a found value for an error message; characters one cannot
    see are named by their code point."""
    if value is None:
        return "nothing (an empty value)"
    text = repr(value[:limit]) if isinstance(value, str) else _REPR.repr(value)
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    if isinstance(value, str):
        unseen = invisible_characters(value)
        if unseen:
            text += f" (with {', '.join(unseen)})"
    return text


def invisible_characters(text: str, limit: int = 3) -> list[str]:
    """The distinct characters of text that a reader cannot see or tell apart from a space, named."""
    names: list[str] = []
    for char in dict.fromkeys(text):
        if not char.isprintable() and char not in "\n" or char == "\u3000":
            names.append(code_point(char))
            if len(names) == limit:
                break
    return names


def code_point(char: str) -> str:
    """U+200B ZERO WIDTH SPACE: how an invisible character is named in messages."""
    name = unicodedata.name(char, "") or _CONTROL_NAMES.get(ord(char)) or _UNNAMED.get(unicodedata.category(char), "")
    return f"U+{ord(char):04X} {name}"


_UNNAMED = {"Cc": "(a control character)", "Cs": "(half of a character: a lone surrogate)",
            "Cn": "(not a character)", "Co": "(a private-use character)"}


# unicodedata has no names for control characters.
_CONTROL_NAMES = {0x00: "NULL", 0x07: "BELL", 0x08: "BACKSPACE", 0x09: "TAB", 0x0A: "LINE FEED",
                  0x0B: "LINE TABULATION", 0x0C: "FORM FEED",
                  0x0D: "CARRIAGE RETURN", 0x1B: "ESCAPE", 0x7F: "DELETE", 0x85: "NEXT LINE",
                  0x1C: "FILE SEPARATOR", 0x1D: "GROUP SEPARATOR", 0x1E: "RECORD SEPARATOR",
                  0x1F: "UNIT SEPARATOR"}


def field_path(path: tuple) -> str:
    """('examples', 3, 'title') → examples[3].title, the way maintainers read YAML."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text
