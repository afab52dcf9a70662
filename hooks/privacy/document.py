"""The personal-data checker over a whole document: what scan() finds once is found everywhere.

A name is easy to find where a title, a suffix or a label stands beside it (村党支部书记李成宝, 青岛市,
佼楚公司) and hard elsewhere (李成宝说, 青岛绿丰…, 佼楚党支部). scan_document() scans each line with
checker.scan, then reports every other occurrence in the document of what those findings name:
the name of a person without its title, a place without its suffix, a unit's distinctive core
without its trade words; and for a person found by full name, the surname with a title (徐绍模 →
徐医生, 张三 → 张书记). The importer's anonymise stage replaces one entity by one placeholder across
a document; this gives it every occurrence to replace.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from hooks.privacy import rules
from hooks.privacy.checker import Finding, unit_core, without_overlaps, scan
from hooks.text.script import to_simplified

# Suffixes of places a name is also written without (青岛市 → 青岛); not 路/街/村: 建设路, 新村 are
# built on ordinary words, and a village is rarely named without 村.
BARE_PLACE_SUFFIXES = ("省", "市", "县", "区", "镇", "乡", "街道", "社区", "小区")


@dataclass(frozen=True)
class _Name:
    category: str
    text: str          # what to look for, in simplified characters
    placeholder: str


def scan_document(lines: Sequence[str], *, use_jieba: bool = True) -> list[list[Finding]]:
    """For each line, its findings: scan(line) plus every occurrence of a name found in any line
    of the document (see the module docstring). Offsets are into the line, as for scan()."""
    found = [scan(line, use_jieba=use_jieba) for line in lines]
    names = _names([f for line in found for f in line])
    if not names:
        return found
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    titled = _surname_titles(names)
    out = []
    for line, findings in zip(lines, found):
        simple = to_simplified(line)
        extra = [Finding(names[m.group()].category, line[m.start():m.end()], m.start(), m.end(),
                         names[m.group()].placeholder)
                 for m in pattern.finditer(simple)]
        if titled:
            extra += [Finding("person", line[m.start():m.end()], m.start(), m.end(), "××" + m.group(2))
                      for m in titled.finditer(simple) if _is_titled_name(simple, m)]
        out.append(without_overlaps(findings + extra) if extra else findings)
    return out


def _names(findings: list[Finding]) -> dict[str, _Name]:
    """What each finding names, as looked for elsewhere: {text: _Name}."""
    names: dict[str, _Name] = {}
    for f in findings:
        text = to_simplified(f.match)
        if f.category == "person":
            name = _person_name(text)
            if name:
                names.setdefault(name, _Name("person", name, "××"))
        elif f.category == "place":
            names.setdefault(text, _Name("place", text, f.placeholder))
            bare = _bare_place(text)
            if bare:
                names.setdefault(bare, _Name("place", bare, f.placeholder))
        elif f.category == "unit":
            names.setdefault(text, _Name("unit", text, f.placeholder))
            core = unit_core(text[:-_suffix_length(text)] if _suffix_length(text) else text)
            if len(core) >= 2 and _distinctive(core):
                names.setdefault(core, _Name("unit", core, f.placeholder))
    return names


def _person_name(text: str) -> str:
    """The name in a person finding (张三书记 → 张三, 张书记 → ''; a surname alone is no name)."""
    title = rules.TITLE_RE.search(text)
    name = text[:title.start()] if title and title.end() == len(text) else text
    return name if len(name) >= 2 and all("\u4e00" <= c <= "\u9fff" for c in name) else ""


def _bare_place(text: str) -> str:
    """A place's name without its suffix when it is written so too (青岛市 → 青岛), else ''."""
    for suffix in sorted(BARE_PLACE_SUFFIXES, key=len, reverse=True):  # 小区 before 区
        if text.endswith(suffix):
            bare = text[:-len(suffix)]
            # not a name that still ends like a place (分包社区|社区): the finding was no name
            ends_as_place = rules.PLACE_RE.search(bare[-2:]) or bare[-1] in rules.PLACE_SUFFIXES
            return bare if len(bare) >= 2 and _distinctive(bare) and not ends_as_place else ""
    return ""


def _suffix_length(text: str) -> int:
    m = rules.UNIT_SUFFIX_RE.search(text)
    return len(text) - m.start() if m and m.end() == len(text) else 0


def _distinctive(word: str) -> bool:
    """Not an ordinary word: a bare name must not turn every 和平 or 发展 of the text into a place."""
    return (word not in rules.common_words() and word not in rules.NAME_WORDS
            and word not in rules.PUBLIC_NAMES and word not in rules.PUBLIC_PLACES)


def _surname_titles(names: dict[str, _Name]) -> re.Pattern[str] | None:
    """Surname + title of every person found by full name (徐绍模 → 徐医生, 徐书记)."""
    surnames = {rules.surname_of(n.text) for n in names.values() if n.category == "person"}
    surnames = {s for s in surnames if s in rules.SURNAMES}
    if not surnames:
        return None
    return re.compile("(" + "|".join(sorted(surnames, key=len, reverse=True)) + ")("
                      + "|".join(sorted(rules.TITLES, key=len, reverse=True)) + ")")


def _is_titled_name(text: str, m: re.Match[str]) -> bool:
    """Not an ordinary word ending in a surname (有关同志) nor a generic title (党委书记)."""
    return (text[max(0, m.start() - 1):m.start() + 1] not in rules.WORDS_ENDING_IN_SURNAME
            and not any(text.startswith(g, m.start()) for g in rules.GENERIC_TITLED))


def scan_text(text: str, *, use_jieba: bool = True) -> list[Finding]:
    """scan_document over the lines of text, with offsets into text."""
    out, offset = [], 0
    lines = text.split("\n")
    for line, findings in zip(lines, scan_document(lines, use_jieba=use_jieba)):
        out += [Finding(f.category, f.match, f.start + offset, f.end + offset, f.placeholder) for f in findings]
        offset += len(line) + 1
    return out
