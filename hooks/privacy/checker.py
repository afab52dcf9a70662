"""Anonymisation checker: finds text that identifies a person, place or unit.

`scan(text)` is pure and fast (regular expressions + word lists from hooks/privacy/rules.py);
`scan_file` adds line numbers and reviewed exceptions from data/privacy_exceptions.yaml;
`python -m hooks.privacy FILE ...` reports findings and exits 1 if any remain.
"""
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from hooks.privacy import gazetteer, rules, tagged
from hooks.text.script import to_simplified
from hooks.data.errors import DataErrors
from hooks.data.loader import load_document
from hooks.data.schemas import check

REPO_DIR = Path(__file__).resolve().parents[2]
EXCEPTIONS_PATH = REPO_DIR / "data" / "privacy_exceptions.yaml"
EXCEPTIONS_SCHEMA_PATH = REPO_DIR / "data" / "schema" / "privacy_exceptions.schema.yaml"
SCANNED_SUFFIXES = {".txt", ".md", ".yaml", ".yml"}
CATEGORIES = ("person", "place", "unit", "phone", "id_number", "email", "doc_number", "address")


@dataclass(frozen=True)
class Finding:
    category: str
    match: str
    start: int
    end: int
    placeholder: str


# ================================================================== scanning

def scan(text: str, *, use_jieba: bool = True) -> list[Finding]:
    """All findings in text, sorted by start and non-overlapping (the longest span wins).

    use_jieba adds names without a title or suffix, from jieba's part-of-speech tags
    (hooks/privacy/tagged.py; measured in benchmarks/privacy_eval.py). Without it only names
    beside a title, a suffix or a label are found.
    """
    # Traditional characters are read as simplified ones, position for position.
    original, text = text, to_simplified(text)
    candidates = [
        *_scan_codes(text), *_scan_persons(text), *_scan_titled_first(text), *_scan_person_lists(text),
        *_scan_acting(text), *_scan_places(text), *_scan_units(text), *_scan_numbered_schools(text),
    ]
    if use_jieba:
        candidates += _scan_tagged(text)
    persons = [c for c in candidates if c.category == "person"]
    candidates += _listed_after(text, persons) + _listed_before(text, persons)
    candidates += _scan_bracketed_names(text)
    found = without_overlaps(candidates)
    if text is not original:  # report what the text says, in its own characters
        found = [replace(f, match=original[f.start:f.end]) for f in found]
    return found


def without_overlaps(candidates: list[Finding]) -> list[Finding]:
    """The longest of overlapping findings (the earliest of equal ones), in text order."""
    kept: list[Finding] = []
    for cand in sorted(candidates, key=lambda f: (f.start - f.end, f.start)):
        if all(cand.end <= k.start or cand.start >= k.end for k in kept):
            kept.append(cand)
    return sorted(kept, key=lambda f: f.start)


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _has_placeholder(name: str) -> bool:
    return any(c in rules.PLACEHOLDER_CHARS for c in name)


def _scan_codes(text: str) -> list[Finding]:
    found = [Finding("email", m.group(), m.start(), m.end(), "［邮箱略］")
             for m in rules.EMAIL_RE.finditer(text)]
    found += [Finding("id_number", m.group(), m.start(), m.end(), "×" * 18)
              for m in rules.ID_NUMBER_RE.finditer(text)]
    found += [Finding("phone", m.group(), m.start(), m.end(), "×" * 11)
              for m in rules.PHONE_RE.finditer(text)]
    for m in rules.DOC_NUMBER_RE.finditer(text):
        start = m.start() - len(_doc_code_before(text, m.start()))
        found.append(Finding("doc_number", text[start:m.end()], start, m.end(), "［文号略］"))
    return found


def _doc_code_before(text: str, pos: int) -> str:
    """The issuing code glued before a bracketed year (京政发〔2023〕), or ''."""
    start = pos
    while start > 0 and pos - start < 8 and (_is_han(text[start - 1]) or text[start - 1].isascii()
                                             and text[start - 1].isalpha()):
        start -= 1
    code = text[start:pos]
    cut = max((code.rfind(w) + len(w) for w in rules.DOC_CUT_WORDS if w in code), default=0)
    code = code[cut:][-rules.DOC_CODE_MAX:]
    return code if code and code[-1] in rules.DOC_CODE_ENDINGS else ""


