"""Names without a title or suffix, from jieba's part-of-speech tags: persons (nr: 会议由陈志强主持,
陈志远：…) and places (ns: 大东发展, 北塔的干部).

The rules in checker.py find a name only beside a title (张书记) or a suffix (海淀区); on real
documents that was a third of the names. jieba's HMM tags unknown words; its dictionary tells a
famous name or an ordinary word (廉政 is tagged nr, 城市 ns) from a rare one, so only words the
dictionary does not know, or knows as rare, are reported.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path

from hooks.privacy import cache, rules

# A dictionary word at least this frequent is an ordinary word or a public name (中国, 朝阳,
# 习近平), never a private one: jieba's frequencies for real but private names are below 30
# (陈志远 3, 大东 20, 滨江 26).
COMMON_FROM = {"nr": 5, "ns": 30}
# jieba's dictionary also tags many ordinary words ns (扎根, 城建, 满意度) and its HMM guesses ns
# for unknown ones (广纳): a place must also end like one (大东, 滨江, 北塔).
PLACE_LAST_CHARS = set("东西南北中江河湖海山岭峰坡岗岩州城塔桥湾沟港口关庄屯堡营店集坪坝滩洲岛园台林泉溪源寨井铺洼屿淀")
# jieba tags names by clause; splitting there lets repeated clauses (stock phrases) be tagged once.
CLAUSE = re.compile(r"[^。；！？!?\n]+[。；！？!?\n]*")
PERSON_FLAGS = {"nr", "nrfg", "nrt"}
RARE_BELOW = max(COMMON_FROM.values())


@lru_cache(maxsize=1)
def _tokenizer():
    """A private jieba tokenizer: the global one may carry another tool's user dictionary
    (Material's search loads one), which would change the tags between runs."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    return jieba.posseg.POSTokenizer(jieba.Tokenizer())


class _Lexicon:
    """jieba's dictionary as (frequency, tag) lookups, read from the tokenizer's own tables
    (copying its 580,000 entries into one dict took 3 s at every build)."""

    def __init__(self) -> None:
        tagger = _tokenizer()
        tagger.tokenizer.check_initialized()
        self._freq, self._tags = tagger.tokenizer.FREQ, tagger.word_tag_tab

    def get(self, word: str, default: tuple[int, str] = (0, "")) -> tuple[int, str]:
        freq = self._freq.get(word)
        return (freq, self._tags.get(word, "")) if freq else default


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    """jieba's dictionary as look-ups (frequency and tag of a word), loaded once."""
    return _Lexicon()


def warm_up() -> None:
    """Load the dictionary, the tagger's tables and what is derived from them now (before a fork,
    so both processes share them)."""
    from hooks.privacy import gazetteer

    lexicon()
    _acting_surnames(rules.SURNAMES)
    _given_name_chars()
    gazetteer.short_names()


def names(text: str) -> list[tuple[str, int, int, str]]:
    """(category, start, end, word) of each untitled person or suffix-less place in text."""
    found = []
    for clause in CLAUSE.finditer(text):
        found += [(category, clause.start() + start, clause.start() + end, word)
                  for category, start, end, word in _clause_names(clause.group())]
    return found


def _clause_names(clause: str) -> tuple[tuple[str, int, int, str], ...]:
    found = _stored.get(clause)
    if found is None:
        found = _new.get(clause)
    if found is None:
        found = _new[clause] = _tag_clause(clause)
    return found


def _tag_clause(clause: str) -> tuple[tuple[str, int, int, str], ...]:
    frequencies = lexicon()
    # Tagging parts of speech is 9 times slower than segmenting: only clauses whose segmentation
    # holds a possible name (an unknown word, or a rare name or place of the dictionary) are tagged.
    acting = _persons_acting(clause, frequencies)
    words = _tokenizer().tokenizer.lcut(clause, HMM=True)
    acting += _divisions(clause, words)
    if not any(_may_be_name(word, words[i + 1] if i + 1 < len(words) else "", frequencies)
               for i, word in enumerate(words)):
        return tuple(acting)
    found, position = acting, 0
    tokens = [(t.word, t.flag) for t in _tokenizer().cut(clause, HMM=True)]
    index = 0
    while index < len(tokens):
        word, flag = tokens[index]
        start = clause.find(word, position)
        index += 1
        following = tokens[index] if index < len(tokens) else ("", "")
        if (flag in PERSON_FLAGS and len(word) == 1 and following[1] in PERSON_FLAGS
                and len(following[0]) <= 2):  # 李/红梅: a surname and a given name tagged apart
            word, flag = word + following[0], "nr"
            index += 1  # the given name is part of this word
        position = start + len(word)
        if flag in PERSON_FLAGS and _private_person(word):
            found.append(("person", start, position, word))
        elif flag == "ns" and _private_place(word, frequencies):
            found.append(("place", start, position, word))
    return tuple(found)


def _divisions(clause: str, words: list[str]) -> list[tuple[str, int, int, str]]:
    """Places of the national standard written without a suffix (从长沙来到, 支持浠水发展), where the
    segmenter makes a word of the name (so not 安宁 in 安宁县城, nor a name inside a longer word)."""
    from hooks.privacy import gazetteer

    names, full, found, position = gazetteer.short_names(), gazetteer.full_names(), [], 0
    for word in words:  # the segmenter's words follow each other over the whole clause
        start, position = position, position + len(word)
        if word in names and not rules.PLACE_RE.match(clause, position):  # 仁和路: the rules' business
            found.append(("place", start, position, word))
        elif word in full and not rules.PLACE_RE.search(word[-2:]) and word[-1] not in rules.PLACE_SUFFIXES:
            found.append(("place", start, position, word))  # 西乌珠穆沁旗, 锡林郭勒盟: suffixes the rules lack
    return found


def _persons_acting(clause: str, frequencies: _Lexicon) -> list[tuple[str, int, int, str]]:
    """Names followed by what a person does (李成宝说, 社员隋帮如说, 代表陈国强建议, 我和杨建军分头):
    a surname and one or two characters that make no dictionary word with what stands before, are
    no word themselves, use only characters of given names in the dictionary's names (nr), and are
    followed by a verb, preposition, adverb or conjunction of the dictionary. The segmenter is not
    asked: it splits unknown names wrongly (李成/宝用)."""
    found, taken = [], -1
    single, compound = _acting_surnames(rules.SURNAMES)
    for start, char in enumerate(clause):
        if start < taken:
            continue
        surname = clause[start:start + 2] if clause[start:start + 2] in compound else char
        if surname is char and char not in single:
            continue
        if start and _joins(clause[start - 1:start + 1], frequencies):
            continue  # 如何/资金…: the surname-like character ends a word
        for length in (len(surname) + 2, len(surname) + 1):
            if length == len(surname) + 1 and start and "\u4e00" <= clause[start - 1] <= "\u9fff":
                continue  # a one-character given name only opens a clause (周敏说; not 做到闻令而动)
            name = clause[start:start + length]
            rare_below = ACTING_KNOWN_NAME_BELOW if length == len(surname) + 2 else COMMON_FROM["nr"]
            if (len(name) == length and HAN_WORD.fullmatch(name) and _private_person(name, rare_below)
                    and not _word_inside(name, frequencies) and _given_name_like(name[len(surname):])
                    and not _word_across(clause, start, start + length, frequencies)
                    and not any(c in ACTING_NOT_GIVEN for c in name[len(surname):])
                    and not _joins(clause[start + length - 1:start + length + 1], frequencies, 100)
                    and _acts(clause, start + length, frequencies)):
                found.append(("person", start, start + length, name))
                taken = start + length
                break
    return found


# A full name followed by what a person does is a private person's even when the dictionary knows a
# namesake (杨建军 27, 陈国强 136): public figures are listed (public_names.txt), and a public figure's
# frequency is higher (毛泽东 8994, 李大钊 1338, 雷锋 232).
ACTING_KNOWN_NAME_BELOW = 200
# Function characters that are no part of a given name (车到|站, 某某对|…).
ACTING_NOT_GIVEN = set("对到在向从把被给于将为是也又都就要的了并且而不地得着过和与及或之其委局办厅处科")
# What a person does, as the dictionary tags the word after a name.
ACTING_TAGS = ("v", "vd", "p", "d", "c", "ad", "t", "i")
# One-character words that follow a name as a verb or preposition the dictionary tags otherwise.
ACTING_CHARS = set("说向用在对把被给和与同跟是也都就又还将已正便才家等带率为从到以让叫要能会曾却")


# How often a surname starts a person's name of the dictionary against another word: 李 92, 杨 51,
# 路 0.5, 车 0.19, 边 0.27 (车到站, 边查边改). Below this, a surname alone is too weak evidence.
ACTING_SURNAME_STRENGTH = 0.3


@lru_cache(maxsize=2)
def _acting_surnames(surnames: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """(one-character surnames strong enough, compound surnames) for _persons_acting, which looks
    at every character of every clause: a set look-up first."""
    strength = _surname_strength()
    single = frozenset(s for s in surnames if len(s) == 1 and s not in rules.WEAK_SURNAMES
                       and strength.get(s, 1.0) >= ACTING_SURNAME_STRENGTH)
    return single, frozenset(s for s in surnames if len(s) == 2)


@lru_cache(maxsize=1)
def _surname_strength() -> dict[str, float]:
    """For each one-character surname: 3-character person names (nr) it starts, per dictionary word
    of another class it starts (both + 1)."""
    names, others = {}, {}
    for word, tag in lexicon()._tags.items():  # noqa: SLF001 - the tagger's own table
        if tag == "nr" and len(word) == 3:
            names[word[0]] = names.get(word[0], 0) + 1
        elif len(word) >= 2 and not tag.startswith("nr"):
            others[word[0]] = others.get(word[0], 0) + 1
    return {c: (names.get(c, 0) + 1) / (others.get(c, 0) + 1) for c in rules.SURNAMES if len(c) == 1}


# Words the dictionary tags as nouns that follow a name as verbs (代表陈国强建议, 王某汇报).
ACTING_NOUNS = ("建议", "代表", "汇报", "通报", "坦言", "动情")


def _acts(clause: str, pos: int, frequencies: _Lexicon) -> bool:
    """The longest dictionary word at pos is a verb, preposition, adverb, conjunction… (说, 感触)."""
    if pos >= len(clause):
        return False
    if clause.startswith(ACTING_NOUNS, pos):
        return True
    for length in (4, 3, 2, 1):
        word = clause[pos:pos + length]
        freq, tag = frequencies.get(word)
        if len(word) == length and freq:
            return (tag.startswith(ACTING_TAGS) and tag not in ("vn",)) or (length == 1 and word in ACTING_CHARS)
    return clause[pos] in ACTING_CHARS


def _word_inside(name: str, frequencies: _Lexicon) -> bool:
    """A dictionary word that starts the candidate (班子主…, 纪律要…, 严格遵…) or is all of it."""
    return any(frequencies.get(name[:end])[0] and not frequencies.get(name[:end])[1].startswith("nr")
               for end in range(2, len(name) + 1))


def _word_across(clause: str, start: int, end: int, frequencies: _Lexicon) -> bool:
    """A dictionary word from the candidate's first character past its end (左邻右|舍)."""
    return any(frequencies.get(clause[start:stop])[0] and len(clause[start:stop]) == stop - start
               for stop in range(end + 1, min(len(clause), start + 4) + 1))


def _joins(pair: str, frequencies: _Lexicon, from_freq: int = 1) -> bool:
    """Two characters that make a dictionary word (at least from_freq times): no name boundary between."""
    freq, _ = frequencies.get(pair)
    return freq >= from_freq or pair in rules.WORDS_ENDING_IN_SURNAME


@lru_cache(maxsize=1)
def _given_name_chars() -> frozenset[str]:
    """Characters of given names in the dictionary's person names (nr entries of 2-3 characters)."""
    table = lexicon()
    return frozenset(c for word, tag in table._tags.items()  # noqa: SLF001 - the tagger's own table
                     if tag == "nr" and 2 <= len(word) <= 3 for c in word[1:])


def _given_name_like(given: str) -> bool:
    return all(c in _given_name_chars() for c in given)


def _may_be_name(word: str, following: str, frequencies: _Lexicon) -> bool:
    """Whether the tagger could report this word: cheap tests that every reported name passes."""
    if not HAN_WORD.fullmatch(word) or _masked(word):
        return False
    freq, tag = frequencies.get(word, (0, ""))
    surname = rules.surname_of(word)
    person_like = surname in rules.SURNAMES and surname not in rules.WEAK_SURNAMES
    place_like = word[-1] in PLACE_LAST_CHARS
    if len(word) == 1:  # a name split in two: 李/红梅
        return person_like and bool(HAN_WORD.fullmatch(following)) and len(following) <= 2
    if freq and not (tag.startswith(("nr", "ns")) and freq < RARE_BELOW):
        return False
    return (person_like and len(word) <= 3) or place_like


HAN_WORD = re.compile(r"[\u4e00-\u9fff]{1,4}")


def _private_person(word: str, rare_below: int = COMMON_FROM["nr"]) -> bool:
    """A private person's name: a listed surname, a given name, not an ordinary word, and not a
    name the dictionary knows at least rare_below times (a public figure, or 廉政 tagged nr)."""
    if not 2 <= len(word) <= 3 or word in rules.PUBLIC_NAMES or _masked(word):
        return False
    surname = rules.surname_of(word)
    given = word[len(surname):]
    if (surname not in rules.SURNAMES or surname in rules.WEAK_SURNAMES or not given
            or any(c in rules.NOT_IN_LABELLED_NAME for c in given)):
        return False
    if word[-1] in rules.PLACE_SUFFIXES or word in rules.common_words():
        return False
    freq, tag = lexicon().get(word, (0, ""))
    return (not freq or tag.startswith("nr") and freq < rare_below) and not is_common_word(given)


def is_common_word(word: str) -> bool:
    """A frequent dictionary word that is not a name: 顾大局 is 顾 + 大局, not a person."""
    freq, tag = lexicon().get(word, (0, ""))
    return len(word) >= 2 and freq >= 500 and not tag.startswith(("nr", "ns"))


def is_other_word(word: str) -> bool:
    """A dictionary word of another class than a person's name (党办, 成员)."""
    _, tag = lexicon().get(word, (0, ""))
    return bool(tag) and not tag.startswith("nr")


def _private_place(word: str, frequencies: _Lexicon) -> bool:
    if len(word) < 2 or word in rules.PUBLIC_NAMES or _masked(word) or word in rules.PUBLIC_PLACES:
        return False
    # Names with a suffix (海淀区, 幸福里社区) are the rules' business; they judge the name before it.
    if rules.PLACE_RE.search(word[-2:]) or word[-1] in "省市县区镇乡村":
        return False
    freq, _ = frequencies.get(word, (0, ""))
    return freq < COMMON_FROM["ns"] and word[-1] in PLACE_LAST_CHARS


def _masked(word: str) -> bool:
    return "某" in word or any(c in rules.PLACEHOLDER_CHARS for c in word)


def is_common_non_place(word: str, suffix: str = "区") -> bool:
    """A frequent dictionary word of another class than a place (代表区委, 关心镇村): not a place
    name. Towns are often named with ordinary words (东风镇, 前进镇), so they need a commoner one."""
    freq, tag = lexicon().get(word, (0, ""))
    return freq >= (2000 if suffix in "镇乡" else 1000) and tag not in ("ns", "nz", "nt")


def is_known_place(word: str) -> bool:
    """A place name jieba's dictionary knows (蜀山, 海淀), rare enough not to be an ordinary word."""
    freq, tag = lexicon().get(word, (0, ""))
    return len(word) >= 2 and tag == "ns" and freq < 1000


# ---- clauses tagged in earlier builds -------------------------------------------------------
# Segmenting every clause costs about 4 s of CPU at 10,000 records, at every build, for texts that
# rarely change: what was found is kept in the temp folder (as jieba keeps its own cache), under a
# name that changes with this module, the rules and word lists, and jieba's dictionary. Each
# process appends what it tagged to a file of its own, so the forked reader needs no lock.
_stored: dict[str, tuple] = {}
_new: dict[str, tuple] = {}
_folder: Path | None = None


def load_stored(cache_root: Path | None = None) -> None:
    """Read the clauses tagged before, for the rules now in use (call after the word lists are set)."""
    global _folder
    _folder = (cache_root or Path(tempfile.gettempdir())) / f"msh-tagged-{cache.key()}"
    _stored.clear()
    try:
        parts = sorted(_folder.glob("*.jsonl"))
    except OSError:
        return
    for part in parts:
        try:
            with part.open(encoding="utf-8") as lines:
                for line in lines:
                    clause, found = json.loads(line)
                    _stored[clause] = tuple(tuple(f) for f in found)
        except (OSError, ValueError):
            continue  # a file cut short by a build that stopped: its clauses are tagged again


def store_new() -> None:
    """Append what this process tagged since the last call to its own file."""
    if _folder is None or not _new:
        return
    try:
        _folder.mkdir(parents=True, exist_ok=True)
        with (_folder / f"{os.getpid()}.jsonl").open("a", encoding="utf-8") as out:
            out.write("".join(json.dumps([c, f], ensure_ascii=False) + "\n" for c, f in _new.items()))
    except OSError:
        return  # a read-only temp folder: the same findings, not kept
    _stored.update(_new)
    _new.clear()
