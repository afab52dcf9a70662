"""Read an input file (.txt, .md, .docx) as plain text, one paragraph a line."""
from __future__ import annotations

import re
from pathlib import Path

SUFFIXES = (".txt", ".md", ".docx")


class InputError(ValueError):
    """A file the importer cannot read; the message names the file and what was expected."""


def read_text(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(f"{path}: expected a .txt, .md or .docx file, got {suffix or 'no suffix'!r}")
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    if suffix == ".docx":
        return read_docx(path)
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):  # Windows Notepad still saves GBK files
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{path}: not UTF-8 or GB18030 text")


def read_docx(path: Path) -> str:
    """Paragraphs in order; Word heading styles become Markdown '#' so the parser sees the level."""
    import docx  # python-docx, only needed for Word input

    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx raises several types for a damaged file
        raise InputError(f"{path}: not a readable .docx file ({error})") from error
    lines = []
    for paragraph in document.paragraphs:
        style = paragraph.style.name if paragraph.style is not None else ""
        heading = re.match(r"(?:Heading|标题)\s*(\d)", style)
        prefix = "#" * int(heading.group(1)) + " " if heading else ("# " if style == "Title" else "")
        lines.append(prefix + paragraph.text)
    for table in document.tables:  # tables (整改清单) come last, one row a line
        for row in table.rows:
            lines.append(" | ".join(cell.text.strip() for cell in row.cells))
    return "\n".join(lines)