# ---- persons

def _scan_persons(text: str) -> list[Finding]:
    found = []
    for m in rules.TITLE_RE.finditer(text):
        name = _name_before_title(text, m.start())
        if name is None:
            continue
        start = m.start() - len(name)
        placeholder = "××同志" if m.group() == "同志" else "××" + m.group()
        found.append(Finding("person", text[start:m.end()], start, m.end(), placeholder))
    return found


def _name_before_title(text: str, pos: int) -> str | None:
    """The personal name right before a title at pos (刘晓明 in 刘晓明书记), or None."""
    if pos == 0 or text[pos - 1] in rules.PLACEHOLDER_CHARS or text[pos - 1] == "某":
        return None
    for length in (3, 2):  # surname + given name
        name = text[max(0, pos - length):pos]
        if len(name) < length or not all(map(_is_han, name)):
            continue
        if name in rules.PUBLIC_NAMES or "某" in name:
            return None
        surname = rules.surname_of(name)
        given = name[len(surname):]
        # After a boundary (1、何长生同志, （王刚书记）) the name stands alone: any given name will do.
        alone = pos - length == 0 or not _is_han(text[pos - length - 1])
        not_given = rules.NOT_IN_LABELLED_NAME if alone else rules.NOT_IN_GIVEN_NAME
        if (surname in rules.SURNAMES and surname not in rules.WEAK_SURNAMES and given
                and not any(c in not_given for c in given) and not tagged.is_other_word(name)
                and text[max(0, pos - length - 1):pos - length + 1] not in rules.WORDS_ENDING_IN_SURNAME):
            return name
    surname = text[pos - 1]
    titled = surname + text[pos:pos + 3]
    if (surname in rules.SURNAMES
            and text[max(0, pos - 2):pos] not in rules.WORDS_ENDING_IN_SURNAME
            and not any(titled.startswith(g) for g in rules.GENERIC_TITLED)
            and not any(titled.startswith(p) for p in rules.PUBLIC_NAMES)):
        return surname
    return None


def _scan_titled_first(text: str) -> list[Finding]:
    """A name right after a title or label: 书记刘亮、 主席张玮参加, 记者 王某某."""
    found = []
    for m in rules.TITLE_BEFORE_RE.finditer(text):
        name = _name_at(text, m.end())
        if name:
            found.append(Finding("person", name, m.end(), m.end() + len(name), "××"))
    return found


def _scan_person_lists(text: str) -> list[Finding]:
    """Names listed after a label (出席人：张三、李四、王五) and a speaker's name opening a line
    (陈志远：…)."""
    found = []
    for m in rules.PERSON_LIST_RE.finditer(text):
        position = m.end()
        while position < len(text):
            name = _name_at(text, position, listed=True)
            if not name:
                break
            found.append(Finding("person", name, position, position + len(name), "××"))
            position += len(name)
            while position < len(text) and text[position] in rules.PERSON_LIST_SEPARATORS:
                position += 1
    for m in SPEAKER_RE.finditer(text):
        name = m.group(1)
        if _looks_like_name(name):
            found.append(Finding("person", name, m.start(1), m.end(1), "××"))
    return found


def _scan_acting(text: str) -> list[Finding]:
    """A name opening a clause and followed by what a person does (王潇代表班子作对照检查,
    邓硕对本次会议给予肯定): the verb, not punctuation, shows it is a name."""
    found = []
    for m in CLAUSE_START_RE.finditer(text):
        for length in (3, 2):
            name = text[m.end():m.end() + length]
            if len(name) == length and text.startswith(ACTING, m.end() + length) and _looks_like_name(name):
                found.append(Finding("person", name, m.end(), m.end() + length, "××"))
                break
    return found


