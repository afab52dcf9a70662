"""The personal-data checker's rules as plain data, for the browser (自查, assets/review.js).

export() is the one place the browser's copy of the rules comes from: every upper-case constant
of rules.py and checker.py (word lists, patterns, limits: a rule added there reaches the browser
with no change here), the word lists of the data folder (rules.WORD_LISTS, the common words) and
the dictionary look-ups the rule-based scan makes (tagged.is_other_word, is_common_non_place,
is_known_place), cut to the words those look-ups can be asked about. The part-of-speech tagger
(tagged.names, jieba's HMM) has no browser form: the browser applies scan(text, use_jieba=False),
and so does the Python twin of 自查 when it compares with the browser.
"""
from __future__ import annotations

from typing import Any

from hooks.privacy import checker, rules, tagged
from hooks.text.patterns import module_rules

HAN = ("\u4e00", "\u9fff")


def export() -> dict[str, Any]:
    data = {**module_rules(rules), **module_rules(checker)}
    for name in rules.WORD_LISTS:  # read on first use, not module constants until then
        data[name] = sorted(getattr(rules, name))
    data["COMMON_WORDS"] = sorted(rules.common_words())
    words = [word for word in tagged._frequencies()._freq  # noqa: SLF001 - the table tagged's look-ups read
             if all(HAN[0] <= c <= HAN[1] for c in word)]
    surnames = rules.SURNAMES
    # is_other_word is asked about 2-3 characters starting with a surname (a candidate name).
    data["OTHER_WORDS"] = sorted(w for w in words if 2 <= len(w) <= 3 and (w[0] in surnames or w[:2] in surnames)
                                 and tagged.is_other_word(w))
    # is_common_non_place about 2 characters before 区县市 (and, with a higher bar, 镇乡).
    data["COMMON_NON_PLACES"] = sorted(w for w in words if len(w) == 2 and tagged.is_common_non_place(w, "区"))
    data["COMMON_NON_TOWNS"] = sorted(w for w in words if len(w) == 2 and tagged.is_common_non_place(w, "镇"))
    # is_known_place about the name before a place suffix (at most the longest MAX_NAME).
    longest = max(max(rules.MAX_NAME.values()), 4)
    data["KNOWN_PLACES"] = sorted(w for w in words if 2 <= len(w) <= longest and tagged.is_known_place(w))
    return data
