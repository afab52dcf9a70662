"""The labels of Word's automatic numbering (一、 （一） 1. ①), which python-docx does not show.

A paragraph numbered by Word holds no "一、" in its text: the number comes from the numbering
definitions (word/numbering.xml), by the paragraph's own w:numPr or its style's. Without the
labels the importer would see headings and items with no numbers, and lose the structure.

Counters follow Word: a list is an abstract numbering definition, shared by the w:num instances
that point to it; a w:startOverride starts an instance again; a level restarts when a higher
level moves on.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_CHINESE_DIGITS = "零一二三四五六七八九"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _chinese(n: int, digits: str = _CHINESE_DIGITS, ten: str = "十") -> str:
    """1-99 in Chinese numerals (一, 十, 十一, 二十三); larger numbers in digits."""
    if not 0 < n < 100:
        return str(n)
    tens, units = divmod(n, 10)
    if tens == 0:
        return digits[units]
    return ("" if tens == 1 else digits[tens]) + ten + (digits[units] if units else "")


def _roman(n: int) -> str:
    values = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
              (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letters in values:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """n in Word's numFmt (unknown formats as decimal digits)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting",
               "taiwaneseCountingThousand", "ideographDigital"):
        return _chinese(n)
    if fmt == "chineseLegalSimplified":
        return _chinese(n, _LEGAL_DIGITS, "拾")
    if fmt in ("ideographTraditional",):
        return _HEAVENLY_STEMS[(n - 1) % 10]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 0 < n <= len(_CIRCLED):
        return _CIRCLED[n - 1]
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate({ord(c): 0xFF10 + int(c) for c in "0123456789"})
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    return str(n)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    legal: bool = False  # w:isLgl: every level's number in decimal digits
    style: str | None = None  # w:pStyle: the paragraph style this level belongs to


@dataclass
class WordNumbering:
    """Labels of numbered paragraphs, computed in document order (call label() for each one)."""

    abstract: dict[str, dict[int, _Level]] = field(default_factory=dict)
    instances: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)  # numId → (abstractNumId, startOverrides)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)  # abstractNumId → level → count
    started: set[str] = field(default_factory=set)  # instances whose overrides have been applied

    @classmethod
    def of(cls, document: Any) -> WordNumbering:
        numbering = cls()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):  # a document without numbering definitions
            return numbering
        for abstract in root.iter(f"{W}abstractNum"):
            levels = {}
            for lvl in abstract.iter(f"{W}lvl"):
                levels[int(lvl.get(f"{W}ilvl", "0"))] = _Level(
                    start=int(_val(lvl, "start") or 1), fmt=_val(lvl, "numFmt") or "decimal",
                    text=_val(lvl, "lvlText") or "", legal=lvl.find(f"{W}isLgl") is not None,
                    style=_val(lvl, "pStyle"))
            numbering.abstract[abstract.get(f"{W}abstractNumId")] = levels
        for num in root.iter(f"{W}num"):
            overrides = {}
            for override in num.iter(f"{W}lvlOverride"):
                start = _val(override, "startOverride")
                if start is not None:
                    overrides[int(override.get(f"{W}ilvl", "0"))] = int(start)
            numbering.instances[num.get(f"{W}numId")] = (_val(num, "abstractNumId"), overrides)
        return numbering

    def label(self, paragraph: Any) -> str:
        """The number Word shows before this paragraph ("" if none), counting it."""
        found = _num_pr(paragraph)
        if found is None:
            return ""
        num_id, level = found
        if num_id not in self.instances:
            return ""  # numId 0 (numbering switched off) or an unknown instance
        abstract_id, overrides = self.instances[num_id]
        levels = self.abstract.get(abstract_id, {})
        if level is None:  # numbered by its style: the level that names the style, else the first
            style_id = _style_id(paragraph)
            level = next((i for i, lvl in levels.items() if lvl.style and lvl.style == style_id), 0)
        if level not in levels:
            return ""
        counts = self.counters.setdefault(abstract_id, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for ilvl, start in overrides.items():  # this instance starts the list again
                counts[ilvl] = start - 1
                for deeper in [k for k in counts if k > ilvl]:
                    del counts[deeper]
        counts[level] = counts.get(level, levels[level].start - 1) + 1
        for deeper in [k for k in counts if k > level]:
            del counts[deeper]
        this = levels[level]
        if this.fmt in ("bullet", "none"):
            return ""
        text = this.text
        for ilvl in range(level, -1, -1):  # %10 before %1
            shown = levels.get(ilvl, _Level())
            count = counts.get(ilvl, shown.start)
            fmt = "decimal" if this.legal else shown.fmt
            text = text.replace(f"%{ilvl + 1}", format_number(count, fmt))
        return text


def _val(element: Any, tag: str) -> str | None:
    child = element.find(f"{W}{tag}")
    return None if child is None else child.get(f"{W}val")


def _num_pr(paragraph: Any) -> tuple[str, int | None] | None:
    """(numId, level) from the paragraph's own properties, else its style chain's (level None:
    the style does not say)."""
    p_pr = paragraph._p.pPr
    num_pr = p_pr.numPr if p_pr is not None else None
    if num_pr is not None and num_pr.numId is not None:
        level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
        return str(num_pr.numId.val), int(level)
    style = paragraph.style
    while style is not None:
        style_pr = style.element.pPr
        if style_pr is not None and style_pr.numPr is not None and style_pr.numPr.numId is not None:
            ilvl = style_pr.numPr.ilvl
            return str(style_pr.numPr.numId.val), (int(ilvl.val) if ilvl is not None else None)
        style = style.base_style
    return None


def _style_id(paragraph: Any) -> str | None:
    return paragraph.style.style_id if paragraph.style is not None else None
