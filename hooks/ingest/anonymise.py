"""Replace personal data found by hooks.privacy with consistent role placeholders."""
from __future__ import annotations

import re
from dataclasses import dataclass
from string import ascii_uppercase

from .clean import Line

# The detector is its own module (the privacy checker); the importer only replaces.
from hooks.privacy.checker import Finding
from hooks.privacy.checker import scan as privacy_scan

# Masks already in the text (** / * / ×× / XX): kept as they are, never reported as findings.
EXISTING_MASK = re.compile(r"\*{1,3}|[×Xx]{2,}|○{2,}|某+")
PERSON_WORDS = ("person", "name", "人名", "姓名", "人员")




@dataclass
class Replacement:
    """One replacement, for the report: where, what kind, which placeholder (never the original)."""

    line: int
    column: int
    category: str
    placeholder: str
    original: str


# A title after a name stays visible (成员A同志, 成员B书记); only the name is keyed and replaced.
TITLE_SUFFIX = re.compile(r"(同志|副?书记|副?主任|副?局长|副?镇长|副?区长|副?县长|部长|委员|组长)$")


def is_person(category: str, placeholder: str = "") -> bool:
    return any(word in category.lower() for word in PERSON_WORDS) or "同志" in placeholder


def letter(index: int) -> str:
    return ascii_uppercase[index] if index < 26 else f"{ascii_uppercase[index // 26 - 1]}{ascii_uppercase[index % 26]}"


class Anonymiser:
    """Holds the value → placeholder map so that one name gets one placeholder in a document."""

    def __init__(self, person_base: str = "××同志", known_people: list[str] | None = None) -> None:
        self.person_base = person_base
        self.known_people = sorted(set(known_people or []), key=len, reverse=True)
        self.mapping: dict[tuple[str, str], str] = {}
        self.counters: dict[str, int] = {}
        self.taken: set[str] = set()  # placeholders the input already uses

    def findings(self, text: str) -> list[Finding]:
        """Findings of the privacy checker plus the names the document's structure revealed."""
        found: list[Finding] = []
        found.extend(privacy_scan(text))
        for name in self.known_people:
            for hit in re.finditer(re.escape(name), text):
                found.append(Finding("person", name, hit.start(), hit.end(), self.person_base))
        # Longest first, then drop overlaps and anything that is already a mask.
        found.sort(key=lambda f: (f.start, -(f.end - f.start)))
        kept: list[Finding] = []
        for finding in found:
            if kept and finding.start < kept[-1].end:
                continue
            if EXISTING_MASK.fullmatch(finding.match):
                continue
            kept.append(finding)
        return kept

    def placeholder(self, finding: Finding) -> str:
        """The consistent placeholder: persons get a letter each (成员A, 成员B …)."""
        person = is_person(finding.category, finding.placeholder)
        name, title = finding.match, ""
        if person:
            suffix = TITLE_SUFFIX.search(name)
            if suffix and suffix.start() > 0:
                name, title = name[: suffix.start()], suffix.group(0)
        key = ("person" if person else finding.category, name)
        if key not in self.mapping:
            if person:
                base = self.person_base
                index = self.counters.get(base, 0)
                # A document that already says 成员A/成员B keeps them: new names get free letters.
                while f"{base}{letter(index)}" in self.taken:
                    index += 1
                self.counters[base] = index + 1
                self.mapping[key] = f"{base}{letter(index)}"
            else:
                base = finding.placeholder or "某"
                index = self.counters.get(base, 0)
                self.counters[base] = index + 1
                # Distinct places of one kind stay distinct: 某小区, 某小区B, 某小区C …
                self.mapping[key] = base if index == 0 else f"{base}{letter(index)}"
        return self.mapping[key] + title

    def line(self, line: Line) -> tuple[Line, list[Replacement]]:
        """Anonymise one line; report every replacement with its position in the input."""
        replacements: list[Replacement] = []
        pieces: list[str] = []
        cursor = 0
        for finding in self.findings(line.text):
            placeholder = self.placeholder(finding)
            pieces.append(line.text[cursor:finding.start])
            pieces.append(placeholder)
            cursor = finding.end
            replacements.append(Replacement(line.no, finding.start + 1, finding.category, placeholder, finding.match))
        pieces.append(line.text[cursor:])
        return Line(line.no, "".join(pieces), line.md_level), replacements


def anonymise(lines: list[Line], person_base: str = "××同志",
              known_people: list[str] | None = None) -> tuple[list[Line], list[Replacement]]:
    """Anonymise every line with one shared mapping."""
    anonymiser = Anonymiser(person_base, known_people)
    pattern = re.compile(rf"{re.escape(person_base)}[A-Z]{{1,2}}(?![A-Za-z])")
    anonymiser.taken = {hit for line in lines for hit in pattern.findall(line.text)}
    out: list[Line] = []
    report: list[Replacement] = []
    for line in lines:
        new_line, replacements = anonymiser.line(line)
        out.append(new_line)
        report.extend(replacements)
    return out, report
