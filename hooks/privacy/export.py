"""The personal-data checker's rules as plain data, for the browser (自查, assets/review.js).

export() is the one place the browser's copy of the rules comes from: every upper-case constant
of rules.py and checker.py (word lists, patterns, limits: a rule added there reaches the browser
with no change here), the word lists of the data folder (rules.WORD_LISTS, the common words) and
the dictionary look-ups the rule-based scan makes (tagged.is_other_word, is_common_non_place,
is_known_place), cut to the words those look-ups can be asked about. The part-of-speech tagger
(tagged.names, jieba's HMM) has no browser form: the browser applies scan(text, use_jieba=False),
and so does the Python twin of 自查 when it compares with the browser.

Going through jieba's 500,000 words takes 1.5 s; the result is kept in the temp folder under
hooks/privacy/cache.py's key (the checker's code, the word lists, the dictionary, the gazetteer).
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from hooks.privacy import cache, checker, gazetteer, rules, tagged
from hooks.text.patterns import module_rules

HAN = ("\u4e00", "\u9fff")


def export() -> dict[str, Any]:
    data = {**module_rules(rules), **module_rules(checker)}
    for name in rules.WORD_LISTS:  # read on first use, not module constants until then
        data[name] = sorted(getattr(rules, name))
    data["COMMON_WORDS"] = sorted(rules.common_words())
    data["DIVISIONS"] = sorted(gazetteer.full_names())  # the national standard's places (gazetteer.py)
    stored = Path(tempfile.gettempdir()) / f"msh-privacy-lookups-{cache.key()}.json"
    try:
        return {**data, **json.loads(stored.read_text(encoding="utf-8"))}
    except (OSError, ValueError):
        pass
    lookups = _lookups(data)
    try:  # written whole, then renamed: a build running meanwhile never reads half a file
        partial = stored.with_name(f"{stored.name}.{os.getpid()}.tmp")
        partial.write_text(json.dumps(lookups, ensure_ascii=False), encoding="utf-8")
        os.replace(partial, stored)
    except OSError:
        pass  # a read-only temp folder: the same data, not kept
    return {**data, **lookups}


def _lookups(data: dict[str, Any]) -> dict[str, list[str]]:
    words = [word for word in tagged.lexicon()._freq  # noqa: SLF001 - the table tagged's look-ups read
             if all(HAN[0] <= c <= HAN[1] for c in word)]
    surnames = set(data["SURNAMES"]) | set(data["RARE_SURNAMES"])
    longest = max(max(rules.MAX_NAME.values()), 4)
    return {
        # is_other_word is asked about 2-3 characters starting with a surname (a candidate name).
        "OTHER_WORDS": sorted(w for w in words if 2 <= len(w) <= 3 and (w[0] in surnames or w[:2] in surnames)
                              and tagged.is_other_word(w)),
        # is_common_non_place about 2 characters before 区县市 (and, with a higher bar, 镇乡).
        "COMMON_NON_PLACES": sorted(w for w in words if len(w) == 2 and tagged.is_common_non_place(w, "区")),
        "COMMON_NON_TOWNS": sorted(w for w in words if len(w) == 2 and tagged.is_common_non_place(w, "镇")),
        # is_known_place about the name before a place suffix (at most the longest MAX_NAME).
        "KNOWN_PLACES": sorted(w for w in words if 2 <= len(w) <= longest and tagged.is_known_place(w)),
    }
