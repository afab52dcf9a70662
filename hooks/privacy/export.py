"""The personal-data checker's rules as plain data, for the browser (自查, assets/review.js).

export() is the one place the browser's copy of the rules comes from: every upper-case constant
of rules.py and checker.py (word lists, patterns, limits: a rule added there reaches the browser
with no change here) and the dictionary look-ups the rule-based scan makes (common words; the
jieba dictionary's words of another class than a name, and its frequent non-place words), cut to
the words those look-ups can be asked about. The part-of-speech tagger (tagged.names, jieba's HMM)
has no browser form: the browser applies scan(text, use_jieba=False), and so does the Python
twin of 自查 when it compares with the browser.
"""
from __future__ import annotations

from typing import Any

from hooks.privacy import checker, rules, tagged
from hooks.text.patterns import module_rules

HAN = ("\u4e00", "\u9fff")


def export() -> dict[str, Any]:
    data = {**module_rules(rules), **module_rules(checker)}
    data["COMMON_WORDS"] = sorted(rules.common_words())
    frequencies = tagged._frequencies()  # noqa: SLF001 - the same table tagged's look-ups read
    # tagged.is_other_word is asked about 2-3 Han characters starting with a surname.
    data["OTHER_WORDS"] = sorted(
        word for word in frequencies
        if 2 <= len(word) <= 3 and all(HAN[0] <= c <= HAN[1] for c in word)
        and (word[0] in rules.SURNAMES or word[:2] in rules.SURNAMES) and tagged.is_other_word(word))
    # tagged.is_common_non_place is asked about 2 characters before 区, 县 or 市.
    data["COMMON_NON_PLACES"] = sorted(word for word in frequencies
                                       if len(word) == 2 and tagged.is_common_non_place(word))
    return data