def _listed_after(text: str, persons: list[Finding]) -> list[Finding]:
    """Names that follow a found name in a list (边建红、阴燚、温双伟参加)."""
    found, seen = [], {f.end for f in persons}
    queue = sorted(seen)
    while queue:
        position = queue.pop(0)
        if position >= len(text) or text[position] not in "、，,和及":
            continue
        name = _name_at(text, position + 1, listed=True)
        if name and position + 1 + len(name) not in seen:
            end = position + 1 + len(name)
            found.append(Finding("person", name, position + 1, end, "××"))
            seen.add(end)
            queue.append(end)
    return found


def _listed_before(text: str, persons: list[Finding]) -> list[Finding]:
    """Names that precede a found name in a list (县领导刘长青、雷玲列席): three characters unless the
    first is a weak surname (和王华、李明: 王华)."""
    found, seen = [], {f.start for f in persons}
    queue = sorted(seen)
    while queue:
        position = queue.pop(0)
        if position < 3 or text[position - 1] not in "、和及与":  # not "，": 对照检查中，赵丽娟
            continue
        for length in (3, 2):
            start = position - 1 - length
            name = text[max(0, start):position - 1]
            if (start >= 0 and _looks_like_name(name) and rules.surname_of(name) not in rules.WEAK_SURNAMES
                    and start not in seen):
                found.append(Finding("person", name, start, position - 1, "××"))
                seen.add(start)
                queue.append(start)
                break
    return found


def _scan_numbered_schools(text: str) -> list[Finding]:
    """A school named by its place and number (靖边五中, 海淀二小): the place must be one the
    dictionary knows (so 十九届五中全会, 统一中 are no schools)."""
    found = []
    for m in NUMBERED_SCHOOL_RE.finditer(text):
        place = m.group(1)
        if tagged.is_known_place(place) or tagged.is_known_place(place[-2:]):
            start = m.start(1) if tagged.is_known_place(place) else m.end(1) - 2
            found.append(Finding("unit", text[start:m.end()], start, m.end(), "某学校"))
    return found


NUMBERED_SCHOOL_RE = re.compile(r"([\u4e00-\u9fff]{2,3}?)[一二三四五六七八九十]{1,2}[中小](?!全会|心|央|共|间|期|旬|层|型|等|级|队|组|学)")


def _scan_bracketed_names(text: str) -> list[Finding]:
    """A byline of bare names in brackets, usually at the end of a report: （孙南 陈莹莹）."""
    found = []
    for m in BRACKETED_NAMES_RE.finditer(text):
        names = [(n.start(), n.group()) for n in re.finditer(r"[\u4e00-\u9fff]+", m.group(1))]
        if names and all(2 <= len(n) <= 3 and _looks_like_name(n) for _, n in names):
            found += [Finding("person", n, m.start(1) + i, m.start(1) + i + len(n), "××") for i, n in names]
    return found


BRACKETED_NAMES_RE = re.compile(r"[（(]((?:[\u4e00-\u9fff]{2,3}[ 　、，,]+){0,3}[\u4e00-\u9fff]{2,3})[）)]")
CLAUSE_START_RE = re.compile(r"(?:^|(?<=[。；！？\n，,]))[ 　]*")
# Verbs after which a clause-opening word is a person: who chairs, speaks, attends, leads.
ACTING = tuple("主持 代表 指出 强调 表示 作对照 作总结 作点评 作表态 作自我 参加 出席 介绍 汇报 传达 宣读 通报 "
               "提出 要求 希望 发言 点评 总结 带领 率队 陪同 对本次 对班子 对大家 在讲话 在点评 在总结 就 "
               "作督导 作动员 作讲话 作报告 作说明 作发言 感谢 指出 认为 肯定".split())
SPEAKER_RE = re.compile(r"(?:^|\n)[ \t　]*([\u4e00-\u9fff]{2,3})[ 　]*[：:]", re.M)
# What may follow a name written after a title or in a list: where the name ends.
AFTER_NAME = tuple("、 ， , 。 ； ; ： : （ ( ） ) 　 \n".split(" ")) + tuple(
    "主持 参加 出席 列席 作 讲话 指出 表示 强调 说 介绍 汇报 同志 在 到 对 带领 代表 等 和 与 及 "
    "来源 正在 也 率先 诚恳 "
    "传达 宣读 通报 提出 要求 希望 发言 点评 总结 为 分别 一行 率 陪同".split())


