"""Read an input file (.txt, .md, .docx) as plain text, one paragraph a line."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

SUFFIXES = (".txt", ".md", ".docx")


class InputError(ValueError):
    """A file the importer cannot read; the message names the file and what was expected."""


@dataclass(frozen=True)
class Source:
    """The input: where it came from and its text, one paragraph a line."""

    path: Path
    text: str


def read(path: Path) -> Source:
    """Stage 1: the file's text (InputError when it cannot be read)."""
    return Source(path, read_text(path))


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
    """Paragraphs and tables in document order; Word heading styles become Markdown '#', and
    Word's automatic numbers are written out (一、 （一） 1.), as if typed."""
    import docx  # python-docx, only needed for Word input
    from docx.table import Table

    from hooks.ingest.numbering import WordNumbering

    try:
        document = docx.Document(str(path))
        numbering = WordNumbering.of(document)
    except Exception as error:  # python-docx raises several types for a damaged file
        raise InputError(f"{path}: not a readable .docx file ({error})") from error
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            rows = [[cell.text.strip() for cell in row.cells] for row in block.rows]
            lines.extend(table_lines(rows))
            continue
        style = block.style.name if block.style is not None else ""
        heading = re.match(r"(?:Heading|标题)\s*(\d)", style)
        prefix = "#" * int(heading.group(1)) + " " if heading else ("# " if style == "Title" else "")
        label = numbering.label(block)  # counted even on an empty paragraph, as Word does
        lines.append(prefix + (label if block.text.strip() else "") + block.text)
    return "\n".join(lines)


# Columns of a 整改清单 that hold no example text: who is responsible is a person, never kept.
SKIPPED_COLUMN = re.compile(r"序号|编号|责任人|责任领导|牵头|负责人|责任单位|配合")


def table_lines(rows: list[list[str]]) -> list[str]:
    """A 整改清单 (a header row with a 措施 column) becomes numbered items: （n）措施。问题：…；时限：…

    Other tables stay one row a line, cells joined by ' | '."""
    if not rows:
        return []
    header = rows[0]
    measure = next((i for i, name in enumerate(header) if "措施" in name), None)
    if measure is None or len(rows) < 2:
        return [" | ".join(row) for row in rows]
    lines: list[str] = []
    for number, row in enumerate(rows[1:], start=1):
        if measure >= len(row) or not row[measure]:
            continue
        extra = [f"{header[i]}：{cell}" for i, cell in enumerate(row)
                 if i != measure and i < len(header) and cell and not SKIPPED_COLUMN.search(header[i])]
        text = row[measure].rstrip("。；;")
        lines.append(f"（{number}）{text}。" + ("；".join(extra) + "。" if extra else ""))
    return lines
