"""The fast "valid" check (fastjsonschema) agrees with jsonschema on mutated data documents.

hooks.data.schemas.check trusts the fast check only when it says "valid"; so it must never call valid
what jsonschema rejects. Where it is stricter, jsonschema decides (and gives the message), and
the only cost is time; the known case is `$` in a pattern, which fastjsonschema reads as end of
text while Python's re (and jsonschema) also match before a final newline ("slug\\n").
"""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from hooks.data.library import FOLDERS, SINGLE_FILES
from hooks.data.loader import load_document
from hooks.data.schemas import _fast_is_valid, validator

DATA = Path(__file__).resolve().parent.parent / "data"
SCHEMAS = DATA / "schema"
MUTATIONS_PER_FILE = 200

# Values that sit on the edges of our schemas: types, bools as numbers, integral floats, empty and
# blank text, control characters, lone surrogates, slugs with a final newline, enum neighbours.
ODD_VALUES = [None, True, False, 0, 1, -1, 2023, 2023.0, 2.5, "", " ", "\t", "\n", "x", "x\n", "a-b",
              "a-b\n", "-a", "A", "a_b", "\x01", "\x7f", "a\x0bb", "\ud800", "文本\udfff", "班子", "个人",
              "问题", "街道", "通用", "某", [], ["x"], [""], [1], {}, {"text": "x"}]


def plain(value: object) -> object:
    """A mutable copy as plain dicts and lists."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def containers(value: object) -> list[object]:
    found = []
    if isinstance(value, (dict, list)):
        found.append(value)
        for item in (value.values() if isinstance(value, dict) else value):
            found += containers(item)
    return found


def mutate(document: object, rng: random.Random) -> None:
    """One random edit somewhere in the document: replace, delete, add or duplicate."""
    target = rng.choice(containers(document))
    keys = list(target) if isinstance(target, dict) else list(range(len(target)))
    action = rng.choice(("replace", "replace", "replace", "delete", "add", "duplicate", "text"))
    if action == "add" or not keys:
        if isinstance(target, dict):
            target[rng.choice(["extra", "titel", "id", "source", "draft", "each"])] = rng.choice(ODD_VALUES)
        else:
            target.append(rng.choice(ODD_VALUES))
        return
    key = rng.choice(keys)
    if action == "delete":
        del target[key]
    elif action == "duplicate" and isinstance(target, list):
        target.insert(key, plain(target[key]))
    elif action == "text" and isinstance(target[key], str):
        target[key] += rng.choice(["\n", " ", "\x00", "\ud83d", "A", "-", "某"])
    else:
        target[key] = plain(rng.choice(ODD_VALUES))


def data_files() -> list[tuple[Path, str]]:
    files = [(DATA / name, schema) for name, schema in SINGLE_FILES.items()]
    for folder, schema in FOLDERS.items():
        files += [(path, schema) for path in sorted((DATA / folder).glob("*.y*ml"))[:3]]
    return files


@pytest.mark.parametrize(("path", "schema"), data_files(), ids=lambda p: getattr(p, "name", p))
def test_fast_valid_only_when_jsonschema_valid(path: Path, schema: str) -> None:
    rng = random.Random(f"{path.name}:{schema}")
    original = load_document(path, path.name).content
    fast, full = _fast_is_valid(SCHEMAS, schema), validator(SCHEMAS, schema)
    assert fast(original) and full.is_valid(original), f"{path} should be valid as committed"
    verdicts = {"both valid": 0, "both invalid": 0, "only jsonschema valid": 0}
    for _ in range(MUTATIONS_PER_FILE):
        document = plain(original)
        for _ in range(rng.randint(1, 3)):
            mutate(document, rng)
        is_fast, is_full = fast(document), full.is_valid(document)
        assert not (is_fast and not is_full), f"fast check calls valid what jsonschema rejects: {document!r}"
        verdicts["both valid" if is_fast else "both invalid" if not is_full else "only jsonschema valid"] += 1
    # The fuzz must reach both verdicts, and disagreements stay rare (the `$` case above).
    assert verdicts["both valid"] and verdicts["both invalid"], verdicts
    assert verdicts["only jsonschema valid"] <= MUTATIONS_PER_FILE // 20, verdicts


def test_pattern_edges_agree_except_final_newline() -> None:
    """Direct checks on the two patterns: lookahead, surrogate range, control characters."""
    fast, full = _fast_is_valid(SCHEMAS, "dimensions"), validator(SCHEMAS, "dimensions")
    for text in ["正文", " \t正文", "a\nb", "", " ", "\n\t", "a\x00", "a\x1f", "a\x7f", "a\ud800", "a\udfff",
                 "a\U0001f600", "a\x0b", "a\u3000"]:
        document = {"dimensions": [{"id": "a-b", "title": text, "description": "说明"}]}
        assert fast(document) == full.is_valid(document), repr(text)
    for slug in ["a-b", "A", "-a", "a_b", "a b", "1a"]:
        document = {"dimensions": [{"id": slug, "title": "标题", "description": "说明"}]}
        assert fast(document) == full.is_valid(document), repr(slug)
    document = {"dimensions": [{"id": "a-b\n", "title": "标题", "description": "说明"}]}
    assert full.is_valid(document) and not fast(document)  # stricter, never looser