def _name_at(text: str, position: int, listed: bool = False) -> str:
    """The personal name starting at position (4 characters with a compound surname, else 3, else 2),
    or ''. A title or label stands before it: a rare surname will do (书记计加眺)."""
    for length in (4, 3, 2):
        name = text[position:position + length]
        following = text[position + length:position + length + 1]
        if len(name) == length and _looks_like_name(name, strong=True) and (
                not following or text.startswith(AFTER_NAME, position + length)
                or (listed and not _is_han(following))):
            return name
    return ""


def _looks_like_name(name: str, strong: bool = False) -> bool:
    """strong: a title or label before it vouches for a name, so a rare surname (rare_surnames.txt)
    will do, unless it makes a dictionary word with the next character (书记都能针对, 广泛联系)."""
    if not all(map(_is_han, name)) or name in rules.PUBLIC_NAMES or "某" in name:
        return False
    surname = rules.surname_of(name)
    given = name[len(surname):]
    rare = strong and surname in rules.RARE_SURNAMES and not tagged.is_other_word(name[:2])
    return ((surname in rules.SURNAMES or rare) and bool(given) and len(given) <= 2
            and not any(c in rules.NOT_IN_LABELLED_NAME for c in given)
            and name not in rules.common_words() and not any(t in name for t in rules.TITLES)
            and not tagged.is_other_word(name))


def _scan_tagged(text: str) -> list[Finding]:
    found = []
    for category, start, end, word in tagged.names(text):
        placeholder = "××" if category == "person" else "某地"
        found.append(Finding(category, word, start, end, placeholder))
    return found


# ---- places, addresses and units

def _name_before(text: str, pos: int, floor: int, max_len: int, cut_common: bool = True) -> str:
    """The candidate name ending at pos: the run of Han characters after the last word that
    cannot belong to a name (走访光明 → 光明, 紧密结合街道 → ''), at most max_len long; '' if none.
    cut_common=False leaves common words in (units judge their core after trade words are gone)."""
    start = pos
    while start > floor and pos - start < 8 and _is_han(text[start - 1]):
        start -= 1
    window = text[start:pos]
    # 2-character words that end before a name, if at least 2 characters are left after them.
    cut = max((i + 2 for i in range(len(window) - 3) if window[i:i + 2] in rules.WORDS_BEFORE_NAME_SET),
              default=0)
    window = window[cut:]
    right_after_suffix = cut == 0 and start == floor > 0  # 昌平区回龙观镇: 回 starts the name
    for i in range(len(window) - 1, -1, -1):
        rest = window[i + 1:]
        if window[i] in rules.STRONG_CUT_CHARS:
            window = rest
            break
        if (window[i] in rules.WEAK_CUT_CHARS and len(rest) >= 2
                and not (i == 0 and right_after_suffix and window[0] in rules.MAY_START_NAME)):
            window = rest
            break
    if cut_common:
        window = _after_common_words(window)
    if not window or window[-1] in rules.NOT_LAST_OF_NAME:
        return ""
    return "" if any(w in window for w in rules.NOT_IN_NAME) else window[-max_len:]


def _after_common_words(window: str) -> str:
    """What follows the last common non-name word in window (也定期下 → 下, 指派 → '')."""
    common, cut = rules.common_words(), 0
    for i in range(len(window) - 1):
        for j in range(min(len(window), i + 4), i + 1, -1):
            if j > cut and window[i:j] in common:
                cut = j
                break
    return window[cut:]


def _is_generic_place(name: str, suffix: str) -> bool:
    if not name or _has_placeholder(name) or name.endswith(rules.GENERIC_PLACE_ENDINGS) or name[-1] in "和与及或":
        return True
    if name + suffix in gazetteer.full_names() and (len(name) >= 2 or suffix == "县"):
        return False  # 黄石市 (jieba: 黄石 is a person), 莘县: a division of the national standard
    if len(name) < 2:
        return True
    if suffix == "省":
        return name not in rules.PROVINCES
    # A frequent word that names no place (代表区委, 服务区): jieba knows it as another class.
    if len(name) == 2 and suffix in "区县市镇乡" and tagged.is_common_non_place(name, suffix):
        return True
    if tagged.is_known_place(name):  # 蜀山区: a place the dictionary knows, though 山区 is a word
        return False
    return name[-1] in rules.GENERIC_LAST_CHAR.get(suffix, set())


