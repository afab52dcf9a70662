"""Synthetic data sets for the build benchmark, in the same YAML layout as data/.

The reference data (meetings, sources, dimensions, outlines, schemas, privacy word lists) is
copied from data/; N example and case records are added. Their Chinese text is recombined from
the clauses of the real records in data/examples and data/cases, so wording, character mix and
field lengths are those of real records, and every text passes the anonymisation checker.
About 8 % of the records are cases; the rest spread over meetings, aspects, parts, levels and
units. Records go into files of 200, as imports from many sources would.

Usage: .venv/bin/python -m benchmarks.generate N OUT_DIR   (then MSH_DATA_DIR=OUT_DIR mkdocs build)
"""
from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from hooks.privacy import checker as privacy  # noqa: E402

DATA = REPO_ROOT / "data"
COPIED = ("sources.yaml", "dimensions.yaml", "privacy_exceptions.yaml", "review_rules.yaml")
COPIED_DIRS = ("meetings", "outlines", "schema", "privacy")
PER_FILE = 200
CASE_SHARE = 0.08
PARTS = ("问题", "问题", "问题", "问题", "原因", "措施", "措施", "批评意见", "自我批评", "整改情况", "征求意见")
PARTS_UNDER_ASPECT = {"问题", "批评意见", "自我批评", "整改情况"}
LEVELS = ("班子", "个人")
UNITS = ("街道", "乡镇", "社区", "机关部门", "国有企业", "学校", "医院", "事业单位", "县区党委", "通用")
TEXT_FIELDS = ("text", "instance", "situation", "analysis", "lessons")
_CLAUSE_END = re.compile(r"(?<=[，；。：！？])")


class Corpus:
    """Clauses and field lengths of the real records, to recombine into new texts."""

    def __init__(self, data_dir: Path = DATA) -> None:
        self.clauses: list[str] = []
        self.titles: list[str] = []
        self.lengths: dict[str, list[int]] = {name: [] for name in TEXT_FIELDS}
        self.tags: list[str] = []
        for folder, key in (("examples", "examples"), ("cases", "cases")):
            for path in sorted((data_dir / folder).glob("*.yaml")):
                for raw in yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)[key]:
                    self._add(raw)
        if not self.clauses:
            raise SystemExit(f"no example or case text under {data_dir} to build sentences from")

    def _add(self, raw: dict) -> None:
        self.titles.append(raw["title"])
        self.tags += raw.get("tags") or []
        for name in TEXT_FIELDS:
            text = raw.get(name)
            if text:
                self.lengths[name].append(len(text))
                self.clauses += [c for c in _CLAUSE_END.split(text) if len(c) > 3 and not privacy.scan(c)]

    def text(self, rng: random.Random, field: str) -> str:
        """Clauses joined up to the length of a random real text of this field."""
        target = rng.choice(self.lengths[field] or self.lengths["text"])
        for _ in range(20):
            parts: list[str] = []
            while sum(map(len, parts)) < target:
                parts.append(rng.choice(self.clauses))
            text = "".join(parts).rstrip("，；：") + ("" if parts[-1][-1] in "。！？" else "。")
            if not privacy.scan(text):  # clauses side by side can form a name; draw again
                return text
        raise RuntimeError("could not draw a text that passes the anonymisation checker")


def generate(count: int, out_dir: Path, seed: int = 2025, data_dir: Path = DATA) -> Path:
    """Write a data folder with `count` records to out_dir (created); return out_dir."""
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        shutil.copy2(data_dir / name, out_dir / name)
    for name in COPIED_DIRS:
        shutil.copytree(data_dir / name, out_dir / name, dirs_exist_ok=True)
    for name in ("examples", "cases"):
        (out_dir / name).mkdir(exist_ok=True)
    corpus = Corpus(data_dir)
    meetings = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((data_dir / "meetings").glob("*.yaml"))]
    dimensions = [d["id"] for d in yaml.safe_load((data_dir / "dimensions.yaml").read_text(encoding="utf-8"))["dimensions"]]
    source = _authored_source(data_dir)

    cases = [_case(rng, corpus, meetings, i) for i in range(count) if rng.random() < CASE_SHARE]
    examples = [_example(rng, corpus, meetings, dimensions, i) for i in range(count - len(cases))]
    _write(out_dir / "examples", "examples", examples, source)
    _write(out_dir / "cases", "cases", cases, source)
    return out_dir


def _authored_source(data_dir: Path) -> str:
    sources = yaml.safe_load((data_dir / "sources.yaml").read_text(encoding="utf-8"))["sources"]
    return next((s["id"] for s in sources if s["kind"] == "authored"), sources[0]["id"])


def _common(rng: random.Random, corpus: Corpus, meeting: dict, prefix: str, index: int,
            under_aspect: bool) -> dict:
    aspects = meeting.get("aspects") or []
    aspect = rng.choice(aspects)["id"] if aspects and under_aspect else None
    return {"id": f"{prefix}-{index:05d}", "meeting": meeting["id"], "aspect": aspect,
            "level": rng.choice(LEVELS), "unit": rng.choice(UNITS), "title": rng.choice(corpus.titles)}


def _tags(rng: random.Random, corpus: Corpus) -> list[str]:
    return sorted(set(rng.sample(corpus.tags, min(len(corpus.tags), rng.randint(2, 4)))))


def _example(rng: random.Random, corpus: Corpus, meetings: list[dict], dimensions: list[str],
             index: int) -> dict:
    part = rng.choice(PARTS)
    record = _common(rng, corpus, rng.choice(meetings), "bx", index,
                     part in PARTS_UNDER_ASPECT and rng.random() < 0.9)
    record["part"] = part
    if record["aspect"] is None:  # an item under no aspect still belongs to a dimension or two
        record["dimensions"] = rng.sample(dimensions, rng.randint(1, 2))
    record["text"] = corpus.text(rng, "text")
    if rng.random() < 0.6:
        record["instance"] = corpus.text(rng, "instance")
    record["tags"] = _tags(rng, corpus)
    return record


def _case(rng: random.Random, corpus: Corpus, meetings: list[dict], index: int) -> dict:
    record = _common(rng, corpus, rng.choice(meetings), "bc", index, rng.random() < 0.85)
    for name in ("situation", "analysis", "lessons"):
        record[name] = corpus.text(rng, name)
    record["tags"] = _tags(rng, corpus)
    return record


def _write(folder: Path, key: str, records: list[dict], source: str) -> None:
    for start in range(0, len(records), PER_FILE):
        chunk = records[start:start + PER_FILE]
        text = yaml.safe_dump({"source": source, key: chunk}, allow_unicode=True, sort_keys=False, width=1000)
        (folder / f"bench-{start // PER_FILE:03d}.yaml").write_text(
            "# Synthetic records for benchmarks/run.py (recombined from data/; not content)\n" + text,
            encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of example and case records")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args(argv)
    generate(args.count, args.out_dir, args.seed)
    print(f"{args.count} records written to {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
