"""Load and check the labelled evaluation set (benchmarks/eval/{tune,holdout,seeds}).

Each document is NAME.txt (the search excerpt, unedited) + NAME.yaml (labels); a seed is only
NAME.yaml with `seed: FILE`, its text read from the shared seeds folder (see seed_dirs()).
Shared by benchmarks/ingest_eval.py and benchmarks/privacy_real_eval.py.

`python benchmarks/eval/labels.py` checks every label file against its text (types, meeting and
aspect ids, item/opinion starts present, personal counts, keep words present) and prints a summary.
"""
from __future__ import annotations

import os
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

EVAL_DIR = Path(__file__).resolve().parent
REPO_DIR = EVAL_DIR.parent.parent
SPLITS = ("tune", "tune2", "tune3", "tune4", "tune5", "tune6", "holdout", "holdout2", "seeds")
TYPES = ("班子对照检查材料", "个人对照检查材料", "会议记录", "相互批评意见", "通知", "新闻报道", "主持词",
         "组织生活会材料", "其他")
PARTS = ("问题", "原因", "措施", "批评意见", "整改情况", "征求意见", "自我批评")
UNKNOWN_ASPECT = "unknown"  # an item whose aspect cannot be read from the document: not scored


def seed_dirs() -> list[Path]:
    """Where seed texts may live: $EVAL_SEEDS_DIR, then shared/seeds next to the worktree."""
    dirs = [Path(os.environ["EVAL_SEEDS_DIR"])] if os.environ.get("EVAL_SEEDS_DIR") else []
    dirs += [REPO_DIR.parent / "shared" / "seeds", REPO_DIR.parent.parent / "shared" / "seeds",
             Path("/work/shared/seeds")]
    return dirs


@dataclass
class Doc:
    split: str
    name: str
    text_path: Path
    text: str
    labels: dict
    occurrences: list[tuple[int, int, str, str]] = field(default_factory=list)  # start, end, text, category

    @property
    def type(self) -> str:
        return self.labels["type"]

    @property
    def key(self) -> str:
        return f"{self.split}/{self.name}"


def find_all(text: str, needle: str) -> list[int]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + len(needle))
    return out


def personal_occurrences(text: str, personal: list[dict]) -> list[tuple[int, int, str, str]]:
    occ = []
    for p in personal or []:
        for i in find_all(text, p["text"]):
            occ.append((i, i + len(p["text"]), p["text"], p["category"]))
    return sorted(occ)


def seed_text_path(name: str) -> Path:
    for d in seed_dirs():
        if (d / name).is_file():
            return d / name
    raise FileNotFoundError(f"seed {name} not found in {', '.join(map(str, seed_dirs()))} (set EVAL_SEEDS_DIR)")


def load_split(split: str) -> list[Doc]:
    docs = []
    for label_path in sorted((EVAL_DIR / split).glob("*.yaml")):
        labels = yaml.safe_load(label_path.read_text(encoding="utf-8"))
        if "seed" in labels:
            text_path = seed_text_path(labels["seed"])
        else:
            text_path = label_path.with_suffix(".txt")
        text = text_path.read_text(encoding="utf-8")
        doc = Doc(split, label_path.stem, text_path, text, labels)
        doc.occurrences = personal_occurrences(text, labels.get("personal"))
        docs.append(doc)
    return docs


def load(splits: str | list[str] = "all") -> list[Doc]:
    names = SPLITS if splits == "all" else ([splits] if isinstance(splits, str) else splits)
    return [doc for s in names for doc in load_split(s)]


# ------------------------------------------------------------------ normalisation shared by the scripts

NUMBERING = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、．.]|\d+[、．.]|"
                       r"[一二三四五六七八九十][是要]|第[一二三四五六七八九十]+[，,、]?|[①②③④⑤⑥⑦⑧⑨⑩])")
PUNCT = re.compile(r"[\s\u3000，。、；：！？,.;:!?“”\"'‘’「」『』（）()《》〈〉【】\[\]—…·\-]")
PLACEHOLDER = re.compile(r"[×xX*＊某]|成员[A-Za-zＡ-Ｚ]?|同志")


def norm(text: str) -> str:
    """NFKC, no whitespace, no numbering prefix, no punctuation (for prefix comparison)."""
    text = unicodedata.normalize("NFKC", text or "").strip()
    for _ in range(2):
        text = NUMBERING.sub("", text.lstrip()).lstrip()
    return PUNCT.sub("", text)


def norm_role(name: str | None) -> str:
    """A speaker/receiver as a comparable role: NFKC, no spaces, no 同志 suffix."""
    if not name:
        return ""
    name = PUNCT.sub("", unicodedata.normalize("NFKC", name))
    return re.sub(r"同志$", "", name)


# ------------------------------------------------------------------ validation

def validate(doc: Doc, meetings: dict[str, set[str]]) -> list[str]:
    lab, text, problems = doc.labels, doc.text, []
    if "seed" not in lab and not str(lab.get("url", "")).startswith("http"):
        problems.append("url missing")
    if lab.get("accessed") != "2026-11-28":
        problems.append("accessed must be \"2026-11-28\"")
    if lab.get("type") not in TYPES:
        problems.append(f"type {lab.get('type')!r}")
    meeting = lab.get("meeting")
    if meeting is not None and meeting not in meetings:
        problems.append(f"meeting {meeting!r} not in data/meetings")
    aspect_ids = meetings.get(meeting, set())
    for a in lab.get("aspects_in_order") or []:
        if a is not None and a not in aspect_ids:
            problems.append(f"aspect {a!r} is no aspect of {meeting}")
    for key in ("items", "opinions"):
        for it in lab.get(key) or []:
            if it.get("starts") not in text:
                problems.append(f"{key}: starts {it.get('starts')!r} not in text")
            if key == "items":
                if it.get("part") not in PARTS:
                    problems.append(f"item part {it.get('part')!r}")
                a = it.get("aspect")
                if a not in (None, UNKNOWN_ASPECT) and a not in aspect_ids:
                    problems.append(f"item aspect {a!r} is no aspect of {meeting}")
    for p in lab.get("personal") or []:
        n = len(find_all(text, p["text"]))
        if n != p.get("count"):
            problems.append(f"personal {p['text']!r}: count {p.get('count')} but {n} in text")
        if p.get("category") not in ("person", "place", "unit", "doc_number", "address", "phone", "email", "id_number"):
            problems.append(f"personal {p['text']!r}: category {p.get('category')!r}")
    for k in lab.get("keep") or []:
        if k not in text:
            problems.append(f"keep {k!r} not in text")
    return problems


def load_meetings() -> dict[str, set[str]]:
    out = {}
    for path in sorted((REPO_DIR / "data" / "meetings").glob("*.yaml")):
        m = yaml.safe_load(path.read_text(encoding="utf-8"))
        out[m["id"]] = {a["id"] for a in m.get("aspects") or []}
    return out


def main() -> int:
    meetings = load_meetings()
    bad = 0
    from collections import Counter
    for split in SPLITS:
        docs = load_split(split)
        types = Counter(d.type for d in docs)
        print(f"{split}: {len(docs)} documents — " + ", ".join(f"{t} {n}" for t, n in types.items()))
        for doc in docs:
            for p in validate(doc, meetings):
                print(f"  {doc.key}: {p}")
                bad += 1
    print("ok" if not bad else f"{bad} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