def _scan_places(text: str) -> list[Finding]:
    found, floor = [], 0
    for m in rules.PLACE_RE.finditer(text):
        suffix, prev_floor, floor = m.group(), floor, m.end()
        if text[m.end():m.end() + 1] in rules.NOT_AFTER.get(suffix, set()):
            continue
        if text.startswith(rules.PLACE_AFTER_PLACE, m.end()) or (
                suffix in rules.FEATURE_SUFFIXES and rules.PLACE_RE.match(text, m.end())):
            floor = prev_floor  # 黄山路社区, 新村社区, 梨树沟村: one name
            continue
        name = _name_before(text, m.start(), prev_floor, rules.MAX_NAME.get(suffix, 4))
        if _is_generic_place(name, suffix) or name + suffix in rules.PUBLIC_NAMES:
            continue
        if len(name) == 1 and m.start() > 1 and _is_han(text[m.start() - 2]):
            continue  # 莘县 opening a clause; not 市委和县政府
        start = m.start() - len(name)
        number = rules.ADDRESS_NUMBER_RE.match(text, m.end())
        if suffix in rules.ROAD_SUFFIXES and number:
            found.append(Finding("address", text[start:number.end()], start, number.end(), "某路某号"))
        elif suffix in rules.ORGAN_SUFFIXES and text.startswith(rules.ORGAN_STARTS, m.end()):
            found.append(Finding("place", name, start, m.start(), "某"))
        else:
            found.append(Finding("place", text[start:m.end()], start, m.end(),
                                 rules.PLACE_SUFFIXES[suffix]))
    return found


UNIT_PLACEHOLDERS = {"公司": "某公司", "集团": "某公司", "银行": "某银行", "医院": "某医院", "卫生院": "某卫生院",
                     "中学": "某学校", "小学": "某学校", "大学": "某学校", "学院": "某学校",
                     "幼儿园": "某学校"}
ORDINAL_RE = re.compile("第[一二三四五六七八九十0-9]+$")


def unit_core(name: str) -> str:
    """The distinctive part of a unit name: trade words and ordinals removed (宏达建设 → 宏达)."""
    changed = True
    while changed and name:
        changed = False
        stripped = ORDINAL_RE.sub("", name)
        for word in rules.UNIT_KIND_WORDS:
            if stripped.endswith(word):
                stripped = stripped[:-len(word)]
                break
        changed, name = stripped != name, stripped
    return name


def _scan_units(text: str) -> list[Finding]:
    found, floor = [], 0
    for m in rules.UNIT_SUFFIX_RE.finditer(text):
        prev_floor, floor = floor, m.end()
        if text[m.end():m.end() + 1] in rules.UNIT_NOT_AFTER.get(m.group(), set()):
            continue
        name = _name_before(text, m.start(), prev_floor, rules.MAX_UNIT_NAME, cut_common=False)
        after_place = max((i + 1 for i, c in enumerate(name[:-1]) if c in rules.UNIT_AFTER_PLACE), default=0)
        if after_place and len(unit_core(name[after_place:])) >= 2:  # 平昌县|响滩小学; not 南湖区实验小学
            if after_place == 2:  # 浚县|浚州小学: a one-character place the places' rule leaves
                start = m.start() - len(name)
                found.append(Finding("place", name[:2], start, start + 2, rules.PLACE_SUFFIXES[name[1]]))
            name = name[after_place:]
        core = unit_core(name)
        rest = _after_common_words(core)
        if rest != core:  # 通过小学, 引进大学, 上级公司: no name; 开创大窝中学: 大窝
            if len(rest) < 2:
                continue
            name, core = name[len(core) - len(rest):], rest
        if m.group() in rules.UNITS_NAMED_WITH_TRADE and core == name:
            continue  # 领办合作社, 把稳合作社: a cooperative's name says its trade (强坤农民种植专业合作社)
        if (len(core) == 2 and m.group() not in rules.FIRM_SUFFIXES and tagged.is_common_non_place(core)
                and core not in rules.NAME_WORDS):
            continue  # 夫妻卫生院, 关心合作社: a frequent ordinary word, not a name (firms: 东方置业)
        max_core = 6 if core[-1:] in "市区县镇村" else 4
        if (not 2 <= len(core) <= max_core or _has_placeholder(core)
                or core in rules.GENERIC_UNIT_NAMES or core[-1] in "该本各"
                or (core[-1] in "子分母" and m.group() in rules.FIRM_SUFFIXES)  # 全资子公司; not 金桃子合作社

                or core.endswith(tuple(g for g in rules.GENERIC_UNIT_NAMES if len(g) > 1))):
            continue
        start = m.start() - len(name)
        placeholder = next((v for k, v in UNIT_PLACEHOLDERS.items() if m.group().endswith(k)), "某单位")
        found.append(Finding("unit", text[start:m.end()], start, m.end(), placeholder))
    return found


