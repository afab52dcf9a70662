"""Data errors that name the file, the line and the field, and say what was expected."""
from __future__ import annotations

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


class DataErrors(Exception):
    """Every error found in one pass, so a maintainer fixes them all in one go."""

    def __init__(self, errors: list[DataError]):
        self.errors = sorted(set(errors), key=lambda e: (e.file, e.line or 0, e.field, e.expected))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.errors)
        lines = [f"{count} data error{'s' if count != 1 else ''}:"]
        lines += [f"  {error}" for error in self.errors]
        return "\n".join(lines)


def show(value: object, limit: int = 60) -> str:
    """A short, readable rendering of a found value for an error message."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def field_path(path: tuple) -> str:
    """('examples', 3, 'title') → examples[3].title, the way maintainers read YAML."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text