# ================================================================== exceptions

@dataclass(frozen=True)
class Exception_:
    match: str
    reason: str
    file: str | None = None


@dataclass
class Exceptions:
    entries: list[Exception_] = field(default_factory=list)

    def accepts(self, finding: Finding, file: str) -> bool:
        """True if a reviewed entry accepts this exact text in this file (or in every file)."""
        posix = Path(file).as_posix()
        return any(e.match == finding.match and (e.file is None or posix.endswith(e.file))
                   for e in self.entries)


class ExceptionsError(ValueError):
    """data/privacy_exceptions.yaml does not match its schema."""


def load_exceptions(path: Path = EXCEPTIONS_PATH) -> Exceptions:
    """Read and validate the reviewed exceptions; errors name file, line and field."""
    try:
        document = load_document(path, str(path))
    except DataErrors as errors:
        raise ExceptionsError(errors.report()) from None
    problems = check(document, EXCEPTIONS_SCHEMA_PATH.parent, "privacy_exceptions")
    if problems:
        raise ExceptionsError(DataErrors(problems).report())
    return exceptions_from(document.content)


def exceptions_from(content: dict | None) -> Exceptions:
    """Exceptions from the (already validated) content of a privacy_exceptions.yaml."""
    return Exceptions([Exception_(e["match"], e["reason"], e.get("file"))
                       for e in (content or {}).get("exceptions") or []])


# ================================================================== files and command line

def scan_file(path: Path, exceptions: Exceptions | None = None) -> list[tuple[int, Finding]]:
    """(line number, finding) for each finding not accepted by an exception; columns are
    Finding.start + 1 within that line."""
    results = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        for finding in scan(line):
            if exceptions is None or not exceptions.accepts(finding, str(path)):
                results.append((number, finding))
    return results


def _expand(paths: list[Path]) -> list[Path]:
    files = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.suffix in SCANNED_SUFFIXES)
        else:
            files.append(path)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m hooks.privacy",
        description="Report names, places, units, phone/ID numbers, e-mails and document numbers.")
    parser.add_argument("files", nargs="+", type=Path, help="files or folders (.txt .md .yaml)")
    parser.add_argument("--exceptions", type=Path, default=EXCEPTIONS_PATH,
                        help="reviewed exceptions (default: data/privacy_exceptions.yaml)")
    parser.add_argument("--no-exceptions", action="store_true", help="report every finding")
    args = parser.parse_args(argv)
    exceptions = None if args.no_exceptions else load_exceptions(args.exceptions)
    total, files = 0, _expand(args.files)
    for path in files:
        for line, f in scan_file(path, exceptions):
            print(f"{path}:{line}:{f.start + 1}: {f.category} «{f.match}» → {f.placeholder}")
            total += 1
    print(f"{total} finding(s) in {len(files)} file(s)", file=sys.stderr)
    return 1 if total else 0
